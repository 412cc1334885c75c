"""Two-column PDF pages are read a column at a time, whatever order the producer wrote them in."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.ingest.pdf import read_pdf

pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixtures")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "HYSMyeongJo-Medium"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
LEFT = [
    "□ 보통교부세 배분 현황",
    "ㅇ 지방교부세의 핵심인 보통교부세는 내국세",
    "총액의 19.24%로 정해져 있어 경기 변동에",
    "따라 해마다 규모가 크게 흔들리고 있다",
    "ㅇ 재정력지수가 낮은 군 지역에 배분이 집중",
    "되어 자치단체 간 격차 완화에 기여하였다",
]
RIGHT = [
    "□ 정책 제언",
    "ㅇ 교부세 산정 방식을 인구 감소 지역에 맞게",
    "개편하여 자치단체의 재정 자율성을 높이는",
    "방향으로 나아가야 한다는 의견이 많다",
    "ㅇ 특별교부세의 비중을 줄이고 보통교부세로",
    "통합하여 예측 가능성을 높일 필요가 있다",
]


def _page(draw) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(FONT, 10)
    draw(c)
    c.save()
    return buf.getvalue()


def _columns(left: list[str], right: list[str], *, by_row: bool, title: str = "", footer: str = "") -> bytes:
    def draw(c: canvas.Canvas) -> None:
        if title:
            c.drawCentredString(297, 790, title)
        rows = max(len(left), len(right))
        if by_row:  # each printed line across the page, as OCR layers write it
            for i in range(rows):
                if i < len(left):
                    c.drawString(50, 750 - 14 * i, left[i])
                if i < len(right):
                    c.drawString(310, 750 - 14 * i, right[i])
        else:
            for i, line in enumerate(left):
                c.drawString(50, 750 - 14 * i, line)
            for i, line in enumerate(right):
                c.drawString(310, 750 - 14 * i, line)
        if footer:
            c.drawCentredString(297, 40, footer)

    return _page(draw)


@pytest.mark.parametrize("by_row", [True, False])
def test_two_columns_read_left_then_right(by_row: bool) -> None:
    data = _columns(LEFT, RIGHT, by_row=by_row, title="지방교부세 제도 개선 방안", footer="- 3 -")
    lines = read_pdf("brief.pdf", data)[0][0].splitlines()
    assert lines == ["지방교부세 제도 개선 방안", *LEFT, *RIGHT, "- 3 -"]


def test_a_line_across_both_columns_cuts_them_into_strips() -> None:
    def draw(c: canvas.Canvas) -> None:
        for i in range(5):
            c.drawString(50, 750 - 14 * i, LEFT[i])
            c.drawString(310, 750 - 14 * i, RIGHT[i])
        c.drawString(50, 660, "<표 1> 연도별 보통교부세 규모는 아래 표와 같이 2020년 이후 꾸준히 늘었다")
        c.drawString(50, 640, LEFT[5])
        c.drawString(310, 640, RIGHT[5])

    lines = read_pdf("brief.pdf", _page(draw))[0][0].splitlines()
    assert lines == [*LEFT[:5], *RIGHT[:5], "<표 1> 연도별 보통교부세 규모는 아래 표와 같이 2020년 이후 꾸준히 늘었다",
                     LEFT[5], RIGHT[5]]


def test_a_borderless_label_value_list_stays_row_by_row() -> None:
    rows = [("사업명", "지방교부세 제도 개선 연구용역 추진"), ("사업기간", "2024. 3. ~ 2024. 12."),
            ("사업예산", "150백만원(시비 100%)"), ("추진부서", "기획조정실 예산담당관"),
            ("주요내용", "보통교부세 산정 방식 개선안 마련"), ("기대효과", "재정 자율성 제고")]

    def draw(c: canvas.Canvas) -> None:
        for i, (k, v) in enumerate(rows):
            c.drawString(50, 750 - 14 * i, k)
            c.drawString(310, 750 - 14 * i, v)

    lines = read_pdf("form.pdf", _page(draw))[0][0].splitlines()
    assert lines == [f"{k} {v}" for k, v in rows]


def test_one_column_prose_is_not_split() -> None:
    text = [a + " " + b for a, b in zip(LEFT, RIGHT, strict=True)]
    data = _page(lambda c: [c.drawString(50, 750 - 14 * i, t) for i, t in enumerate(text)])
    assert read_pdf("plan.pdf", data)[0][0].splitlines() == text


@settings(max_examples=15, deadline=None)
@given(st.integers(4, 6), st.integers(4, 6), st.booleans(), st.booleans())
def test_columns_of_any_length_keep_every_line_in_order(n_left: int, n_right: int, by_row: bool, footer: bool) -> None:
    left, right = LEFT[:n_left], RIGHT[:n_right]
    data = _columns(left, right, by_row=by_row, footer="- 1 -" if footer else "")
    lines = read_pdf("brief.pdf", data)[0][0].splitlines()
    assert lines == [*left, *right, *(["- 1 -"] if footer else [])]
