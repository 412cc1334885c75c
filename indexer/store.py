"""Store: documents, passages, morphemes and targets in one SQLite file.

SQLite is the durable record of an index generation, and the server keeps reading it:
:func:`read_store` loads only compact columns (ids packed in one buffer; document, kind,
section and parent as small integer codes) and reads a passage, its morphemes, a
document's text or pages from the file when they are asked for, remembering the last few
thousand rows (LRU) and reading ahead when rows are walked in order (the audit, the targets
listing). A search touches a few dozen rows, so a million passages cost about a hundred MB
of columns instead of gigabytes of Python records (README "Performance").

:class:`Corpus` is what the rest of the code sees: ``passages[row]``, ``morphs[row]``,
``vector_rows`` and the lookups ``row_of``, ``children``, ``dup_groups``, ``doc_rows``
(mappings backed by numpy arrays and hashes, built on first use). A corpus can also be
made from plain lists (tests, builds in memory); it answers the same.
Row numbers are the passages' positions; ``vector_rows`` maps FAISS/BM25 positions back to
rows (headings are stored but not searched).
"""

from __future__ import annotations

import array
import bisect
import hashlib
import json
import sqlite3
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import numpy as np

from indexer.records import Document, PageSpan, Passage, Target, TargetPoint, is_searchable
from indexer.segmentation import Morph
from indexer.text import strip_bullet, unify_dots

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
#: Rows kept decoded per corpus (each table); a search reads a few dozen.
CACHE_ROWS = 4096
#: Read-ahead grows (1, 2, 4 …) up to this many rows while rows are read in order.
READ_AHEAD = 512
#: A read this many rows past the previous one still counts as reading in order (headings skipped).
READ_GAP = 8
#: Rows per query when a whole table is streamed.
CHUNK = 2048

T = TypeVar("T")


def dup_key(text: str) -> str:
    """Normalised text for exact-duplicate detection: no whitespace or leading bullet, one middle dot, NFKC.

    ``○ 시정의 신뢰ㆍ이해도 제고`` and ``○시정의  신뢰․이해도 제고`` are one key; search
    collapses them into one hit and the audit reports them as one exact cluster.
    """
    return unicodedata.normalize("NFKC", unify_dots("".join(strip_bullet(text).split())))


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


# ---- compact columns ---------------------------------------------------------------------


def _int_array(a: np.ndarray, code: str = "q") -> array.array:
    """``a`` as an :class:`array.array` (read by Python one item at a time: 5× faster than numpy scalars)."""
    out = array.array(code)
    out.frombytes(np.ascontiguousarray(a, dtype=np.int64 if code == "q" else np.int32).tobytes())
    return out


def _view(a: array.array) -> np.ndarray:
    """A read-only numpy view of an :class:`array.array` (no copy)."""
    v = np.frombuffer(a, dtype=np.int64 if a.typecode == "q" else np.int32)
    v.flags.writeable = False
    return v


class Rows(Sequence[int]):
    """Row numbers in one int32 array, read as Python ints (``Corpus.vector_rows``); ``array`` is its numpy view."""

    __slots__ = ("_items", "array")

    def __init__(self, rows: Iterable[int] | np.ndarray) -> None:
        a = rows.array if isinstance(rows, Rows) else np.asarray(rows if isinstance(rows, np.ndarray) else list(rows))
        self._items = _int_array(a.reshape(-1), "i")
        self.array = _view(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return Rows(self.array[i])
        return self._items[i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._items)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self.array if dtype is None else self.array.astype(dtype)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Rows, list, tuple, np.ndarray)):
            o = np.asarray(other)
            return o.shape == self.array.shape and bool(np.array_equal(self.array, o))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({self.array.tolist()!r})" if len(self.array) <= 20 else f"Rows(<{len(self.array)} rows>)"


