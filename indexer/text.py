"""Normalisation tables shared by every stage, written once.

* Bullets: the outline markers a passage may start with (``○ 목표``, ``- 세부``, ``※ 참고``).
* Middle dots: ``·`` and its look-alikes (``ㆍ`` hangul, ``・`` katakana, ``․`` one-dot leader …).
  The one dot policy: for *matching* they are removed (``한·중`` = ``한중``, :func:`fold_dots`);
  for *display and duplicate keys* they become one ``·`` (:func:`unify_dots`).
* Zero-width characters, BOMs and soft hyphens, which are never text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "GOAL_BULLETS",
    "DASH_BULLETS",
    "NOTE_BULLETS",
    "MIDDLE_DOTS",
    "ZERO_WIDTH",
    "strip_bullet",
    "fold_dots",
    "unify_dots",
    "drop_zero_width",
    "normalize_query",
]

GOAL_BULLETS = "○◯●◦□■▪▫◆◇▶▷►❍⦁•"
DASH_BULLETS = "-–—"
NOTE_BULLETS = "※"
_LEADING = GOAL_BULLETS + DASH_BULLETS + NOTE_BULLETS + " "
MIDDLE_DOTS = "·ㆍ・‧․∙⋅•･"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"

_NO_DOTS = str.maketrans("", "", MIDDLE_DOTS)
_ONE_DOT = str.maketrans(dict.fromkeys(MIDDLE_DOTS, "·"))
_NO_ZERO_WIDTH = dict.fromkeys(map(ord, ZERO_WIDTH), None)
_WS = re.compile(r"\s+")


def strip_bullet(text: str) -> str:
    """``○ 스마트도시 구현`` → ``스마트도시 구현`` (leading bullets, dashes, notes and spaces)."""
    return text.lstrip(_LEADING)


def fold_dots(text: str) -> str:
    """Middle dots removed, for matching: ``한·중`` → ``한중``."""
    return text.translate(_NO_DOTS)


def unify_dots(text: str) -> str:
    """Every middle-dot look-alike as ``·`` (before NFKC, which would turn ``ㆍ`` into a jamo)."""
    return text.translate(_ONE_DOT)


def drop_zero_width(text: str) -> str:
    return text.translate(_NO_ZERO_WIDTH)


def normalize_query(q: str) -> str:
    """NFKC (full-width → ASCII, NFD Hangul → syllables), no zero-width or control characters, single spaces."""
    q = unicodedata.normalize("NFKC", drop_zero_width(unicodedata.normalize("NFC", q)))
    q = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q)  # NUL, tabs, newlines
    return _WS.sub(" ", q).strip()
