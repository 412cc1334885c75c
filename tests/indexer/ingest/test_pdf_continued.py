"""Ruled tables carried over a PDF page break, drawn the way a word processor exports them: a running header
line on top of each page, ``- N -`` at its foot, the table's cells boxed one by one and cut at the break."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.ingest.parsing import parse_file

pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixtures")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "HYSMyeongJo-Medium"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
LEFT, RIGHT = 60, WIDTH - 60
ROW = 22
FILL = [
    "□ 디지털 정부 전환을 위해 공공 서비스 전반의 클라우드 이전을 단계적으로 추진한다.",
    "ㅇ 행정기관 정보시스템의 클라우드 전환율을 2027년까지 70% 수준으로 끌어올린다.",
    "ㅇ 민간 클라우드 이용을 원칙으로 하되 보안 등급에 따라 공공 클라우드를 병행한다.",
]
HEAD = ["구분", "사업명", "2025년 예산", "담당부서"]
BODY = [["인프라", f"클라우드 전환 {i}단계", f"{100 + i * 7}", "디지털정부국"] for i in range(1, 9)]
WIDTHS = [70, 190, 90, 120]
Spec = tuple[int, int, int, int, str]  # row, column, rowspan, colspan, text


def _page(c: canvas.Canvas, n: int) -> None:
    c.setFont(FONT, 9)
    c.drawString(LEFT, HEIGHT - 40, "2025년 정보화 사업계획")
    c.drawRightString(RIGHT, HEIGHT - 40, "과학기술정보통신부")
    c.line(LEFT, HEIGHT - 45, RIGHT, HEIGHT - 45)
    c.setFont(FONT, 10)
    c.drawCentredString(WIDTH / 2, 35, f"- {n} -")


def _lines(c: canvas.Canvas, y: float, lines: list[str]) -> float:
    c.setFont(FONT, 11)
    for text in lines:
        c.drawString(LEFT, y, text)
        y -= 20
    return y


def _grid(c: canvas.Canvas, top: float, cells: list[Spec], widths: list[int] = WIDTHS) -> float:
    """Each cell's box and its text; the y under the grid."""
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    c.setFont(FONT, 9.5)
    for r, k, rs, cs, text in cells:
        y1 = top - r * ROW
        c.rect(xs[k], y1 - rs * ROW, xs[k + cs] - xs[k], rs * ROW)
        if text:
            c.drawString(xs[k] + 4, y1 - rs * ROW / 2 - 3, text)
    return top - max(r + rs for r, _, rs, _, _ in cells) * ROW


def _rows(rows: list[list[str]]) -> list[Spec]:
    return [(r, k, 1, 1, text) for r, row in enumerate(rows) for k, text in enumerate(row)]


def _two_pages(path: Path, foot: list[Spec], top: list[Spec], widths: list[int] = WIDTHS, lead: int = 9) -> Path:
    """Page 1: paragraphs, a heading, then ``foot`` at the page's foot; page 2: ``top`` then more text."""
    c = canvas.Canvas(str(path), pagesize=A4)
    _page(c, 1)
    y = _lines(c, HEIGHT - 90, ["Ⅰ. 추진 개요", *FILL * lead, "Ⅱ. 사업별 예산 현황"])
    _grid(c, y - 6, foot, widths)
    c.showPage()
    _page(c, 2)
    y = _grid(c, HEIGHT - 70, top, widths)
    _lines(c, y - 30, ["Ⅲ. 향후 계획", "ㅇ 하반기 중 2단계 전환 대상 시스템을 확정하고 예산을 반영한다."])
    c.showPage()
    c.save()
    return path


def _rows_of(path: Path) -> list:
    return [p for p in parse_file(path).passages if p.kind == "row"]


def test_a_header_repeated_on_the_next_page_is_no_data_row(tmp_path: Path) -> None:
    path = _two_pages(tmp_path / "t.pdf", _rows([HEAD, *BODY[:4]]), _rows([HEAD, *BODY[4:]]), lead=7)
    rows = _rows_of(path)
    assert len(rows) == 8 and not any("구분:" in p.text or ": 사업명 사업명" in p.text for p in rows)
    assert [p.page for p in rows] == [1] * 4 + [2] * 4  # each row cites its own page
