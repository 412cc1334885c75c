"""``GET /duplicates``: duplicated goals (exact copies and reworded restatements) for auditors.

Clusters are computed by :func:`service.audit.duplicates.find_duplicates` on the first
request for a given ``min_similarity``/``min_lexical`` and cached with the
loaded index (they are deterministic); ``scope``, ``kind`` and ``include`` only filter.
Parallel items and templates are left out unless ``include`` (or ``kind``) names them;
``omitted`` counts them, ``documents`` lists the same document read twice.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from service.api.deps import IndexDep
from service.api.errors import ERROR_RESPONSES
from service.audit.duplicates import DEFAULT_MIN_LEXICAL, DEFAULT_MIN_SIMILARITY, find_documents, find_duplicates, omitted_counts
from service.audit.render import duplicates_response, render_clusters
from service.schemas import ClusterKind, DuplicatesResponse, OptionalClusterKind, Scope

__all__ = ["router"]

router = APIRouter(tags=["audit"], responses=ERROR_RESPONSES)


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
    kind: Annotated[
        ClusterKind | None, Query(description="Only clusters of this kind: exact, near, revision, parallel or template.")
    ] = None,
    include: Annotated[
        list[OptionalClusterKind],
        Query(description="Also list these kinds, left out by default (repeat: include=template&include=parallel)."),
    ] = [],  # noqa: B006 (FastAPI copies defaults)
    format: Annotated[Literal["json", "csv", "table"], Query(description="json (default), csv (one row per member) or table.")] = "json",
):
    """Clusters of passages that repeat a goal, exact ones first, each in document order."""
    found = find_duplicates(ix, min_similarity=min_similarity, min_lexical=min_lexical, scope=scope, kind=kind, include=include)
    documents = find_documents(ix, min_similarity=min_similarity, min_lexical=min_lexical)
    omitted = omitted_counts(ix, kind=kind, include=include, min_similarity=min_similarity, min_lexical=min_lexical)
    params = {"min_similarity": min_similarity, "min_lexical": min_lexical, "scope": scope, "kind": kind, "include": include}
    if format == "csv":
        return PlainTextResponse(render_clusters(found, "csv"), media_type="text/csv; charset=utf-8")
    if format == "table":
        return PlainTextResponse(render_clusters(found, "table", documents, omitted))
    return duplicates_response(found, documents, omitted, **params)
