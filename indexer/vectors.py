"""Vectors: the FAISS index of passage embeddings.

Exact inner-product search (``IndexFlatIP``) by default: with normalised
embeddings it is cosine similarity, and below ~50k passages it is both exact
and fast enough. Past a configurable size the builder switches to HNSW, whose
recall against exact search is measured in the tests and benchmarks.
Positions in the index are "vector positions"; :class:`~indexer.store.Corpus`
maps them back to passages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

__all__ = ["VectorIndexSpec", "build_vector_index", "search_vectors", "save_vectors", "load_vectors", "DEFAULT_ANN_THRESHOLD"]

DEFAULT_ANN_THRESHOLD = 50_000


@dataclass(frozen=True)
class VectorIndexSpec:
    """How the vector index is built: ``flat`` (exact) or ``hnsw`` (approximate)."""

    kind: str = "flat"
    hnsw_m: int = 32
    ef_construction: int = 80
    ef_search: int = 200

    @classmethod
    def for_size(cls, n: int, ann_threshold: int = DEFAULT_ANN_THRESHOLD) -> "VectorIndexSpec":
        return cls("hnsw") if ann_threshold > 0 and n >= ann_threshold else cls("flat")


def build_vector_index(vectors: np.ndarray, spec: VectorIndexSpec) -> faiss.Index:
    """A FAISS index over L2-normalised ``vectors`` (n, dim), inner-product metric."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if spec.kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, spec.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = spec.ef_construction
        index.hnsw.efSearch = spec.ef_search
    elif spec.kind == "flat":
        index = faiss.IndexFlatIP(dim)
    else:  # pragma: no cover - guarded by the builder
        raise ValueError(f"unknown vector index kind {spec.kind!r}; valid: flat, hnsw")
    if len(vectors):
        index.add(vectors)
    return index


def search_vectors(
    index: faiss.Index,
    queries: np.ndarray,
    k: int,
    allowed: np.ndarray | None = None,
    ef_search: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` ``(scores, positions)`` per query row; ``allowed`` restricts positions (filters).

    Positions are -1 where fewer than ``k`` results exist.
    """
    queries = np.ascontiguousarray(queries, dtype=np.float32)
    if queries.ndim == 1:
        queries = queries[None, :]
    k = max(1, min(k, index.ntotal)) if index.ntotal else 1
    params = None
    is_hnsw = isinstance(index, faiss.IndexHNSW)
    if allowed is not None or (is_hnsw and ef_search):
        params = faiss.SearchParametersHNSW() if is_hnsw else faiss.SearchParameters()
        if allowed is not None:
            sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            params.sel = sel
        if is_hnsw:
            # A filter removes candidates from the graph walk; widen it so recall holds.
            params.efSearch = max(ef_search or index.hnsw.efSearch, k)
    if index.ntotal == 0:
        return np.full((len(queries), k), -np.inf, dtype=np.float32), np.full((len(queries), k), -1, dtype=np.int64)
    scores, ids = index.search(queries, k, params=params) if params is not None else index.search(queries, k)
    return scores, ids


def save_vectors(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_vectors(path: Path) -> faiss.Index:
    return faiss.read_index(str(path))
