"""Near copies: one passage published twice with small differences collapses into one hit.

Governments publish the same document as HWP and PDF; the PDF's text differs by a page break
(``…함의 분석 등)`` / ``…함의 분석``), a wrapped word or a dot. Exact duplicates share a
:func:`~indexer.store.dup_key`; a *near copy* is a key that is almost the same text with the
same figures, so two facts that differ only in a number (``2021년 94`` / ``2021년 97``) stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.records import Passage

__all__ = ["NEAR_COPY_RATIO", "MIN_CHARS", "ROWS_PER_LABEL", "NearCopies", "is_near_copy", "row_label"]

#: Similarity (difflib ratio of the normalised keys) at or above which two passages are one.
NEAR_COPY_RATIO = 0.9
#: Keys shorter than this are compared exactly only (``□ 추진 일정`` headings differ by a word).
MIN_CHARS = 20

_FIGURES = re.compile(r"\d+")
#: Characters at the start or the end that two near copies share.
_EDGE = 6
#: Rows of one table under one row label that may stand in the top k before the other candidates.
ROWS_PER_LABEL = 2


@dataclass(frozen=True)
class _Key:
    text: str
    figures: tuple[str, ...]

    @classmethod
    def of(cls, key: str) -> _Key:
        return cls(key, tuple(_FIGURES.findall(key)))


def is_near_copy(a: str, b: str) -> bool:
    """Are the duplicate keys ``a`` and ``b`` (whitespace-free, normalised) the same passage?

    The shorter must be at least :data:`NEAR_COPY_RATIO` of the longer's length, both must begin or
    end alike, the figures of the shorter must appear in the longer in order, and the texts must
    match to the ratio.
    """
    return _near(_Key.of(a), _Key.of(b))


def _near(a: _Key, b: _Key) -> bool:
    short, long = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if len(short.text) < MIN_CHARS or len(short.text) < NEAR_COPY_RATIO * len(long.text):
        return False
    if short.text in long.text:
        return True
    if short.text[:_EDGE] != long.text[:_EDGE] and short.text[-_EDGE:] != long.text[-_EDGE:]:
        return False  # one edition cut or rewrapped the other: they still begin or end alike
    if short.figures != long.figures and not _in_order(short.figures, long.figures):
        return False
    m = SequenceMatcher(None, short.text, long.text, autojunk=False)
    return m.real_quick_ratio() >= NEAR_COPY_RATIO and m.quick_ratio() >= NEAR_COPY_RATIO and m.ratio() >= NEAR_COPY_RATIO


def _in_order(sub: Sequence[str], seq: Sequence[str]) -> bool:
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)


class NearCopies:
    """The keys of the hits placed so far, indexed by their first and last characters: near copies
    begin or end alike, so a new key is compared only with the few kept keys that share an edge."""

    def __init__(self) -> None:
        self._by_edge: dict[tuple[bool, str], list[tuple[_Key, int]]] = {}

    def place(self, key: str, tag: int) -> int | None:
        """The tag of a kept key that ``key`` is a near copy of; else keep ``key`` under ``tag`` (the
        caller's index of its hit) and return None. The key's figures are read once."""
        if len(key) < MIN_CHARS:
            return None
        k = _Key.of(key)
        edges = ((True, key[:_EDGE]), (False, key[-_EDGE:]))
        tried: set[int] = set()  # a kept key sharing both edges is compared once
        for edge in edges:
            for other, kept in self._by_edge.get(edge, ()):
                if kept not in tried:
                    tried.add(kept)
                    if _near(k, other):
                        return kept
        for edge in edges:
            self._by_edge.setdefault(edge, []).append((k, tag))
        return None


def row_label(p: Passage) -> tuple[str, tuple[str, ...], str] | None:
    """``(document, section, caption › row label)`` of a table row, else None.

    A schedule table repeats a row label over many rows (``추진일정 › 2. 공공부문 마이데이터 활성화:
    추진 과제 …``); a query naming the label would fill the whole page with them.
    """
    if p.kind != "row":
        return None
    return (p.doc_id, p.section, _row_head(p.text))


def _row_head(text: str) -> str:
    """A row's ``caption › (단위: 백만원) › label``: its text up to the first ``: `` outside brackets
    (the unit note's colon is not the label's: every row of a table with a unit would share one label)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == ":" and depth == 0 and text[i + 1 : i + 2] in (" ", ""):
            return text[:i]
    return text
