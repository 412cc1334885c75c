"""Markdown pipe tables (as hwp-hwpx-parser renders them) → searchable row passages.

A row becomes ``caption › label: header value · header value …``. Merged cells
come out of the parser as *short rows* (fewer cells than the widest row): a
short header row is a sub-header under the spanning cells above it, and a short
body row whose first cell is a value continues the row label above it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from indexer.ingest.outline import BASIS_LINE, is_short_title
from indexer.segmentation import names_only
from indexer.text import OUTLINE_LETTERS, ROMAN_NUMERALS, join_spaced_letters

__all__ = [
    "Table",
    "parse_table",
    "find_tables",
    "boxed_heading",
    "caption_of",
    "row_passages",
    "table_passages",
    "continued",
    "row_series",
    "goal_series",
    "year_named",
    "column_series",
    "record_name",
    "split_spanning_head",
    "is_unit_line",
    "NAME_KEYS",
    "TOTALS",
    "UNIT_WORD",
]

MAX_CHARS = 400
_SEP = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_UNIT = re.compile(r"(?:[(\[]|^)\s*단\s*위\s*[:：]\s*(.*?)\s*[)\]]?\s*$")  # (a yearbook's ``단위 : 명`` bare)
# A figure, a dash, or a check mark alone (``○``, ``●``, ``×``, ``✓``: a schedule's or a checklist's cell).
_VALUE = re.compile(
    r"^[\s(]*[△▲▽▼+\-−]?\s*[\d,.]+\s*(?:%|[가-힣]{0,3})?[\s)]*$|^[-–—]$|^[○●◎◯◐◑△▲×✕✓✔]$"
    # a time, a span of hours and a date (``18:00~23:00``, ``20~21시``, ``2025. 7. 1.``): values, never a key; a task
    # number or a band (``1-1``, ``20~29세``, ``1~4분기``) stays a label
    r"|^\d{1,2}(?::\d{2}|\s*시)?\s*[~∼–-]\s*\d{1,2}(?::\d{2}|\s*시)$|^\d{1,2}:\d{2}$|^\d{4}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.?)?$"
)
_NUMBER = re.compile(r"^[\s(]*[△▲▽▼+\-−]?\s*\d[\d,.]*\s*%?[\s)]*$")
_CAPTION = re.compile(
    # ``< 참고 > 국가 AI 컴퓨팅 센터 개요`` titles the table under it; ``<참고> 세부 내역은 붙임 참조`` refers, it is no title.
    r"^(?:[<〈‹《]\s*(?:참고|붙임)\s*\d*\s*[>〉›》]\s*(?!.*(?:참조|바랍니다|[다함음임]\.?)\s*$)(.{1,60})|"
    r"[<〈‹《]\s*표\s*(?:\d+[.\-])*\d*\s*[>〉›》]\s*(.{1,60})|<\s*(.{1,60}?)\s*>|〈\s*(.{1,60}?)\s*〉|"
    r"【\s*표\s*(?:\d+[.\-])*\d*\s*】\s*(.{1,60})|\[\s*표\s*(?:\d+[.\-])*\d*\s*\]\s*(.{1,60})|표\s*(?:\d{1,2}[.\-])*\d{1,2}\s*[.:]\s*(.{1,60}))$"
)
_MARKED_TITLE = re.compile(
    r"^(?:□|■|◆|\d{1,2}\s*[.)]|\(\s*\d{1,2}\s*\)|[" + OUTLINE_LETTERS + r"]\s*[.)]|\(\s*[" + OUTLINE_LETTERS + r"]\s*\)"
    r"|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.?)\s*(.{1,60})$"
)
# ``○ 월별 추진일정`` right over its table: a short circle item that states nothing (no colon, no sentence) names it.
_BULLET_TITLE = re.compile(r"^[○ㅇ◦❍▪]\s*([^:：.!?]{2,25}?)\s*$")
# A long numbered line with an object (``2) 협상적격자 중 기술평가 점수와 가격평가 점수를 합산한 고득점 순으로 협상``)
# says what is done, it titles no table.
_CLAUSE = re.compile(r"^(?=.{31,}).*[가-힣][을를]\s")
_PLAIN_TITLE = re.compile(r"^(?:(?:19|20)\d{2}\s*년\s+)?[가-힣A-Za-z][^:：.!?()\[\]<>|]{1,28}$")  # (``2024년 연령대별 …`` too)
_IMAGE = re.compile(r"\[IMAGE\]")
# ``참고 2 주요 과제별·연도별 추진일정`` over a table names it.
_ANNEX_TITLE = re.compile(
    r"^(?:(?:붙\s*임|별\s*첨|참\s*고|부\s*록)\s*\d{0,2}\.?|[\[【]\s*별\s*(?:표|지)[^\]】]{0,12}[\]】](?:\s*[<〈][^<>〈〉]{1,30}[>〉])?)\s+(.{1,60})$"
)
_ANNEX_LABEL = re.compile(r"^(?:붙\s*임|별\s*첨|참\s*고|부\s*록)\s*\d{0,2}\.?$")  # ``붙임 1`` alone: no title, nor any line above it
_NOTE = re.compile(r"^(?:※|\*{1,3})")
# What a table's own title ends on (``… 업종별 현황``, ``… 답변 목록``, ``… 위원 명단``).
_TABLE_NOUN = re.compile(r"(?:현황|내역|실적|목록|명단|추이|총괄|명세|일정|결과|기준|분포|비교|구성|지표|통계|요약|단가)$")
# A bilingual yearbook's English line under a caption or a unit note (``Population Trends``, ``Unit : person``).
_TRANSLATION = re.compile(r"^[A-Za-z][^가-힣]*$")
# A press release's masthead fields in its contact box (``배포일시 | 2025. 3. 13. | 사진 | 있음(2매)``): the metadata
# reads the date; they say nothing to search for. The contact fields beside them (담당부서, 담당자) stay, and in
# any other table (an RFP's ``분량 | A4 30쪽 이내``) every field stays.
_RELEASE_KEY = re.compile(r"^(?:보도(?:시점|일시|일자)?|배포(?:일시|일자)?|엠바고|사진|매수|자료|쪽수|분량|총쪽수)$")
_RELEASE_DATE = re.compile(r"^(?:보도(?:시점|일시|일자)?|배포(?:일시|일자)?|엠바고)$")  # what makes the box a masthead
#: ``(본예산 기준)`` between a table and its title: the title is still the caption.
_BASIS = re.compile(BASIS_LINE + r"\s*$")


@dataclass(frozen=True)
class Table:
    """Header rows (already spread over ``width`` columns) and body rows."""

    header: tuple[tuple[str, ...], ...]
    body: tuple[tuple[str, ...], ...]
    width: int
    caption: str | None = None
    unit: str | None = None
    columns: tuple[str, ...] = field(default=())
    #: the sub-header of each column under a spanning one (``물량``, ``예산`` under ``2023년``), when the table has them
    subs: tuple[str, ...] = field(default=())


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    parts = re.split(r"(?<!\\)\|", inner)
    return [join_spaced_letters(" ".join(_IMAGE.sub(" ", p).replace("\\|", "|").split())) for p in parts]


def find_tables(lines: Sequence[str]) -> list[range]:
    """Index ranges of runs of pipe-table lines (``| … |``)."""
    out: list[range] = []
    start = None
    for i, line in enumerate([*lines, ""]):
        is_row = line.strip().startswith("|")
        if is_row and start is None:
            start = i
        elif not is_row and start is not None:
            out.append(range(start, i))
            start = None
    return out


def _is_value(cell: str) -> bool:
    return bool(_VALUE.match(cell))


def boxed_heading(lines: Sequence[str]) -> str | None:
    """The title of a one-row "title box" table (``| Ⅰ. 개 요 |``, ``| 1 | 성 과 |``), else None."""
    rows = [_cells(ln) for ln in lines if not _SEP.match(ln.strip())]
    if len(rows) != 1:
        return None
    cells = [c for c in rows[0] if c]
    text = " ".join(cells)
    if not cells or len(cells) > 3 or len(text) > 80:
        return None
    return text


def caption_of(preceding: Sequence[str]) -> tuple[str | None, str | None]:
    """(caption, unit) from the few lines before a table, nearest first wins."""
    caption: str | None = None
    unit: str | None = None
    for k, line in enumerate(reversed([ln.strip() for ln in preceding if ln.strip() and not _TRANSLATION.match(ln.strip())][-3:])):
        nearest = k == 0
        if unit is None and (m := _UNIT.search(line)):
            unit = m.group(1).strip() or None
            rest = line[: m.start()].strip()
            if not rest:
                continue
            line = rest
        if caption is None:
            if _ANNEX_LABEL.match(line):
                break
            if m2 := _CAPTION.match(line):
                caption = next(g for g in m2.groups() if g)
            elif (m3 := _MARKED_TITLE.match(line) or _ANNEX_TITLE.match(line)) and not _CLAUSE.search(m3.group(1)) and (
                    is_short_title(m3.group(1))):  # (not a sentence: ``□ … 집행액은 1,184억원으로 … 10.5%를 차지함``)
                caption = m3.group(1).strip()
            elif (m4 := _BULLET_TITLE.match(line)) and is_short_title(m4.group(1)):
                caption = m4.group(1).strip()
                if caption.startswith("(") and caption.endswith(")"):
                    caption = caption[1:-1].strip()  # ㅇ (인증절차); not ㅇ 선정 평가 기준(100점), whose parenthesis stays
            elif _PLAIN_TITLE.match(line) and is_short_title(line) and (
                    unit is not None or nearest and _TABLE_NOUN.search(line) and names_only(line)):
                # a title with no mark over its unit note (``공통 경비 기준단가`` / ``(단위: 원)``), or one right over the
                # table that says it is one (``선정 기업 업종별 현황``; not a cover's ``농림축산식품부`` over its box)
                caption = line
            elif not (_NOTE.match(line) or _BASIS.match(line)):
                break  # a caption sits right above its table (a note or a basis may come between), not further up
        if caption:
            break
    if caption and unit is None and (m := _UNIT.search(caption)):
        unit = m.group(1).strip() or None
    return caption, unit


def is_unit_line(line: str) -> bool:
    """``(단위: 백만원)`` and nothing else."""
    m = _UNIT.search(line.strip())
    return m is not None and not line.strip()[: m.start()].strip()


def _spread(top: list[str], sub: list[str], width: int) -> list[str]:
    """Column names for a header row ``top`` with a shorter sub-header row ``sub`` under it."""
    left = max(width - len(sub), 0)
    cols = [top[i] if i < len(top) else "" for i in range(left)]
    spanning = top[left:] or [""]
    per = max(len(sub) // len(spanning), 1)
    for j, s in enumerate(sub):
        parent = spanning[min(j // per, len(spanning) - 1)]
        cols.append(" ".join(x for x in (parent, s) if x))
    return cols


def _spans_text(text: str) -> bool:
    """A text long enough to be said across a table, not a name or a figure: 12 characters or more, words in it."""
    return len(text) >= 12 and " " in text and not _NUMBER.match(text)


def _banner(row: Sequence[str]) -> bool:
    """A first row of a label and one long text merged across every other column (as the readers repeat it)."""
    rest = set(row[1:])
    return len(row) >= 3 and bool(row[0]) and len(rest) == 1 and len(text := next(iter(rest))) >= 12 and " " in text and not _NUMBER.match(text)


def parse_table(lines: Sequence[str], caption: str | None = None, unit: str | None = None) -> Table:
    """A table from its pipe lines; short rows are aligned as merged cells."""
    rows = [_cells(ln) for ln in lines if ln.strip().startswith("|") and not _SEP.match(ln.strip())]
    if rows and (only := {c for c in rows[0] if c}) and len(only) == 1 and (m := _UNIT.search(next(iter(only)))):
        unit, rows = unit or m.group(1).strip(), rows[1:]  # a "(단위: 백만원)" row above the header
    if not rows:
        return Table((), (), 0, caption, unit)
    if len(rows) > 2 and len(rows[0]) >= 2 and len(set(rows[0])) == 1 and _spans_text(rows[0][0]):
        # ``| 비전 : 시민이 믿고 맡기는 청렴 한내 목표 : … | < |`` over the strategies' grid: one text across the table, a
        # row of its own (as the header, it named the columns and was never read)
        rest = parse_table(["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows[1:]], caption, unit)
        return replace(rest, body=((rows[0][0], *("",) * (rest.width - 1)), *rest.body))
    if _key_value(rows[0]) and not _names_columns(rows[0]):
        rows = _keys_merged_down(rows)
    width = max(len(r) for r in rows)
    if any(_SERIAL_NUMBER.match(c) for c in rows[0][1:]):
        # A number no column is named by (a bill's ``| 의 안 번 호 | 2207415 | 발의연월일 : … |``, merged down beside
        # the 발의자 row): the rows are the table's own, with no header over them.
        body = [tuple(r + [""] * (width - len(r))) for r in rows]
        return Table((), tuple(body), width, caption, unit, ("",) * width)
    if (
        _banner(rows[0])
        and not (len(rows) > 1 and _names_spans(_repeats_blank(rows[0]), rows[1]))
        and not any(_key_value(_spans_out(r)) for r in rows[1:])  # a record's name merged across: its pairs follow
    ):
        # ``| 비 전 | 사람 중심, 막힘없는 교통도시 수원 | < | < |``: a label and one text across the table (a plan's vision
        # box) heads no column; every row is a label and its texts.
        body = [tuple(r + [""] * (width - len(r))) for r in rows]
        return Table((), tuple(body), width, caption, unit, ("",) * width)
    header = [rows[0]]
    i = 1
    while i < len(rows) and len(rows[i]) == width == len(header[-1]) and (merged := _header_repeat(header[-1], rows[i])):
        header[-1] = merged  # a header cell merged down over two rows comes out as the same text twice
        i += 1
    subs: tuple[str, ...] = ()
    # (a span the reader repeats in each column it covers, ``| 구분 | 2022년 | 2022년 |``, is a span left empty)
    top = _repeats_blank(header[-1])
    if i < len(rows) and len(rows[i]) == width == len(top) and _names_spans(top, rows[i]):
        subs = ("", *rows[i][1:])
        header[-1] = _under_spans(top, rows[i])  # ``2023년`` over ``물량 | 예산``, both rows full width
        i += 1
    while i < len(rows) and len(rows[i]) < width and not any(_NUMBER.match(c) for c in rows[i]):
        header.append(rows[i])
        i += 1
    columns = header[0] + [""] * (width - len(header[0])) if len(header) == 1 else header[0]
    for sub in header[1:]:
        columns = _spread(columns, sub, width)
    body: list[tuple[str, ...]] = []
    compared = _compares(header[0])
    for r in rows[i:]:
        if len(r) < width and body and r and _NUMBER.match(r[0]):
            r = list(body[-1][: width - len(r)]) + r  # a value-only row continues the label above
        elif r and not r[0] and body and not compared:
            r = _merged_down(r, body[-1])
        body.append(tuple(r + [""] * (width - len(r))))
    if len(header) == 1:
        columns, body, width = _drop_spread_columns(columns, body)
        header = [columns]
    header, columns, body, width = _drop_serial_column(header, columns, body)
    h = width // 2
    if len(header) == 1 and width >= 4 and width % 2 == 0 and _squeeze(columns[:h]) == _squeeze(columns[h:]):
        # Two copies of the same table side by side (| 직급 | 정원 | 직급 | 정원 |): stack them.
        body = [half for r in body for half in (r[:h], r[h:]) if any(half)]
        return Table((tuple(columns[:h]),), tuple(body), h, caption, unit, tuple(columns[:h]))
    return Table(tuple(map(tuple, header)), tuple(body), width, caption, unit, tuple(columns), subs if len(subs) == width else ())


def _header_repeat(top: Sequence[str], row: Sequence[str]) -> list[str] | None:
    """``top`` and ``row`` merged into one header row when ``row`` repeats it (vertically merged
    header cells: ``| 구 분 | 2021년 (A) | … |  |`` over ``| 구 분 | 2021년 (A) | … | % |``), else None.

    ``row`` repeats ``top`` when it has no figures and most of its cells equal the cell above;
    the cells that differ are sub-headers (``예산`` under ``2022년``) or fill an empty cell.
    """
    if any(_NUMBER.match(c) for c in row):
        return None
    filled = [j for j, c in enumerate(row) if c]
    same = sum(1 for j in filled if _squeeze([row[j]]) == _squeeze([top[j]]))
    if not filled or same * 2 <= len(filled):
        return None
    return [a if _squeeze([a]) == _squeeze([b]) or not b else b if not a else f"{a} {b}" for a, b in zip(top, row)]


def split_spanning_head(texts: Sequence[str]) -> tuple[list[str], list[str], list[int]] | None:
    """A table whose first rows each hold one cell spanning all but the label column (a work plan's vision chart:
    ``| 비 전 | X | X | X |``, ``| 목 표 | Y | Y | Y |``, as the readers repeat a merged cell) over a grid of its own
    (``| 추진전략 | 전략 1 | 전략 2 | … |``): the spanning rows as a table of pairs (``비전: X · 목표: Y``; a label merged
    down over several rows is one pair of their texts), the grid with its first row as header, and how many spanning
    rows each pair reads; None when the table does not start so."""
    rows = [(k, _cells(t)) for k, t in enumerate(texts) if not _SEP.match(t.strip())]
    head = 0
    # (a label merged down over several texts, ``목 표`` over ①, ②, ③, is repeated by the readers or left empty)
    while head < len(rows) and len(c := rows[head][1]) >= 3 and (c[0] or head) and c[1] and len(set(c[1:])) == 1:
        head += 1
    if head < 2 or len(rows) - head < 2:
        return None  # one such row is a header over a merged column (``| 구분 | 주요 내용 | 주요 내용 |``), not a chart
    cells = [c for _, c in rows]
    if all(len(set(c[1:])) == 1 or _sub_labelled(cells, i) for i, c in enumerate(cells) if i >= head):
        return None  # a card of pairs (a requirement's 상세설명 with its 정의 and 세부 내용 beside): one record, no grid
    labelled: list[list[str]] = []  # [label, its texts …], one for each label
    for _, c in rows[:head]:
        if labelled and c[0] in ("", labelled[-1][0]):
            labelled[-1].append(c[1])
        else:
            labelled.append([c[0], c[1]])
    pairs = [f"| {label} | {' '.join(text)} |" for label, *text in labelled]
    grid = [texts[k] for k, _ in rows[head:]]
    width = len(rows[head][1])
    return [pairs[0], "|---|---|", *pairs[1:]], [grid[0], "|" + "---|" * width, *grid[1:]], [len(t) for _, *t in labelled]


def _names_spans(top: Sequence[str], row: Sequence[str]) -> bool:
    """``row`` is a sub-header row under ``top``'s spanning cells, both written full width: ``| 구분 | 2023년 |  |
    2024년 |  |`` over ``|  | 물량 | 예산 | 물량 | 예산 |`` — no figures, the label cell empty (merged down) or
    repeated, and a name under each cell a span left empty. A column's name may stand over both rows, its cell
    below left empty (a budget's ``| 2022 결산 | 2023 예산 |  | …`` over ``|  | 본예산(A) | 추경 | …``); a spanning
    cell's own first column is named below like the rest of its span."""
    if any(_NUMBER.match(c) for c in row) or (row[0] and row[0] != top[0]) or not any(top[1:]):
        return False
    spans = [j for j in range(1, len(top)) if not top[j]]
    starts = {max(k for k in range(1, j) if top[k]) for j in spans if any(top[1:j])}
    return bool(spans) and all(row[j] for j in (*spans, *starts))


def _repeats_blank(top: Sequence[str]) -> list[str]:
    """A header row with each cell that repeats the one on its left (past the label column) left empty."""
    return [c if j < 2 or c != top[j - 1] else "" for j, c in enumerate(top)]


def _under_spans(top: Sequence[str], row: Sequence[str]) -> list[str]:
    """Column names: each sub-header under the spanning cell it sits under (``2023년 물량``, ``2023년 예산``)."""
    out = [top[0] or row[0]]
    parent = ""
    for a, b in zip(top[1:], row[1:]):
        parent = a or parent
        out.append(" ".join(x for x in (parent, b) if x))
    return out


def _drop_spread_columns(
    columns: list[str], body: list[tuple[str, ...]]
) -> tuple[list[str], list[tuple[str, ...]], int]:
    """Drop a column that repeats its left neighbour in the header and in every row: one cell
    spanning two columns, which the parser writes twice (``| 2022년 (B) | 2022년 (B) |``)."""
    keep = [0] if columns else []
    for j in range(1, len(columns)):
        k = keep[-1]
        twin = columns[j] and _squeeze([columns[j]]) == _squeeze([columns[k]])
        if not (twin and body and all(r[j] == r[k] for r in body)):
            keep.append(j)
    if len(keep) == len(columns):
        return columns, body, len(columns)
    return [columns[j] for j in keep], [tuple(r[j] for j in keep) for r in body], len(keep)


#: A column that only numbers the rows (``순번``, ``연번``, ``No.``): never a row's label.
_SERIAL = frozenset({"순번", "연번", "번호", "순", "no", "no."})


def _drop_serial_column(header: list, columns: list[str], body: list[tuple[str, ...]]) -> tuple[list, list[str], list, int]:
    """``| 순번 | 사업명 | 2023 | 2024 |`` over ``| 1 | 스마트도시 | 300 | 450 |``: the row is labelled by its
    name, not by its number (a number as label also hid the row's series from the targets)."""
    if len(columns) < 3 or _squeeze(columns[:1])[0].lower() not in _SERIAL or not body:
        return header, columns, body, len(columns)
    # (a total row under the numbers, its label spanning the number's column: ``| 합 계 | < | < | 1,790,000 |``)
    if not all(re.fullmatch(r"\d{1,4}\.?", r[0].strip()) or not r[0].strip() or _spanned_total(r) for r in body):
        return header, columns, body, len(columns)
    # (a total alone in the number's column keeps its label in the next: ``| 합계 |  | 300 |`` → ``합계: 300``)
    body = [(r[0], *r[2:]) if len(r) > 1 and not r[1].strip() and r[0].strip() else r[1:] for r in body]
    return [h[1:] for h in header], columns[1:], body, len(columns) - 1


def _spanned_total(row: Sequence[str]) -> bool:
    """A total's label merged across the number's column and the next (``| 합 계 | < | < | 1,790,000 |``), or alone in
    the number's column beside an empty cell (``| 합계 |  | 300 |``)."""
    return len(row) > 1 and (label := "".join(row[0].split())) in TOTALS and "".join(row[1].split()) in (label, "")


def _squeeze(cells: Sequence[str]) -> list[str]:
    return ["".join(c.split()) for c in cells]


def _pairs(row: Sequence[str], columns: Sequence[str]) -> list[str]:
    """``column value`` for each filled cell. A text cell the readers repeat across columns (a span, or the
    same entry twice: ``2분기 집중 수거 | 3분기 집중 수거``) is read once, under all its columns
    (``2분기·3분기 집중 수거``)."""
    groups: list[tuple[list[str], str]] = []
    prev = None
    for col, val in zip(columns, row):
        if val and val != col:
            if val == prev and not _is_value(val) and groups:
                if col and col not in groups[-1][0]:
                    groups[-1][0].append(col)
            else:
                groups.append(([col] if col else [], val))
        prev = val
    return [f"{_spanned(cols)} {val}" if cols else val for cols, val in groups]


def _spanned(columns: list[str]) -> str:
    """Columns a cell spans, their shared words once: ``추진일정 2019 상·하``, ``2분기·3분기``."""
    words = [c.split() for c in columns]
    shared = 0
    while all(len(w) > shared + 1 and w[shared] == words[0][shared] for w in words):
        shared += 1
    return " ".join([*words[0][:shared], "·".join(" ".join(w[shared:]) for w in words)])


def _runs(cells: Sequence[str]) -> list[str]:
    """Non-empty cells with horizontal text repeats (one spanned cell) read once."""
    out: list[str] = []
    for c in cells:
        if c and (not out or out[-1] != c or _is_value(c)):
            out.append(c)
    return out


_ITEM_START = re.compile(r"\s+(?=[ㅇ○❍□■◦▪•]\s)")


def _items(text: str) -> list[str]:
    """A cell holding several bulleted items (``ㅇ a ㅇ b``) → one text per item."""
    return [t for t in _ITEM_START.split(text) if t.strip()]


_HEADER_WORDS = frozenset(
    "구분 항목 내용 분야 연도 년도 사업 비고 대상 주요내용 세부내용 추진내용 과제 기관 일정 시기".split()
)


#: A cell that names a column (``과제명``, ``주관부서``, ``사업기간``, ``비고``): a first row of nothing else
#: is a header over records, not a key–value record (``| 사업명 | 주관부서 |`` over ``| 디지털 전환 | 정보화과 |``).
_COLUMN_NAME = re.compile(
    r"^[가-힣]{0,6}(?:명|명칭|부서|부처|기관|기간|일정|시기|담당|담당자|비고|구분|내용|대상|금액|예산|사업비|비용|방법|방식"
    r"|장소|목적|규모|분야|유형|형태|주체|연도|년도|단위|번호|코드|연락처|근거|지표|목표|실적|기준|요건|조건|위치|면적|기한"
    r"|직위|직급|직책|소속|전화|전화번호|이메일|결과|사유|여부|의견)$"
    # Words that end many a value too (``청년창업지원사업``, ``지역균형발전계획``, ``교통부문``): names only whole.
    r"|^(?:사업개요|개요|사항|계획|현황|회계|소관|부문|사업|단위사업|세부사업|내역사업|프로그램)$"
)
#: Columns of a budget explanation's code line (``| 코드 | 회계 | 단위사업 | 세부사업 |``).
_CODE_LINE = frozenset("코드 사업코드 회계 소관 분야 부문 프로그램 단위사업 세부사업 내역사업".split())
#: A document or record number (``2207415``): five digits or more (so never a year) and no separators.
_SERIAL_NUMBER = re.compile(r"^\d{5,}$")
#: Row labels that only say "total".
TOTALS = frozenset("계 합계 총계 소계 총액 전체".split())


def _names_columns(row: Sequence[str]) -> bool:
    return all(len(k := "".join(c.split())) <= 10 and _COLUMN_NAME.match(k) for c in row)


def _key_value(row: Sequence[str]) -> bool:
    """``| 사업명 | X | 사업기간 | Y |``: an even number of cells, every key a short label."""
    keys = row[0::2]
    return len(row) % 2 == 0 and any(row[1::2]) and all(k and len(k) <= 15 and not _is_value(k) for k in keys)


def _keys_merged_down(rows: list[list[str]]) -> list[list[str]]:
    """Key–value rows with an empty key over a value take the key above: a key cell merged down over two
    rows (``| 담당 부서 | 농촌정책국 | 책임자 | … |`` over ``|  | 농촌정책과 | 담당자 | … |``, as a PDF gives it)."""
    out = [rows[0]]
    for r in rows[1:]:
        above = out[-1]
        if any(r[2::2]) and any(r[0::2]):  # a row of two or more pairs that names some of its keys itself
            r = [above[j] if j % 2 == 0 and not c and j + 1 < len(r) and r[j + 1] and j < len(above) else c for j, c in enumerate(r)]
        out.append(r)
    # Only a table of pairs throughout: a header over figures (``| 구분 | 합계 | 국비 | … |`` over ``| 2026년 | 80 |  |
    # …``) has empty cells that are empty.
    return out if all(_key_value(r) for r in out) else rows


#: A header of two versions side by side (a bill's 신ㆍ구조문대비표: ``| 현 행 | 개 정 안 |``): no row label and its
#: values, no key and its value, and an empty cell is no text merged down (a new paragraph has no old one).
_BEFORE_COLUMNS = frozenset({"현행", "현행규정", "현행조문", "종전", "변경전", "기존"})
_AFTER_COLUMNS = frozenset({"개정안", "개정", "개정후", "개정규정", "변경후", "변경안", "개선", "개선안", "신설"})


def _compares(header: Sequence[str]) -> bool:
    """``| 현 행 | 개 정 안 |``: a header of the text before and after a change (``| 기존 | 3개소 |`` is a key and its value)."""
    keys = ["".join(c.split()) for c in header[:2]]
    return len(keys) == 2 and keys[0] in _BEFORE_COLUMNS and keys[1] in _AFTER_COLUMNS


_PROSE_CHARS = 40  # a first-column cell this long is text under its column, not a row's name


def _prose_first_column(table: Table) -> bool:
    """``| 현황 | 대책 |`` over sentences: the first column holds text, not row labels, so its name is as much
    the row's as the second's (``현황 □ 노후 하수관로 … · 대책 □ 정밀조사 확대``, not ``□ 노후 하수관로 …: 대책 …``).
    A first column named by a generic word (구분, 내용) or holding names (사업명, 과제) keeps its cells as labels."""
    name = "".join(table.columns[0].split()) if table.columns else ""
    firsts = [r[0] for r in table.body if r and r[0]]
    if not name or name in _HEADER_WORDS or _is_value(name) or not firsts:
        return False
    return sum(len(c) >= _PROSE_CHARS for c in firsts) * 2 >= len(firsts)


def _spans_out(row: Sequence[str]) -> list[str]:
    """A row of a key and one value spanning the rest (``| 요구사항 명칭 | X | X | X |``, as the readers repeat a
    merged cell) → ``[key, X]``: a form's row under a first row of two pairs (``| 요구사항 분류 | 기능 |
    요구사항 고유번호 | SFR-001 |``). Other rows as they are; a mark or a figure in every column (``| 계획 수립 | ● |
    ● | ● |`` in a schedule) is one in each, not a cell merged across them."""
    if len(row) >= 3 and row[0] and row[1] and not _is_value(row[1]) and all(c == row[1] for c in row[2:]):
        return [row[0], row[1]]
    return list(row)


def _kv_rows(table: Table) -> list[list[str]]:
    """The rows as key–value pairs: a key merged down beside sub-labels (a requirement card's ``| 요구사항 상세설명 |
    정의 | … |`` over ``| ^ | 세부 내용 | … |``, as the readers repeat the key) is one key with each sub-label."""
    rows = [*table.header, *table.body]
    out: list[list[str]] = []
    i = 0
    while i < len(rows):
        if i + 1 < len(rows) and _labels_over_values(rows[i], rows[i + 1]):
            # ``| 재 원 | 국비 | 도비 | 시비 |`` over ``| 재 원 | 31억원 | 9억원 | 56억원 |`` (the key merged down): a pair each
            out.append([c for label, value in zip(rows[i][1:], rows[i + 1][1:]) for c in (f"{rows[i][0]} {label}", value)])
            i += 2
            continue
        out.append([f"{rows[i][0]} {rows[i][1]}", rows[i][2]] if _sub_labelled(rows, i) else _spans_out(rows[i]))
        i += 1
    return out


def _labels_over_values(r: Sequence[str], below: Sequence[str]) -> bool:
    """A key merged down beside a row of its parts' names over a row of their values (a card's 재원 by source)."""
    parts = r[1:]
    return (len(r) == len(below) >= 3 and bool(r[0]) and below[0] == r[0] and len(set(parts)) == len(parts)
            and all(c and not _is_value(c) and len("".join(c.split())) <= 8 for c in parts)
            and all(_is_value(c) for c in below[1:]))


def _sub_labelled(rows: Sequence[Sequence[str]], i: int) -> bool:
    r = rows[i]
    if len(r) != 3 or not all(r) or r[1] == r[2] or _is_value(r[1]) or len("".join(r[1].split())) > 8:
        return False
    return any(0 <= j < len(rows) and len(rows[j]) == 3 and rows[j][0] == r[0] and rows[j][1] not in (r[1], rows[j][2])
               for j in (i - 1, i + 1))


#: How often one "key" may recur in a key–value record (a key cell merged down beside two rows is read in each).
_KEY_REPEATS = 2


def _is_kv_table(table: Table) -> bool:
    """Every row is key–value pairs and the first row is not a column header (구분 | 내용)."""
    rows = _kv_rows(table)
    first = "".join(table.header[0][0].split()) if table.header and table.header[0] else ""
    if table.width == 2 and len(table.columns) == 2 and not _is_value(table.columns[1]):
        if any(_NUMBER.match(r[1]) for r in table.body):
            return False  # | 직급 | 정원 | over | 서기관 | 1 |: a header over numbers
    if table.body and table.header and _names_columns(table.header[0]):
        return False  # | 과제명 | 담당 | over | 디지털 전환 | 정보화과 |: a header over records
    if table.header and _compares(table.header[0]):
        return False  # | 현 행 | 개 정 안 |: two versions side by side
    if table.header and len(table.body) >= 2 and any(_counted(table, j) for j in range(1, len(table.header[0]), 2)):
        return False  # | 질의 위원 | 질의요지 | 소관 | 쪽 | over | 김도윤 위원 | … | 1 |: a header over records
    keys = Counter("".join(k.split()) for r in rows for k in r[0::2] if k)
    if keys and max(keys.values()) > _KEY_REPEATS:
        return False  # | 주문진항 | 강릉시 … | 북방파제 | 1987 | C | 10월 | row after row: a record names each field once
    above: Sequence[str] | None = None
    for r in rows:
        if not (_key_value(r) or _merged_pair(r, above)):
            return False
        above = _filled(r, above)
    return first not in _HEADER_WORDS and len(table.header) == 1


#: A column that counts or pages its records (``쪽``, ``건수``, ``인원``): a header's word over numbers only.
_COUNT_COLUMN = re.compile(r"^(?:쪽|페이지|면|쪽수|건수|건|인원|명|순위|순번|번호|개소|횟수|부수)$")


def _counted(table: Table, j: int) -> bool:
    """Column ``j`` pages or counts the records under a header of short column names (``| 질의 위원 | 질의요지 | 소관
    실·국 | 쪽 |``): every record's value there is a number. A key–value record's first row holds values, often words
    (``| 사업명 | 서진 중앙도서관 건립 | 위치 | 서진시 중앙동 |``), so no count noun heads its value columns."""
    head = "".join(table.header[0][j].split()) if j < len(table.header[0]) else ""
    names = all(len("".join(c.split())) <= 6 and not _is_value(c) for c in table.header[0][1::2])
    return names and _COUNT_COLUMN.match(head) is not None and all(j < len(r) and _NUMBER.match(r[j]) for r in table.body)


def _blank_pairs(row: Sequence[str]) -> set[int]:
    return {j for j in range(0, len(row) - 1, 2) if not row[j] and not row[j + 1]}


def _filled(row: Sequence[str], above: Sequence[str] | None) -> Sequence[str]:
    """``row`` with each empty pair taken from ``above`` (a pair merged down over it): a third row under a merged
    pair is under that pair too."""
    if above is None or len(above) != len(row):
        return row
    blank = _blank_pairs(row)
    return [above[j] if j - j % 2 in blank else c for j, c in enumerate(row)]


def _merged_pair(row: Sequence[str], above: Sequence[str] | None) -> bool:
    """Pairs but for a key and its value both merged down from the row above, which fills them (a release's
    contact box: ``| 담당 부서 | 기초생활보장과 | 과장 김은하 | 044-… |`` over ``|  |  | 사무관 서동진 | 044-… |``;
    ``above`` the row above with its own merged pairs filled, so a pair merged over three rows counts)."""
    blank = _blank_pairs(row)
    if not blank or above is None or len(above) != len(row) or not all(above[j] and above[j + 1] for j in blank):
        return False
    return _key_value([c for j, c in enumerate(row) if j - j % 2 not in blank])


#: Keys that name a project or task, by tier: a key–value table opening with one is that project's
#: record. A 단위사업 holds 세부사업 (or 사업, 과제), which hold 내역사업 (or 세부과제).
NAME_KEYS: dict[str, int] = {
    **dict.fromkeys(("단위사업명", "단위사업", "프로그램명", "성과목표명"), 0),
    **dict.fromkeys(("세부사업명", "세부사업", "사업명", "사업명칭", "과제명", "관리과제명", "관리과제", "프로젝트명"), 1),
    **dict.fromkeys(("내역사업명", "내역사업", "세부과제명"), 2),
}


def record_name(table: Table) -> tuple[int, str] | None:
    """``(1, "사업명: 스마트팜 ICT 융복합 확산")`` for a key–value table whose first key names a project
    (``| 사업명 | 스마트팜 ICT 융복합 확산 | 사업코드 | 1234-301 |``; the tier of :data:`NAME_KEYS`), else
    None. A budget explanation opens each project with such a record and then repeats ``1. 사업 개요``,
    ``2. 예산 내역``: the name is what tells those sections apart."""
    if table.width < 2:
        return None
    if not _is_kv_table(table):
        # A budget explanation's code line: ``| 코드 | 회계 | 단위사업 | 세부사업 |`` over one row; the most
        # specific name column names the project.
        if len(table.body) != 1 or table.width < 3 or not table.columns:
            return None  # a two-column summary (``| 사업명 | 사업개요 |``) lists, it opens nothing
        keys = ["".join(c.split()) for c in table.columns]
        if sum(k in _CODE_LINE for k in keys) < 2:
            return None  # a one-row list of projects (``| 세부사업 | 2024 예산 |``), not a code line
        for tier, key, j in sorted(((NAME_KEYS[k], k, j) for j, k in enumerate(keys) if k in NAME_KEYS), reverse=True):
            value = " ".join(table.body[0][j].split()) if j < len(table.body[0]) else ""
            if value and len(value) <= 60 and not _is_value(value) and "".join(value.split()) not in TOTALS:
                return tier, f"{key}: {value}"
        return None
    rows = _kv_rows(table)
    if "".join(rows[0][0].split()) not in NAME_KEYS:
        return None  # a record opens with its name
    # The most specific name it gives (``| 단위사업 | 농촌개발 | 세부사업 | 농촌주거개선 |``: the 세부사업).
    pairs = [("".join(k.split()), " ".join(v.split())) for row in rows for k, v in zip(row[0::2], row[1::2])]
    named = [(NAME_KEYS[k], -i, k, v) for i, (k, v) in enumerate(pairs) if k in NAME_KEYS and v]
    tier, _, key, value = max(named, default=(0, 0, "", ""))
    if not value or len(value) > 60 or _COLUMN_NAME.match("".join(value.split())):
        return None  # ``| 사업명 | 사업개요 |``: a header, not a project
    return tier, f"{key}: {value}"


def row_passages(table: Table, max_chars: int = MAX_CHARS) -> list[str]:
    """One text per body row (several for a wide row, each keeping the row label)."""
    prefix = " › ".join(x for x in (table.caption, f"(단위: {table.unit})" if table.unit else None) if x)
    out: list[str] = []
    if table.width > 1 and _is_kv_table(table):
        # One record (사업명 · 사업기간 · 사업금액, a requirement's 번호 · 명칭 · 정의): its pairs stay together,
        # so each value keeps the name of what it describes.
        pairs = [(k, v) for row in _kv_rows(table) for k, v in zip(row[0::2], row[1::2]) if v]
        keys = ["".join(k.split()) for k, _ in pairs]
        masthead = any(_RELEASE_DATE.match(k) for k in keys)  # a press release's box, not an RFP's 분량 · 사진
        # A key equal to its value is one cell merged across the row read twice (``보도자료`` over a masthead).
        parts = [k if k == v else f"{k}: {v}" for (k, v), key in zip(pairs, keys) if not (masthead and _RELEASE_KEY.match(key))]
        # (a pair merged down beside two rows, ``담당부서`` beside 담당자 and 연락처, is read in each: once is enough)
        parts = list(dict.fromkeys(parts))
        name = next((x for x in parts if _NAME_KEY.search(x[:20]) and len(x) <= 60), None)
        return _pack(prefix, "", parts, max_chars, carry=name)
    if table.width <= 1 or (not table.body and len(table.header) <= 1):
        texts = [" · ".join(c for c in r if c) for r in (*table.header, *table.body)]
        return [_join(prefix, t) for t in texts if t]
    if _parallel_lists(table):
        # | 전략 1 | 전략 2 | … | over text: each column is one list, read down under its name.
        return [t for j, name in enumerate(table.columns) for t in _pack(prefix, name, _column_cells(table, j), max_chars)]
    if any(_runs(r) for r in table.body) and all(len(_runs(r)) <= 1 for r in table.body):
        # A layout box (a banner over full-width text cells): its rows are prose, titled by the banner.
        title = _join(prefix, " ".join(_runs([c for r in table.header for c in r])))
        return [_join(title, piece) for r in table.body for c in _runs(r) for piece in _items(c)]
    compared = _compares(table.columns) or _prose_first_column(table)
    for row, above in zip(table.body, _ancestors(table.body), strict=True):
        if compared:
            # 현행 | 개정안, 현황 | 대책: no row label, each text under its column's name
            out.extend(_pack(prefix, "", _pairs(row, table.columns), max_chars))
            continue
        if len(_runs(row)) == 1:
            # one cell spanning the row, or a budget book's 산출기초 under its 편성목 (``○ … = 100,000천원``)
            out.extend(_join(_join(prefix, above) if above else prefix, piece) for piece in _items(_runs(row)[0]))
            continue
        k = 1 + _label_span(row)  # (a label merged across the next columns is the label, read once)
        label = row[0]
        if k == 1 and (span := 1 + _label_span(table.columns)) > 1 and not any(_is_value(c) for c in row[1:span]):
            # ``| 구 분 | < |`` over ``| 자체수입 | 지방세 | … |``: the label is both columns (``자체수입 지방세``)
            label, k = " ".join(dict.fromkeys(c for c in row[:span] if c)), span
        cells = [c for c in row[k:] if c]
        generic = "".join(table.columns[1].split()) in _HEADER_WORDS if len(table.columns) > 1 else True
        if (table.width == 2 and generic) or (len(cells) == 1 and table.width > 3):
            parts = cells  # "구분 | 내용", or one cell spanning the row: no column names
        else:
            parts = _pairs(row[k:], table.columns[k:])
        out.extend(_pack(_join(prefix, above) if above else prefix, label, parts, max_chars))
    out = [t for t in out if t]
    if not out and table.header:
        # A blank form (a header over empty rows) still says what it asks for.
        out = [t for t in (_join(prefix, " · ".join(_runs(h))) for h in table.header) if t]
    return out


def _label_span(row: Sequence[str]) -> int:
    """How many cells after a row's label repeat it: the readers repeat a cell merged across columns in each
    (``| 합계 | 합계 | 6,220 |`` under ``구분 | 연도 | 금액``)."""
    if not row[0] or _is_value(row[0]):
        return 0
    return next((j for j, c in enumerate(row[1:]) if c != row[0]), len(row) - 1)


# A budget book's row labels say their level: ``[정책]`` › ``[단위]`` › ``[세부]`` › ``[내역]`` 사업, a 편성목 code
# (``201-01 사무관리비``), then a bulleted 산출기초 (``○ 카드 제작 … = 540,000천원``).
_ROW_LEVELS = (
    (re.compile(r"^\[\s*정책\s*\]"), 0), (re.compile(r"^\[\s*단위\s*\]"), 1), (re.compile(r"^\[\s*세부\s*\]"), 2),
    (re.compile(r"^\[\s*내역\s*\]"), 3), (re.compile(r"^\d{3}-\d{2}\s"), 4), (re.compile(r"^[○ㅇ◦·-]\s"), 5),
)
_LEVEL_TAG = re.compile(r"^\[\s*(?:정책|단위|세부|내역)\s*\]\s*")


def _row_level(label: str) -> int | None:
    return next((lv for pat, lv in _ROW_LEVELS if pat.match(label)), None)


def _ancestors(body: Sequence[Sequence[str]]) -> list[str]:
    """For each body row, the labels of the rows it nests under (``청년 창업 활성화 › 청년 창업 지원``), when
    its first column is a budget book's ladder of levels (two tagged levels or more); else empty strings."""
    levels = [_row_level(row[0]) if row else None for row in body]
    if len({lv for lv in levels if lv is not None and lv < 4}) < 2:
        return _under_projects(body, levels) if sum(lv == 4 for lv in levels) >= 2 else _under_groups(body)
    out: list[str] = []
    open_: list[tuple[int, str]] = []
    for row, lv in zip(body, levels, strict=True):
        if lv is None:
            out.append("")
            continue
        while open_ and open_[-1][0] >= lv:
            open_.pop()
        out.append(" › ".join(name for _, name in open_))
        if lv < 5:
            open_.append((lv, _LEVEL_TAG.sub("", row[0]).strip()))
    return out


#: A budget row's source of funds (``국비``, ``군비``): a part of the project's sum, never a project.
_FUNDS = frozenset("국비 도비 시비 군비 구비 시군비 시도비 지방비 기금 자부담 민간 균특 특별교부세".split())


def _under_projects(body: Sequence[Sequence[str]], levels: Sequence[int | None]) -> list[str]:
    """A budget book's ladder with untagged levels (``일자리경제과`` › ``함께 일하는 일자리 도시`` › … › ``신중년
    사회공헌활동 지원``, then its ``301-01 일반보상금`` and ``201-01 사무관리비``): each 편성목 row under the last named row
    above it, the project it prices (the depth of the untagged rows above that one cannot be told)."""
    out: list[str] = []
    project = ""
    for row, lv in zip(body, levels, strict=True):
        label = row[0] if row else ""
        if lv is None and label and not _is_value(label) and "".join(label.split()) not in TOTALS | _FUNDS:
            project = label
        out.append(project if lv is not None and lv >= 4 else "")
    return out


def _under_groups(body: Sequence[Sequence[str]]) -> list[str]:
    """A table that opens on a row merged across it (``| 7. 14.(화) | < |``) and has another such row further down:
    the rows under each (``| 15:30 | 호우주의보 발효 … |``) under its label; else empty strings."""
    spans = [len(row) >= 2 and bool(row[0]) and all(c == row[0] for c in row[1:]) for row in body]
    if not spans or not spans[0] or sum(spans) < 2 or all(spans):
        return [""] * len(body)
    out: list[str] = []
    group = ""
    for row, span in zip(body, spans, strict=True):
        group = row[0] if span else group
        out.append("" if span else group)
    return out


# A column named by a word and its number (``전략 1``, ``1분기``, ``목표 Ⅱ``, ``과제②``).
_ORDINAL = re.compile(rf"\d{{1,2}}|[{ROMAN_NUMERALS}]|[①-⑳]")


def _parallel_lists(table: Table) -> bool:
    """Whether the columns are parallel lists: every column is named by one word and its own number
    (``전략 1 | 전략 2 | 전략 3``; no label column), and the cells under them are mostly text, not figures."""
    names = ["".join(c.split()) for c in table.columns]
    if len(names) < 2 or not all(names) or len(set(names)) < len(names):
        return False
    stems = {_ORDINAL.sub("", n) for n in names}
    if len(stems) != 1 or not re.fullmatch(r"[가-힣A-Za-z]{1,6}", stem := stems.pop()) or stem in _SERIAL:
        return False
    cells = [c for r in table.body for c in r if c]
    return bool(cells) and sum(map(_is_value, cells)) * 2 < len(cells)


def _column_cells(table: Table, j: int) -> list[str]:
    """The cells of column ``j`` from the top down (a cell merged down, read once)."""
    out: list[str] = []
    for row in table.body:
        if row[j] and (not out or row[j] != out[-1]):
            out.append(row[j])
    return out


def _join(prefix: str, text: str) -> str:
    return f"{prefix} › {text}" if prefix and text else text


#: A record's key that names it (``사업명``, ``요구사항 명칭``, ``요구사항 고유번호``, ``사업코드``).
_NAME_KEY = re.compile(r"(?:명|명칭|번호|코드)\s*:")


def _pack(prefix: str, label: str, parts: list[str], max_chars: int, carry: str | None = None) -> list[str]:
    """``prefix › label: a · b · c``, split into chunks of at most ``max_chars`` keeping the label; each chunk after the
    first opens with ``carry`` where it fits (the pair that names a record: ``요구사항 고유번호: SER-003``, or a later
    chunk's ``30일 이내 조치`` would say nothing of which requirement it sets)."""
    head = _join(prefix, f"{label}:" if label and parts else label)
    if not parts:
        return [head] if label else []
    out: list[str] = []
    cur: list[str] = []
    room = max_chars - len(head) - 1
    for p in parts:
        if len(p) > room:
            p = p[: max(room - 1, 20)] + "…"
        if cur and len(" · ".join([*cur, p])) > room:
            out.append(f"{head} {' · '.join(cur)}".strip())
            cur = [carry] if carry and p != carry and len(carry) + 3 + len(p) <= room else []
        cur.append(p)
    out.append(f"{head} {' · '.join(cur)}".strip())
    return out


def table_passages(lines: Sequence[str], preceding: Sequence[str] = (), max_chars: int = MAX_CHARS) -> list[str]:
    """Row passages for one pipe table; caption and unit come from ``preceding`` lines."""
    caption, unit = caption_of(preceding)
    return row_passages(parse_table(lines, caption, unit), max_chars)


def _looks_like_header(row: Sequence[str]) -> bool:
    cells = [c for c in row if c]
    return bool(cells) and sum(_is_value(c) for c in cells) * 2 < len(cells)


def _merged_down(row: Sequence[str], above: Sequence[str]) -> list[str]:
    """``row`` under a label merged down over it: its empty label cell is the label above; so are the empty cells
    before its first text in a ladder of label columns (``| 정책사업 | 단위사업 | 세부사업 |`` over ``|  |  | 경로당
    냉난방비 |``)."""
    k = next((j for j, c in enumerate(row) if c), len(row))
    k = k if k < len(row) and not _NUMBER.match(row[k]) else 1
    return [*above[:k], *row[k:]]


def continued(prev: Table, t: Table) -> Table | None:
    """``prev`` with ``t``'s rows when ``t`` continues it (same width, no caption of its own, its header
    repeated or a data row read as a header); None when ``t`` is a table of its own."""
    if t.width != prev.width or (t.caption and t.caption != prev.caption):
        return None
    if t.header == prev.header:
        extra = t.body
    elif not t.header or not _looks_like_header(t.header[0]):
        extra = (*(tuple(r + ("",) * (t.width - len(r))) for r in t.header), *t.body)
    else:
        return None
    if extra and prev.body and not extra[0][0] and any(extra[0]) and not (prev.header and _compares(prev.header[0])):
        # a label merged down over the page break: the rows on the next page are under it until one has its own
        extra = list(extra)
        for i, r in enumerate(extra):
            if r[0]:
                break
            extra[i] = tuple(_merged_down(r, extra[i - 1] if i else prev.body[-1]))
    return Table(prev.header, (*prev.body, *extra), prev.width, prev.caption, prev.unit, prev.columns)


#: A year in a column header: ``2021년 (A)``, ``’24 예산안``, ``2022``.
_HEADER_YEAR = re.compile(r"(?<![\d.])(?:((?:19|20)\d{2})|['‘’`](\d{2}))(?![\d.])")


def _number(cell: str) -> float | None:
    """``1,622`` → 1622.0, ``△112`` / ``(△4.9)`` → negative; anything else None."""
    if not _NUMBER.match(cell):
        return None
    text = cell.replace(",", "").strip(" ()%")
    sign = -1.0 if text[:1] in "△▽▼-−" else 1.0
    try:
        return sign * float(text.lstrip("△▲▽▼+-− "))
    except ValueError:
        return None


#: Words of a budget or plan stage beside a column's year (``’23 본예산``, ``2023 국회확정``): two
#: columns of one year that differ only by these are two versions of the year's one figure.
_STAGE_WORDS = frozenset(
    "년 년도 회계연도 결산 예산 본예산 추경 추경예산 예산안 정부안 국회확정 확정 확정예산 계획 실적 목표 잠정 전망 "
    "당초 수정 최종 요구 요구안 편성".split()
)
#: A remarks column (its name's last word, spaces removed): ``2025년 비고`` holds no figure of 2025.
_REMARKS = re.compile(r"(?:비고|참고|산출근거|출처)$")
#: The version of a year's figure a budget table compares (``’23 추경(A)``, ``2023 국회확정``).
_FINAL_MARK = re.compile(r"추경|확정|\(\s*[A-Z]\s*\)")


def _year_columns(table: Table) -> dict[int, int]:
    """``{column: year}`` for the columns headed by exactly one year, one column per year.

    A year in two columns keeps one when every such column names only the year and a budget stage
    (``’23 본예산 | ’23 추경(A)``): the one marked 추경 / 확정 / (A), else the later. A year split
    into periods or measures (``1분기``, ``상반기``, ``1월``, ``금액 | 비중``) gives no columns.
    """
    years: dict[int, int] = {}
    for j, col in enumerate(table.columns[1:], 1):
        if (year := _one_year(col)) is not None and not _REMARKS.search("".join(col.split())):
            years[j] = year
    if len(set(years.values())) == len(years):
        return years
    words = (re.findall(r"[가-힣]+|[A-Za-z]+", _HEADER_YEAR.sub(" ", table.columns[j])) for j in years)
    if not all(w in _STAGE_WORDS or re.fullmatch(r"[A-Z]", w) for ws in words for w in ws):
        return {}
    keep: dict[int, int] = {}  # year -> column
    for j, y in years.items():  # left to right: a later column replaces an earlier one unless only that one is marked
        if y not in keep or _FINAL_MARK.search(table.columns[j]) or not _FINAL_MARK.search(table.columns[keep[y]]):
            keep[y] = j
    return {j: y for y, j in keep.items()}


#: A unit a row label may end with, in parentheses (``참여 인원(명)``, ``증가율(%)``, ``사업비(단위: 억원)``):
#: a counter, optionally scaled. Other parentheses name (``기본경비(총액인건비)``, ``국비(R&D)``).
UNIT_WORD = re.compile(
    r"(?:%p?|‰|(?:(?:천|백|십)?(?:조|억|만)|천)?(?:원|달러|불|명|인|개소|개사|개국|개교|개월|개|건수|건|곳|대|회|횟수"
    r"|종|톤|점|호|기|채|가구|세대|어절|시간|일|년|배|ha|km|㎞|㎢|㎡|kWh|MW|GW|kW)|(?:천|백|십)?(?:조|억|만)"
    # a measure per volume, area or time (``초미세먼지 농도(㎍/㎥)``, ``처리용량(톤/일)``), or one of its own
    r"|(?:㎍|㎎|㎏|μg|mg|kg|ppm|ℓ|L|㎥|톤|명|건|대|회)(?:/(?:㎥|m³|㎡|ℓ|L|일|월|년|시간|명|가구|인))?)"
)
_LABEL_UNIT = re.compile(r"\(\s*(?:단\s*위\s*[:：]\s*)?([^(),]{1,12}?)\s*(?:,\s*([^()]{1,20}?)\s*)?\)\s*$")


def _label_unit(label: str) -> tuple[str, str | None]:
    """A label and the unit in parentheses that ends it: ``참여 인원(명)`` → ``(참여 인원, 명)``; a remark after the
    unit stays with the name (``감축률(%, ’18년 대비)`` → ``(감축률 (’18년 대비), %)``); ``(label, None)`` without one."""
    m = _LABEL_UNIT.search(label)
    if not (m and m.start() > 0 and UNIT_WORD.fullmatch(word := "".join(m.group(1).split()))):
        return label, None
    if m.group(2) and UNIT_WORD.fullmatch("".join(m.group(2).split())):
        return label, None  # two units (``(명, %)``): neither is the row's alone
    name = label[: m.start()].rstrip()
    return (f"{name} ({m.group(2)})" if m.group(2) else name), word

_RATE_LABEL = re.compile(r"(?:[률율]|비중|%)\s*(?:\(.*\))?$")
# Words ending in 률/율 that are no rate (a count of 법률 by type, an exchange rate, 에너지 효율).
_NOT_RATE = re.compile(r"(?:법률|환율|효율|자율|규율|선율|운율)\s*(?:\(.*\))?$")
# A unit note's parts: split at commas, not inside a figure (``1,000원``).
_UNIT_PARTS = re.compile(r"\s*,\s*(?!\d{3}(?!\d))")

Points = tuple[tuple[int, float], ...]


class Series(NamedTuple):
    """A row's series: the ``label`` its row passage starts with, and the ``details`` (other label cells) it holds."""

    label: str
    points: Points
    unit: str | None
    metric: str
    details: tuple[str, ...] = ()


def row_series(table: Table) -> list[Series]:
    """A :class:`Series` (row label, ``((year, value), …)``, unit, metric) for each row of a table whose columns are years.

    A budget table (``구분 | 2021년 (A) | 2022년 (B) | 증감``) or a performance-indicator table
    (``성과지표 | ’23 실적 | ’24 목표``) states a series per row. Columns without exactly one year
    (``증 감``, ``%``) are not points; a year in two columns is read once (see :func:`_year_columns`).

    The unit is the row's cell under a column headed ``단위``, else a unit in parentheses ending
    the label (``참여 인원(명)``: the metric is then ``참여 인원``), else the table's unit. The label
    stays as written, to find the row's passage by.
    """
    if grouped := _years_by_sub(table):
        # a sub-header's unit is the note's, when it lists one per sub-header in their order (``(단위: 호, 억원)``)
        notes = [x.strip() for x in _UNIT_PARTS.split(table.unit or "")]
        units = dict(zip(grouped, notes)) if len(notes) == len(grouped) == len(set(x for x in table.subs if x)) else {}
        found = [series for sub, years in grouped.items() for series in _row_series(table, years, sub, units.get(sub))]
        return [series for _, series in sorted(found, key=lambda x: x[0])]  # row by row, as the rows are searched
    years = _year_columns(table)
    if len(years) < 2:
        return []
    return [series for _, series in _row_series(table, years)]


# A performance table's goal and result columns (``목표 | 실적 | 달성률``, ``목표치(%)``), named without a year.
_GOAL_COLUMN = re.compile(r"^목표(?:치|값)?(?:\(.*\))?$")
_RESULT_COLUMN = re.compile(r"^실적(?:치|값)?(?:\(.*\))?$")


def goal_series(table: Table, year: int | None) -> list[Series]:
    """A :class:`Series` of one point, the row's goal in ``year``, for each row of a table of goals and results
    without years (``| 성과지표 | 단위 | 목표 | 실적 | 달성률 |``): the year is the one its caption or heading names
    (``2024년 성과지표 달성 현황``), passed in; without one the goal has no point to stand at and none is given. The
    result stays in the row's text: a goal and the result of the same year are no series."""
    names = ["".join(c.split()) for c in table.columns]
    goal = next((j for j, c in enumerate(names) if j and _GOAL_COLUMN.match(c)), None)
    if year is None or goal is None or not any(_RESULT_COLUMN.match(c) for c in names[1:]) or _year_columns(table):
        return []
    header_unit = _label_unit(table.columns[goal])[1]  # ``목표(%)``
    found = _row_series(table, {goal: year})
    return [s._replace(unit=s.unit if s.unit != table.unit or header_unit is None else header_unit) for _, s in found]


def _years_by_sub(table: Table) -> dict[str, dict[int, int]]:
    """``{sub: {column: year}}`` (in the sub-headers' order) for a table whose years each span the same sub-headers (``2023년`` over ``물량 |
    예산``): one series per row and sub-header. Empty unless every sub-header has two years or more, once each."""
    groups: dict[str, dict[int, int]] = {}
    for j, (col, sub) in enumerate(zip(table.columns, table.subs)):
        if j and sub and (year := _one_year(col)) is not None:
            groups.setdefault(sub, {})[j] = year
    if len(groups) < 2 or any(len(g) < 2 or len(set(g.values())) != len(g) for g in groups.values()):
        return {}
    return groups


def _row_series(
    table: Table, years: dict[int, int], sub: str = "", sub_unit: str | None = None
) -> list[tuple[int, tuple[str, Points, str | None, str]]]:
    """:func:`row_series` over the year ``columns``, each with its row's index; under a sub-header (``예산``) the
    metric names it, and ``sub_unit`` is its unit unless the row gives one."""
    unit_col = next((j for j, c in enumerate(table.columns) if j and "".join(c.split()).endswith("단위")), None)  # 단위, 측정단위
    out: list[tuple[int, Series]] = []
    columns = sorted(years.items(), key=lambda kv: kv[1])
    # A first column merged down over several rows (분야 over its 부문) names a group: each row is then named
    # by the text cells between it and the years as well (사회복지 노인·청소년, 사회복지 소계).
    grouped = any(a[0] and a[0] == b[0] for a, b in zip(table.body, table.body[1:]))
    inner = [j for j in range(1, min(years)) if j != unit_col] if grouped else []
    for i, row in enumerate(table.body):
        label = row[0].lstrip("□■○ㅇ◦▪-–· ").strip()
        label = _LEVEL_TAG.sub("", label) if label.startswith("[") else label
        points = tuple((y, v) for j, y in columns if j < len(row) and (v := _number(row[j])) is not None)
        if label and len(points) >= min(2, len(columns)) and not _is_value(label):
            details = tuple(row[j] for j in inner if j < len(row) and row[j] and not _is_value(row[j])
                            and not (label in TOTALS and "".join(row[j].split()) in TOTALS))  # 합계 · 계: a total
            metric, unit = " ".join((label, *details)), None
            metric, unit = _label_unit(metric)
            if unit_col is not None and unit_col < len(row):
                cell = "".join(row[unit_col].split()).strip("()[]")
                if UNIT_WORD.fullmatch(cell):
                    unit = cell  # a counter (점, 명, %, 백만원), not ``-`` or ``누적``
            if sub:
                metric, unit = f"{metric} {sub}", unit or sub_unit
            unit = unit or _series_unit(table.unit, label, [row[j] for j, _ in columns if j < len(row)])
            out.append((i, Series(label, points, unit, metric, details)))
    return out


def column_series(table: Table) -> list[tuple[Points, str | None, str]]:
    """``(((year, value), …), unit, metric)`` for the columns of a table whose rows are years.

    ``| 연도 | 지원 인원 | 지원액 |`` over ``| 2022 | 1,120 | 2,016 |`` … ``| 2025(계획) | 3,000 | 7,200 |``: each
    column of figures is a series, named by its header. A row label is a year only when it holds one year and
    at most budget-stage words (``2025(계획)``, ``’24 실적``); other rows (``합계``) are no points. The unit is one
    ending the header (``지원액(백만원)``), else the table's note when it has one unit, or one per column
    when it lists as many as there are columns of figures; otherwise none.
    """
    years = [_row_year(row[0]) for row in table.body]
    rows = [(y, row) for y, row in zip(years, table.body) if y is not None]
    if len(rows) < 2 or any(a >= b for (a, _), (b, _) in zip(rows, rows[1:])):
        return []
    found: list[tuple[Points, str]] = []
    for j, header in enumerate(table.columns[1:], 1):
        points = tuple((y, v) for y, row in rows if j < len(row) and (v := _number(row[j])) is not None)
        if len(points) >= 2 and header.strip():
            found.append((points, header.strip()))
    notes = [x.strip() for x in _UNIT_PARTS.split(table.unit or "") if x.strip()]
    out = []
    for k, (points, header) in enumerate(found):
        metric, unit = _label_unit(header)
        if unit is None and (len(notes) == 1 or len(notes) == len(found)):
            unit = notes[0] if len(notes) == 1 else notes[k]
        out.append((points, unit, metric))
    return out


def _row_year(label: str) -> int | None:
    """A row label that is one year and budget-stage words at most (``2025(계획)``, ``’24 실적``)."""
    rest = re.findall(r"[가-힣]+|[A-Za-z]+", _HEADER_YEAR.sub(" ", label))
    return _one_year(label) if all(w in _STAGE_WORDS for w in rest) else None


# Part of a year (``2025년 상반기``, ``’24. 3분기``, ``2025. 6월``): a point of no yearly series; ``2024년(12월말)`` is the year.
_PART_OF_YEAR = re.compile(r"[상하]\s*반\s*기|[1-4]\s*/?\s*4?\s*분\s*기|(?<!\d)(?:[1-9]|1[01])\s*월")  # 12월(말): the year's end


def year_named(texts: Sequence[str | None]) -> int | None:
    """The year the first of ``texts`` that names any year names, when it names one whole year (``2024년 성과지표
    달성 현황`` → 2024; ``2024년 상반기 …`` or ``2021~2025`` → None)."""
    text = next((t for t in texts if t and _HEADER_YEAR.search(t)), None)
    return _one_year(text) if text is not None else None


def _one_year(text: str) -> int | None:
    """The year ``text`` names, when it names exactly one and the whole of it (``2023년 (A)`` → 2023, ``’24 목표`` →
    2024; ``2025년 상반기 목표`` → None)."""
    found = _HEADER_YEAR.findall(text)
    if len(found) != 1 or _PART_OF_YEAR.search(text):
        return None
    full, short = found[0]
    return int(full) if full else 2000 + int(short)


def _series_unit(unit: str | None, label: str, cells: Sequence[str]) -> str | None:
    """One row's unit when the table's note names an amount's unit and a rate's (``%``): ``(단위: 억불, (전년동기
    대비 %))`` writes amounts plain and rates in parentheses, ``(단위: 가구, %)`` counts in the first unit and a rate
    row (``증감률``, ``비중``) in the second. Any other note (``명, 개소``, three units) stays whole."""
    parts = [x.strip() for x in _UNIT_PARTS.split(unit or "")]
    if len(parts) != 2:
        return unit
    rate = [i for i, x in enumerate(parts) if "%" in x]
    if len(rate) != 1:
        return unit
    amount, rate_unit = parts[1 - rate[0]], parts[rate[0]]
    bracketed = rate_unit.startswith("(") and rate_unit.endswith(")")
    rate_unit = rate_unit[1:-1].strip() if bracketed else rate_unit
    figures = [c.strip() for c in cells if _number(c) is not None]
    if bracketed and figures and all(c.startswith("(") for c in figures):
        return rate_unit
    if _RATE_LABEL.search(label) and not _NOT_RATE.search(label):
        return rate_unit
    return amount
