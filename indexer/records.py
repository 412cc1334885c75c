"""Typed records that cross module boundaries.

Every record is frozen and keeps character offsets into the *cleaned* document
text (``Document.text``), the way kiwipiepy's ``Token``/``Sentence`` keep
``start``/``end``, so any stage can point back at the exact source span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "unit": self.unit,
            "values": [{"year": p.year, "value": _num(p.value)} for p in self.values],
            "trend": self.trend,
            "text": self.text,
        }


def _num(v: float) -> int | float:
    """132.0 -> 132 for JSON, 3.5 stays 3.5."""
    return int(v) if float(v).is_integer() else v


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "section": list(self.section),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "parent_id": self.parent_id,
            "ordinal": self.ordinal,
            "targets": [t.to_dict() for t in self.targets],
        }


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

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "sha256": self.sha256,
            "doc_type": self.doc_type,
            "passages": [p.to_dict() for p in self.passages],
        }
        if with_text:
            d["text"] = self.text
        return d


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

