"""Structure: logical lines → passages placed in the document's hierarchy.

A plan has 장 (``제5장``) › 분야 (``1. 일반공공행정 분야``) › section
(``가. 투자 방향``) › 부문 (``【 입법 부문 】``) › ``○`` goal › ``-`` sub-item.
Bills split at 제안이유 / 주요내용 / ``가.`` items / 제N조 articles, laws at
제N장 / 제N조 (long articles at ①②), anything else at paragraphs cut into
sentence groups with Kiwi, so that no passage is a whole chapter.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from indexer.ingest.cleaning import CleanDocument, Line
from indexer.ingest.enclosures import enclosure_lines
from indexer.ingest.markdown_tables import TITLE_FRAMES
from indexer.ingest.metadata import is_cover_byline
from indexer.ingest.outline import (
    BILL_REASONS,
    COST_ESTIMATE,
    ENCLOSURE,
    FAQ_ANSWER,
    FAQ_QUESTION,
    FLOATING_FAMILIES,
    OLD_NEW_TABLE,
    QA_LABEL,
    REFERENCES,
    REVIEW_SECTIONS,
    Marker,
    OutlineLevels,
    is_generic_label,
    is_label_value,
    is_short_title,
    is_slogan,
    labels_a_value,
    marker_of,
    names_speaker,
    opens_act,
    plan_rank,
    qa_label,
    role_of,
    speaker_of,
    totals_a_breakdown,
)
from indexer.ingest.table_rows import (
    NAME_KEYS,
    TOTALS,
    Table,
    boxed_heading,
    caption_of,
    column_series,
    continued,
    goal_series,
    is_unit_line,
    parse_table,
    record_name,
    row_passages,
    row_series,
    split_spanning_head,
    year_named,
)
from indexer.ingest.targets import parse_targets, trend_of
from indexer.ingest.toc import find_toc
from indexer.records import Passage, Target, TargetPoint, says_something
from indexer.segmentation import split_sentences, states_topic
from indexer.text import (
    COVER_DATE,
    DASH_BULLETS,
    GOAL_BULLETS,
    KEY_VALUE,
    NOTE_BULLETS,
    OUTLINE_LETTERS,
    SOURCE_KEY,
    join_spaced_letters,
)

__all__ = ["build_passages", "detect_doc_type", "MAX_PASSAGE_CHARS", "MIN_PASSAGE_CHARS"]

#: Paragraphs longer than this are cut into sentence groups of about this size (wide table rows too).
#: Measured on the real dev set (issue 11, hybrid nDCG@10): 250 → 0.487, 400 → 0.494, 600 → 0.501,
#: 800 → 0.501; the sample plan unchanged (its passages are short). 600 characters are ~350 e5 tokens.
MAX_PASSAGE_CHARS = 600
#: Paragraph fragments shorter than this join the passage before them in the same section
#: (goals and sub-items keep standing alone: their parent link gives them context).
MIN_PASSAGE_CHARS = 12
#: A passage with the notes under it (``※``, ``*``) stays under this many characters.
MAX_NOTED_CHARS = MAX_PASSAGE_CHARS
# Bullet families that are items, never headings, whatever their length.
_ITEM_FAMILIES = frozenset({"circle", "small-circle", "ring", "dot", "diamond", "small-square", "triangle", "dash", "middot", "note"})
#: Bullet glyphs that head the items under them when the document uses them so (:func:`_heads_items`).
_GLYPH_HEADINGS = frozenset({"diamond", "triangle"})
#: Unnumbered headings a summary may open a document with (``◆ 추진 방향``, ``□ 비전``), before its first chapter.
_PREFACE_LEVELS = frozenset({"square", "black-square", "diamond", "diamond.open", "triangle", "triangle.open"})
# A title that reports results (``2024년도 자체평가 결과보고서``, ``2024년 성과지표 달성 현황``), not a plan.
_REPORTS_RESULTS = re.compile(r"평가|결과|실적|달성|성과")
# ``label : value``: a line that states something (a result, a figure), not a title.
_STATES = re.compile(r"[:：]\s*\S")
#: A chapter's first number: ``Ⅰ.``, ``I.``, ``제1장``, ``제1편``.
_FIRST_CHAPTER = re.compile(r"^(?:Ⅰ\s*\.?|I\s*\.|1\s*\.|제\s*1\s*[편장])$")


# Heading patterns, outermost first; the number is the heading's rank in the stack.
_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^제\s*\d+\s*편(?:\s.{0,60})?$")),
    (1, re.compile(r"^제\s*\d+\s*장(?:\s.{0,60})?$")),
    (2, re.compile(r"^제\s*\d+\s*절(?:\s.{0,60})?$")),
    (1, re.compile(r"^[IVXⅠ-Ⅻ]+\s*\.\s*\S.{0,50}$")),
    # a bill's sections, and a review's (``관계기관 의견``, ``종합의견``) on a line of their own
    (3, re.compile(r"^(?:" + BILL_REASONS + r"|주요\s*내용|참고\s*사항|부\s*칙(?:\s*<.{0,30}>)?|" + REVIEW_SECTIONS + r")$")),
    (3, re.compile(r"^\d{1,2}\s*\.\s*\S.{0,50}$")),
    (4, re.compile(r"^[" + OUTLINE_LETTERS + r"]\s*\.\s*\S.{0,30}$")),
    (5, re.compile(r"^(?:\(\s*\d{1,2}\s*\)|\d{1,2}\s*\))\s*\S.{0,30}$")),
    (6, re.compile(r"^(?:【\s*.{1,40}?\s*】|\[\s*.{1,40}?\s*\])$")),
]
# A dash, or a middle dot under it (``- 도민 참여단 운영`` / ``· 제안 과제 5건 예산 편성``): a goal's sub-item.
_SUB_BULLETS = DASH_BULLETS + "·ㆍ∙"
_OLD_NEW = re.compile(f"^(?:{OLD_NEW_TABLE})$")
_ADDENDA = re.compile(r"^부\s*칙")
# A table row that may open a project's record: a cell holding one of its name keys.
_NAMES_A_PROJECT = re.compile(r"\|\s*(?:" + "|".join(r"\s*".join(k) for k in NAME_KEYS) + r")\s*\|")
#: The outline level a project's record (:func:`~indexer.ingest.table_rows.record_name`) opens, by its
#: tier (``record.0`` a 단위사업 over ``record.1`` a 세부사업 over ``record.2`` a 내역사업).
RECORD_LEVEL = "record"
_SAME_BULLET = {"ㅇ": "○", "❍": "○", "◯": "○"}
#: The outline level of a box's title (:meth:`_Builder.box_title`), placed under the deepest open heading.
BOX_LEVEL = "box"
#: Unnumbered heading families a box's title sits above (``핵심 요약`` over ``□ 월세 지원 대상 확대``).
_BOX_OVER = frozenset({"square", "black-square", "bracket", "diamond"})
_BOX_BULLETS = frozenset("□■")
#: Box headings that often only label the table under them.
_TABLE_LABELS = frozenset({"square", "black-square"})
#: A sentence that leads into the table under it (``유형별 현황은 아래와 같음``, ``다음과 같이 추진하겠음``, ``아래 표와
#:같음``): the rows detail what it says, so a table with no caption is its children, as ``-`` lines are a goal's.
_LEADS_IN = re.compile(r"(?:다음|아래|하기)(?:\s*표)?(?:과|와)\s*같(?:음|다|습니다|이(?:\s+\S+){1,2})\s*[.:：]?\s*$")
_LEAD_KINDS = frozenset({"goal", "sub-item", "item", "paragraph"})
# …that say they are a table: ``□ 예산 총괄표``, ``□ 인력 현황``, ``□ 세부 내역``, or carry a unit note.
_NAMES_A_TABLE = re.compile(r"(?:표|현황|총괄|내역|명세|단\s*위\s*[:：][^)]*\))\s*\)?\s*$")
#: Numbered lines that are an article's 호 (``1.``) and 목 (``가.``), or their ``1)`` / ``(1)`` variants.
_ARTICLE_ITEMS = frozenset({"arabic-dot", "hangul-dot", "arabic-paren", "hangul-paren", "arabic-parens", "hangul-parens"})
_LIST_ITEMS = _ARTICLE_ITEMS | {"circled", "circled-dark", "note"}
_LIST_LINES = _LIST_ITEMS | {"dash", "middot", "small-circle", "triangle"}  # a list's items and their sub-items


def _numbered(text: str) -> bool:
    """A numbered list's item (``3. 유지관리 및 하자보수 : …``, ``가) …``), not a clause (``② …``) or a note."""
    mk = marker_of(text)
    return mk is not None and mk.family in _ARTICLE_ITEMS


