"""Near copies: one passage published twice with small differences collapses into one hit.

Governments publish the same document as HWP and PDF; the PDF's text differs by a page break
(``…함의 분석 등)`` / ``…함의 분석``), a wrapped word or a dot. Exact duplicates share a
:func:`~indexer.store.dup_key`; a *near copy* is a key that is almost the same text with the
same figures, so two facts that differ only in a number (``2021년 94`` / ``2021년 97``) stay apart.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.records import Passage

__all__ = ["NEAR_COPY_RATIO", "MIN_CHARS", "ROWS_PER_LABEL", "is_near_copy", "row_label"]

#: Similarity (difflib ratio of the normalised keys) at or above which two passages are one.
NEAR_COPY_RATIO = 0.9
#: Keys shorter than this are compared exactly only (``□ 추진 일정`` headings differ by a word).
MIN_CHARS = 20

_FIGURES = re.compile(r"\d+")
#: Rows of one table under one row label that may stand in the top k before the other candidates.
ROWS_PER_LABEL = 2


def is_near_copy(a: str, b: str) -> bool:
    """Are the duplicate keys ``a`` and ``b`` (whitespace-free, normalised) the same passage?

    The shorter must be at least :data:`NEAR_COPY_RATIO` of the longer's length, the figures of
    the shorter must appear in the longer in order, and the texts must match to the ratio.
    """
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_CHARS or len(short) < NEAR_COPY_RATIO * len(long):
        return False
    if short in long:
        return True
    if not _in_order(_FIGURES.findall(short), _FIGURES.findall(long)):
        return False
    m = SequenceMatcher(None, short, long, autojunk=False)
    return m.real_quick_ratio() >= NEAR_COPY_RATIO and m.quick_ratio() >= NEAR_COPY_RATIO and m.ratio() >= NEAR_COPY_RATIO


def _in_order(sub: list[str], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)


def row_label(p: Passage) -> tuple[str, tuple[str, ...], str] | None:
    """``(document, section, caption › row label)`` of a table row, else None.

    A schedule table repeats a row label over many rows (``추진일정 › 2. 공공부문 마이데이터 활성화:
    추진 과제 …``); a query naming the label would fill the whole page with them.
    """
    if p.kind != "row":
        return None
    return (p.doc_id, p.section, p.text.split(": ", 1)[0])
