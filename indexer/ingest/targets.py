"""Quantitative targets (성과지표) found inside passage text.

Korean plan documents state their targets in a handful of compact shapes::

    주민자치회 구성(개) : (‘21) 132 → (’22) 154          # a series of points
    시정 현안 정책개발 및 연구지원 강화(억원): (’21) 98→ (’25) 104
    남북교류 협력을 위한 기금 전출금 : (‘21→’25) 매년 20억 전출계획   # a constant over a span
    일 잘하는 조직 운영(건수): (’21)~(’25) 2회

:func:`parse_targets` turns each of them into a :class:`~indexer.records.Target`:
the metric is the words right before the series (never crossing a ``○``,
`` - ``, ``ㅇ`` or ``*`` bullet), the unit is a trailing parenthesised group of the metric,
else the suffix on the value (``20억`` -> ``억원``), else a counter unit in parentheses
after the last value (``… → (’25) 1,000 (백만원)``), and the values are one
:class:`~indexer.records.TargetPoint` per year. Korean amounts are number × 천/백/십 ×
조/억/만, parts added (``1조 8천억원`` is 18,000 억원, ``1천5백억`` and ``1천 5백억`` 1,500 억, ``2만5천명`` and
``2만 5,000명`` 25,000 명), and a series whose points are written in different scales is
brought to the smallest of them (``5,000억원 → 1.8조원``: 5,000 → 18,000 억원), or to the
unit its metric or a trailing group names (``사업비(백만원): (’21) 10억`` is 1,000 백만원);
points whose units disagree make no series. A scale word with no unit beside plain numbers
is a number (``(’21) 42,360 → (’25) 6.5만`` is 42,360 → 65,000) unless money keeps the values
closer (``20 → 30억`` is 20 → 30 억원). A particle after a value (``1.5만명으로``) is no part of
it. A span with an amount of money, whether the value, the metric or a trailing group names
the unit, and no ``매년``/``연간`` states the span's total (``1단계(’23년~’25년) 50억원``,
``사업비(억원) : (’21→’23) 20``), and a bare year after a span is a schedule's column
(``(’23년~’25년) 2023 2024``): neither is a target.

How it works: the text is first *folded* (curly quotes, full-width
punctuation, arrow and dash variants mapped to one ASCII-ish form, always one
character for one character so offsets stay valid). A single regex then finds
the year-labelled series, which always start with ``(``; for each series the
metric is read backwards from the series start up to the nearest boundary.
Every quantifier in the patterns is either bounded or possessive, so no
pattern can backtrack catastrophically and a parse is linear in the text.

Sentences also state single-year goals::

    청년 인턴 채용 ’24년 목표 1,200명               # year, 목표, value
    공공 체육시설 2024년까지 500개소 확충           # year까지, value, goal verb
    ‘25년 목표 : 재생에너지 비중 30%               # the metric between year and value
    민원 만족도 (’23) 85% 달성                    # a year label, value, goal verb
    취업자 수 ’24년 3만명 목표

Each becomes a one-point target with trend ``"target"`` (a goal, not a
series). The rule is deliberately narrow, since no target is better than a
wrong one: a year marker (``’24년``, ``2024년``, ``(’24)``) not in a range or a
date, then within a few words a number glued to a counter unit (명, 개소, %,
억원, km ...), and a goal word either glued to the year (``까지``, ``목표``) or
right after the value (달성, 확충, 목표 ...). The metric is the short noun
phrase between year and value, else the one right before the year; when
neither reads as a plain noun phrase (no particles, verb endings, digits,
at most 30 characters) there is no target. Spans already taken by a series
never yield a sentence target. The same goal may put its year after the goal
word, in parentheses: ``수소충전소 450기 구축(’22)``, ``240만호 확보(’25년까지)``;
a goal word with an amount and no year in the sentence is no target.

Sentences also state series, each value with its own year::

    국어문화학교 교육인원 42,360명(‘21) ⇒ 44,000명(‘22)   # value, then its year label
    말뭉치 구축량 누적 21억 어절(‘21) ⇒ 누적 22억 어절(‘22)
    친환경 인증 면적 ’22년 4,000ha → ’27년 7,000ha         # year with 년, then its value

Two or more points joined by arrows (→ ⇒ ▶ ~), or two year-first points in prose
(``비중을 2024년 16.9%에서 2028년 21.3%로 높인다``: ``에서`` then ``(으)로`` or ``까지``), strictly
increasing years and one unit make a series (trend up/flat/down); its metric is read as for a
sentence goal, after a label word such as ``목표``, and loses an object particle (``비중을``,
``일자리를``; not the 을 of ``마을``). A short word after a year-first value, before the next arrow
or a closing parenthesis, is what the value counts (``’24년 12개 품목 → ’25년 30개 품목``): no part of
unit or metric. A series in parentheses right after its metric (``정밀검사 대상 선별
확대(’24년 12개 품목 → ’25년 30개 품목)``) has the phrase before the parenthesis as its metric,
less a goal word ending it (확대, 보급 …: what is done, not what is counted); a label before a colon
keeps it (``선별 확대 : ’24년 12개 → ’25년 30개``), as ``국공립어린이집 확충(개소) : …`` does.
A year label needs a quote mark, four digits or ``년`` (``30명(12)`` may be a count), and a year-first
value a counter unit (``2024년 3월`` is a date). In a passage that writes its years with
quote marks, a year that lost its quote (``25년``, ``24년도``, ``(22)``) is still a year in
these sentences, except a duration (``22년간``, ``향후 10년``) or a list (``2010‧12‧14년``). Like the parenthesised series,
these are reported whether they state goals or actuals (``R&D 예산 ’23년 … → ’24년 …``:
the words of an actual or a budget only rule out one-year goals), but a press-release
clause (``해외직접투자는 ’23년 … → ’24년 …로 감소``) names no metric and gives no
target. A baseline without a year (``2종 → ‘22년 10개 이상``) is no point, and the
goal after it is not taken alone: it is the end of a series, not a goal of its own.
A series' span, with or without a metric, never yields a one-year goal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from indexer.ingest.amounts import HI, NUM, Amount, is_money, one_unit, read_amount, single_amount
from indexer.records import Target, TargetPoint, Trend
from indexer.text import DASH_BULLETS, GOAL_BULLETS, NOTE_BULLETS, object_particle_at

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


#: A particle after a value (``1.5만명으로``, ``10개소로``): no part of its unit.
_PARTICLE = r"(?:으로|로|까지|에서|부터|씩|에|을|를|은|는|이|가)"

#: A unit glued to a value: ``20억``, ``2회``, ``100%``, ``12.5km``, ``45MW``, ``14㎢``, and ``만명`` in ``1.5만명으로`` (the
#: particle stays out, so a target's text ends at its unit). A longer Hangul run glued to a
#: number (``20억전출계획``) is a word, not a unit: no suffix then; nor is a particle alone.
_SUFFIX = rf"(?:%|(?:㎞|㎢|㎡|㎥|㎾|㏊|[A-Za-z]{{1,3}}[²³]?)(?![A-Za-z0-9])|(?!{_PARTICLE}(?![가-힣]))[가-힣]{{1,4}}?(?={_PARTICLE}?(?![가-힣])))"


#: After a value: a scale word (``1조``) followed by digits is no whole amount (``1조 8``).
_SCALE_END = r"(?:(?<![조억만])|(?![ ]?[0-9]))"
#: A value without a unit is not the head of an amount cut short either (``1`` of ``1조 8천``).
_CUT_SHORT = r"(?![조억만천백십][ ]?[0-9])"


#: Counters of a place in a sequence, not of a quantity: a plan's 4차년도, 2단계, 3차, 5기, 2년차, 3번째, 1회차.
_ORDINAL_UNIT = re.compile(r"차년도|차|단계|기|년차|번째|회차")

#: Arrows between points (``~`` too: ``('21) 1 ~ ('25) 4``).
_ARROW = r"(?:→|->|=>|~)"

#: Separators inside a year range: ``('21→'25)``, ``('21~'25)``, ``('21-'25)``.
_RANGE_SEP = r"(?:→|->|=>|~|-)"

_POINT = rf"{_YEAR_LABEL}{_WS}{HI}{NUM}(?:{_SUFFIX}{_SCALE_END}|{_CUT_SHORT})"

#: ``('21) 132 → ('22) 154 [→ ...]``: two or more points.
_POINTS = rf"{_POINT}(?:(?:{_PARTICLE}(?![가-힣]))?{_WS}{_ARROW}{_WS}{_POINT})++"  # ``1만명에서 → 1.5만명으로``

#: ``('21→'25)`` or ``('21)~('25)``, then one value for every year of the span,
#: optionally introduced by ``매년``/``연``: ``매년 20억``, ``2회``.
_RANGE = (
    rf"(?P<span>\({_WS}{_YEAR_IN}{_RANGE_SEP}{_WS}{_YEAR_IN}\)"
    rf"|{_YEAR_LABEL}{_WS}{_RANGE_SEP}{_WS}{_YEAR_LABEL})"
    rf"{_WS}(?:(?P<each>매년|해마다|연간|각각|연|각){_WS})?"
    rf"(?P<rhi>{HI})(?P<rnum>{NUM})(?:(?P<rsuf>{_SUFFIX}){_SCALE_END}|{_CUT_SHORT})"
)

_SERIES_RE = re.compile(rf"(?P<range>{_RANGE})|(?P<points>{_POINTS})")

#: Re-reads the points of a matched ``points`` series one by one.
_POINT_RE = re.compile(
    rf"\({_WS}'?{_WS}(?P<year>{_YEAR}){_WS}'?{_WS}(?:년{_WS})?\){_WS}(?P<hi>{HI})(?P<num>{NUM})(?:(?P<suf>{_SUFFIX}){_SCALE_END}|{_CUT_SHORT})"
)
_YEAR_RE = re.compile(_YEAR)

#: Bullet symbols (the shared sets of :mod:`indexer.text` and a few more seen in plans).
_BULLETS = "".join(dict.fromkeys(GOAL_BULLETS + NOTE_BULLETS + "◎▸❏❑"))

#: Bullets that are also letters or signs (``ㅇ 목표``, ``* 참고``, `` - 세부``): only a whole
#: word between spaces is one (``ㅇㅇ시``, ``기관*`` are no bullets). Dashes are folded to ``-``.
_WORD_BULLET = r"(?:-|ㅇ|\*{1,3}+)"

#: Where a metric may begin: after a bullet, a line break, a colon or
#: semicolon, an arrow (leftovers of a broken series), a sentence end, or a
#: word bullet (`` - ``, ``ㅇ``, ``*``). A metric never spans one.
_BOUNDARY_RE = re.compile(rf"[\n{re.escape(_BULLETS)}:;→]|\.(?=\s)|(?:^|(?<=\s)){_WORD_BULLET}(?=\s|$)")

#: Leading junk of a metric (whitespace, bullets, word bullets before a space).
_LEAD_JUNK_RE = re.compile(rf"(?:[\s{re.escape(_BULLETS + DASH_BULLETS)}]|{_WORD_BULLET}(?=\s))*+")

#: A metric has at least one letter (Hangul or Latin), not only digits/punctuation.
_LETTER_RE = re.compile(r"[^\W\d_]")

#: How far back from a series a metric may reach; plan metrics are far shorter.
_MAX_METRIC = 200
#: Longest parenthesised unit taken from a metric: ``(구축률・유지)``.
_MAX_UNIT = 30
#: Longest year span expanded to one point per year.
_MAX_SPAN = 50

# --------------------------------------------------------------------------
# Sentence goals (one year, one value): ``청년 인턴 채용 ’24년 목표 1,200명``
# --------------------------------------------------------------------------

# Two-digit years without their quote mark. ``24년`` is as often a duration and ``(24)`` a list
# number, so a sentence's year needs its quote mark (``’24년``), four digits or, in parentheses,
# ``년`` (``(24년)``), except in a passage that writes its years with quote marks: there a lost
# quote (``22년``, ``22년도``, ``(22)``) is still a year. Even then a number glued to a word or
# a list (``2010‧12‧14년``, ``19~22년``), after a word of duration (``향후 10년``, ``약 20년``) or
# before one (``22년간``, ``22년 동안``, ``10년 전``) is no year.

#: In a sentence pattern, where a bare two-digit year may stand as an alternative: in
#: parentheses (``⟨P⟩``), or before ``년`` (``⟨N⟩``). :func:`_with_bare_years` fills them in.
_BARE_IN_PARENS, _BARE_BEFORE_NYEON = "⟨P⟩", "⟨N⟩"
_DURATION_BEFORE = ("향후", "앞으로", "지난", "최근", "과거", "약", "총", "매", "근속", "경력", "최대", "최소")
_DURATION_AFTER = r"(?:간|째|차|여|동안|만에|만의|가량|정도|이상|이내|이하|미만|전|후)(?![가-힣])"
_BARE_YEAR = (
    rf"(?=[0-9]{{2}}[ ]?년(?![ ]?{_DURATION_AFTER}))"  # first, so most places fail at once
    r"(?<![0-9A-Za-z가-힣.,'‧·・~\-/])"
    + "".join(f"(?<!{w} )" for w in _DURATION_BEFORE)
    + r"[0-9]{2}"
)
#: A year written with its quote mark (``'22년``, ``('22)``, ``'22.3월``, ``'21~'25``).
_QUOTED_YEAR_RE = re.compile(r"(?<![0-9])'[ ]?[0-9]{2}(?![0-9])(?=[ ]?(?:년|\)|'|[~→\-.]))")


def _with_bare_years(pattern: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``pattern`` compiled without (``[False]``) and with (``[True]``) bare two-digit years."""
    marked = pattern.replace(_BARE_IN_PARENS, "").replace(_BARE_BEFORE_NYEON, "")
    bare = pattern.replace(_BARE_IN_PARENS, "|[0-9]{2}").replace(_BARE_BEFORE_NYEON, f"|{_BARE_YEAR}")
    return re.compile(marked), re.compile(bare)


