"""FAISS results against brute-force NumPy, for exact and approximate indexes."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.vectors import VectorIndexSpec, build_vector_index, search_vectors


def _unit(rng, n, d=64, centers=20):
    # Clustered like real embeddings (topics), not uniform noise.
    c = rng.normal(size=(centers, d))
    x = c[rng.integers(0, centers, n)] + 0.6 * rng.normal(size=(n, d))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_flat_index_equals_numpy_brute_force():
    rng = np.random.default_rng(0)
    base, queries = _unit(rng, 3000), _unit(rng, 50)
    index = build_vector_index(base, VectorIndexSpec("flat"))
    scores, ids = search_vectors(index, queries, 10)
    brute = queries @ base.T
    expect_ids = np.argsort(-brute, axis=1, kind="stable")[:, :10]
    np.testing.assert_allclose(scores, np.take_along_axis(brute, expect_ids, 1), rtol=1e-5, atol=1e-5)
    # Ids agree except where scores tie to float precision.
    assert (ids == expect_ids).mean() > 0.99


def test_filtered_search_equals_numpy_on_the_subset():
    rng = np.random.default_rng(1)
    base, q = _unit(rng, 2000), _unit(rng, 5)
    allowed = np.sort(rng.choice(2000, 300, replace=False))
    scores, ids = search_vectors(build_vector_index(base, VectorIndexSpec("flat")), q, 10, allowed=allowed)
    assert set(ids.ravel()) <= set(allowed.tolist())
    brute = q @ base[allowed].T
    expect = allowed[np.argsort(-brute, axis=1)[:, :10]]
    assert (ids == expect).mean() > 0.99


@pytest.mark.parametrize("n", [5000])
def test_hnsw_recall_against_exact(n):
    rng = np.random.default_rng(2)
    base, queries = _unit(rng, n), _unit(rng, 200)
    _, exact = search_vectors(build_vector_index(base, VectorIndexSpec("flat")), queries, 10)
    _, approx = search_vectors(build_vector_index(base, VectorIndexSpec("hnsw")), queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approx, exact)])
    assert recall >= 0.95, recall


def test_spec_switches_to_hnsw_past_the_threshold():
    assert VectorIndexSpec.for_size(10, ann_threshold=100).kind == "flat"
    assert VectorIndexSpec.for_size(100, ann_threshold=100).kind == "hnsw"
    assert VectorIndexSpec.for_size(10**6, ann_threshold=0).kind == "flat"


def test_empty_index_searches_to_nothing():
    index = build_vector_index(np.zeros((0, 8), np.float32), VectorIndexSpec("flat"))
    _, ids = search_vectors(index, np.ones((1, 8), np.float32), 5)
    assert (ids == -1).all()
