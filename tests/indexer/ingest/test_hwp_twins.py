"""HWP twins of the HWPX probes: every ``tests/data/probe_specs/*.hwpx.md`` written as an HWP 5 file
(:mod:`tests.hwp_writer`) reads as its HWPX original does, page for page and line for line, and parses into the
same passages. unhwp (the reference reader, MIT) vouches for the twins: it finds every text of the spec in them.
"""

from __future__ import annotations

import dataclasses
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from indexer.ingest.hwp import read_hwp
from indexer.ingest.hwpx import _Walker as HwpxWalker
from indexer.ingest.hwpx import read_hwpx
from indexer.ingest.page_writer import PageWriter, turns_page
from indexer.ingest.parsing import parse_file
from tests.hwp_files import ole_streams, rewrite_ole
from tests.hwp_layout import LIST_HEADER, layout_faults
from tests.hwp_writer import LINE, hwp_bytes, write_hwp
from tests.probe_files import blocks, unstyled, write_hwpx

SPECS = sorted((Path(__file__).resolve().parents[2] / "data" / "probe_specs").glob("*.hwpx.md"))


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> Path:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the HWPX originals")
    out = tmp_path_factory.mktemp("twins")
    for spec in SPECS:
        text = spec.read_text(encoding="utf-8")
        write_hwpx(text, out / spec.name.removesuffix(".md"))
        write_hwp(text, out / f"{spec.name.removesuffix('.hwpx.md')}.hwp")
    return out


def _pair(twins: Path, spec: Path) -> tuple[Path, Path]:
    name = spec.name.removesuffix(".hwpx.md")
    return twins / f"{name}.hwp", twins / f"{name}.hwpx"


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_twin_reads_as_its_hwpx(twins: Path, spec: Path) -> None:
    hwp, hwpx = _pair(twins, spec)
    assert read_hwp(hwp.name, hwp.read_bytes()) == read_hwpx(hwpx.name, hwpx.read_bytes())


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_twin_parses_as_its_hwpx(twins: Path, spec: Path) -> None:
    hwp, hwpx = _pair(twins, spec)
    a, b = parse_file(hwp), parse_file(hwpx)
    assert [dataclasses.astuple(p) for p in a.passages] == [dataclasses.astuple(p) for p in b.passages]
    assert (a.title, a.doc_type, a.date, a.issuer, a.pages) == (b.title, b.doc_type, b.date, b.issuer, b.pages)


def _norm(s: str) -> str:
    return re.sub(r"\W+", "", s)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_unhwp_finds_every_spec_text_in_the_twin(twins: Path, spec: Path) -> None:
    unhwp = pytest.importorskip("unhwp", reason="unhwp (dev extra) is the reference reader")
    hwp, _ = _pair(twins, spec)
    text = _norm(unhwp.extract_text(str(hwp)))
    pieces = []
    for kind, value in blocks(spec.read_text(encoding="utf-8")):
        if kind == "p":
            pieces.append(unstyled(value))  # type: ignore[arg-type]
        else:
            pieces += [part for row in value for cell in row if cell != "<" for part in cell.split("<br>")]
    assert [p for p in pieces if _norm(p) not in text] == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.name.removesuffix(".hwpx.md"))
def test_twin_keeps_hangul_record_layout(twins: Path, spec: Path) -> None:
    hwp, _ = _pair(twins, spec)
    assert layout_faults(hwp.read_bytes()) == []


def test_hangul_files_keep_the_layout_checked(hwp_data: Path, real: Path) -> None:
    """The checks of :mod:`tests.hwp_layout` are what Hangul's own files hold true (none found broken)."""
    files = [hwp_data / "sample_notes.hwp", *sorted(real.glob("*.hwp"))]
    assert {f.name: layout_faults(f.read_bytes()) for f in files} == {f.name: [] for f in files}