#: The year a goal is set for: with its quote mark, four digits and ``년`` (``2024`` alone may
#: be anything), or a bare year where the passage allows one (see above). ``까지`` glued to
#: the year, or ``목표`` inside its parentheses, make it a goal year.
_GOAL_YEAR_RE = _with_bare_years(
    rf"\({_WS}(?P<py>'[ ]?[0-9]{{2}}|(?:19|20)[0-9]{{2}}{_BARE_IN_PARENS})(?![0-9]){_WS}'?{_WS}(?:년{_WS})?(?P<pgoal>목표{_WS})?\)"
    rf"|(?P<by>'[ ]?[0-9]{{2}}|(?<![0-9.])(?:19|20)[0-9]{{2}}{_BARE_BEFORE_NYEON})(?![0-9])[ ]?년(?:[ ]?(?:도|말))?(?P<until>[ ]?까지)?"
    # Not the first year of a range (``'22년~'26년``) nor a date (``2024년 3월``).
    rf"(?!{_WS}(?:[~\-→]|[0-9]{{1,2}}{_WS}월))"
)

#: Counter units a goal value is stated in, longest first; money and large
#: counts may carry a multiplier (``1,200백만원``, ``3만명``, ``20억 원``, ``5천억원``).
_COUNTER = (
    r"(?:%p|%|(?:(?:(?:천|백|십)?(?:조|억|만)|천|백|십)[ ]?)?(?:개소|개사|개국|개교|가구|세대|어절|달러|명|개|건|곳|대|회|종|톤|원|점|호|기|채)"
    r"|(?:천|백|십)?(?:억|조)|km|㎞|㎢|㎡|m2|MW|GW|kW|ha)"
)

