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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer import representation
from indexer.embedding_cache import embed_cached
from indexer.errors import NothingReadable, UnreadableDocument
from indexer.generation import BM25, STORE, VECTORS, build_lock, new_generation, prune, publish, read_previous
from indexer.ingest.parsing import PARSER_VERSION, assign_doc_ids, parse_raw
from indexer.ingest.reading import iter_input_files, read_file
from indexer.lexical import LexicalIndex
from indexer.records import Document, Skipped, is_searchable
from indexer.representation import context_of, embedding_texts, lexical_document
from indexer.segmentation import Morph, content_morphs
from indexer.store import documents_from_corpus, write_store
from indexer.vectors import DEFAULT_ANN_THRESHOLD, VectorIndexSpec, build_vector_index, save_vectors

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


def _parse(raw, doc_id: str) -> tuple[Document, dict[str, tuple[Morph, ...]]]:
    """:func:`parse_raw` and the Kiwi morphemes of the searchable passages, with an unexpected failure
    on one document turned into a skip reason.

    A document shape no one foresaw must cost that document, never the build: the reason names
    the error, and the traceback goes to the log.
    """
    try:
        doc = parse_raw(raw, doc_id)
        return doc, {p.id: content_morphs(p.text) if is_searchable(p) else () for p in doc.passages}
    except UnreadableDocument:
        raise
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - see the docstring
        log.exception("parsing %s failed", raw.source)
        raise UnreadableDocument(raw.source, f"could not be parsed ({type(e).__name__}: {e}); please report this file") from None


def build_index(
    paths: Sequence["str | os.PathLike[str]"],
    index_dir: "str | os.PathLike[str]",
    embedder=None,
    ann_threshold: int = DEFAULT_ANN_THRESHOLD,
    progress: Callable[[str, int, int], None] | None = None,
    keep_generations: int = 2,
    batch_size: int = 32,
    lock_wait: float = 0.0,
) -> BuildReport:
    """Index the ``.txt``/``.pdf``/``.hwp``/``.hwpx`` files under ``paths`` into ``index_dir``.

    Documents no longer among ``paths`` are removed; unchanged ones are not
    re-parsed and no passage is embedded twice. ``progress(stage, done, total)``
    is called as documents are read and passages embedded. ``lock_wait``: seconds to
    wait for a build already running on ``index_dir`` (the server's job worker waits
    for a CLI build); by default that is an error at once.
    """
    from models import get_embedder

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    index_dir = Path(index_dir)
    embedder = embedder or get_embedder()
    with build_lock(index_dir, wait=lock_wait):
        prev_corpus, prev_manifest = read_previous(index_dir)
        prev_docs = {d.doc_id: d for d in prev_corpus.documents.values()} if prev_corpus else {}

        # 1. Read and parse, reusing unchanged documents.
        files = list(iter_input_files(list(paths)))
        docs: list[Document] = []
        morphs: dict[str, tuple[Morph, ...]] = {}
        skipped: list[Skipped] = []
        added, changed, unchanged = [], [], []
        reuse_ids: list[str] = []
        parsed: list[Document] = []
        same_parser = (prev_manifest or {}).get("parser_version") == PARSER_VERSION
        previous_ids = {Path(d.source).resolve(): d.doc_id for d in prev_docs.values()}
        # One file at a time: read, parse, segment; only the parsed documents stay in memory.
        for i, (f, doc_id) in enumerate(zip(files, assign_doc_ids(files, previous_ids))):
            try:
                raw = read_file(f)
                old = prev_docs.get(doc_id)
                if old is not None and old.sha256 == raw.sha256 and same_parser:
                    reuse_ids.append(doc_id)
                    unchanged.append(doc_id)
                    continue
                doc, doc_morphs = _parse(raw, doc_id)
            except UnreadableDocument as e:
                skipped.append(Skipped(e.source, e.reason))
                continue
            finally:
                if progress:
                    progress("read", i + 1, len(files))
            (changed if old is not None else added).append(doc_id)
            parsed.append(doc)
            morphs.update(doc_morphs)
        reused = documents_from_corpus(prev_corpus, reuse_ids) if prev_corpus else {}
        for doc_id in reuse_ids:
            doc, m = reused[doc_id]
            docs.append(doc)
            morphs.update(m)
        docs.extend(parsed)
        if not docs:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no .txt, .pdf, .hwp or .hwpx files found"
            raise NothingReadable(f"nothing could be indexed ({reasons})")
        order = {str(Path(f)): i for i, f in enumerate(files)}
        docs.sort(key=lambda d: order.get(d.source, len(order)))
        removed = sorted(set(prev_docs) - {d.doc_id for d in docs})
        timings["parse_s"] = time.perf_counter() - t0

        # 2. Embeddings, from the cache where possible.
        t1 = time.perf_counter()
        searchable = [p for d in docs for p in d.passages if is_searchable(p)]
        by_id = {p.id: p for d in docs for p in d.passages}
        texts = embedding_texts(searchable, by_id)
        vectors, missing = embed_cached(
            embedder, texts, index_dir / "cache" / "embeddings.sqlite", batch_size, (lambda d, n: progress("embed", d, n)) if progress else None
        )
        timings["embed_s"] = time.perf_counter() - t1

        # 3. Write the new generation beside the live one.
        t2 = time.perf_counter()
        with new_generation(index_dir) as (gen_name, tmp):
            vector_rows = write_store(tmp / STORE, docs, morphs)
            assert len(vector_rows) == len(searchable)
            spec = VectorIndexSpec.for_size(len(searchable), ann_threshold)
            save_vectors(build_vector_index(vectors, spec), tmp / VECTORS)
            all_rows = [p for d in docs for p in d.passages]
            ctx_morphs: dict[str, tuple[Morph, ...]] = {}

            def ctx(p) -> tuple[Morph, ...]:
                if not representation.LEXICAL_CONTEXT:
                    return ()
                key = context_of(p)  # headings, not the title: its words on every passage drown BM25
                if key not in ctx_morphs:
                    ctx_morphs[key] = content_morphs(key) if key else ()
                return ctx_morphs[key]

            lex = LexicalIndex.build([lexical_document(all_rows[r], by_id, morphs, ctx(all_rows[r])) for r in vector_rows])
            (tmp / BM25).mkdir()
            lex.save(tmp / BM25)
            counts = {
                "documents": len(docs),
                "passages": sum(len(d.passages) for d in docs),
                "searchable": len(searchable),
                "targets": sum(len(p.targets) for d in docs for p in d.passages),
            }
            final = publish(
                index_dir,
                gen_name,
                tmp,
                {
                    "parser_version": PARSER_VERSION,
                    "model": {"id": embedder.model_id, "runtime": embedder.runtime, "dim": embedder.dim},
                    "vector_index": {"kind": spec.kind, "hnsw_m": spec.hnsw_m, "ef_search": spec.ef_search},
                    "counts": counts,
                    "documents": {d.doc_id: {"sha256": d.sha256, "source": d.source} for d in docs},
                },
            )
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
        skipped=tuple(skipped),
        seconds=time.perf_counter() - t0,
        bytes_on_disk=size,
        timings=timings,
    )


