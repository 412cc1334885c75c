"""Store: documents, passages, morphemes and targets in one SQLite file.

SQLite is the durable record of an index generation, and the server keeps reading it:
:func:`read_store` loads only compact columns (ids packed in one buffer; document, kind,
section and parent as small integer codes: :mod:`indexer.columns`) and reads a passage, its
morphemes, a document's text or pages from the file when they are asked for, remembering the
last few thousand rows (LRU) and reading ahead when rows are walked in order (the audit, the
targets listing: :mod:`indexer.store_tables`). A search touches a few dozen rows, so a million
passages cost about a hundred MB of columns instead of gigabytes of Python records (README
"Performance").

:class:`Corpus` is what the rest of the code sees: ``passages[row]``, ``morphs[row]``,
``vector_rows`` and the lookups ``row_of``, ``children``, ``dup_groups``, ``doc_rows``
(mappings backed by numpy arrays and hashes, built on first use). A corpus can also be
made from plain lists (tests, builds in memory); it answers the same.
Row numbers are the passages' positions; ``vector_rows`` maps FAISS/BM25 positions back to
rows (headings are stored but not searched).

This module holds :class:`Corpus`, :class:`DocumentInfo` and the file's writing
(:class:`StoreWriter`, :func:`write_store`) and reading (:func:`read_store`); the columns'
and tables' names are importable from here as before.
"""

from __future__ import annotations

import array
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np

from indexer.columns import Codes, DupGroups, PassageColumns, RowIndex, Rows, StringColumn, _Coder, _GroupMap, _Groups, dup_key
from indexer.records import Document, PageSpan, Passage, is_searchable
from indexer.segmentation import Morph
from indexer.store_tables import (
    CHUNK,
    MorphTable,
    PassageTable,
    _close,
    _Concat,
    _Connection,
    _DocColumn,
    _pages_of,
    _raw_morphs,
    _RecentRows,
    chain_maps,
    concat_rows,
)

__all__ = [
    "DocumentInfo",
    "Corpus",
    "Codes",
    "PassageColumns",
    "Rows",
    "StoreWriter",
    "chain_maps",
    "concat_rows",
    "write_store",
    "read_store",
    "documents_from_corpus",
    "dup_key",
]

SCHEMA_VERSION = 2  # 2: documents.date, documents.issuer

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentInfo:
    """A document's metadata as stored (its passages live in :class:`Corpus`)."""

    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    n_passages: int
    n_targets: int
    date: str | None = None
    issuer: str | None = None

    @property
    def year(self) -> int | None:
        """The year of ``date`` (``2022-01`` → 2022), None without a date."""
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


# ---- the corpus ------------------------------------------------------------------------


def _derived(build: Callable[[Corpus], T]) -> T:
    """A lookup built from the columns on first use (once, whichever thread asks first)."""
    attr = "_" + build.__name__

    def get(self: Corpus) -> T:
        try:
            return self.__dict__[attr]
        except KeyError:
            pass
        with self._lock:
            if attr not in self.__dict__:
                self.__dict__[attr] = build(self)
        return self.__dict__[attr]

    get.__doc__ = build.__doc__
    return property(get)  # type: ignore[return-value]