#: From the year to the value: a few words, no digits and no clause boundary.
_GOAL_VALUE_RE = re.compile(
    rf"(?P<gap>[^0-9\n.,;·・›○●◎◦•▪▫■□◆◇▶▷►▸※❍❏❑→⇒~()\[\]<>「」]{{0,40}}+)(?P<hi>{HI})(?P<num>{NUM})(?P<unit>{_COUNTER})"
)

#: A unit in parentheses right after a series' last value: ``… → ('25) 1,000 (백만원)``,
#: ``(단위: 억원)``. Only a counter unit: ``(잠정)``, ``(누적 기준)`` are notes.
_TRAIL_UNIT_RE = re.compile(rf"[ \t]*+\([ ]*+(?:단[ ]?위[ ]*+:[ ]*+)?(?P<unit>{_COUNTER})[ ]*+\)")

#: Words saying the value is a goal to reach.
_GOAL_WORDS = (
    r"목표|달성|확충|확보|구축|조성|확대|보급|설치|육성|양성|감축|절감|유치|창출|건립|건설|개통|개설|채용|증원|발굴|지정|도입|향상|제고|완료"
)

#: Right after the value: an optional qualifier and particle, then a goal word,
#: another word (the value then counts that word: ``30개 분야``), or nothing.
_AFTER_VALUE_RE = re.compile(
    rf"(?:{_WS}(?:이상|이하|이내|수준|내외|규모))?(?:까지|으로|로|을|를|씩)?{_WS}"
    rf"(?:(?P<goal>{_GOAL_WORDS})|(?P<word>[가-힣A-Za-z0-9])|(?P<series>\({_WS}'?{_WS}[0-9]{{2}}|→|->|=>|~))?"
)

