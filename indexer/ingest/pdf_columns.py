"""Two-column text on a PDF page, read one column after the other.

pdfium returns a region's text in the order of the page's content stream. Most
producers write a column at a time, but some (OCR layers, report generators)
write each printed line across the page, so the two columns of a brief come out
interleaved line by line. Here a band of text is split at a *gutter*: a vertical
strip in the middle half of the band that few lines cross, with prose on both
sides over the same heights (lines that fill most of their column's width, so
a borderless label–value list is not taken for columns), and not line for line on
the same baselines (a borderless table's rows, read row by row) unless each side opens
its outline items where the other goes on with a wrapped line. Lines that cross the
gutter (a title over both columns, a centred page number) cut the band into
strips; each strip is read left column first, then right.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pypdfium2 as pdfium

from indexer.ingest.outline import marker_of

__all__ = ["Rect", "band_regions", "text_rects"]

Rect = tuple[float, float, float, float]  # pdfium: left, bottom, right, top (bottom-up y)
Region = tuple[float, float, float, float]  # left, bottom, right, top

_MIN_LINES = 4  # per column
_MIN_GUTTER = 6.0  # points
_CROSSING_SHARE = 0.15  # of the band's lines may cross the gutter
_FILL = 0.5  # median line width / column width, each side
_PAIRED = 0.8  # of each side's lines on a baseline of the other: a table's rows, not two columns


def text_rects(tp: pdfium.PdfTextPage) -> list[Rect]:
    """The page's text segments (pdfium merges a run of characters on one line into one)."""
    return [tp.get_rect(i) for i in range(tp.count_rects())]


def band_regions(
    rects: list[Rect], left: float, bottom: float, right: float, top: float, text_of: Callable[[Rect], str]
) -> list[Region]:
    """Regions of a band in reading order: the band itself, or its strips' columns. ``text_of`` reads a line's
    text (to tell columns of bulleted items from a table when both run on the same baselines)."""
    inside = [r for r in rects if left <= (r[0] + r[2]) / 2 <= right and bottom <= (r[1] + r[3]) / 2 <= top]
    mid = _gutter(inside, left, right, text_of)
    if mid is None:
        return [(left, bottom, right, top)]
    regions: list[Region] = []
    y = top
    for r in sorted(_lines([r for r in inside if r[0] < mid < r[2]]), key=lambda r: -r[3]):  # one strip a line
        if r[3] < y:  # the columns above this spanning line
            regions += [(left, r[3], mid, y), (mid, r[3], right, y)]
        regions.append((left, min(r[1], y), right, min(r[3], y)))
        y = min(y, r[1])
    regions += [(left, bottom, mid, y), (mid, bottom, right, y)]
    return [g for g in regions if g[3] - g[1] >= 1]


def _gutter(rects: list[Rect], left: float, right: float, text_of: Callable[[Rect], str]) -> float | None:
    """The middle of the band's gutter, if it is set in two columns."""
    lines = _lines(rects)
    if len(lines) < 2 * _MIN_LINES:
        return None
    width = right - left
    xs = np.arange(int(left + width / 4), int(left + 3 * width / 4) + 1, dtype=np.float64)
    spans = np.array([(line[0], line[2]) for line in lines])
    crossing = ((spans[:, :1] < xs) & (xs < spans[:, 1:])).sum(axis=0)
    run = _widest_run(xs[crossing <= _CROSSING_SHARE * len(lines)].astype(int).tolist())
    if run is None or run[1] - run[0] < _MIN_GUTTER:
        return None
    mid = (run[0] + run[1]) / 2
    left_side = [r for r in rects if r[2] <= mid]
    right_side = [r for r in rects if r[0] >= mid]
    if not (left_side and right_side and _overlap(left_side, right_side)):
        return None
    lines_l, lines_r = _lines(left_side), _lines(right_side)
    if _paired(lines_l, lines_r) and not _bullets_apart(lines_l, lines_r, text_of):
        return None  # a borderless table: each left cell has its right cell on the same baseline
    if not (_prose(lines_l, mid - min(r[0] for r in left_side)) and _prose(lines_r, max(r[2] for r in right_side) - mid)):
        return None
    return mid


def _lines(rects: list[Rect]) -> list[Rect]:
    """Rects on one baseline (within 2 points) and under an em apart, merged into printed lines."""
    out: list[Rect] = []
    group: list[Rect] = []
    for r in [*sorted(rects, key=lambda r: -r[1]), None]:
        if r is not None and (not group or group[0][1] - r[1] <= 2):
            group.append(r)
            continue
        line: list[float] = []
        for g in sorted(group, key=lambda g: g[0]):
            if line and g[0] - line[2] <= g[3] - g[1]:  # a word space is under an em
                line[1:] = [min(line[1], g[1]), max(line[2], g[2]), max(line[3], g[3])]
            else:
                if line:
                    out.append(tuple(line))  # type: ignore[arg-type]
                line = list(g)
        if line:
            out.append(tuple(line))  # type: ignore[arg-type]
        group = [r] if r is not None else []
    return out


def _widest_run(xs: list[int]) -> tuple[float, float] | None:
    best: tuple[float, float] | None = None
    start = prev = None
    for x in [*xs, None]:
        if x is not None and prev is not None and x == prev + 1:
            prev = x
            continue
        if start is not None and (best is None or prev - start > best[1] - best[0]):
            best = (float(start), float(prev))
        start = prev = x
    return best


def _prose(lines: list[Rect], span: float) -> bool:
    if len(lines) < _MIN_LINES or span <= 0:
        return False
    widths = sorted(line[2] - line[0] for line in lines)
    return widths[len(widths) // 2] >= _FILL * span


def _paired(left: list[Rect], right: list[Rect]) -> bool:
    """Whether nearly every line of the shorter side has a line on the same baseline on the other: the rows
    of a borderless table (a schedule's dates beside their descriptions, headings above them), which read row by
    row. Columns of prose run on baselines of their own."""
    bases = [r[1] for r in right]
    pairs = sum(1 for r in left if any(abs(r[1] - y) <= 2 for y in bases))
    return pairs >= _PAIRED * min(len(left), len(right))


def _bullets_apart(left: list[Rect], right: list[Rect], text_of: Callable[[Rect], str]) -> bool:
    """Columns of outline items set on one grid of baselines: each side opens items (``□``, ``ㅇ``, ``-`` …) on
    lines where the other side goes on with a wrapped line. A table's cells open no items, or open them row by row."""
    def bullet_bases(lines: list[Rect]) -> set[int]:
        return {round(r[1]) for r in lines if marker_of(text_of(r)) is not None}

    a, b = bullet_bases(left), bullet_bases(right)
    return len(a) >= 2 and len(b) >= 2 and len(a ^ b) >= 2


def _overlap(a: list[Rect], b: list[Rect]) -> bool:
    a0, a1 = min(r[1] for r in a), max(r[3] for r in a)
    b0, b1 = min(r[1] for r in b), max(r[3] for r in b)
    shared = min(a1, b1) - max(a0, b0)
    return shared >= 0.5 * min(a1 - a0, b1 - b0)
