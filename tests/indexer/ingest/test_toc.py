from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest.toc import find_toc, normalize_entry, page_ref_count

BODY = ["Ⅰ. 2021년 평가", "□ 성과", "ㅇ 말뭉치 구축", "Ⅱ. 2022년 정책방향", "□ 여건"]


def test_titled_toc_with_dot_leaders():
    lines = ["2022년 업무계획", "2022. 1.", "[ 목 차 ]", "Ⅰ. 2021년 평가 ········· 1",
             "Ⅱ. 2022년 정책방향 ········ 4", " 1. 언어자원 ······ 6", "", "- 1 -", *BODY]
    assert find_toc(lines) == range(2, 6)


def test_titled_toc_in_box_with_tabs_stops_at_repeated_heading():
    lines = ["|  | 순    서 |  |", "| --- | --- | --- |", "", "Ⅰ. 개요\t翌ȃ\t 1",
             "Ⅱ. 추진계획\tㆬȃ\t 2", "     ① 서비스 혁신", "[IMAGE]", "", "| Ⅰ. 개 요 |", "| --- |", "□ 추진 배경"]
    r = find_toc(lines)
    assert r is not None and r.start == 0 and r.stop == 6


def test_inline_toc_in_one_cell():
    lines = ["", "| [ 목    차 ] Ⅰ. 평가 氘ă  1 Ⅱ. 방향  4 Ⅲ. 계획  6 |", "| --- |", "", *BODY]
    assert find_toc(lines) == range(1, 3)


def test_untitled_page_referenced_run():
    lines = ["업무계획", "Ⅰ. 평가 ······ 1", "Ⅱ. 방향 ······ 4", "Ⅲ. 계획 ······ 6", "", *BODY]
    r = find_toc(lines)
    assert r is not None and r.start == 1 and r.stop >= 4 and "□ 성과" not in [lines[i] for i in r]


def test_untitled_recurring_headings():
    lines = ["계획", "1. 추진 배경", "2. 추진 과제", "3. 추진 체계", "", "1. 추진 배경", "○ 내용", "2. 추진 과제",
             "○ 내용", "3. 추진 체계", "○ 내용"]
    assert find_toc(lines) == range(1, 4)


def test_sub_headings_every_project_repeats_are_no_toc():
    """A budget explanation repeats ``1) 사업목적`` / ``2) 예산 현황`` per project: the first project's
    run recurs, but its ``ㅇ`` line is its own content (it was dropped as a TOC)."""
    project = ["1) 사업목적", "ㅇ {} 농가에 장비를 보급하여 생산성 향상", "2) 예산 현황 (단위: 백만원)", "| 구분 | 2024년 |", "|---|---|",
               "| {} | 100 |"]
    lines = ["2024년도 예산 사업설명자료", "1. 스마트팜 확산"] + [x.format("시설원예") for x in project]
    lines += ["2. 농촌 빈집 정비"] + [x.format("빈집") for x in project]
    assert find_toc(lines) is None


def test_a_sub_entry_that_comes_back_under_another_bullet_keeps_the_toc():
    lines = ["2025년 국토교통 업무계획", "Ⅰ. 2024년 주요 성과", "Ⅱ. 2025년 추진 여건", "Ⅲ. 정책 목표 및 추진 전략", "- 비전 및 목표 체계",
             "Ⅳ. 핵심 추진 과제", "Ⅰ. 2024년 주요 성과", "□ 주택 공급 확대", "ㅇ 공공주택 10만호 공급", "Ⅱ. 2025년 추진 여건",
             "ㅇ 고금리 지속", "Ⅲ. 정책 목표 및 추진 전략", "□ 비전 및 목표 체계", "ㅇ 국민이 행복한 국토", "Ⅳ. 핵심 추진 과제", "ㅇ 교통망 확충"]
    assert find_toc(lines) == range(1, 6)


def test_a_boxed_toc_ends_where_the_body_repeats_an_entry_in_a_title_box():
    # ``Ⅰ. 2024년 주요 성과 ······ 1`` in the contents, ``| Ⅰ | 2024년 주요 성과 |`` (read as ``Ⅰ 2024년 …``) in the body
    lines = ["2025년 업무보고", "순 서", "Ⅰ. 2024년 주요 성과 ······ 1", "Ⅱ. 2025년 핵심 추진과제 ······ 3", "Ⅰ 2024년 주요 성과",
             "□ 생계급여 선정기준 상향", "ㅇ 수급자 4만 명 증가", "Ⅱ 2025년 핵심 추진과제", "과제 1 두터운 약자복지"]
    assert find_toc(lines) == range(1, 4)


