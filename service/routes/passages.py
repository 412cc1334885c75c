"""``GET /passages/{passage_id}``: a passage with its parent goal, sub-items and neighbours."""

from __future__ import annotations

from fastapi import APIRouter

from indexer.browse import passage_context

from ..deps import IndexDep
from ..errors import ERROR_RESPONSES, NOT_FOUND
from ..schemas import PassageContextResponse

router = APIRouter(tags=["browse"], responses={**ERROR_RESPONSES, **NOT_FOUND})


@router.get("/passages/{passage_id}", response_model=PassageContextResponse, summary="A passage in context")
def get_passage(ix: IndexDep, passage_id: str) -> dict:
    """The passage (ids come from search hits), its parent goal, its sub-items and the passages before and after it."""
    return passage_context(ix, passage_id).to_dict()
