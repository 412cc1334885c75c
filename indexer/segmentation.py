"""Segmentation: Kiwi morphemes for BM25 and highlights, sentences, and join decisions.

One Kiwi instance is built once per process (it takes ~1 s) and shared: Kiwi's
author confirms a built instance may be *used* from many threads, so only the
construction is locked.

The same :func:`lexical_tokens` runs at index and at query time, so
``스마트도시`` and ``스마트 도시`` both become ``스마트 도시``.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indexer.synonyms import expansions
from indexer.text import MIDDLE_DOTS, fold_dots

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi

__all__ = [
    "Morph",
    "fold",
    "tokens_of",
    "query_tokens",
    "QUESTION_WORDS",
    "get_kiwi",
    "ends_open",
    "ends_adnominal",
    "content_morphs",
    "lexical_tokens",
    "split_sentences",
    "needs_space_at_join",
]

_lock = threading.Lock()
_kiwi: "Kiwi | None" = None

#: Morphemes that carry content: nouns, numbers, foreign words, hanja, verb/adjective
#: stems, roots. Particles (J*), endings (E*), punctuation (S* but SL/SN/SH) are dropped.
CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "NP", "SL", "SN", "SH", "XR", "VV", "VA", "MAG", "W_HASHTAG"})
#: Nouns long enough that their parts are worth matching on their own
#: (``자치회`` should meet a query for ``자치``; ``인차이나포럼`` one for ``포럼``).
_SUBWORD_MIN = 3


#: A year written with its last two digits after an apostrophe (``’25년``, ``’24.1``), and the two digits below
#: which it is of this century (``’99`` is 1999).
_APOSTROPHES = frozenset("’‘'`´")
_SHORT_YEAR = re.compile(r"^(\d{2})(?:\.\d{1,2})?$")
_CENTURY_PIVOT = 70
# What follows such a year: 년, a bracket, a range, a quote, a space or nothing — not a counter (‘10대 과제’, ‘30분’).
_AFTER_YEAR = re.compile(r"$|[년\s)\]~∼～\-–’'”\",.]")


@dataclass(frozen=True)
class Morph:
    """A content morpheme with its character span ``[start, end)`` in the analysed text."""

    form: str
    tag: str
    start: int
    end: int


def get_kiwi() -> "Kiwi":
    """The process-wide Kiwi, built on first use."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                k = Kiwi()
                k.tokenize("")  # Kiwi initialises lazily; pay the cost here, not on a user's query
                _kiwi = k
    return _kiwi


def fold(form: str) -> str:
    """Matching form of a morpheme.

    NFKC folds full-width Latin/digits (ＰＣ → PC); lower-casing makes IDC
    match idc; interpuncts go so that ``한·중`` meets ``한중``.
    """
    return unicodedata.normalize("NFKC", fold_dots(form)).lower()  # dots first: NFKC makes ㆍ a vowel letter


def content_morphs(text: str) -> tuple[Morph, ...]:
    """Content morphemes of ``text`` with offsets (particles and endings dropped).

    >>> [m.form for m in content_morphs("주민자치 활성화를 위한 제도적 기반 마련")]  # doctest: +SKIP
    ['주민', '자치', '활성', '위하', '제도', '기반', '마련']
    """
    if not text.strip():
        return ()
    out = []
    prefix = None
    for t in get_kiwi().tokenize(text):
        if t.tag in CONTENT_TAGS or t.tag.startswith("NN"):
            if prefix is not None and t.tag.startswith("NN") and prefix.start + prefix.len == t.start:
                # 비+대면, 미+설치, 저+출산: the prefix turns the noun around; one noun (whose letter pairs still meet 대면)
                out.append(Morph(prefix.form + t.form, t.tag, prefix.start, t.start + t.len))
            elif (t.tag == "SN" and t.start and text[t.start - 1] in _APOSTROPHES and (m := _SHORT_YEAR.match(t.form))
                  and _AFTER_YEAR.match(text, t.start + t.len)):
                # ’25년, ’24.1: a year written short is the year (2025), as a query or another document writes it
                yy = int(m.group(1))
                out.append(Morph(str((2000 if yy < _CENTURY_PIVOT else 1900) + yy), t.tag, t.start, t.start + t.len))
            else:
                out.append(Morph(t.form, t.tag, t.start, t.start + t.len))
        prefix = t if t.tag == "XPN" else None
    return _join_codes(_join_dotted(out, text), text)