def test_a_toc_ends_where_the_body_numbers_its_first_entry_otherwise():
    # listed as ``Ⅰ.``, numbered ``1.`` by the body's outline style: the body's first headings are no entries
    lines = ["2026년 시행계획", "목 차", "Ⅰ. 추진 배경 ········ 1", "Ⅱ. 비전 및 목표 ········ 3", "Ⅲ. 추진과제 ········ 4",
             "1. 추진 배경", "가. 수립 근거", "ㅇ 「지역균형발전 특별법」 제21조에 따른 연도별 시행계획"]
    assert find_toc(lines) == range(1, 5)
    # a sub-entry worded as its chapter, with its own page, is an entry all the same
    same = ["목 차", "Ⅰ. 사업 개요 ···· 1", "1. 사업 개요 ···· 2", "2. 추진 경과 ···· 3", "Ⅰ. 사업 개요", "1. 사업 개요", "ㅇ 사업기간 : 2026년"]
    assert find_toc(same) == range(0, 4)


def test_a_contents_page_never_runs_into_the_bodys_circle_bullets():
    # the body's first heading is worded unlike its entry, so no repeat ends the contents: the ㅇ line does
    lines = ["순 서", "Ⅰ. 성과 ······ 1", "Ⅱ. 과제 ······ 3", "□ 생계급여 선정기준 상향", "ㅇ 수급자 4만 명 증가", "□ 의료급여 개선"]
    r = find_toc(lines)
    assert r is not None and "ㅇ 수급자 4만 명 증가" not in [lines[i] for i in r]


def test_no_toc_in_plain_body():
    assert find_toc(BODY) is None
    assert find_toc(["보도자료", "정부는 오늘 발표하였다.", "□ 주요 내용"]) is None


def test_helpers():
    assert page_ref_count("Ⅰ. 평가 ····· 1 Ⅱ. 방향  4") == 2
    assert normalize_entry("| Ⅰ. 개 요 |") == normalize_entry("Ⅰ. 개요\t翌ȃ\t 1") == "Ⅰ개요"


@given(st.lists(st.text(max_size=30), max_size=30))
def test_range_is_within_lines(lines):
    r = find_toc(lines)
    if r is not None:
        assert 0 <= r.start < r.stop <= len(lines)


def test_entries_with_one_space_before_the_page_and_run_together_lines():
    lines = [
        "2022년 업무계획 2022. 1.",
        "[ 목 차 ]",
        "Ⅰ. 2021년 평가 1",
        "Ⅱ. 2022년 정책방향 4",
        "1. 핵심성과 과제 17 1-1. 국민의 국어능력 진단 체계 개발 17 1-2. 국어사전 개편 18",
        "【별첨】일반현황 31",
        "Ⅰ. 2021년 평가",
        "□ 지속적 국어 말뭉치 구축",
    ]
    assert find_toc(lines) == range(1, 6)


def test_a_title_glued_to_the_cover_line_needs_page_references():
    toc = ["디지털 정부혁신 추진계획", "관계부처 합동 순 서", "Ⅰ. 개요 1", "Ⅱ. 추진계획 2", "Ⅲ. 추진체계 및 일정 4", "Ⅰ. 개 요", "□ 추진 배경"]
    assert find_toc(toc) == range(2, 5)
    body = ["민원 처리 순서", "1. 접수", "2. 검토", "3. 회신", "○ 접수는 온라인으로 한다"]
    assert find_toc(body) is None  # a heading that ends in 순서, items without page numbers: body


def test_short_numbered_body_lines_are_not_an_untitled_toc():
    body = ["□ 평가 개요", "가. 대상 기관 47", "나. 평가 항목 12", "다. 평가 주기 3", "라. 평가 인력 2", "○ 평가는 매년 시행한다"]
    assert find_toc(body) is None


_PIECES = ["[ 목 차 ]", "관계부처 합동 순 서", "Ⅰ. 개요 1", "Ⅰ. 개 요", "1. 추진과제 17 1-1. 세부과제 17", "가. 대상 기관 47",
           "【별첨】일반현황 31", "1. 언어자원 ······ 6", "□ 추진 배경", "ㅇ 말뭉치 구축", "본문 문장입니다.", "- 3 -", ""]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_find_toc_never_fails_on_entry_like_lines(lines):
    r = find_toc(lines)
    assert r is None or 0 <= r.start < r.stop <= len(lines)


def test_an_entry_number_before_the_leaders_is_the_entrys_own():
    assert normalize_entry("□ 과제 1 ······ 5") != normalize_entry("□ 과제 2 ······ 9")
    assert normalize_entry("Ⅰ. 개요 1") == normalize_entry("Ⅰ. 개요")  # one space, then the page


