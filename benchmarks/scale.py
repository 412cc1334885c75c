"""Scale: search latency, recall and memory at 10k / 100k / 1M synthetic passages.

Each size runs in its own process (``python -m benchmarks.scale --size N``):

1. the server's fixed costs first (``service.api.main`` imported, embedder and
   Kiwi loaded), then synthetic passages (:mod:`benchmarks.synthetic`) written
   into a real store (:mod:`benchmarks.synthetic_store`) and opened with
   :func:`~indexer.store.read_store` as a server opens it (``records_mb``), and
   their BM25 index;
2. exact search (``IndexFlatIP``) gives the ground truth and its latency
   (FAISS's default threads, and one thread); the baseline's ``numpy`` dot
   product + argsort is timed on the same vectors;
3. each approximate index (HNSW from :class:`~indexer.vectors.VectorIndexSpec`,
   and IVF-Flat) is built and timed, its search parameter swept (efSearch /
   nprobe) to the smallest value with recall@10 ≥ 0.95 against exact, and its
   single-query latency measured there;
4. everything but what a server would hold is freed, so the resident memory
   is the server's at that size ("served" = the builder's choice for the size,
   or the fastest approximate index meeting the recall target where the
   builder's HNSW would take too long to build);
5. the real :meth:`SearchIndex.search` answers synthetic queries end to end
   per mode, with the query-embedding cache off. The query embedder runs the
   real model (so its cost is real) but returns an in-distribution synthetic
   vector for the query.

HNSW is built in chunks within a time budget: if the budget runs out the
build is abandoned and its total time extrapolated, and the run says so.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .common import log, peak_rss_mb, rss_mb, run_child, summarize, write_json

__all__ = ["RECALL_TARGET", "ScaleConfig", "run_scale", "run_size"]

RECALL_TARGET = 0.95
EF_GRID = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512)
NPROBE_GRID = (1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128)
EXACT_LATENCY_QUERIES = 60


@dataclass
class ScaleConfig:
    """Knobs of one size's run (defaults: the full benchmark)."""

    size: int
    seed: int = 0
    vocab_size: int = 50_000
    recall_queries: int = 200
    latency_queries: int = 200
    e2e_queries: int = 50
    e2e_rounds: int = 2
    hnsw_m: int | None = None  # None: VectorIndexSpec's default (32)
    hnsw_ef_construction: int | None = None  # None: VectorIndexSpec's default below 1M, 40 from 1M on
    hnsw_budget_s: float = 360.0
    ivf: bool = True
    load_models: bool = True  # False: no embedder (the e2e query embedding is then free)
    cache_dir: Path | None = None  # vocabulary cache; None = benchmarks/results/cache

    @property
    def n_topics(self) -> int:
        return max(8, int(2 * self.size**0.5))


