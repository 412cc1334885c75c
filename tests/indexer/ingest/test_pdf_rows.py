"""PDF table rows with no rule between them are told apart by their lines (``indexer/ingest/pdf_rows.py``)."""

from __future__ import annotations

import io

import pytest

from indexer.ingest.pdf import read_pdf
from indexer.ingest.pdf_rows import split_rows

pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixtures")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "HYSMyeongJo-Medium"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
XS = (70, 230, 290, 350, 410)


def _table(header: tuple[str, ...], body: list[tuple[str, ...]]) -> bytes:
    """A table ruled around its header and at its foot only; each body line is a row of cells (one line each)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 10)
    top, bottom = 700, 680 - 17 * len(body) - 6
    for y in (top, top - 20, bottom):
        c.line(XS[0], y, XS[-1], y)
    for x in XS:
        c.line(x, top, x, bottom)
    for row, cells in enumerate([header, *body]):
        y = top - 14 - (20 if row else 0) - 17 * max(row - 1, 0)
        for x, text in zip(XS, cells):
            if text:
                c.drawString(x + 5, y, text)
    c.save()
    return buf.getvalue()


def test_rows_without_rules_are_rows(cjk_layout: None) -> None:
    body = [("고위공무원(일반·학예 가)", "1", "1", ""), ("서기관", "-", "-", ""), ("행정주사(일반임기제)", "1", "-", "1"),
            ("전산주사", "1", "-", "△1")]
    lines = read_pdf("t.pdf", _table(("직급별", "정원", "현원", "과부족"), body))[0][0].splitlines()
    assert lines == ["| 직급별 | 정원 | 현원 | 과부족 |", "|---|---|---|---|", "| 고위공무원(일반·학예 가) | 1 | 1 |  |",
                     "| 서기관 | - | - |  |", "| 행정주사(일반임기제) | 1 | - | 1 |", "| 전산주사 | 1 | - | △1 |"]


def test_a_wrapped_name_joins_its_row(cjk_layout: None) -> None:
    body = [("과장", "1", "-", "-"), ("(연구관)", "", "", ""), ("연구관", "2", "2", "-")]
    lines = read_pdf("t.pdf", _table(("직급", "정원", "증원", "재배치"), body))[0][0].splitlines()
    assert lines[2:] == ["| 과장 (연구관) | 1 | - | - |", "| 연구관 | 2 | 2 | - |"]


def _lines(per_box: dict[int, list[tuple[float, str]]]):
    return lambda box: per_box[int(box[0])]


def test_prose_wrapping_side_by_side_is_one_row() -> None:
    """Two cells of prose on the same two baselines, and no column of figures: one row whose cells wrap."""
    boxes = [(0, 0, 10, 20, "구분"), (10, 0, 20, 20, "내용"), (0, 20, 10, 60, "가 사업은 두 줄로"), (10, 20, 20, 60, "나 사업도 두 줄로")]
    per_box = {0: [(30.0, "가 사업은"), (45.0, "두 줄로")], 10: [(30.0, "나 사업도"), (45.0, "두 줄로")]}
    assert split_rows(boxes, _lines(per_box), 3.0) == tuple(boxes)


def test_a_line_between_the_rows_leaves_the_band_whole() -> None:
    """A centred label (a line on no row's baseline) says the band is not a stack of one-line rows."""
    boxes = [(0, 0, 10, 20, "구분"), (10, 0, 20, 20, "정원"), (20, 0, 30, 20, "현원"),
             (0, 20, 10, 60, "주요업무"), (10, 20, 20, 60, "1 2"), (20, 20, 30, 60, "3 4")]
    per_box = {0: [(38.0, "주요업무")], 10: [(30.0, "1"), (45.0, "2")], 20: [(30.0, "3"), (45.0, "4")]}
    assert split_rows(boxes, _lines(per_box), 3.0) == tuple(boxes)


def test_a_figure_over_its_note_is_one_row(cjk_layout: None) -> None:
    """A ruled row whose label wraps beside ``100`` over ``(50)``: split on its baselines, the label's halves went to
    two rows and the note to the second."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 10)
    xs = (70, 230, 330, 430)
    for y in (700, 680, 640, 620):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, 700, x, 620)
    for x, y, text in ((75, 686, "구분"), (235, 686, "2024"), (335, 686, "2023"), (75, 664, "연구개발"), (75, 648, "사업비"),
                       (235, 664, "100"), (235, 648, "(50)"), (335, 664, "200"), (335, 648, "(60)"),
                       (75, 626, "인건비"), (235, 626, "30"), (335, 626, "20")):
        c.drawString(x, y, text)
    c.save()
    lines = read_pdf("t.pdf", buf.getvalue())[0][0].splitlines()
    assert lines[2:] == ["| 연구개발 사업비 | 100 (50) | 200 (60) |", "| 인건비 | 30 | 20 |"]


@pytest.mark.xfail(strict=True, reason="reported, not fixed: a row without figures is taken for the line above it wrapped")
def test_a_group_heading_row_is_its_own_row(cjk_layout: None) -> None:
    """A heading row with no figures (``별정직``) between rows that have them was glued to the row above:
    ``| 사무관 별정직 | 2 | 2 |``. Nothing in the band tells it from a wrapped name (``과장`` over ``(연구관)``)."""
    body = [("일반직", "", "", ""), ("서기관", "1", "1", ""), ("사무관", "2", "2", ""), ("별정직", "", "", ""), ("비서관", "1", "-", "")]
    lines = read_pdf("t.pdf", _table(("직급", "정원", "현원", "비고"), body))[0][0].splitlines()
    assert "| 사무관 | 2 | 2 |  |" in lines and "| 별정직 |  |  |  |" in lines
