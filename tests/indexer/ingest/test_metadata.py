"""Metadata from the cover: title, date, issuer and document type."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest.metadata import DOC_TYPES, cover_lines, doc_type_of, extract_metadata, find_date, is_cover_byline
from indexer.ingest.parsing import parse_file, parse_text
from indexer.store import DocumentInfo

ROOT = Path(__file__).resolve().parents[3]


def test_dates():
    assert find_date("2022. 1.") == "2022-01"
    assert find_date("2019. 10. 29.") == "2019-10-29"
    assert find_date("2025.3.5.") == "2025-03-05"
    assert find_date("2025. 3. 14.(금) 11:00") == "2025-03-14"
    assert find_date("2021년 12월 현재") == "2021-12"
    assert find_date("2022년 국립국어원 업무계획") is None
    assert find_date("2022. 13.") is None


def test_work_plan_cover():
    m = extract_metadata(["", "|  |", "| --- |", "| 2022년 국립국어원 업무계획 |", "", "2022. 1. ", "[IMAGE]"])
    assert (m.title, m.date, m.issuer, m.doc_type) == ("2022년 국립국어원 업무계획", "2022-01", "국립국어원", "work-plan")


def test_joint_plan_cover():
    m = extract_metadata(["[IMAGE]", "디지털 정부혁신 추진계획", "2019. 10. 29.", "| [IMAGE] | 관계부처 합동 |"])
    assert (m.title, m.date, m.issuer, m.doc_type) == ("디지털 정부혁신 추진계획", "2019-10-29", "관계부처 합동", "plan")


def test_two_line_title():
    m = extract_metadata(["2023년 행정안전부", "주요업무 추진계획", "2023. 2.", "행정안전부"])
    assert m.title == "2023년 행정안전부 주요업무 추진계획"
    assert m.issuer == "행정안전부"


def test_a_running_header_over_the_first_pages_own_title_is_no_part_of_it():
    head = ["2025년 업무계획 해양수산부 어촌어항정책과", "- 1 -", "2025년 어촌어항정책 업무계획", "2025. 1. 15. 해양수산부 어촌어항정책과",
            "Ⅰ. 2024년 추진성과", "□ 어촌신활력증진사업 본격 착수"]
    m = extract_metadata(head, running=frozenset({"2025년 업무계획 해양수산부 어촌어항정책과"}))
    assert (m.title, m.date, m.issuer) == ("2025년 어촌어항정책 업무계획", "2025-01-15", "해양수산부")
    # the date beside the issuing body is no part of the title either, header or not
    assert extract_metadata(head[2:]).title == "2025년 어촌어항정책 업무계획"
    # a first page that opens on its text (a budget explanation's project) keeps the header as its title
    budget = ["2025년도 예산안 사업설명자료", "(1) 인공지능 반도체 실증 지원", "1. 사업 개요", "가. 사업목적"]
    assert extract_metadata(budget, running=frozenset({budget[0]})).title == "2025년도 예산안 사업설명자료"
    # nor is one that names its issuer in parentheses over the cover's title (a 성과보고서's every page)
    report = ["2024회계연도 성과보고서(고용노동부)", "2024회계연도 성과보고서", "2025. 4.", "고용노동부", "제2부 2024년도 성과목표 달성 실적"]
    m = extract_metadata(report, running=frozenset({report[0]}))
    assert (m.title, m.doc_type, m.issuer) == ("2024회계연도 성과보고서", "report", "고용노동부")


def test_press_release():
    lines = ["| [IMAGE] | 보도자료 | [IMAGE] |", "| --- | --- | --- |", "",
             "| ‘24년 해외직접투자는 639.5억 달러로 1.8% 감소 |", "| --- |",
             "| 보도시점 | 2025. 3. 14.(금) 11:00 | 배포 | 2025. 3. 13.(목) 08:00 |", "", " 본문이다.",
             "| 담당 부서 | 대외경제국 | 책임자 | 과  장 |", "| --- | --- | --- | --- |", "|  | 국제경제과 | 담당자 | 사무관 |"]
    m = extract_metadata(lines)
    assert m.title == "‘24년 해외직접투자는 639.5억 달러로 1.8% 감소"
    assert (m.date, m.doc_type) == ("2025-03-14", "press-release")
    assert m.issuer == m.department == "대외경제국 국제경제과"


def test_bill():
    lines = ["국어기본법 일부개정법률안", "(홍길동의원 대표발의)", "의 안 번 호 | 2100001", "발의연월일 : 2020. 6. 1.",
             "제안이유 및 주요내용", "공공기관의 공문서를 쉽게 쓰도록 한다."]
    m = extract_metadata(lines)
    assert (m.title, m.date, m.doc_type) == ("국어기본법 일부개정법률안", "2020-06-01", "bill")


def test_law():
    lines = ["대한민국헌법", "[시행 1988. 2. 25.] [헌법 제10호, 1987. 10. 29., 전부개정]", "전문", "제1장 총강",
             "제1조 ① 대한민국은 민주공화국이다.", "제2조 ① 대한민국의 국민이 되는 요건은 법률로 정한다."]
    m = extract_metadata(lines)
    assert (m.title, m.doc_type) == ("대한민국헌법", "law")


def test_doc_type_cues():
    assert doc_type_of("2024년 업무보고", [], "") == "work-report"
    assert doc_type_of("2025년도 예산안 사업설명자료", [], "") == "budget"
    # a budget book (성인지 예산서, 세입·세출 예산서) and a fund's operation plan are budgets, not plans
    assert doc_type_of("2026년도 성인지예산서", [], "") == doc_type_of("2026년도 연안어촌활력기금 운용계획안 개요", [], "") == "budget"
    assert doc_type_of("차세대 시스템 구축 제안요청서", ["차세대 시스템 구축 제안요청서"], "") == "rfp"
    assert doc_type_of("2024년 지원사업 공고", [], "") == "notice"
    assert doc_type_of("2021~2025 중기지방재정계획", [], "") == "plan"
    assert doc_type_of("연구 결과", [], "") == "report"
    # an audit's 처분요구서 is a report, though its findings are laid out as a plan's bullets
    audit = "충청북도 감사위원회\n2025년 영동군 종합감사 결과 처분요구서\n2025. 7. 14.\nⅠ. 감사 개요\n□ 감사 기간\n○ 2025. 5. 12.~5. 23.\n□ 처분요구\n○ 시정 2건"
    assert parse_text(audit).doc_type == "report"
    # A research institute's brief proposing 방안 is a report; a ministry's 방안 stays a plan.
    cover = ["국토정책 Brief", "지방소멸 대응을 위한 생활인구 기반 정책 전환 방안"]
    assert doc_type_of("지방소멸 대응을 위한 생활인구 기반 정책 전환 방안", cover, "") == "report"
    assert doc_type_of("생활서비스 공급체계 개선 방안", ["생활서비스 공급체계 개선 방안", "국토연구원"], "") == "report"
    assert doc_type_of("청년 일자리 지원 방안", ["청년 일자리 지원 방안", "고용노동부"], "") == "plan"


@given(st.lists(st.text(max_size=40), max_size=20))
def test_never_crashes(lines):
    m = extract_metadata(lines)
    assert m.doc_type in DOC_TYPES
    assert m.date is None or len(m.date) in (4, 7, 10)


# ---- parsing: the Document's title, type, date and issuer ---------------------------



def test_parsed_plan_keeps_its_scraped_title_and_type():
    doc = parse_file(ROOT / "corpus" / "incheon-midterm-plan-2021-general-admin.txt")
    assert (doc.title, doc.doc_type, doc.date, doc.issuer) == ("중기지방재정계획 · 일반공공행정 분야", "plan", None, None)


def test_parsed_bill_is_named_by_its_name_not_its_number():
    doc = parse_file(ROOT / "tests" / "data" / "bills" / "youth-basic-act-amendment.txt")
    assert (doc.title, doc.doc_type, doc.date) == ("청년기본법 일부개정법률안", "bill", "2021-05-20")


def test_parsed_law_takes_its_first_line():
    text = "대한민국헌법\n[시행 1988. 2. 25.] [헌법 제10호, 1987. 10. 29., 전부개정]\n제1장 총강\n" + "".join(
        f"제{i}조 ① 대한민국은 민주공화국이다.\n" for i in range(1, 4)
    )
    doc = parse_text(text, doc_id="constitution")
    assert (doc.title, doc.doc_type) == ("대한민국헌법", "law")


@pytest.mark.parametrize("cover, title, issuer", [
    (["2024년도 행정사무감사 지적사항 처리결과 보고", "수원시 도시정책실", "2025. 1. 20."], "2024년도 행정사무감사 지적사항 처리결과 보고", "수원시 도시정책실"),
    (["2025년 재난안전관리 업무계획", "행정안전부 재난안전관리본부", "2025. 2. 14."], "2025년 재난안전관리 업무계획", "행정안전부"),
    (["수성구 행정기구 및 정원 조정 계획(안)", "2025. 4.", "대구광역시 수성구 기획예산실 조직관리팀"], "수성구 행정기구 및 정원 조정 계획(안)",
     "대구광역시 수성구 기획예산실 조직관리팀"),
    (["2023년 행정안전부", "주요업무 추진계획", "2023. 2."], "2023년 행정안전부 주요업무 추진계획", "행정안전부"),  # a title over two lines
    (["2025년 주요업무계획", "문화체육관광국", "Ⅰ. 일반현황"], "2025년 주요업무계획", "문화체육관광국"),  # an office alone issues it
])
def test_the_issuing_body_under_the_title_is_no_part_of_it(cover, title, issuer):
    m = extract_metadata(cover)
    assert (m.title, m.issuer) == (title, issuer)


def test_a_running_header_that_is_only_the_title_stays_the_title():
    head = ["2025년 주요업무계획", "시민과 함께 여는 행복도시", "2025. 1.", "수원시", "Ⅰ. 추진 방향"]
    assert extract_metadata(head, running=frozenset({head[0]})).title == "2025년 주요업무계획 시민과 함께 여는 행복도시"
    head = ["2025년 도시재생 추진계획", "시의회 보고자료", "2025. 1.", "Ⅰ. 추진 방향"]
    assert extract_metadata(head, running=frozenset({head[0]})).title.startswith("2025년 도시재생 추진계획")


def test_a_short_title_printed_over_the_title_is_no_part_of_it():
    # a PDF's running header (Hangul's 머리말) that shortens the title, on a first page that has no other page to
    # repeat it on, or printed differently from it: the title is the fuller line, once
    head = ["공공자전거 운영 성과 분석", "청주시 공공자전거 운영 성과 분석", "2025. 3.", "청주시 교통정책과", "1. 분석 개요"]
    assert extract_metadata(head).title == "청주시 공공자전거 운영 성과 분석"
    head = ["2025년 도시안전국 업무보고", "2025년 도시안전국 주요업무 보고", "2025. 2. 12.", "청주시 도시안전국", "1. 일반 현황"]
    assert extract_metadata(head, running=frozenset({head[0]})).title == "2025년 도시안전국 주요업무 보고"
    # a running header that is the whole title, printed over it: the title once
    head = ["2025~2029 원주시 중기지방재정계획", "2025~2029 원주시 중기지방재정계획", "2024. 11.", "원 주 시", "제4장 분야별 투자계획"]
    assert extract_metadata(head).title == "2025~2029 원주시 중기지방재정계획"
    # a title of two lines that share no such restatement is both lines
    head = ["2025년 주요업무계획", "시민과 함께 여는 행복도시", "2025. 1.", "수원시", "Ⅰ. 추진 방향"]
    assert extract_metadata(head).title == "2025년 주요업무계획 시민과 함께 여는 행복도시"
    # a running header that names more than the cover's own title line (its issuer): that fuller form, once, with
    # the cover's subtitle
    head = ["2025년 기상청 업무계획", "2025년 업무계획", "국민 안전을 지키는 촘촘하고 빠른 기상정보", "2025. 1.", "기 상 청"]
    assert extract_metadata(head).title == "2025년 기상청 업무계획 국민 안전을 지키는 촘촘하고 빠른 기상정보"


def test_a_short_title_printed_over_a_title_of_two_lines_is_no_part_of_it():
    # a running header's short form over the cover's title set on two lines: the title is those two lines
    head = ["솔섬 연륙교 건설사업 타당성조사 결과 요약", "지방도 1017호선 솔섬 연륙교 건설사업", "타당성조사 결과 요약 보고", "2026. 3.",
            "경 상 남 도", "Ⅰ. 조사 개요"]
    assert extract_metadata(head).title == "지방도 1017호선 솔섬 연륙교 건설사업 타당성조사 결과 요약 보고"
    # a first line the others do not restate stays (a title with its subtitle)
    head = ["2025년 주요업무계획", "시민과 함께 여는", "행복도시 수원", "2025. 1.", "Ⅰ. 추진 방향"]
    assert extract_metadata(head).title.startswith("2025년 주요업무계획")


def test_a_main_title_over_a_subtitle_of_two_lines_stays():
    # its letters recur in the subtitle in order, but not as one run: a main title, not a running header's short form
    head = ["공공도서관 확충", "공공 문화시설 도서관", "확충 기본계획", "2026. 3.", "서진시", "Ⅰ. 추진 배경"]
    assert extract_metadata(head).title.startswith("공공도서관 확충")
    # a notice or a study that names a 예산서 or a fund plan is no budget
    assert doc_type_of("2025 예산서 작성 매뉴얼 공고", [], "") == "notice"
    assert doc_type_of("기금운용계획 수립 방향 연구", [], "") != "budget"


def test_a_bill_in_a_box_table_with_numbered_reasons_is_a_bill():
    # the 의안번호 box is a table over the title (the cover leaves tables out), ``1. 제안이유`` numbered by its style
    text = "| 의 안 번 호 | 제 812 호 | 제출연월일 : 2026. 1. 20. |\n월송군 청소년 교통비 지원 조례안\n1. 제안이유\n교통비 부담이 큼."
    assert doc_type_of("월송군 청소년 교통비 지원 조례안", ["월송군 청소년 교통비 지원 조례안"], text) == "bill"
    assert doc_type_of("청소년 교통비 지원 계획", ["청소년 교통비 지원 계획"], "1. 추진배경\n제안 이유는 없다.") == "plan"


def test_the_committee_a_report_is_made_to_is_no_issuer():
    head = ["2026년 주요업무 보고 · 농림축산국", "제363회 충청남도의회 임시회", "농업경제환경위원회", "2026년 주요업무 보고", "2026. 2. 4.",
            "농 림 축 산 국", "Ⅰ. 일반현황"]
    assert extract_metadata(head).issuer == "충청남도 농림축산국"


def test_a_title_ending_in_a_report_is_a_report_whatever_its_bullets():
    from indexer.ingest.metadata import REPORT_TITLE

    for title in ("2025년 상반기 성과지표 달성도 보고", "2024년도 자체평가 결과보고서", "1인 가구 실태조사 보고서",
                  "청주시 공공자전거 운영 성과 분석", "2024년 청년정책 추진실적 평가"):
        assert REPORT_TITLE.search(title.replace(" ", "")), title
    assert not REPORT_TITLE.search("2025년주요업무추진계획")


def test_the_covers_issuer_and_date_lines_are_shown_never_searched():
    from indexer.records import is_searchable

    text = ("제298회 마포구의회 임시회\n2025년도 행정사무 업무보고\n일자리경제과\n2025. 2. 18.\nⅠ. 일반현황\n"
            "□ 일자리경제과 정원 32명\n2025. 3. 1.\n")
    doc = parse_text(text, doc_id="report")
    cover = doc.passages[: next(i for i, p in enumerate(doc.passages) if p.text == "Ⅰ. 일반현황")]
    assert cover and all(p.kind == "title" and not is_searchable(p) for p in cover)
    assert "일자리경제과" in " ".join(p.text for p in cover) and "2025. 2. 18." in " ".join(p.text for p in cover)
    assert doc.passages[-1].kind == "paragraph" and doc.passages[-1].text == "2025. 3. 1."  # a date in the text stays text


def test_an_issuers_file_number_on_the_cover_is_a_byline():
    from indexer.ingest.metadata import is_cover_byline

    assert is_cover_byline("김해시 감사관 제2024-17호")
    assert not is_cover_byline("부천시 공고 제2024-2187호")  # a notice's number is cited by those who answer it
    doc = parse_text("김해시 감사관 제2024-17호\n2024년 복지국 자체감사 결과 보고\n2024. 11. 8.\n김해시 감사관\n1. 감사 개요\nㅇ 감사 목적\n", doc_id="a")
    cover = [p for p in doc.passages if "김해시" in p.text or "2024. 11. 8." in p.text]
    assert len(cover) == 2 and all(p.kind == "title" for p in cover)


def test_a_chapters_cover_after_its_heading_is_shown_never_searched():
    # a chapter printed alone: the plan's name, the chapter's heading, then the cover's date and issuer
    text = "2026~2030 중기지방재정계획\n제4장 분야별 재원배분 및 투자계획\n2025. 10.\n김 해 시\n1. 재원배분 기본방향\nㅇ 총 재정규모 11조원\n"
    doc = parse_text(text, doc_id="plan")
    dated = next(p for p in doc.passages if "2025. 10." in p.text)
    assert dated.kind == "title" and "김해시" in dated.text
    assert next(p for p in doc.passages if p.text.startswith("ㅇ")).kind == "goal"


def test_parsed_cover_gives_title_date_issuer():
    doc = parse_text("디지털 정부혁신 추진계획\n2019. 10. 29.\n관계부처 합동\nⅠ. 개요\n○ 국민 중심 서비스\n○ 데이터 개방\n○ 인프라 고도화\n")
    assert (doc.title, doc.date, doc.issuer, doc.doc_type) == ("디지털 정부혁신 추진계획", "2019-10-29", "관계부처 합동", "plan")


def test_prose_falls_back_to_the_file_name():
    doc = parse_text("지방자치단체는 주민의 복리 증진을 위하여 다양한 정책을 추진한다. " * 3, doc_id="prose", source="notes/prose.txt")
    assert doc.title == "prose" and doc.doc_type == "report" and doc.date is None


def test_a_cover_spaced_out_letter_by_letter_names_the_document_kind():
    m = extract_metadata(["K-water 디지털플랫폼 구축 사업", "제 안 요 청 서", "2023. 3.", "한국수자원공사"])
    assert (m.title, m.doc_type, m.date, m.issuer) == ("K-water 디지털플랫폼 구축 사업 제안요청서", "rfp", "2023-03", "한국수자원공사")


def test_notice_and_periodical_covers():
    m = extract_metadata(["공고번호 : 한국토지주택공사 공고 제2024-123호", "2024년 제1차 청년 매입임대주택 입주자 모집공고", "2024. 3. 15."])
    assert (m.title, m.doc_type, m.issuer) == ("2024년 제1차 청년 매입임대주택 입주자 모집공고", "notice", "한국토지주택공사")
    m = extract_metadata(["과학기술정보통신부 공고 제2024-0312호", "2024년도 지역거점 조성 지원사업 신규과제 선정", "2024년 3월 4일"])
    assert (m.title, m.doc_type) == ("2024년도 지역거점 조성 지원사업 신규과제 선정", "notice")
    # A periodical's masthead and issue number: the title is the issue's own.
    m = extract_metadata(["국토정책 Brief", "제 952 호", "2024. 2. 5.", "지방소멸 대응을 위한 생활인구 기반 정책 전환 방안", "이상민 연구위원"])
    assert (m.title, m.date) == ("지방소멸 대응을 위한 생활인구 기반 정책 전환 방안", "2024-02-05")


def test_local_governments_issue_documents():
    for line in ("경기도", "서울특별시 교육청", "부산광역시 해운대구", "강원특별자치도", "수원특례시", "충청남도 경제실", "경기도 정보화정책관"):
        assert extract_metadata(["2024년 주요업무계획", "2024. 2.", line]).issuer == line
    for line in ("지방소멸 대응 연구", "제도 개선", "도시 재생"):
        assert extract_metadata(["2024년 주요업무계획", "2024. 2.", line]).issuer is None


def test_an_excerpt_without_a_cover_is_not_named_by_its_table():
    doc = parse_text(
        "1. 일반공공행정 분야\n가. 연도별 투자계획\n(단위: 백만원)\n| 구분 | 2024 | 2025 |\n| --- | --- | --- |\n| 계 | 1,250 | 1,301 |\n",
        doc_id="excerpt",
        source="midterm.txt",
    )
    assert doc.title == "1. 일반공공행정 분야"


def test_a_notice_number_is_no_masthead_and_issuers_are_governments():
    m = extract_metadata(["2024년 디지털 혁신 공모사업 공고", "공고 제2024-123호", "디지털 혁신 공모사업을 다음과 같이 공고합니다."])
    assert m.title == "2024년 디지털 혁신 공모사업 공고"
    assert extract_metadata(["2024년 주요업무계획", "교육부 고시"]).issuer == "교육부"
    for word in ("태도", "도구", "안산 시내"):
        assert extract_metadata(["2024년 주요업무계획", word]).issuer is None


def test_second_review_covers():
    m = extract_metadata(["| 보도시점 | 2025. 3. 14.(금) 11:00 | 배포 | 2025. 3. 13.(목) 14:00 |", "폐기물 감량 대책 발표"])
    assert (m.doc_type, m.date) == ("press-release", "2025-03-14")
    assert extract_metadata(["(가칭) 국가데이터처 설립 방안", "2025. 2."]).title == "(가칭) 국가데이터처 설립 방안"
    assert extract_metadata(["2025년 마을공동체 공모사업 추진계획", "2025. 1."]).doc_type == "plan"


def test_a_notice_of_a_rule_is_named_by_the_rule():
    m = extract_metadata(["국토교통부 고시 제2025-112호", "「공동주택 관리비 공개 지침」을 다음과 같이 개정하여 고시합니다.", "2025년 3월 4일", "국토교통부장관"])
    assert (m.title, m.date, m.issuer) == ("공동주택 관리비 공개 지침", "2025-03-04", "국토교통부")
    # A call for proposals citing its law is named by its own title, not by the law.
    m = extract_metadata(["과학기술정보통신부 공고 제2024-0312호", "2024년도 지역거점 조성 지원사업 신규과제 공모",
                          "「정보통신산업 진흥법」 제26조에 따라 다음과 같이 공모하오니 신청하여 주시기 바랍니다."])
    assert m.title == "2024년도 지역거점 조성 지원사업 신규과제 공모"


def test_the_tail_of_a_broken_sentence_is_no_title():
    cover = ["제5장 분야별 재정투자계획", "1. 일반공공행정 분야", "○ 주민이 주도하는 자치분권 실현을 위해 주민자치회", "를 확대 운영"]
    assert extract_metadata(cover).title in (None, "제5장 분야별 재정투자계획")  # the parser then names it by its first line


def test_a_byline_with_an_issue_number_and_a_date_is_no_part_of_the_title():
    byline = "이슈와 논점 제2156호 2024. 1. 15. 국회입법조사처"
    for cover in (["지방소멸 대응을 위한 생활인구 정책의 과제", byline], [byline, "지방소멸 대응을 위한 생활인구 정책의 과제"]):
        m = extract_metadata(cover)
        assert (m.title, m.date, m.issuer) == ("지방소멸 대응을 위한 생활인구 정책의 과제", "2024-01-15", "국회입법조사처")
    # a title that only has a number in it, or only a date, stays whole
    assert extract_metadata(["제2차 국가균형발전 5개년 계획", "2024. 1."]).title == "제2차 국가균형발전 5개년 계획"


def test_a_masthead_box_read_row_by_row_is_no_title():
    # ``| 보도자료 | 2025. 4. 2.(수) 배포 |`` over the embargo and the contacts, as the cover reads the box's rows
    cover = [
        "보도자료 2025. 4. 2.(수) 배포", "보도일시 2025. 4. 3.(목) 조간 (인터넷, 방송 4. 2. 12:00 이후)",
        "사무관 한도현 (044-201-3624)", "지방소멸대응 생활인프라 공모, 18개 시·군 최종 선정", "- 국비 총 1,260억원 지원 -",
    ]
    m = extract_metadata(cover)
    assert (m.title, m.doc_type, m.date) == ("지방소멸대응 생활인프라 공모, 18개 시·군 최종 선정", "press-release", "2025-04-03")  # its 보도일시


def test_a_masthead_that_names_its_ministry_is_no_title():
    for masthead in ("농림축산식품부 보도자료", "보 도 자 료", "[보도참고자료]", "보도자료 (배포 즉시 보도)"):
        m = extract_metadata([masthead, "보도시점 2024. 6. 25.(화) 12:00", "귀농·귀촌 인구 2년 연속 감소, 청년 귀농은 늘어"])
        assert (m.title, m.date, m.doc_type) == ("귀농·귀촌 인구 2년 연속 감소, 청년 귀농은 늘어", "2024-06-25", "press-release")
    assert extract_metadata(["농림축산식품부 보도자료", "귀농 통계 발표"]).issuer == "농림축산식품부"
    # a title that speaks of press releases is still a title
    assert extract_metadata(["보도자료 작성 기준 개선 방안", "2024. 3."]).title == "보도자료 작성 기준 개선 방안"


def test_an_authors_byline_is_no_part_of_the_title_and_names_the_issuer():
    m = extract_metadata(["국토정책 Brief 제 952 호", "- 1 -", "빈집 정비를 통한 지방 정주여건 개선 방안", "김연구 국토연구원 연구위원", "2024. 2. 19."])
    assert (m.title, m.issuer, m.date) == ("빈집 정비를 통한 지방 정주여건 개선 방안", "국토연구원", "2024-02-19")
    m = extract_metadata(["지방재정 건전성 제고 과제", "이분석, 박조사 입법조사관", "2024. 5."])
    assert m.title == "지방재정 건전성 제고 과제"
    # a title that ends in an institution is still a title
    assert extract_metadata(["2024년 국토연구원 연구성과 보고", "2024. 12."]).title == "2024년 국토연구원 연구성과 보고"


def test_a_title_wrapped_after_a_post_is_no_byline():
    for cover in (["2024년도 한국교통연구원 위촉 연구원", "채용 공고"], ["2024년 지역대학 외국인 교수", "초청 지원사업 공고"]):
        assert extract_metadata(cover).title == " ".join(cover)
    for masthead in ("LH 보도자료", "K-water 보도자료", "보도설명자료", "보도자료 (엠바고: 2024. 6. 25.(화) 12:00 이후 보도)"):
        assert extract_metadata([masthead, "임대주택 1만 호 공급 착수"]).title == "임대주택 1만 호 공급 착수"


def test_a_ministrys_main_tasks_plan_is_a_work_plan():
    assert extract_metadata(["2024년 주요업무 추진계획", "2024. 2. 7.", "행정안전부"]).doc_type == "work-plan"
    assert extract_metadata(["디지털 정부혁신 추진계획", "2019. 10. 29.", "관계부처 합동"]).doc_type == "plan"


@pytest.mark.parametrize(
    "line, issuer",
    [
        ("| 제 출 자 | 부산광역시장 |", "부산광역시"),
        ("제출자 : 국토교통부장관", "국토교통부"),
        ("| 제출자 | 경기도교육감 |", "경기도교육청"),
        ("제출자 : 경기도지사", "경기도"),
        ("| 제출자 | 양평군수 |", "양평군"),
        ("제출자 : 김민수 의원 외 10인", None),  # a member speaks for no institution
        ("제출자 : 김영수", None),
        ("제출자 : 경찰청장", "경찰청"),
        ("제출자 : 공정거래위원장", "공정거래위원회"),
        ("제출자 : 서울특별시 강남구청장", "서울특별시 강남구"),
        ("제출자 : 서울특별시장 오세훈", "서울특별시"),
        ("| 제 출 자 | 부산광역시장 | 제출일자 | 2024. 3. 5. |", "부산광역시"),
        ("제출자 : 부산광역시 행정부시장", None),  # a deputy
        ("제출자 : 박시장", None),  # a name
        ("제출자 : 김도수", None),
    ],
)
def test_a_bills_submitter_names_its_institution(line, issuer):
    assert extract_metadata(["주차장 설치 조례 일부개정조례안", line, "1. 제안이유"]).issuer == issuer


def test_a_comparison_tables_header_is_no_title():
    # | 현 행 | 개 정 안 | reads as 현행개정안 on a cover; it names nothing (a title about 현행 … still does)
    assert extract_metadata(["| 현 행 | 개 정 안 |", "|---|---|", "| 제1조 | 제1조 |"]).title is None
    assert extract_metadata(["농지법 일부개정법률안", "(김민수의원 대표발의)", "| 현 행 | 개 정 안 |"]).title == "농지법 일부개정법률안"
    assert extract_metadata(["현행 주민등록제도 개선 방안", "2024. 3.", "행정안전부"]).title == "현행 주민등록제도 개선 방안"


def test_a_number_after_a_year_is_a_month_only_before_월():
    for body in ("○ 복지 예산은 2024년 2조 1,480억원으로 증가", "2023년 5개 시군에서 시범 운영", "GPU를 2025년 1만 장 확보"):
        assert find_date(body) is None
    assert (find_date("2024년 3월"), find_date("2024년 3월 15일"), find_date("2024.3.15")) == ("2024-03", "2024-03-15", "2024-03-15")
    assert find_date("제2024-5호") is None  # a document number holds no date


def test_the_last_resort_date_is_no_body_line_field_or_range():
    for line in ("○ 복지 예산은 2024. 2. 기준 2조원", "나. 용역기간 : 2025. 1. 1. ~ 2025. 12. 31.", "사업기간 : 2025. 3. 부터 8개월",
                 "계약기간 2025. 1. 1. ~ 12. 31."):
        assert extract_metadata(["2025년 교통시설 유지관리 용역", line]).date == "2025"  # the title's year, not the line's date
    # the document's own date in a field still counts (a bill's 발의연월일)
    assert extract_metadata(["청년기본법 일부개정법률안", "발의연월일 : 2021. 5. 20."]).date == "2021-05-20"


def test_a_notice_is_dated_and_signed_at_its_end():
    body = ["안양시 공고 제2023-512호", "2024년 도로 보수공사 입찰공고", "다음과 같이 입찰에 부칩니다.", "1. 입찰에 부치는 사항",
            "가. 공사기간 : 2024. 2. 1. ~ 2024. 11. 30.", "※ 자세한 사항은 재무과로 문의하시기 바랍니다."]
    m = extract_metadata([*body, "2023. 12. 20.", "안양시장"])
    assert (m.title, m.date, m.issuer, m.doc_type) == ("2024년 도로 보수공사 입찰공고", "2023-12-20", "안양시", "notice")
    # the head alone names the issuer; a date-only line on the cover wins over the closing one
    m = extract_metadata(["2024년 청소년 공모전 개최 안내", "2024. 4. 1.", "□ 대상 : 관내 청소년", "2024. 3. 28.", "양평군수"])
    assert (m.date, m.issuer) == ("2024-04-01", "양평군")
    assert extract_metadata(["2024년 교육 공모 안내", "□ 대상 : 교원", "2024. 5. 2.", "경상남도교육감"]).issuer == "경상남도교육청"
    # the closing block is read from the whole text when the lines are only the head
    assert extract_metadata(body, text="\n".join([*body, "2023. 12. 20.", "안양시장"])).date == "2023-12-20"
    assert extract_metadata(["2024년 전통시장 지원 안내", "□ 대상 : 상인", "지역 전통시장"]).issuer is None


def test_an_issue_number_line_in_any_form_is_a_masthead():
    title = "지방 청년 정착 지원 정책의 과제"
    for number in ("제2023-5호 (통권 제101호)", "제2024-17호", "(통권 제218호)", "No. 45 (통권 제218호)", "제 52 호, 통권 제300호"):
        m = extract_metadata(["경기연구원 이슈브리프", number, title, "2023. 5. 2."])
        assert (m.title, m.date) == (title, "2023-05-02")


def test_a_series_name_with_its_volume_is_a_masthead_and_its_issue_a_report():
    title = "농촌 고령자의 이동권 보장을 위한 수요응답형 교통(DRT) 확대 방안"
    cover = ["KOTI 정책브리프 Vol. 87", title, "한국교통연구원 지역교통연구팀 김서진 연구위원", "2024. 8."]
    m = extract_metadata(cover)
    assert (m.title, m.issuer, m.date, m.doc_type) == (title, "한국교통연구원", "2024-08", "report")
    # A summary of ○ lines gives the text a plan's structure: the periodical's cover still types it.
    from indexer.ingest.parsing import parse_text

    body = ["요 약", "○ 농어촌 주민의 38.4%가 교통 취약지역에 거주", "○ 운영비 국비 지원 기준 마련을 제안", "1. 현황", "○ 노선 16.7% 감소"]
    doc = parse_text("\n".join([*cover, *body]), doc_id="brief")
    assert (doc.title, doc.doc_type) == (title, "report")
    # a volume inside a title is no masthead
    assert extract_metadata(["2024 Vol. 3 지역혁신 사례집 발간 계획", "2024. 3."]).title == "2024 Vol. 3 지역혁신 사례집 발간 계획"


def test_a_press_releases_issuer_is_the_institution_it_opens_on():
    table = ["| 담당부서 | 노인복지과 | 담당자 | 주무관 |", "| --- | --- | --- | --- |"]
    lead = "김해시(시장 홍태용)는 올해 노인 일자리를 늘린다고 밝혔다."
    m = extract_metadata(["보도자료", "보도일시 2025. 2. 3.", "김해시, 노인 일자리 5천 개로 확대", "- 부제 -", lead, *table])
    assert (m.issuer, m.department) == ("김해시", "노인복지과")
    m = extract_metadata(["보도자료", "보도일시 2025. 2. 3.", "노인 일자리 5천 개로 확대", "□ 충청북도(도지사 김영환)는 …", *table])
    assert m.issuer == "충청북도"
    for headline in ("교육부, 늘봄학교 전면 시행", "교육부는 늘봄학교를 전면 시행한다"):
        assert extract_metadata(["보도참고자료", "보도시점 배포 즉시", headline]).issuer == "교육부"
    # a headline that opens on no institution leaves the masthead's department
    assert extract_metadata(["보도자료", "보도일시 2025. 2. 3.", "신도시, 교통 대책 마련", *table]).issuer == "노인복지과"


def test_a_report_to_a_council_is_its_municipalitys_department():
    m = extract_metadata(["제301회 천안시의회 정례회", "2025년 주요업무 보고", "2025. 6. 10.", "복지정책과"])
    assert (m.title, m.date, m.issuer, m.department, m.doc_type) == ("2025년 주요업무 보고", "2025-06-10", "천안시 복지정책과", "복지정책과", "work-report")
    # a department spaced out on the cover, under the committee it reports to
    cover = ["제392회 전라남도의회 제2차 정례회", "2025년도 행정사무 업무보고", "(보건복지위원회)", "2025. 11. 10.", "보 건 복 지 국"]
    assert extract_metadata(cover).issuer == "전라남도 보건복지국"


def test_a_committees_review_of_a_bill_is_a_report_named_and_dated_by_its_cover():
    cover = ["재난 및 안전관리 기본법 일부개정법률안", "검 토 보 고 서", "| 의안번호 | 제2214387호 |", "| 제안일자 | 2025. 10. 21. |",
             "2026. 2.", "행 정 안 전 위 원 회", "수 석 전 문 위 원"]
    m = extract_metadata(cover)
    assert (m.title, m.date, m.issuer, m.doc_type) == ("재난 및 안전관리 기본법 일부개정법률안 검토보고서", "2026-02", "행정안전위원회", "report")
    # the bill itself keeps its name and its 제안일자
    m = extract_metadata(["재난 및 안전관리 기본법 일부개정법률안", "| 의안번호 | 제2214387호 |", "| 제안일자 | 2025. 10. 21. |"])
    assert (m.title, m.date, m.doc_type) == ("재난 및 안전관리 기본법 일부개정법률안", "2025-10-21", "bill")


def test_a_councils_own_report_is_the_councils():
    cover = ["2026년도 천안시 세입·세출예산안", "심사보고서", "2025. 12. 12.", "천안시의회 예산결산특별위원회", "1. 심사경과"]
    m = extract_metadata(cover)
    assert (m.title, m.issuer, m.doc_type) == ("2026년도 천안시 세입·세출예산안 심사보고서", "천안시의회 예산결산특별위원회", "report")
    # a department reporting to the committee is the issuer, not the committee
    report = ["2025년 행정사무감사 업무보고", "천안시의회 복지문화위원회", "복지정책과"]
    assert extract_metadata(report).issuer == "복지정책과"


def test_a_headline_that_opens_on_a_noun_names_no_issuer():
    release = ["보도자료", "보도일시 2025. 2. 3."]
    for headline in ("생활인구, 등록인구보다 4.5배 많아", "고령가구, 10년 새 2배로 늘어", "민원창구, 주말에도 연다", "비상시, 대피 요령 안내"):
        assert extract_metadata([*release, headline]).issuer is None
    # places whose names end like such nouns (처인구, 영도구, 여수시 …) are places all the same
    for place in ("처인구", "영도구", "의창구", "여수시", "안동시", "김제시", "기장군", "남해군", "해운대구", "중구"):
        assert extract_metadata([*release, f"{place}, 청년 일자리 확대"]).issuer == place
    # the lead's own institution, with or without its head, comes before the place its headline opens on
    for lead in ("해양수산부는 3일 해양 공공기관을 부산으로 옮긴다고 밝혔다.", "□ 해양수산부(장관)는 3일 이전 계획을 밝혔다."):
        assert extract_metadata([*release, "부산시, 해양수도 기반 마련", lead]).issuer == "해양수산부"


_BODY = [f"ㅇ 세부 추진 과제 {i}번을 차질 없이 이행함" for i in range(20)]


def test_a_signature_is_a_bare_date_over_a_head_and_dates_notices_rules_and_bills():
    # an annex's meeting (일시 : …) and a 기준 note are no signature
    plan = ["인구감소 대응 인구전략 추진방안", "2024. 6. 19.(수) 제12회 국무회의 보고", "관계부처 합동", *_BODY]
    assert extract_metadata([*plan, "붙임 2 관계기관 회의 결과", "일시 : 2023. 3. 5.", "장소 : 정부세종청사"]).date == "2024-06-19"
    assert extract_metadata(["인구전략 추진계획", *_BODY, "(2023. 12. 31. 기준)"]).date is None
    # a work report ending on an attached letter is not the letter's
    m = extract_metadata(["2025년도 주요업무 보고", "기획예산과", "Ⅰ. 일반현황", *_BODY, "붙임 협조 요청 공문 사본", "2024. 12. 20.", "행정안전부장관"])
    assert (m.date, m.issuer) == ("2025", "기획예산과")  # the cover's office, not the letter's 장관
    # a form's addressee signs nothing
    m = extract_metadata(["주차장 사용 신청서", "□ 신청인 : 홍길동", *_BODY, "위와 같이 신청합니다.", "2024. 5. 1.", "부산광역시장 귀하"])
    assert (m.date, m.issuer) == (None, None)
    # a notice is dated by its signature, not by a field on its cover
    m = extract_metadata(["부천시 공고 제2024-2187호", "2025년 ITS 유지관리 용역 입찰공고", "마감일 : 2025. 1. 31.", *_BODY, "2024. 12. 13.", "부천시장"])
    assert (m.date, m.issuer, m.doc_type) == ("2024-12-13", "부천시", "notice")
    # a public agency's notice is signed by its 이사장 (``한국수자원환경공단 이사장``), an institute's by its 원장
    m = extract_metadata(["한국수자원환경공단 공고 제2026-12호", "2026년 상반기 직원 채용 공고", *_BODY, "2026. 2. 9.", "한국수자원환경공단 이사장"])
    assert (m.date, m.issuer, m.doc_type) == ("2026-02-09", "한국수자원환경공단", "notice")
    m = extract_metadata(["연구용역 입찰 공고", *_BODY, "2026. 3. 2.", "국토연구원장"])
    assert (m.date, m.issuer) == ("2026-03-02", "국토연구원")  # 연구원 and 장 written together
    # a document with no date on its cover at all is its signature's
    assert (extract_metadata(["청년 정착 지원 방안", *_BODY, "2024. 3. 5.", "양평군수"]).date) == "2024-03-05"


def test_a_notices_own_title_under_its_number_wins_over_a_running_header():
    header = "한국수자원환경공단 2026년 상반기 직원 채용 공고"
    head = [header, "한국수자원환경공단 공고 제2026-12호", "2026년 상반기 한국수자원환경공단 신입·경력직원 채용 공고",
            "깨끗한 물을 만들어 갈 인재 42명을 다음과 같이 공개 채용하오니 많은 지원 바랍니다.", "1. 채용분야 및 인원"]
    assert extract_metadata(head, running=frozenset({header})).title == "2026년 상반기 한국수자원환경공단 신입·경력직원 채용 공고"
    # with no running header the cover's lines are read as they stand
    assert extract_metadata(head[1:]).title == "2026년 상반기 한국수자원환경공단 신입·경력직원 채용 공고"


def test_a_statement_of_work_is_an_rfp():
    for kind in ("과업지시서", "과 업 내 용 서", "과업설명서"):
        assert extract_metadata(["2024년 버스정보시스템(BIS) 유지관리 용역", kind, "2024. 2."]).doc_type == "rfp"


def test_a_title_year_dates_a_document_with_no_other_date():
    assert extract_metadata(["2025년 주요업무계획", "문화체육관광국", "Ⅰ. 일반현황"]).date == "2025"
    assert extract_metadata(["2024년도 성과계획서", "식품의약품안전처"]).date == "2024"
    assert extract_metadata(["2025년 주요업무계획", "2025. 1."]).date == "2025-01"  # a cover's date says more
    for title in ("2025~2029년 중기지방재정계획", "2025년~2029년 중기지방재정계획", "중기지방재정계획"):
        assert extract_metadata([title, "대전광역시"]).date is None  # a range is no year
    # the year filters read a year alone
    assert DocumentInfo("d", "t", "s", "x", "work-plan", 1, 0, date="2025").year == 2025


def test_a_title_year_is_the_plans_own_and_a_work_order_is_named_by_its_title():
    def date(title: str) -> str | None:
        return extract_metadata([title, "1. 추진 배경"]).date

    assert date("2025년 주요업무계획") == "2025" and date("2024년도 성과계획서") == "2024"
    assert date("2040년 서울도시기본계획") is None  # a vision's horizon, not the plan's date
    assert date("2000년대 이후 지방재정의 변화") is None and date("(2021 ~ 2025년) 중기계획") is None
    notice = extract_metadata(["2025년 교통시설 유지관리 용역 입찰공고", "부천시 공고 제2024-2187호", "※ 자세한 내용은 붙임 과업지시서 참조"])
    assert notice.doc_type == "notice"


def test_a_headline_on_a_group_of_people_and_a_lead_on_two_ministries():
    cover = ["보도자료", "고위험군, 인플루엔자 예방접종 서두르세요", "□ 질병관리청은 …"]
    assert extract_metadata(cover).issuer != "고위험군"
    two = ["보도자료", "서울시, 주거 안전망 강화", "□ 국토교통부와 보건복지부는 취약계층 주거 지원을 확대한다고 밝혔다.", "□ 서울시는 …"]
    assert extract_metadata(two).issuer == "국토교통부"


def test_a_local_government_alone_on_the_cover_or_with_its_office_is_the_issuer():
    assert extract_metadata(["2025년도 세입세출예산서", "일 반 회 계", "공 주 시", "2024. 12. 17. 공주시의회 의결"]).issuer == "공주시"
    assert extract_metadata(["2024년 복지국 자체감사 결과 보고", "2024. 11. 8.", "김해시 감사관"]).issuer == "김해시 감사관"
    # a noun that ends like a place names nobody
    assert extract_metadata(["생활인구 분석 보고서", "인구", "2024. 1."]).issuer is None
    assert extract_metadata(["신도시 개발 현황", "신도시", "2024. 1."]).issuer is None


def test_a_chapter_printed_alone_is_named_by_its_heading_not_its_first_sentence():
    chapter = ["제2장 1인가구 현황 및 주거실태 분석", "제1절 1인가구 증가 추이", "1. 전국 1인가구 규모", "가. 가구 수 및 비중",
               "1인가구는 2023년 기준 782만 9천 가구로 전체 일반가구의 35.5%를 차지하며, 2015년(520만"]
    assert extract_metadata(chapter).title is None
    doc = parse_text("\n".join([*chapter[:4], "1인가구는 2023년 기준 782만 가구로 늘었다¹⁾.", "같은 기간 2인가구 비중도 늘었다."]))
    assert doc.title == "제2장 1인가구 현황 및 주거실태 분석"
    # a sentence, a footnote's mark after it or not, and a table's source line name no document
    for line in ("1인가구는 2023년 기준 782만 가구로 늘었다¹⁾.", "청년층 비중이 가장 높게 나타났다2).", "자료: 통계청(2024), 「인구주택총조사」"):
        assert extract_metadata(["□ 추진 배경", line, "ㅇ 세부 과제"]).title is None


def test_a_masthead_box_read_as_one_line_is_still_the_masthead():
    m = extract_metadata(["| 보 도 자 료 | | | 통계청 |", "| 보도시점 | 2025. 2. 26.(수) 12:00 | 배포 | 2025. 2. 26. |",
                          "2024년 출생·사망통계(잠정)", "- 출생아 수 238,300명, 9년 만에 증가 전환 -"])
    assert (m.title, m.date, m.doc_type) == ("2024년 출생·사망통계(잠정)", "2025-02-26", "press-release")


def test_a_notice_of_proposed_legislation_is_dated_by_its_signature_before_the_draft():
    lines = ["고용노동부 공고 제2024-412호", "「산업안전보건법 시행령」 일부개정령(안) 입법예고", "1. 개정이유", *_BODY,
             "2024년 8월 19일", "고용노동부장관", "산업안전보건법 시행령 일부개정령", "산업안전보건법 시행령 일부를 다음과 같이 개정한다.",
             *_BODY, "부칙", "이 영은 2025년 1월 1일부터 시행한다."]
    m = extract_metadata(lines)
    assert (m.date, m.issuer, m.doc_type) == ("2024-08-19", "고용노동부", "notice")
    # a plan is not dated by a letter it attaches (the whole text is read for notices, rules and bills only)
    m = extract_metadata(["청년 정착 지원 계획", "2024. 3.", *_BODY, "2024. 1. 5.", "양평군수", *_BODY])
    assert m.date == "2024-03"


def test_a_study_of_a_plan_is_a_report():
    for title in ("1인가구 주거지원 정책 개선방안 연구", "지역 청년 정착 지원 방안에 관한 연구", "공공데이터 개방 전략 연구"):
        assert extract_metadata([title, "2024. 12.", "국토연구원"]).doc_type == "report"
    assert extract_metadata(["1인가구 주거지원 정책 개선방안", "2024. 12."]).doc_type == "plan"


def test_a_press_reference_or_explanation_is_a_press_release():
    for kind in ("보도참고자료", "보 도 설 명 자 료", "보도해명자료"):
        m = extract_metadata([f"| {kind} | | |", "| 배포 일시 | 2025. 3. 12.(수) 10:00 |", "청년 전세임대 예산은 삭감되지 않았습니다"])
        assert (m.doc_type, m.title) == ("press-release", "청년 전세임대 예산은 삭감되지 않았습니다")
    assert extract_metadata(["청년 전세임대 설명", "| 배포 일시 | 2025. 3. 12. |"]).doc_type == "press-release"


def test_a_report_by_its_title_stays_a_report_whatever_its_bullets():
    text = "2024년도 자체평가 결과보고서\n2025. 2.\nⅠ. 평가 개요\n" + "\n".join(f"ㅇ 평가 항목 {i}을 점검함" for i in range(6))
    assert parse_text(text).doc_type == "report"
    assert parse_text(text.replace("자체평가 결과보고서", "성과관리 시행계획")).doc_type == "plan"


def test_a_masthead_cell_merged_across_its_box_is_read_once():
    # ``| 보도자료 |`` spanning the masthead's four columns comes out four times: it is the masthead all the same,
    # and the headline after it is the title (it was ``보도자료 보도자료 보도자료 보도자료``).
    head = ["| 보도자료 | 보도자료 | 보도자료 | 보도자료 |", "|---|---|---|---|",
            "| 보도 일시 | 2025. 1. 15.(수) 12:00 이후 | 2025. 1. 15.(수) 12:00 이후 | 2025. 1. 15.(수) 12:00 이후 |",
            "| 담당 부서 | 기초생활보장과 | 과장 김은하 | 044-202-3051 |", "위기가구 긴급복지 지원 문턱 낮춘다",
            "- 생계지원 금액 인상, 재산 기준 완화 -"]  # fmt: skip
    assert extract_metadata(head).title == "위기가구 긴급복지 지원 문턱 낮춘다"
    # A cover box's title merged across three columns is no data row.
    m = extract_metadata(["| 2025년 업무계획 | 2025년 업무계획 | 2025년 업무계획 |", "|---|---|---|", "2025. 1.", "산림청"])
    assert m.title == "2025년 업무계획"


def test_a_value_repeated_beside_a_label_leaves_a_data_row():
    # An inspection sheet opening with its table: ``적합`` in three columns is three results, not a cell merged across
    # them. Read as one cell the row was cover text, and the document was titled ``소화기 비치 적합``.
    lines = ["| 점검 항목 | 1차 | 2차 | 3차 |", "|---|---|---|---|", "| 소화기 비치 | 적합 | 적합 | 적합 |",
             "| 비상구 확보 | 적합 | 부적합 | 적합 |", "○ 점검 결과 대부분 적합으로 확인되었다."]  # fmt: skip
    assert extract_metadata(lines).title != "소화기 비치 적합"
    assert "소화기 비치 적합" not in cover_lines(lines)


def test_a_studys_authors_and_series_number_are_no_part_of_its_title():
    head = ["기본연구 2025-21", "농촌 빈집 실태 분석과 정비ㆍ활용 활성화 방안", "박서윤ㆍ이도현ㆍ최가람", "국토연구원", "2025. 12.",
            "요 약", "1. 연구의 배경과 목적", "○ 농촌 인구 감소와 고령화로 빈집이 빠르게 늘고 있음"]
    m = extract_metadata(head)
    assert (m.title, m.issuer) == ("농촌 빈집 실태 분석과 정비ㆍ활용 활성화 방안", "국토연구원")
    # the series number says it is a study, whatever bullets its summary has
    doc = parse_text("\n\n".join([*head, "○ 빈집은 2024년 7만 호로 늘었음", "○ 정비 물량은 연 6,000호 안팎임"]))
    assert doc.doc_type == "report"
    # words a title lists with ``ㆍ`` are no names
    assert extract_metadata(["주거ㆍ교통ㆍ환경 개선 방안", "2025. 3.", "국토연구원"]).title == "주거ㆍ교통ㆍ환경 개선 방안"


def test_a_department_set_off_by_dashes_is_the_covers_byline():
    doc = parse_text("2026년도 세출예산 사업설명서\n\n- 도서관정책과 -\n\n2025. 11.\n\n서울특별시 성북구\n\n"
                     "1. 부서 예산 총괄\n\n□ 세출예산은 146억원으로 52.4% 증가")
    assert [p.kind for p in doc.passages[:2]] == ["title", "title"]
    assert doc.issuer == "서울특별시 성북구"


def test_a_cover_word_the_running_header_already_ends_on_is_read_once():
    head = ["충청남도 재난감지 센서망 구축 사업 제안요청서", "충청남도 재난감지 센서망 구축 사업", "제안요청서", "2026. 2.", "충청남도", "Ⅰ. 사업 개요"]
    assert extract_metadata(head).title == "충청남도 재난감지 센서망 구축 사업 제안요청서"


def test_a_bill_is_dated_by_its_proposal_not_by_a_year_its_reasons_cite():
    head = ["환경친화적 자동차법 일부개정법률안", "(오정민의원 대표발의)", "| 의안번호 | 16482 | 발의연월일 : 2026. 3. 4. |",
            "제안이유 및 주요내용", "2024년 8월 인천의 한 아파트 지하주차장에서 발생한 화재로 차량 140여 대가 피해를 입음."]
    assert extract_metadata(head, text="\n".join(head)).date == "2026-03-04"


def test_an_answer_to_a_council_signed_by_the_mayor_is_the_citys_report():
    # ``2025. 12. 3.`` over ``해송시장`` on the cover signs it: the 시 answers its council's questions
    m = extract_metadata(["제287회 해송시의회 제2차 정례회", "시정질문 답변서", "2025. 12. 3.", "해송시장", "1. 박정민 의원 질문"])
    assert (m.title, m.date, m.issuer, m.doc_type) == ("시정질문 답변서", "2025-12-03", "해송시", "report")
    assert extract_metadata(["제102회 해송군의회 임시회", "군정질문 답변서", "2025. 9. 1.", "해 송 군 수"]).issuer == "해송군"
    # a head named without a date over it is no signature (an addressee, a title's word)
    assert extract_metadata(["제287회 해송시의회 제2차 정례회", "시정질문 답변서", "해송시장 귀하"]).issuer is None


def test_the_act_a_plan_is_made_under_is_no_part_of_its_title():
    cover = ["2026년 서림시 안전관리계획", "「재난 및 안전관리 기본법」 제25조에 따른 시·군·구 안전관리계획", "2026. 1.", "서림시 안전관리위원회"]
    for basis in ("「지역보건법」 제7조 및 제8조에 의거", "(근거: 「공유재산법」 제10조제1항에 따라)"):
        assert extract_metadata([cover[0], basis, "2026. 1."]).title == cover[0]
    m = extract_metadata(cover)
    # and a city's committee on the cover issues it
    assert (m.title, m.date, m.issuer) == ("2026년 서림시 안전관리계획", "2026-01", "서림시 안전관리위원회")
    # a title over two lines still joins (no act cited under it)
    assert extract_metadata(["2026년 서림시", "안전관리계획", "2026. 1."]).title == "2026년 서림시 안전관리계획"


def test_a_council_named_alone_over_its_bills_box_is_no_title():
    cover = ["서하시의회", "| 의안번호 | 제412호 |", "| 제출연월일 | 2026. 2. 10. |", "| 제출자 | 서하시장 |",
             "2026년도 제1차 공유재산 관리계획 변경안", "1. 제안이유"]
    m = extract_metadata(cover)
    assert (m.title, m.date, m.issuer, m.doc_type) == ("2026년도 제1차 공유재산 관리계획 변경안", "2026-02-10", "서하시", "bill")


def test_a_plans_period_and_its_office_in_parentheses_are_cover_lines():
    header = "제9기 익산시 지역보건의료계획 2026년도 시행계획"
    cover = [header, "제9기 지역보건의료계획", "2026년도 시행계획", "(계획기간 : 2026. 1. 1. ~ 2026. 12. 31.)", "2026. 2.", "익 산 시",
             "(익산시 보건소)", "Ⅰ. 추진 배경"]
    m = extract_metadata(cover, running=frozenset({header}))
    assert (m.title, m.date, m.issuer) == (header, "2026-02", "익산시")
    assert all(is_cover_byline(x) for x in ("(익산시 보건소)", "(교통행정과)", "(보건복지위원회)"))
    assert not is_cover_byline("(단위: 백만원)")


def test_a_field_of_dates_under_the_title_is_no_part_of_it():
    cover = ["2025회계연도", "금평군 세입·세출 결산", "검사의견서", "검사기간 : 2026. 5. 11. ~ 5. 30.(20일간)", "2026. 6. 5."]
    m = extract_metadata(cover)
    assert (m.title, m.date) == ("2025회계연도 금평군 세입·세출 결산 검사의견서", "2026-06-05")
    # nor a 기준일 or 일시 line; a title that says 기간 in its words stays whole
    assert extract_metadata(["2026년 안전점검 결과", "기준일 : 2026. 4. 30.", "2026. 5."]).title == "2026년 안전점검 결과"
    assert extract_metadata(["여름철 자연재난 대책기간 운영계획", "2026. 5."]).title == "여름철 자연재난 대책기간 운영계획"


def test_a_running_header_over_the_first_of_two_title_lines_gives_way_to_them():
    header = "2025년 지방자치단체 합동평가 결과 보고"
    cover = [header, "2025년 지방자치단체 합동평가", "결과 보고 및 2026년 대응 계획", "2025. 7. 18.", "충 청 남 도"]
    m = extract_metadata(cover)
    assert (m.title, m.issuer) == ("2025년 지방자치단체 합동평가 결과 보고 및 2026년 대응 계획", "충청남도")
    # a fuller form printed over a shorter one is still the title (``… 기상청 업무계획`` over ``… 업무계획``)
    assert extract_metadata(["2025년 기상청 업무계획", "2025년 업무계획", "2025. 1."]).title == "2025년 기상청 업무계획"


def test_a_body_named_for_plans_makes_no_plan():
    assert doc_type_of("2026년 제3차 송원시 도시계획위원회 심의결과 보고", [], "") == "report"
    assert doc_type_of("2026년 도시계획위원회 운영계획", [], "") == "plan"
    assert doc_type_of("2030 서하 도시기본계획", [], "") == "plan"


def test_a_qualified_title_ends_at_its_qualifier_and_a_slogan_or_greeting_is_none_of_it():
    # ``… 지방재정 공시 (2024회계연도 결산 기준)`` over the city's slogan; a festival's motto in quotation marks under
    # its title; a school letter's form name (``가 정 통 신 문``) over what it announces, and its greeting under it
    assert extract_metadata(["2025년 청림시 지방재정 공시 (2024회계연도 결산 기준)", "시민과 함께 살림을 나누는 투명한 재정",
                             "2025. 8. 29.", "청림시"]).title == "2025년 청림시 지방재정 공시 (2024회계연도 결산 기준)"
    assert extract_metadata(["2025년 청림시 지방재정 공시", "(2024회계연도 결산 기준)", "시민과 함께 살림을 나누는 투명한 재정",
                             "2025. 8. 29."]).title == "2025년 청림시 지방재정 공시 (2024회계연도 결산 기준)"
    assert extract_metadata(["2025 영림 산나물·한우축제 개최 결과 보고", "“봄을 캐고, 한우를 굽다”", "2025. 5.",
                             "영림군"]).title == "2025 영림 산나물·한우축제 개최 결과 보고"
    letter = ["가 정 통 신 문", "“꿈을 키우는 배움터, 함께 자라는 새별교육”", "2026학년도 늘봄학교·방과후학교 운영 및 학교급식 안내",
              "학부모님, 안녕하십니까?", "입춘이 지나고 새 학년을 맞이하는 설렘이 가득한 때입니다."]
    assert extract_metadata(letter).title == "2026학년도 늘봄학교·방과후학교 운영 및 학교급식 안내"
    # a title over two lines still joins; a period in parentheses is no qualifier that ends it
    assert extract_metadata(["제9기 지역보건의료계획", "2026년도 시행계획", "2026. 2."]).title == "제9기 지역보건의료계획 2026년도 시행계획"


def test_a_disclosure_or_a_summary_of_a_plan_is_a_report():
    # outlined like a plan (□/○ lines), but what its title says it is: a disclosure, a summary, a hearing's handout
    text = "1. 개요\n□ 재정자립도 21.8%\n○ 유사 지자체군 평균보다 낮음\n2. 채무\n□ 지방채무 486억원\n○ 1인당 176천원\n"
    for title in ("2025년 청림시 지방재정 공시 (2024회계연도 결산 기준)", "솔뫼지구 도시개발사업 환경영향평가서(초안) 요약문"):
        assert parse_text(f"{title}\n2026. 3.\n{text}").doc_type == "report", title
    assert parse_text(f"2026년 청림시 주요업무계획\n2026. 1.\n{text}").doc_type == "work-plan"


def test_the_title_rules_leave_look_alikes_alone():
    # a draft mark alone over the title is no qualifier that ends it; a programme's name in single quotes, a campaign
    # named 안녕하세요, a 시점 followed by words, all stay the title's words
    assert "도시재생 전략계획" in extract_metadata(["(초안)", "2026년 청림시 도시재생 전략계획", "2026. 3.", "청림시"]).title
    assert extract_metadata(["‘찾아가는 복지’", "운영 성과 보고", "2026. 3."]).title == "‘찾아가는 복지’ 운영 성과 보고"
    assert extract_metadata(["안녕하세요 이웃님 캠페인 추진계획", "2026. 3."]).title == "안녕하세요 이웃님 캠페인 추진계획"
    assert extract_metadata(["전환 시점: 2050 탄소중립을 향한 청림시의 과제", "2026. 3."]).title is not None
    assert doc_type_of("2026년 제2회 지방재정계획심의위원회 심의 결과", [], "") == "report"


def test_an_official_letter_is_named_by_its_subject_and_dated_by_its_enforcement():
    # a 공문: the letterhead's slogan and the issuer's name over ``수신``, ``(경유)`` and ``제목 …``; its 시행 line dates it
    lines = ["시민과 함께 여는 행복도시 도원", "도 원 시", "수신 수신자 참조", "(경유)", "제목 2026년 지방보조금 교부결정 통지 및 집행기준 알림",
             "1. 관련", "가. 「도원시 지방보조금 관리 조례」 제12조", "2. 아래와 같이 교부를 결정하였음을 통지합니다.", "붙임 1. 교부결정 내역 1부. 끝.",
             "도원시장", "시행 자치행정과-2231 (2026. 2. 4.) 접수", "우 38127 도원시 시청로 100"]
    m = extract_metadata(lines)
    assert (m.title, m.doc_type, m.date) == ("2026년 지방보조금 교부결정 통지 및 집행기준 알림", "notice", "2026-02-04")
    # a 제목 line with no addressee over it is a field like any other
    assert extract_metadata(["2026년 업무계획", "1. 추진 배경", "제목 시정 운영 방향"]).title == "2026년 업무계획"


def test_a_council_session_named_council_first_is_no_title():
    # ``서령군의회 제298회 제2차 정례회`` over the 의안번호 box: the session, not the bill's name under it
    lines = ["서령군의회 제298회 제2차 정례회", "| 의안번호 | 제147호 | 제출연월일 | 2025. 11. 14. |", "2026년도 서령군 공유재산 관리계획(안)",
             "1. 제안이유", "ㅇ 공유재산에 대한 관리계획을 수립하여 군의회의 의결을 받고자 함"]
    assert extract_metadata(lines).title == "2026년도 서령군 공유재산 관리계획(안)"


def test_a_title_of_results_is_a_report_whatever_bullets_it_has():
    text = ("2026년 제1차 충청남도 지방재정투자심사 결과 (도 자체사업 및 시·군 의뢰사업)\n2026. 3.\n충청남도\n"
            "○ 심사 대상 18건 중 적정 7건, 조건부 8건으로 의결\n○ 총사업비 2,097억원 중 1,549억원이 통과\n○ 재검토 사업은 차기 심사에 재상정\n")
    assert parse_text(text, doc_id="review").doc_type == "report"
    # a plan with the same bullets stays a plan
    assert parse_text(text.replace("투자심사 결과 (도 자체사업 및 시·군 의뢰사업)", "투자사업 추진계획"), doc_id="plan").doc_type == "plan"


def test_a_foundations_summary_report_names_its_issuer_and_is_a_report():
    # ``(요 약 본)`` after ``경영실적보고서`` is the report's qualifier, and ``재단법인 서진문화재단`` its issuer
    lines = ["2025년도 서진시 출자·출연기관 경영실적 평가", "경영실적보고서", "(요 약 본)", "2026. 3.", "재단법인 서진문화재단", "기관 현황",
             "□ 조직 : 1실 2본부 9팀", "○ 사업 목표 달성률 96.4%", "○ 고객만족도 88.2점", "○ 예산 집행률 97.1%"]
    m = extract_metadata(lines)
    assert (m.doc_type, m.issuer) == ("report", "재단법인 서진문화재단")
    assert m.title.startswith("2025년도 서진시 출자·출연기관 경영실적 평가 경영실적보고서")


def test_a_series_number_and_a_situation_reports_time_are_no_part_of_a_title():
    # ``사업평가 25-09 (통권 제512호)`` between a series' name and the report's title; a periodical's issue: a report
    m = extract_metadata(["2025 재정사업 평가", "사업평가 25-09 (통권 제512호)", "전기차 충전인프라 구축사업 평가", "2025. 10.", "국회예산정책처",
                          "□ 평가 대상 사업", "ㅇ 환경부 사업", "ㅇ 예산 증가", "ㅇ 집행률 하락"])
    assert (m.title, m.doc_type) == ("2025 재정사업 평가 전기차 충전인프라 구축사업 평가", "report")
    # ``’26. 7. 15.(수) 06:00 현재`` under a situation report's title dates it
    m = extract_metadata(["호우 대처 상황 보고", "(제5보)", "’26. 7. 15.(수) 06:00 현재", "하령군 재난안전대책본부", "□ 상황 총괄",
                          "ㅇ 호우경보 발효 중", "ㅇ 인명피해 없음", "ㅇ 재산피해 집계 중"])
    assert (m.title, m.date) == ("호우 대처 상황 보고 (제5보)", "2026-07-15")


def test_a_notice_citing_a_law_is_not_named_by_it():
    # a 고시 that decides a plan under 「국토의 계획 및 이용에 관한 법률」 is named by its own title, not by the law it cites
    lines = ["동림시 고시 제2026-47호", "동림 도시관리계획(용도지역·도시계획시설) 결정(변경) 및 지형도면 고시",
             "동림 도시관리계획을 「국토의 계획 및 이용에 관한 법률」 제30조에 따라 다음과 같이 결정(변경)하고 지형도면을 고시합니다.",
             "2026년 3월 12일", "동 림 시 장"]
    m = extract_metadata(lines)
    assert (m.title, m.doc_type) == ("동림 도시관리계획(용도지역·도시계획시설) 결정(변경) 및 지형도면 고시", "notice")
    # a rule the notice issues still names it
    lines = ["중소벤처기업부 고시 제2024-40호", "「창업기업 바우처 지원사업 운영 규정」(중소벤처기업부 고시 제2023-51호)을 다음과 같이 일부개정하여 고시합니다.",
             "2024년 6월 14일", "중소벤처기업부장관"]
    assert extract_metadata(lines).title == "창업기업 바우처 지원사업 운영 규정"


def test_a_rule_amended_in_part_names_its_notice_and_notice_words_end_a_notices_title():
    lines = ["서령군 고시 제2026-15호", "「서령군 지방보조금 관리 지침」 일부를 다음과 같이 개정하여 고시합니다.", "2026년 2월 3일", "서령군수"]
    assert extract_metadata(lines).title == "서령군 지방보조금 관리 지침"
    assert doc_type_of("2026년 재난안전 문자 알림 서비스 고도화 계획", ["2026년 재난안전 문자 알림 서비스 고도화 계획"], "") == "plan"
    assert doc_type_of("행정처분 사전통지 제도 개선 방안 연구", ["행정처분 사전통지 제도 개선 방안 연구", "한국행정연구원"], "") == "report"
    articles = "\n".join(f"제{i}조(목적) 이 기준은 …" for i in range(1, 9))
    cover = ["국토교통부 고시 제2025-112호", "건축물의 에너지절약설계기준"]
    assert doc_type_of("건축물의 에너지절약설계기준", cover, articles) == "law"
