"""Near, parallel or revision? What two similar passages *differ in* decides.

Two passages can pass the near-duplicate checks (cosine and IDF-weighted overlap)
and still say different things:

* **parallel items** share a template and name a different entity — ``○ GPU 운영
  서버`` / ``○ GPU 개발 서버``, ``③ 연탄쿠폰 : …`` / ``④ 등유바우처 : …`` — or differ in the
  quantities that are their point — ``3) 기획재정부(2022), p.4.`` / ``4) …, p.3.``;
* **revisions** state the same goal or program with changed numbers, in two
  documents (two editions, two budget years): ``연탄쿠폰 (21,712백만원)`` /
  ``연탄쿠폰 (21,240백만원)``.

The rule looks only at what differs, with no list of words:

* the content morphemes of both texts are aligned (``difflib``); a *substitution*
  is a stretch of up to three nouns standing for up to three others (not a spelling variant: the
  stretches share under half their characters). Two texts name another entity
  when they are equal but for one or two substitutions (at most one other token
  differs: a rewording changes words all over) whose IDF weight is at least
  :data:`ENTITY_SHARE` of the pair's and whose tokens are at least
  :data:`ENTITY_TOKENS` of the pair's tokens: in a short item the swapped noun is
  what the item is about; in a long paragraph (two bills that differ in the
  law's name) it is a detail.
* numbers are compared in order, leading list markers (``3)``, ``①``, ``가.``)
  left out. When both texts state numbers, some values are changed (not only
  added) and they are at least :data:`NUMBER_SHARE` of the pair's tokens, the
  quantities are the point. A text that states figures its restatement leaves out
  is still the same goal.

Numbers that differ across documents make a revision; within one document, parallel items.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from indexer.segmentation import fold
from indexer.store import Corpus

__all__ = [
    "ENTITY_SHARE",
    "ENTITY_TOKENS",
    "NUMBER_SHARE",
    "Quantity",
    "content_sequence",
    "quantities",
    "pair_kind",
    "value_changes",
]

#: A noun substitution names another entity when it is this share of the pair's IDF weight ...
ENTITY_SHARE = 0.25
#: ... and this share of the pair's distinct tokens.
ENTITY_TOKENS = 0.3
#: Differing numbers are the point when they are this share of the pair's tokens.
NUMBER_SHARE = 0.1

_SKIP_TAGS = frozenset({"SN", "NR", "NNB"})
_NOUNISH = ("NN", "SL", "SH", "XR")
#: A leading list marker: bullets, ``3)``, ``(3)``, ``3.``, ``①`` (NFKC: ``1``), ``가.``, ``(가)``.
_MARKER = re.compile(r"^[\s\W_]*(?:\(?\d{1,2}\)|\d{1,2}\.(?!\d)|[\u2460-\u2473\u2776-\u277f]|\(?[가-힣]\)|[가-힣]\.(?=\s))\s*")
#: A number (not part of a name such as ``제25182호`` or ``4대``: no letter right before it).
_NUMBER = re.compile(r"(?<![A-Za-z가-힣\d])(\d+(?:,\d{3})*(?:\.\d+)?)\s?([만억천조]?)(?:\s?([가-힣%]{1,3}))?")

Quantity = tuple[str, str]  # (number with its 만/억 multiplier, unit or "")


def content_sequence(corpus: Corpus, row: int) -> tuple[tuple[str, str], ...]:
    """The passage's content morphemes in order, ``(folded form, tag)``; numbers and units left out."""
    return _sequence(corpus.morphs[row])


def _sequence(morphs) -> tuple[tuple[str, str], ...]:
    out = []
    for m in morphs:
        if m.tag in _SKIP_TAGS:
            continue
        f = fold(m.form)
        if f and not f.isdigit():
            out.append((f, m.tag))
    return tuple(out)


