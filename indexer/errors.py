"""Domain errors of plansearch.

They live in the core so that the CLI and the HTTP service can both turn them
into something a person can act on (an exit code, a 4xx status); nothing here
knows about HTTP.
"""

from __future__ import annotations

__all__ = [
    "PlansearchError",
    "UnreadableDocument",
    "NothingReadable",
    "IndexNotFound",
    "IndexCorrupt",
    "ModelMismatch",
    "InvalidQuery",
    "UnknownChoice",
    "NotFound",
]


class PlansearchError(Exception):
    """Base class: every error here carries a message meant for a person."""


class UnreadableDocument(PlansearchError):
    """A file could not be turned into text (empty, binary, undecodable, image-only PDF...)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class NothingReadable(PlansearchError):
    """Every input of a batch was skipped."""


class IndexNotFound(PlansearchError):
    """No index at the given directory."""


class IndexCorrupt(PlansearchError):
    """An index file is missing, truncated or does not match its manifest."""


class ModelMismatch(PlansearchError):
    """The index was built with another embedding model than the one asked for."""


class InvalidQuery(PlansearchError):
    """A query is empty, too long or otherwise unusable."""


class UnknownChoice(PlansearchError):
    """A value is not one of a fixed set of choices; the message lists the valid ones."""

    def __init__(self, what: str, value: object, choices: "list[str] | tuple[str, ...]") -> None:
        self.what = what
        self.value = value
        self.choices = tuple(choices)
        super().__init__(f"unknown {what} {value!r}; valid values: {', '.join(self.choices)}")


class NotFound(PlansearchError):
    """An id (passage, document) that the index does not hold."""
