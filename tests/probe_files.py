"""Probe documents as governments publish them, written from plain specs at test time.

A spec in ``tests/data/probe_specs/`` is named for the file it becomes (``….hwpx.md``, ``….pdf.md``):
one paragraph a line, and runs of ``| a | b |`` lines as tables (an empty cell stays empty; an empty line ends a table, so two tables may follow one another). In an HWPX spec
a line may open with a paragraph style in braces (``{개요 2} 추진 배경``): Hangul numbers such a line itself
(``가. 추진 배경``), so its number is in no text, only in the style.
python-hwpx writes the HWPX (OWPML) and reportlab the PDF (ruled tables, which pdfplumber reads),
so the probes go through the same readers as the real files.

In a table cell, ``<br>`` breaks the line (a cell of several paragraphs, as ``- …`` lists in cells are
typed), a cell that is only ``<`` is part of the cell on its left (merged across the row) and one that is only
``^`` part of the cell above (merged down: a ``구분`` label over several rows). Together they merge a block
(``| 합계 | < |`` over ``| ^ | ^ |``). HWPX and HWP write the block's first cell with its spans and leave the
covered cells out, as Hangul does; the PDF draws the block as one ruled cell.

A PDF spec may set its pages with ``%%`` lines, which are no paragraph: ``%% landscape`` turns the pages,
``%% header: 2025 업무보고`` prints a running header at each page's top and ``%% footer: - {page} -`` a footer
with the page's number, as Hangul prints 머리말 and 쪽 번호.
"""

from __future__ import annotations

import re
from pathlib import Path

_STYLE = re.compile(r"^\{([^{}]+)\}\s*")
_PAGE = re.compile(r"^%%\s*(landscape|header|footer)\s*:?\s*(.*)$")
Block = tuple[str, "str | list[list[str]]"]


MERGED = frozenset({"<", "^"})  # a cell merged into the cell on its left, or into the cell above


def merges(rows: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """``(top, left, bottom, right)`` of each cell that ``<`` and ``^`` cells merge into, top to bottom."""
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell == "<" and (r, c - 1) in anchor:
                anchor[r, c] = anchor[r, c - 1]
            elif cell == "^" and (r - 1, c) in anchor:
                anchor[r, c] = anchor[r - 1, c]
            else:
                anchor[r, c] = (r, c)
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), a in anchor.items():
        end = ends.get(a, a)
        ends[a] = (max(end[0], r), max(end[1], c))
    return sorted((*a, *end) for a, end in ends.items() if end != a)