@dataclass(frozen=True)
class _Again(Marker):
    """A numbering started again under a heading of another (:meth:`_Builder.renumbered`): a level of its own."""

    @property
    def level(self) -> str:
        return f"{Marker.level.fget(self)}~"


_CHAPTERS = frozenset({"roman", "part", "chapter"})
# A note that a table goes on (``(다음 쪽에 계속)``, ``(표 계속)``, ``<계속>``): the part after it is the same table.
_CARRIED_ON = re.compile(r"^\s*[(<\[〈]?\s*(?:표\s*)?(?:다음\s*(?:쪽|면|페이지)(?:에|으로)?\s*)?계\s*속\s*[)>\]〉]?\s*$")
_FIRST_NUMBER = re.compile(r"^\(?\s*(?:1|가)\s*[.)]?$|^[①❶➊➀⑴]$")
_ARTICLE = re.compile(r"^제\s*\d+\s*조(?:의\s*\d+)?\s*(?:\([^)]{1,40}\))?")
_CLAUSE = re.compile(r"(?<=\s)(?=[①-⑳])")
_ITEM = re.compile(r"^(?:[" + OUTLINE_LETTERS + r"]\s*[.)]|\d{1,2}\s*[.)]|\(\s*(?:\d{1,2}|[" + OUTLINE_LETTERS + r"])\s*\)|[①-⑳])\s*")
# Split a bulleted line at each further bullet: "○ a ○ b - c" → "○ a", "○ b", "- c"; not at a triangle, a process
# flow's arrow inside a line (``○ 절차 : 공모 ▸ 심사 ▸ 선정``; a line that opens on one is a bullet all the same).
_INLINE_BULLETS = "".join(ch for ch in GOAL_BULLETS if ch not in "▶▷►▸▹")
_SPLIT_BULLETS = re.compile(rf"\s+(?=[{_INLINE_BULLETS}{NOTE_BULLETS}]\s)|\s+(?=[{DASH_BULLETS}]\s)")
# A formula's sign (``세계잉여금 = 세입 수납액 - 세출 지출액``): a dash after it on the line is a minus.
_FORMULA = re.compile(r"[=÷×]")
# ``- 자체수입: 지방세+세외수입`` after a formula: a term's definition, a sub-item after all.
_LABEL_AFTER = re.compile(r"\s*[^\s:：]{1,12}\s*[:：]")
# Numbered headings end no sentence unless they end in ``다`` or a full stop (``…되었다.[^1]`` too): ``2. 사회적
# 책임``, ``1. 추진 경과 (2023. 12.)`` are headings; bullets use the outline's stricter rule (``…없음``).
_SENTENCE_END = re.compile(r"(?:[.。!?]|다)(?:\[\^[^\]]{1,8}\])*$")
# A longer line ending ``…없음``, ``…예정임`` is a sentence too (``나. … 신청할 수 없음``); a short one is a title.
_LONG_NOUN_END = re.compile(r"^.{20,}(?:음|임|함|됨)$")
_TABLE_SEP = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


@dataclass
class _Heading:
    rank: int
    text: str
    record: str | None = None  # the project a record section is named for (``농촌 빈집 정비 지원``)
    article: bool = False  # a law's article (``제4조(전담기관)``), open over its clauses and items


def detect_doc_type(text: str) -> str:
    """``plan``, ``bill``, ``law`` or ``text``, from the markers the text uses."""
    head = text[:200_000]
    if re.search(r"^(?:" + BILL_REASONS + r"|주요\s*내용)\s*$", head, re.M):
        return "bill"
    articles = len(re.findall(r"^제\s*\d+\s*조", head, re.M))
    goals = len(re.findall(rf"^[{GOAL_BULLETS}]\s", head, re.M)) + head.count(" ○ ")
    if goals >= 3 and goals >= articles:
        return "plan"
    if articles >= 2:
        return "law"
    return "text"


def _heading_rank(line: str) -> int | None:
    if len(line) > 60 or (_SENTENCE_END.search(line) or _LONG_NOUN_END.search(line)) and not line.endswith("분야"):
        # Long lines and sentences are content, even when they start like a heading.
        if not re.match(r"^제\s*\d+\s*[편장절]", line):
            return None
    for rank, pat in _HEADINGS:
        if pat.match(line):
            return rank
    return None


def _stable_id(doc_id: str, kind: str, section: tuple[str, ...], text: str, occurrence: int) -> str:
    # Content-derived, so an edit elsewhere in the document does not renumber this passage.
    h = hashlib.blake2b("\x1f".join((kind, *section, text, str(occurrence))).encode(), digest_size=6).hexdigest()
    return f"{doc_id}:{h}"


#: The longest text of a numbered line that may be the document's heading after a quoted article's 호 (``4. 예산조치``).
_HEADING_REST = 20


