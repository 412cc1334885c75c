"""Errors of the write side (reading, building, loading an index generation).

The base class and :class:`UnknownChoice` come from :mod:`models.errors`, the
lowest layer; the CLI and the HTTP service turn all of them into something a
person can act on (an exit code, a 4xx status). Nothing here knows about HTTP.
"""

from __future__ import annotations

from models.errors import PlansearchError, UnknownChoice, check_choice

__all__ = [
    "PlansearchError",
    "UnreadableDocument",
    "NothingReadable",
    "BuildFailed",
    "IndexNotFound",
    "IndexCorrupt",
    "ModelMismatch",
    "InvalidQuery",
    "UnknownChoice",
    "check_choice",
    "NotFound",
]



class UnreadableDocument(PlansearchError):
    """A file could not be turned into text (empty, binary, undecodable, image-only PDF...)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NothingReadable(PlansearchError):
    """Every input of a batch was skipped."""


class BuildFailed(PlansearchError):
    """A build could not finish (e.g. a build engine's workers kept dying); nothing was switched."""


class IndexNotFound(PlansearchError):
    """No index at the given directory."""


class IndexCorrupt(PlansearchError):
    """An index file is missing, truncated or does not match its manifest."""


class ModelMismatch(PlansearchError):
    """The index was built with another embedding model than the one asked for."""


class InvalidQuery(PlansearchError):
    """A query is empty, too long or otherwise unusable."""



class NotFound(PlansearchError):
    """An id (passage, document) that the index does not hold."""
