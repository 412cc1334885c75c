"""Match statistics: the per-generation data behind search's match labels (``service/search/match.py``).

Two things, both fixed for a generation:

* the document frequency of every folded topic-morpheme form (nouns, names, roots:
  :data:`TOPIC_TAGS`) over the searchable passages, and their count ``n`` — the IDF weights of
  lexical coverage;
* the vectors of a fixed random sample of :data:`SAMPLE` searchable passages (seed
  :data:`SEED`) — the query's typical cosine for dense surprise.

Counting means walking every passage's morphemes (69 s at 1M passages from a store), so the
builder counts them once, from the morphemes it already holds, and writes :data:`MATCH_STATS`
beside the generation's other files (a sharded generation: one file at its root, the shards'
counts summed — their passages are disjoint, so the sums are the global frequencies). The
server reads it in milliseconds (:func:`read_match_stats`); a generation written before the
file existed has none, and :func:`compute_match_stats` counts from its store as before. Both
give the same numbers (``tests/indexer/test_match_stats.py``).

The file is an uncompressed ``.npz``: the forms sorted, NUL-joined in one UTF-8 buffer, their
frequencies (int64), the sample's positions and float32 vectors, and the parameters it was
made with (a file made with other parameters is ignored and the statistics recounted).
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from indexer.segmentation import fold

if TYPE_CHECKING:
    from indexer.store import Corpus

__all__ = [
    "MATCH_STATS",
    "SAMPLE",
    "SEED",
    "TOPIC_TAGS",
    "MatchStats",
    "topic_df",
    "sample_positions",
    "compute_match_stats",
    "write_match_stats",
    "read_match_stats",
]

log = logging.getLogger(__name__)

MATCH_STATS = "match_stats.npz"
#: Passages sampled for the query's typical cosine (fixed seed: the same for every query).
SAMPLE = 2048
SEED = 0
#: Content morpheme tags that carry a topic (verbs and adverbs such as 위하/마련/대폭 do not).
TOPIC_TAGS = ("NNG", "NNP", "SL", "XR", "NR", "SH")
#: Bumped when what the file holds or how it is counted changes; an older file is then recounted.
_VERSION = 1


@dataclass(frozen=True)
class MatchStats:
    """Per-index data for labelling: a vector sample and document frequencies of morpheme forms."""

    sample: np.ndarray  # (m, dim) float32, unit vectors of sampled passages
    df: Counter
    n: int

    def idf(self, form: str) -> float:
        return math.log((self.n + 1) / (self.df.get(form, 0) + 0.5))


def topic_df(rows: Iterable[Iterable[Sequence]]) -> Counter:
    """Document frequencies of folded topic forms over ``rows``, each a passage's morphemes as
    ``(form, tag, …)`` sequences (a form counts once per passage)."""
    df: Counter = Counter()
    folded: dict[str, str] = {}  # forms repeat: fold each once
    for morphs in rows:
        df.update({folded.get(f) or folded.setdefault(f, fold(f)) for f, tag, *_ in morphs if tag.startswith(TOPIC_TAGS)})
    return df


def sample_positions(n: int) -> np.ndarray:
    """The vector positions sampled for dense surprise among ``n`` (sorted; empty when ``n`` is 0)."""
    if not n:
        return np.zeros(0, dtype=np.int64)
    rng = np.random.default_rng(SEED)
    return np.sort(rng.choice(n, size=min(n, SAMPLE), replace=False)).astype(np.int64)


def compute_match_stats(corpus: "Corpus", vectors) -> MatchStats:
    """The statistics counted from a loaded generation: every searchable row's morphemes, read
    from the store, and the sample's vectors from the FAISS index (what a server without
    :data:`MATCH_STATS` does on its first search)."""
    n = len(corpus.vector_rows)
    sample = np.zeros((0, 1), dtype=np.float32)
    if n:
        sample = np.vstack([vectors.reconstruct(int(p)) for p in sample_positions(n)]).astype(np.float32)
    df = topic_df(corpus.iter_raw_morphs(corpus.vector_rows))  # streamed from the store, a chunk of rows at a time
    return MatchStats(sample, df, n)


def _meta(n: int) -> dict:
    return {"version": _VERSION, "n": int(n), "sample": SAMPLE, "seed": SEED, "tags": list(TOPIC_TAGS)}


def write_match_stats(path: Path, stats: MatchStats) -> None:
    """Write ``stats`` to ``path`` (:data:`MATCH_STATS` in a generation directory)."""
    forms = sorted(stats.df)
    if any("\0" in f for f in forms):  # pragma: no cover - Kiwi never yields one
        raise ValueError("a morpheme form holds a NUL character")
    with open(path, "wb") as f:
        np.savez(
            f,
            meta=np.frombuffer(json.dumps(_meta(stats.n)).encode(), dtype=np.uint8),
            forms=np.frombuffer("\0".join(forms).encode("utf-8"), dtype=np.uint8),
            df=np.array([stats.df[t] for t in forms], dtype=np.int64),
            positions=sample_positions(stats.n),
            sample=np.ascontiguousarray(stats.sample, dtype=np.float32),
        )


def read_match_stats(gen: Path, n: int) -> MatchStats | None:
    """The statistics stored in generation directory ``gen`` for its ``n`` searchable passages;
    None when it has no :data:`MATCH_STATS` (written before there was one) or one made with other
    parameters or another passage count: then count them (:func:`compute_match_stats`)."""
    path = Path(gen) / MATCH_STATS
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            if meta != _meta(n):
                log.warning("%s: made with %s, this plansearch uses %s; counting again", path, meta, _meta(n))
                return None
            buf, counts, sample = z["forms"].tobytes().decode("utf-8"), z["df"], z["sample"]
    except (OSError, ValueError, KeyError) as e:
        log.warning("%s: unreadable (%s: %s); counting again", path, type(e).__name__, e)
        return None
    forms = buf.split("\0") if len(counts) else []
    if len(forms) != len(counts):
        log.warning("%s: %d forms but %d counts; counting again", path, len(forms), len(counts))
        return None
    return MatchStats(sample, Counter(dict(zip(forms, counts.tolist()))), n)
