"""Compact columns: what a corpus keeps in memory of every row, and the lookups built on them.

:class:`PassageColumns` is what :func:`~indexer.store.read_store` holds of each passage: ids
packed in one UTF-8 buffer (:class:`StringColumn`), document, kind and section as small
integer :class:`Codes`, and the parent row. :class:`~indexer.store.Corpus` builds its lookups
from them on first use — :class:`RowIndex` (id → row), rows grouped by a code (a passage's
children, a document's rows) and :class:`DupGroups` (exact-duplicate key, :func:`dup_key`, →
rows) — numpy arrays and hashes that answer like the dicts of strings they replace.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from indexer.records import Passage
from indexer.text import strip_bullet, unify_dots


def dup_key(text: str) -> str:
    """Normalised text for exact-duplicate detection: no whitespace or leading bullet, one middle dot, NFKC.

    ``○ 시정의 신뢰ㆍ이해도 제고`` and ``○시정의  신뢰․이해도 제고`` are one key; search
    collapses them into one hit and the audit reports them as one exact cluster.
    """
    return unicodedata.normalize("NFKC", unify_dots("".join(strip_bullet(text).split())))


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


class _ByGet(Mapping[str, Any]):
    """A mapping answered by ``get`` (None for a missing key): ``[]`` and ``in`` follow from it."""

    def get(self, key: object, default: Any = None) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None


class RowIndex(_ByGet):
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


class _GroupMap(_ByGet):
    """A key → rows mapping over :class:`_Groups`; a key without rows is not in it (as in a dict)."""

    def __init__(self, groups: _Groups, code_of: Callable[[str], int | None], key_of: Callable[[int], str]) -> None:
        self._groups, self._code_of, self._key_of = groups, code_of, key_of

    def get(self, key: object, default: Any = None) -> Any:
        code = self._code_of(key) if isinstance(key, str) else None
        if code is None or not self._groups.size(code):
            return default
        return self._groups.rows(code)

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


class DupGroups(_ByGet):
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

    def __iter__(self) -> Iterator[str]:
        return (dup_key(self._text_of(self._rows[s])) for s in self._starts[:-1])

    def __len__(self) -> int:
        return len(self._hi)