#: ``목표`` / ``목표치`` and a colon opening the gap: ``'25년 목표 : 재생에너지 비중 30%``.
_GAP_LEAD_RE = re.compile(r"\s*(?:(?P<goal>목표(?:치|값)?)\s*)?(?::\s*)?")

#: Words around a value that say how it is counted, not what: ``누적 500개소``.
_MODIFIERS = r"(?:누적|총|연간|연|매년|약|최소|최대)"
_LEAD_MODIFIERS_RE = re.compile(rf"\s*(?:{_MODIFIERS}\s+)*")
_TRAIL_MODIFIERS_RE = re.compile(rf"(?:\s+{_MODIFIERS})*\s*$")

#: Where a metric before the year may begin (besides the series boundaries).
_GOAL_BOUNDARY_RE = re.compile(rf"{_BOUNDARY_RE.pattern}|[,·›⇒<>\[\]「」]")

#: A word that makes a phrase a clause, not the name of a metric: object and
#: adverbial particles, verb endings, comparisons.
_CLAUSE_WORD_RE = re.compile(
    r"(?:[^마]을|를|으로|에서|에게|하여|하고|하며|해서|하는|되는|되어|위한|위해|통한|통해|으며|하기|따라|따른|대한|대해"
    r"|[한된었았했였]다|이다|있다|있는|없는|같은|[은는])$"
)

#: Words saying the number is an actual or a baseline, not a goal.
_NOT_GOAL_WORDS = frozenset({"실적", "현재", "기준", "대비", "전년", "전년도", "예산", "집행"})

#: A metric that names no measure.
_GENERIC_METRICS = frozenset({"목표", "목표치", "목표값", "성과목표", "추진목표", "계획", "추진계획", "달성", "총", "누적"})

#: Longest metric phrase read from a sentence; a longer one is a clause.
_MAX_GOAL_METRIC = 30

#: A label word before a metric (``목표 말뭉치 구축량 ...``): it names no measure, so the metric
#: is the phrase after the last one.
_LABEL_WORD_RE = re.compile(r"(?<![가-힣A-Za-z0-9])(?:성과목표|추진목표|성과지표|목표치|목표값|목표)\s+(?=\S)")

# --------------------------------------------------------------------------
# Series stated in sentences (two or more years, each with its value):
#   말뭉치 구축량 누적 21억 어절(‘21) ⇒ 누적 22억 어절(‘22)     # value, then its year
#   친환경 인증 면적 ’22년 4,000ha → ’27년 7,000ha            # year with 년, then its value
# and one-year goals whose year follows the goal verb: ``수소충전소 450기 구축(’22)``.
# --------------------------------------------------------------------------

