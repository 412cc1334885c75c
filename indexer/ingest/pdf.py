"""PDF reader: text from pypdfium2, tables from pdfplumber, as Markdown at their place.

Per page: ruled tables are found from pdfium's vector paths (see
:mod:`pdf_tables`); the page is then read in horizontal bands: text above a
table, the table as Markdown, text beside it, text below. A table that ends page N (a
one-line block at most after it: the page number) and one that opens page N+1
(a one-line block at most before it: the running header) whose columns line up
are one table (:mod:`pdf_continued`): page N+1 repeats the table's header over
its own rows, so both halves carry the same header and can be joined. A band set in two columns is read
a column at a time (:mod:`pdf_columns`). The lines of a framed box (a one-cell grid) that opens on a
title (``핵심 요약`` over its bullets, :func:`~indexer.ingest.markdown_tables.box_title`) are marked. A PDF taking over ``TIME_BUDGET_S`` to
read is refused. Footnotes at a page's foot are moved to the text that marks them (:mod:`pdf_notes`).
"""

from __future__ import annotations

import time

import pypdfium2 as pdfium

from indexer.errors import UnreadableDocument
from indexer.ingest.markdown_tables import box_title
from indexer.ingest.page_writer import PageLines
from indexer.ingest.pdf_columns import Rect, band_regions, text_rects
from indexer.ingest.pdf_continued import continues, part_lines
from indexer.ingest.pdf_notes import place_footnotes
from indexer.ingest.pdf_shadows import unshadowed_lines
from indexer.ingest.pdf_tables import Frame, Grid, find_tables
from indexer.ingest.textclean import clean_line, one_line

__all__ = ["MAX_PAGES", "TIME_BUDGET_S", "read_pdf", "read_pdf_layout"]

MAX_PAGES = 3000
TIME_BUDGET_S = 120.0
_Block = tuple[str, list[str]]  # ("text", lines) or ("table", markdown lines)
_Boxes = dict[str, list[tuple[float, float, float, float]]]  # a line's text → (left, right, bottom, top) of each printing
_RUNS_ON = "\u2063"  # ends a line whose paragraph goes on below (within this module only)
_STOPS = "\u2064"  # ends a line that stops well short of the region's right edge: its paragraph ends there
_TITLE = "\u2061"  # ends a box's title line
_IN_BOX = "\u2062"  # ends a line under a box's title, inside the box
_MARK_CHARS = _RUNS_ON + _STOPS + _TITLE + _IN_BOX
_MARKS = str.maketrans("", "", _MARK_CHARS)
_BOX_SHARE = 0.4  # of the page's height: a taller frame is the page's border, not a box
_SHORT = 8  # ems short of the right edge: more than a wrapped word leaves


def read_pdf(source: str, data: bytes) -> tuple[tuple[str, ...], bool]:
    """Pages of a PDF (index = physical page); raises :class:`~indexer.errors.UnreadableDocument`."""
    pages, known, *_ = read_pdf_layout(source, data)
    return pages, known


