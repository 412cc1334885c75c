"""Synthetic corpora for the scale benchmark: e5-like vectors and Zipfian Korean morpheme streams.

Embedding a million passages takes hours on two cores, so the scale indexes
are built from data with the statistics of the real thing:

* **Vectors** (dim 384, L2-normalised) = a shared direction + a topic centroid
  + noise. multilingual-e5 vectors are strongly anisotropic: on the sample
  corpus the mean pairwise cosine is 0.89 and the norm of the mean vector
  0.94; the weights below reproduce that (:func:`vector_stats` checks it).
  Centroids and noise have a power-law spectrum (variance of the i-th
  principal direction ∝ i^-0.9, randomly rotated), as real embeddings do,
  rather than isotropic noise, which would make ANN search unrealistically hard.
  Topic sizes are Zipfian too.
* **Morphemes**: a vocabulary of pseudo-nouns made of the corpus's own Hangul
  syllables, kept only where Kiwi analyses the word as exactly one noun (so a
  query typed from them goes through the real Kiwi path and meets the same
  BM25 tokens). Passages draw ~15 words: two thirds from a Zipf–Mandelbrot
  distribution over the whole vocabulary, one third from their topic's own
  words, which ties the lexical and the dense side together as in real text.
* **Queries** are 2–3 topic words plus, half the time, a common word, with
  a query vector drawn from the same topic.

Passages become real :class:`~indexer.records.Passage` / :class:`~indexer.segmentation.Morph`
records in an :class:`~indexer.store.Corpus`, so a :class:`~indexer.search.SearchIndex`
over them holds what a server holds at that size.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.segmentation import Morph, content_morphs, tokens_of

from .common import ROOT, log

__all__ = [
    "DIM",
    "SyntheticPassages",
    "VectorModel",
    "load_vocabulary",
    "make_corpus",
    "make_passages",
    "make_queries",
    "vector_stats",
]

DIM = 384
#: Weights of shared direction, topic centroid and noise (see module docstring).
GLOBAL_W, TOPIC_W, NOISE_W = 0.94, 0.22, 0.25
SPECTRUM_DECAY = 0.9
TOPIC_WORDS = 40
TOPIC_SHARE = 1 / 3
PASSAGE_TOKENS = 15
PASSAGES_PER_DOC = 160
CACHE_DIR = ROOT / "benchmarks" / "results" / "cache"


class VectorModel:
    """Draws e5-like unit vectors around ``n_topics`` topic centroids."""

    def __init__(self, n_topics: int, seed: int = 0, dim: int = DIM) -> None:
        rng = np.random.default_rng(seed)
        self.dim, self.n_topics = dim, n_topics
        self._rotation = np.linalg.qr(rng.standard_normal((dim, dim)))[0].astype(np.float32)
        self._scales = (np.arange(1, dim + 1, dtype=np.float32) ** (-SPECTRUM_DECAY / 2)).astype(np.float32)
        g = rng.standard_normal(dim).astype(np.float32)
        self._shared = g / np.linalg.norm(g)
        self._centroids = self._unit_rows(rng, n_topics)
        w = 1.0 / np.arange(1, n_topics + 1) ** 0.7
        self.topic_p = w / w.sum()

    def _unit_rows(self, rng: np.random.Generator, n: int) -> np.ndarray:
        z = (rng.standard_normal((n, self.dim), dtype=np.float32) * self._scales) @ self._rotation.T
        return z / np.linalg.norm(z, axis=1, keepdims=True)

    def sample(self, topics: np.ndarray, seed: int, chunk: int = 100_000) -> np.ndarray:
        """One vector per entry of ``topics`` (float32, unit rows), generated in chunks to bound memory."""
        rng = np.random.default_rng(seed)
        out = np.empty((len(topics), self.dim), dtype=np.float32)
        for s in range(0, len(topics), chunk):
            t = topics[s : s + chunk]
            x = GLOBAL_W * self._shared + TOPIC_W * self._centroids[t] + NOISE_W * self._unit_rows(rng, len(t))
            out[s : s + len(t)] = x / np.linalg.norm(x, axis=1, keepdims=True)
        return out

    def topics(self, n: int, seed: int) -> np.ndarray:
        return np.random.default_rng(seed).choice(self.n_topics, size=n, p=self.topic_p)


def vector_stats(x: np.ndarray, sample: int = 2000, seed: int = 0) -> dict[str, float]:
    """Mean pairwise cosine, norm of the mean, and mean cosine to the 1st/10th neighbour (within a sample)."""
    idx = np.random.default_rng(seed).choice(len(x), size=min(sample, len(x)), replace=False)
    s = x[idx] @ x[idx].T
    iu = np.triu_indices(len(idx), 1)
    np.fill_diagonal(s, -1)
    top = -np.sort(-s, axis=1)
    return {
        "mean_cos": round(float(s[iu].mean()), 4),
        "mean_norm": round(float(np.linalg.norm(x[idx].mean(0))), 4),
        "nn1_cos": round(float(top[:, 0].mean()), 4),
        "nn10_cos": round(float(top[:, 9].mean()), 4),
        "sample": len(idx),
    }


# ---- vocabulary --------------------------------------------------------------


def _syllables() -> tuple[list[str], list[int]]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    counts = Counter(ch for ch in text if "\uac00" <= ch <= "\ud7a3")
    return list(counts), list(counts.values())


def _is_one_noun(word: str) -> str | None:
    m = content_morphs(word)
    return m[0].tag if len(m) == 1 and m[0].form == word and m[0].tag.startswith("NN") else None


def load_vocabulary(size: int = 50_000, seed: int = 0, cache_dir: Path | None = None) -> list[tuple[str, str]]:
    """``size`` distinct ``(word, Kiwi tag)`` pseudo-nouns, cached (default ``benchmarks/results/cache``)."""
    path = (cache_dir or CACHE_DIR) / f"vocab-{size}-{seed}.json"
    if path.exists():
        return [tuple(x) for x in json.loads(path.read_text(encoding="utf-8"))]
    log(f"synthetic: building a {size}-word vocabulary with Kiwi (cached afterwards)")
    syl, weights = _syllables()
    rng = random.Random(seed)
    vocab: dict[str, str] = {}
    while len(vocab) < size:
        w = "".join(rng.choices(syl, weights, k=rng.choice((2, 2, 3, 3, 3, 4))))
        if w not in vocab and (tag := _is_one_noun(w)):
            vocab[w] = tag
    items = list(vocab.items())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return items


# ---- passages and queries ----------------------------------------------------------


@dataclass
class SyntheticPassages:
    """Word ids per passage (CSR: ``offsets``/``words``), topic per passage, and the vocabulary."""

    vocab: list[tuple[str, str]]
    topics: np.ndarray
    offsets: np.ndarray
    words: np.ndarray
    topic_words: np.ndarray

    def __len__(self) -> int:
        return len(self.topics)

    def word_ids(self, i: int) -> np.ndarray:
        return self.words[self.offsets[i] : self.offsets[i + 1]]


def _zipf_p(v: int) -> np.ndarray:
    w = 1.0 / (np.arange(v) + 2.7)  # Zipf–Mandelbrot, s=1
    return w / w.sum()


def make_passages(
    topics: np.ndarray, n_topics: int, vocab: list[tuple[str, str]], seed: int, stream_seed: int | None = None
) -> SyntheticPassages:
    """Word streams for passages of the given topics (lengths ~ Poisson(15), at least 4).

    The topics' words come from ``seed``; with ``stream_seed`` the passages' words come from that
    seed instead (shards drawn one at a time: the same topics, their own passages).
    """
    rng = np.random.default_rng(seed)
    v = len(vocab)
    topic_words = np.stack([rng.choice(np.arange(200, v), size=TOPIC_WORDS, replace=False) for _ in range(n_topics)])
    if stream_seed is not None:
        rng = np.random.default_rng(stream_seed)
    lengths = np.maximum(4, rng.poisson(PASSAGE_TOKENS, size=len(topics)))
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    words = rng.choice(v, size=int(offsets[-1]), p=_zipf_p(v))
    from_topic = rng.random(len(words)) < TOPIC_SHARE
    owner = np.repeat(topics, lengths)
    words[from_topic] = topic_words[owner[from_topic], rng.integers(0, TOPIC_WORDS, int(from_topic.sum()))]
    return SyntheticPassages(vocab, topics, offsets, words.astype(np.int32), topic_words)


def make_queries(sp: SyntheticPassages, model: VectorModel, n: int, seed: int) -> tuple[list[str], np.ndarray]:
    """``n`` query strings and their in-distribution query vectors."""
    rng = np.random.default_rng(seed)
    topics = model.topics(n, seed)
    zipf = _zipf_p(len(sp.vocab))
    texts = []
    for t in topics:
        ids = list(rng.choice(sp.topic_words[t], size=rng.integers(2, 4), replace=False))
        if rng.random() < 0.5:
            ids.append(int(rng.choice(200, p=zipf[:200] / zipf[:200].sum())))
        texts.append(" ".join(sp.vocab[i][0] for i in ids))
    return texts, model.sample(topics, seed + 1)


# ---- passages as index records -----------------------------------------------------


def passage_tokens(sp: SyntheticPassages) -> list[list[str]]:
    """Each passage's BM25 tokens (what :func:`~indexer.segmentation.tokens_of` makes of its words)."""
    word_tokens = [tokens_of([Morph(w, tag, 0, len(w))]) for w, tag in sp.vocab]
    return [[t for w in sp.word_ids(i) for t in word_tokens[w]] for i in range(len(sp))]


