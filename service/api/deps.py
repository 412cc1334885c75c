"""Dependencies shared by the routes (``Annotated`` style)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.api.errors import IndexUnavailable
from service.api.settings import Settings
from service.search.engine import SearchIndex

__all__ = ["IndexDep", "SettingsDep", "get_index", "get_settings"]


async def get_index(request: Request) -> SearchIndex:
    """The index loaded at startup; 503 (via :class:`IndexUnavailable`) when there is none."""
    ix = getattr(request.app.state, "index", None)
    if ix is None:
        raise IndexUnavailable(getattr(request.app.state, "index_error", None) or "no index loaded")
    return ix


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


IndexDep = Annotated[SearchIndex, Depends(get_index)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
