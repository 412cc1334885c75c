"""Search: load an index generation and answer queries (hybrid, dense, lexical).

Hybrid fuses the dense (e5 in FAISS) and lexical (Kiwi BM25) rankings with
reciprocal-rank fusion; see README "Fusion" for the measurements behind the
choice. Exact duplicates collapse into one hit that lists its copies.
:class:`SearchIndex` is immutable after loading and safe to share between threads.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from .audit import compute_links, linked_for
from .building import FORMAT_VERSION, MANIFEST, current_generation, file_digest
from .errors import (
    IndexCorrupt,
    IndexNotFound,
    InvalidQuery,
    ModelMismatch,
    UnknownChoice,
)
from .lexical import LexicalIndex
from .records import PASSAGE_KINDS, Passage, Target
from .segmentation import content_morphs, fold, query_tokens
from .store import Corpus, dup_key, read_store
from .vectors import load_vectors, search_vectors

__all__ = [
    "MODES",
    "MAX_QUERY_CHARS",
    "MAX_K",
    "Location",
    "Hit",
    "SearchResult",
    "SearchIndex",
    "load_index",
    "normalize_query",
]

MODES: tuple[str, ...] = ("hybrid", "dense", "lexical")
MAX_QUERY_CHARS = 500
MAX_K = 100
#: RRF constant; 60 is the value from Cormack et al. and was best or tied on the dev set.
RRF_K = 60
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_WS = re.compile(r"\s+")


def normalize_query(q: str) -> str:
    """NFKC (full-width → ASCII, NFD Hangul → syllables), no zero-width or control characters, single spaces."""
    q = unicodedata.normalize("NFKC", unicodedata.normalize("NFC", q).translate(_ZERO_WIDTH))
    q = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in q)  # NUL, tabs, newlines
    return _WS.sub(" ", q).strip()


@dataclass(frozen=True)
class Location:
    """Where a (duplicate) passage sits: for citations and duplicate listings."""

    passage_id: str
    doc_id: str
    section: tuple[str, ...]
    page: int | None


@dataclass(frozen=True)
class Hit:
    """One ranked result."""

    rank: int
    score: float
    passage_id: str
    doc_id: str
    doc_title: str
    kind: str
    section: tuple[str, ...]
    page: int | None
    text: str
    targets: tuple[Target, ...]
    highlights: tuple[tuple[int, int], ...]
    copies: int = 1
    duplicates: tuple[Location, ...] = ()
    parent_id: str | None = None
    linked: tuple = ()  # audit.LinkedPassage: 투자 방향 ↔ 투자 중점사업, with targets

    def to_dict(self) -> dict:
        """The hit as the JSON the CLI and the HTTP API return."""
        return {
            "rank": self.rank,
            "score": self.score,
            "passage_id": self.passage_id,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "kind": self.kind,
            "section": list(self.section),
            "page": self.page,
            "text": self.text,
            "targets": [t.to_dict() for t in self.targets],
            "highlights": [{"start": s, "end": e} for s, e in self.highlights],
            "copies": self.copies,
            "duplicates": [
                {"passage_id": d.passage_id, "doc_id": d.doc_id, "section": list(d.section), "page": d.page} for d in self.duplicates
            ],
            "parent_id": self.parent_id,
            "linked": [link.to_dict() for link in self.linked],
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str
    took_ms: float
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"query": self.query, "mode": self.mode, "took_ms": round(self.took_ms, 3), "results": [h.to_dict() for h in self.hits]}


class SearchIndex:
    """A loaded index generation: corpus, FAISS, BM25 and the embedder that built it."""

    def __init__(
        self, path: Path, manifest: dict, corpus: Corpus, vectors, lexical: LexicalIndex, embedder, query_cache_size: int = 1024
    ) -> None:
        self.path = path
        self.manifest = manifest
        self.corpus = corpus
        self.vectors = vectors
        self.lexical = lexical
        self.embedder = embedder
        self.generation: str = manifest["generation"]
        self._pos_doc = np.array([_intern(corpus.passages[r].doc_id) for r in corpus.vector_rows], dtype=np.int64)
        self._pos_kind = np.array([_intern(corpus.passages[r].kind) for r in corpus.vector_rows], dtype=np.int64)
        self.links = None  # set by load_index (audit.compute_links)
        # Chatbots repeat queries; an embedded query is ~10 ms of a ~15 ms search.
        self._embed_query = functools.lru_cache(maxsize=query_cache_size)(self._embed_query_uncached) if query_cache_size else self._embed_query_uncached

    def _embed_query_uncached(self, q: str) -> np.ndarray:
        v = self.embedder.encode_queries([q])
        v.setflags(write=False)  # shared through the cache
        return v

    def warm_up(self) -> None:
        """Pay Kiwi's and the embedder's first-call costs now, not on a user's first query."""
        from .segmentation import get_kiwi

        get_kiwi()
        self.embedder.encode_queries(["준비"])

    # ---- helpers -------------------------------------------------------
    @property
    def model_id(self) -> str:
        return self.manifest["model"]["id"]

    def _allowed(self, docs: Sequence[str] | None, kinds: Sequence[str] | None) -> np.ndarray | None:
        if not docs and not kinds:
            return None
        mask = np.ones(len(self.corpus.vector_rows), dtype=bool)
        if docs:
            unknown = [d for d in docs if d not in self.corpus.documents]
            if unknown:
                raise UnknownChoice("document", unknown[0], sorted(self.corpus.documents))
            mask &= np.isin(self._pos_doc, [_intern(d) for d in docs])
        if kinds:
            bad = [k for k in kinds if k not in PASSAGE_KINDS or k == "heading"]
            if bad:
                raise UnknownChoice("kind", bad[0], [k for k in PASSAGE_KINDS if k != "heading"])
            mask &= np.isin(self._pos_kind, [_intern(k) for k in kinds])
        return np.flatnonzero(mask)

    # ---- search --------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        docs: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        collapse: bool = True,
    ) -> SearchResult:
        """Rank passages for ``query``; raises :class:`InvalidQuery`/:class:`UnknownChoice` on bad input."""
        t0 = time.perf_counter()
        timings: dict[str, float] = {}
        q = normalize_query(query or "")
        if not q:
            raise InvalidQuery("query is empty; type a few words, e.g. 스마트도시 관련 사업")
        if len(q) > MAX_QUERY_CHARS:
            raise InvalidQuery(f"query is {len(q)} characters; the maximum is {MAX_QUERY_CHARS}")
        if mode not in MODES:
            raise UnknownChoice("mode", mode, MODES)
        if not 1 <= k <= MAX_K:
            raise InvalidQuery(f"k={k} is out of range; use 1..{MAX_K}")
        allowed = self._allowed(docs, kinds)
        n = len(self.corpus.vector_rows)
        pool = min(n, max(100, 5 * k)) if allowed is None else min(len(allowed), max(100, 5 * k))
        if pool == 0 or n == 0:
            return SearchResult(q, mode, (time.perf_counter() - t0) * 1000, (), timings)

        t = time.perf_counter()
        qmorphs = content_morphs(q)
        qtokens = query_tokens(qmorphs)
        timings["analysis"] = (time.perf_counter() - t) * 1000

        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        if mode in ("hybrid", "dense"):
            t = time.perf_counter()
            qv = self._embed_query(q)
            timings["embed"] = (time.perf_counter() - t) * 1000
            t = time.perf_counter()
            scores, ids = search_vectors(self.vectors, qv, pool, allowed)
            dense = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
            timings["faiss"] = (time.perf_counter() - t) * 1000
        if mode in ("hybrid", "lexical"):
            t = time.perf_counter()
            s = self.lexical.scores(qtokens)
            if allowed is not None:
                masked = np.full_like(s, -1.0)
                masked[allowed] = s[allowed]
                s = masked
            top = np.argpartition(-s, min(pool, len(s) - 1))[:pool] if len(s) > pool else np.arange(len(s))
            top = top[np.argsort(-s[top], kind="stable")]
            lexical = [(int(i), float(s[i])) for i in top if s[i] > 0]
            timings["bm25"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        if mode == "dense":
            fused = dense
        elif mode == "lexical":
            fused = lexical
        else:
            fused = rrf([dense, lexical])
        timings["fusion"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        hits = self._assemble(fused, k, qtokens, collapse)
        timings["assemble"] = (time.perf_counter() - t) * 1000
        return SearchResult(q, mode, (time.perf_counter() - t0) * 1000, tuple(hits), timings)

    def _assemble(self, ranked: list[tuple[int, float]], k: int, qtokens: list[str], collapse: bool) -> list[Hit]:
        c = self.corpus
        hits: list[Hit] = []
        seen: set[str] = set()
        qset = set(qtokens)
        for pos, score in ranked:
            row = c.vector_rows[pos]
            p = c.passages[row]
            key = dup_key(p.text)
            if collapse:
                if key in seen:
                    continue
                seen.add(key)
            group = c.dup_groups.get(key, [row]) if collapse else [row]
            others = tuple(
                Location(c.passages[r].id, c.passages[r].doc_id, c.passages[r].section, c.passages[r].page) for r in group if r != row
            )
            hits.append(
                Hit(
                    rank=len(hits) + 1,
                    score=round(score, 6),
                    passage_id=p.id,
                    doc_id=p.doc_id,
                    doc_title=c.documents[p.doc_id].title,
                    kind=p.kind,
                    section=p.section,
                    page=p.page,
                    text=p.text,
                    targets=p.targets,
                    highlights=self._highlights(row, p, qset),
                    copies=len(group),
                    duplicates=others,
                    parent_id=p.parent_id,
                    linked=tuple(linked_for(self, p.id, self.links)) if self.links is not None else (),
                )
            )
            if len(hits) >= k:
                break
        return hits

    def _highlights(self, row: int, p: Passage, qset: set[str]) -> tuple[tuple[int, int], ...]:
        """Spans (in ``p.text``) of the passage morphemes the query shares, adjacent ones merged."""
        if not qset:
            return ()
        spans: list[list[int]] = []
        for m in self.corpus.morphs[row]:
            f = fold(m.form)
            # Exact morpheme, or a query part inside a longer compound (자치 in 자치회).
            if f not in qset and not (len(f) >= 3 and any(len(t) >= 2 and t in f for t in qset)):
                continue
            s, e = m.start, m.end  # morpheme offsets are relative to the passage text
            if spans and s <= spans[-1][1] + 1 and p.text[spans[-1][1] : s].strip() == "":
                spans[-1][1] = max(spans[-1][1], e)
            else:
                spans.append([s, e])
        return tuple((s, e) for s, e in spans)


def rrf(rankings: Sequence[Sequence[tuple[int, float]]], k: int = RRF_K, weights: Sequence[float] | None = None) -> list[tuple[int, float]]:
    """Reciprocal-rank fusion of several ``[(id, score)]`` rankings (best first)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for w, ranking in zip(weights, rankings):
        for r, (i, _s) in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + w / (k + r + 1)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


_interned: dict[str, int] = {}
_intern_lock = threading.Lock()


def _intern(s: str) -> int:
    with _intern_lock:
        return _interned.setdefault(s, len(_interned))


def load_index(index_dir: "str | Path", embedder=None, verify: bool = True, query_cache_size: int = 1024) -> SearchIndex:
    """Load the live generation of ``index_dir``.

    Raises :class:`IndexNotFound` (no index yet), :class:`IndexCorrupt` (files
    missing, truncated or not matching the manifest) or :class:`ModelMismatch`
    (``embedder`` is not the model that built the index).
    """
    from models import get_embedder

    index_dir = Path(index_dir)
    if not index_dir.is_dir():
        raise IndexNotFound(f"no index at {index_dir}; build one with: plansearch index corpus/ --index {index_dir}")
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexNotFound(f"{index_dir} holds no index yet; build one with: plansearch index corpus/ --index {index_dir}")
    if not gen.is_dir():
        raise IndexCorrupt(f"{index_dir}/CURRENT names {gen.name}, which does not exist; rebuild the index")
    try:
        manifest = json.loads((gen / MANIFEST).read_text())
        files = manifest["files"]
        version = manifest["format_version"]
        model = manifest["model"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexCorrupt(f"{gen / MANIFEST}: unreadable manifest ({type(e).__name__}); rebuild the index") from None
    if version != FORMAT_VERSION:
        raise IndexCorrupt(f"{gen}: index format {version}, this plansearch reads {FORMAT_VERSION}; rebuild the index")
    for rel, meta in files.items():
        f = gen / rel
        if not f.is_file():
            raise IndexCorrupt(f"{f}: missing; rebuild the index")
        if f.stat().st_size != meta["bytes"]:
            raise IndexCorrupt(f"{f}: {f.stat().st_size} bytes, manifest says {meta['bytes']} (truncated?); rebuild the index")
        if verify and file_digest(f) != meta["sha256"]:
            raise IndexCorrupt(f"{f}: content does not match the manifest checksum; rebuild the index")
    if embedder is None:
        from models import name_for

        embedder = get_embedder(name_for(model["id"], model["runtime"]))
    if (embedder.model_id, embedder.runtime, embedder.dim) != (model["id"], model["runtime"], model["dim"]):
        raise ModelMismatch(
            f"index {index_dir} was built with {model['id']} ({model['runtime']}, dim {model['dim']}) but the "
            f"embedder is {embedder.model_id} ({embedder.runtime}, dim {embedder.dim}); rebuild the index with this "
            f"model or search with --model {model['id']}"
        )
    try:
        corpus = read_store(gen / "store.sqlite")
        vectors = load_vectors(gen / "vectors.faiss")
        lexical = LexicalIndex.load(gen / "bm25")
    except (sqlite3.Error, RuntimeError, ValueError, OSError) as e:
        raise IndexCorrupt(f"{gen}: cannot load ({type(e).__name__}: {e}); rebuild the index") from None
    ef = manifest.get("vector_index", {}).get("ef_search")
    if ef and hasattr(vectors, "hnsw"):
        vectors.hnsw.efSearch = int(ef)  # the recall/latency trade-off recorded at build time
    if vectors.ntotal != len(corpus.vector_rows) or lexical.n_docs != len(corpus.vector_rows):
        raise IndexCorrupt(f"{gen}: vector/BM25/store counts disagree; rebuild the index")
    ix = SearchIndex(gen, manifest, corpus, vectors, lexical, embedder, query_cache_size)
    ix.links = compute_links(ix)  # direction ↔ project links, once per load (seconds at 100k passages)
    ix.warm_up()
    return ix
