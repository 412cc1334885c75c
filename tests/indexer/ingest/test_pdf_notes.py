"""Footnotes at a PDF page's foot join the text that marks them."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest.pdf_notes import place_footnotes

BODY = ["가. 가구 수 및 비중", "1인가구는 2023년 기준 782만 가구로 전체의 35.5%를 차지하며, 2015년 대비", "262만 가구 증가하였다¹⁾.",
        "같은 기간 2인가구 비중은 28.8%로 늘었고 수도권 거주 비중은 61.3%로 나타났다2).", "나. 연령대별 분포"]


def test_a_pages_notes_follow_the_sentence_that_marks_them():
    notes = ["1) 통계청(2024), 「2023 인구주택총조사 결과」,", "보도자료.", "2) 국토교통부(2023), 「주거실태조사」."]
    assert place_footnotes([*BODY, *notes, "- 12 -"]) == [
        "가. 가구 수 및 비중", BODY[1], "262만 가구 증가하였다[^1].", "[^1]: 통계청(2024), 「2023 인구주택총조사 결과」, 보도자료.",
        "같은 기간 2인가구 비중은 28.8%로 늘었고 수도권 거주 비중은 61.3%로 나타났다[^2].", "[^2]: 국토교통부(2023), 「주거실태조사」.",
        "나. 연령대별 분포", "- 12 -"]
    # superscript notes at the foot (``¹ 통계청 …``) too
    assert place_footnotes(["전망된다³.", "³ 통계청(2022), 「장래가구추계」."]) == ["전망된다[^3].", "[^3]: 통계청(2022), 「장래가구추계」."]


def test_notes_follow_their_sentence_through_the_readers_line_marks_and_before_a_colophon():
    # The PDF reader ends lines with invisible layout marks (U+2061–2064); a sentence still ends before them, so a
    # note stays with its paragraph instead of sliding down to the table caption under it. A ``※`` disclaimer and a
    # ``발행 :`` line after the run end it and stay where they are.
    lines = ["신고된 환자는 응급실감시체계1)에 따른다.\u2064", "[표 1] 연령대별 현황", "(단위: 명)", "| 구분 | 2024 |",
             "1) 전국 응급실 507곳의 표본감시.", "※ 본 브리프의 내용은 집필자의 의견임", "발행 : 국토기후안전연구원"]
    assert place_footnotes(lines, "\u2061\u2062\u2063\u2064") == [
        "신고된 환자는 응급실감시체계[^1]에 따른다.\u2064", "[^1]: 전국 응급실 507곳의 표본감시.", "[표 1] 연령대별 현황", "(단위: 명)",
        "| 구분 | 2024 |", "※ 본 브리프의 내용은 집필자의 의견임", "발행 : 국토기후안전연구원"]


def test_a_list_at_the_pages_foot_is_no_notes():
    items = ["다. 제출의견 기재사항", "1) 입법예고 사항에 대한 의견", "2) 성명, 주소 및 전화번호"]
    assert place_footnotes(items) == items  # no mark ``…1)`` glued to the text above
    # numbers that do not count up, a note whose mark is missing, a section after the run: left as they are
    assert place_footnotes(["증가하였다1).", "1) 통계청.", "3) 국토부."]) == ["증가하였다1).", "1) 통계청.", "3) 국토부."]
    assert place_footnotes(["증가하였다1).", "1) 통계청.", "2) 국토부."]) == ["증가하였다1).", "1) 통계청.", "2) 국토부."]
    lines = ["증가하였다1).", "1) 통계청 조사.", "3.1 일자리 패키지 지원", "도입할 필요가 있다."]
    assert place_footnotes(lines) == lines


@given(st.lists(st.sampled_from(["1) 통계청.", "2) 국토부.", "증가하였다1).", "- 3 -", "| 구분 | 값 |", "□ 추진 배경", "나타났다2).", ""]),
                max_size=12))
def test_no_text_is_lost_or_invented(lines):
    out = place_footnotes(lines)
    squash = lambda xs: sorted("".join(xs).replace("[^1]: ", "1) ").replace("[^2]: ", "2) ").replace("[^1]", "1)").replace("[^2]", "2)").replace(" ", ""))  # noqa: E731
    assert squash(out) == squash(lines)


def test_a_reports_footnote_joins_its_passage(tmp_path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from indexer.ingest.parsing import parse_file

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont(font, 11)
    y = 780
    for line in ["제2장 1인가구 현황", "1. 전국 1인가구 규모", "1인가구는 2023년 기준 782만 가구로 증가하였다1).",
                 "2. 지역별 분포", "시도별 1인가구 비중은 서울이 가장 높다."]:
        c.drawString(72, y, line)
        y -= 20
    c.setFont(font, 8)
    c.drawString(72, 90, "1) 통계청(2024), 「2023 인구주택총조사 결과」, 보도자료.")
    c.drawString(290, 60, "- 12 -")
    c.save()
    path = tmp_path / "report.pdf"
    path.write_bytes(buf.getvalue())
    doc = parse_file(path)
    noted = next(p for p in doc.passages if "782만" in p.text)
    assert noted.text == "1인가구는 2023년 기준 782만 가구로 증가하였다[^1].\n[^1]: 통계청(2024), 「2023 인구주택총조사 결과」, 보도자료."
    assert noted.section == ("제2장 1인가구 현황", "1. 전국 1인가구 규모")  # not the section the page ends in
    assert doc.doc_type == "report"  # the note's 보도자료 is a source, not this document's kind
    assert not any(p.text.startswith("1) 통계청") for p in doc.passages)


def test_a_note_marked_in_a_table_goes_under_the_table_and_a_dates_figure_is_no_mark():
    lines = ["1. 사업 개요", "| 구분 | 예산 | 비고 |", "|---|---|---|", "| 국비1) | 100 | 계속 |", "| 지방비 | 50 | 신규 |", "1) 일반회계 기준."]
    assert place_footnotes(lines) == [*lines[:3], "| 국비[^1] | 100 | 계속 |", "| 지방비 | 50 | 신규 |", "[^1]: 일반회계 기준."]
    dated = ["□ 청년 주거 지원 제도 개편(’24.1)", "○ 지원 인원은 전년 대비 30% 증가하였다1).", "1) 국토교통부 내부 자료(2024)."]
    assert place_footnotes(dated) == [dated[0], "○ 지원 인원은 전년 대비 30% 증가하였다[^1].", "[^1]: 국토교통부 내부 자료(2024)."]
