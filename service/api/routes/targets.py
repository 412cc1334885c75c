"""``GET /targets``: the quantitative targets of the indexed plans, filterable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import IndexDep
from service.api.errors import ERROR_RESPONSES
from service.browse import list_targets
from service.schemas import TargetList, Trend
from service.search.engine import MAX_QUERY_CHARS

router = APIRouter(tags=["browse"], responses=ERROR_RESPONSES)


@router.get("/targets", response_model=TargetList, summary="Quantitative targets")
def targets(
    ix: IndexDep,
    q: Annotated[
        str | None,
        Query(max_length=MAX_QUERY_CHARS, description="Keep targets whose metric or text contains this (spaces and Unicode form ignored)."),
    ] = None,
    doc: Annotated[str | None, Query(description="Only this document id.")] = None,
    trend: Annotated[Trend | None, Query(description="Only targets going up, flat or down, or single goal values (target).")] = None,
) -> TargetList:
    """Every target with the passage, document, section and page that state it, in document order."""
    found = list_targets(ix, q=q, doc=doc, trend=trend)
    return TargetList.model_validate({"count": len(found), "targets": found})
