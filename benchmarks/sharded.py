"""Sharded serving at scale: scatter-gather latency, memory and ANN recall over memory-mapped shards.

``python -m benchmarks.sharded --size 1000000 --shards 3`` builds synthetic passages
(:mod:`benchmarks.synthetic`: e5-like vectors, Zipfian morphemes) into N shards on disk, each
a FAISS index (HNSW as the builder makes it at that size, or flat) and a BM25 index, exactly as
a sharded generation holds them. Then, in a fresh process, it opens them the way the server
does (vectors memory-mapped, BM25 arrays memory-mapped, global BM25 statistics) and measures:

* per-query latency p50/p99 of the dense scatter-gather (pool 100), the BM25 top-k over all
  shards (pool 100) and their fusion;
* recall@10 of the sharded ANN against exact search over all vectors, and the BM25 top-100
  against one unsharded BM25 index (must be 1.0: same statistics, same scores);
* resident memory after loading and after the queries, anonymous (private) and file-backed
  (the mapped shards: page cache, shared by every process serving the generation).

For 10M, which this machine cannot hold or build at once, ``--lexical-only`` and
``--dense-only`` draw and build one shard at a time (BM25 shards only, or vector shards only,
with the exact top 10 merged shard by shard), so memory is bounded by one shard.

The passage records (store) are not part of this run: :mod:`benchmarks.scale` and the corpus
memory benchmark measure them.
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from .common import log, run_child, summarize, write_json

__all__ = ["build_shards", "serve_shards"]

POOL = 100


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _memory() -> dict[str, float]:
    return {"rss_mb": _status_mb("VmRSS"), "anon_mb": _status_mb("RssAnon"), "file_mb": _status_mb("RssFile")}


def build_shards(size: int, shards: int, kind: str, out: Path, seed: int = 0, queries: int = 200, storage: str = "float32") -> dict:
    """Write ``shards`` shards of ``size`` synthetic passages into ``out``; ground truth beside them."""
    import faiss

    from indexer.lexical import LexicalIndex
    from indexer.vectors import VectorIndexSpec, build_vector_index, save_vectors

    from .synthetic import VectorModel, load_vocabulary, make_passages, make_queries, passage_tokens

    info: dict = {"size": size, "shards": shards, "kind": kind, "timings_s": {}}
    t = time.perf_counter()
    model = VectorModel(max(8, int(2 * size**0.5)), seed)
    topics = model.topics(size, seed + 1)
    sp = make_passages(topics, model.n_topics, load_vocabulary(50_000, seed), seed + 2)
    tokens = passage_tokens(sp)
    vectors = model.sample(topics, seed + 3)
    qtexts, qvecs = make_queries(sp, model, queries, seed + 4)
    info["timings_s"]["data"] = round(time.perf_counter() - t, 1)

    # Ground truth: exact search over all vectors, and one unsharded BM25 index.
    t = time.perf_counter()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    _, truth = flat.search(qvecs, 10)
    del flat
    from indexer.segmentation import content_morphs, query_tokens

    qtokens = [query_tokens(content_morphs(q)) for q in qtexts]
    whole = LexicalIndex.build(tokens)
    lex_truth = [[p for p, _ in whole.top_k(q, POOL)] for q in qtokens]
    del whole
    info["timings_s"]["ground_truth"] = round(time.perf_counter() - t, 1)

    spec = VectorIndexSpec("flat", storage=storage) if kind == "flat" else \
        VectorIndexSpec("hnsw", ef_construction=40 if size >= 1_000_000 else 80, storage=storage)
    bounds = np.linspace(0, size, shards + 1).astype(int)
    t = time.perf_counter()
    for s in range(shards):
        d = out / f"shard-{s:03d}"
        (d / "bm25").mkdir(parents=True)
        lo, hi = bounds[s], bounds[s + 1]
        save_vectors(build_vector_index(vectors[lo:hi], spec), d / "vectors.faiss")
        LexicalIndex.build(tokens[lo:hi]).save(d / "bm25")
        log(f"sharded {size}: shard {s} ({hi - lo} passages) written after {time.perf_counter() - t:.0f}s")
    _global_statistics([out / f"shard-{s:03d}" for s in range(shards)])
    info["timings_s"]["shards_build"] = round(time.perf_counter() - t, 1)
    info["vector_index"] = {"kind": spec.kind, "hnsw_m": spec.hnsw_m, "ef_construction": spec.ef_construction, "storage": spec.storage}
    np.save(out / "queries.npy", qvecs)
    np.save(out / "truth.npy", truth)
    (out / "queries.json").write_text(json.dumps({"tokens": qtokens, "lexical_truth": lex_truth}, ensure_ascii=False))
    info["disk_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20, 1)
    return info


def _global_statistics(parts: list[Path]) -> None:
    """Rewrite each shard's BM25 index scored with every shard's statistics, as the builder writes a
    sharded generation (indexer/building.py); a shard written with its own statistics would be
    rescored in memory by every server that opens it."""
    from indexer.lexical import LexicalIndex, LexicalStats

    stats = LexicalStats.combine([LexicalIndex.load(p / "bm25").stats for p in parts])
    for p in parts:
        LexicalIndex.load(p / "bm25", mmap=False).with_stats(stats).save(p / "bm25.new")
        shutil.rmtree(p / "bm25")
        (p / "bm25.new").rename(p / "bm25")


def build_lexical_shards(
    size: int, shards: int, out: Path, seed: int = 0, queries: int = 200, vocab_size: int = 50_000, cache_dir: Path | None = None
) -> dict:
    """BM25 shards only, each drawn and built on its own (memory bounded by one shard): for sizes
    whose vectors and HNSW graphs this machine cannot build in time (10M). The topics and their
    words are shared; each shard draws its own passages."""
    from indexer.lexical import LexicalIndex
    from indexer.segmentation import content_morphs, query_tokens

    from .synthetic import VectorModel, load_vocabulary, make_passages, make_queries, passage_tokens

    info: dict = {"size": size, "shards": shards, "kind": "lexical only", "timings_s": {}}
    model = VectorModel(max(8, int(2 * size**0.5)), seed)
    vocab = load_vocabulary(vocab_size, seed, cache_dir)
    bounds = np.linspace(0, size, shards + 1).astype(int)
    qtexts: list[str] = []
    t = time.perf_counter()
    for s in range(shards):
        topics = model.topics(int(bounds[s + 1] - bounds[s]), seed + 1 + 7919 * s)
        sp = make_passages(topics, model.n_topics, vocab, seed + 2, stream_seed=seed + 3 + 7919 * s)
        if s == 0:
            qtexts, _ = make_queries(sp, model, queries, seed + 4)
        d = out / f"shard-{s:03d}"
        (d / "bm25").mkdir(parents=True)
        LexicalIndex.build(passage_tokens(sp)).save(d / "bm25")
        del sp
        log(f"sharded {size}: BM25 shard {s} ({bounds[s + 1] - bounds[s]} passages) written after {time.perf_counter() - t:.0f}s")
    _global_statistics([out / f"shard-{s:03d}" for s in range(shards)])
    info["timings_s"]["shards_build"] = round(time.perf_counter() - t, 1)
    qtokens = [query_tokens(content_morphs(q)) for q in qtexts]
    (out / "queries.json").write_text(json.dumps({"tokens": qtokens, "lexical_truth": None}, ensure_ascii=False))
    info["disk_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20, 1)
    return info


def build_dense_shards(size: int, shards: int, out: Path, seed: int = 0, queries: int = 200, storage: str = "float32") -> dict:
    """Vector shards only, each drawn, searched exactly and built on its own (memory bounded by one
    shard): for 10M, whose vectors (15 GB) and tokens this machine cannot hold at once. Recall is
    against the exact top 10 over all shards, merged shard by shard."""
    import faiss

    from indexer.vectors import VectorIndexSpec, build_vector_index, save_vectors

    from .synthetic import VectorModel

    info: dict = {"size": size, "shards": shards, "kind": "dense only", "timings_s": {}}
    exact_s = 0.0
    model = VectorModel(max(8, int(2 * size**0.5)), seed)
    qvecs = model.sample(model.topics(queries, seed + 4), seed + 5)
    best_s = np.full((queries, 10), -np.inf, dtype=np.float32)
    best_i = np.full((queries, 10), -1, dtype=np.int64)
    spec = VectorIndexSpec("hnsw", ef_construction=40 if size >= 1_000_000 else 80, storage=storage)  # as build_shards
    bounds = np.linspace(0, size, shards + 1).astype(int)
    t = time.perf_counter()
    for s in range(shards):
        lo, hi = int(bounds[s]), int(bounds[s + 1])
        vectors = model.sample(model.topics(hi - lo, seed + 1 + 7919 * s), seed + 3 + 7919 * s)
        te = time.perf_counter()
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        sc, ids = flat.search(qvecs, 10)
        del flat
        sc[ids < 0] = -np.inf  # a shard of fewer than 10 vectors pads with -1
        both_s, both_i = np.hstack([best_s, sc]), np.hstack([best_i, np.where(ids < 0, -1, ids + lo)])
        top = np.argsort(-both_s, axis=1, kind="stable")[:, :10]
        best_s, best_i = np.take_along_axis(both_s, top, 1), np.take_along_axis(both_i, top, 1)
        exact_s += time.perf_counter() - te
        d = out / f"shard-{s:03d}"
        d.mkdir(parents=True)
        save_vectors(build_vector_index(vectors, spec), d / "vectors.faiss")
        del vectors
        log(f"sharded {size}: vector shard {s} ({hi - lo} passages) written after {time.perf_counter() - t:.0f}s")
    info["timings_s"].update(shards_build=round(time.perf_counter() - t, 1), exact=round(exact_s, 1))
    info["vector_index"] = {"kind": spec.kind, "hnsw_m": spec.hnsw_m, "ef_construction": spec.ef_construction, "storage": spec.storage}
    np.save(out / "queries.npy", qvecs)
    np.save(out / "truth.npy", best_i)
    info["disk_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20, 1)
    return info


def _serve_lexical(lexical, qtokens: list[list[str]], out: dict, exact_checks: int = 20) -> dict:
    """BM25 top-100 over the shards, and its overlap with ranking every passage's score (first queries)."""
    lex_ms, overlap, same_scores = [], [], []
    for i, toks in enumerate(qtokens):
        t = time.perf_counter()
        lex = lexical.top_k(toks, POOL)
        lex_ms.append((time.perf_counter() - t) * 1000)
        if i < exact_checks:  # every passage scored: what is above the 100th score must be in the top 100 (ties may differ)
            s = lexical.scores(toks)
            kth = np.partition(s, len(s) - POOL)[len(s) - POOL]
            want = set(np.flatnonzero(s > kth).tolist())
            overlap.append(len(want & {p for p, _ in lex}) / len(want) if want else 1.0)
            best = np.sort(s[s > 0])[::-1][:POOL]  # and the 100 scores themselves, ties included
            same_scores.append(len(best) == len(lex) and np.allclose(best, [sc for _, sc in lex], rtol=1e-6))
    out["bm25_top100_ms"] = summarize(lex_ms)
    out["bm25_top100_recall_vs_every_score"] = round(float(np.mean(overlap)), 4) if overlap else None
    out["bm25_top100_same_scores_as_every_score"] = round(float(np.mean(same_scores)), 4) if same_scores else None
    out["memory_after_queries_mb"] = _memory()
    return out


