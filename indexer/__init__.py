"""plansearch indexer, the write side: documents → an index generation.

Stages, in order: ``ingest`` (read, clean, structure, targets), ``segmentation``
(Kiwi morphemes), ``representation`` (what a passage is embedded and
BM25-indexed as), then ``building`` writes a generation (``generation``,
``store``, ``vectors``, ``lexical``, ``embedding_cache``)::

    from indexer import parse_paths, build_index
    result = parse_paths(["corpus/"])
    build_index(["corpus/"], "index/")

Reading a generation and answering queries is the read side, :mod:`service`.
"""

from indexer.building import BuildReport, build_index
from indexer.errors import (
    IndexCorrupt,
    IndexNotFound,
    InvalidQuery,
    ModelMismatch,
    NotFound,
    NothingReadable,
    PlansearchError,
    UnknownChoice,
    UnreadableDocument,
)
from indexer.ingest.parsing import parse_file, parse_paths, parse_text
from indexer.ingest.targets import parse_targets
from indexer.records import Document, Passage, Skipped, Target, TargetPoint

__all__ = [
    "BuildReport",
    "Document",
    "IndexCorrupt",
    "IndexNotFound",
    "InvalidQuery",
    "ModelMismatch",
    "NotFound",
    "NothingReadable",
    "Passage",
    "PlansearchError",
    "Skipped",
    "Target",
    "TargetPoint",
    "UnknownChoice",
    "UnreadableDocument",
    "build_index",
    "parse_file",
    "parse_paths",
    "parse_targets",
    "parse_text",
]
