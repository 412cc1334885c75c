"""``GET /context`` (one query) and ``POST /context`` (a batch): RAG context for chatbots.

The best passages for the query, expanded with their parent goal, merged when adjacent,
deduplicated, numbered [1], [2] … with document title, section path and page, and cut to
``budget`` characters; see :mod:`service.search.context`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import IndexDep, SettingsDep
from service.api.errors import ERROR_RESPONSES
from service.api.routes.search import RAW_QUERY_CHARS, each_query
from service.schemas import Q_DOC, BatchFilters, ContextBatchRequest, ContextBatchResponse, ContextResponse, DocType, Kind, Mode
from service.search.context import DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET, build_context, check_budget

router = APIRouter(tags=["search"], responses=ERROR_RESPONSES)

BUDGET_DOC = f"Most characters in `context`, {MIN_BUDGET}..{MAX_BUDGET}."


@router.get("/context", response_model=ContextResponse, summary="RAG context for a query")
def context(
    ix: IndexDep,
    q: Annotated[str, Query(min_length=1, max_length=RAW_QUERY_CHARS, description=Q_DOC)],
    budget: Annotated[int, Query(description=BUDGET_DOC)] = DEFAULT_BUDGET,
    mode: Annotated[Mode, Query(description="Ranking: hybrid (dense + BM25 fused), dense or lexical.")] = "hybrid",
    doc: Annotated[list[str] | None, Query(description="Only these document ids (repeatable).")] = None,
    kind: Annotated[list[Kind] | None, Query(description="Only these passage kinds (repeatable).")] = None,
    doc_type: Annotated[list[DocType] | None, Query(description="Only documents of these types (repeatable).")] = None,
    year_from: Annotated[int | None, Query(description="Only documents dated in this year or later.")] = None,
    year_to: Annotated[int | None, Query(description="Only documents dated in this year or earlier.")] = None,
) -> ContextResponse:
    """Numbered, cited passages ready to paste into an LLM prompt; empty `context` when `match` is none."""
    res = build_context(ix, q, budget, mode, docs=doc, kinds=kind, doc_types=doc_type, year_from=year_from, year_to=year_to)
    return ContextResponse.model_validate(res)


@router.post("/context", response_model=ContextBatchResponse, summary="RAG context for several queries")
def context_batch(ix: IndexDep, settings: SettingsDep, body: ContextBatchRequest) -> ContextBatchResponse:
    """One context per query with the same `budget`, `mode` and `filters`; at most `max_batch` queries."""
    check_budget(body.budget)  # once for the batch, not as a fault of queries[0]
    f = body.filters or BatchFilters()

    def answer(q: str) -> ContextResponse:
        r = build_context(ix, q, body.budget, body.mode, docs=f.doc, kinds=f.kind, doc_types=f.doc_type, year_from=f.year_from, year_to=f.year_to)
        return ContextResponse.model_validate(r)

    return ContextBatchResponse(results=each_query(body.queries, settings.max_batch, answer))
