"""Build engines: where a build's two heavy stages run — parsing (read, clean, structure, Kiwi)
and embedding.

``local`` (the default) runs both in this process, one document at a time. ``ray`` fans
both out over a Ray cluster with Ray Data (:mod:`indexer.distributed`; the ``ray`` extra).
Everything else — the embedding cache, incremental reuse, writing and switching the
generation — is the builder's (:mod:`indexer.building`) and the same for every engine.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from indexer.errors import PlansearchError, UnreadableDocument, check_choice
from indexer.ingest.parsing import parse_raw
from indexer.ingest.reading import read_file
from indexer.records import Document, Skipped, is_searchable
from indexer.segmentation import Morph, content_morphs

__all__ = ["ENGINES", "ParseJob", "ParseOutcome", "BuildEngine", "LocalEngine", "parse_job", "get_engine"]

log = logging.getLogger(__name__)

ENGINES: tuple[str, ...] = ("local", "ray")
#: Texts per embedding call of the local engine (progress and cache writes happen between calls).
EMBED_CHUNK = 256


@dataclass(frozen=True)
class ParseJob:
    """One file to parse as ``doc_id``; ``previous_sha`` is the file hash an unchanged document had
    (None when there is no reusable previous version)."""

    path: str
    doc_id: str
    previous_sha: str | None = None


@dataclass(frozen=True)
class ParseOutcome:
    """What became of a :class:`ParseJob`: a parsed document with the morphemes of its searchable
    passages, a skip reason, or neither (unchanged: the previous version is reused)."""

    job: ParseJob
    document: Document | None = None
    morphs: dict[str, tuple[Morph, ...]] | None = None
    skipped: Skipped | None = None

    @property
    def unchanged(self) -> bool:
        return self.document is None and self.skipped is None


def parse_job(job: ParseJob) -> ParseOutcome:
    """Read and parse one file (any engine runs exactly this per document).

    A document shape no one foresaw must cost that document, never the build: an unexpected
    error becomes a skip reason that names it, and the traceback goes to the log.
    """
    try:
        raw = read_file(job.path)
        if job.previous_sha is not None and raw.sha256 == job.previous_sha:
            return ParseOutcome(job)
        try:
            doc = parse_raw(raw, job.doc_id)
            morphs = {p.id: content_morphs(p.text) if is_searchable(p) else () for p in doc.passages}
        except UnreadableDocument:
            raise
        except (MemoryError, KeyboardInterrupt):
            raise
        except Exception as e:  # noqa: BLE001 - see the docstring
            log.exception("parsing %s failed", raw.source)
            raise UnreadableDocument(raw.source, f"could not be parsed ({type(e).__name__}: {e}); please report this file") from None
    except UnreadableDocument as e:
        return ParseOutcome(job, skipped=Skipped(e.source, e.reason))
    return ParseOutcome(job, doc, morphs)


class BuildEngine(Protocol):
    """Runs a build's parsing and embedding."""

    name: str
    workers: int

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParseOutcome]:
        """One outcome per job, in any order, as they finish."""
        ...

    def embed(self, embedder, texts: Sequence[str], batch_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(indices into texts, their vectors)`` chunks, in any order, covering every text once."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Both stages in this process: one document at a time, the embedder on all its threads."""

    name = "local"
    workers = 1

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParseOutcome]:
        for job in jobs:
            yield parse_job(job)

    def embed(self, embedder, texts: Sequence[str], batch_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for start in range(0, len(texts), EMBED_CHUNK):
            chunk = list(texts[start : start + EMBED_CHUNK])
            yield np.arange(start, start + len(chunk)), embedder.encode_passages(chunk, batch_size=batch_size)

    def close(self) -> None:
        pass


def get_engine(name: str = "local", address: str | None = None, workers: int | None = None, device: str | None = None) -> BuildEngine:
    """The engine called ``name`` (:data:`ENGINES`).

    ``address``: a Ray cluster to join (``ray``; None starts Ray in local mode); ``workers``:
    how many parsing tasks and embedding actors run at once (``ray``; default: the cluster's CPUs);
    ``device``: where the ``ray`` engine's embedding actors run (None: where the build's embedder runs;
    a CUDA one needs GPUs in the cluster, checked now).
    """
    check_choice("engine", name, ENGINES)
    if name == "local":
        if address:
            raise PlansearchError(f"a Ray address ({address}) needs the ray engine: add --engine ray")
        return LocalEngine()
    from indexer.distributed import RayEngine

    return RayEngine(address=address, workers=workers, device=device)
