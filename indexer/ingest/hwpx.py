"""HWPX (OWPML zip) reader: section XML → paragraphs, Markdown tables, notes, pages.

Same output rules as the HWP 5 reader: pages cut where the saved layout starts
a new page (``pageBreak="1"`` or a top-level line whose ``vertpos`` goes back
up), ``page_numbers_known`` is ``False``; headers, footers, hidden comments
and memo contents are left out; text boxes follow their anchor paragraph.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from indexer.errors import UnreadableDocument
from indexer.ingest.hwp_numbering import Numberer, from_hwpx_header, labelled
from indexer.ingest.markdown_tables import Cell, inline_table, place_table
from indexer.ingest.page_writer import PageLines, PageWriter, turns_page
from indexer.ingest.textclean import one_line

__all__ = ["read_hwpx"]

MAX_XML_BYTES = 256 * 1024 * 1024
_SECTION = re.compile(r"Contents/section(\d+)\.xml$")
_HEADER = "Contents/header.xml"
_SKIPPED = {"header", "footer", "hiddenComment", "fieldBegin", "tbl", "caption"}  # not text-box content
_T_CHILDREN = {"tab": " ", "lineBreak": "\n", "nbSpace": " ", "fwSpace": " ", "hyphen": "-"}


#: Markup the walk never reads, cut from the section XML before it is parsed: a table cell's margins and
#: size, and the attributes of cells, their paragraph lists and runs. A table-heavy file is mostly such
#: markup (a 0.56 MB press release: 1.47 MB of section XML, 0.82 MB without it) and ElementTree's time goes
#: with the attributes it stores. Only the ``hp`` prefix that Hancom and python-hwpx write is matched; a file
#: that spells it otherwise is parsed whole, and so is one with a CDATA section (its text may hold a bare
#: ``<``) or a namespace declared below its root (a cut tag could have declared its children's prefix).
#: Elsewhere a ``<`` never stands bare in XML text or attribute values, so these patterns meet tags only; a
#: self-closing tag (``…/>``) is left as it is. Paragraphs keep their attributes (``pageBreak``). (Literal
#: replacements: a group or a look-ahead in one costs per match.)
_UNREAD: tuple[tuple[re.Pattern[bytes], bytes], ...] = (
    (re.compile(rb"<hp:cell(?:Margin|Sz) [^>]*/>"), b""),
    *((re.compile(rb"<hp:%s [^>]*[^/]>" % name), b"<hp:%s>" % name) for name in (b"subList", b"tc", b"run")),
)


def _cuttable(xml: bytes) -> bool:
    """Whether :data:`_UNREAD` may cut this section: no CDATA, and no namespace declared after the root's tag."""
    root_end = xml.find(b">", xml.find(b"<", xml.find(b"?>") + 1 if xml.startswith(b"<?") else 0))
    return b"<![CDATA[" not in xml and xml.find(b"xmlns", root_end) < 0


def _parse(xml: bytes) -> ET.Element:
    """The section's element tree, each tag cut to its local name (``{ns}p`` → ``p``): the walk compares names only."""
    for pattern, repl in _UNREAD if _cuttable(xml) else ():
        xml = pattern.sub(repl, xml)
    root = ET.fromstring(xml)
    names: dict[str, str] = {}
    for el in root.iter():
        name = names.get(el.tag)
        if name is None:
            name = names[el.tag] = el.tag.rpartition("}")[2]
        el.tag = name
    return root


