"""Shards: a generation's documents split into N parts, each a complete store + FAISS + BM25,
and read back as one index.

A sharded generation's shards hold contiguous runs of its documents, balanced by searchable
passages, so shard order is document order: concatenated, their passages and vector positions
are those of the unsharded generation. Search scatters to every shard and gathers by score
(:class:`~indexer.vectors.ShardedVectors`, :class:`ShardedLexical`); BM25 is scored with the
global document frequencies, document count and average length of all shards together, so a
passage scores the same as in one index.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexer.lexical import LexicalIndex
from indexer.records import Document, is_searchable
from indexer.store import Corpus, PassageColumns, chain_maps, concat_rows
from indexer.vectors import shard_slices

__all__ = ["shard_name", "split_documents", "merge_corpora", "ShardedLexical"]


def shard_name(i: int) -> str:
    return f"shard-{i:03d}"


def split_documents(docs: Sequence[Document], n: int) -> list[list[Document]]:
    """``docs`` in at most ``n`` contiguous, non-empty runs with about equal searchable passages."""
    if n < 1:
        raise ValueError(f"shards={n}; use 1 or more")
    n = min(n, len(docs)) or 1
    weights = np.array([max(1, sum(1 for p in d.passages if is_searchable(p))) for d in docs], dtype=np.float64)
    ends = np.cumsum(weights)
    total = float(ends[-1]) if len(ends) else 1.0
    parts: list[list[Document]] = [[]]
    for i, d in enumerate(docs):
        must = len(docs) - i <= n - len(parts)  # every shard still to open needs a document
        share = (ends[i] - weights[i] / 2) / total * n  # where this document's midpoint falls, in shards
        if parts[-1] and len(parts) < n and (must or share >= len(parts)):
            parts.append([])
        parts[-1].append(d)
    return parts


def merge_corpora(corpora: Sequence[Corpus]) -> Corpus:
    """One :class:`Corpus` over shards' corpora, rows and vector positions offset in shard order.

    Nothing is copied: the merged tables read each shard's store (or list) in turn, and the
    in-memory columns are laid end to end.
    """
    documents: dict = {}
    for c in corpora:
        documents.update(c.documents)
    offsets = np.cumsum([0] + [len(c.passages) for c in corpora])
    vector_rows = np.concatenate([np.asarray(c.vector_rows, dtype=np.int64) + o for c, o in zip(corpora, offsets)] or [np.zeros(0, np.int64)])
    columns = PassageColumns.concat([c.columns for c in corpora])
    return Corpus(
        documents,
        concat_rows([c.passages for c in corpora], columns),
        concat_rows([c.morphs for c in corpora]),
        vector_rows,
        chain_maps([c.doc_texts for c in corpora]),
        chain_maps([c.doc_pages for c in corpora]),
    )


class ShardedLexical:
    """The BM25 indexes of a sharded generation, scored with global statistics and read as one."""

    def __init__(self, shards: Sequence[LexicalIndex]) -> None:
        from indexer.lexical import LexicalStats

        stats = LexicalStats.combine([s.stats for s in shards])
        self.shards = [s.with_stats(stats) for s in shards]
        self.offsets = np.cumsum([0] + [s.n_docs for s in self.shards]).astype(np.int64)
        self.n_docs = int(self.offsets[-1])

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        return np.concatenate([s.scores(query_tokens) for s in self.shards]) if self.shards else np.zeros(0, np.float32)

    def scores_of(self, query_tokens: list[str], docs: np.ndarray) -> np.ndarray:
        """BM25 of each of the sorted global ``docs``, each read from its own shard."""
        out = np.zeros(len(docs))
        for s, lo, local in shard_slices(self.offsets, docs):
            if len(local):
                out[np.searchsorted(docs, local + lo)] = self.shards[s].scores_of(query_tokens, local)
        return out

    def top_k(
        self, query_tokens: list[str], k: int, allowed: np.ndarray | None = None, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The top ``k`` over all shards: each shard's top ``k`` (within its share of ``allowed``, and of
        ``mask`` when given), merged by score."""
        found: list[tuple[int, float]] = []
        for s, lo, local in shard_slices(self.offsets, allowed):
            part = None if mask is None else mask[lo : self.offsets[s + 1]]
            found.extend((pos + lo, score) for pos, score in self.shards[s].top_k(query_tokens, k, local, part))
        found.sort(key=lambda x: (-x[1], x[0]))
        return found[:k]
