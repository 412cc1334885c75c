"""A short title in a box (a one-cell table) heads what follows it; a box of a title and bullets holds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.ingest.parsing import parse_file

BEFORE = "정부는 청년 월세 지원을 상시 제도로 바꾸는 방안을 검토하고 있다."


def _hwpx(path: Path, blocks: list) -> Path:
    """``blocks``: a paragraph's text, or a table as rows of cells (a cell's lines are its paragraphs)."""
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the fixture")
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    for block in blocks:
        if isinstance(block, str):
            doc.add_paragraph(block)
            continue
        table = doc.add_table(len(block), max(map(len, block)))
        for r, row in enumerate(block):
            for c, cell in enumerate(row):
                table.set_cell_text(r, c, cell, split_paragraphs=True)
    doc.save_to_path(path)
    return path


def _by_text(doc) -> dict:
    return {p.text: p for p in doc.passages}


def test_a_boxed_title_is_a_heading_of_what_follows_never_glued_to_the_text_before(tmp_path: Path):
    doc = parse_file(_hwpx(tmp_path / "box.hwpx", [
        "2025년 청년 주거 지원 계획",
        [["Ⅰ", "추진 배경"]],
        "□ 청년 1인 가구의 주거비 부담이 커지고 있음",
        BEFORE,
        [["핵심 요약"]],
        "□ 월세 지원 대상을 중위소득 80%까지 넓힘",
        "ㅇ 약 18만 가구가 추가로 지원을 받을 것으로 추산됨",
        [["【 핵심 메시지 】"]],
        "□ 주거 정책의 기준 가구를 1인 가구까지 포괄하도록 재설계",
        "ㅇ 공급과 지원 수단을 연령대별 수요에 맞게 조정함",
        [["Ⅱ", "추진 과제"]],
        "□ 청년 월세 지원 상시화",
    ]))
    got = _by_text(doc)
    assert BEFORE in got  # the title is not glued to the paragraph before its box
    assert got["핵심 요약"].kind == "heading" and got["핵심 요약"].section == ("Ⅰ 추진 배경",)
    # the box title sits above the □ items under it, beside the □ heading that came before it
    assert got["□ 월세 지원 대상을 중위소득 80%까지 넓힘"].section == ("Ⅰ 추진 배경", "핵심 요약")
    assert got["ㅇ 약 18만 가구가 추가로 지원을 받을 것으로 추산됨"].section[:2] == ("Ⅰ 추진 배경", "핵심 요약")
    assert got["【 핵심 메시지 】"].section == ("Ⅰ 추진 배경",)
    assert got["ㅇ 공급과 지원 수단을 연령대별 수요에 맞게 조정함"].section[:2] == ("Ⅰ 추진 배경", "【 핵심 메시지 】")
    assert got["□ 청년 월세 지원 상시화"].section == ("Ⅱ 추진 과제",)


def test_a_box_of_a_title_and_bullets_holds_its_bullets_and_nothing_after_it(tmp_path: Path):
    doc = parse_file(_hwpx(tmp_path / "box.hwpx", [
        "2025년 청년 주거 지원 계획",
        [["Ⅰ", "추진 배경"]],
        BEFORE,
        [["주요 내용\n□ 소형 임대주택 공급 확대\nㅇ 도심 노후 건축물을 공공임대로 전환\nㅇ 공유주택 모델 도입"]],
        "1인 가구의 증가는 일시적 현상이 아니라 구조적 변화이다.",
    ]))
    got = _by_text(doc)
    assert BEFORE in got
    assert got["주요 내용"].kind == "heading" and got["주요 내용"].section == ("Ⅰ 추진 배경",)
    assert got["ㅇ 공유주택 모델 도입"].section[:2] == ("Ⅰ 추진 배경", "주요 내용")
    # the text after the box is not the box's
    assert got["1인 가구의 증가는 일시적 현상이 아니라 구조적 변화이다."].section == ("Ⅰ 추진 배경",)


def test_a_box_of_prose_or_of_short_labels_is_no_title(tmp_path: Path):
    doc = parse_file(_hwpx(tmp_path / "box.hwpx", [
        "2025년 청년 주거 지원 계획",
        [["Ⅰ", "추진 배경"]],
        BEFORE,
        [["안내 사항\n월세 지원의 수혜율은 신청 대상의 34% 수준이었다."]],
        [["편리한\n맞춤형 서비스"]],
    ]))
    assert not [p for p in doc.passages if p.kind == "heading" and p.text in ("안내 사항", "편리한")]


def test_a_pdf_box_title_is_a_heading_never_glued_to_the_paragraph_above(tmp_path: Path):
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = "HYSMyeongJo-Medium"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=16)
    body = ("청년 월세 지원을 상시 제도로 전환하고 주거급여와의 연계를 강화해야 한다. 재정 소요는 연간 약 2,100억원으로 "
            "추정되며, 기존 한시 사업 예산을 흡수하면 순증 부담은 크지 않다.")
    bullets = ["ㅇ 1인 가구는 전체 가구의 35.5%로 가장 보편적인 가구 형태가 됨", "ㅇ 청년 1인 가구의 월세 거주 비율은 58.3%로 가장 높음"]
    box = Table([[[Paragraph("핵심 요약", style), *(Paragraph(b, style) for b in bullets)]]], colWidths=[400])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black)]))
    story = [Paragraph("4. 정책 제언", style), Paragraph(body, style), Spacer(1, 6), box,
             Paragraph("5. 결론", style), Paragraph("1인 가구의 증가는 구조적 변화이다.", style)]
    path = tmp_path / "brief.pdf"
    SimpleDocTemplate(str(path)).build(story)
    got = _by_text(parse_file(path))
    assert body in got
    assert got["핵심 요약"].kind == "heading" and got["핵심 요약"].section == ("4. 정책 제언",)
    assert got[bullets[1]].section == ("4. 정책 제언", "핵심 요약")
    assert got["1인 가구의 증가는 구조적 변화이다."].section == ("5. 결론",)


def test_a_slogan_alone_in_its_box_heads_nothing(tmp_path: Path):
    doc = parse_file(_hwpx(tmp_path / "slogan.hwpx", [
        "2025년 복지 업무계획", "Ⅰ. 비전 및 목표", [["사람 중심 행복 도시"]], "□ 3대 목표", "ㅇ 돌봄 사각지대 해소",
    ]))
    got = _by_text(doc)
    assert got["사람 중심 행복 도시"].section == ("Ⅰ. 비전 및 목표",)  # apart from the text before it …
    assert got["□ 3대 목표"].section == ("Ⅰ. 비전 및 목표",)  # … and over nothing
    from indexer.ingest.markdown_tables import box_title

    assert not box_title(["(단위: 억원)", "1) 국비 120"])  # a unit note over a list is no title