@dataclass(eq=False)
class Corpus:
    """An index generation's documents and passages.

    ``passages`` and ``morphs`` are sequences indexed by row: lists, or (from
    :func:`read_store`) tables that read the store file on access. The lookups below are
    built on first use from :attr:`columns` and answer like the dicts they replace.
    """

    documents: dict[str, DocumentInfo]
    passages: Sequence[Passage]
    morphs: Sequence[tuple[Morph, ...]]  # per row; offsets relative to the passage's text
    vector_rows: Sequence[int]
    doc_texts: Mapping[str, str]
    doc_pages: Mapping[str, tuple[PageSpan, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self.vector_rows = Rows(self.vector_rows)
        cols = getattr(self.passages, "columns", None)
        #: Per-row id, document, kind, section and parent row, in memory.
        self.columns: PassageColumns = cols if isinstance(cols, PassageColumns) else PassageColumns.of(self.passages)

    @property
    def ids(self) -> Sequence[str]:
        """Passage id per row (from memory: no read of the store)."""
        return self.columns.ids

    def codes(self, name: str) -> Codes:
        """``doc_id``, ``kind`` or ``section`` of every row as :class:`Codes` (for filters over all rows)."""
        if name not in ("doc_id", "kind", "section"):
            raise ValueError(f"no column {name!r}; use doc_id, kind or section")
        return getattr(self.columns, name)

    @_derived
    def row_of(self) -> RowIndex:
        """Passage id → row."""
        return RowIndex(self.columns.ids)

    @_derived
    def children(self) -> Mapping[str, list[int]]:
        """Passage id → rows of the passages whose parent it is."""
        ids = self.columns.ids
        return _GroupMap(_Groups(self.columns.parent, len(ids)), self.row_of.get, ids.__getitem__)

    @_derived
    def doc_rows(self) -> Mapping[str, list[int]]:
        """Document id → its rows, in row order."""
        doc = self.columns.doc_id
        index = {d: i for i, d in enumerate(doc.values)}
        return _GroupMap(_Groups(doc.codes, len(doc.values)), index.get, doc.values.__getitem__)

    @_derived
    def dup_groups(self) -> Mapping[str, list[int]]:
        """Exact-duplicate key (:func:`dup_key`) → the searchable rows with that text, in vector order."""
        rows = self.vector_rows.array
        return DupGroups(map(dup_key, _texts(self.passages, rows)), rows, lambda r: self.passages[r].text)

    def prepare(self) -> None:
        """Build every lookup now (a server does at load, not on its first request)."""
        for name in ("row_of", "children", "doc_rows", "dup_groups"):
            getattr(self, name)

    def texts(self, rows: Iterable[int]) -> Iterator[str]:
        """The texts of ``rows`` (ascending), read from the store's text column alone where there is one."""
        return _texts(self.passages, np.asarray(list(rows), dtype=np.int64))

    def passage(self, passage_id: str) -> Passage | None:
        i = self.row_of.get(passage_id)
        return None if i is None else self.passages[i]

    @staticmethod
    def iter_rows(table: Sequence[T], rows: Iterable[int]) -> Iterator[T]:
        """``table[r]`` for ``rows`` (ascending), streamed in chunks when ``table`` is read from a store."""
        if isinstance(table, list):
            return (table[r] for r in rows)
        return _walk(table, rows)

    def iter_raw_morphs(self, rows: Iterable[int]) -> Iterator[Sequence[Sequence]]:
        """Each row's morphemes as ``(form, tag, start, end)`` sequences, without :class:`Morph` records.

        For walks over every row (the match statistics): from a store, the JSON decoded and
        nothing more, about half the cost of the records.
        """
        raw = _raw_morphs(self.morphs)
        if raw is None:
            return ([(m.form, m.tag, m.start, m.end) for m in ms] for ms in self.iter_rows(self.morphs, rows))
        return _walk(raw, rows)

    def close(self) -> None:
        """Close the store file(s) behind this corpus (reopened if it is read again)."""
        for part in (self.passages, self.morphs, self.doc_texts, self.doc_pages):
            _close(part)


def _texts(table: Sequence[Passage], rows: np.ndarray) -> Iterator[str]:
    """The texts of ``rows`` (ascending), read from a store's text column alone where there is one."""
    if len(rows) and np.any(np.diff(rows) <= 0):
        yield from (table[r].text for r in rows.tolist())
    elif isinstance(table, _Concat):
        for part, lo, hi in table.split(rows):
            yield from _texts(part, rows[lo:hi] - table.start(part))
    elif isinstance(table, PassageTable):
        yield from table.iter_texts(rows)
    else:
        yield from (table[r].text for r in rows.tolist())


def _walk(table: Sequence[T], rows: Iterable[int]) -> Iterator[T]:
    """Rows in ascending order from a stored table: runs of near rows read with one query each."""
    rows = np.asarray(rows if isinstance(rows, (np.ndarray, Rows, list)) else list(rows), dtype=np.int64)
    if len(rows) and np.any(np.diff(rows) < 0):
        yield from (table[r] for r in rows.tolist())
        return
    i = 0
    while i < len(rows):
        j = int(np.searchsorted(rows, rows[i] + CHUNK))
        part = rows[i:j].tolist()
        lo, hi = part[0], part[-1] + 1
        if len(part) * 8 >= hi - lo:  # dense enough to read the span
            got = table[lo:hi]
            yield from (got[r - lo] for r in part)
        else:
            yield from (table[r] for r in part)
        i = j


# ---- writing and reading the file ------------------------------------------------------


_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
  doc_type TEXT NOT NULL, text TEXT NOT NULL, pages TEXT NOT NULL, date TEXT, issuer TEXT);
CREATE TABLE passages (
  row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
  kind TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  page INTEGER, parent_id TEXT, ordinal INTEGER NOT NULL, morphs TEXT NOT NULL, vector_pos INTEGER);
CREATE TABLE targets (
  passage_id TEXT NOT NULL, idx INTEGER NOT NULL, metric TEXT NOT NULL, unit TEXT, "values" TEXT NOT NULL,
  trend TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  PRIMARY KEY (passage_id, idx));
CREATE INDEX passages_doc ON passages(doc_id);
"""


class StoreWriter:
    """Writes a new store one document at a time (:func:`write_store` for a list of them).

    ``with StoreWriter(path) as w: w.add(doc, morphs)``; ``w.vector_rows`` are the rows
    that are searchable, in vector order. Nothing is committed if the block raises.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.vector_rows: list[int] = []
        self._row = 0
        self._con = sqlite3.connect(self.path)
        self._con.executescript(_DDL)
        self._con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def add(self, d: Document, morphs: Mapping[str, Sequence[Morph]]) -> None:
        """Write ``d``, its passages (with ``morphs[passage.id]``, none when absent) and targets."""
        con = self._con
        con.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
            (
                d.doc_id, d.title, d.source, d.sha256, d.doc_type, d.text,
                json.dumps([[s.start, s.end, s.page] for s in d.pages]), d.date, d.issuer,
            ),
        )
        passages, targets = [], []
        for p in d.passages:
            pos = None
            if is_searchable(p):
                pos = len(self.vector_rows)
                self.vector_rows.append(self._row)
            passages.append(
                (
                    self._row, p.id, p.doc_id, p.kind, json.dumps(list(p.section), ensure_ascii=False), p.text,
                    p.start, p.end, p.page, p.parent_id, p.ordinal,
                    json.dumps([[m.form, m.tag, m.start, m.end] for m in morphs.get(p.id, ())], ensure_ascii=False),
                    pos,
                )
            )
            targets.extend(
                (p.id, i, t.metric, t.unit, json.dumps([[v.year, v.value] for v in t.values]), t.trend, t.text, t.start, t.end)
                for i, t in enumerate(p.targets)
            )
            self._row += 1
        con.executemany("INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", passages)
        con.executemany("INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?)", targets)

    def close(self, commit: bool = True) -> None:
        try:
            if commit:
                self._con.commit()
        finally:
            self._con.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, exc_type, *_exc) -> None:
        self.close(commit=exc_type is None)


