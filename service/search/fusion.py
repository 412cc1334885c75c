"""Fusion of the dense and lexical rankings.

Reciprocal-rank fusion needs no calibration between a cosine and a BM25 scale;
see README "Fusion" for the comparison with linear combinations behind the choice.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RRF_K", "LEXICAL_WEIGHT", "rrf"]

#: RRF constant; 60 is the value from Cormack et al. and was best or tied on the dev set.
RRF_K = 60
#: The BM25 ranking's weight beside the dense ranking's 1.0. When BM25 was the weaker ranker on
#: real documents (issue 11, 35 queries: nDCG@10 0.42 vs 0.48), half a vote was best (weights
#: 1.0/0.8/0.6/0.5/0.4 gave 0.462/0.468/0.475/0.494/0.502). With budget lines and synonyms matched
#: (indexer/representation.py, indexer/synonyms.py) BM25 is as good as dense there (0.482 vs 0.487),
#: and 0.5/0.6/0.8/1.0 gave 0.525/0.528/0.534/0.544 on those queries, 0.610/0.617/0.617/0.607 on 30
#: queries written blind over the same documents, and 0.965/0.961/0.960/0.965 on the sample plan:
#: equal votes, plain RRF.
LEXICAL_WEIGHT = 1.0


def rrf(rankings: Sequence[Sequence[tuple[int, float]]], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ``[(id, score)]`` rankings (best first)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for r, (i, _s) in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + w / (k + r + 1)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
