"""``GET /documents`` (the list, with counts) and ``GET /documents/{doc_id}`` (one outline)."""

from __future__ import annotations

from fastapi import APIRouter

from indexer.browse import document_dict, document_outline, list_documents

from ..deps import IndexDep
from ..errors import ERROR_RESPONSES, NOT_FOUND
from ..schemas import DocumentList, DocumentOutlineResponse

router = APIRouter(tags=["browse"], responses=ERROR_RESPONSES)


@router.get("/documents", response_model=DocumentList, summary="Documents in the index")
def documents(ix: IndexDep) -> dict:
    """Every indexed document with its passage and target counts."""
    return {"documents": [document_dict(d) for d in list_documents(ix)]}


@router.get("/documents/{doc_id}", response_model=DocumentOutlineResponse, responses=NOT_FOUND, summary="A document's outline")
def document(ix: IndexDep, doc_id: str) -> dict:
    """The document and its section tree, with passage counts per section."""
    return document_outline(ix, doc_id).to_dict()
