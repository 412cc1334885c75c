"""Rows of a PDF table with no rule between them, told apart by their lines.

Staffing and budget tables often rule only their header and their foot: every body row sits in one
ruled band, each cell holding one line per row (``고위공무원 | 1 | 1`` over ``서기관 | 4 | 3`` …), and
the band read as one row said ``고위공무원 서기관 …: 정원 1 4 …``. The cell with the most lines gives the
baselines; the band is split into those rows when another cell holds only figures, one a line, on
them (a column of values says there are rows; two cells of prose wrapping side by side do not), and
every cell's lines sit on them, or the band is left whole. A row without a figure where the other
rows have them is the line before it wrapped (``과장`` over ``(연구관)``) and joins it, and so does a row
whose figures are notes in parentheses under the figures above (``100`` over ``(50)``). The first band
(the header) is never split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from indexer.ingest.stacked_rows import FIGURE as _FIGURE
from indexer.ingest.stacked_rows import is_note

__all__ = ["split_rows"]

Box = tuple[float, float, float, float, str]  # x0, top, x1, bottom (top-down), its text
Line = tuple[float, str]  # a line's middle (top-down) and its text


def split_rows(boxes: Sequence[Box], lines_of: Callable[[Box], list[Line]], pitch: float) -> tuple[Box, ...]:
    """``boxes`` with each unruled band of rows split into its rows (see module doc). ``lines_of`` gives a box's
    lines; ``pitch`` is the tolerance, in points, within which two lines share a baseline."""
    bands: dict[tuple[float, float], list[Box]] = {}
    for b in boxes:
        bands.setdefault((round(b[1], 1), round(b[3], 1)), []).append(b)
    first = min(top for top, _ in bands)
    out: list[Box] = []
    for (top, _), band in bands.items():
        per_box = [lines_of(b) for b in band]
        rows = None if top == first else _rows(per_box, pitch)
        if rows is None:
            out += band
            continue
        placed = [dict(_on(rows, lines, pitch)) for lines in per_box]
        figures = [cells for cells in placed if len(cells) >= 2 and all(_FIGURE.fullmatch(t) for t in cells.values())]
        # (a figure's note under it, ``100`` over ``(50)``, is no row of its own)
        starts = [k for k in range(len(rows)) if k == 0 or any(k in c and not is_note(c.get(k - 1, ""), c[k]) for c in figures)]
        for b, cells in zip(band, placed):
            cuts = [b[1], *((rows[k - 1] + rows[k]) / 2 for k in starts[1:]), b[3]]
            for n, (t, u) in enumerate(zip(cuts, cuts[1:])):
                end = starts[n + 1] if n + 1 < len(starts) else len(rows)
                out.append((b[0], t, b[2], u, " ".join(cells[k] for k in range(starts[n], end) if k in cells)))
    return tuple(out)


def _rows(per_box: list[list[Line]], pitch: float) -> list[float] | None:
    """The baselines of a band's rows, or None when the band is one row."""
    most = max(per_box, key=len)
    if len(most) < 2:
        return None
    rows = [y for y, _ in most]
    if any(len(_on(rows, lines, pitch)) != len(lines) for lines in per_box):
        return None  # a line between the rows (a centred label): not a band of one-line rows
    if not any(lines is not most and len(lines) >= 2 and all(_FIGURE.fullmatch(t) for _, t in lines) for lines in per_box):
        return None
    return rows


def _on(rows: list[float], lines: list[Line], pitch: float) -> list[tuple[int, str]]:
    """``(row, text)`` of each line that sits on one of the rows' baselines (one line a row)."""
    placed: dict[int, str] = {}
    for y, text in lines:
        k = min(range(len(rows)), key=lambda i: abs(rows[i] - y))
        if abs(rows[k] - y) <= pitch and k not in placed:
            placed[k] = text
    return sorted(placed.items())
