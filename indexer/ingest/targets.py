"""Quantitative targets (성과지표) found inside passage text.

Korean plan documents state their targets in a handful of compact shapes::

    주민자치회 구성(개) : (‘21) 132 → (’22) 154          # a series of points
    시정 현안 정책개발 및 연구지원 강화(억원): (’21) 98→ (’25) 104
    남북교류 협력을 위한 기금 전출금 : (‘21→’25) 매년 20억 전출계획   # a constant over a span
    일 잘하는 조직 운영(건수): (’21)~(’25) 2회

:func:`parse_targets` turns each of them into a :class:`~indexer.records.Target`:
the metric is the words right before the series (never crossing a ``○`` or
`` - `` bullet), the unit is a trailing parenthesised group of the metric or
else the suffix on the value (``20억`` -> ``억원``), and the values are one
:class:`~indexer.records.TargetPoint` per year.

How it works: the text is first *folded* (curly quotes, full-width
punctuation, arrow and dash variants mapped to one ASCII-ish form, always one
character for one character so offsets stay valid). A single regex then finds
the year-labelled series, which always start with ``(``; for each series the
metric is read backwards from the series start up to the nearest boundary.
Every quantifier in the patterns is either bounded or possessive, so no
pattern can backtrack catastrophically and a parse is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.records import Target, TargetPoint, Trend

__all__ = ["normalize_quotes", "parse_targets", "trend_of"]

# --------------------------------------------------------------------------
# Folding (one char -> one char, so positions in the folded text are
# positions in the original text)
# --------------------------------------------------------------------------

#: Quote marks seen around two-digit year labels: (‘21) (’21) (`21) (′21) (“21)...
_QUOTES = "'‘’‚‛′‵＇`´ʹʻʼʽˈˊˋ\"“”„‟″‶＂〃"
_QUOTE_TABLE = str.maketrans({c: "'" for c in _QUOTES})

#: Everything else the matcher wants in one form. Dashes fold to ``-`` so the
#: `` - `` bullet and the ``->`` arrow need one spelling; tildes to ``~``;
#: arrows to ``→``; full-width digits, parens, colon and percent to ASCII.
_FOLD_TABLE = str.maketrans(
    {
        **{c: "'" for c in _QUOTES},
        **{c: "-" for c in "‐‑‒–—―−﹣－"},
        **{c: "~" for c in "～∼〜〰"},
        **{c: "→" for c in "⇒➔➜➝➞⟶⟹⇨⇢⭢🡒"},
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "（": "(",
        "）": ")",
        "：": ":",
        "﹕": ":",
        "％": "%",
    }
)


def normalize_quotes(text: str) -> str:
    """Map the quote marks used in year labels (‘ ’ ′ ＇ ` ´ “ ” ...) to ASCII ``'``.

    Each character maps to exactly one character, so ``len`` and every offset
    are unchanged: ``normalize_quotes("(‘21)") == "('21)"``.
    """
    return text.translate(_QUOTE_TABLE)


def _fold(text: str) -> str:
    """:func:`normalize_quotes` plus dashes, tildes, arrows, full-width forms."""
    return text.translate(_FOLD_TABLE)


# --------------------------------------------------------------------------
# Patterns (applied to folded text)
# --------------------------------------------------------------------------

_WS = r"\s*+"  # possessive: adjacent optional tokens can never re-split a run of spaces

#: Two-digit years mean 20xx; four-digit years are 19xx/20xx.
_YEAR = r"(?:(?:19|20)[0-9]{2}|[0-9]{2})"

#: Quote/year/quote, optionally ``년``: the inside of ``('21)``, ``(2021)``, ``('21년)``.
_YEAR_IN = rf"'?{_WS}{_YEAR}{_WS}'?{_WS}(?:년{_WS})?"

#: A parenthesised year label: ``('21)``.
_YEAR_LABEL = rf"\({_WS}{_YEAR_IN}\)"

#: A number: ``1,400``, ``98``, ``3.5``. Atomic, and never followed by another
#: digit, so ``1,4000`` or ``12,34`` is not read as a smaller number.
_NUM = r"(?>[0-9]{1,3}(?:,[0-9]{3})++(?:\.[0-9]++)?|[0-9]++(?:\.[0-9]++)?)(?![0-9])"

#: A unit glued to a value: ``20억``, ``2회``, ``100%``. A longer Hangul run
#: glued to a number (``20억전출계획``) is a word, not a unit: no suffix then.
_SUFFIX = r"(?:%|[가-힣]{1,4}+(?![가-힣]))"

#: Arrows between points (``~`` too: ``('21) 1 ~ ('25) 4``).
_ARROW = r"(?:→|->|=>|~)"

#: Separators inside a year range: ``('21→'25)``, ``('21~'25)``, ``('21-'25)``.
_RANGE_SEP = r"(?:→|->|=>|~|-)"

_POINT = rf"{_YEAR_LABEL}{_WS}{_NUM}{_SUFFIX}?"

#: ``('21) 132 → ('22) 154 [→ ...]``: two or more points.
_POINTS = rf"{_POINT}(?:{_WS}{_ARROW}{_WS}{_POINT})++"

#: ``('21→'25)`` or ``('21)~('25)``, then one value for every year of the span,
#: optionally introduced by ``매년``/``연``: ``매년 20억``, ``2회``.
_RANGE = (
    rf"(?P<span>\({_WS}{_YEAR_IN}{_RANGE_SEP}{_WS}{_YEAR_IN}\)"
    rf"|{_YEAR_LABEL}{_WS}{_RANGE_SEP}{_WS}{_YEAR_LABEL})"
    rf"{_WS}(?:(?:매년|해마다|연간|각각|연|각){_WS})?"
    rf"(?P<rnum>{_NUM})(?P<rsuf>{_SUFFIX})?"
)

_SERIES_RE = re.compile(rf"(?P<range>{_RANGE})|(?P<points>{_POINTS})")

#: Re-reads the points of a matched ``points`` series one by one.
_POINT_RE = re.compile(
    rf"\({_WS}'?{_WS}(?P<year>{_YEAR}){_WS}'?{_WS}(?:년{_WS})?\){_WS}(?P<num>{_NUM})(?P<suf>{_SUFFIX})?"
)
_YEAR_RE = re.compile(_YEAR)

#: Where a metric may begin: after a bullet, a line break, a colon or
#: semicolon, an arrow (leftovers of a broken series), a sentence end, or a
#: `` - `` dash bullet. A metric never spans one.
_BOUNDARY_RE = re.compile(r"[\n○●◎◦•▪▫■□◆◇▶▷►▸※❍❏❑:;→]|\.(?=\s)|(?:^|(?<=\s))-(?=\s|$)")

#: Leading junk of a metric (whitespace, dash bullets, leftover bullets).
_LEAD_JUNK = " \t\r\n\f\v\u00a0\u3000-○●◎◦•▪▫■□◆◇▶▷►▸※❍❏❑"

#: A metric has at least one letter (Hangul or Latin), not only digits/punctuation.
_LETTER_RE = re.compile(r"[^\W\d_]")

#: How far back from a series a metric may reach; plan metrics are far shorter.
_MAX_METRIC = 200
#: Longest parenthesised unit taken from a metric: ``(구축률・유지)``.
_MAX_UNIT = 30
#: Longest year span expanded to one point per year.
_MAX_SPAN = 50

#: A value suffix that stands for a money unit.
_SUFFIX_UNITS = {"억": "억원", "만": "만원"}


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def trend_of(values: Iterable[TargetPoint | float]) -> Trend:
    """``"up"``, ``"flat"`` or ``"down"``: the last value compared with the first.

    Accepts :class:`TargetPoint` objects or plain numbers; fewer than two
    values are ``"flat"``.
    """
    nums = [v.value if isinstance(v, TargetPoint) else float(v) for v in values]
    if len(nums) < 2 or nums[-1] == nums[0]:
        return "flat"
    return "up" if nums[-1] > nums[0] else "down"


def parse_targets(text: str, offset: int = 0) -> tuple[Target, ...]:
    """Every quantitative target in ``text``, in order.

    ``Target.text`` is the original substring from the metric to the last
    value, and ``start``/``end`` are its position in ``text`` plus ``offset``
    (pass the passage's document offset to get document offsets). Never
    raises; returns ``()`` when nothing target-shaped is found.
    """
    folded = _fold(text)
    targets: list[Target] = []
    prev_end = 0  # a metric never reaches back into the previous series
    for m in _SERIES_RE.finditer(folded):
        target = _target_at(text, folded, m, prev_end, offset)
        prev_end = m.end()
        if target is not None:
            targets.append(target)
    return tuple(targets)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def _year(s: str) -> int:
    return 2000 + int(s) if len(s) == 2 else int(s)


def _suffix_unit(suffix: str | None) -> str | None:
    if not suffix:
        return None
    return _SUFFIX_UNITS.get(suffix, suffix)


def _series_values(m: re.Match[str]) -> tuple[tuple[TargetPoint, ...], str | None] | None:
    """Points of a matched series and the unit its value suffix implies."""
    if m.group("range") is not None:
        first, last = (_year(y) for y in _YEAR_RE.findall(m.group("span")))
        if not 0 <= last - first <= _MAX_SPAN:
            return None
        value = _num(m.group("rnum"))
        points = tuple(TargetPoint(y, value) for y in range(first, last + 1))
        return points, _suffix_unit(m.group("rsuf"))
    pts = []
    suffix = None
    for p in _POINT_RE.finditer(m.group("points")):
        pts.append(TargetPoint(_year(p.group("year")), _num(p.group("num"))))
        suffix = suffix or p.group("suf")
    return tuple(pts), _suffix_unit(suffix)


def _target_at(text: str, folded: str, m: re.Match[str], prev_end: int, offset: int) -> Target | None:
    """Build the target whose series is ``m``, reading its metric backwards."""
    series = _series_values(m)
    if series is None:
        return None
    points, suffix_unit = series

    start = m.start()
    lo = max(prev_end, start - _MAX_METRIC)
    if lo > prev_end:  # cut by the length cap: don't begin mid-word
        ws = re.search(r"\s", folded[lo:start])
        lo = lo + ws.end() if ws else start

    # Work leftwards: drop ``:`` and spaces, then a trailing ``(unit)``.
    j = start
    while j > lo and folded[j - 1].isspace():
        j -= 1
    if j > lo and folded[j - 1] == ":":
        j -= 1
        while j > lo and folded[j - 1].isspace():
            j -= 1
    unit = None
    if j > lo and folded[j - 1] == ")":
        k = folded.rfind("(", max(lo, j - 2 - _MAX_UNIT), j - 1)
        if k >= 0 and ")" not in folded[k + 1 : j - 1]:
            unit = text[k + 1 : j - 1].strip() or None
            j = k

    # The metric starts after the last boundary before it.
    b = lo
    for bm in _BOUNDARY_RE.finditer(folded, lo, j):
        b = bm.end()
    while b < j and folded[b] in _LEAD_JUNK:
        b += 1
    while j > b and folded[j - 1].isspace():
        j -= 1
    metric = text[b:j]
    if not _LETTER_RE.search(metric):
        return None

    return Target(
        metric=metric,
        unit=unit if unit is not None else suffix_unit,
        values=points,
        trend=trend_of(points),
        text=text[b : m.end()],
        start=offset + b,
        end=offset + m.end(),
    )
