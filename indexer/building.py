"""Building: documents → an index generation on disk, switched in atomically.

The orchestration only: parse (:mod:`indexer.ingest`), segment, represent
(:mod:`indexer.representation`), embed through the cache
(:mod:`indexer.embedding_cache`), and write a generation
(:mod:`indexer.generation`, whose docstring shows the layout). Unchanged documents (same file hash) reuse their passages and morphemes, and
every passage whose embedding text was seen before reuses its vector.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer import representation
from indexer.embedding_cache import embed_cached
from indexer.engines import BuildEngine, LocalEngine, ParseJob
from indexer.errors import NothingReadable, check_choice
from indexer.generation import BM25, STORE, VECTORS, build_lock, new_generation, prune, publish, read_previous
from indexer.ingest.parsing import PARSER_VERSION, assign_doc_ids
from indexer.ingest.reading import iter_input_files
from indexer.lexical import LexicalIndex, LexicalStats
from indexer.match_stats import MATCH_STATS, MatchStats, sample_positions, topic_df, write_match_stats
from indexer.records import Document, Passage, Skipped, is_searchable
from indexer.representation import answered_questions, document_titles, embedding_texts, lexical_document
from indexer.segmentation import Morph, content_morphs
from indexer.shards import shard_name, split_documents
from indexer.store import documents_from_corpus, write_store
from indexer.vectors import DEFAULT_ANN_THRESHOLD, VECTOR_STORAGES, VectorIndexSpec, build_vector_index, save_vectors

__all__ = ["BuildReport", "build_index"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI and the closing numbers."""

    generation: str
    documents: int
    passages: int
    searchable: int
    targets: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    embedded: int
    cached: int
    skipped: tuple[Skipped, ...]
    seconds: float
    bytes_on_disk: int
    timings: dict[str, float] = field(default_factory=dict)
    shards: int = 1
    vectors: str = "float32"


class _LexicalContext:
    """The heading words each passage is BM25-indexed with, segmented once per distinct heading path."""

    def __init__(self, titles: dict[str, str], questions: dict[str, str]) -> None:
        self._seen: dict[str, tuple[Morph, ...]] = {}
        self._titles = titles
        self._questions = questions

    def __call__(self, p: Passage) -> tuple[Morph, ...]:
        if not representation.LEXICAL_CONTEXT:
            return ()
        key = representation.lexical_context(p, self._titles.get(p.doc_id, ""), self._questions.get(p.id, ""))
        if key not in self._seen:
            self._seen[key] = content_morphs(key) if key else ()
        return self._seen[key]


def _write_part(
    out: Path,
    docs: Sequence[Document],
    morphs: dict[str, tuple[Morph, ...]],
    by_id: dict[str, Passage],
    vectors,
    spec: VectorIndexSpec,
    lexical_context: _LexicalContext,
) -> tuple[int, LexicalIndex, Counter]:
    """Write ``docs``' store and FAISS index into ``out``; ``vectors`` start with theirs, in searchable
    order. Returns how many searchable passages the part holds, its BM25 index (saved by the caller)
    and its topic forms' document frequencies (the match statistics, summed over parts by the caller)."""
    vector_rows = write_store(out / STORE, docs, morphs)
    n = len(vector_rows)
    save_vectors(build_vector_index(vectors[:n], spec), out / VECTORS)
    rows = [p for d in docs for p in d.passages]
    lex = LexicalIndex.build([lexical_document(rows[r], by_id, morphs, lexical_context(rows[r])) for r in vector_rows])
    # The morphemes write_store stored for these rows: what the server would count from the store.
    df = topic_df(((m.form, m.tag) for m in morphs.get(rows[r].id, ())) for r in vector_rows)
    return n, lex, df


