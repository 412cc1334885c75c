"""Table of contents detection: the line range to drop so the TOC never becomes headings."""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.ingest.markdown_tables import row_cells
from indexer.ingest.outline import is_short_title, marker_of, role_of
from indexer.text import OUTLINE_LETTERS, ROMAN_NUMERALS

__all__ = ["find_toc", "toc_title", "page_ref_count", "normalize_entry"]

_TITLE = re.compile(r"^[\s|\[【<(]*(목\s*차|차\s*례|순\s*서|contents|table\s+of\s+contents)[\s\]】>)|]*", re.IGNORECASE)
# A page reference after an entry: dot leaders, a tab, or a wide gap, then 1-3 digits.
_PAGE_REF = re.compile(r"(?:[·.…‥ㆍ∙・]{2,}|\t|\s{2,})\S{0,3}?\s*\d{1,3}(?=\s*(?:\||$|\s+\S))")
_LEADER_END = re.compile(r"(?:[·.…‥ㆍ∙・]{2,}|\t).*$|[·.…‥ㆍ∙・]{3,}.*$|\s{2,}\d{1,3}\s*$")
_TABLE_SEP = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*$")
_NOISE = re.compile(r"^(?:\[IMAGE\]|[-–—]?\s*\d{1,3}\s*[-–—]?|)$")
# A short entry whose page number follows after one space (``【별첨】일반현황 31``).
_SHORT_REF = re.compile(r"^\S.{1,40}\s\d{1,3}$")
# Several entries run together on one line: ``1. 핵심성과 과제 17 1-1. 국민의 … 17 1-2. … 18``.
_RUN_ON = re.compile(r"\s\d{1,3}\s+(?=(?:\d{1,2}-)?\d{1,2}\.\s|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.)")
_TRAILING_REF = re.compile(r"\s\d{1,3}\s*$")
# A title with a word before it (``보 고 순 서``, ``발표 목차``): near the top and with page references only.
_PREFIXED_TITLE = re.compile(r"^[\s|\[【<(]*[가-힣]\s*[가-힣]\s*(?:목\s*차|차\s*례|순\s*서)[\s\]】>)|]*$")
_PREFIXED_WITHIN = 20
# A title at the end of a cover line the reader ran into it: ``관계부처 합동 순 서``.
_TAIL_TITLE = re.compile(r"^.{1,30}\s(?:목\s*차|차\s*례|순\s*서)\s*$")
MAX_SCAN = 120
_BODY_BULLETS = frozenset({"circle", "small-circle", "ring"})
_FIGURE = re.compile(r"\d")
_MARKER_DOT = re.compile(rf"^([{ROMAN_NUMERALS}]+|[IVX]+|\d{{1,2}}|[{OUTLINE_LETTERS}])[.)]")


def toc_title(line: str) -> bool:
    """True for a TOC title line such as ``[ 목 차 ]``, ``| | 순 서 | |`` or ``Contents``."""
    return bool(_TITLE.match(line)) and len(line.strip(" |[]【】")) <= 40 or bool(_inline_toc(line))


def _inline_toc(line: str) -> bool:
    """A whole TOC squeezed into one line or table cell: title followed by ≥2 page references."""
    m = _TITLE.match(line)
    return bool(m) and page_ref_count(line[m.end() :]) >= 2


def page_ref_count(text: str) -> int:
    """How many ``entry …… 3`` page references ``text`` holds."""
    return len(_PAGE_REF.findall(text))


def normalize_entry(line: str) -> str:
    """An entry without leaders, page number, pipes and spaces, to compare TOC and body lines."""
    text = line.replace("|", " ")
    bare = _LEADER_END.sub("", text)
    # ``□ 과제 1 ······ 5``: the leaders held the page number; the 1 is the entry's own.
    key = "".join((_TRAILING_REF.sub("", bare) if bare == text else bare).split())
    # ``Ⅰ. 2024년 주요 성과`` in the contents is ``| Ⅰ | 2024년 주요 성과 |`` in the body: the marker's dot goes.
    return _MARKER_DOT.sub(r"\1", key)


def _is_ref(s: str, loose: bool = True) -> bool:
    """An entry with its page reference: leaders or a gap; with ``loose`` (under a TOC title) also one
    space before a short line's number, or several entries run together on one line."""
    if page_ref_count(s) or _LEADER_END.search(s):
        return True
    return loose and bool(_SHORT_REF.match(s) or (_RUN_ON.search(s) and _TRAILING_REF.search(s)))


