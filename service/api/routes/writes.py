"""``POST /documents`` (upload), ``DELETE /documents/{doc_id}`` and ``GET /jobs/{job_id}``.

Both writes need an API key (:mod:`service.api.security`), change the corpus
directory durably *before* answering 202, and leave the rebuild to a job
(:mod:`service.api.jobs`), whose state ``GET /jobs/{job_id}`` reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from indexer.errors import InvalidQuery, NotFound, UnreadableDocument
from service.api.deps import IndexDep, SettingsDep
from service.api.errors import ERROR_RESPONSES, NOT_FOUND, Conflict, StorageError
from service.api.security import WriteKey
from service.api.uploads import check_upload, inside, remove_document_file, save_atomically
from service.schemas import Contract, ErrorResponse

__all__ = ["router", "JobAccepted", "JobStatus", "FileResult"]

router = APIRouter(tags=["write"])

_AUTH = {
    401: {"model": ErrorResponse, "description": "No API key, or a wrong one (`Authorization: Bearer <key>`)."},
    403: {"model": ErrorResponse, "description": "Writing is switched off: no PLANSEARCH_API_KEYS configured."},
}


class JobAccepted(Contract):
    job_id: str = Field(description="Poll GET /jobs/{job_id} for the outcome.")
    status: Literal["queued"] = "queued"


class FileResult(Contract):
    name: str = Field(description="The file's name in the corpus directory (sanitised; suffix from the sniffed type).")
    original_name: str | None = Field(None, description="The name the client sent.")
    format: str | None = Field(None, description="pdf, hwp, hwpx or text, sniffed from the content.")
    bytes: int | None = None
    sha256: str | None = None
    status: Literal["pending", "indexed", "skipped", "deleted"] = Field(
        description="pending until the job ends; then indexed, deleted, or skipped (see reason)."
    )
    doc_id: str | None = Field(None, description="The document id once indexed (or the deleted document's).")
    reason: str | None = Field(None, description="Why the file was skipped (one line).")


class JobStatus(Contract):
    job_id: str
    kind: Literal["upload", "delete"]
    status: Literal["queued", "running", "done", "failed"]
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None
    generation: str | None = Field(None, description="The index generation the job's build produced (served once done).")
    error: str | None = Field(None, description="Why the job failed; the previous index is still served.")
    files: list[FileResult]


_MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                }
            }
        },
    }
}


def _jobs(request: Request):
    return request.app.state.jobs


@router.post(
    "/documents",
    status_code=202,
    response_model=JobAccepted,
    summary="Add documents",
    dependencies=[WriteKey],
    responses={
        **_AUTH,
        413: {"model": ErrorResponse, "description": "Upload over PLANSEARCH_MAX_UPLOAD_MB."},
        422: {"model": ErrorResponse, "description": "No file, or none that can be indexed (the message says why)."},
    },
    openapi_extra=_MULTIPART,
)
async def upload(request: Request, settings: SettingsDep) -> JobAccepted:
    """Save the files of the multipart field `file` (txt, pdf, hwp, hwpx; one or more) in the corpus
    directory and queue a rebuild. The type is sniffed from the content; names are sanitised, and a
    file with the name of one already there replaces it. Files refused here are listed in the job as
    skipped with their reason; when every file is refused the answer is 422."""
    try:
        form = await request.form(max_files=settings.max_upload_files, max_fields=settings.max_upload_files + 10)
    except Exception as e:  # noqa: BLE001 - starlette's MultiPartException, a bad content type, …
        raise InvalidQuery(f"file: expected a multipart/form-data body with files in the field 'file' ({e})") from None
    try:
        parts = form.getlist("file")
        uploads = [p for p in parts if isinstance(p, UploadFile)]
        if not uploads:
            raise InvalidQuery("file: no file in the multipart field 'file'; send one or more files (txt, pdf, hwp, hwpx)")
        received = [(u.filename, await u.read()) for u in uploads]
    finally:
        await form.close()

    def save() -> list[dict]:
        results = []
        for filename, data in received:
            entry: dict = {"original_name": filename, "bytes": len(data)}
            try:
                checked = check_upload(filename, data)
            except UnreadableDocument as e:
                results.append({**entry, "name": e.source, "status": "skipped", "reason": e.reason})
                continue
            save_atomically(settings.corpus_dir, checked.name, checked.data)
            results.append({**entry, "name": checked.name, "format": checked.format, "sha256": checked.sha256, "status": "pending"})
        return results

    try:
        files = await run_in_threadpool(save)
        if not any(f["status"] == "pending" for f in files):
            raise InvalidQuery("no file can be indexed: " + "; ".join(f"{f['name']}: {f['reason']}" for f in files))
        job = await run_in_threadpool(_jobs(request).submit, "upload", files)
    except OSError as e:
        raise StorageError(f"cannot store the upload: {e.strerror or type(e).__name__}; nothing was accepted") from None
    return JobAccepted(job_id=job["job_id"])


@router.delete(
    "/documents/{doc_id}",
    status_code=202,
    response_model=JobAccepted,
    summary="Delete a document",
    dependencies=[WriteKey],
    responses={
        **_AUTH, **ERROR_RESPONSES, **NOT_FOUND,
        409: {"model": ErrorResponse, "description": "The document is not from the corpus directory."},
    },
)
def delete(request: Request, ix: IndexDep, settings: SettingsDep, doc_id: str) -> JobAccepted:
    """Remove the document's file from the corpus directory and queue a rebuild."""
    info = ix.corpus.documents.get(doc_id)
    if info is None:
        raise NotFound(f"no document {doc_id!r} in this index; see GET /documents")
    rel = inside(Path(info.source), settings.corpus_dir)
    if rel is None:
        raise Conflict(f"document {doc_id!r} was not indexed from the corpus directory, so the server cannot remove it")
    try:
        remove_document_file(settings.corpus_dir / rel)
        job = _jobs(request).submit("delete", [{"name": rel.as_posix(), "doc_id": doc_id, "status": "pending"}])
    except OSError as e:
        raise StorageError(f"cannot remove the document's file: {e.strerror or type(e).__name__}") from None
    return JobAccepted(job_id=job["job_id"])


@router.get("/jobs/{job_id}", response_model=JobStatus, summary="A write job's state", dependencies=[WriteKey], responses={**_AUTH, **NOT_FOUND})
def job(request: Request, job_id: str) -> JobStatus:
    """`queued`, `running`, `done` or `failed`, with a result per file: indexed, deleted, or skipped with its reason."""
    found = _jobs(request).get(job_id)
    if found is None:
        raise NotFound(f"no job {job_id!r}")
    return JobStatus.model_validate(found)
