"""Lexical: BM25 (``bm25s``) over Kiwi morphemes.

Documents and queries go through the same :func:`~indexer.segmentation.tokens_of`,
so ``스마트도시`` meets ``스마트 도시`` and ``주민자치회`` meets ``주민자치``.
We ask bm25s for the full score vector and mask it ourselves, which keeps
document/kind filters exact and costs well under a millisecond per 10k passages.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

__all__ = ["LexicalIndex"]

logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """A BM25 index whose document *i* is vector position *i*."""

    def __init__(self, retriever, n_docs: int) -> None:
        self._r = retriever
        self.n_docs = n_docs
        self._vocab = retriever.vocab_dict

    @classmethod
    def build(cls, token_lists: list[list[str]], k1: float = 1.2, b: float = 0.75) -> "LexicalIndex":
        import bm25s

        r = bm25s.BM25(k1=k1, b=b, method="lucene")
        # bm25s indexes an empty corpus badly; one empty document keeps shapes sane.
        r.index(list(token_lists) or [[]], show_progress=False)
        return cls(r, len(token_lists))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for the query (zeros when nothing matches)."""
        known = [t for t in query_tokens if t in self._vocab]
        if not known or self.n_docs == 0:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._r.get_scores(known), dtype=np.float32)[: self.n_docs]

    def save(self, directory: Path) -> None:
        self._r.save(str(directory), show_progress=False)
        (directory / "n_docs").write_text(str(self.n_docs))

    @classmethod
    def load(cls, directory: Path) -> "LexicalIndex":
        import bm25s

        r = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(r, int((directory / "n_docs").read_text()))
