"""Collects lines, Markdown tables and notes into pages of plain text."""

from __future__ import annotations

from indexer.ingest.markdown_tables import Cell, table_lines
from indexer.ingest.textclean import clean_line

__all__ = ["PageWriter", "note_line"]


def note_line(label: str, text: str) -> str:
    """The line a footnote/endnote becomes: ``[^1]: text`` (``[^e1]`` for endnotes)."""
    return f"[^{label}]: {clean_line(text)}".rstrip()


class PageWriter:
    """Accumulates the output of one document, page by page.

    Notes referenced by a paragraph (or by cells of a table) are held back
    and written on their own lines by :meth:`end_block`, right after it.
    """

    def __init__(self) -> None:
        self._pages: list[list[str]] = [[]]
        self._notes: list[str] = []

    def line(self, text: str) -> None:
        """Add one paragraph; internal line breaks become separate lines."""
        for part in text.split("\n"):
            part = clean_line(part)
            if part:
                self._pages[-1].append(part)

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

    def pages(self) -> tuple[str, ...]:
        """The finished pages, one string each (empty trailing page dropped)."""
        self.end_block()
        out = ["\n".join(p) for p in self._pages]
        if len(out) > 1 and not out[-1]:
            out.pop()
        return tuple(out)
