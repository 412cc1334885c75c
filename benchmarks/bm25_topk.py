"""BM25 top-k: our pruned, exact :meth:`LexicalIndex.top_k` against scoring every passage.

``python -m benchmarks.bm25_topk --size 1000000`` builds the lexical index over the scale
benchmark's synthetic passages (:mod:`benchmarks.synthetic`, drawn exactly as
:mod:`benchmarks.scale` draws them, same seeds) and reports:

* build time, and the index's bytes (the ``.npy`` files + JSON ``save`` writes) and the time
  to ``load`` them back memory-mapped;
* per query (the scale benchmark's queries, tokenised as the engine does), p50/p99 latency of
  ``top_k`` for k = 10 and 100 (the engine asks for max(100, 5k)), unfiltered and with a
  document filter keeping ~10% of the passages; the same for the exhaustive way — every
  passage's score (``scores``), then ``argpartition`` (what the engine did before);
* recall@k of ``top_k`` against that exhaustive ranking (``top_k`` is exact, so 1.0 is the
  only right answer; any other value is a bug).

Latency is the best of ``--repeats`` runs of each query (after a warm-up), which keeps a
shared machine's noise out of the per-query figure; the load average is recorded.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np

from .common import log, machine_info, summarize, write_json

__all__ = ["run"]

KS = (10, 100)


def _exhaustive(ix, tokens: list[str], k: int, allowed: np.ndarray | None) -> list[int]:
    """The engine's former way: every score, masked, argpartition, sort (ties by position)."""
    s = ix.scores(tokens)
    if allowed is not None:
        masked = np.zeros_like(s)
        masked[allowed] = s[allowed]
        s = masked
    top = np.argpartition(-s, k)[:k] if len(s) > k else np.arange(len(s))
    kth = s[top].min()
    pos = np.flatnonzero(s >= kth) if kth > 0 else top  # every tie of the k-th, so that ties go by position
    return [int(i) for i in pos[np.lexsort((pos, -s[pos]))][:k] if s[i] > 0]


def _best_ms(f, repeats: int, *args) -> float:
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        f(*args)
        best = min(best, time.perf_counter() - t)
    return best * 1000


