"""``GET /search`` (one query) and ``POST /search`` (a batch, for chatbot backends)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import APIRouter, Query

from indexer.errors import InvalidQuery
from service.api.deps import IndexDep, SettingsDep
from service.api.errors import ERROR_RESPONSES
from service.schemas import K_DOC, Q_DOC, BatchFilters, BatchItem, BatchRequest, BatchResponse, DocType, Kind, Mode, SearchResponse
from service.search.engine import MAX_K, MAX_QUERY_CHARS

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)

#: Hard cap on the raw query; the documented limit (MAX_QUERY_CHARS) applies after
#: normalisation, and NFD Hangul or zero-width characters make the raw text longer.
RAW_QUERY_CHARS = 4 * MAX_QUERY_CHARS
T = TypeVar("T")


def each_query(queries: Sequence[str], max_batch: int, answer: Callable[[str], T]) -> list[T]:
    """``answer`` for every query of a batch, in order; a bad query is a 422 that names its index.

    Shared by ``POST /search`` and ``POST /context``.
    """
    if len(queries) > max_batch:
        raise InvalidQuery(f"queries: {len(queries)} queries in one batch; the maximum is {max_batch}")
    out = []
    for i, q in enumerate(queries):
        if len(q) > RAW_QUERY_CHARS:
            raise InvalidQuery(f"queries[{i}]: query is {len(q)} characters; the maximum is {MAX_QUERY_CHARS}")
        try:
            out.append(answer(q))
        except InvalidQuery as e:
            raise InvalidQuery(f"queries[{i}]: {e}") from None
    return out


# Plain `def`: the search is CPU-bound and sync, so FastAPI runs it in its
# threadpool and concurrent requests share the (read-only) index.
@router.get("/search", response_model=SearchResponse, summary="Search passages")
def search(
    ix: IndexDep,
    q: Annotated[str, Query(min_length=1, max_length=RAW_QUERY_CHARS, description=Q_DOC)],
    k: Annotated[int, Query(ge=1, le=MAX_K, description=K_DOC)] = 10,
    mode: Annotated[Mode, Query(description="Ranking: hybrid (dense + BM25 fused), dense or lexical.")] = "hybrid",
    doc: Annotated[list[str] | None, Query(description="Only these document ids (repeatable); see GET /documents.")] = None,
    kind: Annotated[list[Kind] | None, Query(description="Only these passage kinds (repeatable).")] = None,
    doc_type: Annotated[list[DocType] | None, Query(description="Only documents of these types (repeatable).")] = None,
    year_from: Annotated[int | None, Query(description="Only documents dated in this year or later; undated ones are left out.")] = None,
    year_to: Annotated[int | None, Query(description="Only documents dated in this year or earlier; undated ones are left out.")] = None,
) -> SearchResponse:
    """Rank passages for `q`; exact duplicates and near copies collapse into one hit that lists its copies."""
    res = ix.search(q, k=k, mode=mode, docs=doc, kinds=kind, doc_types=doc_type, year_from=year_from, year_to=year_to)
    return SearchResponse.model_validate(res)


@router.post("/search", response_model=BatchResponse, summary="Search several queries")
def search_batch(ix: IndexDep, settings: SettingsDep, body: BatchRequest) -> BatchResponse:
    """Answer every query with the same `k`, `mode` and `filters`; one result list per query, in order.

    The batch size is capped by the server setting `max_batch` (default 32).
    """
    t0 = time.perf_counter()
    f = body.filters or BatchFilters()

    def answer(q: str) -> BatchItem:
        r = ix.search(q, k=body.k, mode=body.mode, docs=f.doc, kinds=f.kind, doc_types=f.doc_type, year_from=f.year_from, year_to=f.year_to)
        return BatchItem.model_validate(r)

    items = each_query(body.queries, settings.max_batch, answer)
    return BatchResponse(mode=body.mode, took_ms=(time.perf_counter() - t0) * 1000, results=items)
