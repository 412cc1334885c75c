"""Collects lines, Markdown tables and notes into pages of plain text."""

from __future__ import annotations

from indexer.ingest.markdown_tables import Cell, box_title, table_lines
from indexer.ingest.textclean import clean_line

__all__ = ["PageWriter", "note_line", "turns_page"]

#: Per page, the indices (into ``page.split("\\n")``) of lines of one kind: box titles, or the lines inside a box under its title.
PageLines = tuple[frozenset[int], ...]


def turns_page(lines: list[tuple[int, int]]) -> bool:
    """Whether a paragraph's saved lines (``(vertical position, column start)`` each, as HWP and HWPX keep them) go
    on over a page's foot: a line higher up than the one before it in the same column or one to its left (a line
    higher up in a column to the right is the next column of the same page)."""
    return any(0 <= v < pv and h <= ph for (pv, ph), (v, h) in zip(lines, lines[1:]))


def note_line(label: str, text: str) -> str:
    """The line a footnote/endnote becomes: ``[^1]: text`` (``[^e1]`` for endnotes)."""
    return f"[^{label}]: {clean_line(text)}".rstrip()


class PageWriter:
    """Accumulates the output of one document, page by page.

    Notes referenced by a paragraph (or by cells of a table) are held back
    and written on their own lines by :meth:`end_block`, right after it. The lines of a one-cell box
    (:meth:`begin_box` … :meth:`end_box`) that opens on a title are remembered by their place (:meth:`boxes`).
    """

    def __init__(self) -> None:
        self._pages: list[list[str]] = [[]]
        self._notes: list[str] = []
        self._titles: list[set[int]] = [set()]
        self._boxed: list[set[int]] = [set()]
        self._open: list[tuple[int, int]] = []  # (page, line) where each box being written started

    def line(self, text: str) -> None:
        """Add one paragraph; internal line breaks become separate lines."""
        for part in text.split("\n"):
            part = clean_line(part)
            if part:
                self._pages[-1].append(part)

    def begin_box(self) -> None:
        """A one-cell box's lines follow, until :meth:`end_box`."""
        self._open.append((len(self._pages) - 1, len(self._pages[-1])))

    def end_box(self) -> None:
        """The box begun last is over: when it opens on a title (:func:`~indexer.ingest.markdown_tables.box_title`),
        remember its title's line and the lines under it in the box."""
        page, start = self._open.pop()
        lines = self._pages[-1][start:]
        if page == len(self._pages) - 1 and box_title(lines):
            self._titles[-1].add(start)
            self._boxed[-1].update(range(start + 1, start + len(lines)))

    def table(self, cells: list[Cell]) -> None:
        """Add a table (rendered as Markdown, or as plain lines when it is a one-row table)."""
        lines = table_lines(cells)
        if lines:
            self._pages[-1].extend(lines)

    def note(self, label: str, text: str) -> None:
        """Queue a note; it is written at the next :meth:`end_block`."""
        self._notes.append(note_line(label, text))

    def end_block(self) -> None:
        """Write the queued notes after the block just finished."""
        self._pages[-1].extend(self._notes)
        self._notes.clear()

    def new_page(self) -> None:
        """Start a new page (no-op while the current one is still empty)."""
        self.end_block()
        if self._pages[-1]:
            self._pages.append([])
            self._titles.append(set())
            self._boxed.append(set())

    def pages(self) -> tuple[str, ...]:
        """The finished pages, one string each (empty trailing page dropped)."""
        self.end_block()
        out = ["\n".join(p) for p in self._pages]
        if len(out) > 1 and not out[-1]:
            out.pop()
        return tuple(out)

    def boxes(self) -> tuple[PageLines, PageLines]:
        """Per page (as :meth:`pages` gives them), the box titles' lines and the lines under them in their boxes."""
        n = len(self.pages())
        return tuple(map(frozenset, self._titles[:n])), tuple(map(frozenset, self._boxed[:n]))
