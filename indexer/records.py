"""Typed records that cross module boundaries.

Every record is frozen and keeps character offsets into the *cleaned* document
text (``Document.text``), the way kiwipiepy's ``Token``/``Sentence`` keep
``start``/``end``, so any stage can point back at the exact source span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "PASSAGE_KINDS",
    "TRENDS",
    "SEARCHABLE_KINDS",
    "TargetPoint",
    "Target",
    "Passage",
    "Document",
    "Skipped",
    "ParseResult",
    "PageSpan",
]

#: Kinds of passage the structure stage emits.
PASSAGE_KINDS: tuple[str, ...] = ("heading", "goal", "sub-item", "paragraph", "article", "item", "sentence")
TRENDS: tuple[str, ...] = ("up", "flat", "down")
#: Headings are kept for outlines and section paths but are not retrieval units.
SEARCHABLE_KINDS = frozenset(PASSAGE_KINDS) - {"heading"}

Trend = Literal["up", "flat", "down"]


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
    ``parent_id`` points at the goal a sub-item belongs to.
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
    """A parsed document: cleaned text plus its passages."""

    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    text: str
    passages: tuple[Passage, ...]
    pages: tuple[PageSpan, ...] = ()



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