class StringColumn(Sequence[str]):
    """Strings packed in one UTF-8 buffer with offsets (a third of what a list of ``str`` holds)."""

    __slots__ = ("_blob", "_offsets")

    def __init__(self, blob: bytes, offsets: np.ndarray) -> None:
        self._blob = blob
        self._offsets = _int_array(offsets)

    @classmethod
    def pack(cls, encoded: Sequence[bytes]) -> StringColumn:
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
        return cls(b"".join(encoded), offsets)

    @classmethod
    def concat(cls, columns: Sequence[StringColumn]) -> StringColumn:
        offsets, at = [np.zeros(1, dtype=np.int64)], 0
        for c in columns:
            offsets.append(_view(c._offsets)[1:] + at)
            at += len(c._blob)
        return cls(b"".join(c._blob for c in columns), np.concatenate(offsets))

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._blob[self._offsets[i] : self._offsets[i + 1]].decode()

    def __iter__(self) -> Iterator[str]:
        blob, offs = self._blob, self._offsets
        for i in range(len(self)):
            yield blob[offs[i] : offs[i + 1]].decode()

    @property
    def nbytes(self) -> int:
        return len(self._blob) + self._offsets.itemsize * len(self._offsets)


class Codes(NamedTuple):
    """A column of repeated values as ``values`` and one int32 code per row (``values[codes[row]]``)."""

    values: list
    codes: np.ndarray


class _Coder:
    """Builds :class:`Codes` one row at a time (``key``: what identifies a value, ``make(key)``: the value kept)."""

    def __init__(self, make: Callable[[Any], Any] | None = None) -> None:
        self.index: dict[Any, int] = {}
        self.values: list = []
        self.codes = array.array("i")
        self._make = make

    def add(self, key: Any) -> None:
        code = self.index.get(key)
        if code is None:
            code = self.index[key] = len(self.values)
            self.values.append(key if self._make is None else self._make(key))
        self.codes.append(code)

    def done(self) -> Codes:
        return Codes(self.values, np.frombuffer(self.codes, dtype=np.int32).copy())


def _merge_codes(parts: Sequence[Codes]) -> Codes:
    index: dict[Any, int] = {}
    codes = []
    for part in parts:
        remap = np.asarray([index.setdefault(v, len(index)) for v in part.values], dtype=np.int32)
        codes.append(remap[part.codes])
    return Codes(list(index), np.concatenate(codes) if codes else np.zeros(0, dtype=np.int32))


@dataclass(frozen=True)
class PassageColumns:
    """What is kept in memory of every passage: its id, document, kind, section and parent row (-1: none)."""

    ids: Sequence[str]
    doc_id: Codes
    kind: Codes
    section: Codes
    parent: np.ndarray

    @classmethod
    def of(cls, passages: Iterable[Passage]) -> PassageColumns:
        """The columns of passages held in memory (a list)."""
        ids: list[str] = []
        parents: list[str | None] = []
        doc, kind, section = _Coder(), _Coder(), _Coder()
        for p in passages:
            ids.append(p.id)
            parents.append(p.parent_id)
            doc.add(p.doc_id)
            kind.add(p.kind)
            section.add(p.section)
        row = {pid: i for i, pid in enumerate(ids)}
        parent = np.fromiter((-1 if x is None else row.get(x, -1) for x in parents), dtype=np.int32, count=len(parents))
        return cls(ids, doc.done(), kind.done(), section.done(), parent)

    @classmethod
    def concat(cls, parts: Sequence[PassageColumns]) -> PassageColumns:
        """The columns of parts laid end to end (rows and parent rows offset)."""
        if all(isinstance(p.ids, StringColumn) for p in parts) and parts:
            ids: Sequence[str] = StringColumn.concat([p.ids for p in parts])  # type: ignore[misc]
        else:
            ids = [pid for p in parts for pid in p.ids]
        offset, parents = 0, []
        for p in parts:
            parents.append(np.where(p.parent >= 0, p.parent + offset, -1).astype(np.int32))
            offset += len(p.ids)
        return cls(
            ids,
            _merge_codes([p.doc_id for p in parts]),
            _merge_codes([p.kind for p in parts]),
            _merge_codes([p.section for p in parts]),
            np.concatenate(parents) if parents else np.zeros(0, dtype=np.int32),
        )


# ---- lookups (what were dicts of strings) ------------------------------------------------


