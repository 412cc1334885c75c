"""A ruled PDF table carried over page breaks, put together again.

A word processor cuts a table at a page break and goes on at the top of the next page: its header row
repeated or not, sometimes only the header row (or it and the first row) left at the foot of the page
before, and a merged cell (a ``분야`` down several rows) cut in two, its text on one side of the break and
an empty box on the other. A table that ends one page and one that opens the next are one table when
their columns line up: the same column edges, or the first a single row whose edges are all among the
second's (a header cell over columns split below it). Put together, the parts make one grid: a header
the next part repeats is dropped, a merged cell cut by the break is one cell again (its text under all
its rows, as inside a page), and each page gets its own rows under the table's header (a page with
nothing but the header row gives it to the rows on the next).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from indexer.ingest.markdown_tables import header_depth, table_parts
from indexer.ingest.pdf_tables import Box, Grid, grid_cells
from indexer.segmentation import ends_in_genitive, ends_open

__all__ = ["continues", "part_lines"]

_TOL = 3.0  # points: the same edge drawn on two pages


def _tol(g: Grid) -> float:
    return max(_TOL, 0.01 * (g.bbox[2] - g.bbox[0]))


def _edges(boxes: Sequence[Box], tol: float) -> list[float]:
    """The column edges of a table's boxes, left to right (edges closer than ``tol`` are one)."""
    out: list[float] = []
    for x in sorted({v for b in boxes for v in (b[0], b[2])}):
        if not out or x - out[-1] > tol:
            out.append(x)
    return out


def _near(x: float, edges: Sequence[float], tol: float) -> bool:
    return any(abs(x - e) <= tol for e in edges)


def continues(prev: Grid, nxt: Grid, head: Grid | None = None) -> bool:
    """Does ``nxt`` (opening a page) go on with ``prev`` (ending the page before)? Their columns line up, or
    the rows that meet at the break do (a form's rows spanning its columns: ``| 요구사항 정의 | … |`` under
    ``| 요구사항 분류 | 기능 | 고유번호 | DAR-001 |``); but not when ``nxt`` opens as ``prev`` does, the same
    label first and other values (the next requirement card, after a card that ended the page). ``head`` is the
    table's first part when ``prev`` goes on with one: its first row, not the row ``prev`` opens with, opens the
    record (a table over three pages whose rows all begin ``인프라``)."""
    tol = _tol(prev)
    if _another_record(head or prev, nxt):
        return False
    a, b = _edges(prev.boxes, tol), _edges(nxt.boxes, tol)
    if len(a) == len(b):
        return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))
    meet, opens = _edges(_row(prev, -1), tol), _edges(_row(nxt, 0), tol)
    if len(meet) == len(opens) > 2 and all(abs(x - y) <= tol for x, y in zip(meet, opens, strict=True)):
        return True
    one_row = len({round(box[1], 1) for box in prev.boxes}) == 1
    return one_row and len(a) < len(b) and all(_near(x, b, tol) for x in a) and all(_near(y, a, tol) for y in (b[0], b[-1]))


def _row(g: Grid, end: int) -> list[Box]:
    """A grid's first (``end`` 0) or last (-1) row of boxes, left to right."""
    if end == 0:
        top = min(b[1] for b in g.boxes)
        return sorted((b for b in g.boxes if abs(b[1] - top) <= _TOL), key=lambda b: b[0])
    bottom = max(b[3] for b in g.boxes)
    return sorted((b for b in g.boxes if abs(b[3] - bottom) <= _TOL), key=lambda b: b[0])


def _another_record(prev: Grid, nxt: Grid) -> bool:
    """``nxt`` opens with a row of ``prev``'s first row's cells, its first label the same, the row not the same
    (``| 요구사항 고유번호 | SFR-003 |`` after ``| 요구사항 고유번호 | SFR-002 |``): a record of the same form.
    A label that ``prev`` repeats down its first column (``인프라`` on row after row of a table with no header
    row) opens no record: it is the rows' value, and the next page's row one more of them."""
    a, b = (["".join(box[4].split()) for box in _row(g, 0)] for g in (prev, nxt))
    if not (len(a) == len(b) >= 2 and bool(a[0]) and not a[0][0].isdigit() and a[0] == b[0] and a != b):
        return False
    left = min(box[0] for box in prev.boxes)
    return sum(abs(box[0] - left) <= _TOL and "".join(box[4].split()) == a[0] for box in prev.boxes) == 1


def _rows(boxes: Sequence[Box]) -> list[float]:
    return sorted({round(v, 1) for b in boxes for v in (b[1], b[3])})


def _header(g: Grid) -> tuple[float, list[str]]:
    """The y under a part's header rows, and the texts of the cells above it (top down, left to right)."""
    cells = grid_cells(g.boxes)
    ys = _rows(g.boxes)
    under = ys[header_depth(cells, len(ys) - 1)]
    return under, ["".join(b[4].split()) for b in sorted(g.boxes, key=lambda b: (b[1], b[0])) if round(b[3], 1) <= under]


def _spans(box: Box, ys: Sequence[float]) -> bool:
    """Does the box cover two rows or more?"""
    return any(box[1] + 0.5 < y < box[3] - 0.5 for y in ys)