def read_hwpx(source: str, data: bytes) -> tuple[tuple[str, ...], bool, PageLines, PageLines]:
    """Pages of an HWPX file (``page_numbers_known`` is ``False``) and per page its box titles' lines and the lines
    under them in their boxes (:meth:`~indexer.ingest.page_writer.PageWriter.boxes`); raises
    :class:`~indexer.errors.UnreadableDocument`."""
    try:
        out = PageWriter()
        with _open(source, data) as zf:
            walker = _Walker(out, _numberer(zf))
            for root in _sections(source, zf):
                out.new_page()
                walker.section(root)
        pages = out.pages()
        titles, boxed = out.boxes()
    except UnreadableDocument:
        raise
    except ET.ParseError as e:
        raise UnreadableDocument(source, f"broken HWPX (section XML: {one_line(str(e))})") from None
    except (MemoryError, RecursionError):
        raise UnreadableDocument(source, "HWPX too large or too deeply nested to read") from None
    except Exception as e:  # noqa: BLE001 — zipfile/zlib raise many types on damaged archives
        raise UnreadableDocument(source, f"truncated or broken HWPX ({type(e).__name__})") from None
    if not any(p.strip() for p in pages):
        raise UnreadableDocument(source, "HWPX has no text")
    return pages, False, titles, boxed


def _open(source: str, data: bytes) -> zipfile.ZipFile:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(source, "not an HWPX file (an OLE file: HWP 5 saved as .hwpx?)")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableDocument(source, "not an HWPX file (not a zip archive, or truncated)") from None


def _numberer(zf: zipfile.ZipFile) -> Numberer | None:
    """The paragraph numbers ``header.xml`` defines (:mod:`~indexer.ingest.hwp_numbering`); a header that is missing,
    too large or does not inflate costs the numbers, never the text (the sections are read without it)."""
    try:
        if zf.getinfo(_HEADER).file_size > MAX_XML_BYTES:
            return None
        return from_hwpx_header(zf.read(_HEADER))
    except Exception:  # noqa: BLE001 — zipfile/zlib raise many types on damaged members (KeyError when missing)
        return None


def _sections(source: str, zf: zipfile.ZipFile):
    names = sorted((int(m.group(1)), n) for n in zf.namelist() if (m := _SECTION.match(n)))
    if not names:
        raise UnreadableDocument(source, "not an HWPX file (zip without Contents/section*.xml)")
    if "META-INF/manifest.xml" in zf.namelist() and b"encryption-data" in zf.read("META-INF/manifest.xml").lower():
        raise UnreadableDocument(source, "encrypted HWPX (password)")
    for _, name in names:
        if zf.getinfo(name).file_size > MAX_XML_BYTES:
            raise UnreadableDocument(source, f"HWPX section over {MAX_XML_BYTES >> 20} MiB uncompressed")
        yield _parse(zf.read(name))