def test_layout_checks_find_a_miscounted_paragraph_and_a_missing_cell() -> None:
    spec = "머리말\n| 구분 | 내용 |\n| 가 | 나 |\n"
    data = hwp_bytes(blocks(spec))
    assert layout_faults(data) == []
    streams = ole_streams(data)
    body = zlib.decompress(streams["BodyText/Section0"], -15)
    at = body.index("머리말".encode("utf-16-le")) - 4 - 24  # its PARA_HEADER: 24 bytes before PARA_TEXT's head
    broken = body[:at] + struct.pack("<I", 9) + body[at + 4 :]
    last_cell = broken.rindex(struct.pack("<I", LIST_HEADER | 2 << 10 | 47 << 20))
    broken = broken[:last_cell]  # the last cell and its paragraph cut off
    c = zlib.compressobj(wbits=-15)
    streams["BodyText/Section0"] = c.compress(broken) + c.flush()
    faults = layout_faults(rewrite_ole(streams))
    assert any("9 characters counted, 4 in its text" in f for f in faults)
    assert any("4 LIST_HEADERs" not in f and "3 LIST_HEADERs" in f for f in faults)
    assert any("do not tile" in f for f in faults)


def test_page_turning_inside_a_paragraph_starts_the_next_on_a_new_page() -> None:
    """Hangul turns the page inside a paragraph longer than the space left (its line segments go back up to the top):
    the paragraphs after it are on the new page, as are those after a page turned between two paragraphs."""
    spec = "\n".join(f"문단 {n} " + "가" * 100 for n in range(1, 5))  # 3 lines each at 40 units a line
    data = hwp_bytes(blocks(spec), wrap=40, page=4 * LINE)  # lines at 0, 1600, 3200, 4800 then the next page
    pages = [p.splitlines() for p in read_hwp("straddle.hwp", data)[0]]
    # after the section's empty first line (at 0), 문단 1 fills page 1 (1600–4800), 문단 2 opens page 2 (0–3200),
    # 문단 3 turns it (4800, then 0 and 1600 on page 3), 문단 4 starts on page 3 (3200, 4800) and turns it too
    assert [[line.split()[1] for line in p] for p in pages] == [["1"], ["2", "3"], ["4"]]


def test_hwpx_page_turning_inside_a_paragraph_starts_the_next_on_a_new_page() -> None:
    def p(text: str, *vpos: int) -> str:
        segs = "".join(f'<lineseg textpos="{40 * k}" vertpos="{v}"/>' for k, v in enumerate(vpos))
        return f'<p paraPrIDRef="0"><run><t>{text}</t></run><linesegarray>{segs}</linesegarray></p>'

    out = PageWriter()
    HwpxWalker(out).section(ET.fromstring(f"<sec>{p('하나', 0, 1600)}{p('둘', 3200, 0)}{p('셋', 1600)}{p('넷', 0)}</sec>"))
    assert out.pages() == ("하나\n둘", "셋", "넷")


def test_a_line_higher_up_in_the_next_column_does_not_turn_the_page() -> None:
    assert turns_page([(4800, 0), (0, 0)])  # back to the top of the same column: the next page
    assert not turns_page([(4800, 0), (0, 22000)])  # the top of the column to its right: the same page
    assert not turns_page([(0, 0), (1600, 0)])


#: Hangul's own ways of saving what the plain twin holds: lines wrapped on A4 pages, a cell's lines broken with
#: Shift+Enter, the first line in the paragraph of the section definition.
LAYOUTS = {
    "pages": {"wrap": 40, "page": 84000},
    "cell-line-breaks": {"cell_breaks": "lines"},
    "first-line-in-secd": {"first_line_in_secd": True},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_hangul_layouts_read_the_same_lines(layout: str) -> None:
    differ = []
    for spec in SPECS:
        spec_blocks = blocks(spec.read_text(encoding="utf-8"))
        data = hwp_bytes(spec_blocks, **LAYOUTS[layout])
        assert layout_faults(data) == []
        lines = "\n".join(read_hwp("laid-out.hwp", data)[0]).splitlines()
        if lines != "\n".join(read_hwp("plain.hwp", hwp_bytes(spec_blocks))[0]).splitlines():
            differ.append(spec.name)
    assert differ == []
