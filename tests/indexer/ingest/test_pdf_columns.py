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
        # The right column starts half a line lower (its heading has more space above it): columns of prose
        # run on their own baselines, a table's cells share them.
        if by_row:  # each printed line across the page, as OCR layers write it
            for i in range(rows):
                if i < len(left):
                    c.drawString(50, 750 - 14 * i, left[i])
                if i < len(right):
                    c.drawString(310, 743 - 14 * i, right[i])
        else:
            for i, line in enumerate(left):
                c.drawString(50, 750 - 14 * i, line)
            for i, line in enumerate(right):
                c.drawString(310, 743 - 14 * i, line)
        if footer:
            c.drawCentredString(297, 40, footer)

    return _page(draw)


@pytest.mark.parametrize("by_row", [True, False])
def test_two_columns_read_left_then_right(by_row: bool, cjk_layout: None) -> None:
    data = _columns(LEFT, RIGHT, by_row=by_row, title="지방교부세 제도 개선 방안", footer="- 3 -")
    lines = read_pdf("brief.pdf", data)[0][0].splitlines()
    assert lines == ["지방교부세 제도 개선 방안", *LEFT, *RIGHT, "- 3 -"]


def test_a_line_across_both_columns_cuts_them_into_strips() -> None:
    def draw(c: canvas.Canvas) -> None:
        for i in range(5):
            c.drawString(50, 750 - 14 * i, LEFT[i])
            c.drawString(310, 743 - 14 * i, RIGHT[i])
        c.drawString(50, 660, "<표 1> 연도별 보통교부세 규모는 아래 표와 같이 2020년 이후 꾸준히 늘었다")
        c.drawString(50, 640, LEFT[5])
        c.drawString(310, 633, RIGHT[5])

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


def test_a_borderless_table_of_long_cells_stays_row_by_row():
    """An HWP schedule with invisible borders: long cells on both sides, each row on one baseline."""
    rows = [("2025. 1. 6.(월) ~ 1. 31.(금) 접수 기간", "청년포털 누리집 온라인 접수 및 서류 제출"),
            ("2025. 2. 3.(월) ~ 2. 14.(금) 서류 심사", "자격 요건 및 소득 기준 확인 심사 진행"),
            ("2025. 2. 17.(월) ~ 2. 21.(금) 면접 심사", "외부 전문가 면접 심사위원회 운영 예정"),
            ("2025. 2. 28.(금) 최종 합격자 발표 예정", "시 누리집 공고 및 개별 문자 통보 예정"),
            ("2025. 3. 4.(화) ~ 12. 31.(수) 지원금 지급", "매월 20일 청년 본인 계좌로 지원금 입금")]

    def draw(c: canvas.Canvas) -> None:
        c.drawString(50, 780, "□ 추진 일정")
        for i, (k, v) in enumerate(rows):
            c.drawString(60, 760 - 16 * i, k)
            c.drawString(300, 760 - 16 * i, v)
        c.drawString(50, 660, "□ 행정 사항")

    lines = read_pdf("notice.pdf", _page(draw))[0][0].splitlines()
    assert lines == ["□ 추진 일정", *[f"{k} {v}" for k, v in rows], "□ 행정 사항"]


def test_columns_of_items_on_one_grid_of_baselines_are_still_columns():
    """Two columns set with the same leading, drawn line by line across the page: every line has a partner on
    its baseline, as in a table, but each column opens its items where the other goes on with a wrapped line."""
    left = ["□ 촘촘한 복지안전망 구축", "ㅇ 위기가구 발굴 시스템을 고도화하여 복지사각지대", "위기가구 12,480가구를 발굴하고 긴급지원",
            "ㅇ 충북형 긴급복지 지원기준을 기준중위소득 75%에서", "85%로 완화하여 지원 대상 1,900가구 확대",
            "- 생계지원 월 71만원(1인가구 기준), 최대 6개월"]
    right = ["ㅇ 소아 야간·휴일 진료기관(달빛어린이병원) 3개소를", "추가 지정하여 도내 총 5개소 운영",
             "ㅇ 응급의료 취약지 4개 군(보은·옥천·영동·단양)에", "닥터헬기 출동 지원체계 구축 및 운영 지원",
             "□ 어르신 돌봄 강화", "ㅇ 노인일자리 참여자 39,870명으로 전년 대비 증가"]

    def draw(c: canvas.Canvas) -> None:
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            c.drawString(50, 750 - 14 * i, a)
            c.drawString(310, 750 - 14 * i, b)

    assert read_pdf("plan.pdf", _page(draw))[0][0].splitlines() == [*left, *right]