def _entry_like(line: str, loose: bool = True) -> bool:
    s = line.strip()
    if _NOISE.match(s) or _TABLE_SEP.match(s):
        return True
    if _is_ref(s, loose):
        return True
    mk = marker_of(s.strip("| "))
    # A contents page lists headings and short sub-entries (``- …``, ``○ 비전 및 목표``), never a sentence of
    # the body's text under a ``ㅇ``/``○`` (``ㅇ 수급자 4만 명 증가``).
    body_text = mk is not None and mk.family in _BODY_BULLETS and (not is_short_title(mk.rest) or _FIGURE.search(mk.rest))
    return mk is not None and role_of(mk) in ("heading", "item") and len(s) <= 60 and not body_text


def _scan(lines: Sequence[str], start: int, loose: bool = True) -> tuple[int, int, int]:
    """End of the entry run from ``start``: (end, page-referenced entries, marker entries)."""
    seen: set[str] = set()
    first: str | None = None  # the first entry's words, without its marker
    refs = marks = 0
    i = start
    while i < len(lines) and _entry_like(lines[i], loose):
        if i > start and lines[i - 1].lstrip().startswith("|") and not lines[i].lstrip().startswith("|"):
            break  # a contents page typed as a table ends with it: the body's first headings follow
        key = normalize_entry(lines[i])
        if key and key in seen:
            break  # the body repeats the first entries: the TOC is over
        s = lines[i].strip()
        if key and not _NOISE.match(s) and not _TABLE_SEP.match(s):
            words = _words(s)
            if words == first and not _is_ref(s, loose):
                break  # … numbered otherwise (``Ⅰ. 추진 배경 ···· 1`` listed, ``1. 추진 배경`` as Hangul numbers it)
            first = first or words
            seen.add(key)
            refs += _is_ref(s, loose)
            marks += 1
        i += 1
    while i > start and _NOISE.match(lines[i - 1].strip()):
        i -= 1
    return i, refs, marks


def _words(line: str) -> str:
    """An entry's words without its marker, leaders and page number."""
    mk = marker_of(line.strip("| "))
    return normalize_entry(mk.rest if mk is not None else line)


def _recurs(lines: Sequence[str], run: range) -> bool:
    """Most entries of ``run`` come back later in the body, the first among them, and none of the others is a
    bullet item.

    A budget explanation repeats its sub-headings for every project (``1) 사업목적`` / ``ㅇ …`` /
    ``2) 예산 현황``): the first project's run recurs too, but its ``ㅇ`` line is that project's own
    content, which a table of contents never lists.
    """
    rest = [normalize_entry(x) for x in lines[run.stop :]]
    later = set(rest)
    entries = [(key, lines[i].strip()) for i in run if (key := normalize_entry(lines[i]))]
    back = [key in later for key, _ in entries]
    if any(not b and (own := _item_text(s)) is not None and not _anywhere(own, rest) for (_, s), b in zip(entries, back)):
        return False  # an item whose words never come back under any marker (``- 비전`` may return as ``□ 비전``)
    # A contents page lists the body's headings from its first: that entry comes back (a performance plan's
    # ``관리과제 Ⅰ-1-①`` over ``(1) 개요`` / ``□ 추진배경``, which every task repeats, is the body itself).
    return len(entries) >= 3 and back[0] and sum(back) * 3 >= len(entries) * 2


def _item_text(line: str) -> str | None:
    """The words of a bullet item (``ㅇ …``, ``- …``) without its bullet, else None."""
    mk = marker_of(line.strip("| "))
    return normalize_entry(mk.rest) if mk is not None and role_of(mk) == "item" else None


def _anywhere(key: str, keys: Sequence[str]) -> bool:
    """Whether ``key`` is part of one of the (normalized) ``keys``."""
    return bool(key) and any(key in k for k in keys)


