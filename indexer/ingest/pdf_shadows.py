"""Shadowed text in a PDF: a line printed twice, the second copy a point or so off the first.

Vision charts and cover banners draw their words with a shadow (or a fake bold) by printing every
character, or the whole word, a second time slightly offset. pdfium reads both copies:
``언어자원 언어자원``, ``더더 크크게게`` for ``언어자원 더 크게``. A character that stands within a third
of its own size of the same character printed just before it is such a copy and is dropped; the
same character elsewhere on the line (``190 190``, ``2000``) is a character of its own. Only the lines
that read as doubled are measured: pdfium's character boxes cost a call each.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from indexer.ingest.textclean import clean_line

__all__ = ["unshadowed_lines"]

#: A line worth measuring: two characters in a row each printed twice (``크크게게``), or a word twice.
_DOUBLED = re.compile(r"(\S)\1(\S)\2|(?<!\S)(\S{2,})\s+\3(?!\S)")
_BACK = 12  # characters to look back for the original of a copy (a word and its space)
_NEAR = 0.35  # of the character's width and height: a copy's offset


def unshadowed_lines(tp: pdfium.PdfTextPage) -> dict[str, str]:
    """The page's shadowed lines (as :func:`~indexer.ingest.textclean.clean_line` gives them) → the line
    printed once. Lines read otherwise are not listed."""
    text = tp.get_text_range()
    if len(text) != tp.count_chars() or not _DOUBLED.search(text):
        return {}  # (characters pdfium counts twice or not at all: no geometry to trust)
    out: dict[str, str] = {}
    start = 0
    for k, ch in enumerate(text + "\n"):
        if ch not in "\r\n":
            continue
        line = text[start:k]
        if _DOUBLED.search(line):
            once = clean_line(_once(tp, line, start))
            if once and once != clean_line(line):
                out[clean_line(line)] = once
        start = k + 1
    return out


def _once(tp: pdfium.PdfTextPage, line: str, start: int) -> str:
    kept: list[tuple[str, tuple[float, float, float, float]]] = []
    for i, ch in enumerate(line):
        box = tp.get_charbox(start + i)
        w, h = box[2] - box[0], box[3] - box[1]
        if not ch.isspace() and w > 0 and h > 0 and any(
            c == ch and abs(b[0] - box[0]) <= _NEAR * w and abs(b[1] - box[1]) <= _NEAR * h for c, b in kept[-_BACK:]
        ):
            continue
        kept.append((ch, box))
    return "".join(c for c, _ in kept)
