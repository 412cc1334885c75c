"""Turn errors into JSON ``{"detail": "..."}`` answers with the right status.

Bad input is a 4xx with a message naming the limit or the valid values; a
missing index is a 503; anything else is a bare 500 without a traceback (and
is logged, since it is a bug).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from indexer.errors import (
    IndexCorrupt,
    IndexNotFound,
    InvalidQuery,
    ModelMismatch,
    NotFound,
    PlansearchError,
    UnknownChoice,
)
from service.api.security import Forbidden, Unauthorized
from service.schemas import ErrorResponse
from service.search.engine import MAX_K, MAX_QUERY_CHARS
from service.search.live import IndexUnavailable

__all__ = ["Conflict", "IndexUnavailable", "StorageError", "install_handlers", "status_of", "validation_message", "ERROR_RESPONSES", "NOT_FOUND"]

log = logging.getLogger("plansearch.service")


class Conflict(PlansearchError):
    """A valid request this server cannot carry out in its present state (409)."""


class StorageError(PlansearchError):
    """The server cannot write its corpus or job files (disk full, read-only): 503."""


_STATUS: list[tuple[type[Exception], int]] = [
    (Conflict, 409),
    (StorageError, 503),
    (Unauthorized, 401),
    (Forbidden, 403),
    (InvalidQuery, 422),
    (UnknownChoice, 422),
    (NotFound, 404),
    (IndexUnavailable, 503),
    (IndexNotFound, 503),
    (IndexCorrupt, 503),
    (ModelMismatch, 503),
]

#: Documented on every router so the OpenAPI error bodies match what is sent
#: (and replace FastAPI's default 422 schema, which is not what we send).
ERROR_RESPONSES: dict[int | str, dict] = {
    422: {"model": ErrorResponse, "description": "Invalid input: the message names the limit or the valid values."},
    503: {"model": ErrorResponse, "description": "No index is loaded; the message says why."},
}
NOT_FOUND: dict[int | str, dict] = {404: {"model": ErrorResponse, "description": "Unknown id."}}


def status_of(e: PlansearchError) -> int:
    for cls, status in _STATUS:
        if isinstance(e, cls):
            return status
    return 400


def _loc(loc: tuple) -> str:
    # ("query", "k") -> "k"; ("body", "filters", "kind", 0) -> "filters.kind[0]"
    parts = [p for p in loc if p not in ("query", "path", "body")] or list(loc[-1:])
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "request"


#: Pydantic names only the bound that was crossed; these name the whole documented range.
_RANGES = {
    "k": f"k is 1..{MAX_K}",
    "q": f"q is 1..{MAX_QUERY_CHARS} characters after normalisation",
    "queries": f"each query is 1..{MAX_QUERY_CHARS} characters after normalisation",
}


def validation_message(exc: RequestValidationError) -> str:
    """Pydantic errors as one line: ``k: Input should be less than or equal to 100 (k is 1..100)``."""
    msgs = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        msg = err.get("msg", "invalid")
        if err.get("type") == "json_invalid":
            msg = "request body is not valid JSON"
        names = [p for p in loc if isinstance(p, str)]
        hint = _RANGES.get(names[-1]) if names else None
        msgs.append(f"{_loc(loc)}: {msg}" + (f" ({hint})" if hint and "missing" not in err.get("type", "") else ""))
    return "; ".join(dict.fromkeys(msgs)) or "invalid request"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(PlansearchError)
    async def _domain(_req: Request, exc: PlansearchError) -> JSONResponse:
        status = status_of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": str(exc)}, status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_message(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def _bug(req: Request, exc: Exception) -> JSONResponse:
        # Last resort: the client gets no traceback, the log does.
        log.exception("unhandled error on %s %s", req.method, req.url.path)
        return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)
