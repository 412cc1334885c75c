"""Typed records that cross module boundaries.

Every record is frozen and keeps character offsets into the *cleaned* document
text (``Document.text``), the way kiwipiepy's ``Token``/``Sentence`` keep
``start``/``end``, so any stage can point back at the exact source span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from indexer.text import OUTLINE_LETTERS

__all__ = [
    "PASSAGE_KINDS",
    "TRENDS",
    "SEARCHABLE_KINDS",
    "VIEW_KINDS",
    "UNSEARCHED_KINDS",
    "MIN_HEADING_CHARS",
    "is_searchable",
    "says_something",
    "TargetPoint",
    "Target",
    "Passage",
    "Document",
    "Skipped",
    "ParseResult",
    "PageSpan",
]

#: Kinds of passage the structure stage emits.
PASSAGE_KINDS: tuple[str, ...] = (
    "heading", "goal", "sub-item", "paragraph", "article", "item", "sentence", "row", "table", "reference", "title",
)
#: How a target moves from its first to its last value; ``target`` is a single goal value
#: (``’24년 목표 1,200명``), which is no series and so neither up, flat nor down.
TRENDS: tuple[str, ...] = ("up", "flat", "down", "target")
#: Kinds that are never retrieval units: a table (its rows are; a row's hit shows the table's rows around it).
VIEW_KINDS = frozenset({"table"})
#: Kinds that are never retrieval units nor views: an entry of a report's reference list (참고문헌), another's work,
#: or of a notice's list of enclosures (``붙임 1. 신청서 1부.``), and a cover line that only restates the document's title.
UNSEARCHED_KINDS = frozenset({"reference", "title"})
#: Kinds that are always retrieval units; a heading is one only when it says something (:func:`is_searchable`).
SEARCHABLE_KINDS = frozenset(PASSAGE_KINDS) - {"heading"} - VIEW_KINDS - UNSEARCHED_KINDS
#: A heading with at least this many letters besides its outline marker is content
#: (``□ 국어 말뭉치 확대 구축(3,180백만원)``), not a label (``가. 투자 방향``, ``【 입법 부문 】``).
MIN_HEADING_CHARS = 10
_HEADING_MARKER = re.compile(
    r"^\s*(?:제\s*\d+\s*[편부장절]|[IVXⅠ-Ⅻ]+\s*\.|\d{1,2}\s*[.)]|[" + OUTLINE_LETTERS + r"]\s*[.)]"
    r"|\(\s*[\d" + OUTLINE_LETTERS + r"]{1,2}\s*\)|[^\w\s(<\[]+)"
)

Trend = Literal["up", "flat", "down", "target"]


@dataclass(frozen=True)
class TargetPoint:
    """One ``(year, value)`` point of a target series, e.g. ``(2021, 132.0)``."""

    year: int
    value: float


@dataclass(frozen=True)
class Target:
    """A quantitative target such as ``주민자치회 구성(개) : (‘21) 132 → (’22) 154``.

    ``start``/``end`` are offsets of ``text`` in the cleaned document.
    """

    metric: str
    unit: str | None
    values: tuple[TargetPoint, ...]
    trend: Trend
    text: str
    start: int = 0
    end: int = 0




@dataclass(frozen=True)
class Passage:
    """The unit of retrieval: one goal, sub-item, article, paragraph...

    ``section`` is the heading path above it, outermost first, e.g.
    ``("제5장", "1. 일반공공행정 분야", "나. 투자 중점사업", "【 입법 부문 】")``.
    ``parent_id`` points at the goal a sub-item belongs to, or that a goal details (``□ …`` › ``ㅇ …``).
    """

    id: str
    doc_id: str
    kind: str
    section: tuple[str, ...]
    text: str
    start: int
    end: int
    page: int | None = None
    parent_id: str | None = None
    ordinal: int = 0
    targets: tuple[Target, ...] = ()

    @property
    def passage_id(self) -> str:
        """The id under the name every JSON answer uses."""
        return self.id



@dataclass(frozen=True)
class PageSpan:
    """Cleaned-text offsets ``[start, end)`` that lie on printed page ``page``."""

    start: int
    end: int
    page: int


@dataclass(frozen=True)
class Document:
    """A parsed document: cleaned text plus its passages.

    ``doc_type`` is one of :data:`indexer.ingest.metadata.DOC_TYPES` (``plan``,
    ``bill``, ``press-release`` …); ``date`` is what the cover says, ISO-like at
    the precision found (``2022-01``, ``2019-10-29``); ``issuer`` is the agency
    on the cover (``관계부처 합동``, ``국립국어원``). Both are None when not found.
    """

    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    text: str
    passages: tuple[Passage, ...]
    pages: tuple[PageSpan, ...] = ()
    date: str | None = None
    issuer: str | None = None



@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    """What a batch parse produced: the documents read and the inputs skipped."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)



def is_searchable(p: Passage) -> bool:
    """Whether ``p`` is a retrieval unit: every kind but headings, and headings with content.

    Real documents put their substance in ``□`` headings (``□ 공공언어 사용 평가 시행(신규 618백만원)``);
    the sample plan's headings are labels (``나. 투자 중점사업``) and stay out.
    """
    return p.kind in SEARCHABLE_KINDS or (p.kind == "heading" and says_something(p.text))


# A heading that states a value (``□ 담당부서 : 해외실사과``, ``□ 보조율 : 국고 50%``): a short label, a colon, a value.
_STATES_VALUE = re.compile(r"^[^():：]{1,20}[:：]\s*\w")


def says_something(heading: str) -> bool:
    """Whether a heading has :data:`MIN_HEADING_CHARS` letters or digits besides its outline marker, or states
    a value however short."""
    rest = _HEADING_MARKER.sub("", heading).strip()
    return sum(ch.isalnum() for ch in rest) >= MIN_HEADING_CHARS or _STATES_VALUE.match(rest) is not None