#: Arrows between the points of a sentence series (``▶`` is also a bullet, but never inside a series).
_SENT_ARROW = r"(?:→|->|=>|~|▶|▷|►|➡)"
_ARROW_NEXT_RE = re.compile(rf"{_WS}{_SENT_ARROW}")  # an arrow next (``match`` at a position)
_ARROW_LAST_RE = re.compile(rf"{_SENT_ARROW}$")  # an arrow last (``search`` in a slice)

#: Counting words in front of a value (``누적 22억 어절``), and a value not glued to a
#: digit, a Latin letter, a decimal point or ``제`` (``제14조`` is an article, not 14 trillion),
#: nor inside a compound amount (``5천명`` of ``2만5천명``).
_AMOUNT_START = rf"(?:{_MODIFIERS}[ ]+)?(?<![0-9A-Za-z.,제])(?<![0-9][천백십만억조])"

#: ``42,360명(‘21)``: a value, its unit (optional: the label says what the number is), and a
#: year label with a quote mark, four digits or ``년`` (``(21)`` alone may be a count or a note,
#: unless the passage allows a bare year).
_VY_POINT = (
    rf"{_AMOUNT_START}(?P<hi>{HI})(?P<num>{NUM})(?P<unit>{_COUNTER})?(?![가-힣A-Za-z0-9]){_WS}"
    rf"\({_WS}(?P<year>'{_WS}[0-9]{{2}}|(?:19|20)[0-9]{{2}}|[0-9]{{2}}(?={_WS}년){_BARE_IN_PARENS})(?![0-9])"
    rf"{_WS}'?{_WS}(?:년{_WS})?(?:(?:말|기준|목표|실적|현재){_WS})?\)"
)

#: ``’22년 4,000ha``: a year with a quote mark or four digits and ``년``, then a value with a
#: counter unit (so ``2024년 3월`` and ``’22년 2분기`` are no points), at most a particle after it.
_YV_POINT = (
    rf"(?<![0-9.'])(?P<year>'[ ]?[0-9]{{2}}|(?:19|20)[0-9]{{2}}{_BARE_BEFORE_NYEON})(?![0-9])[ ]?년(?:[ ]?(?:도|말))?(?:[ ]?까지)?{_WS}"
    rf"(?:(?:목표|기준|실적)(?:치)?{_WS}:?{_WS})?{_AMOUNT_START}(?P<hi>{HI})(?P<num>{NUM})(?P<unit>{_COUNTER})"
    rf"{_SCALE_END}(?=(?:으로|로|에서|까지|을|를|이|가|씩|이상|이하|수준)?(?![가-힣A-Za-z0-9]))"
    rf"(?:[ ]+[가-힣]{{1,4}}(?={_WS}(?:{_SENT_ARROW}|\))))?"  # what the value counts: ``12개 품목 →``
)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_VY_POINT_RE = _with_bare_years(_VY_POINT)
_YV_POINT_RE = _with_bare_years(_YV_POINT)
#: Two or more points joined by arrows; one point alone is no series.
_VY_SERIES_RE = _with_bare_years(rf"{_unnamed(_VY_POINT)}(?:{_WS}{_SENT_ARROW}{_WS}{_unnamed(_VY_POINT)})++")
#: Or two points in prose: ``2024년 16.9%에서 2028년 21.3%로`` (or ``까지``).
_YV_SERIES_RE = _with_bare_years(
    rf"{_unnamed(_YV_POINT)}(?:(?:{_WS}{_SENT_ARROW}{_WS}{_unnamed(_YV_POINT)})++|에서{_WS}{_unnamed(_YV_POINT)}(?=으로|로|까지))"
)

#: A series in parentheses right after its metric: ``선별 확대(’24년 12개 품목 → ’25년 30개 품목)``;
#: a goal word ending the metric says what is done, not what is counted, and is dropped.
_OPEN_RE = re.compile(r"\([ ]*$")
_CLOSE_RE = re.compile(r"[ ]*\)")
_GOAL_WORD_END_RE = re.compile(rf"\s(?:{_GOAL_WORDS})\s*$")

