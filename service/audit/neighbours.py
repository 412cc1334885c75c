"""Candidate pairs for the audit from FAISS k-NN (never all pairs in Python).

Why k-NN and not a range search: multilingual-e5 puts unrelated Korean plan
sentences at cosine ~0.88 (median on the sample corpus), so a range search at
0.93 returns a sizeable fraction of all pairs; k-NN bounds the candidates at
``n·k`` whatever the model's calibration.
"""

from __future__ import annotations

import numpy as np

from indexer.vectors import is_exhaustive, search_vectors

__all__ = ["knn_pairs", "reconstruct"]

_QUERY_BATCH = 4096


def knn_pairs(
    vectors, rep_pos: np.ndarray, n_total: int, k: int, min_similarity: float, ef_search: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs ``(i, j, cosine)`` (indices into ``rep_pos``, ``i < j``) from FAISS k-NN.

    Each representative asks for its ``k`` nearest other representatives (so a
    text pasted 50 times cannot crowd its rewordings out of the list). A flat
    index is searched through a temporary flat index of the representatives
    (BLAS, exact); any other index (HNSW) is searched in place, with an ID
    selector when some positions are not representatives.
    """
    import faiss

    m = len(rep_pos)
    if m < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    kk = min(k + 1, m)
    local: np.ndarray | None = None  # position -> representative index
    all_reps = m == n_total and np.array_equal(rep_pos, np.arange(n_total))
    # Exhaustive indexes (float32 or sq8; ShardedVectors of them): the representatives read back into a flat index.
    flat = is_exhaustive(vectors)
    tmp = None
    if flat and not all_reps:
        tmp = faiss.IndexFlatIP(vectors.d)
        for s in range(0, m, _QUERY_BATCH):
            tmp.add(reconstruct(vectors, rep_pos[s : s + _QUERY_BATCH]))
    elif not flat and not all_reps:
        local = np.full(n_total, -1, dtype=np.int64)
        local[rep_pos] = np.arange(m)
    out_i, out_j, out_s = [], [], []
    for s in range(0, m, _QUERY_BATCH):
        q_idx = np.arange(s, min(s + _QUERY_BATCH, m))
        q = reconstruct(vectors, rep_pos[q_idx])
        if tmp is not None:
            scores, ids = tmp.search(q, kk)
        elif local is not None:
            scores, ids = search_vectors(vectors, q, kk, allowed=rep_pos, ef_search=ef_search)
            ids = np.where(ids >= 0, local[np.maximum(ids, 0)], -1)
        else:
            scores, ids = search_vectors(vectors, q, kk, ef_search=ef_search)
        ii = np.repeat(q_idx, ids.shape[1])
        jj = ids.ravel()
        ss = scores.ravel()
        keep = (jj >= 0) & (jj != ii) & (ss >= min_similarity)
        out_i.append(ii[keep])
        out_j.append(jj[keep])
        out_s.append(ss[keep])
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    sc = np.concatenate(out_s).astype(np.float32)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key = lo * m + hi
    # A pair found from both ends keeps its higher score (HNSW is not symmetric).
    order = np.lexsort((-sc, key))
    key, lo, hi, sc = key[order], lo[order], hi[order], sc[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return lo[first], hi[first], sc[first]


def reconstruct(vectors, positions: np.ndarray) -> np.ndarray:
    positions = np.ascontiguousarray(positions, dtype=np.int64)
    if len(positions) and positions[-1] - positions[0] + 1 == len(positions) and np.all(np.diff(positions) == 1):
        return vectors.reconstruct_n(int(positions[0]), len(positions))
    return vectors.reconstruct_batch(positions)
