"""8-bit scalar-quantized vectors (``--vectors sq8``): FAISS SQ indexes, memory-mapped, in the
builder's manifest, kept by incremental builds, and close to float32 search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import faiss
import numpy as np
import pytest

from indexer import build_index
from indexer.errors import UnknownChoice
from indexer.generation import MANIFEST, current_generation, open_generation, read_manifest
from indexer.vectors import (
    ShardedVectors,
    VectorIndexSpec,
    build_vector_index,
    load_vectors,
    save_vectors,
    search_vectors,
    vector_storage,
)
from service.audit.neighbours import knn_pairs
from service.search import load_index

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
QUERIES = [q["q"] for q in json.loads((ROOT / "tests" / "data" / "dev_queries.json").read_text())["queries"]]


def _unit(rng, n, dim=64):
    x = rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _overlap(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean([len(set(x) & set(y)) / len(y) for x, y in zip(a, b)]))


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_sq8_index_is_close_to_exact_and_maps_from_disk(tmp_path, kind):
    rng = np.random.default_rng(3)
    base, queries = _unit(rng, 3000), _unit(rng, 40)
    _, exact = search_vectors(build_vector_index(base, VectorIndexSpec("flat")), queries, 10)
    index = build_vector_index(base, VectorIndexSpec(kind, storage="sq8"))
    assert isinstance(index, faiss.IndexHNSWSQ if kind == "hnsw" else faiss.IndexScalarQuantizer)
    assert vector_storage(index) == "sq8"
    _, approx = search_vectors(index, queries, 10)
    assert _overlap(approx, exact) >= 0.9
    # Saved a quarter the size of float32 (plus HNSW's graph), and memory-mapped back.
    save_vectors(index, tmp_path / "v.faiss")
    save_vectors(build_vector_index(base, VectorIndexSpec(kind)), tmp_path / "f.faiss")
    graph = 3000 * 32 * 2 * 4 if kind == "hnsw" else 0  # level-0 neighbour lists, about
    assert (tmp_path / "v.faiss").stat().st_size - graph < ((tmp_path / "f.faiss").stat().st_size - graph) / 3
    mapped = load_vectors(tmp_path / "v.faiss")
    assert any(str(tmp_path / "v.faiss") in line for line in Path("/proc/self/maps").read_text().splitlines())
    np.testing.assert_array_equal(search_vectors(mapped, queries, 10)[1], approx)
    # Filters and reconstruction (match statistics, links, audit neighbours read vectors back).
    allowed = np.sort(rng.choice(3000, 50, replace=False))
    _, ids = search_vectors(mapped, queries, 10, allowed=allowed)
    assert np.isin(ids[ids >= 0], allowed).all()
    np.testing.assert_allclose(mapped.reconstruct_n(10, 5), base[10:15], atol=0.02)
    np.testing.assert_allclose(mapped.reconstruct_batch(np.array([7, 2999])), base[[7, 2999]], atol=0.02)


def test_sq8_shards_read_as_one_and_exhaustive():
    rng = np.random.default_rng(4)
    base, queries = _unit(rng, 900), _unit(rng, 10)
    spec = VectorIndexSpec("flat", storage="sq8")
    one = build_vector_index(base, spec)
    sharded = ShardedVectors([build_vector_index(base[:400], spec), build_vector_index(base[400:], spec)])
    assert sharded.is_flat and vector_storage(sharded) == "sq8"
    _, exact = search_vectors(build_vector_index(base, VectorIndexSpec("flat")), queries, 10)
    assert _overlap(search_vectors(sharded, queries, 10)[1], exact) >= 0.9
    assert _overlap(search_vectors(sharded, queries, 10)[1], search_vectors(one, queries, 10)[1]) >= 0.9
    np.testing.assert_allclose(sharded.reconstruct_batch(np.array([0, 399, 400, 899])), base[[0, 399, 400, 899]], atol=0.02)
    # Audit neighbours read exhaustive sq8 indexes back into a temporary flat index.
    i, j, s = knn_pairs(sharded, np.arange(0, 900, 3), 900, k=3, min_similarity=-1.0)
    assert len(i) and (s <= 1.01).all()


def test_empty_sq8_index_searches_to_nothing():
    index = build_vector_index(np.zeros((0, 8), np.float32), VectorIndexSpec("flat", storage="sq8"))
    _, ids = search_vectors(index, np.ones((1, 8), np.float32), 5)
    assert (ids == -1).all()


def test_unknown_storage_lists_the_valid_ones(tmp_path):
    with pytest.raises(UnknownChoice, match="valid values: float32, sq8"):
        VectorIndexSpec("flat", storage="int4")
    with pytest.raises(UnknownChoice, match="valid values: float32, sq8"):
        build_index([CORPUS], tmp_path / "ix", embedder=object(), vectors="int4")
    assert not (tmp_path / "ix").exists()  # refused before anything is read or written


def _storage(index_dir: Path) -> str | None:
    return json.loads((current_generation(index_dir) / MANIFEST).read_text())["vector_index"].get("storage")


@pytest.fixture(scope="module")
def sq8_index_dir(tmp_path_factory, corpus_index_dir, embedder) -> Path:
    d = tmp_path_factory.mktemp("sq8-index")
    shutil.copytree(corpus_index_dir / "cache", d / "cache")  # the float32 build's embeddings: nothing re-embedded
    report = build_index([CORPUS], d, embedder=embedder, vectors="sq8")
    assert report.vectors == "sq8" and report.embedded == 0
    return d


def test_sq8_build_records_storage_and_searches_like_float32(sq8_index_dir, corpus_index_dir, corpus_index, embedder):
    assert _storage(sq8_index_dir) == "sq8"
    assert _storage(corpus_index_dir) is None  # float32 manifests are as before
    gen = open_generation(*read_manifest(sq8_index_dir))
    assert isinstance(gen.vectors, faiss.IndexScalarQuantizer)  # the sample corpus is small: flat
    gen.corpus.close()
    ix = load_index(sq8_index_dir, embedder=embedder)
    try:
        overlaps = []
        for q in QUERIES:
            want = {h.passage_id for h in corpus_index.search(q, k=10, mode="dense").hits}
            got = {h.passage_id for h in ix.search(q, k=10, mode="dense").hits}
            overlaps.append(len(want & got) / max(1, len(want)))
        assert np.mean(overlaps) >= 0.9, overlaps
        assert ix.search(QUERIES[0], k=5).hits  # hybrid, match label and links on sq8 vectors
        from fastapi.testclient import TestClient

        from service.api.main import create_app
        from service.api.settings import Settings

        with TestClient(create_app(Settings(index_dir=sq8_index_dir), index=ix)) as c:
            assert c.get("/health").json()["vectors"] == "sq8"
    finally:
        ix.close()


def test_incremental_build_keeps_sq8_until_told_otherwise(tmp_path, sq8_index_dir, embedder):
    d = tmp_path / "ix"
    shutil.copytree(sq8_index_dir, d)
    report = build_index([CORPUS], d, embedder=embedder)  # as the server's upload jobs call it
    assert report.vectors == "sq8" and _storage(d) == "sq8" and report.unchanged
    report = build_index([CORPUS], d, embedder=embedder, vectors="float32")
    assert report.vectors == "float32" and _storage(d) is None
    assert isinstance(open_generation(*read_manifest(d)).vectors, faiss.IndexFlat)


def test_sharded_sq8_build(tmp_path, sq8_index_dir, embedder):
    d, docs = tmp_path / "ix", tmp_path / "docs"
    shutil.copytree(sq8_index_dir, d)
    docs.mkdir()
    for name in ("a.txt", "b.txt"):  # two documents for two shards (their texts' vectors are cached)
        shutil.copy(next(CORPUS.glob("*.txt")), docs / name)
    report = build_index([docs], d, embedder=embedder, shards=2)  # sq8 kept from the live generation
    assert report.vectors == "sq8" and _storage(d) == "sq8"
    gen, manifest = read_manifest(d)
    shards = [load_vectors(gen / s["name"] / "vectors.faiss") for s in manifest["shards"]]
    assert len(shards) == 2 and all(vector_storage(s) == "sq8" for s in shards)
    ix = load_index(d, embedder=embedder)
    try:
        assert isinstance(ix.vectors, ShardedVectors) and ix.search(QUERIES[0], k=5, mode="dense").hits
    finally:
        ix.close()