#: ``240만호 확보(’25)``, ``450기 구축(’22년까지)``: a value with a counter unit, a goal word
#: right after it, then the goal year in parentheses (not a range, not a date).
_VALUE_GOAL_YEAR_RE = _with_bare_years(
    rf"{_AMOUNT_START}(?P<hi>{HI})(?P<num>{NUM})(?P<unit>{_COUNTER})"
    rf"(?:{_WS}(?:이상|이하|이내|수준|내외|규모))?(?:까지|으로|로|을|를|씩)?{_WS}(?:{_GOAL_WORDS}){_WS}"
    rf"\({_WS}(?:~{_WS})?(?P<year>'[ ]?[0-9]{{2}}|(?:19|20)[0-9]{{2}}{_BARE_IN_PARENS})(?![0-9]){_WS}'?{_WS}(?:년{_WS})?"
    rf"(?:(?:말|도){_WS})?(?:(?:까지|목표){_WS})?\)"
)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def trend_of(values: Iterable[TargetPoint | float]) -> Trend:
    """``"up"``, ``"flat"`` or ``"down"``: the last value compared with the first.

    Accepts :class:`TargetPoint` objects or plain numbers; fewer than two
    values are no series and give ``"target"`` (a single goal value).
    """
    nums = [v.value if isinstance(v, TargetPoint) else float(v) for v in values]
    if len(nums) < 2:
        return "target"
    if nums[-1] == nums[0]:
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
    spans: list[tuple[int, int]] = []  # every series, with or without a metric
    prev_end = 0  # a metric never reaches back into the previous series
    for m in _SERIES_RE.finditer(folded):
        target = _target_at(text, folded, m, prev_end, offset)
        span = (target.start - offset, target.end - offset) if target is not None else (m.start(), m.end())
        prev_end = span[1]
        spans.append(span)
        if target is not None:
            targets.append(target)
    bare = _QUOTED_YEAR_RE.search(folded) is not None  # a passage that writes ’22 may lose a quote
    said, said_spans = _sentence_series(text, folded, spans, offset, bare)
    if said_spans:
        spans = sorted(spans + said_spans)
    goals = _sentence_targets(text, folded, spans, offset, bare)
    taken = sorted(spans + [(g.start - offset, g.end - offset) for g in goals])
    goals += _value_goal_targets(text, folded, taken, offset, bare)
    if said or goals:
        targets = sorted(targets + said + goals, key=lambda t: t.start)
    return tuple(targets)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _year(s: str) -> int:
    return 2000 + int(s) if len(s) == 2 else int(s)


def _series_amounts(m: re.Match[str]) -> tuple[list[int], list[Amount]] | None:
    """Years and amounts of a matched series (a span repeats its one amount); None when it is none."""
    if m.group("range") is not None:
        first, last = (_year(y) for y in _YEAR_RE.findall(m.group("span")))
        if not 0 <= last - first <= _MAX_SPAN:
            return None
        amount = read_amount(m.group("rhi"), m.group("rnum"), m.group("rsuf"))
        if amount is None:
            return None
        value, scale, base, _ = amount
        if not scale + base and value == value.to_integral_value() and 1900 <= value <= 2100:
            return None  # a schedule's year columns after the span (``(’23년~’25년) 2023 2024``), not a value
        years = list(range(first, last + 1))
        return years, [amount] * len(years)
    years, amounts = [], []
    for p in _POINT_RE.finditer(m.group("points")):
        amount = read_amount(p.group("hi"), p.group("num"), p.group("suf"))
        if amount is None:
            return None
        years.append(_year(p.group("year")))
        amounts.append(amount)
    return years, amounts


def _target_at(text: str, folded: str, m: re.Match[str], prev_end: int, offset: int) -> Target | None:
    """Build the target whose series is ``m``, reading its metric backwards."""
    series = _series_amounts(m)
    if series is None:
        return None
    years, amounts = series

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
    b = _lead_end(folded, b, j)
    while j > b and folded[j - 1].isspace():
        j -= 1
    metric = text[b:j]
    if not _LETTER_RE.search(metric):
        return None

    # The metric's unit, else the values' own, else a unit after the series names the unit.
    end = m.end()
    one = one_unit(amounts, unit)
    if one is not None and unit is None and one[1] is None and (after := _unit_after(folded, end)) is not None:
        unit, end = after
        one = one_unit(amounts, unit)
    if one is None:
        return None
    values, value_unit = one
    unit = unit if unit is not None else value_unit
    if m.group("range") is not None and m.group("each") is None and len(years) > 1 and is_money(unit):
        return None  # money over a span is the span's total (``1단계(’23년~’25년) 50억원``), not a yearly value
    if m.group("range") is not None and unit is not None and _ORDINAL_UNIT.fullmatch(unit):
        return None  # a span's place in a sequence (``기본계획(2023~2027) 4차년도``), no yearly quantity
    points = tuple(TargetPoint(y, v) for y, v in zip(years, values))

    return Target(
        metric=metric,
        unit=unit,
        values=points,
        trend=trend_of(points),
        text=text[b:end],
        start=offset + b,
        end=offset + end,
    )


def _unit_after(folded: str, end: int) -> tuple[str, int] | None:
    """The unit in parentheses right after a series ending at ``end`` (``(백만원)``), and where it ends."""
    u = _TRAIL_UNIT_RE.match(folded, end)
    if u is None:
        return None
    unit = u.group("unit").replace(" ", "")
    return (unit + "원" if unit[-1:] in ("억", "조") else unit), u.end()


def _lead_end(folded: str, a: int, b: int) -> int:
    """Where ``folded[a:b]`` starts after its leading spaces and bullets."""
    return _LEAD_JUNK_RE.match(folded, a, b).end()