def _mend(above: list[Box], below: list[Box], at: float, tol: float) -> tuple[list[Box], list[Box]]:
    """A merged cell cut at ``at`` is one box again: the box ending there and the box in the same column
    starting there, when both hold the same text, or the lower one is empty and one of them covers two
    rows or more (the cell's text printed in its first part), or the upper one is empty and covers two rows
    or more itself (its text printed lower down; an empty cell of one row is just empty)."""
    ys_above, ys_below = _rows(above), _rows(below)
    above, below = list(above), list(below)
    for a in [a for a in above if abs(a[3] - at) <= tol]:
        b = next((b for b in below if abs(b[1] - at) <= tol and abs(b[0] - a[0]) <= tol and abs(b[2] - a[2]) <= tol), None)
        if b is None:
            continue
        same = "".join(a[4].split()) == "".join(b[4].split())
        if same or not b[4].strip() and (_spans(a, ys_above) or _spans(b, ys_below)) or not a[4].strip() and _spans(a, ys_above):
            above.remove(a)
            below.remove(b)
            below.append((a[0], a[1], a[2], b[3], a[4] if a[4].strip() else b[4]))
    return above, below


_FIGURE = re.compile(r"^[\s\d,.%()△▲+\-−~]*$")
# Words after which a cell's text goes on: a conjunction, a list's comma or middle dot.
_RUNS_ON_WORDS = frozenset({"및", "또는", "그리고", "혹은", "등과", "등의"})


def _runs_on(text: str) -> bool:
    """Does a cell's text stop mid-phrase (``공공데이터 개방 확대와``, ``… 지원하고``, ``… 관리,``), so that the text
    under the break goes on with it? A cell that ends a phrase (``공공데이터 개방``) may be a row of its own."""
    words = text.split()
    if not words:
        return False
    last = words[-1]
    return last[-1] in ",·ㆍ" or last in _RUNS_ON_WORDS or ends_open(last) or ends_in_genitive(last)


def _rejoin_row(above: list[Box], below: list[Box], at: float, tol: float) -> tuple[list[Box], list[Box]]:
    """A row the break cut in two is one row again: the part under the break has no row label (the label ended
    above it), some of its cells empty under filled ones (their text ended above too), no figure, and each of its
    filled cells under a filled cell of the row above (``| 데이터 | 공공데이터 개방 확대와 | 210 |`` over the break,
    ``|  | 품질 관리 체계 구축 |  |`` under it), and the text above one of them stops mid-phrase (:func:`_runs_on`):
    a row under a 분야 merged over the break prints the same shape, an empty 분야 and an empty cell, but its
    cells above end their phrases. A row under a label merged down (``|  | 마이데이터 확산 | 95 |``)
    fills its cells, figures and all, and stays a row."""
    last = sorted((a for a in above if abs(a[3] - at) <= tol), key=lambda b: b[0])
    first = sorted((b for b in below if abs(b[1] - at) <= tol), key=lambda b: b[0])
    if len(last) < 2 or len(last) != len(first):
        return above, below
    pairs = list(zip(last, first, strict=True))
    if any(abs(a[0] - b[0]) > tol or abs(a[2] - b[2]) > tol for a, b in pairs):
        return above, below
    texts = [(a[4].strip(), b[4].strip()) for a, b in pairs]
    rows = _rows(below)
    if not texts[0][0] or texts[0][1] or _spans(first[0], rows):
        return above, below  # the label goes on below (or is merged down over more rows): not a row cut in two
    cut_short = any(t and not u for t, u in texts[1:])
    if not cut_short or any(u and (not t or _FIGURE.match(u)) for t, u in texts) or any(_spans(b, rows) for b in first):
        return above, below
    if not any(u and _runs_on(t) for t, u in texts):
        return above, below  # every cell above ends its phrase: the row below may be its own (a 분야 merged over both)
    above = [a for a in above if a not in last]
    below = [b for b in below if b not in first]
    joined = [(a[0], a[1], a[2], b[3], f"{a[4].strip()} {b[4].strip()}".strip()) for a, b in pairs]
    return above, below + joined


def _placed(boxes: Sequence[Box], edges: Sequence[float], at: float, tol: float) -> list[Box]:
    """A part's boxes moved up to start at ``at`` (its top row exactly there), their column edges put on
    the ``edges`` of the parts above (the same edge drawn on another page a hair apart)."""
    top = min(b[1] for b in boxes)

    def snap(x: float) -> float:
        return min(edges, key=lambda e: abs(e - x)) if _near(x, edges, tol) else x

    def move(y: float) -> float:
        return at if abs(y - top) <= tol else y - top + at

    return [(snap(b[0]), move(b[1]), snap(b[2]), move(b[3]), b[4]) for b in boxes]


def part_lines(parts: Sequence[Grid]) -> list[list[str]]:
    """Markdown lines for each part of one table cut by page breaks (see module doc)."""
    tol = _tol(parts[0])
    boxes = list(parts[0].boxes)
    _, head = _header(parts[0])
    starts = [parts[0].bbox[1]]
    bottom = parts[0].bbox[3]
    for g in parts[1:]:
        under, repeated = _header(g)
        own = [b for b in g.boxes if round(b[3], 1) > under] if repeated == head and len(_rows(g.boxes)) > 2 else list(g.boxes)
        moved = _placed(own, _edges(boxes, tol), bottom, tol)
        boxes, moved = _mend(boxes, moved, bottom, tol)
        boxes, moved = _rejoin_row(boxes, moved, bottom, tol)
        boxes += moved
        starts.append(bottom)
        bottom = max(b[3] for b in moved)
    ys = _rows(boxes)
    return table_parts(grid_cells(boxes), [bisect_left(ys, round(y, 1)) for y in starts])