def _trim() -> None:
    """Free what Python and glibc hold but no longer use, so RSS means live memory."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:  # pragma: no cover - not glibc
        pass


def _recall(found: np.ndarray, truth: np.ndarray, k: int = 10) -> float:
    return float(np.mean([len(set(f[:k]) & set(t[:k]) - {-1}) / k for f, t in zip(found, truth)]))


def _latency(search_one: Callable[[np.ndarray], object], queries: np.ndarray, warmup: int = 10) -> dict:
    for q in queries[:warmup]:
        search_one(q)
    times = []
    for q in queries:
        t = time.perf_counter()
        search_one(q)
        times.append((time.perf_counter() - t) * 1000)
    return summarize(times)


# ---- vector indexes ----------------------------------------------------------------------


def _hnsw_spec(cfg: ScaleConfig):
    from indexer.vectors import VectorIndexSpec

    base = VectorIndexSpec("hnsw")
    # From 1M on, efConstruction is halved to fit the build in the budget; M stays 32:
    # M=16 (efC 40) built in 144 s at 1M but topped out at recall@10 0.916 (ef 512).
    big = cfg.size >= 1_000_000
    m = cfg.hnsw_m or base.hnsw_m
    efc = cfg.hnsw_ef_construction or (40 if big else base.ef_construction)
    return VectorIndexSpec("hnsw", hnsw_m=m, ef_construction=efc, ef_search=base.ef_search)


def _build_hnsw(vectors: np.ndarray, cfg: ScaleConfig) -> tuple[object | None, dict]:
    """HNSW via the indexer's builder, added in chunks; abandoned (and extrapolated) past the budget."""
    from indexer.vectors import build_vector_index

    spec = _hnsw_spec(cfg)
    index = build_vector_index(vectors[:0], spec)
    chunk = max(10_000, len(vectors) // 20)
    t0 = time.perf_counter()
    for s in range(0, len(vectors), chunk):
        index.add(np.ascontiguousarray(vectors[s : s + chunk]))
        spent = time.perf_counter() - t0
        if spent > cfg.hnsw_budget_s and s + chunk < len(vectors):
            done = s + chunk
            info = {"m": spec.hnsw_m, "ef_construction": spec.ef_construction, "abandoned_after_s": round(spent, 1), "added": done,
                    "extrapolated_build_s": round(spent * len(vectors) / done, 1)}
            log(f"scale {cfg.size}: HNSW build abandoned after {spent:.0f}s at {done} vectors")
            return None, info
    return index, {"m": spec.hnsw_m, "ef_construction": spec.ef_construction, "build_s": round(time.perf_counter() - t0, 2)}


def _build_ivf(vectors: np.ndarray, cfg: ScaleConfig) -> tuple[object, dict]:
    """IVF-Flat (inner product), nlist ≈ 2·√n rounded to a power of two, trained on 64·nlist points."""
    import faiss

    nlist = int(2 ** round(np.log2(max(16, 2 * len(vectors) ** 0.5))))
    t0 = time.perf_counter()
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    sample = np.random.default_rng(cfg.seed).choice(len(vectors), size=min(len(vectors), 64 * nlist), replace=False)
    index.train(vectors[np.sort(sample)])
    index.add(vectors)
    index.make_direct_map()  # reconstruct() by position, as the match statistics' sample needs when IVF is served
    return index, {"nlist": nlist, "build_s": round(time.perf_counter() - t0, 2)}


def _sweep(index, kind: str, queries: np.ndarray, truth: np.ndarray) -> tuple[int, list[dict]]:
    """Recall@10 per search parameter; returns the smallest parameter meeting the target (or the largest tried)."""
    from indexer.vectors import search_vectors

    curve = []
    grid = EF_GRID if kind == "hnsw" else NPROBE_GRID
    for p in grid:
        if kind == "ivf":
            if p > index.nlist:
                break
            index.nprobe = p
            ids = search_vectors(index, queries, 10)[1]
        else:
            ids = search_vectors(index, queries, 10, ef_search=p)[1]
        curve.append({"param": p, "recall@10": round(_recall(ids, truth), 4)})
        if curve[-1]["recall@10"] >= RECALL_TARGET:
            return p, curve
    return curve[-1]["param"], curve


def _set_param(index, kind: str, p: int) -> None:
    if kind == "hnsw":
        index.hnsw.efSearch = p
    else:
        index.nprobe = p


def _measure_approx(kind: str, index, info: dict, rss_delta: float, queries: np.ndarray, truth: np.ndarray, lat_q: np.ndarray) -> dict:
    from indexer.vectors import search_vectors

    p, curve = _sweep(index, kind, queries, truth)
    _set_param(index, kind, p)
    recall = next(c["recall@10"] for c in curve if c["param"] == p)
    lat = _latency(lambda q: search_vectors(index, q, 10), lat_q)
    name = "ef_search" if kind == "hnsw" else "nprobe"
    return {"kind": kind, **info, name: p, "recall@10": recall, "meets_recall": recall >= RECALL_TARGET,
            "latency_ms": lat, "memory_mb": rss_delta, "sweep": curve}


# ---- one size ---------------------------------------------------------------------------


class _QueryEmbedder:
    """Pays the real model's cost per query but answers with the query's synthetic vector."""

    def __init__(self, real, vectors: dict[str, np.ndarray], dim: int) -> None:
        self._real, self._vectors, self.dim = real, vectors, dim
        self.model_id, self.runtime = "synthetic", "synthetic"

    def encode_queries(self, texts):
        if self._real is not None:
            self._real.encode_queries(texts)
        return np.stack([self._vectors[t] for t in texts])


def _fixed_costs(cfg: ScaleConfig):
    """What a server holds before any index: its imports, Kiwi and the embedder."""
    import service.api.main  # noqa: F401  (FastAPI, uvicorn and the routes, as in `plansearch serve`)
    from indexer.segmentation import get_kiwi
    from models import get_embedder

    get_kiwi()
    embedder = get_embedder() if cfg.load_models else None
    if embedder is not None:
        embedder.encode_queries(["준비"])
    return embedder


def _text_side(cfg: ScaleConfig, model, topics: np.ndarray, out: dict, mem: dict, store: Path):
    """Synthetic passages written into a real store and opened as a server opens it, and their BM25 index."""
    from indexer.lexical import LexicalIndex
    from indexer.store import read_store

    from .synthetic import load_vocabulary, make_passages
    from .synthetic_store import write_synthetic_store

    t = time.perf_counter()
    sp = make_passages(topics, cfg.n_topics, load_vocabulary(cfg.vocab_size, cfg.seed, cfg.cache_dir), cfg.seed + 2)
    token_lists = write_synthetic_store(sp, store, tokens=True)
    out["timings_s"]["store_write"] = round(time.perf_counter() - t, 2)
    out["tokens_per_passage"] = round(sum(map(len, token_lists)) / cfg.size, 1)
    _trim()
    before = rss_mb()
    t = time.perf_counter()
    corpus = read_store(store)
    corpus.prepare()  # as SearchIndex does at load
    out["timings_s"]["corpus"] = round(time.perf_counter() - t, 2)
    _trim()
    mem["records_mb"] = round(rss_mb() - before, 1)
    t = time.perf_counter()
    lexical = LexicalIndex.build(token_lists)
    out["timings_s"]["bm25_build"] = round(time.perf_counter() - t, 2)
    return sp, corpus, lexical


def _exact(vectors: np.ndarray, rq: np.ndarray, lq: np.ndarray, out: dict):
    """Exact index, its ground truth for ``rq`` and its latency; the baseline's numpy search too."""
    import faiss

    from indexer.vectors import VectorIndexSpec, build_vector_index, search_vectors

    from .baseline import dense_top

    before = rss_mb()
    t = time.perf_counter()
    flat = build_vector_index(vectors, VectorIndexSpec("flat"))
    lq = lq[:EXACT_LATENCY_QUERIES] if len(vectors) >= 500_000 else lq  # ~0.3 s a query at 1M
    out["exact"] = {"kind": "flat", "build_s": round(time.perf_counter() - t, 2), "recall@10": 1.0,
                    "memory_mb": round(rss_mb() - before, 1), "latency_ms": _latency(lambda q: search_vectors(flat, q, 10), lq)}
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        out["exact"]["latency_1thread_ms"] = _latency(lambda q: search_vectors(flat, q, 10), lq)
    finally:
        faiss.omp_set_num_threads(threads)
    out["baseline_numpy"] = {"latency_ms": _latency(lambda q: dense_top(vectors, q, 10), lq)}
    return flat, search_vectors(flat, rq, 10)[1]


def _approximate(cfg: ScaleConfig, vectors: np.ndarray, rq: np.ndarray, truth: np.ndarray, lq: np.ndarray, out: dict) -> dict:
    """Build, tune and time each approximate index; returns the built ones that meet the recall target."""
    builders = {"hnsw": _build_hnsw, **({"ivf": _build_ivf} if cfg.ivf else {})}
    kept = {}
    out["approx"] = {}
    for kind, build in builders.items():
        before = rss_mb()
        index, info = build(vectors, cfg)
        if index is None:
            out["approx"][kind] = {"kind": kind, **info, "meets_recall": False}
            continue
        _trim()
        out["approx"][kind] = r = _measure_approx(kind, index, info, round(rss_mb() - before, 1), rq, truth, lq)
        log(f"scale {cfg.size}: {kind} {info}: param {r.get('ef_search', r.get('nprobe'))}, "
            f"recall {r['recall@10']}, p50 {r['latency_ms']['p50']} ms")
        if r["meets_recall"]:
            kept[kind] = index
        del index
        _trim()
    return kept


def _served_choice(builder_kind: str, flat, approx: dict, out: dict) -> tuple[str, object]:
    """What a server would search: the builder's choice for the size, else the fastest index meeting recall."""
    if builder_kind in approx:
        return builder_kind, approx[builder_kind]
    if builder_kind != "flat" and approx:
        kind = min(approx, key=lambda k: out["approx"][k]["latency_ms"]["p50"])
        return kind, approx[kind]
    return "flat", flat


def run_size(cfg: ScaleConfig) -> dict:
    """All measurements at one size, in this process (see the module docstring for the steps)."""
    with tempfile.TemporaryDirectory(prefix="plansearch-scale-") as tmp:
        return _run_size(cfg, Path(tmp))


def _run_size(cfg: ScaleConfig, store_dir: Path) -> dict:
    from indexer.vectors import VectorIndexSpec, build_vector_index
    from service.search.engine import SearchIndex

    from .latency import measure_modes
    from .synthetic import VectorModel, make_queries, vector_stats

    n, out = cfg.size, {"size": cfg.size, "timings_s": {}}
    embedder = _fixed_costs(cfg)
    _trim()
    mem = {"fixed_mb": rss_mb()}

    model = VectorModel(cfg.n_topics, cfg.seed)
    topics = model.topics(n, cfg.seed + 1)
    sp, corpus, lexical = _text_side(cfg, model, topics, out, mem, store_dir / "store.sqlite")
    _trim()
    mem["text_mb"] = round(rss_mb() - mem["fixed_mb"], 1)
    log(f"scale {n}: corpus and BM25 ready {out['timings_s']}")

    t = time.perf_counter()
    vectors = model.sample(topics, cfg.seed + 3)
    out["timings_s"]["vectors"] = round(time.perf_counter() - t, 2)
    out["vector_stats"] = vector_stats(vectors)
    qtexts, qvecs = make_queries(sp, model, max(cfg.recall_queries, cfg.latency_queries, cfg.e2e_queries), cfg.seed + 4)
    rq, lq = qvecs[: cfg.recall_queries], qvecs[: cfg.latency_queries]
    flat, truth = _exact(vectors, rq, lq, out)
    log(f"scale {n}: exact p50 {out['exact']['latency_ms']['p50']} ms")
    builder_kind = VectorIndexSpec.for_size(n).kind
    if builder_kind != "flat":  # not served: free it before the approximate builds
        flat = None
        _trim()
    approx = _approximate(cfg, vectors, rq, truth, lq, out)
    kind, index = _served_choice(builder_kind, flat, approx, out)
    if index is None:  # nothing approximate met the target: serve exact search
        kind, index = "flat", build_vector_index(vectors, VectorIndexSpec("flat"))
    param = out["approx"].get(kind, {}).get("ef_search", out["approx"].get(kind, {}).get("nprobe"))
    out["served"] = {"kind": kind, "param": param, "builder_choice": builder_kind}
    del vectors, flat, approx, sp

    ix = SearchIndex(Path(f"synthetic-{n}"), {"generation": f"synthetic-{n}", "vector_index": {"kind": kind}},
                     corpus, index, lexical, _QueryEmbedder(embedder, dict(zip(qtexts, qvecs)), model.dim), query_cache_size=0)
    del corpus, lexical, index
    _trim()
    mem["server_rss_mb"] = rss_mb()
    mem["vectors_mb"] = round(mem["server_rss_mb"] - mem["fixed_mb"] - mem["text_mb"], 1)  # the served vector index
    if cfg.e2e_queries:
        log(f"scale {n}: end-to-end search on the served {kind} index")
        out["e2e"] = measure_modes(lambda q, m: ix.search(q, k=10, mode=m), qtexts[: cfg.e2e_queries], rounds=cfg.e2e_rounds)
    mem["peak_rss_mb"] = peak_rss_mb()
    out["memory"] = mem
    ix.close()
    return out


def run_scale(sizes: list[int], timeout_s: float = 1800, **overrides) -> dict:
    """Each size in a fresh process; returns ``{size: result}`` (an ``error`` entry where a size failed)."""
    results = {}
    for n in sizes:
        log(f"scale: {n} passages")
        args = ["--size", n] + [a for k, v in overrides.items() if v is not None for a in (f"--{k.replace('_', '-')}", v)]
        try:
            results[str(n)] = run_child("benchmarks.scale", args, timeout=timeout_s)
        except Exception as e:  # noqa: BLE001 - a failed size must not lose the others
            results[str(n)] = {"size": n, "error": f"{type(e).__name__}: {e}"}
            log(f"scale {n}: FAILED: {e}")
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="The scale benchmark at one size (used by benchmarks.run).")
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--e2e-queries", type=int, default=ScaleConfig.e2e_queries)
    ap.add_argument("--hnsw-m", type=int)
    ap.add_argument("--hnsw-ef-construction", type=int)
    ap.add_argument("--hnsw-budget-s", type=float, default=ScaleConfig.hnsw_budget_s)
    ap.add_argument("--json-out", type=Path, required=True)
    a = ap.parse_args(argv)
    cfg = ScaleConfig(a.size, a.seed, e2e_queries=a.e2e_queries, hnsw_m=a.hnsw_m,
                      hnsw_ef_construction=a.hnsw_ef_construction, hnsw_budget_s=a.hnsw_budget_s)
    write_json(a.json_out, run_size(cfg))


if __name__ == "__main__":
    main()