def build_index(
    paths: Sequence["str | os.PathLike[str]"],
    index_dir: "str | os.PathLike[str]",
    embedder=None,
    ann_threshold: int = DEFAULT_ANN_THRESHOLD,
    progress: Callable[[str, int, int], None] | None = None,
    keep_generations: int = 2,
    batch_size: int = 32,
    lock_wait: float = 0.0,
    engine: BuildEngine | None = None,
    shards: int | None = None,
    vectors: str | None = None,
) -> BuildReport:
    """Index the ``.txt``/``.pdf``/``.hwp``/``.hwpx`` files under ``paths`` into ``index_dir``.

    Documents no longer among ``paths`` are removed; unchanged ones are not
    re-parsed and no passage is embedded twice. ``progress(stage, done, total)``
    is called as documents are read and passages embedded. ``lock_wait``: seconds to
    wait for a build already running on ``index_dir`` (the server's job worker waits
    for a CLI build); by default that is an error at once. ``engine`` runs parsing and
    embedding (:mod:`indexer.engines`; default: in this process); ``shards`` > 1 writes a
    sharded generation (:mod:`indexer.shards`); None keeps the live generation's shard count
    (so an upload through the server does not undo ``--shards``). ``vectors``: how the FAISS
    index stores them, ``float32`` or ``sq8`` (8-bit scalar quantizer, :mod:`indexer.vectors`);
    None keeps the live generation's choice (recorded in its manifest), else float32.
    """
    from models import get_embedder

    if shards is not None and shards < 1:
        raise ValueError(f"shards={shards}; use 1 or more")
    check_choice("vector storage", vectors, VECTOR_STORAGES)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    index_dir = Path(index_dir)
    embedder = embedder or get_embedder()
    engine = engine or LocalEngine()
    with build_lock(index_dir, wait=lock_wait):
        prev_corpus, prev_manifest = read_previous(index_dir)
        prev_docs = {d.doc_id: d for d in prev_corpus.documents.values()} if prev_corpus else {}
        shards = shards or len((prev_manifest or {}).get("shards") or ()) or 1
        storage = vectors or (prev_manifest or {}).get("vector_index", {}).get("storage") or "float32"

        # 1. Read and parse (by the engine), reusing unchanged documents.
        files = list(iter_input_files(list(paths)))
        order = {str(Path(f)): i for i, f in enumerate(files)}
        same_parser = (prev_manifest or {}).get("parser_version") == PARSER_VERSION
        previous_ids = {Path(d.source).resolve(): d.doc_id for d in prev_docs.values()}
        jobs = [
            ParseJob(str(Path(f)), doc_id, prev_docs[doc_id].sha256 if same_parser and doc_id in prev_docs else None)
            for f, doc_id in zip(files, assign_doc_ids(files, previous_ids))
        ]
        docs: list[Document] = []
        morphs: dict[str, tuple[Morph, ...]] = {}
        skipped: list[Skipped] = []
        added, changed, unchanged = [], [], []
        for i, outcome in enumerate(engine.parse(jobs)):
            doc_id = outcome.job.doc_id
            if outcome.skipped is not None:
                skipped.append(outcome.skipped)
            elif outcome.unchanged:
                unchanged.append(doc_id)
            else:
                (changed if doc_id in prev_docs else added).append(doc_id)
                docs.append(outcome.document)
                morphs.update(outcome.morphs or {})
            if progress:
                progress("read", i + 1, len(files))
        reused = documents_from_corpus(prev_corpus, unchanged) if prev_corpus else {}
        for doc_id in unchanged:
            doc, m = reused[doc_id]
            docs.append(doc)
            morphs.update(m)
        if not docs:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no .txt, .pdf, .hwp or .hwpx files found"
            raise NothingReadable(f"nothing could be indexed ({reasons})")
        # Whatever order the engine finished in, the generation is in file order.
        docs.sort(key=lambda d: order.get(d.source, len(order)))
        skipped.sort(key=lambda s: order.get(s.source, len(order)))
        by_file = {j.doc_id: order[j.path] for j in jobs}
        for ids in (added, changed, unchanged):
            ids.sort(key=by_file.__getitem__)
        removed = sorted(set(prev_docs) - {d.doc_id for d in docs})
        timings["parse_s"] = time.perf_counter() - t0

        # 2. Embeddings, from the cache where possible (the rest by the engine).
        t1 = time.perf_counter()
        searchable = [p for d in docs for p in d.passages if is_searchable(p)]
        by_id = {p.id: p for d in docs for p in d.passages}
        titles = document_titles(docs)
        asked = answered_questions(by_id.values())
        texts = embedding_texts(searchable, by_id, titles, asked)
        embedded, missing = embed_cached(
            embedder,
            texts,
            index_dir / "cache" / "embeddings.sqlite",
            batch_size,
            (lambda d, n: progress("embed", d, n)) if progress else None,
            engine,
        )
        timings["embed_s"] = time.perf_counter() - t1

        # 3. Write the new generation beside the live one: one part, or one per shard.
        t2 = time.perf_counter()
        spec = VectorIndexSpec.for_size(len(searchable), ann_threshold, storage)
        lexical_context = _LexicalContext(titles, asked)
        with new_generation(index_dir) as (gen_name, tmp):
            parts = split_documents(docs, shards) if shards > 1 else [docs]
            shard_info, lexicals = [], []
            df: Counter = Counter()
            start = 0
            for i, part in enumerate(parts):
                out = tmp / shard_name(i) if shards > 1 else tmp
                out.mkdir(exist_ok=True)
                n, lex, part_df = _write_part(out, part, morphs, by_id, embedded[start:], spec, lexical_context)
                df.update(part_df)  # parts hold disjoint passages: the sums are the generation's frequencies
                shard_info.append({"name": shard_name(i), "documents": len(part), "searchable": n})
                lexicals.append((out, lex))
                start += n
            assert start == len(searchable)
            # Each shard's BM25 is saved scored with the statistics of all shards, as search reads it.
            stats = LexicalStats.combine([lex.stats for _, lex in lexicals])
            for out, lex in lexicals:
                lex.with_stats(stats).save(out / BM25)
            # Match labels' statistics, once for the whole generation (service/search/match.py reads them).
            pos = sample_positions(len(searchable))
            sample = np.asarray(embedded[pos], dtype=np.float32) if len(pos) else np.zeros((0, 1), dtype=np.float32)
            write_match_stats(tmp / MATCH_STATS, MatchStats(sample, df, len(searchable)))
            counts = {
                "documents": len(docs),
                "passages": sum(len(d.passages) for d in docs),
                "searchable": len(searchable),
                "targets": sum(len(p.targets) for d in docs for p in d.passages),
            }
            manifest = {
                "parser_version": PARSER_VERSION,
                "model": {"id": embedder.model_id, "runtime": embedder.runtime, "dim": embedder.dim},
                "vector_index": {"kind": spec.kind, "hnsw_m": spec.hnsw_m, "ef_search": spec.ef_search},
                "counts": counts,
                "documents": {d.doc_id: {"sha256": d.sha256, "source": d.source} for d in docs},
                "engine": {"name": engine.name, "workers": engine.workers},
            }
            if spec.storage != "float32":  # absent = float32, so float32 manifests are as before
                manifest["vector_index"]["storage"] = spec.storage
            if shards > 1:
                manifest["shards"] = shard_info
            final = publish(index_dir, gen_name, tmp, manifest)
        timings["write_s"] = time.perf_counter() - t2
        prune(index_dir, keep_generations)

    size = sum(p.stat().st_size for p in final.rglob("*") if p.is_file())
    return BuildReport(
        generation=gen_name,
        documents=len(docs),
        passages=counts["passages"],
        searchable=len(searchable),
        targets=counts["targets"],
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(removed),
        unchanged=tuple(unchanged),
        embedded=missing,
        cached=len(texts) - missing,
        shards=len(parts) if shards > 1 else 1,
        vectors=spec.storage,
        skipped=tuple(skipped),
        seconds=time.perf_counter() - t0,
        bytes_on_disk=size,
        timings=timings,
    )