class _Builder:
    def __init__(self, doc_id: str, clean: CleanDocument, doc_type: str = "", title: str | None = None) -> None:
        self.doc_id = doc_id
        self.clean = clean
        self.stack: list[_Heading] = []
        self.out: list[Passage] = []
        self.seen: dict[tuple, int] = {}
        self.goals: list[tuple[str, Passage]] = []  # (bullet, goal) open in this section, outermost first
        self.item: Passage | None = None  # the last list item (``가. 신청자격 : …``) in this section, over its ``-`` lines
        self.asked: Passage | None = None  # minutes: the last member's turn in this section, the question an official answers
        self.heading_at = 0  # where the passages under the last heading start
        self.levels = OutlineLevels()
        self.in_article = False  # in a law or bill, after 제N조: numbered lines are its 호 and 목
        self.doc_type = doc_type
        self.fields: str | None = None  # the numbering of the label : value list open in this section
        self.records = False  # whether projects' records name sections (a document with two or more)
        self.title = title  # the document's title, from its cover
        self.list_title: str | None = None  # the level of a diamond's title over a numbered list (_titles_a_list)
        self.part_levels: list[str] | None = None  # the numberings a report's part (``요약``) holds, first first
        self.restarted: tuple[str, tuple[str, ...], int] | None = None  # a numbering started again: level, stack, next
        self.article_items: dict[str, int] = {}  # the last number of each numbering among the open article's 호
        self.table_note = 0  # the number of the last of a table's numbered notes (``주: 1) …``) just read, else 0

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.stack)

    def emit(
        self, kind: str, start: int, end: int, page: int | None, parent: str | None = None, text: str | None = None
    ) -> Passage | None:
        """A passage for ``clean.text[start:end]``, or for ``text`` (a table row) placed at that span."""
        own = text is None
        text = self.clean.text[start:end] if text is None else text
        # Trim surrounding whitespace while keeping offsets exact.
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            return None
        if own:
            start += lead
            end = start + len(text)
        key = (kind, self.section, text)
        occ = self.seen.get(key, 0)
        self.seen[key] = occ + 1
        p = Passage(
            id=_stable_id(self.doc_id, kind, self.section, text, occ),
            doc_id=self.doc_id,
            kind=kind,
            section=self.section,
            text=text,
            start=start,
            end=end,
            page=page,
            parent_id=parent,
            ordinal=len(self.out),
            targets=parse_targets(text, offset=start) if own else (),
        )
        self.out.append(p)
        return p

    def tables(self, runs: "list[tuple[list[Line], list[str]]]", preceding: list[str], carried: "AbstractSet[int]" = frozenset()) -> None:
        """Markdown tables one right after another. A one-cell title box is a heading; a table continued
        on the next page (its header repeated, or its first row read as a header) joins the part before it, and
        so does one the document says goes on (``(표 계속)`` between them: ``carried`` holds where such parts start)."""
        self.close_article()  # an annex's table (``[별표 1]``) after the last article is not that article's
        self.in_article = False
        groups: list[tuple[list[Line], Table]] = []
        for lines, texts in [part for run in runs for part in _vision_split(run)]:
            title = boxed_heading(texts)
            mk = marker_of(title, boxed=True) if title is not None else None
            if mk is not None and role_of(mk) == "heading":
                for g_lines, g_table in groups:
                    self.table(g_lines, g_table)
                groups = []
                self.heading(self.levels.depth(mk.level), lines[0].start, lines[-1].end, lines[0].page, title)
                preceding = [title]
                continue
            t = parse_table(texts, *caption_of(preceding)) if not groups else parse_table(texts)
            # Only across a page break: two tables one under the other on a page are two tables.
            turned = bool(groups) and (
                None not in (groups[-1][0][-1].page, lines[0].page) and groups[-1][0][-1].page != lines[0].page or lines[0].start in carried
            )
            joined = continued(groups[-1][1], t) if turned else None
            if joined is None:
                groups.append((list(lines), t))
            elif t.header == groups[-1][1].header:  # its header repeated: the lines under it are the rows
                groups[-1] = (groups[-1][0] + _under_header(lines, texts), joined)
            else:
                groups[-1] = (groups[-1][0] + list(lines), joined)
        for lines, table in groups:
            self.table(lines, table)

    def table(self, lines: "list[Line]", table: Table) -> None:
        """One table: one passage per row (or per record), its year rows as target series."""
        start, end = lines[0].start, lines[-1].end
        record, name = self._open_record(table)
        caption = table.caption
        rows = row_passages(table, MAX_PASSAGE_CHARS)
        for _ in range(2):
            last = self.out[-1] if self.out else None
            if rows and last is not None and last.kind == "paragraph" and (
                caption and (caption_of([last.text])[0] == caption or last.text.strip() == caption)
                or table.unit and is_unit_line(last.text)
            ):
                # The caption line (``< 지역별 동향(억 달러, %) >``, a title over its unit note) and the unit line
                # (``(단위: 백만원)``) under the heading the caption came from live on in every row.
                self.out.pop()
        lead = self.out[-1] if self.out and caption is None and rows else None
        lead_id = lead.id if lead is not None and lead.kind in _LEAD_KINDS and _LEADS_IN.search(lead.text) else None
        first = len(self.out)
        where = self._row_lines(lines, rows, table)
        for chunk in _table_chunks(list(zip(rows, where, strict=True))):
            # The table itself, a chunk of rows at a time, before its rows: what a row's hit shows
            # (service.search), never a search unit itself. A row cites its own line and page.
            self.emit("table", chunk[0][1].start, chunk[-1][1].end, chunk[0][1].page, text="\n".join(r for r, _ in chunk))
            for row, ln in chunk:
                self.emit("row", ln.start, ln.end, ln.page, lead_id, text=row)
        after, last = first, (None, first)
        # a table of goals and results without years (``목표 | 실적 | 달성률``) states its goals in the year its
        # caption or its heading (innermost first) names, else a results report's title (``2024년도 자체평가
        # 결과보고서``); a plan's title names the year it plans, not the year of the results it looks back on
        title = self.title if _REPORTS_RESULTS.search(self.title or "") else None
        found = row_series(table) or goal_series(table, year_named([caption, *(h.text for h in reversed(self.stack)), title]))
        for label, points, unit, metric_name, details in found:
            # A row over year columns is a target series: budget rows, performance indicators. Rows are searched
            # in order, so a label the table repeats (``201-01 사무관리비``) gives each its own series; a row's
            # series under each sub-header (``물량``, ``예산``) follow one another and stay on it.
            own = re.compile(rf"(?:^|› )[□■○ㅇ◦▪·\-– ]*(?:\[[^\]]{{1,6}}\]\s*)?{re.escape(label)}:")
            start_at = last[1] if last[0] == (label, details) else after
            rows_at = [k for k in range(start_at, len(self.out)) if self.out[k].kind == "row" and own.search(self.out[k].text)]
            # the row that also holds the other label cells (사회복지 › 노인·청소년), else the label's first
            at = next((k for k in rows_at if all(d in self.out[k].text for d in details)), rows_at[0] if rows_at else None)
            if at is not None:
                after, last = at + 1, ((label, details), at)
                p = self.out[at]
                values = tuple(TargetPoint(y, v) for y, v in points)
                # A total is named by its table (세출예산 합계), or in a project's section by the project.
                owner = next((h.record for h in reversed(self.stack) if h.record), None) or table.caption
                metric = f"{owner} {metric_name}" if owner and metric_name in TOTALS else metric_name
                target = Target(metric, unit, values, trend_of(values), p.text, p.start, p.end)
                self.out[at] = replace(p, targets=(*p.targets, target))
        first_row = next((k for k in range(first, len(self.out)) if self.out[k].kind == "row"), None)
        for points, unit, metric_name in column_series(table) if first_row is not None else ():
            # A column over year rows is a series too (``| 연도 | 지원 인원 | 지원액 |``): the table's first row holds it.
            p = self.out[first_row]
            values = tuple(TargetPoint(y, v) for y, v in points)
            metric = f"{table.caption} {metric_name}" if table.caption else metric_name
            self.out[first_row] = replace(p, targets=(*p.targets, Target(metric, unit, values, trend_of(values), p.text, start, end)))
        if record is not None:
            self.stack.append(_Heading(record, name, name.partition(": ")[2]))
            self.heading_at = len(self.out)

    def _row_lines(self, lines: "list[Line]", rows: list[str], table: Table) -> "list[Line]":
        """The table line each row passage comes from: a table over a page break cites each row's own page.
        One passage per body line maps in order; otherwise a passage goes by its label (``… › 청년정책: …``),
        and one naming no line's label keeps the line before it."""
        texts = [self.clean.text[ln.start : ln.end] for ln in lines]
        body = _row_lines_of(lines, texts)[len(table.header) :]
        if len(body) == len(rows):
            return body
        labels = [join_spaced_letters(" ".join(t.strip().strip("|").split("|")[0].split())) for t in texts]
        out: list[Line] = []
        k = 0
        for text in rows:
            j = next((j for j in range(k, len(lines)) if labels[j] and f"{labels[j]}:" in text), None)
            if j is not None:
                k = j
            out.append(lines[k])
        return out

    def _open_record(self, table: Table) -> tuple[int | None, str]:
        """A project's record (``사업명: …``, :func:`~indexer.ingest.table_rows.record_name`) opens a
        section of that name for what follows, as an outline level of its own: the next record closes
        it, and so does an outer heading. The record's own rows stay outside it. Returns (rank, name)."""
        found = record_name(table) if self.records else None
        if found is None:
            return None, ""
        tier, name = found
        rank = self.levels.depth(f"{RECORD_LEVEL}.{tier}")
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        self.goals = []
        self.asked = None
        self.item = None
        self.fields = None
        return rank, name

    @property
    def last_goal(self) -> Passage | None:
        """The goal a sub-item or note that follows belongs to: the last one open in this section."""
        return self.goals[-1][1] if self.goals else None

    @property
    def sub_item_parent(self) -> Passage | None:
        """What a ``-`` line belongs to: the last goal, or a list item after it (``가. 신청자격 : …`` over ``- 구성원
        중 …``)."""
        goal, item = self.last_goal, self.item
        return item if item is not None and (goal is None or item.start > goal.start) else goal

    def heading(self, rank: int, start: int, end: int, page: int | None, text: str | None = None) -> None:
        self.fields = None
        self.close_article()
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        self.emit("heading", start, end, page, text=text)
        self.heading_at = len(self.out)
        self.stack.append(_Heading(rank, (text or self.clean.text[start:end]).strip()))
        self.goals = []
        self.asked = None
        self.item = None

    def box_title(self, ln: Line, title: str, next_line: str, alone: bool = False) -> int | None:
        """A box's title (``핵심 요약``, ``【 핵심 메시지 】``, :func:`~indexer.ingest.markdown_tables.box_title`): a
        heading, never a fragment glued to the passage before. It heads the items right under it (``□ …``,
        ``ㅇ …``), above them — in the place of an open ``□`` heading they would otherwise go under
        (:data:`_BOX_OVER`) — or under the deepest open heading. Over a numbered heading, a note, a caption or
        unmarked text (a figure's label, ``자료 분석``) it is a heading of its own that opens no section; over a
        table (or as the document's first line) it is read as any line: the table's caption, the title. ``alone``
        in its box, only a framed title (``【 핵심 메시지 】``) or a label (``핵심 요약``) heads what follows; a
        slogan boxed on its own (``사람 중심 행복 도시``) heads nothing. Returns the depth of the section it opened."""
        if not self.out or next_line.startswith("|"):
            _line(self, ln, title, next_line, next_line)
            return None
        below = marker_of(next_line)
        own = marker_of(title)
        labels = (own is not None and own.family in TITLE_FRAMES) or is_generic_label(title)
        if below is None or not (below.family in _BOX_OVER or role_of(below) == "item") or (alone and not labels):
            self.emit("heading", ln.start, ln.end, ln.page)
            return None
        if below.family in _BOX_OVER and below.level in self.levels.stack:
            self._close(self.levels.stack.index(below.level))
        rank = self.levels.depth(BOX_LEVEL)
        self.in_article = False
        self.heading(rank, ln.start, ln.end, ln.page)
        return rank

    def end_preface(self, mk: Marker) -> None:
        """``Ⅰ. 2024년 성과`` after a summary opened by glyph headings (``◆ 추진 방향`` › ``◇ …``): a chapter's first
        number, of a numbering not used before, opens the body beside them, not under them; from there the glyphs
        nest by the order the body uses them (``Ⅰ.`` › ``▶ …``). So, under a numbered heading, a numbering's first number
        goes beside the boxes that heading opened (``1. 하수관로 정비`` › ``□ 증감 사유``, then ``가. 침수예방 …``)."""
        stack = self.levels.stack
        if not stack:
            return
        if mk.family in _NUMBERED_TITLES and _FIRST_NUMBER.search(mk.marker) and stack[-1] in _PREFACE_LEVELS and (
            numbered := [i for i, level in enumerate(stack) if level.partition(".")[0] in _NUMBERED_TITLES]
        ):
            # ``가. 침수예방 하수관로 정비`` after ``1. 하수관로 정비`` › ``□ 증감 사유``: a numbering's first number under a
            # numbered heading goes beside the boxes that heading opened, not inside the last of them (in every section)
            keep = numbered[-1] + 1
            self.levels.forget(list(stack[keep:]))
            self._close(keep)
        elif mk.level not in self.levels.above and _FIRST_CHAPTER.match(mk.marker) and all(level in _PREFACE_LEVELS for level in stack):
            self.levels.forget(list(stack))
            self._close(0)

    def renumbered(self, mk: Marker | None) -> Marker | None:
        """``mk``, or its numbering started again deeper down: ``1. 사업개요`` under ``다. 월곡 복합도서관 건립`` (itself
        under ``2. 세부사업 설명``) opens a list of its own under the project, not the next section of the document's
        ``1.`` numbering; its ``2.``, ``3.`` go on there until the project's own numbering comes back (``라. …``)."""
        if mk is None or mk.family not in _ARTICLE_ITEMS or self.in_article:
            return mk
        stack = self.levels.stack
        again = _Again(mk.family, mk.marker, mk.rest)
        if again.level in stack or self.fields == again.level:
            return again  # (a list of ``가. 위치 : …`` fields under it goes on too)
        opens = (
            mk.level in stack
            and stack[-1] != mk.level
            and stack[-1].partition(".")[0].rstrip("~") in _ARTICLE_ITEMS  # right under another numbering's heading
            and _FIRST_NUMBER.search(mk.marker) is not None
        )
        # A restarted list of items (``1. … 할 것`` … ``4. …`` under ``라. 부대의견``) opens no level: its next number, under
        # the same headings, is its next item (the document's own ``6. 소수의견`` is not).
        goes_on = self.restarted == (again.level, tuple(stack), mk.ordinal)
        if not (opens or goes_on):
            return mk
        self.restarted = (again.level, tuple(stack), (mk.ordinal or 0) + 1)
        return again

    def part_holds(self, mk: Marker) -> bool:
        """Whether the open part (a report's ``요약``) holds the heading ``mk``: a part opened right over a numbered
        heading holds its numbered sections (``1. 연구의 배경과 목적`` … ``3. 정책 제언``) and what nests under them, until a
        chapter (``Ⅰ. 서론``, ``제1장``) or its first numbering starting again (the body's ``1. 서론``)."""
        levels = self.part_levels
        if levels is None or mk.family in _CHAPTERS or levels and mk.level == levels[0] and _FIRST_NUMBER.search(mk.marker):
            return False
        if mk.level not in levels:
            levels.append(mk.level)
        return True

    def close_part(self) -> None:
        """End the open part (``요약``); the numberings its sections used nest by the body's order again."""
        self.close_family("part-label")
        if self.part_levels:
            self.levels.forget(self.part_levels)
        self.part_levels = None

    def close_box(self, depth: int | None) -> None:
        """A box of a title and its bullets is over: its title's section ends with it."""
        if depth is not None and depth < len(self.levels.stack):
            self._close(depth)

    def open_article(self, head: str) -> None:
        """``제4조(전담기관)`` over the clauses (②) and items (1., 가.) that follow it on lines of their own."""
        self.close_article()
        self.article_items = {}
        self.stack.append(_Heading(self.stack[-1].rank + 1 if self.stack else 0, head, article=True))

    def close_article(self) -> None:
        while self.stack and self.stack[-1].article:
            self.stack.pop()

    def resumes_outline(self, mk: Marker) -> bool:
        """``4. 예산조치`` after an article quoted under ``3. 관계법령`` (its 호 ``1.``, ``2.``): a number that is not the
        article's next 호 but the next of the document's own heading at its level ends the article. Only a short title:
        a law quoted in part skips 호 (``1.~3. (생략)``, then ``4. 1건당 기준가격이 …``)."""
        if mk.ordinal is None or mk.ordinal == self.article_items.get(mk.level, 0) + 1 or len(mk.rest) > _HEADING_REST:
            return False
        heads = (h for h in reversed(self.stack) if not h.article)
        return any((o := marker_of(h.text)) is not None and o.level == mk.level and o.ordinal == mk.ordinal - 1 for h in heads)

    def goes_back(self, mk: Marker) -> bool:
        """``mk`` numbers lower than the open heading of its level (``2.`` while ``3. 참고사항`` is open): a line quoted
        from elsewhere (a law's 호 and 목). A first number (``1.``, ``가.``) may start a list again and is left to the
        outline, and counts in parentheses (an organisation chart's ``(11) 공공 언어 과`` beside ``(7) …``) are no numbering."""
        if mk.family not in ("arabic-dot", "hangul-dot") or mk.ordinal is None or mk.ordinal < 2 or mk.level not in self.levels.stack:
            return False
        heads = (o for h in reversed(self.stack) if not h.article and (o := marker_of(h.text)) is not None and o.level == mk.level)
        return any(o.ordinal is not None and mk.ordinal < o.ordinal for o in itertools.islice(heads, 1))

    def _close(self, depth: int) -> None:
        """End the sections open from outline ``depth`` down."""
        self.levels.close(depth)
        while self.stack and self.stack[-1].rank >= depth:
            self.stack.pop()
        self.goals = []
        self.asked = None
        self.item = None

    def close_family(self, family: str) -> None:
        """Close the open heading of ``family`` and everything under it (an item of that family follows)."""
        if family in self.levels.stack:
            self._close(self.levels.stack.index(family))

    def close_below(self, levels: "set[str]") -> None:
        """Close everything under the innermost open level of ``levels`` (everything, when none is open)."""
        stack = self.levels.stack
        keep = max((i + 1 for i, lv in enumerate(stack) if lv in levels), default=0)
        if keep < len(stack):
            self._close(keep)

    def close_table_label(self, family: str) -> None:
        """A box heading (``□ 예산 총괄표``) whose section so far is only a table labelled that table: a
        heading of a family not yet open comes beside it, not under it (``1) 사업목적`` after the table)."""
        levels = self.levels.stack
        if not levels or levels[-1] not in _TABLE_LABELS or family in levels or not self.stack:
            return
        body = self.out[self.heading_at :]
        if body and all(p.kind in ("row", "table") for p in body) and _NAMES_A_TABLE.search(self.stack[-1].text):
            self._close(len(levels) - 1)

    def bulleted(self, start: int, end: int, page: int | None) -> None:
        line = self.clean.text[start:end]
        cuts = [0]
        for m in _SPLIT_BULLETS.finditer(line):
            if line[m.end()] in DASH_BULLETS and _FORMULA.search(line, cuts[-1], m.start()) and not _LABEL_AFTER.match(line, m.end() + 1):
                continue  # ``※ 통합재정수지 = 통합재정수입 - (통합재정지출 + 순융자)``: a minus, not a sub-item
            cuts.append(m.end())
        cuts.append(len(line))
        for a, b in zip(cuts, cuts[1:]):
            piece = line[a:b].rstrip()
            if not piece.strip():
                continue
            first = piece.lstrip()[:1]
            if first in _SUB_BULLETS:
                parent = self.sub_item_parent
                self.emit("sub-item", start + a, start + a + len(piece), page, parent.id if parent else None)
            elif first in NOTE_BULLETS:
                self.emit("paragraph", start + a, start + a + len(piece), page, self.last_goal.id if self.goals else None)
            else:
                bullet = _SAME_BULLET.get(first, first)
                before = self.goals[-1] if self.goals else None
                outer = self._outer_goal(bullet)
                if outer is None and not self.goals and self.item is not None and _numbered(self.item.text):
                    # ``○ 장애 조치 : …`` right under ``3. 유지관리 및 하자보수 : …``: the item's point, as a ``-`` line is
                    outer = self.item.id
                speaker = speaker_of(piece)
                if before is not None and before[0] == bullet and before[1].text.rstrip().endswith(("?", "？")):
                    # an answer right after its question (``ㅇ 김민서 위원 : … 타당한가?`` / ``ㅇ 일자리경제국장 : …``)
                    # answers it: the question is its context, as a goal's is its point's
                    outer = before[1].id
                elif speaker == "official" and self.asked is not None:
                    # minutes: an official's turn (``○경제국장 강태호``) answers the last member's (``○박상훈 위원``), the
                    # chair calling on him in between (``○위원장 정영수``) or not; the chair answers no one
                    outer = self.asked.id
                goal = self.emit("goal", start + a, start + a + len(piece), page, outer)
                if goal is not None:
                    self.goals.append((bullet, goal))
                    if speaker == "member":
                        self.asked = goal

    def _outer_goal(self, bullet: str) -> str | None:
        """The goal a ``bullet`` goal sits under: the last goal of another bullet that came first in this
        section (``□ …함`` over ``ㅇ …``); a bullet seen before closes the goals nested since. ``○``,
        ``ㅇ`` and ``❍`` are one bullet typed three ways (``bullet`` comes as :data:`_SAME_BULLET` spells it),
        and a box (``□``) never nests under a circle."""
        if bullet in _BOX_BULLETS and self.goals and self.goals[0][0] not in _BOX_BULLETS:
            self.goals.clear()
        for k, (b, _) in enumerate(self.goals):
            if b == bullet:
                del self.goals[k:]
                break
        return self.goals[-1][1].id if self.goals else None

    def prose(self, kind: str, start: int, end: int, page: int | None) -> None:
        """A paragraph, article or item; long ones are cut at clauses (①) or sentence groups."""
        self.item = None
        text = self.clean.text[start:end]
        if len(text) <= MAX_PASSAGE_CHARS:
            p = self.emit(kind, start, end, page)
            self.item = p if kind == "item" and p is not None and says_something(p.text) else None  # not a stray ``10)``
            return
        if kind == "article":
            cuts = [m.start() for m in _CLAUSE.finditer(text)]
            if cuts:
                bounds = [0, *cuts, len(text)]
                for a, b in zip(bounds, bounds[1:]):
                    self._sentences(kind, start + a, start + b, page)
                return
        self._sentences(kind, start, end, page)

    def _sentences(self, kind: str, start: int, end: int, page: int | None) -> None:
        text = self.clean.text[start:end]
        if len(text) <= MAX_PASSAGE_CHARS:
            self.emit(kind, start, end, page)
            return
        spans = [piece for s, e in (split_sentences(text) or [(0, len(text))]) for piece in _at_spaces(text, s, e)]
        group_start = spans[0][0]
        group_end = spans[0][0]
        for s, e in spans:
            if group_end > group_start and e - group_start > MAX_PASSAGE_CHARS:
                self.emit(kind, start + group_start, start + group_end, page)
                group_start = s
            group_end = e
        if group_end > group_start:
            self.emit(kind, start + group_start, start + group_end, page)


