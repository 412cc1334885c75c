"""Evaluation: nDCG@10, Recall@10 and MRR on a query set, with the dev set's rule.

The rule (``tests/data/dev_queries.json``): a returned passage is relevant to a
unit when the passage text, with all whitespace removed, contains the unit's
key phrase with all whitespace removed. Each unit is credited once, at the
first passage that covers it; a passage's gain is the highest grade among the
units it newly covers (2 = answers the query, 1 = related).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

__all__ = ["EvalQuery", "QueryScore", "EvalReport", "load_queries", "score_ranking", "evaluate"]


@dataclass(frozen=True)
class EvalQuery:
    q: str
    rel: dict[str, int]


@dataclass(frozen=True)
class QueryScore:
    q: str
    ndcg: float
    recall: float
    rr: float
    missed: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    mode: str
    k: int
    ndcg: float
    recall: float
    mrr: float
    per_query: tuple[QueryScore, ...]



def _squash(s: str) -> str:
    return "".join(s.split())


def load_queries(path: "str | Path") -> list[EvalQuery]:
    """Read ``{"queries": [{"q": ..., "rel": {phrase: grade}}]}``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = data["queries"] if isinstance(data, dict) else data
    return [EvalQuery(item["q"], {str(k): int(v) for k, v in item["rel"].items()}) for item in items]


def score_ranking(texts: Sequence[str], rel: dict[str, int], k: int = 10) -> tuple[float, float, float, tuple[str, ...]]:
    """``(ndcg, recall, reciprocal rank, missed units)`` of one ranked list of passage texts."""
    units = {_squash(u): g for u, g in rel.items()}
    credited: set[str] = set()
    dcg = 0.0
    rr = 0.0
    for i, text in enumerate(texts[:k]):
        t = _squash(text)
        new = [u for u in units if u not in credited and u in t]
        if not new:
            continue
        credited.update(new)
        gain = max(units[u] for u in new)
        dcg += gain / math.log2(i + 2)
        if rr == 0.0:
            rr = 1.0 / (i + 1)
    ideal = sorted(units.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    missed = tuple(u for u in rel if _squash(u) not in credited)
    return (dcg / idcg if idcg else 0.0), (len(credited) / len(units) if units else 0.0), rr, missed


def evaluate(search: Callable[[str], Sequence[str]], queries: Sequence[EvalQuery], mode: str, k: int = 10) -> EvalReport:
    """Run ``search(q) -> ranked passage texts`` over ``queries`` and average the metrics."""
    scores = []
    for q in queries:
        nd, rc, rr, missed = score_ranking(list(search(q.q)), q.rel, k)
        scores.append(QueryScore(q.q, nd, rc, rr, missed))
    n = max(1, len(scores))
    return EvalReport(
        mode, k, sum(s.ndcg for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.rr for s in scores) / n, tuple(scores)
    )
