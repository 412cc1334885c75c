"""``GET /passages/{passage_id}``: a passage with its parent goal, sub-items and neighbours."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import IndexDep
from service.api.errors import ERROR_RESPONSES, NOT_FOUND
from service.browse import passage_context
from service.schemas import PassageContextResponse

router = APIRouter(tags=["browse"], responses={**ERROR_RESPONSES, **NOT_FOUND})


@router.get("/passages/{passage_id}", response_model=PassageContextResponse, summary="A passage in context")
def get_passage(ix: IndexDep, passage_id: str) -> PassageContextResponse:
    """The passage (ids come from search hits), its parent goal, its sub-items and the passages before and after it."""
    return PassageContextResponse.model_validate(passage_context(ix, passage_id))
