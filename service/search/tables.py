"""Table views: a table row's hit shows the rows around it.

The indexer emits each table as ``table`` passages (runs of its rows, at most
:data:`~indexer.ingest.structure.MAX_PASSAGE_CHARS` characters each), each right
before the ``row`` passages it holds. Rows are what is searched (each carries its
caption and column headers); a table passage is never a search unit. When a row
ranks, its hit shows the table passage around it — the caption and the
neighbouring rows a reader needs to read a figure (``합계`` beside its parts, the
2023 row beside the 2024 one) — and names the row that matched
(``matched_passage_id``). Several rows of one table then make one hit.

Measured (issue 11, hybrid nDCG@10 on rankings of the real corpus, 2026-11-27):
35 queries 0.505 → 0.521, the blind 30 0.638 → 0.654, the shared 5 0.532 → 0.538;
the sample plan has no tables (0.965 unchanged).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from indexer.records import Target
from indexer.segmentation import Morph
from indexer.store import Corpus

__all__ = ["TableViews"]


class TableViews:
    """Which table passage each row of a corpus belongs to (rows of a generation built before
    table passages existed belong to none, and their hits show the row)."""

    def __init__(self, corpus: Corpus) -> None:
        kind, doc = corpus.codes("kind"), corpus.codes("doc_id")
        names = list(kind.values)
        self._of: np.ndarray | None = None
        if "table" not in names or "row" not in names:
            return
        k, d = np.asarray(kind.codes), np.asarray(doc.codes)
        is_row = k == names.index("row")
        # The last passage at or before each row that is not a row: its table, if it is one of this document.
        at = np.maximum.accumulate(np.where(is_row, -1, np.arange(len(k))))
        ok = is_row & (at >= 0)
        ok[ok] = (k[at[ok]] == names.index("table")) & (d[at[ok]] == d[ok])
        self._of = np.where(ok, at, -1).astype(np.int64)

    def table_of(self, row: int) -> int | None:
        """The row of the table passage around passage row ``row``, or None."""
        if self._of is None or row >= len(self._of) or self._of[row] < 0:
            return None
        return int(self._of[row])

    def members(self, table: int) -> range:
        """The rows of the row passages a table passage holds (they follow it)."""
        end = table + 1
        while self._of is not None and end < len(self._of) and self._of[end] == table:
            end += 1
        return range(table + 1, end)

    def targets(self, corpus: Corpus, table: int) -> tuple[Target, ...]:
        """The targets of a table passage's rows (a row over year columns is a series)."""
        rows = self.members(table)
        return _targets(corpus.passages[rows.start : rows.stop])

    def view(self, corpus: Corpus, table: int) -> tuple[tuple[Target, ...], list[Morph]]:
        """The rows' targets, and their morphemes placed in the table passage's text (rows joined by
        newlines); the rows are read from the store in one slice each."""
        rows = self.members(table)
        passages = corpus.passages[rows.start : rows.stop]
        out: list[Morph] = []
        at = 0
        for p, ms in zip(passages, corpus.morphs[rows.start : rows.stop]):
            out.extend(replace(m, start=m.start + at, end=m.end + at) for m in ms)
            at += len(p.text) + 1
        return _targets(passages), out


def _targets(rows) -> tuple[Target, ...]:
    return tuple(t for p in rows for t in p.targets)