def _at_spaces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A "sentence" longer than a passage (no punctuation at all) cut at the last space before the limit."""
    out = []
    while end - start > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", start + MAX_PASSAGE_CHARS // 2, start + MAX_PASSAGE_CHARS)
        if cut <= start:
            cut = start + MAX_PASSAGE_CHARS  # no space at all: a hard cut beats a chapter-sized passage
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


#: Numbered titles a plan's labelled task may sit under (not bullets such as ``□``, which hold its parts).
_NUMBERED_TITLES = frozenset({"part", "chapter", "section", "roman", "arabic-decimal", "arabic-dot", "hangul-dot", "labelled"})


def build_passages(
    doc_id: str, clean: CleanDocument, doc_type: str | None = None, title: str | None = None
) -> tuple[Passage, ...]:
    """Passages of a cleaned document, each with its section path, offsets, page and targets.

    Heading levels come from the order in which the document first uses each
    marker family (:class:`~indexer.ingest.outline.OutlineLevels`); the table of
    contents is dropped; Markdown tables become one ``row`` passage per row. ``title``, the cover's, dates a results
    report's tables of goals and results (:func:`~indexer.ingest.table_rows.goal_series`).
    """
    doc_type = doc_type or detect_doc_type(clean.text)
    b = _Builder(doc_id, clean, doc_type, title)
    texts = [clean.text[ln.start : ln.end] for ln in clean.lines]
    # One record (an RFP's overview: ``| 사업명 | … |``) names the whole document, not a section of it.
    b.records = _records(texts) >= 2
    toc = find_toc(texts) or range(0)
    boxes = clean.boxes or {}
    enclosures = enclosure_lines(texts)
    box: tuple[int, int | None] | None = None  # the box open over its lines: (its last line, its title's depth)
    i = 0
    while i < len(texts):
        if box is not None and i > box[0]:
            b.close_box(box[1])  # the text after a box of a title and its bullets is not the box's
            box = None
        if i in toc:
            i = toc.stop  # the cover before a TOC is kept; the TOC itself never becomes headings
            continue
        if i in boxes:
            depth = b.box_title(clean.lines[i], texts[i], texts[i + 1] if i + 1 < len(texts) else "", boxes[i] == i)
            box = (boxes[i], depth) if boxes[i] > i else None
            i += 1
            continue
        if texts[i].startswith("|"):
            preceding = texts[max(0, i - 3) : i]
            runs = []
            carried: set[int] = set()  # where a table goes on after a ``(다음 쪽에 계속)`` under the part before it
            while i < len(texts):  # tables one right after another
                if texts[i].startswith("|"):
                    j = _table_end(texts, i)
                    runs.append((list(clean.lines[i:j]), texts[i:j]))
                    i = j
                elif runs and _CARRIED_ON.match(texts[i]) and i + 1 < len(texts) and texts[i + 1].startswith("|"):
                    carried.add(clean.lines[i + 1].start)
                    i += 1
                else:
                    break
            b.tables(runs, preceding, carried)
            continue
        if i in enclosures:  # a list of enclosures printed further on: no heading, never an answer
            b.emit("reference", clean.lines[i].start, clean.lines[i].end, clean.lines[i].page)
        else:
            k = i + 1
            while k < len(texts) and texts[k].startswith(("※", "☞", "*")):
                k += 1  # (the line after the notes under it: ``마. 하도급 계획서`` / ``※ …`` / ``3. 입찰 일정``)
            _line(b, clean.lines[i], texts[i], texts[i + 1] if i + 1 < len(texts) else "", texts[k] if k < len(texts) else "")
        i += 1
    return _merge_short(clean, _forms(_references(tuple(b.out))))


# A citation: a year, a quoted or bracketed title, a web address or pages.
_CITATION = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|[「『“\"][^」』”\"]{2,}[」』”\"]|https?://|\bpp?\.\s*\d")


def _references(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """The citations under a report's reference list (``참고문헌``, ``References``) are ``reference`` passages:
    kept and shown in place, never searched (another's title would answer for this document). Whatever else
    follows the list there (an appendix's text) stays what it is."""
    return tuple(
        replace(p, kind="reference")
        if p.kind != "heading" and any(REFERENCES.match(s) for s in p.section) and _CITATION.search(p.text)
        else p
        for p in passages
    )


# A blank form attached to a notice (``[서식 1]``, ``[별지 제1호서식]``): its labels and ``위와 같이 신청합니다`` state nothing.
_FORM = re.compile(r"^[\[【<〈]\s*(?:서\s*식|별\s*지)")


def _forms(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """The text of a form an annex prints (under ``[서식 1]``, ``[별지 제1호서식]``) is ``reference``: shown in place, never
    searched (a form's fields and its ``위와 같이 …을 신청합니다`` outranked answers for any query of its words)."""
    return tuple(
        replace(p, kind="reference") if p.kind != "heading" and any(_FORM.match(s) for s in p.section) else p for p in passages
    )


def _records(texts: list[str]) -> int:
    """How many tables of the document are projects' records (:func:`~indexer.ingest.table_rows.record_name`);
    only a table whose first row names a project is parsed for it."""
    count, i = 0, 0
    while i < len(texts):
        if not texts[i].startswith("|"):
            i += 1
            continue
        j = _table_end(texts, i)
        count += bool(_NAMES_A_PROJECT.search(texts[i])) and record_name(parse_table(texts[i:j])) is not None
        i = j
    return count


def _table_end(texts: list[str], i: int) -> int:
    """Where the table starting at ``texts[i]`` ends: the next non-table line, or the next table's
    header (a row over ``| --- |``)."""
    j = i + 1
    while j < len(texts) and texts[j].startswith("|") and not (j + 1 < len(texts) and _TABLE_SEP.match(texts[j + 1])):
        j += 1
    return j


def _titles_a_section(b: _Builder, mk: Marker, next_line: str) -> bool:
    """``① 인공지능 관련 언어능력 평가 체계 개발`` over ``□ 배경 및 필요성``: a circled number that titles a
    task is a heading. Only a short title with something other than its siblings under it, opening a
    section (right after a heading) or beside a circled heading already open; never an article's clause,
    nor a list of circled lines under a bullet. A task's slogan in the polite form titles it as well (``❶ 학교는 교육에
    집중합니다``, ``❷ 선생님의 교육활동, 교육청이 지킵니다``): a plan states its own lines in 함 and 임."""
    if b.in_article or labels_a_value(mk) or not (is_short_title(mk.rest) or is_slogan(mk.rest)):
        return False
    below = marker_of(next_line)
    if below is None or below.family == mk.family or next_line.startswith("|"):
        return False
    if b.list_title in b.levels.stack:
        return False  # an item of the list a diamond's title heads (:func:`_titles_a_list`)
    return mk.level in b.levels.stack or bool(b.out) and b.out[-1].kind == "heading"


def _over_a_section(mk: Marker, next_line: str) -> bool:
    """The next line is a table or a heading of another marker: what a title has under it, never an item's."""
    below = marker_of(next_line)
    return next_line.startswith("|") or below is not None and below.family != mk.family and role_of(below) == "heading"


def _titles_a_list(mk: Marker, next_line: str) -> bool:
    """``◇ 올해 달라지는 점`` over ``① 지원 인원 : …`` / ``② …``: a diamond bullet's short title right over a
    numbered list is the list's heading (a press release's boxed summary), not a goal beside it."""
    below = marker_of(next_line)
    return (
        mk.family == "diamond"
        and is_short_title(mk.rest)
        and below is not None
        and below.family in _LIST_ITEMS
        and _FIRST_NUMBER.search(below.marker) is not None  # the list starts under it (not ``②``, the next task)
    )


def _heads_items(b: _Builder, mk: Marker, next_line: str) -> bool:
    """``◆ 핵심과제`` or ``▷ 도시침수 예측 정보 제공 확대`` right over ``○`` / ``-`` items (or a hollow ``◇`` under a
    solid ``◆``) heads them, as ``□`` does: a section heading, its items under it. Only a short title over items of
    another level, opening a section (no goal open before it) or beside a heading of its own glyph; under an open
    goal (``○ …`` › ``◆ …``) the glyph is the document's lowest bullet, an item. A ``label : value`` line (``◈ 완전자동화
    항만 : 광양항 ’25. 12. 준공``) states a result beside the lines under it, it titles none of them."""
    if mk.family not in _GLYPH_HEADINGS or b.in_article or not is_short_title(mk.rest) or _STATES.search(mk.rest):
        return False
    below = marker_of(next_line)
    if below is None or below.level == mk.level or below.family not in _ITEM_FAMILIES - {"note"}:
        return False
    return mk.level in b.levels.stack or not b.goals


def _titles_nothing(b: _Builder, mk: Marker, next_line: str) -> bool:
    """A numbered line with its next sibling or an outer heading right under it has nothing to title:
    ``가) 상반기 발급 집중기간 운영(2~4월)`` before ``나) …``, ``2) 독서 프로그램 운영비 지원`` before
    ``2. 지역 관광 …``. It is an item of its list, not a heading over the lines that follow."""
    if mk.family not in _ARTICLE_ITEMS or not says_something(mk.rest):
        return False  # only numbered lists; a short label (``(8) 한국어 진흥과`` in an org chart) stays out of hits
    below = marker_of(next_line)
    if below is not None and isinstance(mk, _Again) and below.family == mk.family:
        below = _Again(below.family, below.marker, below.rest)  # the restarted list's next item
    if below is None or below.family in FLOATING_FAMILIES:
        return False
    if below.level == mk.level:
        return True
    stack = b.levels.stack
    return below.level in stack and (mk.level not in stack or stack.index(below.level) < stack.index(mk.level))


def _line(b: _Builder, ln: Line, line: str, next_line: str, after_notes: str) -> None:
    """One line of the body; ``next_line`` is the line after it, ``after_notes`` the first after the notes under it."""
    first = line[:1]
    note, b.table_note = b.table_note, 0
    if (m := _TABLE_NOTE.match(line)) or note and (m := _NEXT_NOTE.match(line)) and int(m.group(1)) == note + 1 and (
            len(rest := line[m.end():]) > _NOTE_OVER_HEADING or states_topic(rest) or not is_short_title(rest)):
        # ``주: 1) 주민등록인구 기준`` under a table, then ``2) 인구밀도는 … 기준으로 산출``: its notes, not an outline
        # (``2) 연령별 인구`` after ``주1) …`` is the next heading; ``2) 시설수급자는 … 제외`` says something, a note)
        b.table_note = int(m.group(1))
        b.prose("paragraph", ln.start, ln.end, ln.page)
        return
    if _NOTE_DEF.match(line):
        b.prose("paragraph", ln.start, ln.end, ln.page)  # joins the passage it annotates (_merge_short)
        return
    if _ENCLOSURE.fullmatch(line) or _SOURCE.match(line):
        # a list of enclosures, or where a table's figures come from (``자료: 통계청, 「…」``): no heading, never an answer
        b.emit("reference", ln.start, ln.end, ln.page)
        return
    mk = b.renumbered(marker_of(line))
    if mk is not None and mk.family == "annex" and mk.rest and (below := marker_of(after_notes)) is not None and (
            below.family == "annex" and below.rest):
        # ``Ⅴ. 서식 목록`` over ``[서식 1] 민원 접수·처리 기록카드``, ``[서식 2] 민원처리부`` …: an annex with the next one right
        # under it titles nothing, it is an item of the section's list (the last, over text of its own, is a heading)
        b.prose("item", ln.start, ln.end, ln.page)
        return
    if (label := qa_label(line)) is not None:
        # an answer's label beside its question's, however each is marked (``□ 질의 요지`` over an unmarked ``답 변``)
        other = "question" if label == "answer" else "answer"
        if (opposite := next((h for h in reversed(b.stack) if qa_label(h.text) == other), None)) is not None:
            b._close(opposite.rank)
    if b.list_title in b.levels.stack and not (mk is not None and mk.family in _LIST_LINES or _NOTE_LINE.match(line)):
        b.close_family(b.list_title)  # the list a diamond's title heads (:func:`_titles_a_list`) is over
    if mk is not None and mk.family != "part-label" and role_of(mk) == "heading" and "part-label" in b.levels.stack:
        if not b.part_holds(mk):
            b.close_part()  # ``요약``, ``서론`` hold text, not chapters: ``1. 서론`` comes beside them
    if mk is not None and mk.family == "part-label":
        # A report's part (``요약``, ``참고문헌``) sits right under the open chapter or part, or at the top.
        b.close_below({"part", "chapter"})
        below = marker_of(next_line)
        # Right over a numbered heading (``요 약`` / ``1. 연구의 배경과 목적``), the part holds its own numbered sections.
        b.part_levels = [] if below is not None and below.family in _ARTICLE_ITEMS and role_of(below) == "heading" else None
    elif mk is not None and (rank_in_plan := plan_rank(mk.level)) is not None:
        # ``관리과제 Ⅰ-1-①`` closes the ``(1) 주요 내용`` its 성과목표 opened: it sits right under the plan's outer label.
        if outer := {lv for lv in b.levels.stack if (r := plan_rank(lv)) is not None and r < rank_in_plan}:
            b.close_below(outer)
        else:  # nor is it inside a ``□`` block: it sits under the numbered title its goal has (``1. 성과목표 Ⅲ-1``)
            b.close_below({lv for lv in b.levels.stack if lv.partition(".")[0] in _NUMBERED_TITLES})
    if b.in_article and mk is not None and mk.family in _ARTICLE_ITEMS and not b.resumes_outline(mk):
        b.article_items[mk.level] = mk.ordinal or 0
        b.prose("item", ln.start, ln.end, ln.page)  # 각 호 (``2. 임대인``) of the article above, not headings
        return
    if not (mk is not None and mk.family == "circled" and b.in_article):
        b.in_article = False  # anything but the article's clauses (①) ends its 호 (set again below for 제N조)
        b.close_article()  # … and the article: a paragraph, a bullet or an annex after it is not its text
    # ``다. 인프라 구축 : 서버 12식`` after ``나. …``: an item beside 나, not under it. A list of fields goes on
    # with the same numbering whatever its values: ``나. 접수방법 : 인터넷 청약`` after ``가. 접수기간 : 3. 18.``.
    if mk is not None and totals_a_breakdown(mk, next_line):
        rank = b.levels.depth(mk.level)  # a part's total over the lines that reckon it: their heading
    elif mk is not None and (labels_a_value(mk) or b.fields == mk.level and is_label_value(mk)):
        b.close_family(mk.level)
        b.fields = mk.level
        rank = None
    elif mk is not None and b.goes_back(mk):
        # ``2. 주민의 복지증진`` under ``3. 참고사항 › 가. 관계법령``: a 호 of the law quoted there, not the document's own
        # heading, whose numbering never goes back
        b.prose("item", ln.start, ln.end, ln.page)
        return
    elif mk is not None and mk.family not in _ITEM_FAMILIES and len(line) <= 60 and (
            role_of(mk) == "heading" or is_slogan(mk.rest) and (mk.level in b.levels.stack or _over_a_section(mk, next_line))):
        # (a slogan in the polite form beside a heading of its numbering titles its section as well: ``2 외국인
        # 계절근로자 이탈이 늘고 있습니다`` after ``1 쌀값 하락과 재배면적 감축 갈등``; so does the first, over a table or a
        # heading of another marker: ``가. 서하역에 청년 창업의 전진기지를 만들겠습니다`` over its pledge card)
        if _titles_nothing(b, mk, after_notes):
            b.close_family(mk.level)
            rank = None
        else:
            b.close_table_label(mk.level)
            b.end_preface(mk)
            if mk.family == "annex" and not _REFERENCE_BOX.match(mk.marker):
                # an attachment (``붙임 2 교부조건 및 집행기준``) numbers its own outline: its ``Ⅰ.`` and ``1.`` nest under it
                # by its own order, whatever places the text before it gave them (a ``참고`` box between chapters does not)
                b.levels.forget([level for level in b.levels.above if level != mk.level])
            rank = b.levels.depth(mk.level)
    elif mk is not None and mk.family in ("circled", "circled-dark") and _titles_a_section(b, mk, next_line):
        rank = b.levels.depth(mk.level)
    elif mk is not None and _titles_a_list(mk, next_line):
        b.list_title = mk.level
        rank = b.levels.depth(mk.level)
    elif mk is not None and _heads_items(b, mk, next_line):
        b.close_table_label(mk.level)
        rank = b.levels.depth(mk.level)
    elif mk is None and label is not None and (marker_of(next_line) is not None or next_line.startswith("|")):
        # a written answer's unmarked ``질 의`` / ``답 변`` over its list: each heads its lines, the answer beside the
        # question (an agenda's ``질의`` / ``답변`` / ``폐회`` lines head nothing)
        rank = b.levels.depth(QA_LABEL)
    else:
        rank = _heading_rank(line)
        in_law = b.doc_type in ("law", "bill")
        if rank is not None and in_law and _ADDENDA.match(line) and (outer := [lv for lv in ("part", "chapter") if lv in b.levels.stack]):
            # A law's 부칙 follows its chapters, not the last of them: it takes the chapter's place.
            rank = b.levels.stack.index(outer[0])
            b.close_family(outer[0])
    bulleted = first in GOAL_BULLETS + DASH_BULLETS + NOTE_BULLETS
    if rank is None and (_OLD_NEW.match(line) or COST_ESTIMATE.match(line) or (b.out and opens_act(line, next_line))):
        # A bill's text (``농지법 일부개정법률`` over its drafting formula, or the name of the act it enacts over its
        # 제1조), its comparison table and its 비용추계서 hold their articles, 부칙 and tables, apart from the reasons
        # before them (the enacted act's articles had sat under 3. 참고사항, and 비용추계서 at the end of the last 부칙).
        rank = 0
    if not b.out and rank is None and len(line) <= 60 and not bulleted and not _SENTENCE_END.search(line):
        # A short first line names the document ("일반공공행정 분야"): keep it as a
        # heading for the outline, but not on every passage's section path.
        b.emit("heading", ln.start, ln.end, ln.page)
    elif rank is not None:
        b.in_article = False
        b.heading(rank, ln.start, ln.end, ln.page)
    elif first in GOAL_BULLETS or first in NOTE_BULLETS or first == "ㅇ" or (first in _SUB_BULLETS and line[1:2].isspace()):
        if mk is not None and first in GOAL_BULLETS and mk.level in b.levels.stack:
            b.close_family(mk.level)  # ``□ 국토교통부는 … 계획임`` after the heading ``□ … 보도 관련``: beside it, not under it
        b.bulleted(ln.start, ln.end, ln.page)
    elif m := _ARTICLE.match(line):
        b.in_article = b.doc_type in ("law", "bill")
        b.close_article()
        b.prose("article", ln.start, ln.end, ln.page)
        if b.in_article:
            b.open_article(m.group(0).strip())
    elif _ITEM.match(line) or mk is not None and mk.family == "arabic-sub":
        # (``3-2. 충북형 ‘마중택시’ : … 보전`` after the heading ``3-1. …``: a task of the same numbering, stated at length)
        if mk is not None and b.levels.stack and b.levels.stack[-1] == mk.level:
            b.close_family(mk.level)  # ``나) 점검 결과는 …`` after ``가) 정기점검`` (a heading): its sibling, not under it
        b.prose("item", ln.start, ln.end, ln.page)
    elif is_generic_label(line) and next_line[:1] and next_line[:1] in GOAL_BULLETS + DASH_BULLETS + "ㅇ":
        # ``추진내용``, ``세부 추진계획`` over a list: a label (shown in the outline, never an answer by itself). It
        # opens no section: an unmarked line is too weak a sign of where the list ends.
        b.emit("heading", ln.start, ln.end, ln.page)
    else:
        b.prose("paragraph", ln.start, ln.end, ln.page)


#: Lines that annotate the line above (``* 현재 : …``, ``※ …``, ``☞ …``, ``(원하는 국민에게만 …)``, ``[^1]: …``).
#: A note's text as the readers write it after the block that references it (``[^1]: 2023년 기준``).
_NOTE_DEF = re.compile(r"^\[\^[^\]]{1,8}\]:")
_REFERENCE_BOX = re.compile(r"^[\[【<〈]?\s*참\s*고")
_TABLE_NOTE = re.compile(r"^주\s*[:：]?\s*(\d{1,2})\)\s*\S")  # ``주: 1) …``, ``주1) …``
_NEXT_NOTE = re.compile(r"^(\d{1,2})\)\s*")
_NOTE_OVER_HEADING = 20  # a table's next note says something at length; a numbered title after it is short
_ENCLOSURE = re.compile(ENCLOSURE)
_SOURCE = re.compile(rf"^{SOURCE_KEY}")
_NOTE_LINE = re.compile(r"^(?:[※☞]|\*+\s|\*(?=[^\s*])|\()|" + _NOTE_DEF.pattern)


_QUESTION = re.compile("^" + FAQ_QUESTION)
_ANSWER = re.compile("^" + FAQ_ANSWER)



def _row_lines_of(lines: "list[Line]", texts: list[str]) -> "list[Line]":
    """A Markdown table's lines without its separator rows (``|---|---|``)."""
    return [ln for ln, t in zip(lines, texts, strict=True) if not _TABLE_SEP.match(t.strip())]


def _under_header(lines: "list[Line]", texts: list[str]) -> "list[Line]":
    """A Markdown table's lines under its header (after its first separator row)."""
    sep = next((k for k, t in enumerate(texts) if _TABLE_SEP.match(t.strip())), -1)
    return list(lines[sep + 1 :])


def _vision_split(run: "tuple[list[Line], list[str]]") -> "list[tuple[list[Line], list[str]]]":
    """A table that opens on rows spanning its width (a vision chart's 비전 and 목표) as two tables: those rows as
    pairs, then the grid under them (:func:`~indexer.ingest.table_rows.split_spanning_head`). Each keeps its lines."""
    lines, texts = run
    parts = split_spanning_head(texts)
    if parts is None:
        return [run]
    pairs, grid, sizes = parts
    body = _row_lines_of(lines, texts)
    ends = list(itertools.accumulate(sizes))
    # a pair over several rows spans their lines; a separator takes its row's line
    spans = [Line(body[end - n].start, body[end - 1].end, body[end - n].page) for n, end in zip(sizes, ends, strict=True)]
    head = ends[-1]
    return [([spans[0], *spans], pairs), ([body[head], *body[head:]], grid)]


def _table_chunks(rows: "list[tuple[str, Line]]") -> "list[list[tuple[str, Line]]]":
    """A table's rows (with their lines) in runs of at most :data:`MAX_PASSAGE_CHARS` characters (one row at least)."""
    out: list[list[tuple[str, Line]]] = []
    size = 0
    for row in rows:
        if not out or size + 1 + len(row[0]) > MAX_PASSAGE_CHARS:
            out.append([])
            size = -1
        out[-1].append(row)
        size += 1 + len(row[0])
    return out


_DATE_ALONE = re.compile(rf"^{COVER_DATE}\.?$")
_SIGNER_CHARS = 30


def _closes(date: Passage, after: Passage | None) -> bool:
    """Whether a date alone closes its section (a signature: the section or the document ends under it, or a signer's
    short line or a table of signatories follows), not an event's date in a chronology (``2025. 12. 15.`` / ``실시설계 용역 착수 …``)."""
    return (after is None or after.section != date.section or after.kind in ("heading", "table", "row")
            or (after.kind == "paragraph" and len(after.text) <= _SIGNER_CHARS and marker_of(after.text) is None
                and not _SENTENCE_END.search(after.text)))


def _signs(prev: Passage, p: Passage, after: Passage | None) -> bool:
    """Whether ``p`` is a line of the closing signature under ``prev``'s last sentence (``2026. 12. 8.``, then
    ``기획행정위원회 위원장 정 태 윤``): its own, no passage that a query in the section's words would find before the
    text. A cover's date under its title or issuer stays the cover's; an event's date in a chronology stays its own."""
    if prev.kind != "paragraph" or "\n" in p.text:
        return False
    *above, last = ["", *prev.text.split("\n")]
    if _DATE_ALONE.match(p.text):
        return bool(_SENTENCE_END.search(last)) and not _DATE_ALONE.match(last) and _closes(p, after)
    return (bool(_DATE_ALONE.match(last) and _SENTENCE_END.search(above[-1])) and len(p.text) <= _SIGNER_CHARS
            and marker_of(p.text) is None)


def _joins_previous(clean: CleanDocument, p: Passage, prev: Passage | None, after: Passage | None = None) -> bool:
    """A short fragment, a note under the passage it annotates, or an FAQ's answer under its
    question joins that passage.

    Only when nothing lies between them (a dropped table of contents must not come back inside).
    """
    if p.kind != "paragraph" or prev is None or prev.kind in ("heading", "row", "table"):
        return False
    if prev.section != p.section or prev.end > p.start or clean.text[prev.end : p.start].strip():
        return False
    if len(p.text) < MIN_PASSAGE_CHARS:
        return True
    if _signs(prev, p, after):
        return p.end - prev.start <= MAX_PASSAGE_CHARS
    if KEY_VALUE.match(p.text) and marker_of(p.text) is None and p.end - prev.start <= MAX_PASSAGE_CHARS:
        # unmarked fields under a field item (``나. 제출처 : 고용노동부 …`` / ``주소 : …`` / ``전자우편 : …``) are its details
        first = marker_of(prev.text.split("\n", 1)[0])
        return prev.kind == "item" and first is not None and is_label_value(first)
    if _ANSWER.match(p.text) and _QUESTION.match(prev.text) and "\n" not in prev.text:
        return p.end - prev.start <= MAX_PASSAGE_CHARS
    if names_speaker(prev.text.split("\n", 1)[0]) and marker_of(p.text) is None:
        # minutes: what a member or an official says, a paragraph a line, joins the line that names the speaker
        # (``○경제국장 강태호`` / ``올해 서진사랑상품권은 1,500억원을 발행해서 …``): one turn, one passage
        return p.end - prev.start <= MAX_PASSAGE_CHARS
    # a ``※`` remark joins what it annotates, not the remark before it: rules listed one after another stay apart,
    # and a cover's issuer or date (``한국토지주택공사 광주전남지역본부`` over ``※ 이 주택은 …``) annotates nothing
    remarks = p.text.startswith("※") and prev.text.startswith("※")
    byline = not prev.section and all(is_cover_byline(x) for x in prev.text.splitlines())  # the cover's, not a date in the text
    return bool(_NOTE_LINE.match(p.text)) and not remarks and not byline and p.end - prev.start <= MAX_NOTED_CHARS


def _ends_a_list(p: Passage, prev: Passage | None, before: Passage | None, after: Passage | None) -> bool:
    """``※ 전년도 미사용 잔액은 이월되지 않음`` after the last of two or more sibling items, with their section ending
    under it (a heading, another section, the document's end): a remark on the list, its section's, not on the last
    item it would join. A remark inside a list or under a single item annotates it, and a ``*`` footnote always
    annotates the line whose mark it explains (``표준국어대사전*``)."""
    if p.kind != "paragraph" or not p.text.startswith("※") or prev is None or before is None:
        return False
    if prev.kind not in ("goal", "item", "sub-item") or prev.section != p.section:
        return False
    siblings = before.kind == prev.kind and before.section == prev.section and before.parent_id == prev.parent_id
    return siblings and (after is None or after.kind == "heading" or after.section != p.section)


def _merge_short(clean: CleanDocument, passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """Fragments under :data:`MIN_PASSAGE_CHARS`, and notes, join the passage just before them in their section."""
    out: list[Passage] = []
    renamed: dict[str, str] = {}
    seen: dict[tuple, int] = {}
    apart = False
    for k, p in enumerate(passages):
        prev = out[-1] if out else None
        if _ends_a_list(p, prev, out[-2] if len(out) > 1 else None, passages[k + 1] if k + 1 < len(passages) else None):
            out.append(replace(p, parent_id=None))  # the section's remark, no goal's
            apart = True
            continue
        if _joins_previous(clean, p, prev, passages[k + 1] if k + 1 < len(passages) else None):
            text = clean.text[prev.start : p.end]
            key = (prev.kind, prev.section, text)
            occ = seen[key] = seen.get(key, -1) + 1  # the same merged text twice in a section: distinct ids
            new_id = _stable_id(prev.doc_id, prev.kind, prev.section, text, occ)
            for old in (prev.id, p.id):
                renamed[old] = new_id
            out[-1] = replace(
                prev,
                id=new_id,
                text=text,
                end=p.end,
                targets=(*prev.targets, *p.targets),
            )
            continue
        out.append(p)
    if not renamed and not apart:
        return passages

    def final(pid: str) -> str:
        while pid in renamed and renamed[pid] != pid:
            pid = renamed[pid]
        return pid

    return tuple(
        replace(q, ordinal=k, parent_id=final(q.parent_id) if q.parent_id else None) for k, q in enumerate(out)
    )