def _goal_metric(text: str, folded: str, a: int, b: int, goal: bool = True) -> tuple[int, int] | None:
    """``(start, end)`` of the metric phrase in ``text[a:b]``, or ``None`` if it is not one.

    A metric is a short plain noun phrase: letters, no digits or clause
    punctuation, no particles or verb endings. A one-year ``goal`` has no word of
    an actual or a baseline (``예산``, ``실적``); a series, reported whether goal or
    actual, only needs a word besides those (``R&D 예산``, not ``전년 대비``).
    """
    a = _lead_end(folded, a, b)
    while b > a and folded[b - 1].isspace():
        b -= 1
    phrase = text[a:b]
    if not phrase or len(phrase) > _MAX_GOAL_METRIC or not _LETTER_RE.search(phrase):
        return None
    if re.search(r"[0-9:;,.'~→=*/]", folded[a:b]) or phrase.count("(") != phrase.count(")"):
        return None
    words = phrase.split()
    if phrase in _GENERIC_METRICS or any(_CLAUSE_WORD_RE.search(w) for w in words):
        return None
    if any(w in _NOT_GOAL_WORDS for w in words) if goal else all(w in _NOT_GOAL_WORDS for w in words):
        return None
    return a, b


def _sentence_targets(text: str, folded: str, taken: list[tuple[int, int]], offset: int, bare: bool) -> list[Target]:
    """The one-year goals stated in sentences, outside the ``taken`` series spans (``bare``: see :data:`_GOAL_YEAR_RE`)."""
    out: list[Target] = []
    ends = [e for _, e in taken]  # ascending: series are found in order and never overlap
    last = 0  # nothing reaches back before the end of the previous target
    for y in _GOAL_YEAR_RE[bare].finditer(folded):
        if y.start() < last:
            continue
        v = _GOAL_VALUE_RE.match(folded, y.end())
        if v is None:
            continue
        gap_lead = _GAP_LEAD_RE.match(folded, v.start("gap"), v.end("gap"))
        after = _AFTER_VALUE_RE.match(folded, v.end())
        if after is None or after.group("word") or after.group("series"):
            continue  # the value counts the next word, or is a point of a series
        if after.group("goal") and _ARROW_NEXT_RE.match(folded, after.end()):
            continue  # ``’21년 1,200명 달성 → ’22년 1,500명 달성``: a point of a series too
        if not (y.group("until") or y.group("pgoal") or gap_lead.group("goal") or after.group("goal")):
            continue
        # A year ending a range or a series: ``'22년~'26년``, ``→ ('25) 90%``.
        k = y.start()
        while k > 0 and folded[k - 1].isspace():
            k -= 1
        if k > 0 and (folded[k - 1] in "~→⇒" or (k == y.start() and folded[k - 1] == "-")):
            continue
        # The metric: between year and value, else right before the year.
        ga, gb = gap_lead.end(), v.end("gap")
        ga += _LEAD_MODIFIERS_RE.match(text[ga:gb]).end()
        gb = ga + _TRAIL_MODIFIERS_RE.search(text[ga:gb]).start()
        start = y.start()
        if _LETTER_RE.search(text[ga:gb]):
            span = _goal_metric(text, folded, ga, gb)
        else:
            i = bisect.bisect_right(ends, y.start())  # series ending at or before the year
            found = _metric_before(text, folded, y.start(), max(last, ends[i - 1] if i else 0))
            span, start = (found[:2], found[2]) if found is not None else (None, start)
        if span is None:
            continue
        end = v.end("unit")
        i = bisect.bisect_right(ends, start)  # the first series ending after ``start``
        if i < len(taken) and taken[i][0] < end:
            continue  # a series already says it
        if (one := single_amount(v.group("hi"), v.group("num"), v.group("unit"))) is None:
            continue
        value, unit = one
        year = y.group("py") or y.group("by")
        points = (TargetPoint(_year(year.strip("' ")), value),)
        out.append(
            Target(
                metric=text[span[0] : span[1]],
                unit=unit,
                values=points,
                trend=trend_of(points),
                text=text[start:end],
                start=offset + start,
                end=offset + end,
            )
        )
        last = end
    return out


def _metric_before(text: str, folded: str, j: int, lo: int, goal: bool = True) -> tuple[int, int, int] | None:
    """The metric right before a goal year at ``j`` (``취업자 수 '24년``), not before ``lo``.

    ``(start, end, text start)``: a bracketed label (``(청년 일자리) '24년``) is the
    metric without its brackets, and a trailing unit (``참여율(%): '24년``) is dropped.
    ``goal`` is false for a series (see :func:`_goal_metric`).
    """
    lo = max(lo, j - 2 * _MAX_GOAL_METRIC)
    while j > lo and folded[j - 1].isspace():
        j -= 1
    if j > lo and folded[j - 1] == ":":
        j -= 1
    b = lo
    for bm in _GOAL_BOUNDARY_RE.finditer(folded, lo, j):
        b = bm.end()
    b = start = _lead_end(folded, b, j)
    label = re.match(r"\(([^()]{1,30})\)\s*", folded[b:j])
    if label is not None and label.end() == j - b:  # ``(청년 일자리)`` alone
        b, j = b + 1, b + label.end(1)
    elif label is not None:  # ``(일자리) 청년 인턴``: the label is a heading, not the metric
        b = start = b + label.end()
    else:
        unit = re.search(r"\s*\([^()]{1,30}\)\s*$", folded[b:j])
        if unit is not None and unit.start() > 0:
            j = b + unit.start()
    for lw in _LABEL_WORD_RE.finditer(folded, b, j):  # ``목표 말뭉치 구축량``: the metric follows the label
        b = start = lw.end()
    if not goal and j - b > 1 and object_particle_at(folded, j):
        j -= 1  # the object of a series' verb: ``비중을 2024년 16.9%에서 2028년 21.3%로 높인다``
    span = _goal_metric(text, folded, b, j, goal)
    return None if span is None else (*span, start)


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_left(spans, (a, a))
    return (i > 0 and spans[i - 1][1] > a) or (i < len(spans) and spans[i][0] < b)