def _synthetic(size: int, seed: int, n_queries: int) -> tuple[list[list[str]], list[list[str]], np.ndarray]:
    """Token lists of the scale benchmark's passages, its queries' BM25 tokens, and a ~10% document filter."""
    from indexer.segmentation import content_morphs, query_tokens

    from .scale import ScaleConfig
    from .synthetic import PASSAGES_PER_DOC, VectorModel, load_vocabulary, make_corpus, make_passages, make_queries

    cfg = ScaleConfig(size, seed)
    model = VectorModel(cfg.n_topics, cfg.seed)
    topics = model.topics(size, cfg.seed + 1)
    sp = make_passages(topics, cfg.n_topics, load_vocabulary(cfg.vocab_size, cfg.seed, cfg.cache_dir), cfg.seed + 2)
    _, token_lists = make_corpus(sp)
    texts, _ = make_queries(sp, model, n_queries, cfg.seed + 4)
    n_docs = -(-size // PASSAGES_PER_DOC)
    docs = np.random.default_rng(seed).random(n_docs) < 0.1
    allowed = np.flatnonzero(np.repeat(docs, PASSAGES_PER_DOC)[:size])
    return token_lists, [query_tokens(content_morphs(t)) for t in texts], allowed


def run(size: int, seed: int = 0, n_queries: int = 200, repeats: int = 3) -> dict:
    from indexer.lexical import LexicalIndex

    out: dict = {"size": size, "machine": machine_info(), "load_before": os.getloadavg()}
    t = time.perf_counter()
    token_lists, queries, allowed = _synthetic(size, seed, n_queries)
    out["corpus_s"] = round(time.perf_counter() - t, 1)
    out["tokens_per_passage"] = round(sum(map(len, token_lists)) / size, 1)
    log(f"bm25_topk {size}: corpus ready in {out['corpus_s']} s")

    t = time.perf_counter()
    ix = LexicalIndex.build(token_lists)
    out["build_s"] = round(time.perf_counter() - t, 2)
    del token_lists
    with tempfile.TemporaryDirectory(prefix="plansearch-bm25-") as tmp:
        ix.save(Path(tmp))
        files = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
        t = time.perf_counter()
        ix = LexicalIndex.load(Path(tmp))  # what a server holds: the arrays memory-mapped
        out["load_ms"] = round((time.perf_counter() - t) * 1000, 1)
        out["index_bytes"] = sum(files.values())
        out["files_bytes"] = files
        out["postings"] = sum(ix.stats.df.values())
        out["terms"] = len(ix.stats.df)
        log(f"bm25_topk {size}: built in {out['build_s']} s, {out['index_bytes'] / 2**20:.0f} MiB")

        for q in queries[:10]:  # warm-up (and the page cache)
            ix.top_k(q, 100)
            ix.scores(q)
        out["allowed_fraction"] = round(len(allowed) / size, 3)
        # The server hands BM25 its filter both as positions and as the mask it built them from.
        allowed_mask = np.zeros(size, dtype=bool)
        allowed_mask[allowed] = True
        for name, allow, mask in (("all", None, None), ("filtered", allowed, allowed_mask)):
            for k in KS:
                top, full, recall = [], [], []
                for q in queries:
                    truth = _exhaustive(ix, q, k, allow)
                    got = [p for p, _ in ix.top_k(q, k, allow, mask)]
                    recall.append(len(set(got) & set(truth)) / len(truth) if truth else float(not got))
                    top.append(_best_ms(ix.top_k, repeats, q, k, allow, mask))
                    full.append(_best_ms(_exhaustive, repeats, ix, q, k, allow))
                out[f"{name}_top{k}"] = {"top_k_ms": summarize(top), "exhaustive_ms": summarize(full),
                                         "recall": round(float(np.mean(recall)), 4), "identical": sum(r == 1.0 for r in recall)}
                r = out[f"{name}_top{k}"]
                log(f"bm25_topk {size} {name} k={k}: top_k p50 {r['top_k_ms']['p50']} p99 {r['top_k_ms']['p99']} ms, "
                    f"exhaustive p50 {r['exhaustive_ms']['p50']} ms, recall {r['recall']}")
    out["load_after"] = os.getloadavg()
    return out


def _table(r: dict) -> str:
    lines = [f"BM25 top-k at {r['size']:,} passages ({r['tokens_per_passage']} tokens each, {r['postings']:,} postings, {r['terms']:,} terms)",
             f"build {r['build_s']} s · index {r['index_bytes'] / 2**20:.1f} MiB · load (mmap) {r['load_ms']} ms · "
             f"load average {r['load_before'][0]:.1f} → {r['load_after'][0]:.1f}",
             "",
             "| queries | k | top_k p50 | top_k p99 | exhaustive p50 | exhaustive p99 | recall@k |",
             "|---|---|---|---|---|---|---|"]
    for name in ("all", "filtered"):
        for k in KS:
            x = r[f"{name}_top{k}"]
            label = "all passages" if name == "all" else f"filter ({r['allowed_fraction']:.0%})"
            lines.append(f"| {label} | {k} | {x['top_k_ms']['p50']} ms | {x['top_k_ms']['p99']} ms | "
                         f"{x['exhaustive_ms']['p50']} ms | {x['exhaustive_ms']['p99']} ms | {x['recall']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="BM25 top-k latency and recall against exhaustive scoring.")
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3, help="runs per query; the best counts")
    ap.add_argument("--json-out", type=Path)
    a = ap.parse_args(argv)
    r = run(a.size, a.seed, a.queries, a.repeats)
    print(_table(r))
    if a.json_out:
        write_json(a.json_out, r)


if __name__ == "__main__":
    main()
