"""Search: load an index generation and answer queries (hybrid, dense, lexical).

Hybrid fuses the dense (e5 in FAISS) and lexical (Kiwi BM25) rankings with
reciprocal-rank fusion; see docs/quality-log.md, "Fusion", for the measurements behind the
choice. Exact duplicates and near copies (service/search/copies.py) collapse into one hit
that lists its copies.
:class:`SearchIndex` is immutable after loading and safe to share between threads.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from indexer.errors import InvalidQuery, UnknownChoice
from indexer.generation import check_model, open_generation, read_manifest
from indexer.ingest.metadata import DOC_TYPES
from indexer.lexical import LexicalIndex
from indexer.records import PASSAGE_KINDS, UNSEARCHED_KINDS, VIEW_KINDS, Target
from indexer.segmentation import content_morphs, fold, query_tokens
from indexer.store import Corpus, dup_key
from indexer.text import normalize_query
from indexer.vectors import search_vectors
from service.audit.links import LINK_MARGIN, LINK_MIN_LEXICAL, LINK_MIN_SIMILARITY, LINK_TOP, compute_links, linked_for
from service.audit.records import Link, LinkedPassage
from service.search.admission import embed_slot
from service.search.answers import ANSWER_LIFT, asked, states
from service.search.copies import ROWS_PER_LABEL, NearCopies, row_label
from service.search.fusion import PLACED, fuse
from service.search.headings import children_first
from service.search.highlight import Span, highlight
from service.search.match import label_hits, match_stats
from service.search.memo import Memo
from service.search.named import NAMED_LIFT, DocumentNames
from service.search.subject import subject_lifts, title_terms
from service.search.tables import TableViews

__all__ = [
    "FILTER_KINDS",
    "MODES",
    "MAX_QUERY_CHARS",
    "MAX_K",
    "Location",
    "Span",
    "Hit",
    "SearchResult",
    "SearchIndex",
    "load_index",
    "normalize_query",
]

MODES: tuple[str, ...] = ("hybrid", "dense", "lexical")
#: Kinds a search may be restricted to (every passage kind but views such as ``table``, which are never searched).
FILTER_KINDS: tuple[str, ...] = tuple(k for k in PASSAGE_KINDS if k not in VIEW_KINDS and k not in UNSEARCHED_KINDS)
MAX_QUERY_CHARS = 500
MAX_K = 100


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
    highlights: tuple[Span, ...]
    copies: int = 1
    duplicates: tuple[Location, ...] = ()
    parent_id: str | None = None
    linked: tuple[LinkedPassage, ...] = ()  # 투자 방향 ↔ 투자 중점사업, with targets
    doc_type: str = ""
    relevance: float = 0.0  # 0..1, see service/search/match.py
    matched_passage_id: str | None = None  # the row that matched, when the hit shows its table



@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str
    took_ms: float
    hits: tuple[Hit, ...]
    timings_ms: dict[str, float] = field(default_factory=dict)
    match: str = "none"  # strong | weak | none, see service/search/match.py



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
        # Filter masks: each searchable position's document and kind as small integer codes.
        self._doc_code = {d: i for i, d in enumerate(corpus.documents)}
        self._kind_code = {k: i for i, k in enumerate(PASSAGE_KINDS)}
        vr = np.asarray(corpus.vector_rows, dtype=np.int64)
        doc, kind = corpus.codes("doc_id"), corpus.codes("kind")
        self._pos_doc = np.array([self._doc_code.get(d, -1) for d in doc.values], dtype=np.int64)[doc.codes[vr]]
        self._pos_kind = np.array([self._kind_code.get(k, -1) for k in kind.values], dtype=np.int64)[kind.codes[vr]]
        corpus.prepare()  # its lookups (id → row, duplicates …) now, not on the first request
        self.tables = TableViews(corpus)
        #: Derived data (audit clusters per parameter set, links) computed once and owned here.
        self.memo = Memo()
        # Chatbots repeat queries; an embedded query is ~10 ms of a ~15 ms search.
        self._embed_query = self._embed_query_uncached
        if query_cache_size:
            self._embed_query = functools.lru_cache(maxsize=query_cache_size)(self._embed_query_uncached)

    def close(self) -> None:
        """Close the store file(s) behind the corpus (a retired index after its last request; reads reopen them)."""
        self.corpus.close()

    def _embed_query_uncached(self, q: str) -> np.ndarray:
        with embed_slot():  # admission control: at most N embeddings at once (service/search/admission.py)
            v = self.embedder.encode_queries([q])
        v.setflags(write=False)  # shared through the cache
        return v

    def warm_up(self) -> None:
        """Pay Kiwi's, the embedder's and the match statistics' first-call costs now, not on a user's first query."""
        from indexer.segmentation import get_kiwi

        get_kiwi()
        query_tokens(content_morphs("준비"))  # the synonym groups are segmented on first use
        self.embedder.encode_queries(["준비"])
        match_stats(self)
        self._document_names()
        self._title_terms()

    # ---- helpers -------------------------------------------------------
    @property
    def model_id(self) -> str:
        return self.manifest["model"]["id"]

    @property
    def links(self) -> dict[str, tuple[Link, ...]]:
        """Direction ↔ project links of this index (computed on first use, then kept)."""
        return self.memo.get(
            ("links", LINK_MIN_SIMILARITY, LINK_MIN_LEXICAL, LINK_TOP, LINK_MARGIN), lambda: compute_links(self.corpus, self.vectors)
        )

    def _allowed(
        self,
        docs: Sequence[str] | None,
        kinds: Sequence[str] | None,
        doc_types: Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> np.ndarray | None:
        """The searchable positions a query may return, as a boolean mask over them; None for all."""
        if doc_types:
            bad = [t for t in doc_types if t not in DOC_TYPES]
            if bad:
                raise UnknownChoice("doc_type", bad[0], DOC_TYPES)
        if year_from is not None and year_to is not None and year_from > year_to:
            raise InvalidQuery(f"year_from={year_from} is after year_to={year_to}; swap them or drop one")
        by_meta = bool(doc_types) or year_from is not None or year_to is not None
        if not docs and not kinds and not by_meta:
            return None
        mask = np.ones(len(self.corpus.vector_rows), dtype=bool)
        if docs:
            unknown = [d for d in docs if d not in self.corpus.documents]
            if unknown:
                raise UnknownChoice("document", unknown[0], sorted(self.corpus.documents))
            mask &= np.isin(self._pos_doc, [self._doc_code[d] for d in docs])
        if kinds:
            bad = [k for k in kinds if k not in FILTER_KINDS]
            if bad:
                raise UnknownChoice("kind", bad[0], list(FILTER_KINDS))
            mask &= np.isin(self._pos_kind, [self._kind_code[k] for k in kinds])
        if by_meta:
            # Documents without a date never match a year range.
            keep = [
                self._doc_code[d.doc_id]
                for d in self.corpus.documents.values()
                if (not doc_types or d.doc_type in doc_types)
                and (year_from is None or (d.year is not None and d.year >= year_from))
                and (year_to is None or (d.year is not None and d.year <= year_to))
            ]
            mask &= np.isin(self._pos_doc, keep)
        return mask

    # ---- search --------------------------------------------------------
    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        docs: Sequence[str] | None = None,
        kinds: Sequence[str] | None = None,
        collapse: bool = True,
        doc_types: Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> SearchResult:
        """Rank passages for ``query``; raises :class:`InvalidQuery`/:class:`UnknownChoice` on bad input.

        ``docs``, ``kinds`` and ``doc_types`` keep passages of those documents, passage kinds
        and document types; ``year_from``/``year_to`` (inclusive) keep documents whose cover
        date falls in that range (undated documents are left out once either is set).
        """
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
        mask = self._allowed(docs, kinds, doc_types, year_from, year_to)
        allowed = None if mask is None else np.flatnonzero(mask)
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
        qv = None
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
            lexical = self.lexical.top_k(qtokens, pool, allowed, mask)  # exact; ties by position
            timings["bm25"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        if mode == "dense":
            fused = dense
        elif mode == "lexical":
            fused = lexical
        else:
            fused = fuse(dense, lexical, self._lifts(qmorphs, qtokens, dense, lexical))
            fused = children_first(fused, self._place, self._texts_at)
        timings["fusion"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        # the candidates fusion placed on top (a ranker's first moved up) are never held back
        hits = self._assemble(fused, k, qtokens, collapse, tables=not kinds, placed=PLACED if mode == "hybrid" else 0)
        timings["assemble"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        labelled, match = label_hits(self, qmorphs, qv, dense, fused, hits)
        timings["match"] = (time.perf_counter() - t) * 1000
        return SearchResult(q, mode, (time.perf_counter() - t0) * 1000, labelled, timings, match)

    def _place(self, pos: int) -> tuple[int, str, tuple[str, ...]]:
        """A candidate's document code, kind and section path, from the columns held in memory."""
        cols, row = self.corpus.columns, self.corpus.vector_rows[pos]
        return int(self._pos_doc[pos]), cols.kind.values[cols.kind.codes[row]], cols.section.values[cols.section.codes[row]]

    def _texts_at(self, positions: list[int]) -> list[str]:
        """The texts of candidates, in the order given (the store reads rows in ascending order)."""
        rows = self.corpus.vector_rows
        order = sorted(range(len(positions)), key=lambda j: rows[positions[j]])
        out = [""] * len(positions)
        for j, text in zip(order, self.corpus.texts(rows[positions[j]] for j in order)):
            out[j] = text
        return out

    def _document_names(self) -> DocumentNames:
        return self.memo.get("document-names", lambda: DocumentNames(self.corpus.documents.values()))

    def _title_terms(self) -> dict[int, frozenset[str]]:
        return self.memo.get(
            "title-terms", lambda: title_terms({self._doc_code[d]: f"{i.title} {i.issuer or ''}" for d, i in self.corpus.documents.items()})
        )

    def _lifts(self, qmorphs, qtokens: list[str], *rankings: list[tuple[int, float]]) -> dict[int, float]:
        """What fusion adds to each candidate (a share of a first place's vote): :data:`NAMED_LIFT` times
        its document's share of the names the query says (:mod:`service.search.named`), its match of the rest
        of a query that names its document by the title's words (:mod:`service.search.subject`), and
        :data:`ANSWER_LIFT` if it states an answer of the kind the query asks (:mod:`service.search.answers`)."""
        forms = [fold(m.form) for m in qmorphs]
        shares = self._document_names().named(forms)
        kind = asked(forms)
        positions = sorted({i for r in rankings for i, _ in r})
        lifts = subject_lifts(qtokens, positions, lambda i: int(self._pos_doc[i]), self._title_terms(), self.lexical.scores_of)
        if not shares and kind is None:
            return lifts
        by_code = {self._doc_code[d]: NAMED_LIFT * s for d, s in shares.items()}
        for i in positions:
            if (c := int(self._pos_doc[i])) in by_code:
                lifts[i] = lifts.get(i, 0.0) + by_code[c]
        if kind is not None:
            for i, text in zip(positions, self._texts_at(positions)):
                if states(kind, text):
                    lifts[i] = lifts.get(i, 0.0) + ANSWER_LIFT
        return lifts

    def _assemble(
        self, ranked: list[tuple[int, float]], k: int, qtokens: list[str], collapse: bool, tables: bool = True, placed: int = 0
    ) -> list[Hit]:
        """The top ``k`` hits of ``ranked``. With ``collapse``, copies (exact and near) become one hit, a
        table row shows its table passage (:mod:`service.search.tables`; with ``tables`` and one is
        there) and rows of one table then make one hit, and rows (or table runs) under one row label
        (:func:`~service.search.copies.row_label`) past the first
        :data:`~service.search.copies.ROWS_PER_LABEL` wait until every other candidate is placed, unless they are among
        the first ``placed`` of ``ranked`` (put there by fusion's head rule)."""
        c = self.corpus
        chosen: list[tuple[int, float, list[int], int]] = []  # (row shown, score, rows of its copies, row matched)
        later: list[int] = []  # indexes into ``chosen`` held back for diversity
        near_copies = NearCopies()
        seen: set[str] = set()
        per_label: dict[tuple, int] = {}
        for i, (pos, score) in enumerate(ranked):
            row = c.vector_rows[pos]
            if not collapse:
                chosen.append((row, score, [row], row))
            else:
                table = self.tables.table_of(row) if tables else None
                shown = row if table is None else table
                p = c.passages[shown]
                key = dup_key(p.text)
                if key in seen:
                    continue
                seen.add(key)
                if shown == row:
                    group = list(c.dup_groups.get(key, [row]))
                else:  # a table's exact copies: the tables, with this text, of the matched row's copies
                    tabs = (self.tables.table_of(r) for r in c.dup_groups.get(dup_key(c.passages[row].text), [row]))
                    group = [t for t in dict.fromkeys(tabs) if t is not None and dup_key(c.passages[t].text) == key]
                near = near_copies.place(key, len(chosen))
                if near is not None:  # the same passage from another edition of the document
                    chosen[near][2].extend(group)
                    continue
                chosen.append((shown, score, group, row))
                if (label := row_label(c.passages[row])) is not None:
                    per_label[label] = per_label.get(label, 0) + 1
                    if per_label[label] > ROWS_PER_LABEL and i >= placed:
                        later.append(len(chosen) - 1)
            if len(chosen) - len(later) >= k:
                break
        held = set(later)
        order = [j for j in range(len(chosen)) if j not in held] + later
        qset = set(qtokens)
        return [self._hit(rank, *chosen[j], qset) for rank, j in enumerate(order[:k], 1)]

    def _hit(self, rank: int, row: int, score: float, group: list[int], matched: int, qset: set[str]) -> Hit:
        c = self.corpus
        p = c.passages[row]
        others = tuple(
            Location(c.passages[r].id, c.passages[r].doc_id, c.passages[r].section, c.passages[r].page) for r in group if r != row
        )
        view = matched != row  # a table passage shown for the row that matched
        targets, morphs = self.tables.view(c, row) if view else (p.targets, c.morphs[row])
        return Hit(
            rank=rank,
            score=round(score, 6),
            passage_id=p.id,
            doc_id=p.doc_id,
            doc_title=c.documents[p.doc_id].title,
            doc_type=c.documents[p.doc_id].doc_type,
            kind=p.kind,
            section=p.section,
            page=p.page,
            text=p.text,
            targets=targets,
            highlights=highlight(p.text, morphs, qset),
            copies=len(group),
            duplicates=others,
            parent_id=p.parent_id,
            linked=tuple(linked_for(self, p.id)),
            matched_passage_id=c.passages[matched].id if view else None,
        )


def load_index(
    index_dir: "str | Path", embedder=None, verify: bool = True, query_cache_size: int = 1024, device: str | None = None
) -> SearchIndex:
    """Load the live generation of ``index_dir`` (without ``embedder``: the model it records, on ``device``).

    Raises :class:`IndexNotFound` (no index yet), :class:`IndexCorrupt` (files
    missing, truncated or not matching the manifest) or :class:`ModelMismatch`
    (``embedder`` is not the model that built the index).
    """
    from models import get_embedder, name_for

    index_dir = Path(index_dir)
    path, manifest = read_manifest(index_dir, verify)
    model = manifest["model"]
    embedder = embedder or get_embedder(name_for(model["id"], model["runtime"]), device)
    check_model(index_dir, manifest, embedder)
    gen = open_generation(path, manifest)
    ix = SearchIndex(gen.path, gen.manifest, gen.corpus, gen.vectors, gen.lexical, embedder, query_cache_size)
    ix.links  # noqa: B018 - computed once at load (seconds at 100k passages), not on a user's first query
    ix.warm_up()
    return ix
