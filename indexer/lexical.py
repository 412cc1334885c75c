"""Lexical: our own BM25 (Lucene variant) over Kiwi morphemes, with global statistics and a pruned top-k.

Documents and queries go through the same :func:`~indexer.segmentation.tokens_of`,
so ``스마트도시`` meets ``스마트 도시`` and ``주민자치회`` meets ``주민자치``.

The score of document *d* (vector position *d*) for a query is the sum, over the
query's tokens (a repeated token counts again, as in bm25s), of the *impact*

    idf(t) · tf / (tf + k1 · (1 − b + b · len(d) / avglen)),   idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5))

the formula of bm25s's ``method="lucene"``. ``N``, ``df`` and ``avglen`` come from a
:class:`LexicalStats`: the index's own by default, or, for one shard of a split
generation, the sum over all shards (:meth:`LexicalIndex.with_stats`), so that every
shard scores exactly as one unsharded index would.

Storage: per term, its postings (document, tf, impact) sorted by document, and their
order by impact; ``save`` writes them as ``.npy`` files that ``load`` memory-maps.

:meth:`LexicalIndex.top_k` is exact (the same ranking and float32 scores as sorting
:meth:`LexicalIndex.scores`), filtered or not. A filter of few positions is served by
looking each one up; when the query's lists are short it reads them all; in a small index
(≤ 65,536 documents) it scores every document; otherwise it never does (MaxScore with
impact cuts):

1. θ, a lower bound of the k-th best score: the k-th best sum over each term's k
   highest-impact postings.
2. The short lists of terms that can still matter are read whole (with a filter, longer ones
   too: only their allowed postings become candidates); those candidates are scored exactly
   by binary search in the other lists, which raises θ. Along the way a candidate that
   cannot reach θ even with the largest impact of every term still to look up is dropped.
3. A document in none of those lists scores only from the long ones. Each long list gets an
   impact cut, shared out in proportion to its length, the weighted cuts summing below θ:
   only a posting above its cut (read off the impact order) can bring in a document that
   reaches θ. A common word's whole list usually fits under its share, and none of its
   postings is read. The postings read are the new documents' partial scores; a list where
   one has no posting above the cut adds at most the cut, so fewer are looked up.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["LexicalIndex", "LexicalStats"]

#: Which of the given documents a filtered query may return (a boolean mask of them), or None for all.
_Filter = Callable[[np.ndarray], np.ndarray] | None

#: Files of a saved index (``save``/``load``); all arrays are term-major (see the module docstring).
_ARRAYS = ("indptr", "docs", "tf", "impact", "order", "doc_len", "df")
_META = "lexical.json"
_FORMAT = 1
#: θ is lowered by this much (relative) before the cutoffs are set, so that a document left out
#: stays below the k-th score even after both are rounded to float32 (whose ulp is ~6e-8 relative).
_MARGIN = 1e-6
#: :meth:`LexicalIndex.top_k` reads a postings list whole if it is at most 1/_SHORT_PART of the
#: documents (and at least _SHORT_MIN) long; a longer one only above an impact cut.
_SHORT_PART, _SHORT_MIN = 64, 1024
#: With a filter of density d, a list up to min(_SHORT_FILTERED, 1/d) times that long is read whole (only
#: its allowed postings become candidates), not looked up. 1M passages, 10% filter, top-100 (paired runs,
#: load ~1): factor 1 → 4 took p50 0.71 → 0.46 ms, p99 1.75 → 1.66 ms; 8 and 10 gave p99 ~3 ms (lists of
#: 100k+ postings read whole), 3 and 5 the same as 4 within the noise.
_SHORT_FILTERED = 4
#: Up to this many documents, :meth:`LexicalIndex.top_k` scores every one when the query's lists are not short.
_DENSE_DOCS = 1 << 16
#: A lookup (binary search) costs about this many postings read; it decides how a filtered query is scored.
_LOOKUP_COST = 4
#: A term in at least 1/_BITMAP_PART of the documents (and at least _BITMAP_MIN) also gets a bitmap of
#: its documents with a running count per 64-bit word (n/64 · 12 bytes): finding a document's posting
#: is then a few array reads instead of a binary search. At 1M passages, 78k candidates looked up in a
#: 190k-posting list took 0.80 ms that way against 3.4 ms by binary search (the tail of top_k).
_BITMAP_PART, _BITMAP_MIN = 32, 4096
#: Optional files of a saved index: the bitmaps (an index saved without them is still read; lookups then
#: search every list).
_BITMAP_ARRAYS = ("bm_terms", "bm_words", "bm_rank")


@dataclass(frozen=True)
class LexicalStats:
    """What BM25 needs of a collection: its size, total length and each term's document frequency."""

    n_docs: int
    total_len: int
    df: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def combine(cls, parts: Sequence["LexicalStats"]) -> "LexicalStats":
        """The statistics of the union of disjoint collections (e.g. the shards of one generation)."""
        df: Counter[str] = Counter()
        for p in parts:
            df.update(p.df)
        return cls(sum(p.n_docs for p in parts), sum(p.total_len for p in parts), dict(df))


