"""HWP 5 twins of the HWPX probes: a probe spec's blocks written as Hangul saves an HWP 5 file.

The records follow Hancom's published format (한글 문서 파일 형식 5.0): each paragraph a ``PARA_HEADER`` with its
``PARA_TEXT``, ``PARA_CHAR_SHAPE`` and ``PARA_LINE_SEG`` one level below; the first paragraph holds the section
definition (``secd``) and column definition (``cold``) controls; a table is a paragraph whose text is one
extended control character (``tbl ``) with its ``CTRL_HEADER`` one level below, and under that the ``TABLE``
record and, per cell, a ``LIST_HEADER`` (column, row, spans) followed by the cell's paragraphs at its level.
Sections and DocInfo are raw-deflated. FileHeader, DocInfo (fonts, shapes, styles) and the section definition
are those of the sample HWP (``tests/data/hwp/sample_notes.hwp.gz``), so a spec's ``{개요 N}`` line takes the
paragraph shape of that template's style ``개요 N`` as python-hwpx gives the HWPX its paragraph property.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from functools import cache
from pathlib import Path

from tests.hwp_files import _records, ole_streams, rewrite_ole
from tests.probe_files import _STYLE, MERGED, Block, blocks, merges, unstyled

__all__ = ["hwp_bytes", "write_hwp"]

TEMPLATE = Path(__file__).parent / "data" / "hwp" / "sample_notes.hwp.gz"
PARA_HEADER, PARA_TEXT, PARA_CHAR_SHAPE, PARA_LINE_SEG, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 68, 69, 71, 72, 77
STYLE = 26
_CODES = {"tbl ": 11, "secd": 2, "cold": 2}  # the control character that anchors each control
LINE = 1600  # a line's height with its spacing (HWPUNIT)
LAST_IN_LIST = 0x80000000
WIDTH = 42520  # text width of an A4 page with Hangul's default margins (HWPUNIT)
#: a table's CTRL_HEADER after its id: like Hangul's (treated as a character, wrapped top and bottom), its size
_TABLE_CTRL = struct.pack("<IiiIIi4hIiH", 0x082A2311, 0, 0, WIDTH, 1410, 0, 0, 0, 0, 0, 0, 0, 0)


def _record(tag: int, level: int, data: bytes) -> bytes:
    size = len(data)
    if size < 0xFFF:
        return struct.pack("<I", tag | level << 10 | size << 20) + data
    return struct.pack("<II", tag | level << 10 | 0xFFF << 20, size) + data


def _extended(ctrl: str) -> bytes:
    """An extended control character (8 code units) naming control ``ctrl`` (``tbl ``, ``secd``)."""
    code = _CODES[ctrl]
    return struct.pack("<H", code) + ctrl.encode("latin-1")[::-1] + bytes(8) + struct.pack("<H", code)


@cache
def _template() -> tuple[dict[str, bytes], bytes, dict[str, tuple[int, int]]]:
    """The sample's streams, its first paragraph's ``secd`` and ``cold`` records (level 1 and below, as written)
    and its styles by name → ``(paragraph shape, character shape)``."""
    streams = ole_streams(gzip.decompress(TEMPLATE.read_bytes()))
    body = zlib.decompress(streams["BodyText/Section0"], -15)
    kept, keep = [], False
    for tag, level, a, b in _records(body)[1:]:
        if level == 0:
            break
        if level == 1:
            keep = tag == CTRL_HEADER and body[a : a + 4][::-1] in (b"secd", b"cold")
        if keep:
            kept.append(_record(tag, level, body[a:b]))
    secd = b"".join(kept)
    docinfo = zlib.decompress(streams["DocInfo"], -15)
    styles = {}
    for tag, _, a, _end in _records(docinfo):
        if tag == STYLE:
            n = struct.unpack_from("<H", docinfo, a)[0]
            name = docinfo[a + 2 : a + 2 + 2 * n].decode("utf-16-le")
            at = a + 2 + 2 * n
            at += 2 + 2 * struct.unpack_from("<H", docinfo, at)[0]
            styles[name] = struct.unpack_from("<HH", docinfo, at + 4)
    return streams, secd, styles


class _Section:
    def __init__(self, styles: dict[str, tuple[int, int]], wrap: int, page: int, cell_breaks: str) -> None:
        self.styles = styles
        self.out: list[bytes] = []
        self.vpos = 0
        self.wrap, self.page, self.cell_breaks = wrap, page, cell_breaks

    def _segments(self, units: int, level: int, lines: int | None = None) -> bytes:
        """One line segment per ``wrap`` code units (or ``lines`` of them), each ``LINE`` lower; a line that would
        pass the page's foot starts the next page at its top (``vpos`` 0), as Hangul lays pages out."""
        lines = lines or max(1, -(-units // self.wrap))
        out = []
        for k in range(lines):
            vpos = 0
            if level == 0:
                if self.vpos + LINE > self.page:
                    self.vpos = 0
                vpos, self.vpos = self.vpos, self.vpos + LINE
            out.append(struct.pack("<9i", min(k * self.wrap, units), vpos, 1000, 1000, 850, 600, 0, WIDTH, 0x60000))
        return b"".join(out)

    def paragraph(
        self, level: int, text: str, *, style: str = "바탕글", last: bool = False, ctrls: tuple[str, ...] = (), lines: int | None = None
    ) -> None:
        """One paragraph: the extended controls ``ctrls`` (``secd``, ``tbl ``), ``text`` (a line break where it has
        ``\\n``), then ¶."""
        shape, char_shape = self.styles[style]
        units = b"".join(map(_extended, ctrls)) + text.encode("utf-16-le")
        n = len(units) // 2 + 1
        mask = 0
        for code in [_CODES[c] for c in ctrls] + [10] * ("\n" in text):
            mask |= 1 << code
        header = struct.pack("<IIHBBHHHIH", n | (LAST_IN_LIST if last else 0), mask, shape, 0, 0, 1, 0, 0, 0, 0)
        segs = self._segments(n, level, lines)
        header = header[:16] + struct.pack("<H", len(segs) // 36) + header[18:]
        self.out.append(_record(PARA_HEADER, level, header))
        if n > 1:
            self.out.append(_record(PARA_TEXT, level + 1, units + "\r".encode("utf-16-le")))
        self.out.append(_record(PARA_CHAR_SHAPE, level + 1, struct.pack("<II", 0, char_shape)))
        self.out.append(_record(PARA_LINE_SEG, level + 1, segs))

    def table(self, rows: list[list[str]], last: bool) -> None:
        ncols = max(map(len, rows))
        rows = [row + [""] * (ncols - len(row)) for row in rows]
        spans = {(top, left): (bottom - top + 1, right - left + 1) for top, left, bottom, right in merges(rows)}
        covered = {(r, c) for (top, left), (rs, cs) in spans.items() for r in range(top, top + rs) for c in range(left, left + cs)}
        cells: list[list[tuple[int, int, int, str]]] = []  # per row: (column, row span, column span, text)
        for r, row in enumerate(rows):
            starts = [(c, *spans.get((r, c), (1, 1)), "" if t in MERGED else t) for c, t in enumerate(row)]
            cells.append([cell for cell in starts if (r, cell[0]) in spans or (r, cell[0]) not in covered])
        self.paragraph(0, "", ctrls=("tbl ",), last=last, lines=len(rows))
        self.out.append(_record(CTRL_HEADER, 1, b"tbl "[::-1] + _TABLE_CTRL))
        sizes = struct.pack(f"<{len(rows)}H", *map(len, cells))
        table = struct.pack("<IHHH4H", 0x04000006, len(rows), ncols, 0, 510, 510, 141, 141) + sizes + b"\x03\x00\x00\x00"
        self.out.append(_record(TABLE, 2, table))
        for r, row_cells in enumerate(cells):
            for c, rowspan, colspan, text in row_cells:
                paras = [text.replace("<br>", "\n")] if self.cell_breaks == "lines" else text.split("<br>")
                width = WIDTH // ncols * colspan
                head = struct.pack("<HHI4HII4HHI", len(paras), 0, 0x20, c, r, colspan, rowspan, width, 282 * rowspan, 510, 510, 141, 141, 3, width)
                self.out.append(_record(LIST_HEADER, 2, head + bytes(9)))  # vertically centred, as python-hwpx's cells
                for i, p in enumerate(paras):
                    self.paragraph(2, p, last=i == len(paras) - 1)


def hwp_bytes(
    spec_blocks: list[Block], *, wrap: int = 1 << 30, page: int = 1 << 30, cell_breaks: str = "paragraphs", first_line_in_secd: bool = False
) -> bytes:
    """An HWP 5 file holding ``spec_blocks`` (:func:`tests.probe_files.blocks`) as write_hwpx lays them out.

    By default it reads as python-hwpx's HWPX of the spec: one line segment per paragraph, all on one page, the
    section definition in a paragraph of its own, a cell's ``<br>`` a new paragraph. Hangul's own layouts differ:
    ``wrap`` code units a line, ``page`` HWPUNIT a page (Hangul's A4 body holds about 84,000), ``cell_breaks``
    ``"lines"`` (Shift+Enter: a line break in the cell's one paragraph) and ``first_line_in_secd`` (the first
    paragraph's text follows the section definition in the same paragraph, as Hangul saves it)."""
    streams, secd, styles = _template()
    section = _Section(styles, wrap, page, cell_breaks)
    if not first_line_in_secd or not spec_blocks or spec_blocks[0][0] != "p":
        section.paragraph(0, "", ctrls=("secd", "cold"))  # as python-hwpx writes it: the secPr's own paragraph
        section.out.append(secd)  # the controls' records, after the paragraph's own
    for i, (kind, value) in enumerate(spec_blocks):
        last = i == len(spec_blocks) - 1
        if kind == "table":
            section.table(value, last)  # type: ignore[arg-type]
            continue
        style = _STYLE.match(value)  # type: ignore[arg-type]
        name = style.group(1) if style and style.group(1) in styles else "바탕글"
        ctrls = ("secd", "cold") if i == 0 and first_line_in_secd else ()
        section.paragraph(0, unstyled(value), style=name, last=last, ctrls=ctrls)  # type: ignore[arg-type]
        section.out.extend([secd] if ctrls else [])
    c = zlib.compressobj(wbits=-15)
    out = {
        "FileHeader": streams["FileHeader"],
        "DocInfo": streams["DocInfo"],
        "BodyText/Section0": c.compress(b"".join(section.out)) + c.flush(),
    }
    return rewrite_ole(out)


def write_hwp(spec: str, path: Path) -> None:
    """The HWP twin of an HWPX probe spec, written to ``path``."""
    path.write_bytes(hwp_bytes(blocks(spec)))
