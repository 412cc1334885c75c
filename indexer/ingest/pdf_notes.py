"""Footnotes of a PDF page, moved to the passage they annotate.

A report or brief printed to PDF marks a note in its text (``…증가하였다¹⁾.``, ``…나타났다2).``) and
prints the note at the foot of the page (``1) 통계청(2024), 「인구주택총조사」.``). Read as they
stand, the notes are list items of whatever section the page ends in. The HWP readers write a
note as ``[^1]: …`` after the block that references it, with ``[^1]`` at its mark; here a page's
notes are written the same way, so they join the passage they annotate (see
:mod:`indexer.ingest.structure`). Notes are recognised only as a run at the page's end whose
numbers count up and each of which has its mark glued to the page's text above (``…다2)``, not a
list item ``2) …``).
"""

from __future__ import annotations

import re

from indexer.ingest.cleaning import page_number_of
from indexer.ingest.outline import SENTENCE_END, marker_of

__all__ = ["place_footnotes"]

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_TO_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_DEF = re.compile(r"^(?:(?P<n>\d{1,2})\)|(?P<sup>[⁰¹²³⁴-⁹]{1,2})⁾?)\s*(?P<text>\S.*)$")
_SECTION = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")  # 3.1 일자리 …: a report's section, no note's wrapped line
_WRAPS = 3  # lines a note may wrap onto
_COLOPHON = re.compile(r"^\s*(?:※|발\s*행\s*[:：]|문\s*의\s*[:：]?|연\s*락\s*처\s*[:：])")


def _mark(n: int) -> re.Pattern[str]:
    """Note ``n``'s mark glued to the text before it: ``다2)``, ``다²⁾``, ``다²``."""
    sup = str(n).translate(_TO_SUPERSCRIPTS)
    return re.compile(rf"(?<=[^\s(\d⁰¹²³⁴-⁹.,·~\-/])(?:{n}\)|{sup}⁾?)(?![\d⁰¹²³⁴-⁹])")  # not a date's ``(’24.1)``


def _notes(lines: list[str]) -> tuple[int, int, list[tuple[int, str]]] | None:
    """Where the page's note run starts and ends, and its notes (number, text), or None. The run goes to the page's
    end, or to a colophon after it (a ``※`` disclaimer, a ``발행 :`` or ``문의`` line), which stays where it is."""
    end = len(lines)
    while end and _is_page_number(lines[end - 1]):
        end -= 1
    # the run: from its first note to the page's end, each note numbered one more than the last
    for start in range(max(0, end - 40), end):
        m = _DEF.match(lines[start])
        if not m:
            continue
        notes: list[tuple[int, str]] = []
        ok, wrapped, stop = True, 0, end
        for k, line in enumerate(lines[start:end], start):
            if notes and _COLOPHON.match(line):
                stop = k
                break
            d = _DEF.match(line)
            n = int((d.group("n") or d.group("sup").translate(_SUPERSCRIPTS))) if d else None
            if d and (not notes or n == notes[-1][0] + 1):
                notes.append((n, d.group("text")))
                wrapped = 0
            elif notes and wrapped < _WRAPS and not _is_page_number(line) and marker_of(line) is None and not _SECTION.match(line):
                notes[-1] = (notes[-1][0], f"{notes[-1][1]} {line}")  # a note wrapped onto the next line
                wrapped += 1
                continue
            else:
                ok = False
                break
        if ok and notes:
            return start, stop, notes
    return None


def place_footnotes(lines: list[str], marks: str = "") -> list[str]:
    """The page's lines with its notes after the text that marks them, as ``[^n]: …`` (unchanged if any note of
    the run at its end has no mark in its text). ``marks``: characters a reader ends its lines with (the PDF
    reader's invisible layout marks); a sentence ends before them, so a note stays with its paragraph instead of
    sliding down to the table under it."""
    found = _notes(lines)
    if found is None:
        return lines
    start, stop, notes = found
    body = list(lines[:start])
    at: dict[int, list[str]] = {}
    for n, text in notes:
        mark = _mark(n)
        where = next((i for i, line in enumerate(body) if mark.search(line)), None)
        if where is None:
            return lines  # a list at the page's foot (``1) …``, ``2) …``), not notes
        body[where] = mark.sub(f"[^{n}]", body[where], count=1)
        end = where
        if body[end].startswith("|"):  # a mark in a table: the note goes under the table
            while end + 1 < len(body) and body[end + 1].startswith("|"):
                end += 1
        # the note goes after the sentence that ends the paragraph its mark is in
        while (end + 1 < len(body) and not body[end].startswith("|") and not SENTENCE_END.search(body[end].rstrip(marks))
               and not body[end + 1].startswith("|")):
            end += 1
        at.setdefault(end, []).append(f"[^{n}]: {text}")
    out: list[str] = []
    for i, line in enumerate(body):
        out.append(line)
        out.extend(at.get(i, ()))
    return out + lines[stop:]


def _is_page_number(line: str) -> bool:
    return page_number_of(line) is not None
