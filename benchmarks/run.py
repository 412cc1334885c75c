"""Run every benchmark, print a table and write JSON (and markdown) results.

    .venv/bin/python -m benchmarks.run --out benchmarks/results/latest.json --markdown
    .venv/bin/python -m benchmarks.run --quick            # 10k/100k scale only, shorter runs (~6 min)
    .venv/bin/python -m benchmarks.run --parts scale --sizes 10000,100000

Parts, in order: indexing (cold/warm, each build in its own process), latency
(in-process in a fresh process, per mode, with its parts), baseline (the naive
pipeline, in its own process), http (the real server under wrk or httpx),
scale (one process per size). Latency and HTTP embed every query (query
cache off); hybrid is also measured with repeated queries hitting the query
cache, and in-process with ``OMP_NUM_THREADS=1`` (:data:`LATENCY_VARIANTS`).
A part that fails is reported and the others still run; the exit code is then 1. The JSON holds every number; the table is rendered from it
(:mod:`benchmarks.report`), so ``--from-json`` re-renders an earlier run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from .common import ROOT, log, machine_info, run_child, write_json
from .report import notes, render, targets

__all__ = ["PARTS", "main"]

PARTS = ("indexing", "latency", "baseline", "http", "scale")
RESULTS = ROOT / "benchmarks" / "results"
FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
#: In-process variants of the hybrid measurement: ``(query cache size, extra environment)``.
#: The default measurement embeds every query with the libraries' default threads.
LATENCY_VARIANTS: dict[str, tuple[int, dict[str, str]]] = {
    "repeated queries, query cache": (1024, {}),
    "OMP_NUM_THREADS=1": (0, {"OMP_NUM_THREADS": "1"}),
}
#: The server as shipped (embed_threads=1) but with the query cache off, so every request embeds its query...
HTTP_ENV = {"PLANSEARCH_QUERY_CACHE_SIZE": "0"}
#: ...and as shipped, cache on, where the rotating queries are all cache hits after the warm-up.
HTTP_VARIANTS: dict[str, dict[str, str]] = {"repeated queries, query cache": {}}


def _parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=RESULTS / "latest.json", help="JSON results (a .md beside it gets the markdown).")
    ap.add_argument("--quick", action="store_true", help="Scale at 10k/100k only; fewer rounds, shorter HTTP levels.")
    ap.add_argument("--parts", default=",".join(PARTS), help=f"Comma-separated subset of {','.join(PARTS)}.")
    ap.add_argument("--sizes", help="Scale sizes, comma-separated (default 10000,100000,1000000; --quick: 10000,100000).")
    ap.add_argument("--http-seconds", type=float, help="Seconds per HTTP level (default 15; --quick: 8).")
    ap.add_argument("--hnsw-budget-s", type=float, default=360.0, help="Abandon an HNSW build after this long (and extrapolate).")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                    help="Before each part, wait up to this long for the 1-min load average to drop below half the cores.")
    ap.add_argument("--markdown", action="store_true", help="Also print the README-ready markdown tables.")
    ap.add_argument("--from-json", type=Path, help="Only re-render the tables of an earlier results file.")
    a = ap.parse_args(argv)
    a.parts = [p.strip() for p in a.parts.split(",") if p.strip()]
    unknown = set(a.parts) - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s) {sorted(unknown)}; choose from {','.join(PARTS)}")
    a.sizes = [int(s.replace("_", "")) for s in a.sizes.split(",")] if a.sizes else list(QUICK_SIZES if a.quick else FULL_SIZES)
    a.http_seconds = a.http_seconds or (8.0 if a.quick else 15.0)
    return a


def _wait_idle(limit_s: float) -> None:
    cores = os.cpu_count() or 1
    deadline = time.monotonic() + limit_s
    while os.getloadavg()[0] > 0.5 * cores and time.monotonic() < deadline:
        time.sleep(5)


def _ensure_index(index_dir: Path) -> None:
    """The latency and HTTP parts need the sample index; build it when the indexing part did not."""
    if not (index_dir / "CURRENT").exists():
        from indexer import build_index

        log(f"building the sample index at {index_dir}")
        build_index([ROOT / "corpus"], index_dir)


def _parts(a: argparse.Namespace, index_dir: Path) -> dict[str, Callable[[], dict]]:
    from .http_load import run_http
    from .indexing import run_indexing
    from .latency import run_latency_child
    from .scale import run_scale

    rounds = 3 if a.quick else 5

    def latency() -> dict:
        _ensure_index(index_dir)
        out = run_latency_child(index_dir, rounds)
        out["variants"] = {name: run_latency_child(index_dir, rounds, ("hybrid",), cache, env)
                           for name, (cache, env) in LATENCY_VARIANTS.items()}
        return out

    def http() -> dict:
        _ensure_index(index_dir)
        out = run_http(index_dir, seconds=a.http_seconds, env=HTTP_ENV)
        out["variants"] = {name: run_http(index_dir, [("hybrid", 8), ("hybrid", 32)], a.http_seconds, env=env)
                           for name, env in HTTP_VARIANTS.items()}
        return out

    return {
        "indexing": lambda: run_indexing(index_dir=index_dir, warm_runs=2 if a.quick else 3),
        "latency": latency,
        "baseline": lambda: run_child("benchmarks.baseline", ["--rounds", rounds], timeout=1200),
        "http": http,
        "scale": lambda: run_scale(a.sizes, timeout_s=2400, hnsw_budget_s=a.hnsw_budget_s),
    }


def run(a: argparse.Namespace) -> dict:
    """Run the chosen parts; each part's result (or error) and the load around it go into one dict."""
    t0 = time.perf_counter()
    results: dict = {"command": " ".join([Path(sys.executable).name, "-m", "benchmarks.run", *sys.argv[1:]]),
                     "machine": machine_info(), "load": {}, "errors": {}}
    index_dir = RESULTS / "index"
    parts = _parts(a, index_dir)
    for name in [p for p in PARTS if p in a.parts]:
        if a.wait_idle:
            _wait_idle(a.wait_idle)
        before = os.getloadavg()
        t = time.perf_counter()
        try:
            results[name] = parts[name]()
        except Exception as e:  # noqa: BLE001 - one failed part must not lose the others
            log(f"{name} FAILED: {e}")
            results["errors"][name] = "".join(traceback.format_exception_only(type(e), e)).strip()
        results["load"][name] = {"before": [round(x, 2) for x in before], "after": [round(x, 2) for x in os.getloadavg()],
                                 "seconds": round(time.perf_counter() - t, 1)}
        log(f"{name} done in {results['load'][name]['seconds']}s")
    results["duration_s"] = round(time.perf_counter() - t0, 1)
    return conclude(results)


def conclude(results: dict) -> dict:
    """Targets and notes from the measured numbers (recomputed on ``--from-json``)."""
    results["targets"] = targets(results)
    failed = [f"Part {k} failed: {v}" for k, v in results.get("errors", {}).items()]
    results["notes"] = notes(results, results["targets"]) + failed
    return results


def main(argv: list[str] | None = None) -> int:
    a = _parse(argv)
    if a.from_json:
        results = conclude(json.loads(a.from_json.read_text(encoding="utf-8")))
    else:
        results = run(a)
        write_json(a.out, results)
        a.out.with_suffix(".md").write_text(render(results, md=True), encoding="utf-8")
        log(f"wrote {a.out} and {a.out.with_suffix('.md')}")
    print(render(results))
    if a.markdown:
        print("---- markdown ----\n")
        print(render(results, md=True))
    return 1 if results.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
