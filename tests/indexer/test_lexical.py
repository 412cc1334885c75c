"""The BM25 index: bm25s's Lucene scores, exact top-k (with and without filters), sharding with global statistics, storage."""

from __future__ import annotations

import logging
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer import lexical
from indexer.lexical import LexicalIndex, LexicalStats

logging.getLogger("bm25s").setLevel(logging.WARNING)

WORDS = [f"w{i}" for i in range(12)]
# Zipf-ish: small words are common, so corpora have both long and short postings lists.
word = st.integers(0, len(WORDS) - 1).flatmap(lambda hi: st.sampled_from(WORDS[: hi + 1]))
corpora = st.lists(st.lists(word, max_size=12), min_size=1, max_size=40)
queries = st.lists(st.sampled_from([*WORDS, "unknown"]), max_size=6)


def _bm25s_scores(docs: list[list[str]], query: list[str]) -> np.ndarray:
    import bm25s

    r = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    r.index(docs, show_progress=False)
    known = [t for t in query if t in r.vocab_dict]
    return np.asarray(r.get_scores(known), dtype=np.float32)[: len(docs)] if known else np.zeros(len(docs), np.float32)


def _exact(scores: np.ndarray, k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
    pos = np.arange(len(scores)) if allowed is None else allowed
    best = pos[np.lexsort((pos, -scores[pos]))]
    return [(int(i), float(scores[i])) for i in best if scores[i] > 0][:k]


@settings(max_examples=150, deadline=None)
@given(corpora, queries)
def test_scores_equal_bm25s_lucene(docs, query):
    if not any(docs):
        docs = [*docs, ["w0"]]  # bm25s cannot index a corpus without a single token
    np.testing.assert_allclose(LexicalIndex.build(docs).scores(query), _bm25s_scores(docs, query), rtol=1e-5, atol=1e-5)


def test_repeated_query_tokens_count_again_as_in_bm25s():
    docs = [["a", "b"], ["a", "a", "c"], ["c", "d", "b"], ["e"]]
    for q in (["a", "a"], ["b", "a", "b", "b"], ["c", "x", "c"]):
        np.testing.assert_allclose(LexicalIndex.build(docs).scores(q), _bm25s_scores(docs, q), rtol=1e-6)


# top_k's three ways of reading a list (whole, above an impact cut, by lookup) and its two ways of
# serving a filter (read and filter, look every allowed position up), each forced on small corpora.
PATHS = [
    dict(_SHORT_MIN=1024, _DENSE_DOCS=0, _LOOKUP_COST=4),  # short lists: all read whole
    dict(_SHORT_MIN=0, _DENSE_DOCS=1024, _LOOKUP_COST=10**9),  # every document scored
    dict(_SHORT_MIN=0, _DENSE_DOCS=0, _LOOKUP_COST=10**9),  # pruned: impact cuts and lookups
    dict(_SHORT_MIN=2, _DENSE_DOCS=0, _LOOKUP_COST=4),  # pruned, some lists read whole
    dict(_SHORT_MIN=0, _DENSE_DOCS=0, _LOOKUP_COST=0),  # every allowed position looked up
]


@settings(max_examples=200, deadline=None)
@given(corpora, queries, st.integers(1, 50), st.data())
def test_top_k_is_the_exact_ranking(docs, query, k, data):
    ix = LexicalIndex.build(docs)
    s = ix.scores(query)
    mask = data.draw(st.lists(st.booleans(), min_size=len(docs), max_size=len(docs)))
    allowed = np.flatnonzero(mask)
    for path in PATHS:
        with mock.patch.multiple(lexical, **path):
            assert ix.top_k(query, k) == _exact(s, k)
            got = ix.top_k(query, k, allowed)
            assert got == _exact(s, k, allowed)
            assert all(mask[i] for i, _ in got)
            assert ix.top_k(query, k, allowed, np.array(mask, dtype=bool)) == got  # the caller's mask, as the engine passes it


def test_top_k_edges():
    ix = LexicalIndex.build([["a", "b"], ["b"], ["c"], []])
    assert ix.top_k([], 10) == []
    assert ix.top_k(["zzz"], 10) == []
    assert ix.top_k(["b"], 0) == []
    assert [p for p, _ in ix.top_k(["b"], 10)] == [1, 0]  # k past the matches: every match, none with score 0
    assert ix.top_k(["b"], 10, np.array([], dtype=np.int64)) == []
    assert [p for p, _ in ix.top_k(["a", "c"], 10, np.array([2, 3]))] == [2]
    empty = LexicalIndex.build([])
    assert empty.n_docs == 0 and empty.top_k(["a"], 5) == [] and len(empty.scores(["a"])) == 0


def test_top_k_reads_only_the_top_of_long_lists_and_stays_exact():
    """Of a common word's postings, only those above its impact cut are read; the ranking is still exact."""
    rng = np.random.default_rng(3)
    docs = [["common"] * int(rng.integers(0, 3)) + [f"r{x}" for x in rng.integers(0, 300, rng.integers(1, 8))] for _ in range(5000)]
    ix = LexicalIndex.build(docs)
    common = ix._vocab["common"]
    read: list[int] = []
    real_above = LexicalIndex._above

    def above(self, ids, w, cut, allowed):
        found = real_above(self, ids, w, cut, allowed)  # documents, weighted impacts, which term
        read.extend(int(np.sum(found[2] == j)) for j in np.flatnonzero(ids == common))
        return found

    with mock.patch.multiple(lexical, _SHORT_MIN=0, _DENSE_DOCS=0), mock.patch.object(LexicalIndex, "_above", above):
        for q in (["common", "r1", "r2"], ["r5", "common", "r5"], ["common"], ["common", "common", "r7"]):
            s = ix.scores(q)
            assert ix.top_k(q, 10) == _exact(s, 10)
            allowed = np.flatnonzero(rng.random(5000) < 0.3)
            assert ix.top_k(q, 100, allowed) == _exact(s, 100, allowed)
    assert read and max(read) < ix.stats.df["common"] / 4


def _zipf_corpus(n: int, seed: int) -> list[list[str]]:
    """Zipf-ish words, each also indexed as its two halves (like a word and its bigrams), so that some long lists
    hold nearly the same documents; a few words per document repeat (tf > 1)."""
    rng = np.random.default_rng(seed)
    words = rng.zipf(1.3, size=(n, 8)) % 400
    return [[t for x in row for t in (f"w{x}", f"w{x}a", f"w{x}b")] + [f"w{row[0]}"] * int(rng.integers(0, 3)) for row in words]


@pytest.mark.parametrize("seed", [0, 1])
def test_top_k_with_filters_of_every_density_is_exact(seed):
    """Pruned top_k (impact cuts, lookups, lists read whole) against scoring every passage, with filters of one
    position, 1%, 10% and 90% of the documents, and of whole runs of documents (as a document filter gives)."""
    docs = _zipf_corpus(6000, seed)
    ix = LexicalIndex.build(docs)
    rng = np.random.default_rng(seed + 10)
    n = len(docs)
    filters = {
        "one": np.array([int(rng.integers(n))]),
        "1%": np.flatnonzero(rng.random(n) < 0.01),
        "10%": np.flatnonzero(rng.random(n) < 0.1),
        "90%": np.flatnonzero(rng.random(n) < 0.9),
        "runs": np.flatnonzero(np.repeat(rng.random(n // 50) < 0.1, 50)),
    }
    vocab = sorted(ix.stats.df, key=ix.stats.df.get)
    queries = [list(rng.choice(vocab[-40:], 2)) + list(rng.choice(vocab, 3)) for _ in range(30)]
    queries += [[w, f"{w}a", f"{w}b", w] for w in vocab[-5:]] + [["w1", "w1a", "w1b", "w7", "w399"]]
    for path in (dict(_SHORT_MIN=0, _DENSE_DOCS=0), dict(_SHORT_MIN=0, _DENSE_DOCS=0, _SHORT_FILTERED=1)):
        with mock.patch.multiple(lexical, **path):
            for q in queries:
                s = ix.scores(q)
                for k in (1, 10, 100):
                    assert ix.top_k(q, k) == _exact(s, k)
                    for name, allowed in filters.items():
                        assert ix.top_k(q, k, allowed) == _exact(s, k, allowed), (q, k, name)


@settings(max_examples=100, deadline=None)
@given(corpora, queries, st.integers(1, 20), st.data())
def test_shards_with_global_stats_score_as_one_index(docs, query, k, data):
    cut = sorted(data.draw(st.lists(st.integers(0, len(docs)), min_size=2, max_size=2)))
    parts = [docs[: cut[0]], docs[cut[0] : cut[1]], docs[cut[1] :]]
    whole = LexicalIndex.build(docs)
    shards = [LexicalIndex.build(p) for p in parts]
    stats = LexicalStats.combine([s.stats for s in shards])
    assert stats == whole.stats
    shards = [s.with_stats(stats) for s in shards]
    got = np.concatenate([s.scores(query) for s in shards])
    np.testing.assert_allclose(got, whole.scores(query), rtol=1e-6, atol=1e-7)
    offsets = np.cumsum([0] + [len(p) for p in parts])
    merged = sorted(((p + int(o), sc) for s, o in zip(shards, offsets) for p, sc in s.top_k(query, k)), key=lambda x: (-x[1], x[0]))
    want = whole.top_k(query, k)
    assert [p for p, _ in merged[:k]] == [p for p, _ in want]
    np.testing.assert_allclose([sc for _, sc in merged[:k]], [sc for _, sc in want], rtol=1e-6)


def test_with_stats_checks_and_reuse():
    a, b = LexicalIndex.build([["x", "y"], ["y"]]), LexicalIndex.build([["z"]])
    stats = LexicalStats.combine([a.stats, b.stats])
    assert a.with_stats(a.stats) is a
    ga = a.with_stats(stats)
    assert ga.with_stats(stats) is ga and ga.stats == a.stats  # .stats stays the index's own
    with pytest.raises(ValueError, match="no document frequency"):
        a.with_stats(b.stats)
    with pytest.raises(ValueError, match="fewer documents"):
        a.with_stats(LexicalStats(1, 3, {"x": 1, "y": 1}))


@pytest.mark.parametrize("mmap", [True, False])
def test_save_load_roundtrip(tmp_path, mmap):
    docs = [["가", "나", "나"], ["나", "다"], [], ["라"]]
    stats = LexicalStats.combine([LexicalIndex.build(docs).stats, LexicalStats(10, 40, {"나": 4, "가": 1, "다": 2, "라": 9})])
    ix = LexicalIndex.build(docs).with_stats(stats)
    ix.save(tmp_path / "bm25")
    back = LexicalIndex.load(tmp_path / "bm25", mmap=mmap)
    assert back.n_docs == 4 and back.stats == ix.stats
    assert back._a["docs"].flags.writeable != mmap  # mapped read-only, or read into memory
    for q in (["나"], ["가", "다", "라", "없음"], ["나", "나"]):
        np.testing.assert_array_equal(back.scores(q), ix.scores(q))
        assert back.top_k(q, 3) == ix.top_k(q, 3)
    assert back.with_stats(stats) is back  # the statistics it was saved with are kept


def test_empty_index_roundtrip(tmp_path):
    LexicalIndex.build([]).save(tmp_path)
    back = LexicalIndex.load(tmp_path)
    assert back.n_docs == 0 and back.top_k(["a"], 3) == []


def test_load_missing_or_mixed_files_is_a_clear_error(tmp_path):
    LexicalIndex.build([["a"], ["b", "a"]]).save(tmp_path / "ok")
    (tmp_path / "ok" / "impact.npy").unlink()
    with pytest.raises(OSError, match=r"missing: impact\.npy"):
        LexicalIndex.load(tmp_path / "ok")
    with pytest.raises(OSError, match="missing"):
        LexicalIndex.load(tmp_path / "nothing-here")
    LexicalIndex.build([["a"], ["b", "a"]]).save(tmp_path / "one")
    LexicalIndex.build([["a"], ["b", "c"], ["c"]]).save(tmp_path / "two")
    (tmp_path / "one" / "docs.npy").write_bytes((tmp_path / "two" / "docs.npy").read_bytes())
    with pytest.raises(ValueError, match="do not fit"):
        LexicalIndex.load(tmp_path / "one")


@pytest.mark.parametrize("seed", [2])
def test_lookups_through_bitmaps_are_exact_and_optional_on_disk(seed, tmp_path):
    """Every term given a bitmap (the lookup path of long lists): the same exact rankings; an index saved
    without the bitmap files (an older generation) loads and ranks the same by binary search."""
    docs = _zipf_corpus(3000, seed)
    with mock.patch.multiple(lexical, _BITMAP_MIN=1, _BITMAP_PART=10**9):
        ix = LexicalIndex.build(docs)
    assert len(ix._bitmap_row) == len(ix.stats.df)
    rng = np.random.default_rng(seed)
    vocab = sorted(ix.stats.df, key=ix.stats.df.get)
    queries = [list(rng.choice(vocab[-30:], 2)) + list(rng.choice(vocab, 2)) for _ in range(20)]
    allowed = np.flatnonzero(rng.random(len(docs)) < 0.1)
    ix.save(tmp_path / "with")
    ix.save(tmp_path / "without")
    for name in lexical._BITMAP_ARRAYS:
        (tmp_path / "without" / f"{name}.npy").unlink()
    with_bm, without = LexicalIndex.load(tmp_path / "with"), LexicalIndex.load(tmp_path / "without")
    assert with_bm._bitmap_row and not without._bitmap_row
    for path in (dict(_SHORT_MIN=0, _DENSE_DOCS=0), dict(_SHORT_MIN=0, _DENSE_DOCS=0, _LOOKUP_COST=0)):
        with mock.patch.multiple(lexical, **path):
            for q in queries:
                s = ix.scores(q)
                for k in (1, 10, 100):
                    expected = _exact(s, k)
                    assert ix.top_k(q, k) == with_bm.top_k(q, k) == without.top_k(q, k) == expected
                    assert ix.top_k(q, k, allowed) == without.top_k(q, k, allowed) == _exact(s, k, allowed)
