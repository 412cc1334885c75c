"""Vectors: the FAISS index of passage embeddings.

Exact inner-product search (``IndexFlatIP``) by default: with normalised
embeddings it is cosine similarity, and below ~50k passages it is both exact
and fast enough. Past a configurable size the builder switches to HNSW, whose
recall against exact search is measured in the tests and benchmarks.
Either kind stores its vectors as float32 (the default) or, opt-in, as ``sq8``: FAISS's 8-bit
scalar quantizer (one byte per dimension, per-dimension min/max trained on the vectors;
``IndexScalarQuantizer`` / ``IndexHNSWSQ``), a quarter of the memory for a little recall.
Positions in the index are "vector positions"; :class:`~indexer.store.Corpus`
maps them back to passages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from indexer.errors import check_choice

__all__ = [
    "VectorIndexSpec",
    "ShardedVectors",
    "shard_slices",
    "build_vector_index",
    "search_vectors",
    "save_vectors",
    "load_vectors",
    "advise_random",
    "vector_storage",
    "is_exhaustive",
    "DEFAULT_ANN_THRESHOLD",
    "VECTOR_STORAGES",
]

DEFAULT_ANN_THRESHOLD = 50_000
#: How vectors are stored: float32 (exact scores) or sq8 (8-bit scalar quantizer, ~4x smaller).
VECTOR_STORAGES = ("float32", "sq8")


@dataclass(frozen=True)
class VectorIndexSpec:
    """How the vector index is built: ``flat`` (exhaustive) or ``hnsw`` (approximate), its vectors
    stored as ``float32`` or ``sq8`` (:data:`VECTOR_STORAGES`)."""

    kind: str = "flat"
    hnsw_m: int = 32
    ef_construction: int = 80
    ef_search: int = 200
    storage: str = "float32"

    def __post_init__(self) -> None:
        check_choice("vector storage", self.storage, VECTOR_STORAGES)
        check_choice("vector index kind", self.kind, ("flat", "hnsw"))

    @classmethod
    def for_size(cls, n: int, ann_threshold: int = DEFAULT_ANN_THRESHOLD, storage: str = "float32") -> "VectorIndexSpec":
        return cls("hnsw" if ann_threshold > 0 and n >= ann_threshold else "flat", storage=storage)


def build_vector_index(vectors: np.ndarray, spec: VectorIndexSpec) -> faiss.Index:
    """A FAISS index over L2-normalised ``vectors`` (n, dim), inner-product metric.

    ``sq8`` trains the quantizer's per-dimension ranges on ``vectors`` themselves (so an index is
    always trained on what it holds; an empty one stays untrained and searches to nothing)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    sq8 = spec.storage == "sq8"
    if spec.kind == "hnsw":
        if sq8:
            index = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, spec.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        else:
            index = faiss.IndexHNSWFlat(dim, spec.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = spec.ef_construction
        index.hnsw.efSearch = spec.ef_search
    elif sq8:
        index = faiss.IndexScalarQuantizer(dim, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        if not index.is_trained:
            index.train(vectors)
        index.add(vectors)
    return index


def is_exhaustive(index) -> bool:
    """A flat index (float32 or sq8), or shards that all are: every vector can be read back and compared."""
    return isinstance(index, (faiss.IndexFlat, faiss.IndexScalarQuantizer)) or bool(getattr(index, "is_flat", False))


def vector_storage(index) -> str:
    """``sq8`` for an 8-bit scalar-quantized index (flat or HNSW, or shards of them), else ``float32``."""
    if isinstance(index, ShardedVectors):
        return vector_storage(index.shards[0])
    if isinstance(index, faiss.IndexHNSW):
        index = faiss.downcast_index(index.storage)
    return "sq8" if isinstance(index, faiss.IndexScalarQuantizer) else "float32"


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
    if isinstance(index, ShardedVectors):
        return index.search(queries, k, allowed, ef_search)
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
    return _by_score(scores, ids)


def _by_score(scores: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows ordered by score, equal scores by position (FAISS leaves ties in heap order), -1 last."""
    valid = ids >= 0
    order = np.lexsort((np.where(valid, ids, np.iinfo(np.int64).max), np.where(valid, -scores, np.inf)), axis=1)
    return np.take_along_axis(scores, order, 1), np.take_along_axis(ids, order, 1)


def save_vectors(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_vectors(path: Path, mmap: bool = True) -> faiss.Index:
    """Read a saved index; ``mmap`` maps its vectors read-only instead of copying them (FAISS
    ``IO_FLAG_MMAP_IFC``, which covers every ``IndexFlatCodes``: float32 and sq8 codes alike,
    flat or as HNSW storage): loading is instant, the pages live in the OS page cache and every
    process serving the same generation (workers, replicas) shares one copy. The mapping is
    advised for random access (:func:`advise_random`)."""
    flags = faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY if mmap else 0
    index = faiss.read_index(str(path), flags)
    if mmap:
        advise_random(path)
    return index


def advise_random(path: Path) -> int:
    """``madvise(MADV_RANDOM)`` on this process's mappings of ``path``; how many were advised.

    A search reads a few vectors (and HNSW neighbour lists) scattered over the file; without
    advice every page fault also reads ahead (up to the device's read-ahead, 8 MB on some VMs),
    filling memory with pages no search asked for. FAISS does not expose its mapping, so it is
    found in ``/proc/self/maps`` by the file's path. Linux only; elsewhere (or on any error) the
    kernel's default stays, which is only slower to fault in, never wrong.
    """
    import ctypes
    import mmap as _mmap
    import os

    advice = getattr(_mmap, "MADV_RANDOM", None)
    try:
        target = os.path.realpath(path)
        libc = ctypes.CDLL(None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        done = 0
        with open("/proc/self/maps") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if advice is None or len(fields) < 6 or fields[5].rstrip("\n") != target:
                    continue
                lo, hi = (int(x, 16) for x in fields[0].split("-"))
                if libc.madvise(lo, hi - lo, advice) == 0:
                    done += 1
        return done
    except (OSError, AttributeError, ValueError):
        return 0


def shard_slices(offsets: np.ndarray, allowed: np.ndarray | None):
    """``(shard, first position, its share of allowed)`` for each shard of a split set of positions
    (shard *s* holds ``offsets[s] .. offsets[s+1]``): ``allowed`` (sorted global positions, or None
    for all) made local to the shard; a shard with none of them is skipped."""
    if allowed is not None:
        allowed = np.asarray(allowed, dtype=np.int64)
    for s in range(len(offsets) - 1):
        lo, hi = int(offsets[s]), int(offsets[s + 1])
        local = None
        if allowed is not None:
            local = allowed[(allowed >= lo) & (allowed < hi)] - lo
            if not len(local):
                continue
        yield s, lo, local


class ShardedVectors:
    """The FAISS indexes of a sharded generation, read as one: shard *s* holds the global positions
    ``offsets[s] .. offsets[s+1]``.

    :meth:`search` scatters the query to every shard (with each shard's share of ``allowed``)
    and merges the per-shard top-k by score — the same top-k as one index over all vectors,
    ties broken by position. It answers the few FAISS calls the rest of the code makes
    (``ntotal``, ``d``, ``reconstruct``, ``reconstruct_n``, ``reconstruct_batch``).
    """

    def __init__(self, shards: list[faiss.Index]) -> None:
        if not shards:
            raise ValueError("a sharded generation needs at least one shard")
        self.shards = shards
        self.d = shards[0].d
        self.offsets = np.cumsum([0] + [s.ntotal for s in shards]).astype(np.int64)
        self.ntotal = int(self.offsets[-1])
        # Exhaustive shards (float32 or sq8): callers may read them back into a temporary flat index.
        self.is_flat = all(map(is_exhaustive, shards))

    def _locate(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.offsets, positions, side="right") - 1

    def search(self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None, ef_search: int | None = None):
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim == 1:
            queries = queries[None, :]
        k = max(1, min(k, self.ntotal)) if self.ntotal else 1
        all_scores, all_ids = [], []
        for s, lo, local in shard_slices(self.offsets, allowed):
            if self.offsets[s + 1] == lo:
                continue
            sc, ids = search_vectors(self.shards[s], queries, k, local, ef_search)
            all_scores.append(sc)
            all_ids.append(np.where(ids >= 0, ids + lo, -1))
        if not all_scores:
            return np.full((len(queries), k), -np.inf, dtype=np.float32), np.full((len(queries), k), -1, dtype=np.int64)
        scores, ids = _by_score(np.concatenate(all_scores, axis=1), np.concatenate(all_ids, axis=1))
        scores, ids = scores[:, :k], ids[:, :k]
        if scores.shape[1] < k:  # fewer candidates than k over all shards
            pad = k - scores.shape[1]
            scores = np.pad(scores, ((0, 0), (0, pad)), constant_values=-np.inf)
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
        return scores.astype(np.float32), ids

    def reconstruct(self, pos: int) -> np.ndarray:
        s = int(self._locate(np.array([pos]))[0])
        return self.shards[s].reconstruct(int(pos - self.offsets[s]))

    def reconstruct_batch(self, positions: np.ndarray) -> np.ndarray:
        positions = np.asarray(positions, dtype=np.int64)
        out = np.empty((len(positions), self.d), dtype=np.float32)
        shard_of = self._locate(positions)
        for s in np.unique(shard_of).tolist():
            sel = np.flatnonzero(shard_of == s)
            out[sel] = self.shards[s].reconstruct_batch(np.ascontiguousarray(positions[sel] - self.offsets[s]))
        return out

    def reconstruct_n(self, start: int, n: int) -> np.ndarray:
        return self.reconstruct_batch(np.arange(start, start + n, dtype=np.int64))