class RowIndex(Mapping[str, int]):
    """Passage id → row: ids hashed into a sorted int64 array, a hit checked against the id itself."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = ids
        h = np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids))
        order = np.argsort(h, kind="stable")
        self._order = _int_array(order, "i")
        self._hash = _int_array(h[order])

    def get(self, key: object, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        x = hash(key)
        hashes = self._hash
        i = bisect.bisect_left(hashes, x)
        found = default
        while i < len(hashes) and hashes[i] == x:
            r = self._order[i]
            if self._ids[r] == key:
                found = r  # the last of equal ids wins, as in a dict built in row order
            i += 1
        return found

    def __getitem__(self, key: str) -> int:
        r = self.get(key)
        if r is None:
            raise KeyError(key)
        return r

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _Groups:
    """Rows grouped by an integer code (CSR): ``rows(code)`` lists a group's rows in row order."""

    def __init__(self, codes: np.ndarray, n_codes: int) -> None:
        keep = np.flatnonzero(codes >= 0)
        order = np.argsort(codes[keep], kind="stable")
        self.rows_sorted = _int_array(keep[order], "i")
        starts = np.zeros(n_codes + 1, dtype=np.int64)
        np.cumsum(np.bincount(codes[keep], minlength=n_codes), out=starts[1:])
        self.starts = _int_array(starts)

    def rows(self, code: int) -> list[int]:
        return self.rows_sorted[self.starts[code] : self.starts[code + 1]].tolist()

    def size(self, code: int) -> int:
        return self.starts[code + 1] - self.starts[code]

    def nonempty(self) -> np.ndarray:
        return np.flatnonzero(np.diff(_view(self.starts)) > 0)


class _GroupMap(Mapping[str, list[int]]):
    """A key → rows mapping over :class:`_Groups`; a key without rows is not in it (as in a dict)."""

    def __init__(self, groups: _Groups, code_of: Callable[[str], int | None], key_of: Callable[[int], str]) -> None:
        self._groups, self._code_of, self._key_of = groups, code_of, key_of

    def get(self, key: object, default: Any = None) -> Any:
        code = self._code_of(key) if isinstance(key, str) else None
        if code is None or not self._groups.size(code):
            return default
        return self._groups.rows(code)

    def __getitem__(self, key: str) -> list[int]:
        rows = self.get(key)
        if rows is None:
            raise KeyError(key)
        return rows

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (self._key_of(c) for c in self._groups.nonempty().tolist())

    def __len__(self) -> int:
        return len(self._groups.nonempty())


def _digests(keys: Iterable[str], n: int) -> np.ndarray:
    """128-bit BLAKE2b digests of ``keys`` as an ``(n, 2)`` int64 array."""
    buf = bytearray()
    for k in keys:
        buf += hashlib.blake2b(k.encode(), digest_size=16).digest()
    return np.frombuffer(bytes(buf), dtype=np.int64).reshape(n, 2) if n else np.zeros((0, 2), dtype=np.int64)


class DupGroups(Mapping[str, list[int]]):
    """Exact-duplicate key → searchable rows with that key (in ``vector_rows`` order).

    Keys are kept as 128-bit digests (sorted), not as text; two different texts share one
    only with probability ~n²/2¹²⁹.
    """

    def __init__(self, keys: Iterable[str], rows: np.ndarray, text_of: Callable[[int], str]) -> None:
        d = _digests(keys, len(rows))
        order = np.lexsort((d[:, 1], d[:, 0]))  # stable: rows of one key stay in vector order
        hi, lo = d[order, 0], d[order, 1]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (hi[1:] != hi[:-1]) | (lo[1:] != lo[:-1])
        starts = np.flatnonzero(first)
        self._hi, self._lo = _int_array(hi[starts]), _int_array(lo[starts])
        self._starts = _int_array(np.append(starts, len(order)))
        self._rows = _int_array(np.asarray(rows)[order], "i")
        self._text_of = text_of

    def get(self, key: object, default: Any = None) -> Any:
        if not isinstance(key, str):
            return default
        h, lo = _digests([key], 1)[0].tolist()
        i = bisect.bisect_left(self._hi, h)
        while i < len(self._hi) and self._hi[i] == h:
            if self._lo[i] == lo:
                return self._rows[self._starts[i] : self._starts[i + 1]].tolist()
            i += 1
        return default

    def __getitem__(self, key: str) -> list[int]:
        rows = self.get(key)
        if rows is None:
            raise KeyError(key)
        return rows

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (dup_key(self._text_of(self._rows[s])) for s in self._starts[:-1])

    def __len__(self) -> int:
        return len(self._hi)


