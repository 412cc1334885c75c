"""In-process query latency per mode, split into the parts ``SearchResult.timings_ms`` reports.

Each mode first answers every query once (warm-up: Kiwi, the embedder and the
CPU caches), then the fixed query set (:mod:`benchmarks.queries`) ``rounds``
times, queries interleaved so no query's repeats sit next to each other.
``total`` is ``SearchResult.took_ms``; the parts are analysis (Kiwi), embed
(query embedding), faiss, bm25, fusion and assemble (result records and
highlights); ``total_without_embed`` is what a query-embedding cache would
approach. Quality on the dev set is measured on the same loaded index.
The query-embedding cache is off unless asked for (``query_cache_size``):
the rounds repeat queries, so with the cache they measure cache hits, a
separate figure. :func:`run_latency_child` runs it all in a fresh process,
optionally with extra environment (``OMP_NUM_THREADS=1`` as ``serve`` sets).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from service.evaluation import evaluate
from service.search import MODES, load_index

from .common import log, run_child, summarize, write_json
from .queries import benchmark_queries, dev_queries

__all__ = ["PARTS", "measure_modes", "quality", "run_latency", "run_latency_child"]

PARTS: tuple[str, ...] = ("analysis", "embed", "faiss", "bm25", "fusion", "assemble")


def measure_modes(
    search: Callable[[str, str], object],
    queries: Sequence[str],
    modes: Sequence[str] = MODES,
    rounds: int = 5,
) -> dict[str, dict]:
    """Latency of ``search(query, mode) -> SearchResult`` per mode: totals and parts, in ms."""
    out: dict[str, dict] = {}
    for mode in modes:
        for q in queries:  # warm-up
            search(q, mode)
        totals: list[float] = []
        rest: list[float] = []
        parts: dict[str, list[float]] = {}
        for _ in range(rounds):
            for q in queries:
                r = search(q, mode)
                totals.append(r.took_ms)
                rest.append(r.took_ms - r.timings_ms.get("embed", 0.0))
                for name, ms in r.timings_ms.items():
                    parts.setdefault(name, []).append(ms)
        order = [p for p in PARTS if p in parts] + sorted(set(parts) - set(PARTS))
        out[mode] = {"total": summarize(totals), "parts": {p: summarize(parts[p]) for p in order}}
        if "embed" in parts:  # what a query-embedding cache would approach
            out[mode]["total_without_embed"] = summarize(rest)
        out[mode]["slowest_part"] = max(out[mode]["parts"], key=lambda p: out[mode]["parts"][p]["mean"])
    return out


def quality(search_texts: Callable[[str, str], Sequence[str]], modes: Sequence[str] = MODES, k: int = 10) -> dict[str, dict]:
    """nDCG@k / Recall@k / MRR on the dev set per mode, with ``search_texts(query, mode) -> ranked texts``."""
    qs = dev_queries()
    out = {}
    for mode in modes:
        r = evaluate(lambda q, m=mode: search_texts(q, m), qs, mode, k)
        out[mode] = {"ndcg@10": round(r.ndcg, 4), "recall@10": round(r.recall, 4), "mrr": round(r.mrr, 4)}
    return out


def run_latency(index_dir: Path, rounds: int = 5, modes: Sequence[str] = MODES, query_cache_size: int = 0) -> dict:
    """Query latency (per mode, with parts) and dev-set quality of the index at ``index_dir``, in this process.

    ``query_cache_size=0`` (default) embeds every query; with a cache, the
    repeated rounds measure cache hits (repeated queries).
    """
    ix = load_index(index_dir, query_cache_size=query_cache_size)
    queries = benchmark_queries()
    log(f"latency: {len(queries)} queries x {rounds} rounds per mode on {len(ix.corpus.vector_rows)} passages")
    lat = measure_modes(lambda q, m: ix.search(q, k=10, mode=m), queries, modes, rounds)
    qual = quality(lambda q, m: [h.text for h in ix.search(q, k=10, mode=m).hits], modes)
    return {
        "passages": len(ix.corpus.vector_rows),
        "queries": len(queries),
        "rounds": rounds,
        "query_cache_size": query_cache_size,
        "vector_index": ix.manifest.get("vector_index", {}).get("kind"),
        "env": {k: v for k, v in os.environ.items() if k.startswith(("OMP_", "GOMP_", "OPENBLAS_"))},
        "modes": lat,
        "quality": qual,
    }


def run_latency_child(
    index_dir: Path, rounds: int = 5, modes: Sequence[str] = MODES, query_cache_size: int = 0, env: dict[str, str] | None = None
) -> dict:
    """:func:`run_latency` in a fresh process (clean state; ``env`` e.g. ``{"OMP_NUM_THREADS": "1"}``)."""
    args = ["--index", index_dir, "--rounds", rounds, "--modes", ",".join(modes), "--query-cache-size", query_cache_size]
    return run_child("benchmarks.latency", args, env=env)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="In-process query latency of one index (used by benchmarks.run).")
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--query-cache-size", type=int, default=0, help="0 (default): embed every query.")
    ap.add_argument("--json-out", type=Path, required=True)
    a = ap.parse_args(argv)
    write_json(a.json_out, run_latency(a.index, a.rounds, a.modes.split(","), a.query_cache_size))


if __name__ == "__main__":
    main()
