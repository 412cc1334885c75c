"""Indexing throughput: the sample corpus indexed cold (fresh directory) and warm (unchanged re-index).

Every build runs in its own process (``python -m benchmarks.indexing``) so that
its peak memory (``ru_maxrss``) is its own. Cold = a new index directory, so
the embedding cache is empty; warm = the same directory again with the corpus
unchanged, which reuses passages, morphemes and cached vectors.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

_T_START = time.perf_counter()  # before the heavier imports, for the cold-start figure

from .common import ROOT, log, peak_rss_mb, run_child, write_json  # noqa: E402

__all__ = ["DEFAULT_CORPUS", "build_once", "run_indexing"]

DEFAULT_CORPUS = ROOT / "corpus"


def build_once(corpus: Path, index_dir: Path) -> dict:
    """One ``build_index`` call, in this process; the model load is timed apart from the build."""
    from indexer import build_index
    from models import get_embedder

    t = time.perf_counter()
    embedder = get_embedder()
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    report = build_index([corpus], index_dir, embedder=embedder)
    seconds = time.perf_counter() - t
    return {
        "seconds": round(seconds, 3),
        "passages": report.passages,
        "searchable": report.searchable,
        "passages_per_s": round(report.searchable / seconds, 1),
        "embedded": report.embedded,
        "cached": report.cached,
        "stages_s": {k.removesuffix("_s"): round(v, 3) for k, v in report.timings.items()},
        "model_load_s": round(load_s, 3),
        "process_s": round(time.perf_counter() - _T_START, 3),
        "peak_rss_mb": peak_rss_mb(),
    }


def run_indexing(corpus: Path = DEFAULT_CORPUS, index_dir: Path | None = None, warm_runs: int = 3) -> dict:
    """Cold build, then ``warm_runs`` unchanged re-indexes, each in a fresh process.

    ``index_dir`` (kept afterwards, for the latency and HTTP parts) defaults to a temporary directory.
    """
    index_dir = Path(index_dir or tempfile.mkdtemp(prefix="plansearch-bench-index-"))
    shutil.rmtree(index_dir, ignore_errors=True)
    log(f"indexing: cold build of {corpus} into {index_dir}")
    cold = run_child("benchmarks.indexing", ["--corpus", corpus, "--index", index_dir])
    warm = []
    for i in range(warm_runs):
        log(f"indexing: warm re-index {i + 1}/{warm_runs}")
        warm.append(run_child("benchmarks.indexing", ["--corpus", corpus, "--index", index_dir]))
    warm_s = statistics.median(w["seconds"] for w in warm)
    warm_best = min(warm, key=lambda w: abs(w["seconds"] - warm_s))
    return {
        "corpus": str(Path(corpus).relative_to(ROOT) if Path(corpus).is_relative_to(ROOT) else corpus),
        "index_dir": str(index_dir),
        "cold": cold,
        "warm": {**warm_best, "runs_s": [w["seconds"] for w in warm]},
        "warm_speedup": round(cold["seconds"] / warm_s, 1),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="One index build of a corpus, measured (used by benchmarks.run).")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--json-out", type=Path, required=True)
    a = ap.parse_args(argv)
    write_json(a.json_out, build_once(a.corpus, a.index))


if __name__ == "__main__":
    main()
