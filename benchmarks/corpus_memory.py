"""Corpus memory: what a server holds for N passages' records, and what reading them costs.

``python -m benchmarks.corpus_memory --size 1000000`` writes N synthetic passages
(:mod:`benchmarks.synthetic_store`: ~15 Kiwi nouns each, documents of 160 goals and
sub-items) into a real store, cached under ``benchmarks/results/cache``, then in a fresh
process:

1. pays the server's fixed costs (``service.api.main`` imported, Kiwi and, unless
   ``--no-models``, the embedder loaded) and reads RSS;
2. opens the store as a server does (:func:`~indexer.store.read_store`, every lookup built:
   ``Corpus.prepare``) and reads RSS again: the difference is the records;
3. reads the passage and morphemes of 100 random searchable rows (a search's hits and its
   label's rows), ``--rounds`` times with fresh rows (nothing cached) and once more with the
   same rows (cached); then walks every row's morphemes as the match statistics do;
4. with ``--vectors``, adds N synthetic e5-like vectors as FAISS flat (float32) and as an
   8-bit scalar quantizer, reading RSS after each: the dense side's share.

RSS is ``VmRSS`` (and its anonymous / file-backed parts); memory is trimmed
(``gc`` + ``malloc_trim``) before each reading. The child only uses ``read_store``,
``passages[row]`` and ``morphs[row]``, so the same command measures an older checkout.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import time
from pathlib import Path

import numpy as np

from .common import ROOT, log, run_child, summarize, write_json

__all__ = ["build_store", "measure"]

CACHE = ROOT / "benchmarks" / "results" / "cache"


def _memory() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "RssAnon", "RssFile"):
            out[{"VmRSS": "rss_mb", "RssAnon": "anon_mb", "RssFile": "file_mb"}[name]] = round(int(value.split()[0]) / 1024, 1)
    return out


def _trim() -> dict[str, float]:
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:  # pragma: no cover - not glibc
        pass
    return _memory()


def _passages(size: int, seed: int):
    from .synthetic import VectorModel, load_vocabulary, make_passages

    model = VectorModel(max(8, int(2 * size**0.5)), seed)
    topics = model.topics(size, seed + 1)
    return model, topics, make_passages(topics, model.n_topics, load_vocabulary(50_000, seed), seed + 2)


def build_store(size: int, seed: int = 0, cache: Path = CACHE) -> Path:
    """The synthetic store of ``size`` passages (written once, then reused)."""
    from .synthetic_store import write_synthetic_store

    path = cache / f"store-{size}-{seed}.sqlite"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        log(f"corpus memory: writing {size} synthetic passages to {path}")
        t = time.perf_counter()
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        write_synthetic_store(_passages(size, seed)[2], tmp)
        tmp.rename(path)
        log(f"corpus memory: written in {time.perf_counter() - t:.0f}s, {path.stat().st_size / 2**20:.0f} MiB")
    return path


def measure(store: Path, hits: int = 100, rounds: int = 20, models: bool = True, vectors: bool = False, seed: int = 0) -> dict:
    """Run in a fresh process: fixed costs, the corpus opened as a server opens it, reads, vectors."""
    import service.api.main  # noqa: F401  (FastAPI, uvicorn and the routes, as in `plansearch serve`)
    from indexer.segmentation import get_kiwi
    from indexer.store import read_store

    get_kiwi()
    if models:
        from models import get_embedder

        get_embedder().encode_queries(["준비"])
    out: dict = {"store": str(store), "store_mb": round(store.stat().st_size / 2**20, 1), "memory": {"fixed": _trim()}}

    t = time.perf_counter()
    corpus = read_store(store)
    prepare = getattr(corpus, "prepare", None)  # older checkouts build every lookup in read_store
    if prepare is not None:
        prepare()
    out["load_s"] = round(time.perf_counter() - t, 2)
    out["memory"]["corpus"] = _trim()
    out["records_mb"] = round(out["memory"]["corpus"]["rss_mb"] - out["memory"]["fixed"]["rss_mb"], 1)
    n = len(corpus.passages)
    out["passages"] = n
    log(f"corpus memory: {n} passages open in {out['load_s']} s, records {out['records_mb']} MB")

    # A search reads its hits' passages and morphemes (and their parents'): ~100 rows.
    rng = np.random.default_rng(seed)
    vector_rows = np.asarray(list(corpus.vector_rows), dtype=np.int64)
    times, chars = [], 0
    for _ in range(rounds):
        rows = rng.choice(vector_rows, size=min(hits, len(vector_rows)), replace=False).tolist()
        t = time.perf_counter()
        for r in rows:
            chars += len(corpus.passages[r].text) + len(corpus.morphs[r])
        times.append((time.perf_counter() - t) * 1000)
    again = []
    for _ in range(rounds):  # the last rows again: from the corpus's cache
        t = time.perf_counter()
        for r in rows:
            chars += len(corpus.passages[r].text) + len(corpus.morphs[r])
        again.append((time.perf_counter() - t) * 1000)
    out["fetch_100_hits_ms"] = {"fresh_rows": summarize(times), "repeated_rows": summarize(again)}
    t = time.perf_counter()
    morphs = sum(len(m) for m in corpus.morphs)
    out["walk_all_morphs_s"] = round(time.perf_counter() - t, 2)
    out["morphs"] = morphs
    out["memory"]["after_reads"] = _trim()
    log(f"corpus memory: 100 hits {out['fetch_100_hits_ms']['fresh_rows'].get('p50')} ms, all morphemes in {out['walk_all_morphs_s']} s")

    if vectors:
        import faiss

        model, topics, sp = _passages(n, seed)
        del sp
        x = model.sample(topics, seed + 3)
        before = _trim()["rss_mb"]
        flat = faiss.IndexFlatIP(x.shape[1])
        flat.add(x)
        out["memory"]["vectors_flat"] = _trim()
        out["vectors_flat_mb"] = round(out["memory"]["vectors_flat"]["rss_mb"] - before, 1)
        del flat
        before = _trim()["rss_mb"]
        sq8 = faiss.IndexScalarQuantizer(x.shape[1], faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
        sq8.train(x[:100_000])
        sq8.add(x)
        out["memory"]["vectors_sq8"] = _trim()
        out["vectors_sq8_mb"] = round(out["memory"]["vectors_sq8"]["rss_mb"] - before, 1)
        del sq8, x
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store", type=Path, help="Measure this store instead of the synthetic one.")
    ap.add_argument("--hits", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--no-models", action="store_true", help="Leave the embedder out of the fixed costs.")
    ap.add_argument("--vectors", action="store_true", help="Also measure FAISS flat and SQ8 vectors for the same N.")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json-out", type=Path)
    a = ap.parse_args(argv)
    if a.child:
        write_json(a.json_out, measure(a.store, a.hits, a.rounds, not a.no_models, a.vectors, a.seed))
        return
    store = a.store or build_store(a.size, a.seed)
    args = ["--child", "--store", store, "--hits", a.hits, "--rounds", a.rounds, "--seed", a.seed]
    args += ["--no-models"] * a.no_models + ["--vectors"] * a.vectors
    result = run_child("benchmarks.corpus_memory", args)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if a.json_out:
        write_json(a.json_out, result)


if __name__ == "__main__":
    main()
