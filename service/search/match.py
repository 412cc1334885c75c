"""Match labels: does the index really cover a query's topic?

Every search answer carries ``match`` (strong / weak / none) and every hit a ``relevance`` in
0..1, so that a chatbot can honestly say "nothing found". Both come from two signals that are
measured against the corpus itself, not tuned to any one query:

* **Dense surprise** — e5 gives *every* pair of Korean texts a cosine around 0.8, so a raw
  cosine means little. We compare the hit's cosine with the query's cosines to a fixed random
  sample of the corpus's passages (the corpus's typical cosine for *this* query): ``z`` is the
  hit's cosine minus the sample mean, in sample standard deviations.
* **Lexical coverage** — the IDF-weighted share of the query's content morphemes that the hit
  contains (its own morphemes, or its parent goal's). A word the corpus has never seen weighs
  most, so a query about an absent topic (반려동물 장묘) covers little even when its generic
  words (사업, 지원) match everywhere.

``relevance`` blends the two (:func:`relevance`: ``0.6·d + 0.4·cov + 0.4·d·cov`` capped at 1, where
``d = sigmoid(1.2·(z − 3.5))``); ``match`` is strong when the best hit's relevance is at least :data:`STRONG`, weak at least
:data:`WEAK`, else none. The constants were set on the development sets (README "Match labels")
and are the same for every corpus.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from indexer.match_stats import SAMPLE, TOPIC_TAGS, MatchStats, compute_match_stats, read_match_stats
from indexer.segmentation import fold

if TYPE_CHECKING:
    from indexer.records import Passage
    from service.search.engine import SearchIndex

__all__ = ["MATCHES", "STRONG", "WEAK", "MatchStats", "match_stats", "query_terms", "coverage", "relevance", "label"]

MATCHES = ("strong", "weak", "none")
#: Thresholds on the best hit's relevance.
STRONG = 0.5
WEAK = 0.3
#: Dense surprise: z at which the dense factor is 0.5, and its slope.
Z_MID = 3.5
Z_SLOPE = 1.2


def _load_or_compute(ix: "SearchIndex") -> MatchStats:
    stats = read_match_stats(ix.path, len(ix.corpus.vector_rows)) if ix.path is not None else None
    if stats is not None and len(stats.sample) and stats.sample.shape[1] != ix.vectors.d:
        stats = None  # not this index's vectors
    if stats is None:  # a generation written before the builder stored them: count them now (a walk over every row)
        stats = compute_match_stats(ix.corpus, ix.vectors)
    return stats


def match_stats(ix: "SearchIndex") -> MatchStats:
    """The index's :class:`MatchStats`: read from its generation (:data:`~indexer.match_stats.MATCH_STATS`,
    written by the builder) or, for a generation without them, counted; once, then kept in its memo."""
    return ix.memo.get(("match-stats", SAMPLE), lambda: _load_or_compute(ix))


def query_terms(qmorphs: Sequence) -> list[str]:
    """The query's topic words: folded noun-like content morphemes, each once."""
    return list(dict.fromkeys(fold(m.form) for m in qmorphs if m.tag.startswith(TOPIC_TAGS)))


def coverage(stats: MatchStats, terms: Sequence[str], forms: set[str]) -> float:
    """IDF-weighted share of ``terms`` found in ``forms`` (a passage's folded morpheme forms)."""
    if not terms:
        return 0.0
    w = [stats.idf(t) for t in terms]
    total = sum(w)
    return sum(wi for t, wi in zip(terms, w) if t in forms) / total if total > 0 else 0.0


def dense_factor(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-Z_SLOPE * (z - Z_MID)))


def relevance(z: float | None, cov: float) -> float:
    """One hit's relevance in 0..1 from its dense surprise ``z`` (None in lexical mode) and lexical coverage."""
    if z is None:
        return round(cov, 4)
    d = dense_factor(z)
    # Either signal alone can carry a paraphrase or an exact term; both together are strongest.
    return round(min(1.0, 0.6 * d + 0.4 * cov + 0.4 * d * cov), 4) if cov else round(0.6 * d, 4)


def label(best: float) -> str:
    return "strong" if best >= STRONG else "weak" if best >= WEAK else "none"


def passage_forms(ix: "SearchIndex", row: int) -> set[str]:
    """Folded morpheme forms of a passage and of its parent goal (a sub-item is read under its goal)."""
    c = ix.corpus
    forms = {fold(m.form) for m in c.morphs[row]}
    p: Passage = c.passages[row]
    if p.parent_id is not None and (prow := c.row_of.get(p.parent_id)) is not None:
        forms |= {fold(m.form) for m in c.morphs[prow]}
    return forms


def hit_relevances(
    ix: "SearchIndex", qmorphs: Sequence, qv: np.ndarray | None, positions: Sequence[int], cosines: dict[int, float]
) -> list[float]:
    """Relevance of each hit (vector ``positions``; ``cosines`` holds the dense scores already known).

    ``qv`` is the query's embedding, None in lexical mode (then relevance is lexical coverage alone).
    """
    stats = match_stats(ix)
    terms = query_terms(qmorphs)
    mu = sd = None
    q = None
    if qv is not None and len(stats.sample):
        q = np.asarray(qv, dtype=np.float32).reshape(-1)
        s = stats.sample @ q
        mu, sd = float(s.mean()), float(s.std()) or 1e-6
    out = []
    for pos in positions:
        z = None
        if q is not None:
            cos = cosines.get(pos)
            if cos is None:  # a lexical-only hit of a hybrid search
                cos = float(ix.vectors.reconstruct(int(pos)) @ q)
            z = (cos - mu) / sd
        cov = coverage(stats, terms, passage_forms(ix, ix.corpus.vector_rows[pos]))
        out.append(relevance(z, cov))
    return out


def label_hits(
    ix: "SearchIndex", qmorphs: Sequence, qv: np.ndarray | None, dense: Sequence[tuple[int, float]], fused: Sequence[tuple[int, float]], hits
) -> tuple[tuple, str]:
    """``hits`` with their ``relevance`` set, and the answer's ``match`` label."""
    if not hits:
        return tuple(hits), "none"
    c = ix.corpus
    pos_of = {c.ids[c.vector_rows[p]]: p for p, _ in fused}
    rel = hit_relevances(ix, qmorphs, qv, [pos_of[h.matched_passage_id or h.passage_id] for h in hits], dict(dense))
    out = tuple(replace(h, relevance=r) for h, r in zip(hits, rel))
    return out, label(max(rel))