def ruling(rows: list[list[str]]) -> list[tuple]:
    """reportlab's table style commands drawing ``rows``' rules, each merged block one cell. A block over
    several rows is drawn without the rules inside it rather than as one spanned cell, which reportlab never
    cuts: a page break may fall inside it, as Hangul cuts a merged cell, its text on the first page."""
    blocks = merges(rows)
    if not any(bottom > top for top, _, bottom, _ in blocks):
        return [("GRID", (0, 0), (-1, -1), 0.5, "black"), *(("SPAN", (a, t), (z, b)) for t, a, b, z in blocks)]
    inside = {(r, c) for t, a, b, z in blocks for r in range(t + 1, b + 1) for c in range(a, z + 1)}
    out: list[tuple] = [("BOX", (0, 0), (-1, -1), 0.5, "black"), ("LINEBEFORE", (1, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r in range(1, len(rows)):
        out += [("LINEABOVE", (c, r), (c, r), 0.5, "black") for c in range(len(rows[r])) if (r, c) not in inside]
    return out + [("SPAN", (a, r), (z, r)) for t, a, b, z in blocks if z > a for r in range(t, b + 1)]


def blocks(spec: str) -> list[Block]:
    """``("p", line)`` and ``("table", rows)`` in the spec's order."""
    out: list[Block] = []
    table: list[list[str]] | None = None
    for line in spec.splitlines():
        if line.startswith("|"):
            if table is None:
                table = []
                out.append(("table", table))
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
        else:
            table = None
            if line.strip() and not _PAGE.match(line):
                out.append(("p", line))
    return out


def page_setup(spec: str) -> dict[str, str]:
    """The spec's ``%%`` lines: ``{"landscape": "", "header": "…", "footer": "- {page} -"}``."""
    return {m.group(1): m.group(2).strip() for m in map(_PAGE.match, spec.splitlines()) if m}


def unstyled(line: str) -> str:
    """A spec line without its paragraph style (``{개요 2} 추진 배경`` → ``추진 배경``)."""
    return _STYLE.sub("", line, count=1)


def write_hwpx(spec: str, path: Path) -> None:
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    styled = any(_STYLE.match(line) for line in spec.splitlines())
    for kind, value in blocks(spec):
        if kind == "p":
            style = _STYLE.match(value)
            # a line after a styled one is 바탕글, as a writer sets it (Hangul would carry 개요 N on)
            doc.add_paragraph(unstyled(value), style=style.group(1) if style else "바탕글" if styled else None)
            continue
        table = doc.add_table(len(value), max(map(len, value)))
        for r, row in enumerate(value):
            for c, cell in enumerate(row):
                if cell and cell not in MERGED:
                    table.set_cell_text(r, c, cell.replace("<br>", "\n"), split_paragraphs=True)
        for top, left, bottom, right in reversed(merges(value)):
            table.merge_cells(top, left, bottom, right)
    doc.save_to_path(path)


def pdf_text_is_whole(tmp: Path) -> bool:
    """Whether PDFium reads back every letter of a PDF written here (into folder ``tmp``). The PDF probes set their
    text in a CID font they do not embed (HYSMyeongJo, which reportlab knows by name); without a Korean font
    installed on the machine (fonts-noto-cjk, which ``.ci/run`` installs) PDFium drops a glyph alone on its line or
    in its cell (a wrapped ``분``, a schedule's ``●``), and the readers never see it."""
    import pypdfium2 as pdfium

    write_pdf("○ 모집공고일(2024. 9. 6.) 현재 무주택세대구성원으로서 아래의 소득 및 자산 기준을 충족하는 분\n| 과제 | 1/4 |\n| 교체 | ● |\n",
              tmp / "font-check.pdf")
    pdf = pdfium.PdfDocument(str(tmp / "font-check.pdf"))
    try:
        text = "".join(pdf[0].get_textpage().get_text_range().split())
    finally:
        pdf.close()
    return "충족하는분" in text and text.endswith("교체●")


def write_pdf(spec: str, path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    style = ParagraphStyle("probe", fontName=font, fontSize=10, leading=14)
    story: list = []
    for kind, value in blocks(spec):
        if kind == "p":
            story.append(Paragraph(unstyled(value), style))
            continue
        table = Table([["" if cell in MERGED else cell.replace("<br>", "\n") for cell in row] for row in value])
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *ruling(value)]))
        story += [Spacer(1, 4), table, Spacer(1, 4)]
    setup = page_setup(spec)
    size = landscape(A4) if "landscape" in setup else A4

    def furniture(canvas, doc) -> None:
        canvas.setFont(font, 9)
        if "header" in setup:
            canvas.drawRightString(size[0] - doc.rightMargin, size[1] - doc.topMargin / 2, setup["header"])
        if "footer" in setup:
            canvas.drawCentredString(size[0] / 2, doc.bottomMargin / 2, setup["footer"].format(page=doc.page))

    pages = {"onFirstPage": furniture, "onLaterPages": furniture} if setup else {}
    SimpleDocTemplate(str(path), pagesize=size).build(story, **pages)


WRITERS = {".hwpx": write_hwpx, ".pdf": write_pdf}


def render_specs(spec_dir: Path, out_dir: Path) -> list[Path]:
    """Write every spec of ``spec_dir`` as the file it names into ``out_dir``."""
    written = []
    for spec in sorted(spec_dir.glob("*.md")):
        target = out_dir / spec.name.removesuffix(".md")
        WRITERS[target.suffix](spec.read_text(encoding="utf-8"), target)
        written.append(target)
    return written
