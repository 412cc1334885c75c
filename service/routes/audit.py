"""``GET /duplicates``: duplicated goals (exact copies and reworded restatements) for auditors.

Clusters are computed by :func:`indexer.audit.find_duplicates` on the first
request for a given ``min_similarity``/``min_lexical`` and cached with the
loaded index (they are deterministic); ``scope`` and ``kind`` only filter.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from indexer.audit import (
    CLUSTER_KINDS,
    DEFAULT_MIN_LEXICAL,
    DEFAULT_MIN_SIMILARITY,
    SCOPES,
    duplicates_report,
    find_duplicates,
    render_clusters,
)

from ..deps import IndexDep
from ..errors import ERROR_RESPONSES

__all__ = ["router", "Scope", "ClusterKind", "ClusterMemberOut", "DuplicateClusterOut", "DuplicatesResponse"]

Scope = Literal["same-section", "same-document", "cross-document"]
ClusterKind = Literal["exact", "near"]
assert Scope.__args__ == SCOPES  # type: ignore[attr-defined]
assert ClusterKind.__args__ == CLUSTER_KINDS  # type: ignore[attr-defined]

router = APIRouter(tags=["audit"], responses=ERROR_RESPONSES)


class ClusterMemberOut(BaseModel):
    passage_id: str
    doc_id: str
    kind: str = Field(description="Passage kind: goal, sub-item, paragraph, article or item.")
    section: list[str] = Field(description="Heading path above the passage, outermost first.")
    page: int | None
    text: str


class DuplicateClusterOut(BaseModel):
    """Passages that state one goal."""

    cluster_id: str = Field(description="Stable id: kind and the first member's passage id.")
    kind: ClusterKind = Field(description="exact (same text after normalisation) or near (reworded).")
    scope: Scope = Field(description="same-section (likely copy-paste), same-document (restated elsewhere) or cross-document.")
    similarity: float = Field(description="Embedding cosine of the weakest edge linking the cluster (1 for exact).")
    lexical: float = Field(description="IDF-weighted word overlap (Jaccard) of the weakest edge linking the cluster (1 for exact).")
    size: int = Field(description="Number of members (every copy of every text).")
    texts: int = Field(description="Number of distinct texts among the members.")
    members: list[ClusterMemberOut]


class DuplicateParams(BaseModel):
    min_similarity: float
    min_lexical: float
    scope: Scope | None
    kind: ClusterKind | None


class DuplicatesResponse(BaseModel):
    params: DuplicateParams
    count: int = Field(description="Number of clusters returned.")
    counts: dict[ClusterKind, dict[Scope, int]] = Field(description="Clusters returned, by kind and scope.")
    clusters: list[DuplicateClusterOut]


@router.get(
    "/duplicates",
    response_model=DuplicatesResponse,
    summary="Duplicated goals",
    responses={200: {"content": {"text/csv": {}, "text/plain": {}}, "description": "JSON by default; CSV or a text table with format=csv|table."}},
)
def duplicates(
    ix: IndexDep,
    min_similarity: Annotated[
        float, Query(ge=0.0, le=1.0, description="Embedding cosine floor for near duplicates, 0..1.")
    ] = DEFAULT_MIN_SIMILARITY,
    min_lexical: Annotated[
        float, Query(ge=0.0, le=1.0, description="IDF-weighted word-overlap floor for near duplicates, 0..1.")
    ] = DEFAULT_MIN_LEXICAL,
    scope: Annotated[Scope | None, Query(description="Only clusters of this scope.")] = None,
    kind: Annotated[ClusterKind | None, Query(description="Only exact or only near clusters.")] = None,
    format: Annotated[Literal["json", "csv", "table"], Query(description="json (default), csv (one row per member) or table.")] = "json",
):
    """Clusters of passages that repeat a goal, exact ones first, each in document order."""
    found = find_duplicates(ix, min_similarity=min_similarity, min_lexical=min_lexical, scope=scope, kind=kind)
    params = {"min_similarity": min_similarity, "min_lexical": min_lexical, "scope": scope, "kind": kind}
    if format == "csv":
        return PlainTextResponse(render_clusters(found, "csv"), media_type="text/csv; charset=utf-8")
    if format == "table":
        return PlainTextResponse(render_clusters(found, "table"))
    return duplicates_report(found, **params)
