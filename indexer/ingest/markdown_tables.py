"""Turn table cells (with row/column spans) into Markdown pipe-table lines.

Spanned cells are repeated in every grid position they cover, so each row
carries its own row-group label and each column its header. When the first
row holds cells spanning several rows, those rows together form the header
(texts of a column joined by a space: ``2021 | 상반기`` → ``2021 상반기``).
One-row tables (section banners like ``| 1 | 성 과 |``) become one plain line. A one-cell box
whose first line is a short title (``핵심 요약``, alone or over bullets) is written as a box title.
A table cut into parts (by page breaks) is rendered a part at a time, each
under the whole table's header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from indexer.ingest.outline import is_short_title, marker_of
from indexer.ingest.stacked_rows import unstack
from indexer.ingest.textclean import clean_line
from indexer.text import join_spaced_letters

__all__ = [
    "MAX_CELLS", "TITLE_FRAMES", "Cell", "box_title", "header_depth", "inline_table",
    "is_box", "table_lines", "table_parts", "place_table", "row_cells",
]

_UNIT_NOTE = re.compile(r"^[(\[]\s*단\s*위\s*[:：]")
#: The marks a box's title may be framed in (``【 핵심 메시지 】``, ``< 주요 내용 >``): no numbering nor bullet.
TITLE_FRAMES = frozenset({"bracket", "caption"})
#: Larger grids are cut (rows beyond it dropped) to bound memory on broken files.
MAX_CELLS = 200_000


class Cell(NamedTuple):
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str


def _grid(cells: list[Cell], keep_empty: bool = False) -> list[list[str]]:
    if not cells:
        return []
    ncols = min(_width(cells), 1000)
    nrows = min(max(c.row + max(c.rowspan, 1) for c in cells), MAX_CELLS // max(ncols, 1))
    grid = [[""] * ncols for _ in range(nrows)]
    for c in cells:
        text = clean_line(c.text.replace("\n", " "))
        for r in range(c.row, min(c.row + max(c.rowspan, 1), nrows)):
            for k in range(c.col, min(c.col + max(c.colspan, 1), ncols)):
                grid[r][k] = text
    return grid if keep_empty else [row for row in grid if any(row)]


def is_box(geos: Sequence[tuple[int, ...]]) -> bool:
    """A one-column table is a layout box: its content is read as plain paragraphs. ``geos`` are its
    cells or their ``(row, col, rowspan, colspan)``."""
    return bool(geos) and _width(geos) == 1


def _width(geos: Iterable[tuple[int, ...]]) -> int:
    """How many columns a table spans: ``geos`` are its cells or their ``(row, col, rowspan, colspan)``."""
    return max(g[1] + max(g[3], 1) for g in geos)


def box_title(lines: Sequence[str]) -> bool:
    """Whether a one-cell box's lines (its paragraphs, blank ones left out) open on its title: a short line
    that ends no sentence and carries no bullet or number of its own (``핵심 요약``, ``【 핵심 메시지 】``,
    ``< 주요 내용 >``), alone in the box or over marked lines (``ㅇ 1인 가구는 …``). A box of prose, of short
    unmarked labels (a diagram's ``편리한`` / ``맞춤형 서비스``), or opening on a marked line (``□ 비전 …``,
    ``※ 예산 세부 내역``: placed by their marks as any line) has no title."""
    lines = [t for t in (clean_line(x) for x in lines) if t]
    if not lines or not is_short_title(lines[0]) or _UNIT_NOTE.match(lines[0]):
        return False
    own = marker_of(lines[0])
    if own is not None and own.family not in TITLE_FRAMES:
        return False
    return len(lines) == 1 or marker_of(lines[1]) is not None


def place_table(caption, groups, paragraph, flat, out, split=None) -> None:
    """A reader's table: ``caption`` paragraphs, then a one-column layout box as body text, or the cells.

    ``groups`` are ``((row, col, rowspan, colspan), paragraphs)``; ``paragraph`` writes one paragraph
    as a line, ``flat`` joins paragraphs into a cell's text, ``split`` (optional) gives a cell's lines where they
    are line breaks inside a paragraph (:func:`~indexer.ingest.stacked_rows.unstack`), ``out`` (a
    :class:`~indexer.ingest.page_writer.PageWriter`) takes the cells, and learns where a one-cell box
    starts and ends (it may open on a title: :func:`box_title`).
    """
    for p in caption:
        paragraph(p)
    if is_box([geo for geo, _ in groups]):
        one = len(groups) == 1
        if one:
            out.begin_box()
        for _, paras in groups:
            for p in paras:
                paragraph(p)
        if one:
            out.end_box()
        return
    out.table([Cell(*c) for c in unstack(groups, flat, split)])  # (a row typed as stacks spread over its rows)


def header_depth(cells: list[Cell], nrows: int) -> int:
    """How many of a table's ``nrows`` rows are its header: as many as its first row's cells span (1 to 3)."""
    spans = [c.rowspan for c in cells if c.row == 0]
    return max(1, min(max(spans, default=1), 3, nrows - 1))


def _md_row(values: list[str]) -> str:
    return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"


def table_lines(cells: list[Cell]) -> list[str]:
    """Markdown lines for a table: header row, ``|---|`` separator, one line per row."""
    grid = _grid(cells)
    if not grid:
        return []
    if len(grid) == 1:
        if _field_pairs(grid[0]):  # | 정책사업 | 책 읽는 도시 | 단위사업 | 도서관 운영 |: each value with its field
            return [" · ".join(f"{k}: {v}" for k, v in zip(grid[0][0::2], grid[0][1::2]) if v)]
        return [" ".join(_dedupe(grid[0]))]
    depth = header_depth(cells, len(grid))
    header = _header(grid, depth)
    lines = [_md_row(header), "|" + "---|" * len(header)]
    lines.extend(_md_row(row) for row in grid[depth:])
    return lines


# A form's field name (``사업기간``, ``단위사업``, ``담당부서``, ``사업명``): what a one-row table of pairs names.
_FIELD_KEY = re.compile(
    r"^[가-힣]{1,6}(?:사업|과제|기간|명|부서|담당|예산|금액|위치|규모|대상|방법|근거|목적|일시|장소|연락처|기관|번호|코드|회계|분야|부문|유형)$"
)


def _field_pairs(row: list[str]) -> bool:
    """A one-row table of field names and values side by side (two pairs or more, every name a field's)."""
    keys = ["".join(k.split()) for k in row[0::2]]
    return len(row) >= 4 and len(row) % 2 == 0 and any(row[1::2]) and all(_FIELD_KEY.match(k) for k in keys)


def _header(grid: list[list[str]], depth: int) -> list[str]:
    """The header's text of each column: its top ``depth`` rows' cells, joined (``2021 상반기``); a cell spaced out
    letter by letter is joined first (``재 원`` over ``시 비``: ``재원 시비``, never the one word ``재원시비``)."""
    return [" ".join(_dedupe([join_spaced_letters(grid[r][k]) for r in range(depth)])) for k in range(len(grid[0]))]


def table_parts(cells: list[Cell], starts: Sequence[int]) -> list[list[str]]:
    """Markdown lines of a table cut into parts, each part's rows starting at the row in ``starts``
    (the first at 0): every part repeats the table's header over its own rows, and a part of header
    rows only is empty (the header goes with the rows under it)."""
    grid = _grid(cells, keep_empty=True)
    if not grid:
        return [[] for _ in starts]
    depth = header_depth(cells, len(grid))
    header = _md_row(_header(grid, depth))
    out: list[list[str]] = []
    for a, b in zip(starts, [*starts[1:], len(grid)]):
        rows = [_md_row(grid[r]) for r in range(max(a, depth), b) if any(grid[r])]
        out.append([header, "|" + "---|" * len(grid[0]), *rows] if rows else [])
    return out


def row_cells(line: str) -> list[str]:
    """The cells of a Markdown table row as written (``| 담당 부서 | 대외경제국 |``), stripped."""
    return [c.strip() for c in line.strip().strip("|").split("|")]


def inline_table(cells: list[Cell]) -> str:
    """A nested table flattened into one cell: cells joined by ``, ``, rows by ``; ``."""
    return "; ".join(", ".join(_dedupe(row)) for row in _grid(cells))


def _dedupe(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and (not out or out[-1] != v):
            out.append(v)
    return out
