"""Smoke tests of the benchmarks: the scale run on 2k synthetic passages, and the baseline on the dev set.

They check properties the full benchmark relies on, not speed: approximate
search finds what exact search finds, the synthetic vectors look like e5's,
the end-to-end search runs on a synthetic corpus, the report renders, and the
naive baseline scores (validly) below our index.
"""

from __future__ import annotations

import itertools

import pytest

from benchmarks.baseline import run_baseline_inprocess, split_at_bullets
from benchmarks.common import ROOT
from benchmarks.queries import dev_queries
from benchmarks.report import notes, render, targets
from benchmarks.scale import RECALL_TARGET, ScaleConfig, run_size
from service.evaluation import evaluate


@pytest.fixture(scope="module")
def tiny_scale(tmp_path_factory) -> dict:
    cfg = ScaleConfig(2_000, vocab_size=2_000, recall_queries=100, latency_queries=30, e2e_queries=10, e2e_rounds=1,
                      load_models=False, cache_dir=tmp_path_factory.mktemp("vocab"))
    return run_size(cfg)


def test_approximate_indexes_find_what_exact_search_finds(tiny_scale):
    for kind in ("hnsw", "ivf"):
        a = tiny_scale["approx"][kind]
        assert a["recall@10"] >= 0.9, (kind, a["sweep"])
        # the sweep stops at the first parameter meeting the target, and recall grows with the parameter
        recalls = [c["recall@10"] for c in a["sweep"]]
        assert recalls[-1] >= RECALL_TARGET or len(recalls) > 3
        assert all(b >= a_ - 0.02 for a_, b in itertools.pairwise(recalls))


def test_synthetic_vectors_are_as_anisotropic_as_e5(tiny_scale):
    stats = tiny_scale["vector_stats"]
    assert 0.85 <= stats["mean_cos"] <= 0.93  # e5 on the sample corpus: 0.89
    assert stats["nn1_cos"] > stats["nn10_cos"] > stats["mean_cos"]


def test_end_to_end_search_runs_on_the_synthetic_corpus(tiny_scale):
    e2e = tiny_scale["e2e"]
    assert set(e2e) == {"hybrid", "dense", "lexical"}
    assert e2e["hybrid"]["total"]["n"] == 10
    assert {"faiss", "bm25", "fusion"} <= set(e2e["hybrid"]["parts"])
    assert tiny_scale["served"]["kind"] == "flat"  # below the builder's ANN threshold
    assert tiny_scale["memory"]["server_rss_mb"] > tiny_scale["memory"]["fixed_mb"] > 0


def test_report_renders_targets_and_tables(tiny_scale):
    results = {"scale": {"2000": tiny_scale}, "machine": {"cores": 2}, "load": {}}
    results["targets"] = targets(results)
    results["notes"] = notes(results, results["targets"])
    text = render(results)
    assert "exact flat" in text and "hnsw" in text
    assert "| passages |" in render(results, md=True)


def test_bullet_split_is_naive():
    text = "제목\n○ 첫째 목표 ○ 둘째 목표\n- 세부 사업\n150\n- 다른 사업"
    assert split_at_bullets(text) == ["제목", "○ 첫째 목표", "○ 둘째 목표", "- 세부 사업 150", "- 다른 사업"]


@pytest.mark.slow
def test_baseline_scores_validly_and_below_our_index(corpus_index):
    base = run_baseline_inprocess(ROOT / "corpus", latency=False)
    for mode, m in base["quality"].items():
        assert all(0.0 <= m[k] <= 1.0 for k in ("ndcg@10", "recall@10", "mrr")), (mode, m)
    ours = evaluate(lambda q: [h.text for h in corpus_index.search(q, k=10, mode="dense").hits], dev_queries(), "dense")
    assert base["quality"]["dense"]["ndcg@10"] < ours.ndcg


def test_lexical_shards_are_written_with_global_statistics_and_answer_exactly(tmp_path):
    from benchmarks.sharded import build_lexical_shards, serve_shards
    from indexer.lexical import LexicalIndex
    from indexer.shards import ShardedLexical

    info = build_lexical_shards(3_000, 3, tmp_path / "shards", queries=20, vocab_size=2_000, cache_dir=tmp_path / "vocab")
    assert info["shards"] == 3 and info["disk_mb"] > 0
    parts = [LexicalIndex.load(tmp_path / "shards" / f"shard-{i:03d}" / "bm25") for i in range(3)]
    assert sum(p.n_docs for p in parts) == 3_000
    # as a generation's shards: already scored with all three's statistics, so nothing is rescored on load
    assert all(a is b for a, b in zip(parts, ShardedLexical(parts).shards))
    out = serve_shards(tmp_path / "shards", [64])
    assert out["bm25_top100_recall_vs_every_score"] == 1.0 and out["bm25_top100_same_scores_as_every_score"] == 1.0
    assert out["bm25_top100_ms"]["n"] == 20


def test_dense_shards_hold_every_vector_and_their_truth_is_the_exact_top_10(tmp_path):
    import numpy as np

    from benchmarks.sharded import build_dense_shards, serve_shards
    from indexer.vectors import load_vectors

    info = build_dense_shards(3_000, 3, tmp_path / "shards", queries=20)
    assert info["shards"] == 3 and info["disk_mb"] > 0
    parts = [load_vectors(tmp_path / "shards" / f"shard-{i:03d}" / "vectors.faiss") for i in range(3)]
    assert [p.ntotal for p in parts] == [1_000, 1_000, 1_000]
    # the truth merged shard by shard is the exact top 10 over all the vectors
    everything = np.vstack([p.reconstruct_n(0, p.ntotal) for p in parts])
    queries, truth = np.load(tmp_path / "shards" / "queries.npy"), np.load(tmp_path / "shards" / "truth.npy")
    scores = queries @ everything.T
    exact = -np.sort(-scores, axis=1)[:, :10]  # compared by score: near-ties may order differently elsewhere
    np.testing.assert_allclose(np.take_along_axis(scores, truth, 1), exact, rtol=1e-5, atol=1e-6)
    assert (truth >= 0).all() and len(np.unique(truth[0])) == 10
    assert len({int(i) // 1_000 for i in truth.ravel()}) > 1  # the top 10s come from several shards
    out = serve_shards(tmp_path / "shards", [200])
    assert out["by_ef_search"][200]["recall@10"] >= 0.95 and out["by_ef_search"][200]["dense_ms"]["n"] == 20
    assert "bm25_top100_ms" not in out
