"""Find ruled tables on a pdfium page: path segments → edges → pdfplumber's cell geometry.

pdfplumber's own ``find_tables`` needs pdfminer to parse every page (~0.3 s a
page on Korean government PDFs); here the ruling lines come from pdfium's
path objects and only pdfplumber's pure geometry functions are used. Cell
text is read with pdfium. One-column grids (boxes around paragraphs) are not
tables; a one-cell grid's frame is given apart, for the reader to see whether it boxes a title. Each table
keeps its cells' boxes, so that a table cut by a page break can be put together again (:mod:`pdf_continued`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from indexer.ingest.markdown_tables import Cell, is_box, table_lines
from indexer.ingest.pdf_rows import split_rows
from indexer.ingest.textclean import clean_line

__all__ = ["MAX_SEGMENTS", "Box", "Frame", "Grid", "find_tables", "grid_cells"]

MAX_SEGMENTS = 50_000  # per page; more is a drawing, not a table
_TOL = 3.0
Box = tuple[float, float, float, float, str]  # a cell: x0, top, x1, bottom (top-down coordinates), its text
Frame = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down coordinates)


class Grid(NamedTuple):
    """A ruled table of one page: its bbox (x0, top, x1, bottom, top-down), its cells, its Markdown lines."""

    bbox: tuple[float, float, float, float]
    boxes: tuple[Box, ...]
    lines: list[str]


def find_tables(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, frames: "list[Frame] | None" = None) -> list[Grid]:
    """Ruled tables of a page, top to bottom; the frames of one-cell grids (boxes) are added to ``frames``."""
    height = page.get_height()
    edges = _edges(page, height)
    if len(edges) < 4:
        return []
    edges = merge_edges(edges, _TOL, _TOL, _TOL, _TOL)
    edges = _close_sides(_close_cut_cells(edges))
    cells = intersections_to_cells(edges_to_intersections(edges, _TOL, _TOL))
    found: list[Grid] = []
    printed: _CellLines | None = None  # the page's printed lines, read when a table first needs them
    grids = cells_to_tables(cells)
    if frames is not None:  # pdfplumber leaves out a cell that is a table alone
        taken = {tuple(b) for boxes in grids for b in boxes}
        frames.extend(tuple(c) for c in cells if tuple(c) not in taken)
    for boxes in grids:
        texts = [tp.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top) for x0, top, x1, bottom in boxes]
        boxed = tuple((*b, " ".join(clean_line(s) for s in raw.splitlines())) for b, raw in zip(boxes, texts, strict=True))
        if sum(len([s for s in raw.splitlines() if s.strip()]) > 1 for raw in texts) >= 2:  # rows with no rule between
            printed = printed or _CellLines(tp, height)
            boxed = split_rows(boxed, printed.of, printed.pitch)
        table = grid_cells(boxed)
        if len(boxes) < 2 or is_box(table):
            continue
        x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
        inside = tp.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)
        if _chars(" ".join(c.text for c in table)) < _chars(inside):
            continue  # text in the grid but in no cell (a broken grid): read it as plain text
        lines = table_lines(table)
        if lines:
            found.append(Grid((x0, top, x1, bottom), boxed, lines))
    return sorted(found, key=lambda t: t.bbox[1])


class _CellLines:
    """Cells' printed lines, ``(middle, text)`` top-down, from the page's text segments (read once a page)."""

    def __init__(self, tp: pdfium.PdfTextPage, height: float) -> None:
        self.tp, self.height = tp, height
        self.rects = [tp.get_rect(i) for i in range(tp.count_rects())]
        heights = sorted(r[3] - r[1] for r in self.rects if r[3] - r[1] >= 1)  # (a dash's box is flat)
        self.pitch = 0.5 * heights[len(heights) // 2] if heights else _TOL

    def of(self, box: Box) -> list[tuple[float, str]]:
        x0, top, x1, bottom = box[:4]
        mids = sorted(self.height - (r[1] + r[3]) / 2 for r in self.rects if x0 <= (r[0] + r[2]) / 2 <= x1)
        lines: list[list[float]] = []
        for y in (m for m in mids if top <= m <= bottom):
            if lines and y - lines[-1][-1] <= self.pitch:
                lines[-1].append(y)
            else:
                lines.append([y])
        out = []
        for ys in lines:
            y = sum(ys) / len(ys)
            text = clean_line(self.tp.get_text_bounded(left=x0, bottom=self.height - y - self.pitch, right=x1, top=self.height - y + self.pitch))
            if text:
                out.append((y, " ".join(text.split())))
        return out


def _close_sides(edges: list[dict]) -> list[dict]:
    """The edges, with the open sides of a table's rows drawn in.

    Korean tables often leave their outer sides open below a fully ruled header (``’17년 | ’18년 | …``
    boxed, then ``전문가 감수, 사전 반영 | 2,208건 | …`` between two rules and the column lines only):
    the first and last cells of such a row have no side, so they are no cells, and the grid, missing
    text, was read as plain text with the row glued to the paragraph above. A row here is the band
    between a rule and the next rule under it at the same width, with a column line running from one
    to the other. An open row next to a closed one of the same width (both sides drawn) gets that
    row's sides, and so on down and up the table, when a column line of the one lines up with a column
    line of the other. A page's two text columns between a rule above and one below, split by a line,
    are no such row: nothing closed stands next to them, or what does (a boxed summary above them) has
    its column lines elsewhere.
    """
    hs = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: e["top"])
    vs = [e for e in edges if e["orientation"] == "v"]
    rows: list[list] = []  # [x0, x1, top, bottom, closed, its column lines]
    for i, a in enumerate(hs):
        x0, x1, top = a["x0"], a["x1"], a["top"]
        b = next((e for e in hs[i + 1 :] if e["top"] > top + _TOL and e["x0"] < x1 - _TOL and e["x1"] > x0 + _TOL), None)
        if b is None or abs(b["x0"] - x0) > _TOL or abs(b["x1"] - x1) > _TOL:
            continue
        spans = [v["x0"] for v in vs if v["top"] <= top + _TOL and v["bottom"] >= b["top"] - _TOL]
        if inner := [x for x in spans if x0 + _TOL < x < x1 - _TOL]:
            rows.append([x0, x1, top, b["top"], all(any(abs(x - side) <= _TOL for x in spans) for side in (x0, x1)), inner])
    added: list[dict] = []
    for order in (rows, rows[::-1]):
        for prev, row in zip(order, order[1:]):
            near = abs(prev[0] - row[0]) <= _TOL and abs(prev[1] - row[1]) <= _TOL
            near = near and any(abs(a - b) <= _TOL for a in prev[5] for b in row[5])  # (a column line runs through both)
            if prev[4] and not row[4] and near and min(abs(prev[3] - row[2]), abs(prev[2] - row[3])) <= _TOL:
                row[4] = True
                height = row[3] - row[2]
                added += [{"x0": x, "x1": x, "top": row[2], "bottom": row[3], "width": 0, "height": height, "orientation": "v"} for x in row[:2]]
    # the new sides snap to the lines above and below them (a header's side at 88.7 and a body row's at 89.0)
    return merge_edges(edges + added, _TOL, _TOL, _TOL, _TOL) if added else edges


def _close_cut_cells(edges: list[dict]) -> list[dict]:
    """The edges, with the rule drawn in where a page break cuts a merged cell.

    A cell merged down several rows (a ``구분`` label) has no rules inside it; cut by a page break, its part
    on each page is left open at the break, and the table's rule there stops at the next column line
    (``| 경로당 지원 | 세부1 |`` over the break, ``|  | 세부2 |`` under it with no rule over the empty box). The
    box is no cell, so its column's text went with no row, or the grid, short of text, was read as plain
    text. A column line that ends where a rule at its height stops at another column line ending or
    crossing there, with nothing ruled past it on that side (the break is the table's edge), is the cell's
    open side: the rule is drawn on to it. Inside a table a merged cell's column lines go on past the rules
    beside it, and a diagram's open boxes have rules beyond them, so nothing is added there.
    """
    hs = [e for e in edges if e["orientation"] == "h"]
    vs = [e for e in edges if e["orientation"] == "v"]

    def open_beyond(v: dict, y: float, a: float, b: float) -> bool:  # nothing ruled past y over a..b (the page's edge side)
        up = abs(v["top"] - y) <= _TOL
        return not any(g["x0"] < b - _TOL and g["x1"] > a + _TOL and (g["top"] < y - _TOL if up else g["top"] > y + _TOL) for g in hs)

    def reaches(x: float, y: float) -> bool:  # a column line at x ends at or crosses height y
        return any(abs(v["x0"] - x) <= _TOL and v["top"] - _TOL <= y <= v["bottom"] + _TOL for v in vs)

    changed = False
    for h in hs:
        y = h["top"]
        for v in vs:
            x = v["x0"]
            if h["x0"] - _TOL <= x <= h["x1"] + _TOL or min(abs(v["top"] - y), abs(v["bottom"] - y)) > _TOL:
                continue  # (the column line must end at the rule's height: its top or its foot)
            end = h["x0"] if x < h["x0"] else h["x1"]
            between = any(min(x, end) + _TOL < w["x0"] < max(x, end) - _TOL and w["top"] - _TOL <= y <= w["bottom"] + _TOL for w in vs)
            ruled = any(g is not h and abs(g["top"] - y) <= _TOL and min(x, end) < g["x1"] and g["x0"] < max(x, end) for g in hs)
            if between or ruled or not reaches(end, y) or not open_beyond(v, y, min(x, h["x0"]), max(x, h["x1"])):
                continue  # (one column's gap only, closed on both sides, and no rule there already)
            h["x0"], h["x1"] = min(h["x0"], x), max(h["x1"], x)
            h["width"] = h["x1"] - h["x0"]
            changed = True
    return merge_edges(edges, _TOL, _TOL, _TOL, _TOL) if changed else edges


def _chars(text: str) -> int:
    return sum(1 for ch in clean_line(text) if not ch.isspace())


def _edges(page: pdfium.PdfPage, height: float) -> list[dict]:
    edges: list[dict] = []
    dots: list[tuple[float, float, float, float]] = []  # segments too short to be a rule alone: a dotted line's dots
    x, y = ctypes.c_float(), ctypes.c_float()
    budget = MAX_SEGMENTS
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1):
        n = pdfium_c.FPDFPath_CountSegments(obj.raw)
        budget -= max(n, 0)
        if budget < 0:
            return []
        m = obj.get_matrix()
        start = prev = None
        for k in range(n):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, k)
            pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            p = m.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = p
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                _add(edges, prev, p, height, dots)
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                _add(edges, p, start, height, dots)
            prev = p
    return edges + _dotted(dots, height)


#: A dotted rule: at least this many dots, each at most _DOT_GAP from the next, over at least _DOT_RUN points.
_DOTS, _DOT_GAP, _DOT_RUN = 5, 2.5, 10.0


def _dotted(dots: list[tuple[float, float, float, float]], height: float) -> list[dict]:
    """Rules drawn as rows of dots or dashes (Hangul's dotted lines between a table's rows are hundreds of
    segments under a point long): each run of them along one line is one edge. Without these, rows ruled
    only by dots merged into one row whose cells held every row's text."""
    out: list[dict] = []
    for axis in (0, 1):  # runs along x (a horizontal rule), then along y
        lines: dict[int, list[tuple[float, float]]] = {}
        for ax, ay, bx, by in dots:
            lo, hi, at = (min(ax, bx), max(ax, bx), (ay + by) / 2) if axis == 0 else (min(ay, by), max(ay, by), (ax + bx) / 2)
            if (abs(ay - by) if axis == 0 else abs(ax - bx)) <= 1:
                lines.setdefault(round(at * 2), []).append((lo, hi))
        for key, spans in lines.items():
            spans.sort()
            run = [spans[0]]
            for span in spans[1:] + [(float("inf"), float("inf"))]:
                if span[0] - run[-1][1] <= _DOT_GAP:
                    run.append(span)
                    continue
                lo, hi = run[0][0], max(b for _, b in run)
                if len(run) >= _DOTS and hi - lo >= _DOT_RUN:
                    at = key / 2
                    a, b = ((lo, at), (hi, at)) if axis == 0 else ((at, lo), (at, hi))
                    _add(out, a, b, height)
                run = [span]
    return out


def _add(edges: list[dict], a: tuple[float, float], b: tuple[float, float], height: float, dots: "list | None" = None) -> None:
    (ax, ay), (bx, by) = a, b
    if dots is not None and abs(ax - bx) < _TOL and abs(ay - by) < _TOL:
        dots.append((ax, ay, bx, by))
        return
    if abs(ay - by) <= 1 and abs(ax - bx) >= _TOL:
        top = height - (ay + by) / 2
        x0, x1 = min(ax, bx), max(ax, bx)
        edges.append({"x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0, "orientation": "h"})
    elif abs(ax - bx) <= 1 and abs(ay - by) >= _TOL:
        top, bottom = height - max(ay, by), height - min(ay, by)
        edges.append({"x0": ax, "x1": ax, "top": top, "bottom": bottom, "width": 0, "height": bottom - top, "orientation": "v"})


def grid_cells(boxes: Sequence[Box]) -> list[Cell]:
    """Boxes as cells of the grid their edges make (a box over two rows spans both)."""
    xs = sorted({round(v, 1) for b in boxes for v in (b[0], b[2])})
    ys = sorted({round(v, 1) for b in boxes for v in (b[1], b[3])})
    cells = []
    for x0, top, x1, bottom, text in boxes:
        col, row = xs.index(round(x0, 1)), ys.index(round(top, 1))
        cells.append(Cell(row, col, ys.index(round(bottom, 1)) - row, xs.index(round(x1, 1)) - col, text))
    return cells
