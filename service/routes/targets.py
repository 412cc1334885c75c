"""``GET /targets``: the quantitative targets of the indexed plans, filterable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from indexer.browse import list_targets
from indexer.search import MAX_QUERY_CHARS

from ..deps import IndexDep
from ..errors import ERROR_RESPONSES
from ..schemas import TargetList, Trend

router = APIRouter(tags=["browse"], responses=ERROR_RESPONSES)


@router.get("/targets", response_model=TargetList, summary="Quantitative targets")
def targets(
    ix: IndexDep,
    q: Annotated[
        str | None,
        Query(max_length=MAX_QUERY_CHARS, description="Keep targets whose metric or text contains this (spaces and Unicode form ignored)."),
    ] = None,
    doc: Annotated[str | None, Query(description="Only this document id.")] = None,
    trend: Annotated[Trend | None, Query(description="Only targets going up, flat or down.")] = None,
) -> dict:
    """Every target with the passage, document, section and page that state it, in document order."""
    found = list_targets(ix, q=q, doc=doc, trend=trend)
    return {"count": len(found), "targets": [t.to_dict() for t in found]}
