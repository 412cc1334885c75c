"""Ingest: a file → a :class:`~indexer.records.Document` (reading → cleaning → structure → targets)."""
