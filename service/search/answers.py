"""What a query asks for, an amount of money or a ratio, and whether a passage states one.

``지방세 체납 시스템 구축 예산은 얼마인가`` asks for an amount. The passages that name the project without
one (its heading, its 추진 내용 items, the RFP's 사업명 line) share the query's words as well as the line
or row that prices it does, and both rankers put them first. Hybrid fusion lifts each candidate that
states an answer of the kind asked (:data:`ANSWER_LIFT`): a sum in 원, 달러 or 불, a table in such a unit
(``(단위: 백만원)``, which a row carries), or a percentage.

``제안서는 언제까지 내야 해?`` and ``의견 제출 기한`` ask for a date: a passage that states one (``2026. 3. 19.``,
``3월 19일``, ``’26. 6.``) is lifted the same way. On the probes (799 queries) 0.6599 → 0.6612 (six queries up,
three down), the real, blind, shared and sample sets unchanged; 기간 and 일정 as well (a period is seldom a date: ``사업기간
2026~2028``) took one query up and four down.

A count (``몇 명``, ``인원``) was measured too and left out: a unit such as 명 or 개 is in nearly every
row, and as many queries fell as rose (docs/quality-log.md, "Answers of the kind asked").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.representation import UNIT_NOTE, states_money

__all__ = ["ANSWER_LIFT", "asked", "states"]

#: What a candidate stating an answer of the kind asked gains, as a share of a first place's vote
#: (:func:`service.search.fusion.fuse`). On the probe set 0.05 / 0.1 / 0.2 / 0.3 gave 0.8172 / 0.8178 /
#: 0.8171 / 0.8160 from 0.8008, the real sets the same at every one.
ANSWER_LIFT = 0.1

#: Words that ask for a sum of money, and a word of three or more letters ending in 비 (사업비, 인건비, 진료비).
_MONEY_WORDS = frozenset({"예산", "사업비", "총사업비", "금액", "총액", "얼마", "비용", "지원금", "지원액", "투자액", "단가"})
#: Words in -비 that are no cost (도시 재정비, 가성비).
_NOT_COSTS = frozenset({"재정비", "무방비", "가성비"})
#: Words that ask for a share; a ratio question is asked as such even when it names a budget (예산 중 … 비중).
#: (A rate such as 증감률 or 달성률 is no morpheme of its own: Kiwi reads 증감 and the suffix 률.)
_RATIO_WORDS = frozenset({"비중", "비율", "퍼센트"})

#: Sums in won are :func:`indexer.representation.states_money`'s (the test that gives a passage its BM25 token
#: 예산); besides them, a sum in dollars (a release on overseas investment: ``639.5억 달러``, ``(단위: 억불)``) and
#: a column in a unit of won (``사업비(백만원): 2024년 620``).
_MORE_MONEY = re.compile(
    rf"[0-9]\s*(?:[천백십]?(?:조|억|만)|천)?\s*(?:달러|불(?![가-힣]))|{UNIT_NOTE}(?:달러|불(?![가-힣]))|\((?:천|백만|억)\s*원\)"
)
_RATIO = re.compile(rf"[0-9]\s*%|퍼센트|{UNIT_NOTE}%")


#: Words that ask when: a deadline or a date (not 기간 or 일정, see the module doc).
_WHEN_WORDS = frozenset({"언제", "기한", "마감", "마감일", "날짜", "시기"})
#: A date (``2026. 3. 19.``, ``2026년 3월 19일``, ``3월 19일``, ``’26. 6.``, ``3. 19.(목)``).
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[.년]\s*\d{1,2}\s*(?:\.(?!\d)|월)|\d{1,2}\s*월\s*\d{1,2}\s*일|[’']\d{2}\s*\.\s*\d{1,2}\s*\.(?!\d)"
    r"|\d{1,2}\s*\.\s*\d{1,2}\s*\.\s*\([월화수목금토일]"  # (not a decimal after a year: ``2026년 1.2조원``)
)


def asked(forms: Iterable[str]) -> str | None:
    """``"ratio"``, ``"money"``, ``"when"`` or None: what a query of these morpheme forms asks for."""
    forms = set(forms)
    if forms & _RATIO_WORDS:
        return "ratio"
    if forms & _MONEY_WORDS or any(len(f) > 2 and f.endswith("비") and f not in _NOT_COSTS for f in forms):
        return "money"
    if forms & _WHEN_WORDS:
        return "when"
    return None


def states(kind: str, text: str) -> bool:
    """Does ``text`` state an answer of ``kind`` (see :func:`asked`)?"""
    if kind == "ratio":
        return _RATIO.search(text) is not None
    if kind == "when":
        return _DATE.search(text) is not None
    return states_money(text) or _MORE_MONEY.search(text) is not None