# ---- reading rows from the file --------------------------------------------------------


class _Connection:
    """A store's read-only SQLite connection, shared by threads (one lock); reopened on use after :meth:`close`."""

    def __init__(self, path: Path, con: sqlite3.Connection | None = None) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con = con

    def open(self) -> sqlite3.Connection:
        return sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            if self._con is None:
                self._con = self.open()
            return self._con.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


class _RowCache:
    """The last ``size`` rows read (LRU), read ahead when rows are walked in order.

    Read-ahead starts at one row and doubles (up to :data:`READ_AHEAD`) while each miss
    follows the previous read, so a search's scattered rows cost one row each and a walk
    over a whole table a query per few hundred rows.
    """

    def __init__(self, n: int, fetch: Callable[[int, int], list], size: int = CACHE_ROWS) -> None:
        self.n, self.size, self._fetch = n, size, fetch
        self._rows: OrderedDict[int, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._last = -READ_GAP - 2
        self._window = 1

    def get(self, row: int) -> Any:
        with self._lock:
            last, self._last = self._last, row
            v = self._rows.get(row)
            if v is not None:
                self._rows.move_to_end(row)
                return v
            self._window = min(READ_AHEAD, 2 * self._window) if last < row <= last + READ_GAP else 1
            hi = min(self.n, row + self._window)
        values = self._fetch(row, hi)
        with self._lock:
            for i, v in enumerate(values, row):
                self._rows[i] = v
                self._rows.move_to_end(i)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)
        return values[0]

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


def _row_index(i: Any, n: int) -> int:
    i = int(i)  # numpy integers too; a float or str raises as a list would
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError(f"row {i} out of range (0..{n - 1})")
    return i


def _targets(con: _Connection, ids: Sequence[str]) -> dict[str, list[Target]]:
    out: dict[str, list[Target]] = {}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for pid, metric, unit, values, trend, text, start, end in con.fetch(
        f'SELECT passage_id, metric, unit, "values", trend, text, start, "end" FROM targets '
        f"WHERE passage_id IN ({marks}) ORDER BY passage_id, idx",
        ids,
    ):
        pts = tuple(TargetPoint(int(y), float(v)) for y, v in json.loads(values))
        out.setdefault(pid, []).append(Target(metric, unit, pts, trend, text, start, end))
    return out


def _fetch_passages(
    con: _Connection, cols: PassageColumns, has_targets: np.ndarray, lo: int, hi: int, with_morphs: bool = False
) -> list:
    """Passages of rows ``lo..hi-1``; ``with_morphs``: ``[passage, morphemes' JSON]`` per row."""
    extra = ", morphs" if with_morphs else ""
    rows = con.fetch(
        f'SELECT row, text, start, "end", page, parent_id, ordinal{extra} FROM passages WHERE row >= ? AND row < ? ORDER BY row', (lo, hi)
    )
    if len(rows) != hi - lo:
        raise sqlite3.DatabaseError(f"{con.path}: rows {lo}..{hi - 1} missing from the store")
    if hi - lo == 1:  # a search's scattered rows
        with_targets = [cols.ids[lo]] if has_targets[lo] else []
    else:
        with_targets = [cols.ids[r] for r in (np.flatnonzero(has_targets[lo:hi]) + lo).tolist()]
    targets = _targets(con, with_targets)
    doc, kind, section, ids = cols.doc_id, cols.kind, cols.section, cols.ids
    out = []
    for r in rows:
        row, text, start, end, page, parent, ordinal = r[:7]
        pid = ids[row]
        p = Passage(
            pid, doc.values[doc.codes[row]], kind.values[kind.codes[row]], section.values[section.codes[row]],
            text, start, end, page, parent, ordinal, tuple(targets.get(pid, ())),
        )
        out.append([p, r[7]] if with_morphs else p)
    return out


_new_morph = object.__new__
_set = object.__setattr__


def _morphs_of(mjson: str) -> tuple[Morph, ...]:
    """A row's morphemes from their JSON; each :class:`Morph` made without the frozen ``__init__``
    (a third of the cost: a search reads ~20 rows, the match statistics every row once)."""
    out = []
    for f, t, s, e in json.loads(mjson):
        m = _new_morph(Morph)
        _set(m, "__dict__", {"form": f, "tag": t, "start": s, "end": e})
        out.append(m)
    return tuple(out)


