"""Paragraph numbers Hangul draws from paragraph styles (개요, 문단 번호, 글머리표) reach the text as if typed."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import pytest

from indexer.ingest.hwp import CTRL_HEADER, LIST_HEADER, PARA_HEADER, PARA_TEXT, TABLE, Node, _Walker, read_hwp
from indexer.ingest.hwp_numbering import Head, Numberer, Numbering, from_hwpx_header, labelled, number_text
from indexer.ingest.hwpx import _Walker as HwpxWalker
from indexer.ingest.hwpx import read_hwpx
from indexer.ingest.page_writer import PageWriter
from indexer.ingest.parsing import parse_file
from indexer.ingest.reading import read_file
from tests.hwp_files import numbered_copy, ole_streams, rewrite_ole


@pytest.mark.parametrize(
    ("n", "shape", "want"),
    [
        (3, "DIGIT", "3"), (3, "HANGUL_SYLLABLE", "다"), (14, "HANGUL_SYLLABLE", "하"), (15, "HANGUL_SYLLABLE", "15"),
        (2, "CIRCLED_DIGIT", "②"), (21, "CIRCLED_DIGIT", "㉑"), (4, "ROMAN_CAPITAL", "Ⅳ"), (2, "ROMAN_SMALL", "ⅱ"),
        (1, "CIRCLED_HANGUL_SYLLABLE", "㉮"), (3, "HANGUL_JAMO", "ㄷ"), (2, "CIRCLED_HANGUL_JAMO", "㉡"),
        (2, "LATIN_SMALL", "b"), (3, "CIRCLED_LATIN_SMALL", "ⓒ"), (5, "IDEOGRAPH", "五"), (7, "UNHEARD_OF", "7"),
    ],
)  # fmt: skip
def test_number_shapes(n: int, shape: str, want: str) -> None:
    assert number_text(n, shape) == want


def _outline(*levels: int, numberings: dict[int, Numbering] | None = None, texts: list[str] | None = None) -> list[str]:
    numberer = Numberer({i: Head("outline", 0, i) for i in range(7)}, numberings or {}, {})
    numberer.outline = 1
    return [labelled(numberer.label(level), t) for level, t in zip(levels, texts or ["글"] * len(levels))]


def test_levels_count_and_restart_under_their_parent() -> None:
    # Hangul's own outline numbering when the section names none the document defines
    assert _outline(0, 1, 2, 2, 1, 0, 1, 4) == ["1. 글", "가. 글", "1) 글", "2) 글", "나. 글", "2. 글", "가. 글", "(1) 글"]


def test_formats_name_other_levels_and_starts() -> None:
    decimal = Numbering(("^1.", "^1.^2.", "^3"), ("DIGIT", "DIGIT", "CIRCLED_DIGIT"), (3, 1, 1))
    assert _outline(0, 1, 1, 0, 1, 2, numberings={1: decimal}) == ["3. 글", "3.1. 글", "3.2. 글", "4. 글", "4.1. 글", "① 글"]


def test_empty_paragraph_is_counted_but_gets_no_number() -> None:
    assert _outline(0, 0, 0, texts=["첫째", " ", "셋째"]) == ["1. 첫째", " ", "3. 셋째"]


def test_numbers_and_bullets_by_their_own_definitions() -> None:
    numberer = Numberer(
        {1: Head("number", 2, 0), 2: Head("bullet", 1, 0), 3: Head("number", 9, 0), 4: Head("outline", 0, 0)},
        {2: Numbering(("^1)",), ("CIRCLED_HANGUL_SYLLABLE",), (1,))},
        {1: "□"},
    )
    numberer.outline = 7  # names a numbering the document lacks: Hangul's own outline numbering
    got = [numberer.label(s) for s in (1, 1, 2, 3, 4, 0)]
    assert got == ["㉮)", "㉯)", "□", "", "1.", ""]


def test_header_without_numbered_paragraph_properties_needs_no_numberer() -> None:
    assert from_hwpx_header(b'<hh:head><hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr></hh:head>') is None


def _styled_hwpx(path: Path) -> Path:
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    for style, text in [
        ("개요 1", "사업 개요"), ("개요 2", "추진 배경"), ("개요 3", "디지털 행정 수요가 빠르게 늘어남"),
        ("개요 3", "노후 시스템 유지비가 해마다 증가함"), ("개요 2", "사업 내용"), ("바탕글", "통합 민원 플랫폼을 구축한다."),
        ("개요 1", "추진 일정"), ("개요 2", "1단계 설계"),
    ]:  # fmt: skip
        doc.add_paragraph(text, style=style)
    doc.save_to_path(path)
    return path


def test_hwpx_outline_styles_print_their_numbers(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    lines = read_file(_styled_hwpx(tmp_path / "outline.hwpx")).text.splitlines()
    assert lines == [
        "1. 사업 개요", "가. 추진 배경", "1) 디지털 행정 수요가 빠르게 늘어남", "2) 노후 시스템 유지비가 해마다 증가함",
        "나. 사업 내용", "통합 민원 플랫폼을 구축한다.", "2. 추진 일정", "가. 1단계 설계",
    ]  # fmt: skip


def test_hwpx_outline_styles_give_sections(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    doc = parse_file(_styled_hwpx(tmp_path / "outline.hwpx"))
    by_text = {p.text: p for p in doc.passages}
    assert by_text["2) 노후 시스템 유지비가 해마다 증가함"].section[-2:] == ("1. 사업 개요", "가. 추진 배경")
    assert by_text["가. 1단계 설계"].section == ("2. 추진 일정",)


def test_hwpx_numbering_and_bullet_definitions(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    levels = [{"numFormat": "DIGIT", "text": "^1."}, {"numFormat": "CIRCLED_DIGIT", "text": "^2"}]
    numbered = doc.styles.ensure_numbering(kind="number", levels=levels)
    bullet = doc.styles.ensure_numbering(kind="bullet")
    for shape, text in [(numbered[0], "첫째 과제"), (numbered[1], "세부 과제"), (numbered[0], "둘째 과제"), (bullet[0], "참고 사항")]:
        doc.add_paragraph(text, para_pr_id_ref=shape)
    doc.save_to_path(tmp_path / "numbers.hwpx")
    lines = read_file(tmp_path / "numbers.hwpx").text.splitlines()
    assert lines == ["1. 첫째 과제", "① 세부 과제", "2. 둘째 과제", "- 참고 사항"]


def test_hwp_outline_and_numbered_shapes(hwp_data: Path) -> None:
    plain = (hwp_data / "sample_notes.hwp").read_bytes()
    # the sample's shapes 2 and 3 are Hangul's 개요 1 and 개요 2; shape 9, made a 문단 번호 of numbering 1, level 1
    copy = numbered_copy(plain, {0: 2, 1: 3, 2: 3, 3: 9}, {9: (2, 0, 1)})
    before = read_hwp("plain.hwp", plain)[0][0].splitlines()
    after = read_hwp("numbered.hwp", copy)[0][0].splitlines()
    assert after[:4] == ["1. " + before[0], "가. " + before[1], "나. " + before[2], "1. " + before[3]]
    assert after[4:] == before[4:]


@pytest.mark.parametrize("docinfo", [None, b"\x00garbage" * 10], ids=["missing", "broken"])
def test_hwp_docinfo_that_does_not_read_costs_the_numbers_not_the_text(hwp_data: Path, docinfo: bytes | None) -> None:
    plain = (hwp_data / "sample_notes.hwp").read_bytes()
    streams = ole_streams(numbered_copy(plain, {0: 2}))
    if docinfo is None:
        del streams["DocInfo"]
    else:
        streams["DocInfo"] = docinfo
    assert read_hwp("damaged.hwp", rewrite_ole(streams))[0] == read_hwp("plain.hwp", plain)[0]


def _hwp_node(tag: int, data: bytes = b"", children: list | None = None) -> Node:
    node = Node(children or [])
    node.tag, node.data = tag, data
    return node


def _hwp_para(shape: int, text: str) -> Node:
    head = struct.pack("<IIHBB", len(text) + 1, 0, shape, 0, 0) + b"\x00" * 12
    return _hwp_node(PARA_HEADER, head, [_hwp_node(PARA_TEXT, (text + "\r").encode("utf-16-le"))])


def _hwp_cell(row: int, col: int, *paras: Node) -> list[Node]:
    return [_hwp_node(LIST_HEADER, b"\x00" * 8 + struct.pack("<4H", col, row, 1, 1)), *paras]


def test_hwp_table_cells_are_numbered_once(hwp_data: Path) -> None:
    """A row whose cells hold paragraphs of prose is read twice (as a possible stack, then as one row): the numbers
    of its paragraphs are counted once, in reading order, as Hangul draws them."""
    tbl = _hwp_node(CTRL_HEADER, b"tbl "[::-1], [
        _hwp_node(TABLE), *_hwp_cell(0, 0, _hwp_para(0, "구분")), *_hwp_cell(0, 1, _hwp_para(0, "내용")),
        *_hwp_cell(1, 0, _hwp_para(1, "시설 개선"), _hwp_para(1, "장비 구입")),
        *_hwp_cell(1, 1, _hwp_para(0, "노후 시설 보수"), _hwp_para(0, "신규 장비 도입")),
    ])  # fmt: skip
    out = PageWriter()
    walker = _Walker(out, Numberer({1: Head("number", 1, 0)}, {1: Numbering(("^1.",), ("DIGIT",), (1,))}, {}))
    walker.paragraph(_hwp_para(1, "첫 과제"))
    walker.table(tbl)
    walker.paragraph(_hwp_para(1, "둘째 과제"))
    text = "\n".join(out.pages())
    assert "| 2. 시설 개선 3. 장비 구입 |" in text and "4. 둘째 과제" in text


def test_hwpx_table_cells_are_numbered_once(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    num = doc.styles.ensure_numbering(kind="number", levels=[{"numFormat": "DIGIT", "text": "^1."}])[0]
    doc.add_paragraph("첫 과제", para_pr_id_ref=num)
    t = doc.add_table(2, 2)
    t.set_cell_text(0, 0, "구분")
    t.set_cell_text(0, 1, "내용")
    for col, texts in [(0, ["시설 개선", "장비 구입"]), (1, ["노후 시설 보수", "신규 장비 도입"])]:
        cell = t.cell(1, col)
        cell.set_text(texts[0])
        if col == 0:
            cell.paragraphs[0].element.set("paraPrIDRef", num)
        cell.add_paragraph(texts[1], para_pr_id_ref=num if col == 0 else None)
    doc.add_paragraph("둘째 과제", para_pr_id_ref=num)
    doc.save_to_path(tmp_path / "table.hwpx")
    lines = read_file(tmp_path / "table.hwpx").text.splitlines()
    assert lines[0] == "1. 첫 과제" and lines[-1] == "4. 둘째 과제"
    assert lines[-2] == "| 2. 시설 개선 3. 장비 구입 | 노후 시설 보수 신규 장비 도입 |"


def test_hwpx_header_that_does_not_read_costs_the_numbers_not_the_text(hwp_data: Path) -> None:
    src = (hwp_data / "sample_notes.hwpx").read_bytes()
    data = bytearray(src)
    info = zipfile.ZipFile(io.BytesIO(src)).getinfo("Contents/header.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 10, start + 40):  # the deflated header's bytes damaged: it no longer inflates
        data[k] ^= 0x55
    assert read_hwpx("damaged.hwpx", bytes(data))[0] == read_hwpx("plain.hwpx", src)[0]


def test_hwp_docinfo_nested_deep_costs_the_numbers_not_the_text(hwp_data: Path) -> None:
    plain = (hwp_data / "sample_notes.hwp").read_bytes()
    streams = ole_streams(numbered_copy(plain, {0: 2}))
    docinfo = zlib.decompress(streams["DocInfo"], -15)
    deep = b"".join(struct.pack("<I", 1 | 1023 << 10) for _ in range(1200))  # empty records, each a level deeper
    c = zlib.compressobj(wbits=-15)
    streams["DocInfo"] = c.compress(docinfo + deep) + c.flush()
    assert read_hwp("deep.hwp", rewrite_ole(streams))[0][0].startswith("1. ")


def test_header_paragraph_property_with_a_line_break_in_its_tag() -> None:
    """A ``<paraPr`` tag broken after its name (as an XML pretty-printer may write it) still owns its heading: the
    heading is not given to the paragraph property before it (here 바탕글's, which would number every paragraph)."""
    numberer = from_hwpx_header(
        b'<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>'
        b'<hh:paraPr\n  id="1"><hh:heading type="NUMBER" idRef="1" level="0"/></hh:paraPr>'
    )
    assert numberer is not None and numberer.heads == {1: Head("number", 1, 0)}


def test_header_empty_numbering_takes_no_levels_of_the_next() -> None:
    numberer = from_hwpx_header(
        b'<hh:paraPr id="1"><hh:heading type="NUMBER" idRef="2" level="0"/></hh:paraPr><hh:numberings itemCnt="2">'
        b'<hh:numbering id="1" start="0"/><hh:numbering id="2" start="0">'
        b'<hh:paraHead start="1" level="1" numFormat="CIRCLED_DIGIT">^1</hh:paraHead></hh:numbering></hh:numberings>'
    )
    assert numberer is not None and numberer.label(1) == "①"


def test_level_path_codes() -> None:
    """``^n`` prints the level path (``1.2.1``), ``^N`` the path and a period (OWPML ``paraHead``: KS X 6101)."""
    legal = Numbering(("^N", "^N", "^n"), ("DIGIT", "DIGIT", "DIGIT"), (1, 1, 1))
    assert _outline(0, 1, 1, 2, 0, numberings={1: legal}) == ["1. 글", "1.1. 글", "1.2. 글", "1.2.1 글", "2. 글"]


def test_hwpx_section_outline_reference_that_is_no_number(tmp_path: Path) -> None:
    """A section whose ``outlineShapeIDRef`` is no number gets Hangul's own outline numbering; the file still reads."""
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    from hwpx.document import HwpxDocument


    doc = HwpxDocument.new()
    doc.add_paragraph("사업 개요", style="개요 1")
    doc.save_to_path(tmp_path / "outline.hwpx")
    src = zipfile.ZipFile(tmp_path / "outline.hwpx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "Contents/section0.xml":
                data = data.replace(b'outlineShapeIDRef="1"', b'outlineShapeIDRef="x"')
            z.writestr(info, data)
    assert read_hwpx("odd.hwpx", buf.getvalue())[0][0].splitlines()[0] == "1. 사업 개요"


def _hwpx_walk(body: str, numberer: Numberer) -> list[str]:
    out = PageWriter()
    HwpxWalker(out, numberer).section(ET.fromstring(f"<sec>{body}</sec>"))
    return "\n".join(out.pages()).splitlines()


def _numbered() -> Numberer:
    return Numberer({1: Head("number", 1, 0)}, {1: Numbering(("^1.",), ("DIGIT",), (1,))}, {})


def _p(text: str, shape: int = 1, inner: str = "") -> str:
    return f'<p paraPrIDRef="{shape}"><run><t>{text}</t>{inner}</run></p>'


def test_hwpx_paragraph_is_counted_before_its_footnote() -> None:
    note = '<ctrl><footNote><subList>' + _p("각주 속 번호 문단") + "</subList></footNote></ctrl>"
    lines = _hwpx_walk(_p("첫 과제", inner=note) + _p("둘째 과제"), _numbered())
    assert lines[0] == "1. 첫 과제[^1]" and lines[1] == "[^1]: 2. 각주 속 번호 문단" and lines[-1] == "3. 둘째 과제"


def test_hwpx_table_is_counted_row_by_row() -> None:
    """A row read as a possible stack (two cells of two paragraphs or more) is read before the rows above it; its
    numbers still follow theirs."""
    def cell(row: int, col: int, *paras: str) -> str:
        return f'<tc><cellAddr colAddr="{col}" rowAddr="{row}"/><subList>{"".join(paras)}</subList></tc>'

    table = (
        "<tbl>"
        f'<tr>{cell(0, 0, _p("구분", 0))}{cell(0, 1, _p("내용", 0))}</tr>'
        f'<tr>{cell(1, 0, _p("기반 조성", 0))}{cell(1, 1, _p("시설 개선"))}</tr>'
        f'<tr>{cell(2, 0, _p("장비 구입"), _p("교육 운영"))}{cell(2, 1, _p("노후 장비 교체", 0), _p("담당자 교육", 0))}</tr>'
        "</tbl>"
    )
    lines = _hwpx_walk(_p("첫 과제") + f'<p paraPrIDRef="0"><run>{table}</run></p>' + _p("끝 과제"), _numbered())
    assert "| 기반 조성 | 2. 시설 개선 |" in lines
    assert "| 3. 장비 구입 4. 교육 운영 | 노후 장비 교체 담당자 교육 |" in lines
    assert lines[-1] == "5. 끝 과제"


def test_hwp_table_is_counted_row_by_row() -> None:
    tbl = _hwp_node(CTRL_HEADER, b"tbl "[::-1], [
        _hwp_node(TABLE), *_hwp_cell(0, 0, _hwp_para(0, "구분")), *_hwp_cell(0, 1, _hwp_para(0, "내용")),
        *_hwp_cell(1, 0, _hwp_para(0, "기반 조성")), *_hwp_cell(1, 1, _hwp_para(1, "시설 개선")),
        *_hwp_cell(2, 0, _hwp_para(1, "장비 구입"), _hwp_para(1, "교육 운영")),
        *_hwp_cell(2, 1, _hwp_para(0, "노후 장비 교체"), _hwp_para(0, "담당자 교육")),
    ])  # fmt: skip
    out = PageWriter()
    walker = _Walker(out, _numbered())
    walker.paragraph(_hwp_para(1, "첫 과제"))
    walker.table(tbl)
    walker.paragraph(_hwp_para(1, "끝 과제"))
    lines = "\n".join(out.pages()).splitlines()
    assert "| 기반 조성 | 2. 시설 개선 |" in lines and "| 3. 장비 구입 4. 교육 운영 | 노후 장비 교체 담당자 교육 |" in lines
    assert lines[-1] == "5. 끝 과제"


def test_hwp_paragraph_is_counted_before_its_footnote() -> None:
    anchor = _hwp_para(1, "첫 과제")
    marker = b"\x11\x00" + b"fn  "[::-1] + b"\x00" * 8 + b"\x11\x00"  # the footnote's extended control in the text
    anchor[0] = _hwp_node(PARA_TEXT, "첫 과제".encode("utf-16-le") + marker + "\r".encode("utf-16-le"))
    anchor.append(_hwp_node(CTRL_HEADER, b"fn  "[::-1], [_hwp_node(LIST_HEADER), _hwp_para(1, "각주 속 번호 문단")]))
    out = PageWriter()
    walker = _Walker(out, _numbered())
    for para in (anchor, _hwp_para(1, "둘째 과제")):
        walker.paragraph(para)
        out.end_block()  # as the section walk does: a block's notes follow it
    lines = "\n".join(out.pages()).splitlines()
    assert lines[0] == "1. 첫 과제[^1]" and lines[1] == "[^1]: 2. 각주 속 번호 문단" and lines[-1] == "3. 둘째 과제"
