"""``GET /documents`` (the list, with counts) and ``GET /documents/{doc_id}`` (one outline).

``source`` is relative to ``PLANSEARCH_CORPUS_DIR`` (or only the file name): never a server path.
Adding and deleting documents is :mod:`service.api.routes.writes`.
"""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import IndexDep, SettingsDep
from service.api.errors import ERROR_RESPONSES, NOT_FOUND
from service.browse import document_outline, list_documents
from service.schemas import DocumentList, DocumentOutlineResponse

router = APIRouter(tags=["browse"], responses=ERROR_RESPONSES)


@router.get("/documents", response_model=DocumentList, summary="Documents in the index")
def documents(ix: IndexDep, settings: SettingsDep) -> DocumentList:
    """Every indexed document with its passage and target counts."""
    return DocumentList.model_validate({"documents": list_documents(ix, settings.corpus_dir)})


@router.get("/documents/{doc_id}", response_model=DocumentOutlineResponse, responses=NOT_FOUND, summary="A document's outline")
def document(ix: IndexDep, settings: SettingsDep, doc_id: str) -> DocumentOutlineResponse:
    """The document and its section tree, with passage counts per section."""
    return DocumentOutlineResponse.model_validate(document_outline(ix, doc_id, settings.corpus_dir))
