"""Dependencies shared by the routes (``Annotated`` style)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from service.api.errors import IndexUnavailable
from service.api.settings import Settings
from service.search.engine import SearchIndex

__all__ = ["IndexDep", "SettingsDep", "get_index", "get_settings"]


async def get_index(request: Request) -> AsyncIterator[SearchIndex]:
    """The index served now, held for the whole request; 503 (via :class:`IndexUnavailable`) when there is none.

    A request takes the index once and finishes on it even if a new generation is
    switched in meanwhile (hot reload, :class:`service.search.live.LiveIndex`); the
    old generation's files stay on disk until the last such request is done.
    """
    live = getattr(request.app.state, "live", None)
    if live is None:  # an app assembled by hand, without the live index
        ix = getattr(request.app.state, "index", None)
        if ix is None:
            raise IndexUnavailable(getattr(request.app.state, "index_error", None) or "no index loaded")
        yield ix
        return
    with live.acquire() as ix:
        yield ix


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


IndexDep = Annotated[SearchIndex, Depends(get_index)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
