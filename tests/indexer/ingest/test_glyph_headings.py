"""Diamond and arrow bullets (◆ ◇ ▶ ▷) that head a block of items are section headings, by the document's order."""

from __future__ import annotations

from indexer.ingest.parsing import parse_text

PLAN = """2025년 재난안전관리 업무계획
◆ 추진 방향
◇ 예측 중심의 선제적 재난관리 체계로 전환
◇ 기후위기에 따른 극한기상 대응 역량 강화
Ⅰ. 2024년 성과
▶ 재난안전통신망 활용 확대
○ 재난안전통신망 이용기관 344개 → 376개 확대
○ 현장 통신 연계 훈련 42회 실시
▶ 인명피해 우려지역 통제 강화
○ 우려지역 2,267개소 지정
Ⅱ. 2025년 중점 추진과제
◆ 극한호우 대응 체계 고도화
▷ 도시침수 예측 정보 제공 확대
○ 침수 위험지도 작성 대상 도시 30개 → 54개 확대
- 7개 도시 시범 적용
▷ 지하차도 진입 차단 설비 의무화
○ 자동 진입차단시설 설치 대상 확대
"""


def _by_text(text: str) -> dict:
    return {p.text: p for p in parse_text(text, doc_id="plan").passages}


def test_a_diamond_or_arrow_over_items_heads_them():
    by = _by_text(PLAN)
    assert by["▶ 재난안전통신망 활용 확대"].kind == "heading"
    assert by["○ 현장 통신 연계 훈련 42회 실시"].section == ("Ⅰ. 2024년 성과", "▶ 재난안전통신망 활용 확대")
    assert by["○ 우려지역 2,267개소 지정"].section == ("Ⅰ. 2024년 성과", "▶ 인명피해 우려지역 통제 강화")
    # ◆ over ▷ over ○: each glyph a level of its own, in the order the document uses them
    flood = ("Ⅱ. 2025년 중점 추진과제", "◆ 극한호우 대응 체계 고도화", "▷ 도시침수 예측 정보 제공 확대")
    assert by["○ 침수 위험지도 작성 대상 도시 30개 → 54개 확대"].section == flood
    assert by["- 7개 도시 시범 적용"].section == flood
    assert by["○ 자동 진입차단시설 설치 대상 확대"].section == (*flood[:2], "▷ 지하차도 진입 차단 설비 의무화")
    # ◆ over ◇: the solid and the hollow glyph are two levels
    assert by["◇ 기후위기에 따른 극한기상 대응 역량 강화"].section == ("◆ 추진 방향",)


def test_a_glyph_heading_before_the_first_chapter_does_not_hold_the_chapters():
    by = _by_text(PLAN)
    assert by["Ⅰ. 2024년 성과"].section == ()
    assert by["Ⅱ. 2025년 중점 추진과제"].section == ()


def test_a_diamond_as_the_lowest_bullet_stays_an_item():
    text = """□ 재난관리 체계 전환
○ 예측 중심의 선제적 재난관리
◆ 위험지도 고도화
◆ 예측 모델 시범 적용
○ 생활안전 서비스 확대
◇ 안전신문고 처리 단축
"""
    by = _by_text(text)
    for line in ("◆ 위험지도 고도화", "◆ 예측 모델 시범 적용", "◇ 안전신문고 처리 단축"):
        assert by[line].kind == "goal" and by[line].section == ("□ 재난관리 체계 전환",)
    assert by["◆ 위험지도 고도화"].parent_id == by["○ 예측 중심의 선제적 재난관리"].id
    assert by["○ 생활안전 서비스 확대"].section == ("□ 재난관리 체계 전환",)


def test_a_remark_that_ends_a_list_belongs_to_the_section_not_its_last_item():
    text = """Ⅰ. 2024년 성과
□ 통합문화이용권 지원
○ 지원금 1인당 13만원 → 14만원 인상
○ 이용 가맹점 1,200개소 → 1,500개소 확대
※ 전년도 미사용 잔액은 이월되지 않음
□ 국어사전 개편
○ 표준국어대사전* 전면 개정 착수
* 현재 표준국어대사전은 90년 이전 자료를 기반
○ 우리말샘 신어 등재 확대
※ 신어 2,000개 등재(’24년 기준)
Ⅱ. 2025년 계획
"""
    by = _by_text(text)
    remark = by["※ 전년도 미사용 잔액은 이월되지 않음"]
    assert remark.kind == "paragraph" and remark.section == ("Ⅰ. 2024년 성과", "□ 통합문화이용권 지원")
    assert "○ 이용 가맹점 1,200개소 → 1,500개소 확대" in by
    # a footnote to its item's mark keeps joining it, wherever it stands
    assert "○ 표준국어대사전* 전면 개정 착수\n* 현재 표준국어대사전은 90년 이전 자료를 기반" in by
    assert by["※ 신어 2,000개 등재(’24년 기준)"].section == ("Ⅰ. 2024년 성과", "□ 국어사전 개편")


def test_a_remark_under_a_single_item_joins_it():
    by = _by_text("□ 국어사전 개편\n○ 우리말샘 신어 등재 확대\n※ 신어 2,000개 등재(’24년 기준)\n□ 다음 과제\n")
    assert "○ 우리말샘 신어 등재 확대\n※ 신어 2,000개 등재(’24년 기준)" in by
    # … and so does one inside a list, before the next item
    by = _by_text("□ 국어사전 개편\n○ 신어 등재 확대\n※ 2,000개 등재(’24년 기준)\n○ 방언 조사\n□ 다음 과제\n")
    assert "○ 신어 등재 확대\n※ 2,000개 등재(’24년 기준)" in by


def test_a_glyph_line_stating_a_result_heads_nothing():
    text = "과제 1. 스마트 항만 경쟁력 강화\n◈ 완전자동화 항만 : 광양항 테스트베드 ’25. 12. 준공\n▶ 친환경 선박 24척 건조 지원\n▶ 해운 공급망 안정 펀드 조성\n"
    by = _by_text(text)
    assert by["◈ 완전자동화 항만 : 광양항 테스트베드 ’25. 12. 준공"].kind == "goal"
    assert by["▶ 친환경 선박 24척 건조 지원"].section == ("과제 1. 스마트 항만 경쟁력 강화",)
