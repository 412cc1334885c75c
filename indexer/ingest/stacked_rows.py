"""Rows typed into one row of a table, a paragraph a row.

Hangul tables are often filled by typing each column's values down one cell, a paragraph a value
(``고위공무원 ⏎ 서기관 ⏎ …`` beside ``1 ⏎ 4 ⏎ …``), rather than one row a value. Read as one row, its label
was every job title and its value every figure. A row is taken for such a stack when two or more of
its cells hold the same number of paragraphs and one of those holds only figures (blank lines
allowed, two figures at least, a note in parentheses under a figure not counted: ``100 ⏎ (50)`` is one
value); every other cell of the row must hold one paragraph or none (a label
over the stack: it spans the rows). The first row (the header) is never unstacked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["FIGURE", "is_note", "unstack"]

#: A value typed in a cell: figures, signs, a dash (``1``, ``(0.3)``, ``△2``, ``-``, ``12.5%``, ``1,234``).
FIGURE = re.compile(r"[-–△▲▽+]?\(?[\d,.]+\)?%?|[-–]")


def is_note(above: str, text: str) -> bool:
    """Whether ``text`` is a figure's note in parentheses under the figure ``above`` (``100`` over ``(50)``:
    last year's value, the part from a fund), not a value of a row of its own."""
    return bool(text.startswith("(") and text.endswith(")") and FIGURE.fullmatch(text) and above[:1] != "(" and FIGURE.fullmatch(above))


Geo = tuple[int, int, int, int]  # row, col, rowspan, colspan
Cell = tuple[int, int, int, int, str]  # row, col, rowspan, colspan, text: a markdown_tables.Cell's fields


def unstack(
    groups: Sequence[tuple[Geo, list]], flat: Callable[[list], str], split: Callable[[list], list[str]] | None = None
) -> list[Cell]:
    """The cells (``(row, col, rowspan, colspan, text)``) of a reader's table (``(geo, paragraphs)``), with each
    stacked row spread over its rows. ``split`` gives a cell's lines where a reader keeps line breaks inside a
    paragraph (a value a line, typed with Shift+Enter); by default a cell's lines are its paragraphs."""
    split = split or (lambda paras: [flat([p]) for p in paras])
    cell_lines = [split(paras) if geo[0] and geo[2] == 1 else [] for geo, paras in groups]
    many: dict[int, int] = {}  # row → how many of its cells hold two lines or more
    for ((row, _, _, _), _), texts in zip(groups, cell_lines):
        if len(texts) > 1:
            many[row] = many.get(row, 0) + 1
    rows = {row for row, n in many.items() if n >= 2}  # only these can be stacks: the others are read as they were
    if not rows:
        return [(*geo, flat(paras)) for geo, paras in groups]
    lines = [_trimmed(texts) if geo[0] in rows else [] for (geo, _), texts in zip(groups, cell_lines)]
    heights: dict[int, int] = {}
    for row in rows:
        here = [k for k, (geo, _) in enumerate(groups) if geo[0] == row and geo[2] == 1]
        heights[row] = _height([lines[k] for k in here])
    if all(h == 1 for h in heights.values()):
        return [(*geo, flat(paras)) for geo, paras in groups]
    start = {}  # old row → new row
    at = 0
    for row in range(max(geo[0] + geo[2] for geo, _ in groups)):
        start[row] = at
        at += heights.get(row, 1)
    start[row + 1] = at
    cells: list[Cell] = []
    for (row, col, rowspan, colspan), paras, texts in zip((g for g, _ in groups), (p for _, p in groups), lines):
        h = heights.get(row, 1) if rowspan == 1 else 1
        if h > 1 and len(texts) == h:
            cells += [(start[row] + i, col, 1, colspan, t) for i, t in enumerate(texts)]
        else:
            cells.append((start[row], col, start[row + rowspan] - start[row], colspan, flat(paras)))
    return cells


def _trimmed(texts: list[str]) -> list[str]:
    texts = list(texts)
    while texts and not texts[-1]:
        texts.pop()
    while texts and not texts[0]:
        texts.pop(0)
    return texts


def _height(row: list[list[str]]) -> int:
    """How many rows a row of cells (each its paragraphs' texts) stacks: 1 unless it is a stack (module doc)."""
    k = max((len(texts) for texts in row), default=0)
    if k < 2:
        return 1
    full = [texts for texts in row if len(texts) == k]
    figures = [t for t in full if all(not x or FIGURE.fullmatch(x) for x in t) and _values(t) >= 2]
    if len(full) < 2 or not figures or any(1 < len(texts) < k for texts in row):
        return 1
    return k


def _values(texts: list[str]) -> int:
    """How many values a cell's paragraphs hold: a figure's note under it (:func:`is_note`) is no value of its own."""
    return sum(bool(t) and not (k and is_note(texts[k - 1], t)) for k, t in enumerate(texts))