def read_pdf_layout(
    source: str, data: bytes
) -> tuple[tuple[str, ...], bool, PageLines, PageLines, PageLines, PageLines]:
    """:func:`read_pdf`, and per page the lines (indices into ``page.split("\\n")``) that run on — their
    paragraph goes on in the line below — and those that stop short of the right edge, ending theirs (see
    :func:`_runs_on`); then a box's title lines and the lines under them in their boxes."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise UnreadableDocument(source, "password-protected PDF") from None
        raise UnreadableDocument(source, f"not a readable PDF ({one_line(str(e))})") from None
    except Exception as e:  # noqa: BLE001
        raise UnreadableDocument(source, f"not a readable PDF ({type(e).__name__})") from None
    try:
        n = len(pdf)
        if n == 0:
            raise UnreadableDocument(source, "PDF has no pages")
        if n > MAX_PAGES:
            raise UnreadableDocument(source, f"PDF has {n} pages, over the {MAX_PAGES}-page limit")
        pages, *layout = _read_pages(source, pdf)
    except UnreadableDocument:
        raise
    except Exception as e:  # noqa: BLE001 — pdfium/pdfminer raise many types on damaged files
        raise UnreadableDocument(source, f"broken PDF ({type(e).__name__})") from None
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise UnreadableDocument(source, f"PDF has no text layer ({n} image-only page(s); OCR it first)")
    return (pages, True, *layout)  # type: ignore[return-value]


def _read_pages(source: str, pdf: pdfium.PdfDocument) -> tuple[tuple[str, ...], PageLines, PageLines, PageLines, PageLines]:
    deadline = time.monotonic() + TIME_BUDGET_S
    pages: list[list[_Block]] = []
    grids: list[list[tuple[_Block, Grid]]] = []
    titled: list[list[list[str]]] = []  # per page, the lines of each box that opens on a title
    for i in range(len(pdf)):
        if time.monotonic() > deadline:
            raise UnreadableDocument(source, f"PDF took over {TIME_BUDGET_S:.0f} s to read ({i} of {len(pdf)} pages done)")
        page = pdf[i]
        tp = page.get_textpage()
        frames: list[Frame] = []
        found = find_tables(page, tp, frames)
        pages.append(_blocks(page, tp, found))
        grids.append([(b, g) for b, g in zip([b for b in pages[-1] if b[0] == "table"], found, strict=True)])
        titled.append(_titled_boxes(page, tp, frames, found))
    _join_tables(pages, grids)
    out: list[str] = []
    marked: dict[str, list[frozenset[int]]] = {mark: [] for mark in (_RUNS_ON, _STOPS, _TITLE, _IN_BOX)}
    for blocks, boxes in zip(pages, titled, strict=True):
        lines = place_footnotes(_mark_boxes(boxes, [line for _, lines in blocks for line in lines]), _MARK_CHARS)
        for mark, found_lines in marked.items():
            found_lines.append(frozenset(k for k, line in enumerate(lines) if mark in line))
        out.append("\n".join(line.translate(_MARKS) for line in lines))  # (a note may hold one mid-line)
    return (tuple(out), *(tuple(found_lines) for found_lines in marked.values()))  # type: ignore[return-value]


def _text(tp: pdfium.PdfTextPage, left: float, bottom: float, right: float, top: float, boxes: "_Boxes | None" = None) -> list[str]:
    """The lines of a region; with the page's line ``boxes``, a line that runs on ends in :data:`_RUNS_ON`."""
    if right - left < 1 or top - bottom < 1:
        return []
    raw = tp.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
    lines = [s for s in (clean_line(x) for x in raw.splitlines()) if s]
    return _runs_on(lines, boxes) if boxes else lines


def _line_boxes(tp: pdfium.PdfTextPage) -> _Boxes:
    """Each printed line's (left, right, bottom, top) by its text: the left of its first character, the
    right of its last, the height of its first (a full stop is a dot's height)."""
    text = tp.get_text_range()
    boxes: _Boxes = {}
    if len(text) != tp.count_chars():
        return boxes  # characters pdfium counts twice or not at all: no geometry rather than a wrong one
    start = 0
    for k, ch in enumerate(text + "\n"):
        if ch not in "\r\n":
            continue
        seg = text[start:k]
        if seg.strip():
            a = start + len(seg) - len(seg.lstrip())
            b = start + len(seg.rstrip()) - 1
            x0, y0, _, y1 = tp.get_charbox(a)
            x1 = tp.get_charbox(b)[2]
            boxes.setdefault(clean_line(seg), []).append((x0, x1, y0, y1))
        start = k + 1
    return boxes


def _runs_on(lines: list[str], boxes: _Boxes) -> list[str]:
    """Mark the lines whose paragraph goes on below: a line that fills the region to its right edge (a
    wrap, whatever it ends on: ``…제공해야 한다.`` may end a line mid-paragraph), with the next line right
    under it and not indented past it (a new paragraph's first-line indent). Cleaning then joins the two
    even when the first ends a sentence; every other reason to start a line still holds. And mark the
    lines that start at the region's left edge and stop far short of its right one, more than any word
    could need to wrap (``※ 지방비 및 민간투자는 제외`` over a new paragraph): their paragraph ends there."""
    found = [boxes.get(line, [None])[0] for line in lines]
    placed = [b for b in found if b is not None]
    if len(placed) < 2:
        return lines
    left, right = min(b[0] for b in placed), max(b[1] for b in placed)
    out = list(lines)
    for k, (a, b) in enumerate(zip(found, found[1:])):
        if a is None or b is None:
            continue
        em = a[3] - a[2]
        if em < 3:
            continue
        full = a[1] >= right - 1.5 * em
        below = 0 < a[2] - b[2] <= 2.2 * em  # the next printed line, at this one's line pitch or less
        flush = b[0] <= max(left, a[0]) + 0.5 * em
        if full and below and flush:
            out[k] = lines[k] + _RUNS_ON
        elif a[0] <= left + 0.5 * em and a[1] < right - _SHORT * em and b[1] > a[1] + 4 * em and right - left > 2 * _SHORT * em:
            out[k] = lines[k] + _STOPS  # (and the next line is clearly wider: not a narrower column beside a picture)
    return out


