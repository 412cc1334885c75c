"""API keys and request-size limits.

* Write endpoints need ``Authorization: Bearer <key>`` with a key from
  ``PLANSEARCH_API_KEYS``: 401 without one or with a wrong one (compared in
  constant time), 403 when no key is configured at all — writing is never open
  by default. Reads need a key only with ``PLANSEARCH_READ_REQUIRES_KEY=true``
  (``/health`` stays open for orchestrators).
* :class:`BodyLimitMiddleware` answers 413 for a body over its limit before it is
  read whole: at once from ``Content-Length``, else while counting the streamed
  bytes. Multipart uploads get ``PLANSEARCH_MAX_UPLOAD_MB``, every other body 1 MB.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from indexer.errors import PlansearchError

__all__ = [
    "BodyLimitMiddleware",
    "Forbidden",
    "MAX_JSON_BYTES",
    "Unauthorized",
    "WriteKey",
    "check_key",
    "require_read_key",
    "require_write_key",
]

#: Largest non-upload body (JSON); a POST /search batch of 32 long queries is ~100 KB.
MAX_JSON_BYTES = 1024 * 1024

_bearer = HTTPBearer(auto_error=False, description="A key from PLANSEARCH_API_KEYS.")


class Unauthorized(PlansearchError):
    """No key or a wrong one (401)."""


class Forbidden(PlansearchError):
    """The action is switched off on this server (403)."""


def check_key(keys: list[str], given: str | None) -> bool:
    """Is ``given`` one of ``keys``? Every key is compared, each in constant time."""
    if not given:
        return False
    ok = False
    for k in keys:
        ok |= hmac.compare_digest(k.encode(), given.encode())
    return ok


def _given(creds: HTTPAuthorizationCredentials | None) -> str | None:
    return creds.credentials if creds is not None and creds.scheme.lower() == "bearer" else None


async def require_write_key(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    keys = request.app.state.settings.api_keys
    if not keys:
        raise Forbidden("writing is switched off on this server: set PLANSEARCH_API_KEYS (comma-separated keys) to allow it")
    if _given(creds) is None:
        raise Unauthorized("this endpoint needs an API key: send 'Authorization: Bearer <key>'")
    if not check_key(keys, _given(creds)):
        raise Unauthorized("invalid API key")


def read_key_error(settings, given: str | None) -> "Forbidden | Unauthorized | None":
    """Why a read with the bearer key ``given`` is refused under ``settings``, or None when it may go on."""
    if not settings.read_requires_key:
        return None
    if not settings.api_keys:
        return Forbidden("PLANSEARCH_READ_REQUIRES_KEY is set but PLANSEARCH_API_KEYS is empty: no request can be allowed")
    if given is None:
        return Unauthorized("this server needs an API key for reading: send 'Authorization: Bearer <key>'")
    if not check_key(settings.api_keys, given):
        return Unauthorized("invalid API key")
    return None


def bearer_of(authorization: str | None) -> str | None:
    """The key of an ``Authorization: Bearer <key>`` header value, else None."""
    scheme, _, key = (authorization or "").partition(" ")
    return (key.strip() or None) if scheme.lower() == "bearer" else None


async def require_read_key(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    if request.url.path == "/health":
        return
    if (err := read_key_error(request.app.state.settings, _given(creds))) is not None:
        raise err


WriteKey = Depends(require_write_key)


class BodyLimitMiddleware:
    """413 for request bodies over the limit, without reading them whole (pure ASGI).

    ``upload_limit`` applies to ``multipart/form-data`` bodies, ``json_limit`` to all others.
    """

    def __init__(self, app, upload_limit: int, json_limit: int = MAX_JSON_BYTES) -> None:
        self.app = app
        self.upload_limit = upload_limit
        self.json_limit = json_limit

    def _limit(self, scope) -> tuple[int, str]:
        ctype = ""
        for k, v in scope.get("headers", ()):
            if k == b"content-type":
                ctype = v.decode("latin-1").lower()
        if ctype.startswith("multipart/form-data"):
            return self.upload_limit, f"upload is over the {self.upload_limit // (1024 * 1024)} MB limit (PLANSEARCH_MAX_UPLOAD_MB)"
        return self.json_limit, f"request body is over the {self.json_limit // 1024} KB limit"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, message = self._limit(scope)
        length = None
        for k, v in scope.get("headers", ()):
            if k == b"content-length":
                try:
                    length = int(v)
                except ValueError:
                    length = None
        if length is not None and length > limit:
            await _send_413(send, message)
            return

        state = {"seen": 0, "rejected": False, "started": False}

        async def limited_receive():
            if state["rejected"]:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                state["seen"] += len(msg.get("body", b""))
                if state["seen"] > limit:
                    state["rejected"] = True
                    if not state["started"]:
                        state["started"] = True
                        await _send_413(send, message)
                    return {"type": "http.disconnect"}  # the app stops reading; whatever it answers is dropped
            return msg

        async def guarded_send(msg):
            if state["rejected"]:
                return
            if msg["type"] == "http.response.start":
                state["started"] = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not state["rejected"]:
                raise


async def _send_413(send, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})