def _fetch_morphs(con: _Connection, lo: int, hi: int, raw: bool = False) -> list:
    """Morphemes of rows ``lo..hi-1``; ``raw``: as decoded JSON, ``[form, tag, start, end]`` lists (no records)."""
    rows = con.fetch("SELECT morphs FROM passages WHERE row >= ? AND row < ? ORDER BY row", (lo, hi))
    if len(rows) != hi - lo:
        raise sqlite3.DatabaseError(f"{con.path}: rows {lo}..{hi - 1} missing from the store")
    return [json.loads(m) for (m,) in rows] if raw else [_morphs_of(m) for (m,) in rows]


class _RawMorphs(Sequence[list]):
    """A :class:`MorphTable` read as decoded JSON lists: half the cost of records, for walks over every row."""

    def __init__(self, con: _Connection, n: int) -> None:
        self._con, self._n = con, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return [self[j] for j in range(lo, hi, step)]
            return _fetch_morphs(self._con, lo, hi, raw=True) if hi > lo else []
        i = _row_index(i, self._n)
        return _fetch_morphs(self._con, i, i + 1, raw=True)[0]


def _raw_morphs(table: Sequence) -> Sequence[list] | None:
    if isinstance(table, MorphTable):
        return _RawMorphs(table._con, len(table))
    if isinstance(table, _Concat):
        parts = [_raw_morphs(p) for p in table._parts]
        return _Concat(parts) if all(p is not None for p in parts) else None  # type: ignore[arg-type]
    return None


class _RecentRows:
    """A store's recently read rows, shared by its passages and morphemes tables (see :class:`_RowCache`).

    A row is read once for both (a hit needs its passage and its morphemes); the morphemes'
    JSON is decoded when first asked for.
    """

    def __init__(self, con: _Connection, columns: PassageColumns, has_targets: np.ndarray) -> None:
        self._cache = _RowCache(len(columns.ids), partial(_fetch_passages, con, columns, has_targets, with_morphs=True))

    def passage(self, row: int) -> Passage:
        return self._cache.get(row)[0]

    def morphs(self, row: int) -> tuple[Morph, ...]:
        entry = self._cache.get(row)
        m = entry[1]
        if isinstance(m, str):
            m = entry[1] = _morphs_of(m)  # two threads may both decode: the same value either way
        return m

    def clear(self) -> None:
        self._cache.clear()


class _StoredRows(Sequence[T]):
    """One table of a store read on access: a row through :class:`_RecentRows`, slices and walks straight from the file."""

    def __init__(self, con: _Connection, n: int, fetch: Callable[[int, int], list], rows: _RecentRows, get: Callable[[int], T]) -> None:
        self._con, self._n, self._fetch, self._rows, self._get = con, n, fetch, rows, get

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return [self[j] for j in range(lo, hi, step)]
            return self._fetch(lo, hi) if hi > lo else []
        return self._get(_row_index(i, self._n))

    def __iter__(self) -> Iterator[T]:
        for lo in range(0, self._n, CHUNK):
            yield from self._fetch(lo, min(self._n, lo + CHUNK))

    def close(self) -> None:
        self._rows.clear()
        self._con.close()


class PassageTable(_StoredRows[Passage]):
    """A store's passages: :class:`PassageColumns` in memory, the rest read from the file on access."""

    def __init__(self, con: _Connection, columns: PassageColumns, has_targets: np.ndarray, rows: _RecentRows) -> None:
        super().__init__(con, len(columns.ids), partial(_fetch_passages, con, columns, has_targets), rows, rows.passage)
        self.columns = columns

    def iter_texts(self, rows: np.ndarray) -> Iterator[str]:
        """The texts of ``rows`` (strictly ascending), a query per :data:`CHUNK` rows of the file."""
        i = 0
        while i < len(rows):
            j = int(np.searchsorted(rows, rows[i] + CHUNK))
            part = rows[i:j].tolist()
            got = dict(self._con.fetch("SELECT row, text FROM passages WHERE row >= ? AND row <= ?", (part[0], part[-1])))
            yield from (got[r] for r in part)
            i = j


