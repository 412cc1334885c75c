"""Damaged HWP, HWPX and PDF files: each is read or skipped with a reason, never a crash.

Hypothesis damages the checked-in samples (and a generated PDF) the ways files arrive
damaged: bytes overwritten, the file cut short, a block zeroed, and, inside an HWPX, its
section XML broken, cut or flooded with unclosed tags behind an intact zip. Parsing such a
file must return a document or raise :class:`UnreadableDocument` with a one-line reason.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import UnreadableDocument
from indexer.ingest.parsing import parse_raw
from indexer.ingest.reading import read_file

#: Derandomized: CI draws the same damage every run, so a failure reproduces (exploring more: run with a
#: larger ``max_examples`` and ``derandomize=False`` locally).
_SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _parses_or_says_why(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        doc = parse_raw(read_file(path))
    except UnreadableDocument as e:
        assert e.reason and "\n" not in e.reason
    else:
        assert doc.passages


@st.composite
def _damage(draw, size: int):
    kind = draw(st.sampled_from(["overwrite", "truncate", "zero"]))
    if kind == "truncate":
        return kind, draw(st.integers(1, size - 1)), b""
    start = draw(st.integers(0, size - 1))
    if kind == "zero":
        return kind, start, bytes(draw(st.integers(1, 4096)))
    return kind, start, draw(st.binary(min_size=1, max_size=32))


def _apply(data: bytes, damage) -> bytes:
    kind, at, chunk = damage
    if kind == "truncate":
        return data[:at]
    return data[:at] + chunk + data[at + len(chunk) :]


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    """Two pages of text and a ruled table (pdfplumber's path) over the page break."""
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixture")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    style = ParagraphStyle("k", fontName=font, fontSize=10)
    table = Table([["구분", "2021년", "2022년"]] + [[f"사업{i}", str(100 + i), str(120 + i)] for i in range(60)], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), font)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build([Paragraph("□ 주민자치 활성화", style), Paragraph("ㅇ 주민자치회 구성 확대(132개 → 154개)", style), table])
    return buf.getvalue()


@_SETTINGS
@given(data=st.data())
def test_damaged_hwp(hwp_data: Path, tmp_path: Path, data) -> None:
    raw = (hwp_data / "sample_notes.hwp").read_bytes()
    _parses_or_says_why(tmp_path / "x.hwp", _apply(raw, data.draw(_damage(len(raw)))))


@_SETTINGS
@given(data=st.data())
def test_damaged_hwpx_file(hwp_data: Path, tmp_path: Path, data) -> None:
    raw = (hwp_data / "sample_notes.hwpx").read_bytes()
    _parses_or_says_why(tmp_path / "x.hwpx", _apply(raw, data.draw(_damage(len(raw)))))


@_SETTINGS
@given(data=st.data(), flood=st.integers(0, 2000))
def test_hwpx_with_broken_section_xml(hwp_data: Path, tmp_path: Path, data, flood: int) -> None:
    """The zip is intact (its checksums match), the XML inside it is not."""
    src = zipfile.ZipFile(io.BytesIO((hwp_data / "sample_notes.hwpx").read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("Contents/section"):
                content = _apply(content, data.draw(_damage(len(content))))
                at = data.draw(st.integers(0, len(content)))
                content = content[:at] + b"<hp:p><hp:run><hp:t>" * flood + content[at:]
            z.writestr(item, content)
    _parses_or_says_why(tmp_path / "x.hwpx", out.getvalue())


@_SETTINGS
@given(data=st.data())
def test_damaged_pdf(pdf_bytes: bytes, tmp_path: Path, data) -> None:
    _parses_or_says_why(tmp_path / "x.pdf", _apply(pdf_bytes, data.draw(_damage(len(pdf_bytes)))))
