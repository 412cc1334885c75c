"""Errors of the lowest layer, which the layers above share.

Every plansearch error is a :class:`PlansearchError` whose message is meant
for a person; :class:`UnknownChoice` is the one way a wrong choice is reported
(it lists the valid values). ``indexer`` and ``service`` add their own
errors on top; nothing here knows about them.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["PlansearchError", "UnknownChoice", "ModelNotAvailable", "check_choice"]


class PlansearchError(Exception):
    """Base class: every error here carries a message meant for a person."""


class UnknownChoice(PlansearchError):
    """A value is not one of a fixed set of choices; the message lists the valid ones."""

    def __init__(self, what: str, value: object, choices: Iterable[str]) -> None:
        self.what = what
        self.value = value
        self.choices = tuple(choices)
        super().__init__(f"unknown {what} {value!r}; valid values: {', '.join(self.choices)}")


class ModelNotAvailable(PlansearchError):
    """An embedding model (or the library that runs it) is not installed on this machine."""


def check_choice(what: str, value: object, choices: Iterable[str]) -> None:
    """Raise :class:`UnknownChoice` unless ``value`` is None or one of ``choices``."""
    choices = tuple(choices)
    if value is not None and value not in choices:
        raise UnknownChoice(what, value, choices)