class MorphTable(_StoredRows[tuple[Morph, ...]]):
    """A store's morphemes per row, read from the file on access."""

    def __init__(self, con: _Connection, n: int, rows: _RecentRows) -> None:
        super().__init__(con, n, partial(_fetch_morphs, con), rows, rows.morphs)


class _DocColumn(Mapping[str, T]):
    """One column of the documents table by doc id, read on access (documents' texts and pages)."""

    def __init__(self, con: _Connection, doc_ids: Iterable[str], column: str, convert: Callable[[Any], T]) -> None:
        self._con, self._ids, self._convert = con, dict.fromkeys(doc_ids), convert
        self._sql = f"SELECT {column} FROM documents WHERE doc_id = ?"

    def __getitem__(self, doc_id: str) -> T:
        if doc_id not in self._ids:
            raise KeyError(doc_id)
        return self._convert(self._con.fetch(self._sql, (doc_id,))[0][0])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._ids

    def close(self) -> None:
        self._con.close()


def _pages_of(pjson: str) -> tuple[PageSpan, ...]:
    return tuple(PageSpan(a, b, pg) for a, b, pg in json.loads(pjson))


class _Concat(Sequence[T]):
    """Sequences laid end to end (a sharded generation's tables), read without copying."""

    def __init__(self, parts: Sequence[Sequence[T]], columns: PassageColumns | None = None) -> None:
        self._parts = list(parts)
        self._starts = [0]
        for p in self._parts:
            self._starts.append(self._starts[-1] + len(p))
        if columns is not None:
            self.columns = columns

    def __len__(self) -> int:
        return self._starts[-1]

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            lo, hi, step = i.indices(len(self))
            if step != 1:
                return [self[j] for j in range(lo, hi, step)]
            out: list[T] = []
            for k, p in enumerate(self._parts):
                a, b = max(lo, self._starts[k]), min(hi, self._starts[k + 1])
                if a < b:
                    out.extend(p[a - self._starts[k] : b - self._starts[k]])
            return out
        i = _row_index(i, len(self))
        k = bisect.bisect_right(self._starts, i) - 1
        return self._parts[k][i - self._starts[k]]

    def __iter__(self) -> Iterator[T]:
        for p in self._parts:
            yield from p

    def start(self, part: Sequence[T]) -> int:
        return self._starts[next(k for k, p in enumerate(self._parts) if p is part)]

    def split(self, rows: np.ndarray) -> Iterator[tuple[Sequence[T], int, int]]:
        """``(part, lo, hi)``: ``rows[lo:hi]`` (ascending) fall in ``part``."""
        cut = np.searchsorted(rows, self._starts)
        for k, p in enumerate(self._parts):
            if cut[k] < cut[k + 1]:
                yield p, int(cut[k]), int(cut[k + 1])

    def close(self) -> None:
        for p in self._parts:
            _close(p)


class _ChainMap(Mapping[str, T]):
    """Mappings with disjoint keys read as one, in order (shards' document texts and pages)."""

    def __init__(self, maps: Sequence[Mapping[str, T]]) -> None:
        self._maps = list(maps)

    def __getitem__(self, key: str) -> T:
        for m in self._maps:
            if key in m:
                return m[key]
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for m in self._maps:
            for k in m:
                if k not in seen:
                    seen.add(k)
                    yield k

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        return any(key in m for m in self._maps)

    def close(self) -> None:
        for m in self._maps:
            _close(m)


def concat_rows(parts: Sequence[Sequence[T]], columns: PassageColumns | None = None) -> Sequence[T]:
    """Row tables laid end to end without copying (``columns``: the passages' columns, laid the same way)."""
    if columns is None and all(isinstance(p, list) for p in parts):
        return [x for p in parts for x in p]
    return _Concat(parts, columns)


def chain_maps(maps: Sequence[Mapping[str, T]]) -> Mapping[str, T]:
    """Mappings with disjoint keys (one per shard) read as one."""
    if all(isinstance(m, dict) for m in maps):
        return {k: v for m in maps for k, v in m.items()}
    return _ChainMap(maps)


def _close(obj: object) -> None:
    close = getattr(obj, "close", None)
    if callable(close):
        close()


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
