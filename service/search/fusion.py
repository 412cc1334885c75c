"""Fusion of the dense and lexical rankings.

Reciprocal-rank fusion needs no calibration between a cosine and a BM25 scale;
see docs/quality-log.md, "Fusion", for the comparison with linear combinations behind the choice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["RRF_K", "LEXICAL_WEIGHT", "HEAD_RANK", "PLACED", "fuse", "rrf"]

#: RRF constant; 60 is the value from Cormack et al. and was best or tied on the dev set.
RRF_K = 60
#: The BM25 ranking's weight beside the dense ranking's 1.0. When BM25 was the weaker ranker on
#: real documents (issue 11, 35 queries: nDCG@10 0.42 vs 0.48), weights 1.0/0.8/0.6/0.5/0.4/0.3
#: gave hybrid 0.462/0.468/0.475/0.494/0.502/0.489 and half a vote was chosen (0.4's +0.008 was
#: within one query's swing). With budget lines, synonyms and table row labels right
#: (indexer/representation.py, indexer/synonyms.py, service/search/copies.py) BM25 is as good as
#: dense there, and 0.5/0.6/0.8/1.0 gave 0.537/0.542/0.545/0.542 on those queries, 0.619/0.628/
#: 0.627/0.621 on 30 queries written blind over the same documents, and 0.965/0.961/0.960/0.965 on
#: the sample plan. 0.8 is ahead on the real sets by less than a query's swing and puts the sample
#: plan on its 0.96 floor: equal votes, plain RRF.
LEXICAL_WEIGHT = 1.0


def rrf(rankings: Sequence[Sequence[tuple[int, float]]], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ``[(id, score)]`` rankings (best first)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for r, (i, _s) in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + w / (k + r + 1)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


#: Each ranker's best candidate is moved up to this rank (1-based; the lexical one to the next
#: when the dense one moved too). RRF sums reciprocal
#: ranks, so a passage that one ranker puts first and the other misses (1/61) falls below every
#: passage both put around 10th (2/70): BM25's exact phrase match or the model's clear favourite
#: dropped out of the top 10. Placing each ranker's first at rank 2 at the latest (the fused
#: first stays first) gave 0.537 → 0.548 on the 35 real queries, 0.654 → 0.670 on the 30 blind
#: ones, 0.532 unchanged on the shared 5 and 0.965 → 0.969 on the sample plan; at rank 1 the
#: blind set fell to 0.614, at rank 3 the gain halved.
HEAD_RANK = 2
#: How many of :func:`fuse`'s first candidates the head rule may have placed: the fused first and
#: the two heads (the search's diversity rule leaves them where they are).
PLACED = HEAD_RANK + 1


def fuse(
    dense: Sequence[tuple[int, float]], lexical: Sequence[tuple[int, float]], lifts: Mapping[int, float] | None = None
) -> list[tuple[int, float]]:
    """The hybrid ranking: :func:`rrf` of both, each candidate in ``lifts`` raised by its lift (a share of a
    first place's vote, 1 / (RRF_K + 1): a document the query names, an answer of the kind it asks; see
    service/search/engine.py), then each ranker's first candidate moved up to
    :data:`HEAD_RANK` if it ranks lower (the lexical one first, then the dense one in front of it).

    A moved candidate takes the score of the one it now stands before, so scores never rise down the list.
    """
    fused = rrf([dense, lexical], weights=[1.0, LEXICAL_WEIGHT])
    if lifts:
        vote = 1 / (RRF_K + 1)
        fused = sorted(((i, s + vote * lifts.get(i, 0.0)) for i, s in fused), key=lambda kv: (-kv[1], kv[0]))
    at = HEAD_RANK - 1
    for ranking in (lexical, dense):
        if not ranking or len(fused) <= at:
            continue
        head = ranking[0][0]
        where = next(i for i, (c, _) in enumerate(fused) if c == head)
        if where > at:
            fused.insert(at, (head, fused[at][1]))
            del fused[where + 1]
    return fused
