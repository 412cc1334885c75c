"""HWP 5 reader: OLE container → record tree → paragraphs, Markdown tables, notes, pages.

Pages are cut where Hangul's saved layout starts a new page (a page-break
paragraph, or a top-level line whose vertical position goes back up), so they
approximate the printed pages; a table running over several pages stays on
its first page, hence ``page_numbers_known`` is ``False``. Running headers,
footers, hidden comments and memos are left out; text boxes are read after
the paragraph that anchors them.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import defaultdict, deque

import olefile

from indexer.errors import UnreadableDocument
from indexer.ingest.hwp_distribution import decrypt_section
from indexer.ingest.hwp_numbering import BULLET, NUMBERING, PARA_SHAPE, Numberer, from_hwp_docinfo, labelled
from indexer.ingest.markdown_tables import Cell, inline_table, place_table
from indexer.ingest.page_writer import PageLines, PageWriter, turns_page
from indexer.ingest.textclean import one_line

__all__ = ["read_hwp"]

PARA_HEADER, PARA_TEXT, LINE_SEG, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 69, 71, 72, 77
_CHAR_CONTROLS = {0: "", 10: "\n", 13: "", 24: "-", 30: " ", 31: " "}  # one code unit; 25-29 → ""
_EXTENDED = {1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23}  # 8 code units, own CTRL_HEADER
_SKIPPED = {"head", "foot", "tcmt"}  # running header/footer, hidden comment
_CTRL_RE = re.compile(rb"[\x00-\x1f]\x00")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_SECTION_BYTES = 256 * 1024 * 1024
_KEPT = {PARA_HEADER, PARA_TEXT, LINE_SEG, CTRL_HEADER, LIST_HEADER, TABLE}
_DOCINFO_KEPT = {NUMBERING, BULLET, PARA_SHAPE}
_U32 = struct.Struct("<I")
_I32 = struct.Struct("<i")
_SEG = struct.Struct("<4xi16xi8x")  # a line segment's vertical position and its column's start (36 bytes)


class Node(list):
    """One record: its tag, its payload (kept only for the tags we read) and, as a list, the records under it."""

    __slots__ = ("tag", "data")
    tag: int
    data: bytes

    def ctrl_id(self) -> str:
        return self.data[:4][::-1].decode("latin-1")


def read_hwp(source: str, data: bytes) -> tuple[tuple[str, ...], bool, PageLines, PageLines]:
    """Pages of an HWP 5 file (``page_numbers_known`` is ``False``) and per page its box titles' lines and the lines
    under them in their boxes (:meth:`~indexer.ingest.page_writer.PageWriter.boxes`); raises
    :class:`~indexer.errors.UnreadableDocument`."""
    try:
        ole = _open(source, data)
        try:
            try:
                pages, titles, boxed = _pages(source, ole)
            except UnreadableDocument:
                if ole.hwp_storage != "ViewText" or not ole.exists("BodyText/Section0"):  # type: ignore[attr-defined]
                    raise
                ole.hwp_storage = "BodyText"  # type: ignore[attr-defined]  # 배포용 sections that do not decrypt, plain ones beside them
                pages, titles, boxed = _pages(source, ole)
        finally:
            ole.close()
    except UnreadableDocument:
        raise
    except (MemoryError, RecursionError):
        raise UnreadableDocument(source, "HWP too large or too deeply nested to read") from None
    except Exception as e:  # noqa: BLE001 — olefile/zlib/struct raise many types on damaged files
        raise UnreadableDocument(source, f"truncated or broken HWP ({type(e).__name__})") from None
    if not any(p.strip() for p in pages):
        raise UnreadableDocument(source, "HWP has no text")
    return pages, False, titles, boxed


def _pages(source: str, ole: olefile.OleFileIO) -> tuple[tuple[str, ...], PageLines, PageLines]:
    out = PageWriter()
    walker = _Walker(out, _numberer(ole))
    for buf in _sections(source, ole):
        out.new_page()
        walker.section(_tree(buf))
    return (out.pages(), *out.boxes())


def _open(source: str, data: bytes) -> olefile.OleFileIO:
    if data.startswith(b"HWP Document File V"):
        raise UnreadableDocument(source, "HWP 3.0 is not supported (only HWP 5)")
    if data.startswith(b"PK"):
        raise UnreadableDocument(source, "not an HWP 5 file (a zip archive; HWPX saved as .hwp?)")
    if not data.startswith(_OLE_MAGIC):
        raise UnreadableDocument(source, "not an HWP file (no OLE container signature)")
    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # noqa: BLE001
        raise UnreadableDocument(source, "truncated or broken HWP (OLE container unreadable)") from None
    if not ole.exists("FileHeader"):
        ole.close()
        raise UnreadableDocument(source, "not an HWP 5 file (OLE file without FileHeader)")
    header = ole.openstream("FileHeader").read()
    flags = struct.unpack_from("<I", header, 36)[0] if len(header) >= 40 else 0
    if not header.startswith(b"HWP Document File"):
        reason = "not an HWP 5 file (bad FileHeader signature)"
    elif flags & 0x02:
        reason = "encrypted HWP (password)"
    elif not ole.exists(f"{(storage := _storage(ole, flags))}/Section0"):
        reason = f"truncated or broken HWP (no {storage}/Section0 stream)"
    else:
        ole.hwp_compressed = bool(flags & 0x01)  # type: ignore[attr-defined]
        ole.hwp_storage = storage  # type: ignore[attr-defined]
        return ole
    ole.close()
    raise UnreadableDocument(source, reason)


def _numberer(ole: olefile.OleFileIO) -> Numberer | None:
    """The paragraph numbers DocInfo defines (:mod:`~indexer.ingest.hwp_numbering`); a DocInfo that does not read
    costs the numbers, never the text."""
    try:
        raw = ole.openstream("DocInfo").read()
        if ole.hwp_compressed:  # type: ignore[attr-defined]
            raw = zlib.decompressobj(-15).decompress(raw, MAX_SECTION_BYTES)
        return from_hwp_docinfo(_records(raw, _DOCINFO_KEPT))
    except (OSError, ValueError, zlib.error, struct.error):
        return None


def _storage(ole: olefile.OleFileIO, flags: int) -> str:
    """``ViewText`` for a 배포용 (distribution) document (:mod:`~indexer.ingest.hwp_distribution`: flag bit 2 or
    no BodyText, and ViewText sections to read), else ``BodyText``."""
    distributed = flags & 0x04 or not ole.exists("BodyText/Section0")
    return "ViewText" if distributed and ole.exists("ViewText/Section0") else "BodyText"


def _sections(source: str, ole: olefile.OleFileIO):
    i = 0
    storage = ole.hwp_storage  # type: ignore[attr-defined]
    while ole.exists(f"{storage}/Section{i}"):
        raw = ole.openstream(f"{storage}/Section{i}").read()
        d = zlib.decompressobj(-15)
        try:
            if storage == "ViewText":
                raw = decrypt_section(raw)
            if ole.hwp_compressed:  # type: ignore[attr-defined]
                raw = d.decompress(raw, MAX_SECTION_BYTES)
                if storage == "ViewText" and not d.eof and not d.unconsumed_tail:
                    raise ValueError("its text ends early")  # a cut or damaged ciphertext, not a whole section
            if storage == "ViewText" and not _opens_paragraph(raw):
                raise ValueError("no paragraph where its text begins")  # a wrong key's bytes can inflate by chance
        except (ValueError, zlib.error) as e:
            if storage != "ViewText":
                raise
            raise UnreadableDocument(source, f"distribution-protected (배포용) HWP that does not decrypt ({one_line(str(e))})") from None
        if d.unconsumed_tail:
            raise UnreadableDocument(source, f"HWP section over {MAX_SECTION_BYTES >> 20} MiB uncompressed")
        yield raw
        i += 1


def _opens_paragraph(buf: bytes) -> bool:
    """Whether section ``buf`` begins as every section does: a top-level PARA_HEADER record that fits in it."""
    if len(buf) < 4:
        return False
    head = _U32.unpack_from(buf)[0]
    return head & 0x3FF == PARA_HEADER and not head >> 10 & 0x3FF and (head >> 20 == 0xFFF or 4 + (head >> 20) <= len(buf))


def _scan(buf: bytes):
    """``(header, data start, data end)`` of each record of a stream, in order; a record cut short ends the scan."""
    unpack = _U32.unpack_from
    off, n = 0, len(buf)
    while off + 4 <= n:
        head = unpack(buf, off)[0]
        size = head >> 20
        off += 4
        if size == 0xFFF:
            if off + 4 > n:
                return
            size = unpack(buf, off)[0]
            off += 4
        if off + size > n:
            return
        yield head, off, off + size
        off += size


def _records(buf: bytes, kept: set[int]):
    """``(tag, data)`` of each record of a stream whose tag is ``kept``, in order, their nesting left aside: DocInfo's
    tags say what each record is wherever it sits, and a flat scan is neither deep (a damaged stream can nest a record
    under each last one) nor slow (no node for the many font and character shape records)."""
    return ((head & 0x3FF, buf[a:b]) for head, a, b in _scan(buf) if head & 0x3FF in kept)


def _tree(buf: bytes) -> list[Node]:
    """Records (tag, level, size header) nested by level: a record is a child of the last one a level up."""
    root = Node()
    stack = [root]
    for head, a, b in _scan(buf):
        node = Node()
        node.tag = tag = head & 0x3FF
        node.data = buf[a:b] if tag in _KEPT else b""
        level = (head >> 10) & 0x3FF
        if level >= len(stack):
            level = len(stack) - 1
        stack[level].append(node)
        del stack[level + 1 :]
        stack.append(node)
    return root


def _decode(buf: bytes) -> list[str | tuple[int, str]]:
    """PARA_TEXT → text pieces and ``(code, ctrl_id)`` for each extended control."""
    end = len(buf) - 2
    if end % 2 == 0 and buf.endswith(b"\r\x00") and not _CTRL_RE.search(buf, 0, end):
        return [buf[:end].decode("utf-16-le", "surrogatepass")]  # the common case: plain text, then ¶
    items: list[str | tuple[int, str]] = []
    pos = 0
    for m in _CTRL_RE.finditer(buf):
        b = m.start()
        if b % 2 or b < pos:
            continue
        if b > pos:
            items.append(buf[pos:b].decode("utf-16-le", "surrogatepass"))
        code = buf[b]
        if code in _CHAR_CONTROLS or 25 <= code <= 29:
            items.append(_CHAR_CONTROLS.get(code, ""))
            pos = b + 2
            continue
        if code in _EXTENDED:
            items.append((code, buf[b + 2 : b + 6][::-1].decode("latin-1")))
        elif code == 9:
            items.append(" ")
        pos = b + 16
    if pos < len(buf) - 1:
        items.append(buf[pos : len(buf) // 2 * 2].decode("utf-16-le", "surrogatepass"))
    return items


class _Walker:
    def __init__(self, out: PageWriter, numberer: Numberer | None = None) -> None:
        self.out = out
        self.notes = {"fn  ": 0, "en  ": 0}
        self.last_vpos = -1
        self.turned = False  # the last paragraph went on over a page's foot
        self.numberer = numberer
        self.numbered = set(numberer.heads) if numberer is not None else set()  # paragraph shapes with a head

    def section(self, nodes: list[Node]) -> None:
        self.last_vpos, self.turned = -1, False
        if self.numberer is not None:
            # the section definition (``secd``, in the first paragraph) names its outline numbering at byte 18
            sec = next((c.data for n in nodes[:1] for c in n if c.tag == CTRL_HEADER and c.ctrl_id() == "secd"), b"")
            self.numberer.new_section(struct.unpack_from("<H", sec, 18)[0] if len(sec) >= 20 else 0)
        for node in nodes:
            if node.tag == PARA_HEADER:
                if self._starts_page(node):
                    self.out.new_page()
                self.paragraph(node)
                self.out.end_block()

    def _starts_page(self, para: Node) -> bool:
        """A page break, a first line higher up than the last paragraph's last, or a last paragraph that turned the
        page (:func:`~indexer.ingest.page_writer.turns_page`)."""
        brk = bool(len(para.data) > 11 and para.data[11] & 0x04) or self.turned
        self.turned = False
        for c in para:
            if c.tag == LINE_SEG and len(c.data) >= 36:
                seg = c.data
                lines = list(_SEG.iter_unpack(seg[: len(seg) // 36 * 36])) if len(seg) >= 72 else [_SEG.unpack(seg[:36])]
                break
        else:
            return brk
        new = brk or 0 <= lines[0][0] < self.last_vpos
        self.turned = turns_page(lines)
        self.last_vpos = lines[-1][0]
        return new

    def paragraph(self, para: Node) -> None:
        text, objects = self.para_text(para)
        self.out.line(text)
        for obj in objects:
            if obj.ctrl_id() == "tbl ":
                self.table(obj)
            else:
                for p in _paragraphs(obj):
                    self.paragraph(p)

    def para_text(self, para: Node) -> tuple[str, list[Node]]:
        """Text with note markers, and the controls (tables, text boxes) anchored in it."""
        parts: list[str] = []
        objects: list[Node] = []
        ctrls: dict[str, deque[Node]] | None = None
        mark = self._label(para) if self.numbered else ""  # counted before its footnotes are read
        for rec in para:
            if rec.tag != PARA_TEXT:
                continue
            for item in _decode(rec.data):
                if isinstance(item, str):
                    parts.append(item)
                    continue
                if ctrls is None:
                    ctrls = _controls(para)
                node = ctrls[item[1]].popleft() if ctrls[item[1]] else None
                if node is None or item[1] in _SKIPPED:
                    continue
                if item[1] in self.notes:
                    self.notes[item[1]] += 1
                    label = ("e" if item[1] == "en  " else "") + str(self.notes[item[1]])
                    parts.append(f"[^{label}]")
                    self.out.note(label, self.flat(_paragraphs(node)))
                elif item[0] == 11:
                    objects.append(node)
        text = "".join(parts)
        return labelled(mark, text), objects

    def _label(self, para: Node) -> str:
        """The number or bullet Hangul draws before paragraph ``para`` (:mod:`~indexer.ingest.hwp_numbering`)."""
        shape = para.data[8] | para.data[9] << 8 if len(para.data) >= 10 else -1
        return self.numberer.label_once(para, shape) if shape in self.numbered else ""  # type: ignore[union-attr]

    def flat(self, paras: list[Node]) -> str:
        """Paragraphs (and nested tables, inline) as one line of text."""
        parts: list[str] = []
        for p in paras:
            text, objects = self.para_text(p)
            parts.append(text)
            for obj in objects:
                cap, cells = self._cells(obj) if obj.ctrl_id() == "tbl " else ([], [])
                parts.append(self.flat(cap))
                parts.append(inline_table(cells) if cells else self.flat(_paragraphs(obj)))
        return " ".join(s.replace("\n", " ") for s in parts if s.strip())

    def lines(self, paras: list[Node]) -> list[str]:
        """A cell's lines: its paragraphs, each cut at its line breaks (a value a line typed with Shift+Enter)."""
        out: list[str] = []
        for p in paras:
            text, objects = self.para_text(p)
            out += [self.flat([p])] if objects else [line.strip() for line in text.split("\n")]
        return out

    def _cells(self, tbl: Node) -> tuple[list[Node], list[Cell]]:
        caption, cells = self._cell_groups(tbl)
        return caption, [Cell(*geo, self.flat(paras)) for geo, paras in cells]

    def _cell_groups(self, tbl: Node) -> tuple[list[Node], list[tuple[tuple[int, int, int, int], list[Node]]]]:
        caption: list[Node] = []
        cells: list[tuple[tuple[int, int, int, int], list[Node]]] = []
        seen_table = False
        for c in tbl:
            if c.tag == TABLE:
                seen_table = True
            elif c.tag == LIST_HEADER and seen_table and len(c.data) >= 16:
                col, row, colspan, rowspan = struct.unpack_from("<4H", c.data, 8)
                cells.append(((row, col, rowspan, colspan), []))
            elif c.tag == PARA_HEADER:
                (cells[-1][1] if cells and seen_table else caption).append(c)
        return caption, cells

    def table(self, tbl: Node) -> None:
        caption, groups = self._cell_groups(tbl)
        if self.numbered:  # counted in order: the layout below may read a stacked row before the rows above it
            for p in (*caption, *(p for _, paras in groups for p in paras)):
                self._label(p)
        place_table(caption, groups, self.paragraph, self.flat, self.out, self.lines)


def _controls(para: Node) -> dict[str, deque[Node]]:
    """A paragraph's CTRL_HEADER records by control id, in order (the text names each by its id)."""
    ctrls: dict[str, deque[Node]] = defaultdict(deque)
    for c in para:
        if c.tag == CTRL_HEADER:
            ctrls[c.ctrl_id()].append(c)
    return ctrls


def _paragraphs(node: Node) -> list[Node]:
    """PARA_HEADER records under a control (text box, note, shape group), in order."""
    out: list[Node] = []
    for c in node:
        if c.tag == PARA_HEADER:
            out.append(c)
        elif c.tag != CTRL_HEADER:
            out.extend(_paragraphs(c))
    return out
