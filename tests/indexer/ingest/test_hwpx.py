"""HWPX reader: paragraphs, merged and nested tables, notes; zips that are not HWPX are refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from indexer.errors import UnreadableDocument
from indexer.ingest.hwpx import read_hwpx
from indexer.ingest.reading import read_file


def _build(tmp_path: Path) -> Path:
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    doc.add_paragraph("머리 문단입니다").add_footnote("각주 내용입니다")
    t = doc.add_table(3, 3)
    for (r, c), v in {(0, 0): "구분", (0, 1): "2021년", (0, 2): "2022년", (1, 0): "예산",
                      (1, 1): "100", (1, 2): "120", (2, 1): "90", (2, 2): "95"}.items():
        t.set_cell_text(r, c, v)
    t.merge_cells(1, 0, 2, 0)
    inner = t.cell(2, 2).add_table(2, 2)
    for (r, c), v in {(0, 0): "안쪽", (0, 1): "표", (1, 0): "중첩", (1, 1): "셀"}.items():
        inner.set_cell_text(r, c, v)
    doc.add_paragraph("꼬리 문단")
    path = tmp_path / "fx.hwpx"
    doc.save_to_path(path)
    return path


def test_paragraph_table_footnote(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    raw = read_file(_build(tmp_path))
    lines = raw.text.splitlines()
    assert raw.encoding == "hwpx" and not raw.page_numbers_known
    assert lines[0] == "머리 문단입니다[^1]"
    assert lines[1] == "[^1]: 각주 내용입니다"
    assert lines[2:5] == ["| 구분 | 2021년 | 2022년 |", "|---|---|---|", "| 예산 | 100 | 120 |"]
    assert lines[5].startswith("| 예산 | 90 | 95") and "안쪽, 표; 중첩, 셀" in lines[5]
    assert lines[-1] == "꼬리 문단"


def test_hwpx_named_hwp_is_read_by_content(tmp_path: Path) -> None:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    f = tmp_path / "misnamed.hwp"
    f.write_bytes(_build(tmp_path).read_bytes())
    assert read_file(f).encoding == "hwpx"


def test_footnotes_and_endnotes(hwp_data: Path) -> None:
    lines = read_file(hwp_data / "sample_notes.hwpx").text.splitlines()
    i = next(k for k, ln in enumerate(lines) if "개기월식[^1]" in ln)
    assert lines[i + 1].startswith("[^1]: 개기월식: 태양, 지구, 달이")
    assert any(ln.startswith("[^e1]: 외행성") for ln in lines)


def test_zip_that_is_not_hwpx(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    f = tmp_path / "x.hwpx"
    f.write_bytes(buf.getvalue())
    with pytest.raises(UnreadableDocument, match="zip without Contents/section"):
        read_file(f)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0" + bytes(60)])
def test_garbage(data: bytes) -> None:
    with pytest.raises(UnreadableDocument):
        read_hwpx("x.hwpx", data)


def test_truncated_hwpx(hwp_data: Path, tmp_path: Path) -> None:
    data = (hwp_data / "sample_notes.hwpx").read_bytes()
    f = tmp_path / "t.hwpx"
    f.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableDocument, match="HWPX"):
        read_file(f)


def test_real_hwpx(real: Path) -> None:
    raw = read_file(real / "moef-press-odi-2024-annual.hwpx")
    assert len(raw.pages) > 1 and raw.text.count("|---") >= 5


_NS = 'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section"'
_LINE = '<hp:linesegarray><hp:lineseg textpos="0" vertpos="{}" vertsize="1000" flags="0"/></hp:linesegarray>'


def _cell(row: int, col: int, text: str) -> str:
    return (
        f'<hp:tc name="" header="0" borderFillIDRef="3"><hp:subList id="" vertAlign="CENTER">'
        f'<hp:p id="9" paraPrIDRef="1" styleIDRef="0" pageBreak="0"><hp:run charPrIDRef="2"><hp:t>{text}</hp:t></hp:run></hp:p>'
        f'</hp:subList><hp:cellAddr colAddr="{col}" rowAddr="{row}"/><hp:cellSpan colSpan="1" rowSpan="1"/>'
        f'<hp:cellSz width="100" height="100"/><hp:cellMargin left="1" right="1" top="1" bottom="1"/></hp:tc>'
    )


def _hancom_section() -> str:
    """Markup as Hancom writes it, with what the reader's pre-pass must leave alone: a page break, self-closing
    runs and paragraph lists, and tag-like text (``&lt;hp:tc …&gt;``)."""
    table = "".join(
        f"<hp:tr>{''.join(_cell(r, c, v) for c, v in enumerate(row))}</hp:tr>"
        for r, row in enumerate((("구분", "2024년"), ("예산", "120")))
    )
    return (
        f"<hs:sec {_NS}>"
        f'<hp:p id="1" paraPrIDRef="0" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0"><hp:run charPrIDRef="0"/>'
        f'<hp:run charPrIDRef="1"><hp:t>첫 쪽 &lt;hp:tc name="x"&gt; 문단</hp:t></hp:run>{_LINE.format(0)}</hp:p>'
        f'<hp:p id="2" paraPrIDRef="0" styleIDRef="0" pageBreak="1" columnBreak="0" merged="0"><hp:run charPrIDRef="1">'
        f'<hp:t>둘째 쪽 문단</hp:t><hp:tbl id="5" rowCnt="2" colCnt="2">{table}</hp:tbl></hp:run>{_LINE.format(0)}</hp:p>'
        f'<hp:p id="3" paraPrIDRef="0" styleIDRef="0" pageBreak="0"><hp:run charPrIDRef="1"><hp:t>글상자 앞</hp:t>'
        f'<hp:rect><hp:drawText><hp:subList id="" vertAlign="TOP"/></hp:drawText></hp:rect></hp:run>{_LINE.format(900)}</hp:p>'
        "</hs:sec>"
    )


def _zip(sections: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        for name, xml in sections.items():
            z.writestr(name, xml)
    return buf.getvalue()


def test_markup_cut_before_parsing_changes_nothing_read(hwp_data: Path, monkeypatch) -> None:
    """The markup cut before the parse (``_UNREAD``: cell sizes and margins, unread attributes) is markup the
    walk never reads: with and without the cut, the reader returns the same pages, box titles and notes."""
    import indexer.ingest.hwpx as hwpx

    files = {"hancom": _zip({"Contents/section0.xml": _hancom_section().encode()})}
    files["sample"] = (hwp_data / "sample_notes.hwpx").read_bytes()
    cut = {name: read_hwpx(name, data) for name, data in files.items()}
    pages = cut["hancom"][0]
    assert len(pages) == 2 and '첫 쪽 <hp:tc name="x"> 문단' in pages[0]
    assert "둘째 쪽 문단" in pages[1] and "| 예산 | 120 |" in pages[1] and "글상자 앞" in pages[1]
    monkeypatch.setattr(hwpx, "_UNREAD", ())
    assert {name: read_hwpx(name, data) for name, data in files.items()} == cut


@pytest.mark.parametrize(
    "tag",
    [
        '<hp:p id="2" paraPrIDRef="0" pageBreak="1">',  # the break its last attribute
        "<hp:p id='2' pageBreak='1' merged='0'>",  # single quotes
        '<hp:p id="2" pageBreak = "1" merged="0">',  # spaces around =
        f'<hp:p {_NS.split()[0]} id="2" pageBreak="1">',  # a namespace declared on the paragraph itself
    ],
)
def test_markup_cut_keeps_every_spelling_of_a_page_break(tag: str) -> None:
    """Attribute order, quoting and spacing are XML's to choose: the pre-pass keeps a page break however spelt."""
    xml = (f"<hs:sec {_NS}>" '<hp:p id="1"><hp:run charPrIDRef="0"><hp:t>첫 쪽</hp:t></hp:run></hp:p>'
           f'{tag}<hp:run charPrIDRef="0"><hp:t>둘째 쪽</hp:t></hp:run></hp:p></hs:sec>')
    assert read_hwpx("a.hwpx", _zip({"Contents/section0.xml": xml.encode()}))[0] == ("첫 쪽", "둘째 쪽")


