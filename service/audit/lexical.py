"""The audit's lexical check: IDF-weighted overlap of content morphemes.

IDF is counted over the passages being compared, so boilerplate words
(``강화``, ``추진``, ``구축``) weigh little. Numbers, numerals and bound nouns
(units) are left out: a goal restated with its figures is still the same goal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from indexer.segmentation import fold
from indexer.store import Corpus

__all__ = ["LexicalProfile", "content_tokens"]

#: Morpheme tags left out of the lexical checks: numbers, numerals, bound nouns (units).
_SKIP_TAGS = frozenset({"SN", "NR", "NNB"})
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")




class LexicalProfile:
    """Binary content-morpheme sets of some rows as a sparse matrix, with IDF weights.

    ``df`` is counted over the rows given (callers pass one row per distinct text,
    so a block pasted twice does not make its own words look common).
    """

    def __init__(self, token_sets: Sequence[Iterable[str]]) -> None:
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        for toks in token_sets:
            ids = {vocab.setdefault(t, len(vocab)) for t in toks}
            indices.extend(sorted(ids))
            indptr.append(len(indices))
        n = len(token_sets)
        self.matrix = csr_matrix(
            (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(n, max(len(vocab), 1)),
        )
        df = np.bincount(np.asarray(indices, dtype=np.int64), minlength=max(len(vocab), 1)).astype(np.float64)
        self.idf = np.log1p(n / np.maximum(df, 1.0))
        self.weight = self.matrix @ self.idf  # per row: sum of its tokens' IDF
        self.vocab = vocab

    def idf_of(self, token: str) -> float:
        """IDF of one token (a token not in the rows counts as found once)."""
        t = self.vocab.get(token)
        return float(self.idf[t]) if t is not None else float(np.log1p(self.matrix.shape[0]))

    def jaccard(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weighted Jaccard of row pairs ``(a[i], b[i])``; 0 where both rows are empty."""
        if len(a) == 0:
            return np.zeros(0)
        inter = np.asarray(self.matrix[a].multiply(self.matrix[b]) @ self.idf).ravel()
        union = self.weight[a] + self.weight[b] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

    def dice_matrix(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weighted Dice of every row of ``a`` with every row of ``b`` (dense ``len(a) × len(b)``)."""
        inter = np.asarray((self.matrix[a].multiply(self.idf[None, :]).tocsr() @ self.matrix[b].T).todense())
        total = self.weight[a][:, None] + self.weight[b][None, :]
        return np.divide(2 * inter, total, out=np.zeros_like(inter), where=total > 0)


@lru_cache(maxsize=262_144)
def _morph_tokens(form: str, tag: str, subwords: bool) -> tuple[str, ...]:
    """Lexical-check tokens of one morpheme (memoised: forms repeat across a corpus)."""
    if tag in _SKIP_TAGS:
        return ()
    f = fold(form)
    if not f or f.isdigit():
        return ()
    if subwords and tag.startswith("NN") and len(f) >= 3 and _HANGUL.fullmatch(f):
        return (f, *(f[i : i + 2] for i in range(len(f) - 1)))
    return (f,)


def content_tokens(corpus: Corpus, row: int, subwords: bool) -> set[str]:
    toks: set[str] = set()
    for m in corpus.morphs[row]:
        toks.update(_morph_tokens(m.form, m.tag, subwords))
    return toks
