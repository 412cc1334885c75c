"""The search engine over a loaded index generation."""

from service.search.engine import MAX_K, MAX_QUERY_CHARS, MODES, Hit, SearchIndex, SearchResult, load_index, normalize_query

__all__ = ["MAX_K", "MAX_QUERY_CHARS", "MODES", "Hit", "SearchIndex", "SearchResult", "load_index", "normalize_query"]
