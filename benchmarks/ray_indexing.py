"""Indexing throughput by engine and Ray worker count, and what it projects for a cluster.

``python -m benchmarks.ray_indexing --corpus DIR [--workers 1 2] [--shards 3]`` builds ``DIR``
from scratch (empty index, empty embedding cache) once with the local engine and once per Ray
worker count (Ray in local mode with that many CPUs, each run in a fresh process), and reports
seconds, passages per second, Ray's fixed start-up cost, and the per-worker rate behind the
projection::

    T(N passages, W workers) ≈ N / (r₁ · W · e) + start-up

with r₁ the measured passages/s of one worker and e the measured scaling efficiency at the
largest worker count here (r_W / (W · r₁)); embedding is ~95% of the work, so r₁ is roughly
one e5-small core.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from .common import log, machine_info, run_child, write_json

__all__ = ["one_build", "project"]

TARGET_PASSAGES = 20_000_000


def one_build(corpus: Path, engine: str, workers: int, shards: int) -> dict:
    """One cold build (run in a fresh process)."""
    from indexer.building import build_index
    from indexer.engines import get_engine
    from models import get_embedder

    embedder = get_embedder()
    t = time.perf_counter()
    runner = get_engine(engine, workers=workers if engine == "ray" else None)
    startup = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="plansearch-ray-bench-") as tmp:
        try:
            report = build_index([corpus], Path(tmp) / "ix", embedder=embedder, engine=runner, shards=shards)
        finally:
            runner.close()
    return {
        "engine": engine,
        "workers": runner.workers,
        "shards": report.shards,
        "documents": report.documents,
        "passages": report.searchable,
        "embedded": report.embedded,
        "startup_s": round(startup, 2),
        "build_s": round(report.seconds, 2),
        "parse_s": round(report.timings["parse_s"], 2),
        "embed_s": round(report.timings["embed_s"], 2),
        "write_s": round(report.timings["write_s"], 2),
        "passages_per_s": round(report.searchable / report.seconds, 2),
    }


def project(runs: list[dict], passages: int = TARGET_PASSAGES) -> dict:
    """Per-worker rate, scaling efficiency and the projected time for ``passages`` on W workers."""
    ray = sorted((r for r in runs if r["engine"] == "ray"), key=lambda r: r["workers"])
    if not ray:
        return {}
    r1 = ray[0]["passages_per_s"] / ray[0]["workers"]
    top = ray[-1]
    eff = top["passages_per_s"] / (top["workers"] * r1) if top["workers"] > 1 else 1.0
    return {
        "per_worker_passages_per_s": round(r1, 2),
        "efficiency_at_max_workers": round(eff, 3),
        "formula": "T ≈ N / (r1 · W · e) + startup",
        f"hours_for_{passages}_passages": {
            str(w): round(passages / (r1 * w * eff) / 3600, 1) for w in (1, 2, 16, 64, 256, 1024)
        },
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shards", type=int, default=3)
    ap.add_argument("--no-local", action="store_true", help="skip the local-engine reference run")
    ap.add_argument("--one", nargs=2, metavar=("ENGINE", "WORKERS"), help=argparse.SUPPRESS)  # the child
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args(argv)
    if args.one:
        write_json(args.json_out, one_build(args.corpus.resolve(), args.one[0], int(args.one[1]), args.shards))
        return
    runs = []
    configs = ([] if args.no_local else [("local", 1)]) + [("ray", w) for w in args.workers]
    for engine, workers in configs:
        log(f"ray_indexing: {engine} engine, {workers} worker(s)")
        r = run_child("benchmarks.ray_indexing", ["--corpus", args.corpus, "--shards", args.shards, "--one", engine, workers])
        log(f"ray_indexing: {r}")
        runs.append(r)
    result = {"machine": machine_info(), "corpus": str(args.corpus), "runs": runs, "projection": project(runs)}
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json_out:
        args.json_out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
