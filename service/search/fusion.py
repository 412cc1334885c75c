"""Fusion of the dense and lexical rankings.

Reciprocal-rank fusion needs no calibration between a cosine and a BM25 scale;
see README "Fusion" for the comparison with linear combinations behind the choice.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["RRF_K", "rrf"]

#: RRF constant; 60 is the value from Cormack et al. and was best or tied on the dev set.
RRF_K = 60


def rrf(rankings: Sequence[Sequence[tuple[int, float]]], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ``[(id, score)]`` rankings (best first)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for r, (i, _s) in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + w / (k + r + 1)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