class _Walker:
    def __init__(self, out: PageWriter, numberer: Numberer | None = None) -> None:
        self.out = out
        self.notes = {"footNote": 0, "endNote": 0}
        self.last_vpos = -1
        self.turned = False  # the last paragraph went on over a page's foot
        self.numberer = numberer
        self.numbered = {str(k) for k in numberer.heads} if numberer is not None else set()  # paraPrIDRef values

    def section(self, root: ET.Element) -> None:
        self.last_vpos, self.turned = -1, False
        if self.numberer is not None:
            sec = next((e for e in root.iterfind("p/run/secPr")), None)
            ref = sec.get("outlineShapeIDRef", "") if sec is not None else ""
            self.numberer.new_section(int(ref) if ref.strip().isdecimal() else 0)  # none or no number: Hangul's own
        for p in root:
            if p.tag == "p":
                if self._starts_page(p):
                    self.out.new_page()
                self.paragraph(p)
                self.out.end_block()

    def _starts_page(self, p: ET.Element) -> bool:
        """A page break, a first line higher up than the last paragraph's last, or a last paragraph that turned the
        page (:func:`~indexer.ingest.page_writer.turns_page`)."""
        brk = p.get("pageBreak") == "1" or self.turned
        self.turned = False
        segs = [s for a in p.findall("linesegarray") for s in a]
        if not segs:
            return brk
        lines = [(_int(s.get("vertpos")), _int(s.get("horzpos"))) for s in segs]
        new = brk or 0 <= lines[0][0] < self.last_vpos
        self.turned = turns_page(lines)
        self.last_vpos = lines[-1][0]
        return new

    def paragraph(self, p: ET.Element) -> None:
        text, objects = self.para_text(p)
        self.out.line(text)
        for obj in objects:
            if obj.tag == "tbl":
                self.table(obj)
            else:
                for q in _paragraphs(obj):
                    self.paragraph(q)

    def para_text(self, p: ET.Element) -> tuple[str, list[ET.Element]]:
        """Text with note markers, and the objects (tables, text boxes) anchored in it."""
        parts: list[str] = []
        objects: list[ET.Element] = []
        mark = self._label(p) if self.numbered else ""  # counted before its footnotes are read
        for run in p.findall("run"):
            for el in run:
                kind = el.tag
                if kind == "t":
                    parts.append(_t_text(el))
                elif kind == "ctrl":
                    for note in (n for n in el if n.tag in self.notes):
                        parts.append(self._note(note))
                elif kind == "tbl" or _paragraphs(el):
                    objects.append(el)
        text = "".join(parts)
        return labelled(mark, text), objects

    def _label(self, p: ET.Element) -> str:
        """The number or bullet Hangul draws before paragraph ``p`` (:mod:`~indexer.ingest.hwp_numbering`)."""
        shape = p.get("paraPrIDRef")
        return self.numberer.label_once(p, int(shape)) if shape in self.numbered else ""  # type: ignore[union-attr,arg-type]

    def _note(self, note: ET.Element) -> str:
        kind = note.tag
        self.notes[kind] += 1
        label = ("e" if kind == "endNote" else "") + str(self.notes[kind])
        self.out.note(label, self.flat(_paragraphs(note)))
        return f"[^{label}]"

    def flat(self, paras: list[ET.Element]) -> str:
        """Paragraphs (and nested tables, inline) as one line of text."""
        parts: list[str] = []
        for p in paras:
            text, objects = self.para_text(p)
            parts.append(text)
            for obj in objects:
                if obj.tag == "tbl":
                    caption, groups = _cell_groups(obj)
                    parts.append(self.flat(caption))
                    parts.append(inline_table([Cell(*geo, self.flat(ps)) for geo, ps in groups]))
                else:
                    parts.append(self.flat(_paragraphs(obj)))
        return " ".join(s.replace("\n", " ") for s in parts if s.strip())

    def table(self, tbl: ET.Element) -> None:
        caption, groups = _cell_groups(tbl)
        if self.numbered:  # counted in order: the layout below may read a stacked row before the rows above it
            for q in (*caption, *(q for _, paras in groups for q in paras)):
                self._label(q)
        place_table(caption, groups, self.paragraph, self.flat, self.out)


def _int(value: str | None) -> int:
    return int(value) if value and value.lstrip("-").isdecimal() else 0


def _t_text(t: ET.Element) -> str:
    if not len(t):
        return t.text or ""
    parts = [t.text or ""]
    for child in t:
        parts.append(_T_CHILDREN.get(child.tag, ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_groups(tbl: ET.Element) -> tuple[list[ET.Element], list[tuple[tuple[int, int, int, int], list[ET.Element]]]]:
    caption = [p for c in tbl.findall("caption") for p in _paragraphs(c)]
    groups = []
    for tr in tbl.findall("tr"):
        for tc in tr.findall("tc"):
            addr = tc.find("cellAddr")
            span = tc.find("cellSpan")
            geo = (
                int(addr.get("rowAddr", 0)) if addr is not None else 0,
                int(addr.get("colAddr", 0)) if addr is not None else 0,
                int(span.get("rowSpan", 1)) if span is not None else 1,
                int(span.get("colSpan", 1)) if span is not None else 1,
            )
            groups.append((geo, [p for c in tc.findall("subList") for p in _paragraphs(c)]))
    return caption, groups


def _paragraphs(el: ET.Element) -> list[ET.Element]:
    """``<p>`` elements under an object (text box, note, caption), not inside nested paragraphs."""
    out: list[ET.Element] = []
    for c in el:
        kind = c.tag
        if kind == "p":
            out.append(c)
        elif kind not in _SKIPPED:
            out.extend(_paragraphs(c))
    return out