def _join_codes(morphs: tuple[Morph, ...], text: str) -> tuple[Morph, ...]:
    """A code of Latin letters, a hyphen and a number is a word of its own beside its parts: ``SER-003`` (Kiwi reads
    SER and 003) is the requirement a query names, not any SER row beside any 003; ``COVID-19`` likewise. The parts stay
    (a query for ``COVID`` still meets it). Single letters are no code: ``증감(B-A)`` heads a budget column. Two
    single letters over a slash are a ratio's or a matrix's name (``B/C`` 비용편익비, ``O/D`` 기종점), not two letters."""
    out: list[Morph] = []
    for m in morphs:
        last = out[-1] if out else None
        out.append(m)
        if last is None or m.start != last.end + 1 or last.tag != "SL":
            continue
        code = m.tag == "SN" and len(last.form) > 1 and text[last.end] == "-"
        ratio = m.tag == "SL" and len(last.form) == len(m.form) == 1 and text[last.end] == "/"
        if code or ratio:
            out.insert(-1, Morph(text[last.start : m.end], "SL", last.start, m.end))
    return tuple(out)


def _join_dotted(morphs: list[Morph], text: str) -> tuple[Morph, ...]:
    """Letters listed with middle dots are one word: ``시·군·구`` (Kiwi reads 시, 군, 구) is the 시군구 a
    query writes, as ``읍·면·동`` is 읍면동. Only a whole list of nouns of one letter, a particle after it aside:
    ``국가·도·시`` names no 도시, nor ``신·증설`` a 신증."""
    out: list[Morph] = []
    i = 0
    while i < len(morphs):
        j = i
        while j + 1 < len(morphs) and _letter(morphs[j]) and _letter(morphs[j + 1]) and morphs[j + 1].start == morphs[j].end + 1 \
                and text[morphs[j].end] in MIDDLE_DOTS:
            j += 1
        first, last = morphs[i], morphs[j]
        whole = (j > i and not (first.start and (_is_hangul(c := text[first.start - 1]) or c in MIDDLE_DOTS))
                 and not (last.end < len(text) and text[last.end] in MIDDLE_DOTS)
                 and not (j + 1 < len(morphs) and morphs[j + 1].start == last.end))
        if whole:
            out.append(Morph(text[first.start : last.end], first.tag, first.start, last.end))
        else:
            out.extend(morphs[i : j + 1])
        i = j + 1
    return tuple(out)


def _letter(m: Morph) -> bool:
    return len(m.form) == 1 and m.tag.startswith("NN") and _is_hangul(m.form)


def lexical_tokens(text: str) -> list[str]:
    """BM25 tokens: folded content morphemes plus character bigrams of long nouns.

    The bigrams make compound nouns match their parts both ways without a
    hand-made dictionary: ``자치회`` also yields ``자치``/``치회``.
    """
    return tokens_of(content_morphs(text))


def tokens_of(morphs: "tuple[Morph, ...] | list[Morph]") -> list[str]:
    """BM25 tokens for already analysed morphemes (see :func:`lexical_tokens`)."""
    toks: list[str] = []
    for m in morphs:
        f = fold(m.form)
        toks.append(f)
        if m.tag.startswith("NN") and len(f) >= _SUBWORD_MIN and _is_hangul(f):
            toks.extend(f[i : i + 2] for i in range(len(f) - 1))
    return toks


def _is_hangul(s: str) -> bool:
    return all("\uac00" <= ch <= "\ud7a3" for ch in s)


#: Question words (``몇 명?``, ``수수료 얼마?``) ask for content and never occur in the answer;
#: as BM25 terms they are rare, so they would rank passages that happen to say ``몇`` first.
QUESTION_WORDS = frozenset({"몇", "얼마", "무엇", "뭐", "어디", "언제", "왜", "누구", "어떻게", "어느"})