def _end_before(spans: list[tuple[int, int]], j: int) -> int:
    """The end of the last of the sorted, disjoint ``spans`` ending at or before ``j`` (0 if none)."""
    i = bisect.bisect_right(spans, (j, j))  # spans starting at or before ``j``
    while i > 0 and spans[i - 1][1] > j:  # at most one span holds ``j``
        i -= 1
    return spans[i - 1][1] if i else 0


def _sentence_series(
    text: str, folded: str, taken: list[tuple[int, int]], offset: int, bare: bool
) -> tuple[list[Target], list[tuple[int, int]]]:
    """Series stated in sentences (value then year, or year with 년 then value), outside ``taken``.

    Returns the targets and the span of every such series, with or without a metric, so that
    no point of one becomes a one-year goal. Points need strictly increasing years and one
    unit; the metric is read as for a sentence goal (a short plain noun phrase before it).
    """
    found = []
    for series_re, point_re in ((_VY_SERIES_RE[bare], _VY_POINT_RE[bare]), (_YV_SERIES_RE[bare], _YV_POINT_RE[bare])):
        found += [(m.start(), m.end(), point_re) for m in series_re.finditer(folded)]
    found.sort(key=lambda f: f[0])
    new_spans: list[tuple[int, int]] = []  # in order, so only the last one can reach a later series
    out: list[Target] = []
    for a, b, point_re in found:
        if _overlaps(taken, a, b) or (new_spans and new_spans[-1][1] > a):
            continue
        pts = [(p.group("year"), read_amount(p.group("hi"), p.group("num"), p.group("unit"))) for p in point_re.finditer(folded, a, b)]
        years = [_year(y.strip("' ")) for y, _ in pts]
        amounts = [x for _, x in pts]
        one = None if None in amounts else one_unit(amounts)
        metric = None
        start = a
        if one is not None and one[1] is None and (after := _unit_after(folded, b)) is not None:
            one, b = one_unit(amounts, after[0]), after[1]  # ``12,000(’21) → 15,000(’22) (건)``
        if len(pts) >= 2 and all(x < y for x, y in zip(years, years[1:])) and one is not None:
            lo = max(_end_before(taken, a), new_spans[-1][1] if new_spans else 0)
            j = a
            if (op := _OPEN_RE.search(folded, max(lo, a - 4), a)) and (cl := _CLOSE_RE.match(folded, b)):
                gw = _GOAL_WORD_END_RE.search(folded, max(lo, op.start() - 8), op.start())
                j, b = (gw.start() if gw else op.start()), cl.end()
            found_metric = _metric_before(text, folded, j, lo, goal=False)
            if found_metric is not None:
                metric, start = found_metric[:2], found_metric[2]
        new_spans.append((start, b))
        if metric is None or one is None:
            continue
        points = tuple(TargetPoint(y, v) for y, v in zip(years, one[0]))
        out.append(
            Target(
                metric=text[metric[0] : metric[1]],
                unit=one[1],
                values=points,
                trend=trend_of(points),
                text=text[start:b],
                start=offset + start,
                end=offset + b,
            )
        )
    return out, new_spans


def _value_goal_targets(text: str, folded: str, taken: list[tuple[int, int]], offset: int, bare: bool) -> list[Target]:
    """One-year goals whose year follows the goal verb: ``수소충전소 450기 구축(’22)``, outside ``taken``."""
    out: list[Target] = []
    last = 0  # the end of the previous goal found here
    for m in _VALUE_GOAL_YEAR_RE[bare].finditer(folded):
        a, b = m.start(), m.end()
        if a < last or _overlaps(taken, a, b):
            continue
        # One point of a series (``10개 확대(’21) → 20개 확대(’22)``) is no goal of its own.
        k = a
        while k > 0 and folded[k - 1].isspace():
            k -= 1
        if _ARROW_NEXT_RE.match(folded, b) or _ARROW_LAST_RE.search(folded, max(0, k - 2), k):
            continue
        found = _metric_before(text, folded, a, max(last, _end_before(taken, a)))
        if found is None:
            continue
        if (one := single_amount(m.group("hi"), m.group("num"), m.group("unit"))) is None:
            continue
        value, unit = one
        start = found[2]
        points = (TargetPoint(_year(m.group("year").strip("' ")), value),)
        out.append(
            Target(
                metric=text[found[0] : found[1]],
                unit=unit,
                values=points,
                trend=trend_of(points),
                text=text[start:b],
                start=offset + start,
                end=offset + b,
            )
        )
        last = b
    return out
