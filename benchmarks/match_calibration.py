"""Match labels on the development sets: the strong/weak/none × positive/negative confusion table.

    python -m benchmarks.match_calibration --index index tests/data/dev_queries.json --negatives sample
    python -m benchmarks.match_calibration --index /tmp/realix tests/data/real_dev_queries.json --negatives real [--signals]

Positives are the dev set's queries (their topic is in the corpus); negatives the named list of
``tests/data/negative_queries.json`` (topics absent from it). ``--signals`` prints each query's
label, best relevance and best hit.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from service.search.engine import load_index
from service.search.match import MATCHES

ROOT = Path(__file__).resolve().parents[1]
NEGATIVES = ROOT / "tests" / "data" / "negative_queries.json"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("positives", type=Path)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--negatives", required=True, help="key of tests/data/negative_queries.json (sample or real)")
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--signals", action="store_true")
    a = ap.parse_args(argv)
    ix = load_index(a.index)
    pos = [q["q"] for q in json.loads(a.positives.read_text())["queries"]]
    neg = json.loads(NEGATIVES.read_text())[a.negatives]
    table = {m: {"positive": 0, "negative": 0} for m in MATCHES}
    for truth, queries in (("positive", pos), ("negative", neg)):
        for q in queries:
            r = ix.search(q, k=10, mode=a.mode)
            table[r.match][truth] += 1
            if a.signals:
                top = max(r.hits, key=lambda h: h.relevance) if r.hits else None
                print(f"{truth[:3]} {r.match:6s} rel={top.relevance if top else 0:.3f} {q}  | {top.text[:50] if top else ''}")
    print(f"{'match':8s} {'positive':>9s} {'negative':>9s}   ({a.positives.name}, negatives[{a.negatives}], {a.mode})")
    for m in MATCHES:
        print(f"{m:8s} {table[m]['positive']:9d} {table[m]['negative']:9d}")


if __name__ == "__main__":
    main()