def query_tokens(morphs: "tuple[Morph, ...] | list[Morph]") -> list[str]:
    """BM25 tokens for a query: :func:`tokens_of` of its morphemes but question words, plus the
    other terms of each synonym group it names (:mod:`indexer.synonyms`)."""
    kept = [m for m in morphs if m.form not in QUESTION_WORDS]
    toks = tokens_of(kept)
    return toks + [f for f in expansions([fold(m.form) for m in kept]) if f not in toks]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text`` as Kiwi splits them."""
    if not text.strip():
        return []
    return [(s.start, s.end) for s in get_kiwi().split_into_sents(text)]


def ends_in_genitive(word: str) -> bool:
    """``사회의``, ``중심의``: the word ends in the genitive particle 의 and runs on into what follows;
    ``정책협의``, ``실무회의``, ``회의`` end in a noun (Kiwi decides)."""
    tokens = get_kiwi().tokenize(word) if word.endswith("의") else []
    return bool(tokens) and tokens[-1].tag == "JKG"


_OPEN_TAGS = frozenset({"EC", "JKB", "JKO", "JKS", "JC"})
_OPEN_JX = frozenset({"까지", "부터", "마저", "조차"})
_STEM_TAGS = frozenset({"XSV", "XSA", "EP", "VV", "VA", "VX"})


#: Tags a title (a noun phrase) never has: a predicate, an ending, a case or topic particle (의 and 와/과 aside).
_PREDICATE_TAGS = ("V", "E", "XSV", "XSA", "JKS", "JKO", "JKB", "JX")


def names_only(text: str) -> bool:
    """Whether ``text`` is a noun phrase as Kiwi reads it (``달빛어린이병원 지정 현황(2025. 7. 1. 기준)``), not a
    clause (``지정 현황(2025. 7. 1. 기준)을 따름``, ``배정표와 같이 통보할 예정``)."""
    return not any(t.tag.startswith(_PREDICATE_TAGS) for t in get_kiwi().tokenize(text))


def states_topic(text: str) -> bool:
    """Whether ``text`` marks a topic (``세부 내용은 별도 통보 예정``): a statement about it, no title, even in a
    nominal ending; a title's adnominal clause has no 은/는 (``탄소중립 전환을 위한``)."""
    return any(t.tag == "JX" and t.form in ("은", "는") for t in get_kiwi().tokenize(text))


@functools.lru_cache(maxsize=8192)
def ends_open(word: str) -> bool:
    """Whether a paragraph ending in ``word`` stops mid-sentence, as Kiwi reads it: a connective ending after a
    verb (``지원하고``, ``경감하며``, ``추진하여``), a case particle (``사업을``, ``기관이``, ``지역에``) or
    ``까지``/``부터`` (``110만원까지``). Two-syllable words are nouns more often than not (``보고``, ``참고``)."""
    if len(word) < 3 or not _is_hangul(word[-1]):
        return False
    tokens = get_kiwi().tokenize(word)
    if len(tokens) < 2:
        return False
    last, before = tokens[-1], tokens[-2]
    if last.tag == "EC":
        return before.tag in _STEM_TAGS
    return last.tag in _OPEN_TAGS or (last.tag == "JX" and last.form in _OPEN_JX)


def ends_adnominal(word: str) -> bool:
    """Whether ``word`` ends on an adnominal ending (``묻는``, ``위한``, ``관련된``): the noun it modifies follows."""
    tokens = get_kiwi().tokenize(word) if word and _is_hangul(word[-1]) else []
    return bool(tokens) and tokens[-1].tag == "ETM"


def needs_space_at_join(left: str, right: str) -> bool:
    """Should two pieces broken by a line break be rejoined with a space?

    Kiwi's spacing model decides: ``필요`` + ``한 나이이나`` → ``필요한``,
    ``사회`` + ``참여 확대`` → ``사회 참여``. We give it a window around the
    join without a space and look whether it puts one back exactly there.
    """
    left_w = left[-12:]
    right_w = right[:12]
    if not left_w or not right_w:
        return False
    # Latin letters on both sides of a break were one word more often than not (numbers were not).
    if left_w[-1].isascii() and right_w[0].isascii() and left_w[-1].isalpha() and right_w[0].isalpha():
        return False
    # A break right after a connector (기본계획· / 시행계획) never had a space.
    if left_w[-1] in "·ㆍ・‧/(-~":
        return False
    # Hangul next to Hangul is where the real question is; anything else keeps a space.
    if not (_is_hangul(left_w[-1]) and _is_hangul(right_w[0])):
        return True
    spaced = get_kiwi().space(left_w + right_w, reset_whitespace=False)
    # Walk the spaced output counting non-space characters up to the join.
    count = sum(1 for ch in left_w if not ch.isspace())
    seen = 0
    for i, ch in enumerate(spaced):
        if ch.isspace():
            continue
        seen += 1
        if seen == count:
            return i + 1 < len(spaced) and spaced[i + 1].isspace()
    return True