def find_toc(lines: Sequence[str]) -> range | None:
    """Line range of the table of contents, or None.

    A TOC is a title (목차/차례/순서/Contents) followed by entries with page references
    or outline markers, or an untitled run of ≥3 entries with page references near the
    start, or a run of short headings that recur later in the body.
    """
    for t in range(min(len(lines), MAX_SCAN)):
        # A title glued to a cover line: near the top, and never a marked heading (``3. 평가 순서``).
        tail = not toc_title(lines[t]) and t < 5 and bool(_TAIL_TITLE.match(lines[t].strip())) and marker_of(lines[t].strip()) is None
        prefixed = t < _PREFIXED_WITHIN and bool(_PREFIXED_TITLE.match(lines[t])) and marker_of(lines[t].strip()) is None
        tail = tail and not prefixed  # ``보 고 순 서`` is a title line of its own, not a cover line with one at its end
        if not toc_title(lines[t]) and not tail and not prefixed:
            continue
        stop = t + 1
        while stop < len(lines) and _TABLE_SEP.match(lines[stop].strip()):
            stop += 1  # the title's own box
        if _inline_toc(lines[t]):
            return range(t, stop)
        if (table_end := _contents_table(lines, stop)) is not None:
            return range(t + tail, table_end)
        end, refs, marks = _scan(lines, stop)
        # A title glued to a cover line or after a word needs page references, or entries the body repeats from its
        # first heading on (``보고 순서`` over ``Ⅰ. 일반현황`` …): a heading ending in 순서 may be one over its own list.
        if refs >= 2 or (marks >= 3 and (not tail and not prefixed or _recurs(lines, range(stop, end)))):
            return range(t + tail, end)
    return _strip(lines) or _untitled(lines)


# Chapters run together on one line (a slide deck's contents strip: ``Ⅰ. 일반현황 Ⅱ. 2025년 주요성과 Ⅲ. …``).
_STRIP_ENTRY = re.compile(rf"(?:^|\s)([{ROMAN_NUMERALS}])\.\s*([^{ROMAN_NUMERALS}]+?)(?=\s+[{ROMAN_NUMERALS}]\.|\s+붙\s*임|$)")


def _strip(lines: Sequence[str]) -> range | None:
    """A contents strip near the top: one line of three or more chapters from ``Ⅰ.`` on, in order, the first of
    which the body opens later (no title over it, no page numbers: a slide deck's cover strip)."""
    for t in range(min(len(lines), _PREFIXED_WITHIN)):
        entries = _STRIP_ENTRY.findall(lines[t])
        marks = [m for m, _ in entries]
        if len(entries) < 3 or marks != list(ROMAN_NUMERALS[: len(marks)]):
            continue
        first = normalize_entry(f"{marks[0]}. {entries[0][1]}")
        if any(normalize_entry(x) == first for x in lines[t + 1 :]):
            return range(t, t + 1)
    return None


def _contents_table(lines: Sequence[str], start: int) -> int | None:
    """The end of a contents page typed as a table right under its title (``| 구분 | 내 용 | 쪽 |`` over
    ``| Ⅰ | 부서 예산 총괄 | 1 |``, or ``| 제1장 | 서론 | 1 |`` rows): a page column by its header, or at least two
    rows whose last cell is a page number. None when the lines at ``start`` are no such table."""
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    rows = [row_cells(x) for x in lines[start:end] if not _TABLE_SEP.match(x.strip())]
    if len(rows) < 2:
        return None
    if _PAGE_HEADER.match(rows[0][-1]):
        return end
    # An entry's row: its page last, and no other figure in it (a table of figures is no contents page).
    pages = [int(_FIRST_PAGE.match(r[-1]).group(0)) for r in rows if _PAGE_CELL.match(r[-1]) and not any(_FIGURE_CELL.match(c) for c in r[:-1])]
    rising = all(a <= b for a, b in zip(pages, pages[1:]))
    return end if len(pages) >= 2 and len(pages) >= len(rows) - 1 and rising else None


_PAGE_HEADER = re.compile(r"^(?:쪽|페\s*이\s*지|면|page|pages|p\.)$", re.IGNORECASE)
_PAGE_CELL = re.compile(r"^\d{1,3}(?:\s*(?:<br>|~|-)?\s*\d{1,3})*$")
_FIRST_PAGE = re.compile(r"\d+")
_FIGURE_CELL = re.compile(r"^[\d,.%△()\s-]+$")


def _untitled(lines: Sequence[str]) -> range | None:
    for s in range(min(len(lines), MAX_SCAN)):
        # Without a title only leaders or gaps count as page references: short numbered body lines
        # (``가. 대상 기관 47``) must never be taken for a TOC and dropped.
        if not lines[s].strip() or not _entry_like(lines[s], loose=False) or _NOISE.match(lines[s].strip()):
            continue
        end, refs, marks = _scan(lines, s, loose=False)
        last_ref = max((i for i in range(s, end) if _is_ref(lines[i], loose=False)), default=None)
        if refs >= 3 and last_ref is not None:
            return range(s, last_ref + 1)
        if (marks >= 3 and _recurs(lines, range(s, end))):
            return range(s, end)
    return None