def _band(tp: pdfium.PdfTextPage, rects: list[Rect], width: float, bottom: float, top: float, boxes: "_Boxes | None" = None) -> list[str]:
    """A page-wide band of text, a column at a time where it is set in two."""
    if top - bottom < 1:
        return []
    regions = band_regions(rects, 0, bottom, width, top, lambda r: tp.get_text_bounded(*r).strip())
    whole = _text(tp, 0, bottom, width, top, boxes)
    if len(regions) == 1:
        return whole
    split = [line for region in regions for line in _text(tp, *region, boxes)]
    # Read in columns only when that reorders the text: not a character lost or read twice.
    same = sorted("".join(split).replace(" ", "").translate(_MARKS)) == sorted("".join(whole).replace(" ", "").translate(_MARKS))
    return split if same else whole


def _blocks(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, tables: list[Grid]) -> list[_Block]:
    """Text bands between tables (pdfium, bottom-up y) with Markdown tables in between."""
    width, height = page.get_size()
    rects = text_rects(tp)
    boxes = _line_boxes(tp)
    blocks: list[_Block] = []
    y = height  # top of the band still to read, in pdfium coordinates
    for (x0, top, x1, bottom), _, lines in tables:
        blocks.append(("text", _band(tp, rects, width, height - top, y, boxes)))
        blocks.append(("table", list(lines)))
        beside = _text(tp, 0, height - bottom, x0, height - top) + _text(tp, x1, height - bottom, width, height - top)
        blocks.append(("text", beside))
        y = min(y, height - bottom)
    blocks.append(("text", _band(tp, rects, width, 0, y, boxes)))
    if once := unshadowed_lines(tp):  # a shadowed line printed once (its marks kept)
        for kind, lines in blocks:
            if kind == "text":
                lines[:] = [once[base] + line[len(base) :] if (base := line.translate(_MARKS)) in once else line for line in lines]
    return [b for b in blocks if b[1]]


def _titled_boxes(page: pdfium.PdfPage, tp: pdfium.PdfTextPage, frames: list[Frame], tables: list[Grid]) -> list[list[str]]:
    """The lines of each framed box of a page that opens on a title (:func:`~indexer.ingest.markdown_tables.box_title`).
    A frame around a table, or taller than :data:`_BOX_SHARE` of the page (a border), boxes no title."""
    height = page.get_height()
    out = []
    for x0, top, x1, bottom in frames:
        if bottom - top > _BOX_SHARE * height or any(g.bbox[1] < bottom and top < g.bbox[3] for g in tables):
            continue
        inside = _text(tp, x0, height - bottom, x1, height - top)
        if box_title(inside):
            out.append(inside)
    return out


def _mark_boxes(boxes: list[list[str]], lines: list[str]) -> list[str]:
    """Mark, among a page's ``lines`` as read, those of each titled box (:func:`_titled_boxes`): its title, then
    the lines under it. The page is read as before."""
    plain = [line.translate(_MARKS) for line in lines]
    out = list(lines)
    for inside in boxes:
        n = len(inside)
        at = next((k for k in range(len(plain) - n + 1) if plain[k : k + n] == inside), None)
        if at is not None:
            out[at] += _TITLE
            for k in range(at + 1, at + n):
                out[k] += _IN_BOX
    return out


def _join_tables(pages: list[list[_Block]], grids: list[list[tuple[_Block, Grid]]]) -> None:
    """Join each table carried over page breaks (see module doc), rewriting its blocks' lines in place."""
    chain: list[tuple[_Block, Grid]] = []
    for blocks, tables in zip(pages, grids, strict=True):
        first, last = _edge_table(blocks, tables, 0), _edge_table(blocks, tables, -1)
        if chain and first is not None and continues(chain[-1][1], first[1], chain[0][1]):
            chain.append(first)
        else:
            _rewrite(chain)
            chain = [first] if first is not None else []
        if last is None or not chain or last is not chain[-1]:
            _rewrite(chain)
            chain = [last] if last is not None else []
    _rewrite(chain)


def _edge_table(blocks: list[_Block], tables: list[tuple[_Block, Grid]], end: int) -> tuple[_Block, Grid] | None:
    """The table that opens (``end`` 0) or ends (-1) a page: only one-line text blocks (a running header,
    a page number) beyond it."""
    kept = [b for b in blocks if b[0] == "table" or len(b[1]) > 1]
    if not kept or kept[end][0] != "table":
        return None
    return next(t for t in tables if t[0] is kept[end])


def _rewrite(chain: list[tuple[_Block, Grid]]) -> None:
    if len(chain) > 1:
        for (_, lines), new in zip([b for b, _ in chain], part_lines([g for _, g in chain]), strict=True):
            lines[:] = new