def make_corpus(sp: SyntheticPassages):
    """The passages as a real :class:`~indexer.store.Corpus` plus their BM25 token lists.

    Documents of 160 passages; each document's first passage of every 5 is a
    goal and the others its sub-items, as in the sample plan.
    """
    from indexer.records import Passage
    from indexer.store import Corpus, DocumentInfo

    word_tokens = [tokens_of([Morph(w, tag, 0, len(w))]) for w, tag in sp.vocab]
    passages: list[Passage] = []
    morphs: list[tuple[Morph, ...]] = []
    token_lists: list[list[str]] = []
    documents: dict[str, DocumentInfo] = {}
    doc_texts: dict[str, str] = {}
    for d0 in range(0, len(sp), PASSAGES_PER_DOC):
        doc_id = f"synthetic-{d0 // PASSAGES_PER_DOC:06d}"
        section = (doc_id, "1. 일반공공행정 분야")
        pos, texts, parent = 0, [], None
        for i in range(d0, min(d0 + PASSAGES_PER_DOC, len(sp))):
            ids = sp.word_ids(i)
            text = " ".join(sp.vocab[w][0] for w in ids)
            ms, start = [], pos
            for w in ids:
                form, tag = sp.vocab[w]
                ms.append(Morph(form, tag, start, start + len(form)))
                start += len(form) + 1
            goal = (i - d0) % 5 == 0
            pid = f"{doc_id}-p{i - d0:04d}"
            kind, parent_id = ("goal", None) if goal else ("sub-item", parent)
            passages.append(Passage(pid, doc_id, kind, section, text, pos, pos + len(text), None, parent_id, i - d0))
            parent = pid if goal else parent
            morphs.append(tuple(ms))
            token_lists.append([t for w in ids for t in word_tokens[w]])
            texts.append(text)
            pos += len(text) + 1
        n = len(texts)
        documents[doc_id] = DocumentInfo(doc_id, f"합성 계획 {doc_id}", f"{doc_id}.txt", "0" * 64, "plan", n, 0)
        doc_texts[doc_id] = "\n".join(texts)
    corpus = Corpus(documents, passages, morphs, list(range(len(passages))), doc_texts)
    return corpus, token_lists
