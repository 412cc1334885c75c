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
    "COVER_DATE",
    "KEY_VALUE",
    "SOURCE_KEY",
    "object_particle_at",
    "ROMAN_NUMERALS",
    "OUTLINE_LETTERS",
    "join_spaced_letters",
    "is_spaced_title",
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

#: The 14 letters that number a Korean outline (가. 나. 다. …), never the whole range 가-하.
OUTLINE_LETTERS = "가나다라마바사아자차카타파하"
#: Roman numerals as one glyph each (Ⅰ. Ⅱ. …), the top level of most plans.
ROMAN_NUMERALS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

GOAL_BULLETS = "○◯●◦□■▪▫◆◇◈♦▶▷►▸▹❍⦁•"
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
    """``○ 스마트도시 구현`` → ``스마트도시 구현`` (leading bullets, dashes, notes and spaces; ``ㅇ`` and ``·`` as bullets)."""
    text = text.lstrip(_LEADING)
    while text[:1] in "ㅇ·ㆍ∙" and text[1:2].isspace():  # ``ㅇ`` and a middle dot as bullets, not ``시·군``
        text = text[1:].lstrip(_LEADING)
    return text


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


# A label or title spaced out letter by letter to fill its box or cell (``합 계``, ``사 업 비``,
# ``Ⅰ. 개 요``, ``□ 추 진 배 경``): Kiwi reads ``성``, ``과`` as two words where the text means ``성과``.
# Only a whole text of 2–6 single syllables after an optional outline marker is joined, or such a
# label before a colon (``1) 사 업 명 : K-water …`` → ``1) 사업명 : K-water …``); prose keeps its spaces.
#: The key of a line naming where a table's figures come from (``자료 : 통계청``, ``출처: …``).
SOURCE_KEY = r"(?:자\s*료|출\s*처)\s*[:：]"

#: A date as a cover prints it, alone on its line (``2025. 1. 20.``, ``2025. 12. 12.(금)``, ``2025년 3월``).
COVER_DATE = r"(?:19|20)\d{2}\s*[.년]\s*\d{1,2}\s*[.월](?:\s*\d{1,2}\s*[.일])?\s*(?:\([월화수목금토일]\))?"

_SPACED_LETTERS = re.compile(
    r"^(?P<mark>(?:[IVXⅠ-Ⅻ]+\s*\.|\d{1,2}(?:-\d{1,2})?\s*[.)]?|\(\s*\d{1,2}\s*\)|[" + OUTLINE_LETTERS + r"]\s*[.)]"
    r"|[□■○ㅇ◦▪❍●◆\-·]|제\s*\d+\s*[장절편])\s*)?"
    # (a bilingual yearbook's ``2-1. 인 구 추 이 Population Trends``, ``세 대 Households``: the English stays)
    r"(?P<word>[가-힣](?: [가-힣]){1,9})(?P<rest>\s*[:：].*|\s+[A-Za-z][^가-힣]*)?$"
)


def join_spaced_letters(text: str) -> str:
    """``합 계`` → ``합계``, ``Ⅰ. 개 요`` → ``Ⅰ. 개요``, ``사 업 명 : …`` → ``사업명 : …``, ``인 구 Population`` →
    ``인구 Population``; anything else unchanged."""
    m = _SPACED_LETTERS.match(text)
    return (m.group("mark") or "") + m.group("word").replace(" ", "") + (m.group("rest") or "") if m else text


def is_spaced_title(text: str) -> bool:
    """A whole line spaced out letter by letter (``제 안 요 청 서``, ``Ⅰ. 개 요``): a title or label of its
    own. Two bare syllables (``할 수``) may be a wrapped phrase, so without a marker it takes three."""
    m = _SPACED_LETTERS.match(text)
    return bool(m) and not m.group("rest") and (bool(m.group("mark")) or len(m.group("word")) >= 5)


def object_particle_at(s: str, j: int) -> bool:
    """Whether ``s[:j]`` ends in an object particle: 을 after a closed syllable (``비중을``), 를 after an open
    one (``일자리를``); ``마을`` and ``가을`` end in 을 after an open syllable and are nouns."""
    if j < 2:
        return False
    prev = ord(s[j - 2]) - 0xAC00
    return 0 <= prev < 11172 and s[j - 1] == ("를" if prev % 28 == 0 else "을")


#: A field line, ``사업금액 : …``, ``전자우편: …``: a short key (at most 12 characters, a Korean word in it, no
#: colon) before a colon and a value; ``14:00 ~ 16:00``, ``1:1 멘토링`` and ``https://…`` are none.
KEY_VALUE = re.compile(r"^(?=[^:：\n]{0,12}[가-힣])[^:：\n]{1,12}[:：]\s*\S")