def test_markup_cut_keeps_a_namespace_declared_below_the_root() -> None:
    """A writer may declare ``hp`` on each paragraph or run rather than on the section: cutting that tag's
    attributes left the prefix unbound and the file unreadable."""
    hp = _NS.split()[0]
    xml = ('<hs:sec xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section">'
           f'<hp:p {hp} id="1"><hp:run charPrIDRef="0"><hp:t>첫 쪽</hp:t></hp:run></hp:p>'
           f'<hp:p id="2" {hp}><hp:run charPrIDRef="0"><hp:t>둘째</hp:t></hp:run></hp:p></hs:sec>')
    assert read_hwpx("a.hwpx", _zip({"Contents/section0.xml": xml.encode()}))[0] == ("첫 쪽\n둘째",)


def test_markup_cut_leaves_cdata_text_alone() -> None:
    """In a CDATA section a ``<`` stands bare: tag-like text there was cut as markup (``<hp:run>`` for
    ``<hp:run charPrIDRef="0">``)."""
    xml = f'<hs:sec {_NS}><hp:p id="1"><hp:run charPrIDRef="0"><hp:t><![CDATA[태그 <hp:run charPrIDRef="0"> 예시]]></hp:t></hp:run></hp:p></hs:sec>'
    assert read_hwpx("a.hwpx", _zip({"Contents/section0.xml": xml.encode()}))[0] == ('태그 <hp:run charPrIDRef="0"> 예시',)
