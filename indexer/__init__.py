"""plansearch indexer: read, clean, structure, segment, index and search Korean plan documents.

The CLI and the HTTP service call these same functions::

    from indexer import parse_paths, build_index, load_index
    result = parse_paths(["corpus/"])
    build_index(["corpus/"], "index/")
    hits = load_index("index/").search("스마트도시 관련 사업", k=5).hits
"""

from .building import BuildReport, build_index
from .errors import (
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
from .evaluation import EvalReport, evaluate, load_queries
from .parsing import parse_file, parse_paths, parse_text
from .records import Document, Passage, Skipped, Target, TargetPoint
from .search import (
    MAX_K,
    MAX_QUERY_CHARS,
    MODES,
    Hit,
    SearchIndex,
    SearchResult,
    load_index,
    normalize_query,
)
from .targets import parse_targets

__all__ = [
    "BuildReport",
    "Document",
    "EvalReport",
    "Hit",
    "IndexCorrupt",
    "IndexNotFound",
    "InvalidQuery",
    "MAX_K",
    "MAX_QUERY_CHARS",
    "MODES",
    "ModelMismatch",
    "NotFound",
    "NothingReadable",
    "Passage",
    "PlansearchError",
    "SearchIndex",
    "SearchResult",
    "Skipped",
    "Target",
    "TargetPoint",
    "UnknownChoice",
    "UnreadableDocument",
    "build_index",
    "evaluate",
    "load_index",
    "load_queries",
    "normalize_query",
    "parse_file",
    "parse_paths",
    "parse_targets",
    "parse_text",
]
