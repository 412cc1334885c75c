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
   label's rows), ``--rounds`` times with fresh rows (nothing cached), then the last rows
   ``--rounds`` times more (cached); reads the texts alone of 120 random searchable rows (a money or
   ratio question's candidates, :meth:`~indexer.store.Corpus.texts`), ``--rounds`` times; then walks
   every row's morphemes (as records);
4. with ``--vectors``, adds N synthetic e5-like vectors as FAISS flat (float32) and as an
   8-bit scalar quantizer, reading RSS after each: the dense side's share.

``--generation`` measures a whole server instead: a generation directory as the builder
writes it (the store, ``vectors.faiss`` as the builder would choose for N — HNSW from 50k
on, efConstruction 40 from 1M as in :mod:`benchmarks.scale` — and the BM25 arrays), cached
beside the store, opened in a fresh process with
:func:`~indexer.generation.open_generation` (vectors and BM25 memory-mapped, as ``plansearch
serve`` loads them) under a :class:`~service.search.engine.SearchIndex`; RSS is read after
loading, after the first search (which reads the match statistics the builder stored in the
generation, ``match_stats.npz``; a checkout from before them counts them there: a walk over every
row's morphemes) and after ``--queries`` hybrid searches, whose latency is reported. A generation
cached without the file gets it written once (counted from its store, timed in the log).
``--storage sq8`` measures the same generation with its vectors stored 8-bit (``plansearch index
--vectors sq8``): cached as ``gen-N-seed-kind-sq8``, sharing the float32 generation's store, BM25
arrays, queries and match statistics (hard links) when that one is cached. Both report the dense
recall@10 of their 100 queries against exact float32 search (``truth.npy``, written beside the
queries when the vectors are next generated) at the generation's efSearch and at 200.

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
    if hasattr(corpus, "texts"):  # a money or ratio question reads its candidates' texts (checkouts from 81ba062)
        times = []
        for _ in range(rounds):
            rows = np.sort(rng.choice(vector_rows, size=min(120, len(vector_rows)), replace=False))
            t = time.perf_counter()
            chars += sum(map(len, corpus.texts(rows)))
            times.append((time.perf_counter() - t) * 1000)
        out["texts_120_candidates_ms"] = summarize(times)
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


def _exact_truth(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    import faiss

    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    return flat.search(np.ascontiguousarray(queries, dtype=np.float32), k)[1]


def build_generation(size: int, seed: int = 0, cache: Path = CACHE, queries: int = 100, storage: str = "float32") -> Path:
    """A generation directory of ``size`` synthetic passages (built once, then reused), with queries beside it."""
    import os
    import shutil
    from dataclasses import replace

    from indexer.generation import BM25, STORE, VECTORS
    from indexer.lexical import LexicalIndex
    from indexer.vectors import VectorIndexSpec, build_vector_index, save_vectors

    from .scale import ScaleConfig, _hnsw_spec
    from .synthetic import make_queries, passage_tokens

    spec = VectorIndexSpec.for_size(size)
    spec = _hnsw_spec(ScaleConfig(size, seed)) if spec.kind == "hnsw" else spec
    spec = replace(spec, storage=storage)
    gen = cache / (f"gen-{size}-{seed}-{spec.kind}" + ("" if storage == "float32" else f"-{storage}"))
    if (gen / "manifest.json").exists():
        _add_match_stats(gen)  # a generation cached before the builder wrote them
        return gen
    base = cache / f"gen-{size}-{seed}-{spec.kind}"
    if storage != "float32" and (base / "manifest.json").exists():
        # Everything but the vectors from the float32 generation (hard links: no copies, same bytes).
        _add_match_stats(base)
        tmp = gen.with_name(gen.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        shutil.copytree(base, tmp, copy_function=os.link, ignore=shutil.ignore_patterns(VECTORS, "truth.npy", "manifest.json"))
        model, topics, _ = _passages(size, seed)
        x = model.sample(topics, seed + 3)
        qvecs = np.load(base / "queries.npy")
        if not (base / "truth.npy").exists():
            np.save(base / "truth.npy", _exact_truth(x, qvecs))
        os.link(base / "truth.npy", tmp / "truth.npy")
        t = time.perf_counter()
        save_vectors(build_vector_index(x, spec), tmp / VECTORS)
        log(f"corpus memory: {spec.kind} {storage} vectors for {size} in {time.perf_counter() - t:.0f}s")
        manifest = json.loads((base / "manifest.json").read_text())
        manifest["generation"] = gen.name
        manifest["vector_index"]["storage"] = storage
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
        tmp.rename(gen)
        return gen
    store = build_store(size, seed, cache)
    tmp = gen.with_name(gen.name + ".tmp")
    if tmp.exists():

        shutil.rmtree(tmp)
    (tmp / BM25).mkdir(parents=True)
    os.link(store, tmp / STORE)
    model, topics, sp = _passages(size, seed)
    t = time.perf_counter()
    LexicalIndex.build(passage_tokens(sp)).save(tmp / BM25)
    log(f"corpus memory: BM25 for {size} in {time.perf_counter() - t:.0f}s")
    qtexts, qvecs = make_queries(sp, model, queries, seed + 4)
    del sp
    t = time.perf_counter()
    x = model.sample(topics, seed + 3)
    save_vectors(build_vector_index(x, spec), tmp / VECTORS)
    log(f"corpus memory: {spec.kind} {storage} vectors for {size} in {time.perf_counter() - t:.0f}s")
    np.save(tmp / "queries.npy", qvecs)
    np.save(tmp / "truth.npy", _exact_truth(x, qvecs))
    del x
    manifest = {"generation": gen.name, "vector_index": {"kind": spec.kind, "ef_search": 64 if spec.kind == "hnsw" else None},
                "queries": qtexts, "dim": int(qvecs.shape[1])}
    if storage != "float32":
        manifest["vector_index"]["storage"] = storage
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    _add_match_stats(tmp)
    tmp.rename(gen)
    return gen


def _add_match_stats(gen: Path) -> None:
    """Write the match statistics into ``gen`` as the builder does (counted here from its store and
    vectors: the same numbers as from the builder's morphemes), unless it holds them already."""
    from indexer.generation import STORE, VECTORS
    from indexer.match_stats import MATCH_STATS, compute_match_stats, write_match_stats
    from indexer.store import read_store
    from indexer.vectors import load_vectors

    if (gen / MATCH_STATS).exists():
        return
    t = time.perf_counter()
    corpus = read_store(gen / STORE)
    write_match_stats(gen / MATCH_STATS, compute_match_stats(corpus, load_vectors(gen / VECTORS)))
    corpus.close()
    log(f"corpus memory: match statistics for {gen.name} in {time.perf_counter() - t:.0f}s ({(gen / MATCH_STATS).stat().st_size} bytes)")


def measure_generation(gen: Path, queries: int = 50, models: bool = True) -> dict:
    """Run in a fresh process: a whole index loaded as a server loads it, then searched."""
    import service.api.main  # noqa: F401  (FastAPI, uvicorn and the routes, as in `plansearch serve`)
    from indexer.generation import open_generation
    from indexer.segmentation import get_kiwi
    from service.search.engine import SearchIndex

    from .scale import _QueryEmbedder

    get_kiwi()
    real = None
    if models:
        from models import get_embedder

        real = get_embedder()
        real.encode_queries(["준비"])
    manifest = json.loads((gen / "manifest.json").read_text())
    qtexts, qvecs = manifest["queries"], np.load(gen / "queries.npy")
    out: dict = {"generation": str(gen), "vector_index": manifest["vector_index"], "memory": {"fixed": _trim()}}
    t = time.perf_counter()
    g = open_generation(gen, manifest)
    ix = SearchIndex(gen, manifest, g.corpus, g.vectors, g.lexical, _QueryEmbedder(real, dict(zip(qtexts, qvecs)), manifest["dim"]),
                     query_cache_size=0)
    ix.links  # noqa: B018 - computed at load, as load_index does
    out["load_s"] = round(time.perf_counter() - t, 2)
    out["memory"]["loaded"] = _trim()
    t = time.perf_counter()
    ix.search(qtexts[0])
    out["first_search_s"] = round(time.perf_counter() - t, 2)
    out["memory"]["first_search"] = _trim()
    log(f"corpus memory: {gen.name} loaded in {out['load_s']} s, first search {out['first_search_s']} s")
    for q in qtexts[:queries]:  # warm-up: Kiwi, FAISS and the pages the queries touch
        ix.search(q)
    totals, parts = [], {}
    for q in qtexts[:queries]:
        r = ix.search(q)
        totals.append(r.took_ms)
        for k, v in r.timings_ms.items():
            parts.setdefault(k, []).append(v)
    out["hybrid_ms"] = {"total": summarize(totals), "parts_p50": {k: summarize(v)["p50"] for k, v in parts.items()}}
    out["memory"]["after_searches"] = _trim()
    m = out["memory"]
    out["server_rss_mb"] = m["after_searches"]["rss_mb"]
    out["server_anon_mb"] = m["after_searches"]["anon_mb"]
    if (gen / "truth.npy").exists():  # dense recall@10 against exact float32 search
        from indexer.vectors import search_vectors

        truth = np.load(gen / "truth.npy")
        efs = [manifest["vector_index"].get("ef_search"), 200] if manifest["vector_index"]["kind"] == "hnsw" else [None]
        out["dense_recall_at_10"] = {}
        for ef in efs:
            _, got = search_vectors(g.vectors, qvecs, 10, ef_search=ef)
            out["dense_recall_at_10"][f"ef{ef}" if ef else "exhaustive"] = round(
                float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got.tolist(), truth.tolist())])), 4)
        log(f"corpus memory: dense recall@10 {out['dense_recall_at_10']}")
    ix.close()
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
    ap.add_argument("--generation", action="store_true", help="Measure a whole generation loaded as the server loads it.")
    ap.add_argument("--queries", type=int, default=50, help="Hybrid searches timed with --generation.")
    ap.add_argument("--storage", choices=("float32", "sq8"), default="float32", help="--generation: how its vectors are stored.")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--json-out", type=Path)
    a = ap.parse_args(argv)
    if a.child:
        result = measure_generation(a.store, a.queries, not a.no_models) if a.generation else \
            measure(a.store, a.hits, a.rounds, not a.no_models, a.vectors, a.seed)
        write_json(a.json_out, result)
        return
    store = a.store or (build_generation(a.size, a.seed, storage=a.storage) if a.generation else build_store(a.size, a.seed))
    args = ["--child", "--store", store, "--hits", a.hits, "--rounds", a.rounds, "--seed", a.seed, "--queries", a.queries]
    args += ["--no-models"] * a.no_models + ["--vectors"] * a.vectors + ["--generation"] * a.generation
    result = run_child("benchmarks.corpus_memory", args)
    print(json.dumps(result, ensure_ascii=False, indent=1))

    if a.json_out:
        write_json(a.json_out, result)


if __name__ == "__main__":
    main()