def serve_shards(directory: Path, ef_search: list[int]) -> dict:
    """Open the shards as the server does and measure (run in a fresh process)."""
    from indexer.lexical import LexicalIndex
    from indexer.shards import ShardedLexical
    from indexer.vectors import ShardedVectors, load_vectors, search_vectors
    from service.search.fusion import fuse

    gc.collect()
    out: dict = {"memory_before_mb": _memory()}
    parts = sorted(p for p in directory.glob("shard-*") if p.is_dir())
    dense = (parts[0] / "vectors.faiss").exists()  # not with --lexical-only
    bm25 = (parts[0] / "bm25").exists()  # not with --dense-only
    t = time.perf_counter()
    vectors = ShardedVectors([load_vectors(p / "vectors.faiss", mmap=True) for p in parts]) if dense else None
    lexical = ShardedLexical([LexicalIndex.load(p / "bm25") for p in parts]) if bm25 else None
    out["load_s"] = round(time.perf_counter() - t, 2)
    out["memory_loaded_mb"] = _memory()
    if not dense:
        return _serve_lexical(lexical, json.loads((directory / "queries.json").read_text())["tokens"], out)
    qvecs = np.load(directory / "queries.npy")
    truth = np.load(directory / "truth.npy")

    out["by_ef_search"] = {}
    for ef in ef_search:
        dense_ms, ids10 = [], []
        for v in qvecs:
            t = time.perf_counter()
            scores, ids = search_vectors(vectors, v[None, :], POOL, ef_search=ef)
            dense_ms.append((time.perf_counter() - t) * 1000)
            ids10.append(ids[0, :10])
        recall = float(np.mean([len(set(a.tolist()) & set(b.tolist())) / 10 for a, b in zip(ids10, truth)]))
        out["by_ef_search"][ef] = {"dense_ms": summarize(dense_ms), "recall@10": round(recall, 4)}
        log(f"sharded: ef {ef}: dense p50 {out['by_ef_search'][ef]['dense_ms']['p50']} ms, recall@10 {recall:.4f}")
    if not bm25:
        out["memory_after_queries_mb"] = _memory()
        return out
    q = json.loads((directory / "queries.json").read_text())
    qtokens, lex_truth = q["tokens"], q["lexical_truth"]

    ef = ef_search[-1]
    lex_ms, fuse_ms, total_ms, overlap = [], [], [], []
    for v, toks, want in zip(qvecs, qtokens, lex_truth):
        t0 = time.perf_counter()
        scores, ids = search_vectors(vectors, v[None, :], POOL, ef_search=ef)
        dense = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        t1 = time.perf_counter()
        lex = lexical.top_k(toks, POOL)
        t2 = time.perf_counter()
        fuse(dense, lex)
        t3 = time.perf_counter()
        lex_ms.append((t2 - t1) * 1000)
        fuse_ms.append((t3 - t2) * 1000)
        total_ms.append((t3 - t0) * 1000)
        overlap.append(len({p for p, _ in lex} & set(want)) / max(1, len(want)) if want else 1.0)
    out["ef_search"] = ef
    out["bm25_top100_ms"] = summarize(lex_ms)
    out["fusion_ms"] = summarize(fuse_ms)
    out["hybrid_retrieval_ms"] = summarize(total_ms)
    out["bm25_top100_overlap_with_unsharded"] = round(float(np.mean(overlap)), 4)
    out["memory_after_queries_mb"] = _memory()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--shards", type=int, default=3)
    ap.add_argument("--kind", choices=("hnsw", "flat"), default="hnsw")
    ap.add_argument("--storage", choices=("float32", "sq8"), default="float32", help="vectors as float32 or 8-bit (--vectors sq8)")
    ap.add_argument("--ef-search", type=int, nargs="+", default=[64, 128, 200])
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--lexical-only", action="store_true", help="BM25 shards only, drawn one at a time (for 10M: no vectors)")
    only.add_argument("--dense-only", action="store_true", help="HNSW vector shards only, drawn one at a time (for 10M: no BM25)")
    ap.add_argument("--dir", type=Path, help="where the shards go (default: a temporary directory, removed after)")
    ap.add_argument("--serve", type=Path, help=argparse.SUPPRESS)  # the child: measure shards already built here
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args(argv)
    if args.dense_only and args.kind != "hnsw":
        ap.error(f"--dense-only builds HNSW shards; --kind {args.kind} is not one (valid with --dense-only: hnsw)")
    if args.serve:
        write_json(args.json_out, serve_shards(args.serve, args.ef_search))
        return
    tmp = args.dir or Path(tempfile.mkdtemp(prefix="plansearch-shards-"))
    try:
        if args.lexical_only:
            result = build_lexical_shards(args.size, args.shards, tmp)
        elif args.dense_only:
            result = build_dense_shards(args.size, args.shards, tmp, storage=args.storage)
        else:
            result = build_shards(args.size, args.shards, args.kind, tmp, storage=args.storage)
        log(f"sharded {args.size}: built {result['timings_s']}")
        result["serve"] = run_child("benchmarks.sharded", ["--serve", tmp, "--ef-search", *map(str, args.ef_search)])
    finally:
        if args.dir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json_out:
        args.json_out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
