"""Real documents as governments publish them (HWP, HWPX, PDF): our pipeline beside the naive one.

One command::

    python -m benchmarks.real_docs --corpus ../shared/corpus/real --queries tests/data/real_dev_queries.json

* ours: ``build_index`` over the files as published, then nDCG@10 / Recall@10 / MRR
  per mode with the dev-set rule (:mod:`service.evaluation`);
* naive: the same files converted to text by our readers (pages joined), split at
  blank lines and bullets, e5 + numpy and bm25s over Kiwi tokens, RRF
  (:class:`benchmarks.baseline.NaiveSearch`);
* indexing time per MB of text, passage-length distribution, files skipped and why.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from .baseline import MODES, NaiveSearch, split_at_blank_lines
from .common import ROOT, log, write_json

__all__ = ["run_real_docs"]


def _ours(corpus: Path, queries, index_dir: Path) -> dict:
    from indexer import build_index
    from service.evaluation import evaluate
    from service.search import load_index

    t = time.perf_counter()
    report = build_index([corpus], index_dir)
    seconds = time.perf_counter() - t
    ix = load_index(index_dir)
    c = ix.corpus
    text_mb = sum(len(t.encode("utf-8")) for t in c.doc_texts.values()) / 1e6
    lengths = sorted(len(c.passages[r].text) for r in c.vector_rows)
    quality = {m: evaluate(lambda q, m=m: [h.text for h in ix.search(q, k=10, mode=m).hits], queries, m) for m in MODES}
    return {
        "documents": report.documents,
        "searchable_passages": report.searchable,
        "skipped": [f"{s.source}: {s.reason}" for s in report.skipped],
        "index_seconds": round(seconds, 2),
        "text_mb": round(text_mb, 3),
        "seconds_per_text_mb": round(seconds / text_mb, 1) if text_mb else None,
        "passage_chars": {q: lengths[int(p * (len(lengths) - 1))] for q, p in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9), ("max", 1.0))}
        if lengths
        else {},
        "quality": {m: {"ndcg@10": round(r.ndcg, 4), "recall@10": round(r.recall, 4), "mrr": round(r.mrr, 4)} for m, r in quality.items()},
        "per_query": {q.q: round(q.ndcg, 3) for q in quality["hybrid"].per_query},
    }


def _naive(corpus: Path, queries) -> dict:
    from indexer.errors import UnreadableDocument
    from indexer.ingest.reading import iter_input_files, read_file
    from service.evaluation import evaluate

    chunks: list[str] = []
    for f in iter_input_files([corpus]):
        try:
            chunks += split_at_blank_lines("\n\n".join(read_file(f).pages))
        except UnreadableDocument:
            continue
    naive = NaiveSearch.from_chunks(chunks)
    quality = {m: evaluate(lambda q, m=m: naive.search(q, m).texts, queries, m) for m in MODES}
    return {
        "chunks": len(chunks),
        "chunk_chars_p50": statistics.median(len(c) for c in chunks) if chunks else 0,
        "quality": {m: {"ndcg@10": round(r.ndcg, 4), "recall@10": round(r.recall, 4), "mrr": round(r.mrr, 4)} for m, r in quality.items()},
    }


def run_real_docs(corpus: Path, queries_path: Path) -> dict:
    from service.evaluation import load_queries

    queries = load_queries(queries_path)
    with tempfile.TemporaryDirectory() as tmp:
        log(f"real documents: indexing {corpus} with plansearch")
        ours = _ours(corpus, queries, Path(tmp) / "ix")
    log("real documents: the naive pipeline")
    return {"corpus": str(corpus), "queries": len(queries), "ours": ours, "naive": _naive(corpus, queries)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Real HWP/HWPX/PDF documents: plansearch beside the naive pipeline.")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "real")
    ap.add_argument("--queries", type=Path, default=ROOT / "tests" / "data" / "real_dev_queries.json")
    ap.add_argument("--json-out", type=Path)
    a = ap.parse_args(argv)
    out = run_real_docs(a.corpus, a.queries)
    if a.json_out:
        write_json(a.json_out, out)
    print(f"{'mode':<8} {'ours nDCG@10':>13} {'naive nDCG@10':>14} {'ours R@10':>10} {'naive R@10':>11}   ({out['queries']} queries)")
    for m in MODES:
        o, n = out["ours"]["quality"][m], out["naive"]["quality"][m]
        print(f"{m:<8} {o['ndcg@10']:>13.4f} {n['ndcg@10']:>14.4f} {o['recall@10']:>10.4f} {n['recall@10']:>11.4f}")
    o = out["ours"]
    print(
        f"ours: {o['documents']} documents, {o['searchable_passages']} passages (chars {o['passage_chars']}), "
        f"indexed in {o['index_seconds']} s = {o['seconds_per_text_mb']} s per MB of text; naive: {out['naive']['chunks']} chunks"
    )
    for s in o["skipped"]:
        print(f"skipped {s}")


if __name__ == "__main__":
    main()
