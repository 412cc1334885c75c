"""Shards: how documents are split, and the sharded FAISS read as one index."""

from __future__ import annotations

import faiss
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.engines import get_engine
from indexer.errors import PlansearchError, UnknownChoice
from indexer.records import Document, Passage
from indexer.shards import split_documents
from indexer.vectors import ShardedVectors, search_vectors


def _doc(i: int, n_passages: int) -> Document:
    passages = tuple(Passage(f"d{i}-p{j}", f"d{i}", "paragraph", (), f"문단 {j}", 0, 4, None, None, j) for j in range(n_passages))
    return Document(f"d{i}", f"문서 {i}", f"d{i}.txt", "0" * 64, "plan", "", passages)


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(0, 40), min_size=1, max_size=25), n=st.integers(1, 8))
def test_split_is_contiguous_non_empty_and_in_order(sizes, n):
    docs = [_doc(i, s) for i, s in enumerate(sizes)]
    parts = split_documents(docs, n)
    assert [d.doc_id for part in parts for d in part] == [d.doc_id for d in docs]
    assert all(parts) and len(parts) == min(n, len(docs))


def test_split_balances_passages():
    docs = [_doc(i, 10) for i in range(30)]
    assert [len(p) for p in split_documents(docs, 3)] == [10, 10, 10]
    # One big document takes a shard of its own; the small ones share the rest.
    docs = [_doc(0, 200)] + [_doc(i, 10) for i in range(1, 21)]
    parts = split_documents(docs, 2)
    assert [d.doc_id for d in parts[0]] == ["d0"] and len(parts[1]) == 20


def test_split_rejects_zero_shards():
    with pytest.raises(ValueError, match="shards=0"):
        split_documents([_doc(0, 1)], 0)


def _unit(rng, n, d=16):
    v = rng.standard_normal((n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.mark.parametrize("sizes", [(50, 30, 20), (1, 60, 0, 39), (100,)])
def test_sharded_vectors_answer_like_one_flat_index(sizes):
    rng = np.random.default_rng(sum(sizes))
    vecs = _unit(rng, sum(sizes))
    one = faiss.IndexFlatIP(vecs.shape[1])
    one.add(vecs)
    shards, start = [], 0
    for n in sizes:
        s = faiss.IndexFlatIP(vecs.shape[1])
        s.add(vecs[start : start + n])
        shards.append(s)
        start += n
    sharded = ShardedVectors(shards)
    assert sharded.ntotal == len(vecs) and sharded.is_flat
    queries = _unit(rng, 5)
    for allowed in (None, np.sort(rng.choice(len(vecs), 17, replace=False)), np.array([3]), np.array([], dtype=np.int64)):
        for k in (1, 10, 150):
            s1, i1 = search_vectors(one, queries, k, allowed)
            s2, i2 = search_vectors(sharded, queries, k, allowed)
            assert s2.shape == s1.shape
            np.testing.assert_array_equal(i2, i1)
            np.testing.assert_allclose(s2[i2 >= 0], s1[i1 >= 0], rtol=1e-6)
    picks = np.array([0, 99, 50, 51, 7])
    np.testing.assert_array_equal(sharded.reconstruct_batch(picks), vecs[picks])
    np.testing.assert_array_equal(sharded.reconstruct_n(48, 5), vecs[48:53])
    np.testing.assert_array_equal(sharded.reconstruct(77), vecs[77])


def test_engine_factory_names_valid_choices():
    with pytest.raises(UnknownChoice) as e:
        get_engine("spark")
    assert "local" in str(e.value) and "ray" in str(e.value)
    with pytest.raises(PlansearchError, match="--engine ray"):
        get_engine("local", address="ray://head:10001")


def test_sharded_bm25_ranks_like_one_index_with_and_without_a_filter_mask():
    from indexer.lexical import LexicalIndex
    from indexer.shards import ShardedLexical

    rng = np.random.default_rng(3)
    docs = [[f"w{int(x)}" for x in rng.zipf(1.5, int(rng.integers(3, 12))) if x < 60] or ["w1"] for _ in range(300)]
    whole = LexicalIndex.build(docs)
    sharded = ShardedLexical([LexicalIndex.build(docs[a:b]) for a, b in ((0, 90), (90, 200), (200, 300))])
    mask = rng.random(300) < 0.2
    allowed = np.flatnonzero(mask)
    for q in (["w1", "w2"], ["w3", "w7", "w1"], ["w11"]):
        assert [p for p, _ in sharded.top_k(q, 10)] == [p for p, _ in whole.top_k(q, 10)]
        expected = [p for p, _ in whole.top_k(q, 10, allowed)]
        assert [p for p, _ in sharded.top_k(q, 10, allowed)] == expected
        assert [p for p, _ in sharded.top_k(q, 10, allowed, mask)] == expected
        assert all(mask[p] for p in expected)
        # BM25 of some documents alone (a fusion lift's candidates), across shard boundaries
        some = np.array([0, 5, 89, 90, 150, 199, 200, 299], dtype=np.int64)
        assert sharded.scores_of(q, some) == pytest.approx(whole.scores_of(q, some))