class LexicalIndex:
    """A BM25 index whose document *i* is vector position *i* (build with :meth:`build`)."""

    def __init__(self, terms: list[str], arrays: dict[str, np.ndarray], k1: float, b: float, scored_with: tuple[int, int]) -> None:
        self._terms = terms
        self._vocab = {t: i for i, t in enumerate(terms)}
        self._a = arrays
        self.k1, self.b = k1, b
        self._scored_with = scored_with  # (N, total length) the impacts were computed with; df is arrays["df"]
        self.n_docs = len(arrays["doc_len"])
        ip = arrays["indptr"]
        # The largest impact of each term: the last entry of its impact order.
        self._max_impact = arrays["impact"][ip[:-1] + arrays["order"][ip[1:] - 1]] if len(terms) else np.zeros(0, np.float32)
        self._stats: LexicalStats | None = None
        self._bitmap_row = {int(t): i for i, t in enumerate(arrays["bm_terms"].tolist())} if "bm_terms" in arrays else {}

    # ---- building --------------------------------------------------------------------

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> "LexicalIndex":
        """Index ``token_lists`` (document *i* = ``token_lists[i]``), scored with its own statistics."""
        n = len(token_lists)
        vocab: dict[str, int] = {}
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in token_lists for t in doc), dtype=np.int64)
        doc_len = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        # One posting per distinct (term, document), sorted by term then document.
        keys = np.sort(ids * max(n, 1) + np.repeat(np.arange(n, dtype=np.int64), doc_len))
        first = np.flatnonzero(np.diff(keys, prepend=-1))
        keys, tf = keys[first], np.diff(first, append=len(keys))
        df = np.bincount(keys // max(n, 1), minlength=len(vocab))
        arrays = {
            "indptr": np.concatenate([[0], np.cumsum(df)]).astype(np.int64),
            "docs": (keys % max(n, 1)).astype(np.int32),
            "tf": tf.astype(np.min_scalar_type(int(tf.max(initial=0)))),
            "doc_len": doc_len.astype(np.int32),
            "df": df.astype(np.int64),
        }
        return cls._scored(list(vocab), arrays, k1, b, n, int(doc_len.sum()))

    @classmethod
    def _scored(cls, terms: list[str], raw: dict[str, np.ndarray], k1: float, b: float, n: int, total_len: int) -> "LexicalIndex":
        """An index over ``raw`` postings whose impacts use ``n``, ``total_len`` and ``raw["df"]``."""
        ip, df = raw["indptr"], raw["df"].astype(np.float64)
        term = np.repeat(np.arange(len(terms), dtype=np.int64), np.diff(ip))
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        tf = raw["tf"].astype(np.float64)
        norm = k1 * (1 - b + b * raw["doc_len"][raw["docs"]] / (total_len / n if total_len else 1.0))
        impact = (idf[term] * tf / (tf + norm)).astype(np.float32)
        # Within each term, postings by ascending impact: positive float32 bits sort as the values do.
        order = np.argsort((term << 32) | impact.view(np.uint32), kind="stable") - ip[term]
        bitmaps = {k: raw[k] for k in _BITMAP_ARRAYS if k in raw} or _bitmaps(ip, raw["docs"], len(raw["doc_len"]))
        return cls(terms, {**raw, **bitmaps, "impact": impact, "order": order.astype(np.int32)}, k1, b, (n, total_len))

    @property
    def stats(self) -> LexicalStats:
        """This index's own statistics (whatever statistics its scores use)."""
        if self._stats is None:
            df = np.diff(self._a["indptr"]).tolist()
            self._stats = LexicalStats(self.n_docs, int(self._a["doc_len"].sum()), dict(zip(self._terms, df)))
        return self._stats

    def with_stats(self, stats: LexicalStats) -> "LexicalIndex":
        """This index scored with ``stats`` (e.g. :meth:`LexicalStats.combine` of all shards); ``self`` if it already is."""
        try:
            df = np.array([stats.df[t] for t in self._terms], dtype=np.int64)
        except KeyError as e:
            raise ValueError(f"the statistics do not cover this index: no document frequency for {e.args[0]!r}") from None
        if stats.n_docs < self.n_docs or (df < np.diff(self._a["indptr"])).any():
            raise ValueError("the statistics describe fewer documents than this index holds; combine every shard's stats")
        if (stats.n_docs, stats.total_len) == self._scored_with and np.array_equal(df, self._a["df"]):
            return self
        raw = {k: self._a[k] for k in ("indptr", "docs", "tf", "doc_len", *_BITMAP_ARRAYS) if k in self._a}
        return self._scored(self._terms, {**raw, "df": df}, self.k1, self.b, stats.n_docs, stats.total_len)

    # ---- scoring ---------------------------------------------------------------------

    def _query(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Known query terms (ids) and how often each occurs in the query (a repeated token scores again)."""
        c = Counter(self._vocab[t] for t in tokens if t in self._vocab)
        return np.fromiter(c.keys(), np.int64, len(c)), np.fromiter(c.values(), np.float64, len(c))

    def _postings(self, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Term ``t``'s documents (ascending), impacts, and their order by ascending impact."""
        s, e = self._a["indptr"][t], self._a["indptr"][t + 1]
        return self._a["docs"][s:e], self._a["impact"][s:e], self._a["order"][s:e]

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every document (float32; zeros where nothing matches)."""
        return self._dense(*self._query(query_tokens)).astype(np.float32)

    def scores_of(self, query_tokens: Sequence[str], docs: np.ndarray) -> np.ndarray:
        """BM25 score of each of the sorted ``docs`` for ``query_tokens`` alone (0 where nothing matches)."""
        ids, w = self._query(query_tokens)
        out = np.zeros(len(docs))
        for t, wt in zip(ids, w):
            out += self._lookup(int(t), float(wt), docs)
        return out

    def _dense(self, ids: np.ndarray, w: np.ndarray) -> np.ndarray:
        acc = np.zeros(self.n_docs)
        for t, wt in zip(ids, w):
            docs, impact, _ = self._postings(t)
            acc[docs] += wt * impact  # a term lists each document once
        return acc

    # Reading several terms' postings at once: a few numpy calls in all rather than per term.

    def _read(self, ids: np.ndarray, w: np.ndarray, inside: _Filter) -> tuple[np.ndarray, np.ndarray]:
        """The whole postings lists of the terms ``ids`` (the documents ``inside`` keeps, ascending per term), weighted impacts."""
        ip = self._a["indptr"]
        s, n = ip[ids], ip[ids + 1] - ip[ids]
        spans = [slice(a, a + b) for a, b in zip(s.tolist(), n.tolist())]
        docs = np.concatenate([_EMPTY[0], *(self._a["docs"][x] for x in spans)])
        if inside is None:
            term = np.repeat(np.arange(len(ids)), n)
            return docs, w[term] * np.concatenate([_EMPTY[1], *(self._a["impact"][x] for x in spans)])
        # the impacts of only the postings kept: the i-th of docs is term j's (i - first[j])-th
        i = np.flatnonzero(inside(docs))
        first = np.cumsum(n) - n
        term = np.searchsorted(first, i, side="right") - 1
        return docs[i], w[term] * self._a["impact"][s[term] + i - first[term]]

    def _top(self, ids: np.ndarray, w: np.ndarray, n: np.ndarray, inside: _Filter) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Of each term ``ids[j]``, its ``n[j]`` highest-impact postings that ``inside`` keeps (unsorted).

        Their documents, weighted impacts and ``j``.
        """
        ip, order = self._a["indptr"], self._a["order"]
        s, e = ip[ids], ip[ids + 1]
        n = np.minimum(n, e - s)
        # the last n of each term's impact order, as positions in the whole arrays
        top = np.concatenate([_EMPTY[0], *(np.add(order[b - c : b], a, dtype=np.int64) for a, b, c in zip(s.tolist(), e.tolist(), n.tolist()))])
        docs = self._a["docs"][top]
        if inside is None:
            term = np.repeat(np.arange(len(ids)), n)
        else:
            i = np.flatnonzero(inside(docs))
            term = np.searchsorted(np.cumsum(n) - n, i, side="right") - 1
            docs, top = docs[i], top[i]
        return docs, w[term] * self._a["impact"][top], term

    def _above(self, ids: np.ndarray, w: np.ndarray, cut: np.ndarray, inside: _Filter) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`_top` of the postings of each term ``ids[j]`` with an impact above ``cut[j]``."""
        n = []
        for t, c in zip(ids, cut):
            _, impact, order = self._postings(t)
            # bisect over the impact order: numpy's searchsorted(sorter=…) would first check and copy the whole order
            n.append(len(order) - bisect.bisect_right(order, c, key=impact.__getitem__))
        return self._top(ids, w, np.array(n, dtype=np.int64), inside)

    def _lookup(self, t: int, w: float, docs: np.ndarray) -> np.ndarray:
        """Weighted impact of term ``t`` in each of the sorted ``docs`` (0 where it does not occur)."""
        tdocs, impact, _ = self._postings(t)
        row = self._bitmap_row.get(int(t))
        if row is not None:  # the document's bit, and the bits set before it: its posting's index
            word = docs >> 6
            bits = self._a["bm_words"][row][word]
            shift = (docs & 63).astype(np.uint64)
            here = ((bits >> shift) & np.uint64(1)).astype(bool)
            i = self._a["bm_rank"][row][word] + np.bitwise_count(bits & ((np.uint64(1) << shift) - np.uint64(1)))
            return np.where(here, w * impact[np.where(here, i, 0)].astype(np.float64), 0.0)
        if len(tdocs) > 2 * len(docs):  # binary search per document
            # the documents in the list's dtype: given int64, searchsorted would first copy the whole int32 list
            i = np.minimum(np.searchsorted(tdocs, docs.astype(tdocs.dtype)), len(tdocs) - 1)
            return np.where(tdocs[i] == docs, w * impact[i].astype(np.float64), 0.0)
        # A list not much longer than the documents: merge the two (a document in both sorts
        # right before its posting), which is cheaper than as many binary searches.
        d = np.concatenate([docs, tdocs])
        o = np.argsort(d, kind="stable")
        both = np.flatnonzero(d[o[1:]] == d[o[:-1]])
        out = np.zeros(len(docs))
        out[o[both]] = w * impact[o[both + 1] - len(docs)].astype(np.float64)
        return out

    def _complete(self, cand, acc, ids, w, most, theta, k, known=None):
        """Add the terms ``ids`` to the candidates' partial scores ``acc`` by lookup.

        ``most[j]`` is the most term *j* can add to a candidate's score; ``known[i, j]`` (None:
        all False) says that term *j* is already in ``acc[i]`` and is not looked up. Before each
        term, a candidate that cannot reach ``theta`` even with the most of every term still to
        come is dropped; ``theta`` rises with the k-th best partial score, a lower bound of the
        k-th best final score.
        """
        left = float(np.sum(most)) if known is None else (~known * most).sum(axis=1)
        for j, (t, wt) in enumerate(zip(ids, w)):
            if not len(cand):
                break
            keep = acc + left >= theta * (1 - _MARGIN)
            cand, acc = cand[keep], acc[keep]
            if known is None:
                acc += self._lookup(t, wt, cand)
                left -= most[j]
            else:
                known, left = known[keep], left[keep]
                need = np.flatnonzero(~known[:, j])
                acc[need] += self._lookup(t, wt, cand[need])
                left[need] -= most[j]
            theta = max(theta, _kth(acc, k))
        return cand, acc, theta

    def top_k(
        self, query_tokens: Sequence[str], k: int, allowed: np.ndarray | None = None, mask: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` best ``(position, score)`` with a positive score, best first (ties: lower position first).

        Exact: the same documents and float32 scores as ranking :meth:`scores`. ``allowed``
        (sorted positions, or None for all) restricts the ranking to those positions; ``mask``, the
        same positions as a boolean array over the documents, saves building it when the caller has it.
        """
        ids, w = self._query(query_tokens)
        allowed = None if allowed is None else np.asarray(allowed)
        if k <= 0 or not len(ids) or (allowed is not None and not len(allowed)):
            return []
        bound = w * self._max_impact[ids]
        o = np.argsort(-bound, kind="stable")
        ids, w, bound = ids[o], w[o], bound[o]
        rest = np.append(np.cumsum(bound[::-1])[::-1], 0.0)  # rest[j]: the most terms j.. can add to any score
        df = self._a["indptr"][ids + 1] - self._a["indptr"][ids]
        short = max(_SHORT_MIN, self.n_docs // _SHORT_PART)
        if allowed is not None:  # only a list's allowed postings become candidates
            short *= min(_SHORT_FILTERED, self.n_docs // len(allowed))
        if allowed is not None and _LOOKUP_COST * len(allowed) * len(ids) <= df.sum():
            # Few allowed positions: look each one up in every list rather than read the lists.
            cand, acc, _ = self._complete(allowed, np.zeros(len(allowed)), ids, w, bound, 0.0, k)
            return _ranked(cand, acc, k)
        inside, m = None, k
        if allowed is not None:  # a mask over the documents: a posting's test is then one read
            if mask is None or len(mask) != self.n_docs:
                mask = np.zeros(self.n_docs, dtype=bool)
                mask[allowed] = True
            inside, m = mask.__getitem__, k * -(-self.n_docs // len(allowed))
        if df.sum() <= short:  # short lists: read them all
            return _ranked(*_merge(*_EMPTY, *self._read(ids, w, inside)), k)
        if self.n_docs <= _DENSE_DOCS:  # a small index: scoring every document costs less than pruning
            cand = np.arange(self.n_docs) if allowed is None else allowed
            return _ranked(cand, self._dense(ids, w)[cand], k)
        # θ, a lower bound of the k-th best score: the k-th best sum over each term's highest-impact postings
        # (k of them, or as many as hold about k allowed positions).
        theta = _kth(_merge(*_EMPTY, *self._top(ids, w, np.full(len(ids), m), inside)[:2])[1], k)
        # 1. Short lists that can still lift a document to θ are read whole: exact partial scores.
        whole = (df <= short) & (rest[:-1] > theta * (1 - _MARGIN))
        cand, acc = _merge(*_EMPTY, *self._read(ids[whole], w[whole], inside))
        theta = max(theta, _kth(acc, k))
        ids, w, bound, df = ids[~whole], w[~whole], bound[~whole], df[~whole]
        # 2. The other terms by lookup: the candidates are scored exactly, which raises θ.
        seen = cand
        cand, acc, theta = self._complete(cand, acc, ids, w, bound, theta, k)
        # 3. A document outside the candidates scores only from these terms. With a cut per term whose
        #    weighted sum stays below θ, one with no posting above its cuts cannot reach θ: only the
        #    postings above the cuts bring in new candidates. Those postings are the new candidates'
        #    exact partial scores; a term where a candidate is not above the cut adds at most the cut.
        cut = _cutoffs(bound, w, df, theta * (1 - _MARGIN))
        new, new_acc, known = _grouped(*self._above(ids, w, cut, inside), len(ids), seen)
        new, new_acc, _ = self._complete(new, new_acc, ids, w, w * cut, theta, k, known)
        return _ranked(*_merge(cand, acc, new, new_acc), k)

    # ---- storage ---------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write the index into ``directory`` (created if needed): one ``.npy`` per array and ``lexical.json``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in (*_ARRAYS, *(a for a in _BITMAP_ARRAYS if a in self._a)):
            np.save(directory / f"{name}.npy", np.ascontiguousarray(self._a[name]))
        n, total = self._scored_with
        meta = {"format": _FORMAT, "method": "lucene", "k1": self.k1, "b": self.b, "n_docs": self.n_docs,
                "scored_with": {"n_docs": n, "total_len": total}, "terms": self._terms}
        (directory / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, mmap: bool = True) -> "LexicalIndex":
        """Read an index written by :meth:`save` (arrays memory-mapped unless ``mmap=False``).

        Raises OSError when a file is missing and ValueError when the files do not fit together.
        """
        directory = Path(directory)
        missing = [f for f in (_META, *(f"{a}.npy" for a in _ARRAYS)) if not (directory / f).is_file()]
        if missing:
            raise OSError(f"{directory}: BM25 index file(s) missing: {', '.join(missing)}")
        meta = json.loads((directory / _META).read_text(encoding="utf-8"))
        if meta.get("format") != _FORMAT:
            raise ValueError(f"{directory}: BM25 index format {meta.get('format')!r}, expected {_FORMAT}")
        # Plain ndarray views of the maps: np.memmap's subclass hooks would cost on every slice.
        names = (*_ARRAYS, *_BITMAP_ARRAYS) if all((directory / f"{x}.npy").is_file() for x in _BITMAP_ARRAYS) else _ARRAYS
        a = {name: np.asarray(np.load(directory / f"{name}.npy", mmap_mode="r" if mmap else None)) for name in names}
        terms = meta["terms"]
        p = len(a["docs"])
        if (len(a["indptr"]) != len(terms) + 1 or int(a["indptr"][-1]) != p or len(a["df"]) != len(terms)
                or not len(a["tf"]) == len(a["impact"]) == len(a["order"]) == p or len(a["doc_len"]) != meta["n_docs"]):
            raise ValueError(f"{directory}: BM25 index arrays do not fit together (truncated or mixed files)")
        sw = meta["scored_with"]
        return cls(terms, a, float(meta["k1"]), float(meta["b"]), (int(sw["n_docs"]), int(sw["total_len"])))


def _bitmaps(indptr: np.ndarray, docs: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """For each term in at least max(_BITMAP_MIN, n / _BITMAP_PART) documents: a bit per document, and
    per 64-bit word how many of the term's postings come before it (see :meth:`LexicalIndex._lookup`)."""
    df = np.diff(indptr)
    terms = np.flatnonzero(df >= max(_BITMAP_MIN, n / _BITMAP_PART))
    n_words = n // 64 + 1
    words = np.zeros((len(terms), n_words), dtype=np.uint64)
    rank = np.zeros((len(terms), n_words), dtype=np.int32)
    for row, t in enumerate(terms.tolist()):
        d = docs[indptr[t] : indptr[t + 1]].astype(np.int64)
        w = d >> 6
        first = np.flatnonzero(np.diff(w, prepend=-1))  # a term lists each document once, ascending
        words[row, w[first]] = np.bitwise_or.reduceat(np.uint64(1) << (d & 63).astype(np.uint64), first)
        counts = np.bitwise_count(words[row])
        rank[row, 1:] = np.cumsum(counts[:-1])
    return {"bm_terms": terms.astype(np.int64), "bm_words": words, "bm_rank": rank}


def _within(docs: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Mask of the entries of ``docs`` that are in the sorted ``allowed``."""
    i = np.minimum(np.searchsorted(allowed, docs), len(allowed) - 1)
    return allowed[i] == docs


_EMPTY = (np.zeros(0, np.int64), np.zeros(0))


def _grouped(docs: np.ndarray, vals: np.ndarray, term: np.ndarray, n_terms: int, seen: np.ndarray):
    """The distinct ``docs`` not in the sorted ``seen``, sorted, with the sum of their ``vals``
    and which terms they came from (``known[i, j]``: ``docs`` holds document *i* with ``term`` *j*)."""
    o = np.argsort(docs, kind="stable")
    docs, vals, term = docs[o], vals[o], term[o]
    starts = _starts(docs)
    first = np.flatnonzero(starts)
    known = np.zeros((len(first), n_terms), dtype=bool)
    known[np.cumsum(starts) - 1, term] = True
    docs, vals = docs[first], (np.add.reduceat(vals, first) if len(first) else vals)
    new = ~_within(docs, seen) if len(seen) else slice(None)
    return docs[new], vals[new], known[new]


def _merge(cand: np.ndarray, acc: np.ndarray, docs: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Add ``vals`` of the sorted ``docs`` into the sorted candidates ``cand`` and their scores ``acc``."""
    d, v = np.concatenate([cand, docs]), np.concatenate([acc, vals])
    o = np.argsort(d, kind="stable")  # timsort: sorted runs merge in linear time
    d, v = d[o], v[o]
    first = np.flatnonzero(_starts(d))
    return d[first], (np.add.reduceat(v, first) if len(first) else v)


def _starts(d: np.ndarray) -> np.ndarray:
    """Mask of the entries of the sorted ``d`` that differ from the one before."""
    mask = np.ones(len(d), dtype=bool)
    np.not_equal(d[1:], d[:-1], out=mask[1:])
    return mask


def _kth(acc: np.ndarray, k: int) -> float:
    """The k-th largest of ``acc`` (0 when there are fewer than k)."""
    return float(np.partition(acc, len(acc) - k)[len(acc) - k]) if len(acc) >= k else 0.0


def _ranked(cand: np.ndarray, acc: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best candidates with a positive float32 score; ties by position."""
    s = acc.astype(np.float32)
    pos = np.flatnonzero(s > 0)
    if len(pos) > k:
        pos = pos[s[pos] >= np.partition(s[pos], len(pos) - k)[len(pos) - k]]
    best = pos[np.lexsort((cand[pos], -s[pos]))][:k]
    return list(zip(cand[best].tolist(), s[best].tolist()))


def _cutoffs(bound: np.ndarray, w: np.ndarray, df: np.ndarray, budget: float) -> np.ndarray:
    """Impact cuts ``c`` with ``Σ w·c ≤ budget``, shared in proportion to the lists' lengths.

    A term whose share exceeds its bound (weight · largest impact) is cut at its largest
    impact, so none of its postings is read (MaxScore's non-essential terms), and what it
    leaves over is shared again among the others.
    """
    cut, left = bound / w, np.ones(len(bound), dtype=bool)
    while left.any():
        share = budget * df / df[left].sum()
        capped = left & (bound <= share)
        if not capped.any():
            cut[left] = share[left] / w[left]
            break
        budget -= float(bound[capped].sum())
        left &= ~capped
    return cut
