"""Form structure, not goals: text that recurs widely and carries little content.

Budget explanations repeat ``① 사업규모`` and ``총사업비(해당되는 경우에만 기재) :
해당없음`` under every program, reports end on the publisher's line, footnotes
repeat ``기획재정부(2022), p.4.`` with another page. Such text is found with two
measures, and no list of phrases:

* **spread** — in how many places (document × section; one document read twice
  counts once) the text's *skeleton* occurs. The skeleton is the exact-duplicate
  key without numbers that stand alone, so ``3) … p.4.`` and ``4) … p.3.`` are one skeleton.
* **content** — the text's content morphemes weighted by how rare they are among
  all passages (every copy counted, so words of a label repeated under every
  program weigh little), in units of one word found once (``log1p(N)``).

A text is a template when it recurs in at least :data:`MIN_SPREAD` places and its
content is at most :data:`CONTENT_PER_SPREAD` per doubling of its spread (wider
recurrence tolerates more words, ``목 차`` in two places needs almost none), or
when it has no content at all (a bare number or marker) and recurs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

import numpy as np

from indexer.store import Corpus, dup_key
from service.audit.lexical import LexicalProfile

__all__ = ["MIN_SPREAD", "CONTENT_PER_SPREAD", "skeleton", "template_flags"]

#: Places (document × section) a template recurs in, at least.
MIN_SPREAD = 2
#: Content (in rare-word units) a template may carry per doubling of its spread.
CONTENT_PER_SPREAD = 0.6

#: Digits that stand alone (not part of a name such as ``제25182호``, ``4대``, ``어휘12``).
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"(?<![A-Za-z가-힣\d])\d+(?:[.,]\d+)*")


def skeleton(text: str) -> str:
    """The exact-duplicate key of ``text`` without its numbers (``3) 기획재정부(2022), p.4.`` → ``)기획재정부(),p..``)."""
    return dup_key(_DIGITS.sub("", unicodedata.normalize("NFKC", text)))


def template_flags(
    corpus: Corpus,
    rep_groups: Sequence[Sequence[int]],
    rep_keys: Sequence[str],
    lex: LexicalProfile,
    canonical: Mapping[str, str],
    n_passages: int | None = None,
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """``(is_template, skeletons, spread, content)`` per representative (one per distinct text).

    ``rep_groups[i]`` are the corpus rows of representative ``i``'s copies; ``lex``
    its content-morpheme profile (one row per representative); ``canonical`` maps a
    document to the first document of its group (:mod:`service.audit.documents`).
    """
    m = len(rep_keys)
    skels = [skeleton(corpus.passages[rows[0]].text) if _DIGIT.search(key) else key for key, rows in zip(rep_keys, rep_groups)]
    places: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    for i, rows in enumerate(rep_groups):
        s = places.setdefault(skels[i], set())
        for r in rows:
            p = corpus.passages[r]
            s.add((canonical.get(p.doc_id, p.doc_id), p.section))
    spread = np.fromiter((len(places[s]) for s in skels), dtype=np.int64, count=m)
    # Token frequency over passages, every copy counted.
    copies = np.fromiter((len(g) for g in rep_groups), dtype=np.float64, count=m)
    n = float(n_passages if n_passages is not None else copies.sum()) or 1.0
    df = np.asarray(lex.matrix.T @ copies).ravel()
    idf = np.log1p(n / np.maximum(df, 1.0))
    content = np.asarray(lex.matrix @ idf).ravel() / math.log1p(n)
    allowed = CONTENT_PER_SPREAD * np.log2(np.maximum(spread, 1)).astype(np.float64)
    flags = (spread >= MIN_SPREAD) & (content <= allowed)
    return flags, skels, spread, content