def test_a_run_whose_first_line_never_comes_back_is_the_body():
    """A performance plan's first task (``관리과제 Ⅰ-1-①``) over ``(1) 개요`` / ``□ 추진배경``, which every task
    repeats: two of three lines recur, but a contents page's first entry is the body's first heading and recurs too."""
    lines = ["2025년도 성과계획서", "제2부 성과계획", "관리과제 Ⅰ-1-①. 수입식품 통관단계 검사 고도화", "(1) 개요", "□ 추진배경",
             "ㅇ 수입식품 신고건수는 ’20년 75만 건에서 ’23년 82만 건으로 증가", "관리과제 Ⅰ-1-②. 해외 제조업소 현지실사 강화",
             "(1) 개요", "□ 추진배경", "ㅇ 해외 제조업소 11만 개소 중 현지실사는 연 500여 개소에 불과"]
    assert find_toc(lines) is None


def test_a_contents_title_with_a_word_before_it_needs_page_references():
    lines = ["2025년 주요업무 보고", "2025. 2. 11.", "보 고 순 서", "Ⅰ. 일반현황 ········ 1", "Ⅱ. 추진실적 ········ 3",
             "Ⅲ. 추진계획 ········ 7", "Ⅰ. 일반현황", "□ 조직", "Ⅱ. 추진실적", "□ 성과"]
    assert find_toc(lines) == range(2, 6)
    # Without page references, a heading ending in 순서 is a heading over its list.
    steps = ["계획", "추진순서", "1. 실태 조사", "2. 계획 수립", "3. 시범 운영", "ㅇ 2025년 하반기 시행"]
    assert find_toc(steps) is None


def test_a_contents_title_with_a_word_before_it_over_the_bodys_headings():
    """No page references, but the entries are the body's headings from its first on: a contents page, its title
    with it (``보고 순서`` once stood as a passage of its own)."""
    lines = ["2025년도 업무보고", "2025. 10. 16.", "한국어촌어항진흥공단", "보고 순서", "Ⅰ. 일반현황", "Ⅱ. 주요 업무 추진실적",
             "Ⅲ. 현안 및 대응", "Ⅰ. 일반현황", "1. 설립 목적", "Ⅱ. 주요 업무 추진실적", "1. 어촌신활력", "Ⅲ. 현안 및 대응"]
    assert find_toc(lines) == range(3, 7)
    glued = ["2025년도 업무보고", "한국어촌어항진흥공단 보고 순서", *lines[4:]]
    assert find_toc(glued) == range(2, 5)  # the cover line it was run into stays
    # A step list under a heading ending in 순서 whose steps never come back is still the body.
    steps = ["2025년 계획", "처리 순서", "1. 접수", "2. 검토", "3. 회신", "○ 접수는 온라인으로 한다"]
    assert find_toc(steps) is None


def test_a_contents_page_typed_as_a_table_ends_with_it():
    """``차 례`` over ``| 제1장 | 서론 | 1 |`` rows: the table is the contents, the body's first headings right under it
    (``Ⅰ. 서론``, ``1. 연구 배경``) are the body's, not more entries."""
    lines = ["농촌 빈집 실태 분석", "차례", "| 제1장 | 서론 | 1 |", "|---|---|---|", "| 제2장 | 농촌 빈집 실태 | 9 |",
             "| 제3장 | 정책 제언 | 31 |", "Ⅰ. 서론", "1. 연구 배경 및 필요성", "□ 농촌 인구는 935만 명으로 줄었음"]
    assert find_toc(lines) == range(1, 6)
    # a page column named in the header is enough (the rows' pages typed a line each in one cell)
    named = ["사업설명서", "목차", "| 구분 | 내 용 | 쪽 |", "|---|---|---|", "| Ⅰ | 부서 예산 총괄 | 1 |", "1. 부서 예산 총괄", "□ 예산 증가"]
    assert find_toc(named) == range(1, 5)
    # a table of figures under a heading ending in 순서 is no contents page
    figures = ["보고 순서", "| 구분 | 2024 | 2025 |", "|---|---|---|", "| 예산 | 3,345 | 3,644 |", "| 인원 | 612 | 603 |"]
    assert find_toc(figures) is None


def test_a_contents_strip_of_chapters_on_one_line_is_dropped():
    """A slide deck's cover strip: ``Ⅰ. 일반현황 Ⅱ. 2025년 주요성과 Ⅲ. …`` (a one-row table read as a line), no title."""
    lines = ["2026년 주요업무계획", "수원시 교통국", "Ⅰ. 일반현황 Ⅱ. 2025년 주요성과 Ⅲ. 비전 및 목표 Ⅳ. 분야별 추진계획 붙임",
             "Ⅰ. 일반현황", "◆ 조직 : 1국 4과 22팀", "Ⅱ. 2025년 주요성과", "▶ 광역철도 공정률 38%"]
    assert find_toc(lines) == range(2, 3)
    # a sentence that lists chapters it never opens is text
    assert find_toc(["보고서", "Ⅰ. 서론 Ⅱ. 본론 Ⅲ. 결론 순으로 구성", "1. 개요", "○ 내용"]) is None
