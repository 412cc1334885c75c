"""Tail latency of ``GET /search`` at c=8 with every query embedded: server variants side by side.

    python -m benchmarks.tail_latency --index index [--seconds 10] [--rounds 2]

Each variant is a fresh ``plansearch serve`` with the query cache off (every request embeds
its query, as with fresh queries) under ``wrk`` (see :mod:`benchmarks.http_load`); rounds
alternate the variants so that a busy machine weighs on all of them alike.

* ``naive`` — one process, no admission control (every request embeds at once);
* ``admission`` — one process, at most one embedding per core (the shipped default);
* ``workers2`` — two processes (``--workers 2``), one embedding at a time in each;
* ``threads2`` — one process, one embedding at a time using both cores (``PLANSEARCH_EMBED_THREADS=2``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .http_load import run_http

VARIANTS = {
    "naive": {"PLANSEARCH_EMBED_CONCURRENCY": "0"},
    "admission": {},
    "workers2": {"PLANSEARCH_WORKERS": "2", "PLANSEARCH_EMBED_CONCURRENCY": "1"},
    "threads2": {"PLANSEARCH_EMBED_THREADS": "2", "PLANSEARCH_EMBED_CONCURRENCY": "1"},
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    a = ap.parse_args(argv)
    rows = []
    for rnd in range(a.rounds):
        for name in a.variants.split(","):
            env = {"PLANSEARCH_QUERY_CACHE_SIZE": "0", **VARIANTS[name]}
            r = run_http(a.index, [("hybrid", a.concurrency)], a.seconds, env=env)["runs"][0]
            rows.append({"variant": name, "round": rnd, **r})
            print(json.dumps(rows[-1]), flush=True)
    print(f"{'variant':10s} {'round':>5s} {'rps':>7s} {'p50':>7s} {'p90':>7s} {'p99':>7s} {'max':>7s} {'errors':>6s}")
    for r in rows:
        print(f"{r['variant']:10s} {r['round']:5d} {r['throughput_rps']:7.1f} {r['p50_ms']:7.1f} {r['p90_ms']:7.1f} {r['p99_ms']:7.1f} "
              f"{r['max_ms']:7.1f} {r['errors']:6d}")


if __name__ == "__main__":
    main()