@lru_cache(maxsize=65_536)
def quantities(text: str) -> tuple[Quantity, ...]:
    """The numbers a text states, in order, with multiplier and unit; the leading list marker left out."""
    body = _MARKER.sub("", text, count=1)
    return tuple((num + mult, unit or "") for num, mult, unit in _NUMBER.findall(body))


def _is_noun(tag: str) -> bool:
    return tag.startswith(_NOUNISH)


def _variant(a: Sequence[tuple[str, str]], b: Sequence[tuple[str, str]]) -> bool:
    ca, cb = set("".join(t for t, _ in a)), set("".join(t for t, _ in b))
    return bool(ca and cb) and 2 * len(ca & cb) / (len(ca) + len(cb)) >= 0.5


def pair_kind(
    seq_a: Sequence[tuple[str, str]],
    seq_b: Sequence[tuple[str, str]],
    nums_a: Sequence[Quantity],
    nums_b: Sequence[Quantity],
    idf: Callable[[str], float],
    same_document: bool,
) -> str:
    """``near``, ``parallel`` or ``revision`` for two passages that passed the near-duplicate checks."""
    ta, tb = [t for t, _ in seq_a], [t for t, _ in seq_b]
    union = set(ta) | set(tb)
    union_w = sum(idf(t) for t in union) or 1.0
    n_tokens = max(len(union), 1)
    swap_w = 0.0
    swap_n = swaps = other = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a, b = seq_a[i1:i2], seq_b[j1:j2]
        nouns = all(_is_noun(tag) for _, tag in a) and all(_is_noun(tag) for _, tag in b)
        if op == "replace" and len(a) <= 3 and len(b) <= 3 and nouns and not _variant(a, b):
            swapped = ({t for t, _ in a} | {t for t, _ in b}) - (set(ta) & set(tb))
            swap_w += sum(idf(t) for t in swapped)
            swap_n += len(swapped)
            swaps += 1
        else:
            other += max(i2 - i1, j2 - j1)
    # One template, another entity: the texts are equal but for one or two noun swaps
    # that carry a real share of the pair (a rewording changes words all over).
    if swaps and swaps <= 2 and other <= 1 and swap_w / union_w >= ENTITY_SHARE and swap_n / n_tokens >= ENTITY_TOKENS:
        return "parallel"
    if nums_a and nums_b:
        na, nb = [q[0] for q in nums_a], [q[0] for q in nums_b]
        if na != nb:
            differing = 0  # changed values; figures only one text states are left out
            for op, i1, i2, j1, j2 in SequenceMatcher(None, na, nb, autojunk=False).get_opcodes():
                if op == "replace":
                    differing += min(i2 - i1, j2 - j1)
            if differing and differing / (differing + n_tokens) >= NUMBER_SHARE:
                return "parallel" if same_document else "revision"
    return "near"


def value_changes(texts: Sequence[str]) -> tuple[str, ...]:
    """How the numbers move from the first text to the others: ``21,712 → 21,240 백만원``.

    Numbers are aligned in order; a position whose value differs in some text is reported
    once, with every text's value in order (repeats in a row shown once).
    """
    if len(texts) < 2:
        return ()
    base = quantities(texts[0])
    per_pos: list[list[str]] = [[q[0]] for q in base]
    units = [q[1] for q in base]
    for text in texts[1:]:
        other = quantities(text)
        matched: dict[int, str] = {}
        ops = SequenceMatcher(None, [q[0] for q in base], [q[0] for q in other], autojunk=False).get_opcodes()
        for op, i1, i2, j1, j2 in ops:
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for d in range(i2 - i1):
                    matched[i1 + d] = other[j1 + d][0]
                    units[i1 + d] = units[i1 + d] or other[j1 + d][1]
        for pos in range(len(base)):
            if pos in matched and matched[pos] != per_pos[pos][-1]:
                per_pos[pos].append(matched[pos])
    return tuple(" → ".join(vals) + (f" {units[p]}" if units[p] else "") for p, vals in enumerate(per_pos) if len(vals) > 1)
