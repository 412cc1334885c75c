"""A store's tables read from its SQLite file on access, and several stores' tables read as one.

:class:`PassageTable` and :class:`MorphTable` answer ``table[row]`` through one read-only
connection per store shared by threads (:class:`_Connection`), remembering the last
:data:`CACHE_ROWS` rows (LRU) and reading ahead when rows are read in order; slices and whole
iterations read straight from the file. Documents' texts and pages are read by doc id.
:func:`concat_rows` and :func:`chain_maps` lay the tables of a sharded generation's stores
end to end without copying. :func:`~indexer.store.read_store` makes them.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from indexer.columns import PassageColumns
from indexer.records import PageSpan, Passage, Target, TargetPoint
from indexer.segmentation import Morph

#: Rows kept decoded per corpus (each table); a search reads a few dozen.
CACHE_ROWS = 4096
#: Read-ahead grows (1, 2, 4 …) up to this many rows while rows are read in order.
READ_AHEAD = 512
#: A read this many rows past the previous one still counts as reading in order (headings skipped).
READ_GAP = 8
#: Rows per query when a whole table is streamed.
CHUNK = 2048

T = TypeVar("T")


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


class _FileRows(Sequence[T]):
    """Rows of a store table read on access: a slice straight from the file, one row through ``get``."""

    def __init__(self, n: int, fetch: Callable[[int, int], list], get: Callable[[int], T]) -> None:
        self._n, self._fetch, self._get = n, fetch, get

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            lo, hi, step = i.indices(self._n)
            if step != 1:
                return [self[j] for j in range(lo, hi, step)]
            return self._fetch(lo, hi) if hi > lo else []
        return self._get(_row_index(i, self._n))


class _RawMorphs(_FileRows[list]):
    """A :class:`MorphTable` read as decoded JSON lists: half the cost of records, for walks over every row."""

    def __init__(self, con: _Connection, n: int) -> None:
        fetch = partial(_fetch_morphs, con, raw=True)
        super().__init__(n, fetch, lambda i: fetch(i, i + 1)[0])


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


class _StoredRows(_FileRows[T]):
    """One table of a store read on access: a row through :class:`_RecentRows`, slices and walks straight from the file."""

    def __init__(self, con: _Connection, n: int, fetch: Callable[[int, int], list], rows: _RecentRows, get: Callable[[int], T]) -> None:
        super().__init__(n, fetch, get)
        self._con, self._rows = con, rows

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
        """The texts of ``rows`` (strictly ascending), a query per :data:`CHUNK` rows of the file: the span
        read whole where the rows are dense in it, else the rows by key (a search's scattered candidates:
        120 of 100,000 rows in 0.7 ms, not the 36 ms of reading their spans; ``benchmarks.corpus_memory``)."""
        i = 0
        while i < len(rows):
            j = int(np.searchsorted(rows, rows[i] + CHUNK))
            part = rows[i:j].tolist()
            if len(part) * READ_GAP >= part[-1] + 1 - part[0]:
                got = dict(self._con.fetch("SELECT row, text FROM passages WHERE row >= ? AND row <= ?", (part[0], part[-1])))
            else:
                got = dict(self._con.fetch(f"SELECT row, text FROM passages WHERE row IN ({','.join('?' * len(part))})", part))
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