def write_store(
    path: Path,
    documents: Sequence[Document],
    morphs: dict[str, tuple[Morph, ...]],
) -> list[int]:
    """Write documents to a new SQLite file; return the rows that are searchable, in vector order."""
    with StoreWriter(path) as w:
        for d in documents:
            w.add(d, morphs)
    return w.vector_rows


def read_store(path: Path) -> Corpus:
    """Open a store written by :func:`write_store`: columns in memory, the rest read on access.

    The file is opened read-only once (:meth:`Corpus.close` closes it). One pass over the
    passages fills the columns chunk by chunk, so loading never holds a Python object per row.
    """
    path = Path(path)
    raw = _Connection(path).open()
    try:
        version = raw.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if not version or int(version[0]) != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"store schema version {version and version[0]} != {SCHEMA_VERSION}")
        blobs: list[bytes] = []
        lengths, positions, parent = array.array("q"), array.array("q"), array.array("i")
        has_targets = bytearray()
        doc, kind, section = _Coder(), _Coder(), _Coder(lambda sec: tuple(json.loads(sec)))
        cur = raw.execute(
            "SELECT c.row, c.id, c.doc_id, c.kind, c.section, c.vector_pos, p.row, "
            "EXISTS (SELECT 1 FROM targets t WHERE t.passage_id = c.id) "
            "FROM passages c LEFT JOIN passages p ON p.id = c.parent_id ORDER BY c.row"
        )
        n = 0
        while chunk := cur.fetchmany(CHUNK):
            encoded = [r[1].encode() for r in chunk]
            blobs.append(b"".join(encoded))
            lengths.extend(map(len, encoded))
            for row, _pid, doc_id, k, sec, pos, prow, targets in chunk:
                if row != n:
                    raise sqlite3.DatabaseError(f"{path}: passage rows are not 0..n-1 (row {row} at {n})")
                n += 1
                doc.add(doc_id)
                kind.add(k)
                section.add(sec)
                positions.append(-1 if pos is None else pos)
                parent.append(-1 if prow is None else prow)
                has_targets.append(targets)
        n_targets = dict(raw.execute("SELECT p.doc_id, COUNT(*) FROM targets t JOIN passages p ON p.id = t.passage_id GROUP BY p.doc_id"))
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(lengths, dtype=np.int64), out=offsets[1:])
        ids = StringColumn(b"".join(blobs), offsets)
        del blobs
        cols = PassageColumns(ids, doc.done(), kind.done(), section.done(), np.frombuffer(parent, dtype=np.int32).copy())
        per_doc = dict(zip(cols.doc_id.values, np.bincount(cols.doc_id.codes, minlength=len(cols.doc_id.values)).tolist()))
        documents: dict[str, DocumentInfo] = {}
        for doc_id, title, source, sha, doc_type, date, issuer in raw.execute(
            "SELECT doc_id, title, source, sha256, doc_type, date, issuer FROM documents ORDER BY rowid"
        ):
            documents[doc_id] = DocumentInfo(doc_id, title, source, sha, doc_type, per_doc.get(doc_id, 0), n_targets.get(doc_id, 0), date, issuer)
    except BaseException:
        raw.close()
        raise
    con = _Connection(path, raw)
    pos = np.frombuffer(positions, dtype=np.int64)
    searchable = np.flatnonzero(pos >= 0)
    vector_rows = searchable[np.argsort(pos[searchable], kind="stable")]
    with_targets = np.frombuffer(bytes(has_targets), dtype=bool)
    recent = _RecentRows(con, cols, with_targets)
    return Corpus(
        documents,
        PassageTable(con, cols, with_targets, recent),
        MorphTable(con, n, recent),
        vector_rows,
        _DocColumn(con, documents, "text", str),
        _DocColumn(con, documents, "pages", _pages_of),
    )


def documents_from_corpus(corpus: Corpus, doc_ids: Iterable[str]) -> dict[str, tuple[Document, dict[str, tuple[Morph, ...]]]]:
    """Rebuild :class:`Document` records (and their morphemes) for reuse by an incremental build."""
    out: dict[str, tuple[Document, dict[str, tuple[Morph, ...]]]] = {}
    wanted = set(doc_ids)
    for doc_id in wanted:
        info = corpus.documents.get(doc_id)
        if info is None:
            continue
        rows = corpus.doc_rows.get(doc_id, [])
        passages = tuple(corpus.iter_rows(corpus.passages, rows))
        doc = Document(
            doc_id, info.title, info.source, info.sha256, info.doc_type, corpus.doc_texts[doc_id], passages,
            corpus.doc_pages.get(doc_id, ()), date=info.date, issuer=info.issuer,
        )
        out[doc_id] = (doc, {p.id: m for p, m in zip(passages, corpus.iter_rows(corpus.morphs, rows))})
    return out
