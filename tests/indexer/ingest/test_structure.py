"""Structure: the seed plan's goals land under the right headings; bills, laws and prose split well."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer.ingest.parsing import parse_file, parse_text
from indexer.ingest.structure import MAX_PASSAGE_CHARS
from indexer.records import is_searchable

SEED = Path(__file__).resolve().parents[3] / "corpus" / "incheon-midterm-plan-2021-general-admin.txt"
DIRECTION = ("제5장", "1. 일반공공행정 분야", "가. 투자 방향")
PROJECTS = ("제5장", "1. 일반공공행정 분야", "나. 투자 중점사업")


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def _raw_goals(section_text: str) -> list[str]:
    """Every ○ goal of a raw section, found independently of the parser (split at ○, cut at ' - ')."""
    text = re.sub(r"\n\s*\d{3}\s*\n\s*-?", "\n", section_text)  # drop page footers ("\n150\n\n-")
    flat = re.sub(r"\s+", " ", text)
    goals = []
    for piece in flat.split("○")[1:]:
        goal = re.split(r" -\s", piece)[0]
        goal = goal.split("【")[0]
        goals.append(" ".join(goal.replace("· ", "·").split()))  # a line broken after · is rejoined tight
    return goals


def test_every_direction_goal_is_its_own_passage(seed):
    raw = SEED.read_text(encoding="utf-8")
    section = raw[raw.index("가. 투자 방향") : raw.index("나. 투자 중점사업")]
    expected = _raw_goals(section)
    got = [" ".join(p.text.lstrip("○ ").split()) for p in seed.passages if p.kind == "goal" and p.section == DIRECTION]
    assert len(expected) > 50
    assert got == expected


def test_every_project_goal_is_its_own_passage(seed):
    raw = SEED.read_text(encoding="utf-8")
    section = raw[raw.index("나. 투자 중점사업") :]
    expected = _raw_goals(section.split("문서에서")[0])
    got = [" ".join(p.text.lstrip("○ ").split()) for p in seed.passages if p.kind == "goal" and p.section[:3] == PROJECTS]
    assert got == expected
    sections = {p.section for p in seed.passages if p.kind == "goal" and p.section[:3] == PROJECTS}
    assert sections == {PROJECTS + ("【 입법 부문 】",), PROJECTS + ("【 일반행정 부문 】",)}


def test_sub_items_hang_under_their_goal(seed):
    by_id = {p.id: p for p in seed.passages}
    sub = next(p for p in seed.passages if p.text.startswith("- 주민자치회 구성"))
    assert sub.kind == "sub-item"
    assert by_id[sub.parent_id].text == "○ 전 읍면동 주민자치회 전환을 통한 주민자치 활성화"
    assert [t.metric for t in sub.targets] == ["주민자치회 구성"]


def test_page_break_sentence_is_rejoined(seed):
    p = next(p for p in seed.passages if "남북교류 사업을 안정적으로" in p.text)
    assert "추진하기 위한 사업비 지원과 이북5도민에 대한" in p.text
    assert p.page == 150


def test_no_noise_or_bare_page_numbers(seed):
    for p in seed.passages:
        assert not re.fullmatch(r"\s*-?\s*\d{1,4}\s*-?\s*", p.text)
        for noise in ("검색 결과가 없습니다", "문서에서", "관련 문서", "페이지 155"):
            assert noise not in p.text
        prose = p.text
        for t in p.targets:  # "(’22) 154" is a target value, not a footer
            prose = prose.replace(t.text, "")
        assert not re.search(r"(^|\s)(150|152|154)(\s|$)", prose), p.text


def test_offsets_and_ids(seed):
    ids = [p.id for p in seed.passages]
    assert len(ids) == len(set(ids))
    for p in seed.passages:
        assert seed.text[p.start : p.end] == p.text
        for t in p.targets:
            assert seed.text[t.start : t.end] == t.text
    # ids are content-derived: parsing again gives the same ones
    assert [p.id for p in parse_file(SEED).passages] == ids


def test_seed_targets_parse(seed):
    targets = {t.metric: t for p in seed.passages for t in p.targets}
    assert len([t for p in seed.passages for t in p.targets]) == 29
    t = targets["남북교류 협력을 위한 기금 전출금"]
    assert (t.unit, t.trend, [v.year for v in t.values]) == ("억원", "flat", [2021, 2022, 2023, 2024, 2025])
    assert targets["주민자치회 구성"].values[-1].value == 154


BILL = """제안이유

현행법은 공공기관의 정보공개에 관한 사항을 규정하고 있으나, 정보공개 청구에 대한 처리기간이 길어 국민의 알 권리가 충분히 보장되지 못하고 있음. 이에 처리기간을 단축하려는 것임.

주요내용

가. 정보공개 청구에 대한 결정 기간을 10일에서 7일로 단축함(안 제11조).

나. 비공개 결정에 대한 이의신청 절차를 간소화함(안 제18조).

제1조(목적) 이 법은 공공기관이 보유ㆍ관리하는 정보에 대한 국민의 공개 청구에 관하여 필요한 사항을 정한다.
제2조(정의) 이 법에서 사용하는 용어의 뜻은 다음과 같다.
"""


def test_bill_splits_at_its_units():
    doc = parse_text(BILL, doc_id="bill")
    assert doc.doc_type == "bill"
    kinds = [(p.kind, p.section[-1] if p.section else "") for p in doc.passages if p.kind != "heading"]
    assert ("item", "주요내용") in kinds and ("paragraph", "제안이유") in kinds
    assert sum(1 for p in doc.passages if p.kind == "article") == 2
    item = next(p for p in doc.passages if p.kind == "item")
    assert item.text.startswith("가. 정보공개 청구에 대한 결정 기간")


LAW = """제1장 총칙
제1조(목적) 이 법은 지방자치단체의 재정 운영에 관한 기본적인 사항을 정함을 목적으로 한다.
제2조(정의) ① 이 법에서 "중기지방재정계획"이란 5년 이상의 기간에 걸친 재정계획을 말한다. ② 지방자치단체의 장은 매년 중기지방재정계획을 수립하여야 한다. ③ 제2항에 따른 계획에는 다음 각 호의 사항이 포함되어야 한다.
제2장 재정계획
제3조(수립) 지방자치단체의 장은 계획을 수립하여 의회에 제출하여야 한다.
"""


def test_law_splits_at_articles_under_chapters():
    doc = parse_text(LAW, doc_id="law")
    assert doc.doc_type == "law"
    arts = [p for p in doc.passages if p.kind == "article"]
    assert [p.text[:4] for p in arts] == ["제1조(", "제2조(", "제3조("]
    assert arts[0].section == ("제1장 총칙",) and arts[2].section == ("제2장 재정계획",)


def test_long_prose_is_cut_into_sentence_groups_without_word_fragments():
    sentence = "지방자치단체는 주민의 복리 증진을 위하여 다양한 정책을 추진하고 있으며 그 성과를 매년 점검한다. "
    doc = parse_text(sentence * 50, doc_id="prose")
    paras = [p for p in doc.passages if p.kind == "paragraph"]
    assert len(paras) > 3
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in paras)
    assert all(p.text.endswith(".") for p in paras)  # cut at sentence ends, never inside a word
    assert "".join(p.text.replace(" ", "") for p in paras) == (sentence * 50).replace(" ", "")


def test_unpunctuated_prose_is_cut_at_spaces():
    text = "지방자치단체 주민 복리 증진 정책 추진 " * 90  # ~2,000 characters with no sentence end
    doc = parse_text(text, doc_id="run-on")
    assert len(doc.passages) >= 3 and all(len(p.text) <= MAX_PASSAGE_CHARS for p in doc.passages)
    assert " ".join(p.text for p in doc.passages).split() == text.split()


def test_a_file_that_is_only_a_title_is_still_searchable():
    doc = parse_text("예산 편성 기본방향", doc_id="title-only")
    assert [p.kind for p in doc.passages] == ["paragraph"]


WORK_PLAN = """2022년 주요업무 추진계획

□ 국어 말뭉치 확대 구축(3,180백만원)
ㅇ 인공지능 학습용 말뭉치를 분야별로 구축하여 대국민 공개
* 23종 20억 어절 공개(8,349건 배포)
ㅇ 지역 방언 말뭉치 구축 확대
□ 청사관리
ㅇ 노후 시설 개선
< 지역별 동향(억 달러, %) >
| 구분 | 2023년 | 2024년 |
| --- | --- | --- |
| 미국 | 279.9 | 220.8 |
"""


def test_content_headings_are_searchable_labels_are_not():


    doc = parse_text(WORK_PLAN, doc_id="work-plan")
    headings = {p.text: is_searchable(p) for p in doc.passages if p.kind == "heading"}
    assert headings["□ 국어 말뭉치 확대 구축(3,180백만원)"] is True
    assert headings["□ 청사관리"] is False  # a label: its items carry the content


def test_a_note_joins_the_item_it_annotates():
    doc = parse_text(WORK_PLAN, doc_id="work-plan")
    noted = next(p for p in doc.passages if "인공지능 학습용 말뭉치" in p.text)
    assert noted.text.endswith("* 23종 20억 어절 공개(8,349건 배포)")
    assert noted.text == doc.text[noted.start : noted.end]  # offsets still exact
    assert not any(p.text.startswith("*") for p in doc.passages)


def test_a_table_caption_line_is_not_a_passage_of_its_own():
    doc = parse_text(WORK_PLAN, doc_id="work-plan")
    assert not any(p.text.startswith("<") for p in doc.passages)
    row = next(p for p in doc.passages if p.kind == "row")
    assert row.text.startswith("지역별 동향(억 달러, %) › 미국:") and "2024년 220.8" in row.text


def test_a_budget_table_row_carries_its_target_series():
    text = "□ 세출예산\n(단위: 백만원)\n| 구분 | 2021년 | 2022년 |\n| --- | --- | --- |\n| 국어원 청사관리 | 1,622 | 1,797 |\n| 건물대여료 | 190 | 190 |\n| 합 계 | 1,812 | 1,987 |\n"
    doc = parse_text(text, doc_id="budget")
    targets = {t.metric: t for p in doc.passages if p.kind == "row" for t in p.targets}
    assert targets["국어원 청사관리"].unit == "백만원" and targets["국어원 청사관리"].trend == "up"
    assert [(v.year, v.value) for v in targets["건물대여료"].values] == [(2021, 190), (2022, 190)]
    assert targets["건물대여료"].trend == "flat"
    assert targets["세출예산 합계"].trend == "up"  # a total is named by its table's caption


def test_rows_under_a_merged_sector_each_carry_their_own_series():
    text = ("□ 분야별 투자계획\n(단위: 억원)\n| 분야 | 부문 | 2025 | 2026 |\n| --- | --- | --- | --- |\n"
            "| 사회복지 | 기초생활보장 | 9,820 | 10,240 |\n| | 노인·청소년 | 14,350 | 15,080 |\n| 환경 | 폐기물 | 1,960 | 2,050 |\n")
    doc = parse_text(text, doc_id="midterm")
    rows = [p for p in doc.passages if p.kind == "row"]
    assert [[t.metric for t in p.targets] for p in rows] == [["사회복지 기초생활보장"], ["사회복지 노인·청소년"], ["환경 폐기물"]]
    assert rows[1].targets[0].values[0].value == 14350 and "노인·청소년" in rows[1].text


def test_sentence_goals_are_one_point_targets_at_document_offsets():
    text = (
        "가. 추진 목표\n○ 청년 일자리 확대\n - 청년 인턴 채용 ’24년 목표 1,200명\n"
        " - 주민자치회 구성(개) : (‘21) 132 → (’22) 154\n"
        "□ 성과지표\n| 구분 | ’23년 | ’24년 목표 |\n| --- | --- | --- |\n| 취업자 수 | 20,000 | 30,000 |\n"
    )
    doc = parse_text(text, doc_id="goals")
    found = [(p.kind, t) for p in doc.passages for t in p.targets]
    assert [(kind, t.metric, t.trend) for kind, t in found] == [
        ("sub-item", "청년 인턴 채용", "target"),
        ("sub-item", "주민자치회 구성", "up"),
        ("row", "취업자 수", "up"),  # a table row is a series over its year columns, never a sentence goal
    ]
    row = next(p for p in doc.passages if p.kind == "row")
    assert "’24년 목표 30,000" in row.text  # reads like a sentence goal, but the row's series already says it
    goal = found[0][1]
    assert [(v.year, v.value) for v in goal.values] == [(2024, 1200)] and goal.unit == "명"
    assert doc.text[goal.start : goal.end] == goal.text == "청년 인턴 채용 ’24년 목표 1,200명"


@pytest.mark.parametrize(
    "text, check",
    [
        # The same goal-with-note twice in a section: distinct ids (one store row each).
        ("□ 추진 과제\nㅇ 민원 처리 기간 단축\n※ 세부 내용은 별첨\nㅇ 민원 처리 기간 단축\n※ 세부 내용은 별첨\n",
         lambda d: len({p.id for p in d.passages}) == len(d.passages)),
        # A heading ending in 순서 over short numbered lines is body, not a table of contents.
        ("3. 평가 순서\n가. 서류 평가 30\n나. 면접 평가 70\n다. 최종 평가 100\n4. 기타 사항\nㅇ 결과는 개별 통보한다\n",
         lambda d: any("개별 통보" in p.text for p in d.passages) and any("서류 평가" in p.text for p in d.passages)),
        # A note that merely mentions the caption is not the caption line.
        ("□ 고용 지표\n※ 고용 지표의 2023년 값은 잠정치\n| 구분 | 2022년 | 2023년 |\n| --- | --- | --- |\n| 취업자 | 100 | 110 |\n",
         lambda d: any("잠정치" in p.text for p in d.passages)),
        # A total row's series stays on the total row (계 is inside 일반회계).
        ("회계별 예산\n(단위: 백만원)\n| 구분 | 2023년 | 2024년 |\n| --- | --- | --- |\n| 계 | 300 | 330 |\n| 일반회계 | 200 | 210 |\n",
         lambda d: [[t.metric for t in p.targets] for p in d.passages if p.kind == "row"] == [["회계별 예산 계"], ["일반회계"]]),
        # A blank form keeps what it asks for.
        ("신청 안내\n< 신청서 양식 >\n| 성명 | 소속 | 연락처 |\n| --- | --- | --- |\n| | | |\n",
         lambda d: any("성명 · 소속 · 연락처" in p.text for p in d.passages)),
        # Odd separators in entries never break TOC detection.
        ("보고서 제목\n\n1. 항목1 \u20282 쪽\n2. 항목2 \u20284 쪽\n3. 항목3 \u20286 쪽\n\n본문.", lambda d: len(d.passages) >= 1),
    ],
)
def test_shapes_found_in_review(text, check):
    doc = parse_text(text, doc_id="review")
    assert check(doc), [(p.kind, p.text) for p in doc.passages]
    assert all(p.text == doc.text[p.start : p.end] for p in doc.passages if p.kind not in ("row", "table"))


def test_a_note_after_a_dropped_toc_does_not_bring_it_back():
    text = "2022년 업무계획을 다음과 같이 수립한다.\n[ 목 차 ]\nⅠ. 평가 ······ 1\nⅡ. 방향 ······ 4\nⅢ. 과제 ······ 6\n※ 참고 자료는 별첨\nⅠ. 평가\nㅇ 성과 점검\n"
    doc = parse_text(text, doc_id="toc-note")
    assert not any("목 차" in p.text or "······" in p.text for p in doc.passages)


_RFP = (
    "K-water 디지털플랫폼 구축 사업\n\n제 안 요 청 서\n\n2023. 3.\n\n한국수자원공사\n\n목 차\n\n"
    "Ⅰ. 사업 개요 1\n1. 사업 개요 1\n2. 추진 배경 2\n\n"
    "Ⅰ. 사업 개요\n1. 사업 개요\n 1) 사 업 명 : K-water 디지털플랫폼 구축\n 2) 사업기간 : 계약일로부터 18개월\n"
    " 3) 사업금액 : ￦19,209,180,000 (부가가치세 포함)\n2. 추진 배경\n ○ 분산된 정보시스템의 통합 운영 필요\n"
)


def test_an_rfp_overview_keeps_each_label_with_its_value_under_its_heading():
    doc = parse_text(_RFP, doc_id="rfp")
    assert (doc.title, doc.doc_type, doc.issuer) == ("K-water 디지털플랫폼 구축 사업 제안요청서", "rfp", "한국수자원공사")
    by_text = {p.text: p for p in doc.passages}
    amount = by_text["3) 사업금액 : ￦19,209,180,000 (부가가치세 포함)"]
    # An item under 1. 사업 개요, not under the label before it (``2) 사업기간 : …`` as a heading).
    assert amount.kind == "item" and amount.section == ("Ⅰ. 사업 개요", "1. 사업 개요")
    assert by_text["1) 사업명 : K-water 디지털플랫폼 구축"].kind == "item"  # its spaced label joined
    assert not any("목 차" in p.text or "목차" in p.text for p in doc.passages)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("1. 분기별 동향 (단위 : 억불)", "heading"),  # a colon inside a unit note
        ("가. 추진 방향", "heading"),
        ("□ 국어 말뭉치 구축: 30억원", "heading"),  # a box heading says what it costs
        ("가. 사업기간: 2023년~2025년", "item"),
        ("(1) 계약방법 : 협상에 의한 계약", "item"),
    ],
)
def test_a_numbered_label_with_its_value_is_an_item(line, kind):
    doc = parse_text(f"Ⅰ. 개요\n{line}\nㅇ 세부 내용을 정리한다\n", doc_id="kv")
    assert next(p.kind for p in doc.passages if p.text == line) == kind


def test_a_part_total_heads_the_lines_that_reckon_it():
    """A budget explanation's 산출근거: ``(2) 프로젝트형 : 26,520백만원`` then how it is reckoned. The bullets under
    a total are its part's (they must name it); a total with no bullets under it, or a field, stays an item."""
    text = (
        "3. 2024년도 예산안 산출근거\n(1) 인턴형 : 36,480백만원\n○ 참여수당 : 12,000명 × 500천원 × 5개월 = 30,000백만원\n"
        "- 참여청년 1인당 월 50만원 지급\n(2) 프로젝트형 : 26,520백만원\n○ 참여수당 : 20,000명 × 1,100천원 = 22,000백만원\n"
        "(3) 기업탐방형 : 8,750백만원\n(4) 사업기간 : 2022년 ~ 계속\n○ 계속사업으로 운영\n"
    )
    doc = parse_text(text, doc_id="calc")
    by_text = {p.text: p for p in doc.passages}
    top = ("3. 2024년도 예산안 산출근거",)
    assert by_text["(1) 인턴형 : 36,480백만원"].kind == "heading"
    assert by_text["○ 참여수당 : 20,000명 × 1,100천원 = 22,000백만원"].section == (*top, "(2) 프로젝트형 : 26,520백만원")
    assert by_text["- 참여청년 1인당 월 50만원 지급"].section == (*top, "(1) 인턴형 : 36,480백만원")
    assert by_text["(3) 기업탐방형 : 8,750백만원"].kind == "item"  # nothing reckoned under it
    assert by_text["(3) 기업탐방형 : 8,750백만원"].section == top
    assert by_text["(4) 사업기간 : 2022년 ~ 계속"].kind == "item"  # a field, not a sum
    # a sum in 억 and 천만원 (a 추경 제안설명서's ``1) 벼 재배농가 경영안정자금 : 20억 6천만원``) over its lines heads them
    doc = parse_text("다. 농림해양수산 분야\n1) 벼 재배농가 경영안정자금 : 20억 6천만원\nㅇ 대상 : 관내 벼 재배 3,850농가\n"
                     "ㅇ 지원단가 : ha당 50만원\n2) 긴급벌채 및 복구조림 : 31억 4천만원\nㅇ 긴급벌채 620ha", doc_id="extra")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["ㅇ 지원단가 : ha당 50만원"].section == ("다. 농림해양수산 분야", "1) 벼 재배농가 경영안정자금 : 20억 6천만원")


def test_a_note_line_joins_the_passage_that_marks_it_and_is_never_a_heading():
    text = (
        "가. 추진 방향\n○ 주민자치회를 전 읍면동으로 확대한다.[^1]\n[^1]: 2023년 기준 132개 읍면동\n"
        "○ 마을공동체 지원센터를 설치한다.\n"
    )
    doc = parse_text(text, doc_id="notes")
    assert [p.kind for p in doc.passages] == ["title", "goal", "goal"]
    assert doc.passages[1].text.endswith("[^1]: 2023년 기준 132개 읍면동")
    assert all(p.section == ("가. 추진 방향",) for p in doc.passages[1:])  # the note opened no section


def test_table_and_figure_titles_name_their_table_and_open_no_section():
    text = (
        "1. 현황\n□ 생활인구는 등록인구의 5.1배 수준임\n‹표 1> 유형별 생활인구 현황(2023년)\n(단위: 만 명)\n"
        "| 유형 | 등록인구 | 생활인구 |\n| --- | --- | --- |\n| 인구감소지역 | 490 | 2,500 |\n"
        "[그림 1] 월별 생활인구 추이\n□ 체류일수가 늘어남\nㅇ 평균 3.2일\n"
    )
    doc = parse_text(text, doc_id="brief")
    (row,) = [p for p in doc.passages if p.kind == "row"]
    assert row.text == "유형별 생활인구 현황(2023년) › (단위: 만 명) › 인구감소지역: 등록인구 490 · 생활인구 2,500"
    assert not any(p.kind == "heading" and "그림" in p.text for p in doc.passages)
    assert all("그림" not in s for p in doc.passages for s in p.section)


def test_a_table_continued_on_the_next_page_keeps_its_header_and_caption():
    text = (
        "□ 자치구별 현황\n<표 2> 자치구별 공급 호수\n| 자치구 | 유형 | 호수 | 경쟁률 |\n| --- | --- | --- | --- |\n"
        "| 은평구 | 다가구 | 18 | 24.3 |\n- 3 -\n"
        "| 노원구 | 다가구 | 18 | 24.3 |\n| --- | --- | --- | --- |\n| 도봉구 | 다세대 | 12 | 11.0 |\n- 4 -\n"  # a data row read as a header
        "| 자치구 | 유형 | 호수 | 경쟁률 |\n| --- | --- | --- | --- |\n| 중랑구 | 다가구 | 9 | 8.5 |\n- 5 -\n"  # the header repeated
        "| 구분 | 내용 |\n| --- | --- |\n| 문의 | 주거복지처 |\n"  # another table on the page: its own
        "| 구분 | 전화 |\n| --- | --- |\n| 주거복지처 | 1600-1004 |\n"  # same width, same page: its own too
    )
    rows = [p.text for p in parse_text(text, doc_id="split").passages if p.kind == "row"]
    assert rows == [
        "자치구별 공급 호수 › 은평구: 유형 다가구 · 호수 18 · 경쟁률 24.3",
        "자치구별 공급 호수 › 노원구: 유형 다가구 · 호수 18 · 경쟁률 24.3",
        "자치구별 공급 호수 › 도봉구: 유형 다세대 · 호수 12 · 경쟁률 11.0",
        "자치구별 공급 호수 › 중랑구: 유형 다가구 · 호수 9 · 경쟁률 8.5",
        "문의: 주거복지처",
        "주거복지처: 전화 1600-1004",
    ]


def test_a_bill_with_one_reasons_heading_and_an_article_with_numbered_items():
    text = (
        "주택임대차보호법 일부개정법률안\n제안이유 및 주요내용\n현행법은 임차인의 보호에 공백이 있음.\n"
        "제3조의7(임대인의 정보 제시 의무) ① 임대인은 다음 각 호의 사항을 제시하여야 한다.\n"
        "1. 해당 주택의 확정일자 부여일\n2. 납세증명서\n② 방법은 대통령령으로 정한다.\n부칙\n이 법은 공포한 날부터 시행한다.\n"
    )
    doc = parse_text(text, doc_id="bill")
    assert doc.doc_type == "bill"
    kinds = {p.text: (p.kind, p.section) for p in doc.passages}
    assert kinds["제안이유 및 주요내용"][0] == "heading"
    assert kinds["현행법은 임차인의 보호에 공백이 있음."][1][-1] == "제안이유 및 주요내용"
    # 각 호 are items of the article: they open no section, and what follows is not under them.
    assert kinds["2. 납세증명서"][0] == "item"
    assert kinds["② 방법은 대통령령으로 정한다."][1] == kinds["1. 해당 주택의 확정일자 부여일"][1]
    assert kinds["이 법은 공포한 날부터 시행한다."][1][-1] == "부칙"


def test_a_bills_text_is_a_part_of_its_own_apart_from_the_reasons():
    # As the National Assembly publishes a bill: cover, reasons, then the act's text after its blank
    # promulgation number (``법률 제 호``), its drafting formula, articles and 부칙, then the comparison table.
    text = (
        "농지법 일부개정법률안\n(김민수의원 대표발의)\n제안이유 및 주요내용\n현행법은 농지에 임시 숙소를 설치할 수 없음.\n"
        "법률 제 호\n농지법 일부개정법률\n농지법 일부를 다음과 같이 개정한다.\n"
        "제34조의2(농촌체류형 쉼터의 설치) ① 농지에 쉼터를 설치할 수 있다.\n부 칙\n이 법은 공포 후 6개월이 경과한 날부터 시행한다.\n"
        "신ㆍ구조문대비표\n| 현 행 | 개 정 안 |\n|---|---|\n| <신 설> | 제34조의2(농촌체류형 쉼터의 설치) |\n"
    )
    doc = parse_text(text, doc_id="bill")
    kinds = {p.text: (p.kind, p.section) for p in doc.passages}
    assert "법률 제 호" not in doc.text and not any("법률 제 호" in t for t in kinds)
    assert doc.title == "농지법 일부개정법률안"
    assert kinds["현행법은 농지에 임시 숙소를 설치할 수 없음."][1] == ("제안이유 및 주요내용",)
    assert kinds["농지법 일부를 다음과 같이 개정한다."][1] == ("농지법 일부개정법률",)
    assert kinds["제34조의2(농촌체류형 쉼터의 설치) ① 농지에 쉼터를 설치할 수 있다."][1] == ("농지법 일부개정법률",)
    assert kinds["이 법은 공포 후 6개월이 경과한 날부터 시행한다."][1] == ("농지법 일부개정법률", "부칙")
    rows = [p for p in doc.passages if p.kind == "row"]
    assert rows and all(p.section[:1] == ("신ㆍ구조문대비표",) for p in rows)


def test_a_goal_bullet_nested_under_another_has_it_as_parent():
    text = (
        "가. 추진 방향\n□ 산사태 피해를 최소화함\nㅇ 취약지역에 방지시설을 설치함\n - 2025년까지 500곳\n"
        "ㅇ 주민 대피 훈련을 강화함\n□ 하천 범람을 예방함\nㅇ 제방을 보강함\n나. 추진 체계\nㅇ 협의회 운영\n"
    )
    doc = parse_text(text, doc_id="nested")
    by_id = {p.id: p for p in doc.passages}
    parent = {p.text: by_id[p.parent_id].text if p.parent_id else None for p in doc.passages}
    assert parent["ㅇ 취약지역에 방지시설을 설치함"] == parent["ㅇ 주민 대피 훈련을 강화함"] == "□ 산사태 피해를 최소화함"
    assert parent["- 2025년까지 500곳"] == "ㅇ 취약지역에 방지시설을 설치함"
    assert parent["□ 하천 범람을 예방함"] is None and parent["ㅇ 제방을 보강함"] == "□ 하천 범람을 예방함"
    assert parent["ㅇ 협의회 운영"] is None  # a heading closes the goals before it


def test_a_numbered_sentence_is_an_item_by_one_sentence_rule():
    # ``…없음`` ends a sentence for the outline and for the heading ranks alike.
    text = "1. 신청자격\n가. 만 19세 이상 39세 이하인 사람\n나. 다음 각 호에 해당하는 경우 신청할 수 없음\n1) 공공기관 재직자\n"
    kinds = {p.text: (p.kind, p.section) for p in parse_text(text, doc_id="notice").passages}
    assert kinds["나. 다음 각 호에 해당하는 경우 신청할 수 없음"][0] != "heading"
    assert "나. 다음 각 호에 해당하는 경우 신청할 수 없음" not in kinds["1) 공공기관 재직자"][1]


def test_performance_indicator_rows_take_their_own_unit():
    text = (
        "6) 성과지표\n| 성과지표 | 단위 | '23 실적 | '24 목표 |\n| --- | --- | --- | --- |\n| 이용자 만족도 | 점 | 80 | 85 |\n"
        "| 참여 인원(명) | - | 1,200 | 1,500 |\n| 구축량 | 누적 | 10 | 20 |\n"  # a dash or 누적 under 단위 is no unit
    )
    got = [(t.metric, t.unit, [(v.year, v.value) for v in t.values]) for p in parse_text(text, doc_id="kpi").passages for t in p.targets]
    assert got == [
        ("이용자 만족도", "점", [(2023, 80.0), (2024, 85.0)]),
        ("참여 인원", "명", [(2023, 1200.0), (2024, 1500.0)]),
        ("구축량", None, [(2023, 10.0), (2024, 20.0)]),
    ]


def test_a_box_that_only_labels_a_table_does_not_nest_what_follows():
    text = (
        "1. 국어 발전 기반 구축\n□ 예산 총괄표\n(단위: 백만원)\n| 구분 | '23 | '24 |\n| --- | --- | --- |\n| 계 | 100 | 120 |\n"
        "1) 사업목적\nㅇ 국어 자원을 구축\n2) 사업내용\nㅇ 말뭉치 구축\n"
        "2. 지역문화 활성화\n□ 추진 배경\nㅇ 지역 격차 해소\n1) 사업목적\nㅇ 지역 문화 자원 발굴\n"
    )
    sections = {p.text: p.section for p in parse_text(text, doc_id="budget").passages}
    assert sections["ㅇ 국어 자원을 구축"] == ("1. 국어 발전 기반 구축", "1) 사업목적")
    # A box with text of its own is a real section: what follows still nests under it.
    assert sections["ㅇ 지역 문화 자원 발굴"] == ("2. 지역문화 활성화", "□ 추진 배경", "1) 사업목적")


def test_a_work_reports_numbered_tasks_are_headings():
    text = (
        "Ⅲ. 2024년 핵심 추진과제\n과제 1  AI 일상화로 국민 삶의 질 제고\n□ 디지털 포용 강화\n"
        "ㅇ 디지털배움터 교육인원 : '23년 51만명 → '24년 55만명\n과제 2  R&D 혁신\n□ 연구자 지원 확대\nㅇ 국제공동연구 확대\n"
    )
    sections = {p.text: p.section for p in parse_text(text, doc_id="report").passages}
    assert sections["ㅇ 디지털배움터 교육인원 : '23년 51만명 → '24년 55만명"][1] == "과제 1 AI 일상화로 국민 삶의 질 제고"
    assert sections["ㅇ 국제공동연구 확대"][1:] == ("과제 2 R&D 혁신", "□ 연구자 지원 확대")
    # A sentence about tasks is no heading.
    doc = parse_text("□ 추진 현황\nㅇ 과제 12 건을 올해 마무리하였다.\n", doc_id="s")
    assert [p.kind for p in doc.passages] == ["title", "goal"]


@pytest.mark.parametrize(
    "text, line, kind",
    [
        ("Ⅰ. 개요\n1. 비전: 국민과 함께하는 디지털 정부\n○ 데이터 개방\n", "1. 비전: 국민과 함께하는 디지털 정부", "heading"),
        ("Ⅰ. 개요\n2. 사회적 책임\n○ 지역 사회 공헌\n", "2. 사회적 책임", "heading"),  # 책임 is a noun, not …음/…임
        ("Ⅰ. 개요\n3. 주민 모임\n○ 모임 운영\n", "3. 주민 모임", "heading"),
        ("Ⅰ. 개요\n1. 추진 경과 (2023. 12.)\n○ 경과 보고\n", "1. 추진 경과 (2023. 12.)", "heading"),  # a date's full stop
        # After an article, a line that is not its clause ends its 호: later numbered lines are headings again.
        ("Ⅰ. 배경\n제3조(정의) 용어의 뜻은 다음과 같다.\n1. 정의\n□ 지역 거점을 육성함\n2. 기대 효과\n○ 효과\n", "2. 기대 효과", "heading"),
        # A field of a list of fields (after ``가. 접수기간 : 3. 18.``) is an item whatever its value.
        ("4. 신청방법\n가. 접수기간 : 2024. 3. 18. ~ 3. 22.\n나. 접수방법 : 인터넷 청약(모바일 포함)\n", "나. 접수방법 : 인터넷 청약(모바일 포함)", "item"),
        ("4. 신청방법\n나. 접수방법 : 인터넷 청약\nㅇ 세부 안내\n", "나. 접수방법 : 인터넷 청약", "heading"),
        # A numbered line with its next sibling or an outer heading right under it titles nothing: an item.
        ("2) 추진계획\n가) 상반기 발급 집중기간 운영(2~4월)\n나) 이용 가맹점 확대\nㅇ 세부\n", "가) 상반기 발급 집중기간 운영(2~4월)", "item"),
        ("1. 문화복지\n가. 작은도서관 활성화\n1) 순회사서 파견\nㅇ 주 2회\n2) 독서 프로그램 운영비 지원\n2. 관광\n",
         "2) 독서 프로그램 운영비 지원", "item"),
        ("1. 문화복지\n가. 작은도서관 활성화\n1) 순회사서 파견\nㅇ 주 2회\n2) 독서 프로그램 운영비 지원\n2. 관광\n", "1) 순회사서 파견", "heading"),
        # …but a short label (an org chart's ``(8) 한국어 진흥과``) stays a heading, out of the hits.
        ("□ 기구 현황\n(8) 한국어진흥과\n(11) 공공언어과\nㅇ 기타\n", "(8) 한국어진흥과", "heading"),
    ],
)
def test_headings_that_look_like_sentences_or_values(text, line, kind):
    assert next(p.kind for p in parse_text(text, doc_id="h").passages if p.text == line) == kind


@pytest.mark.parametrize(
    "text, line, section",
    [
        # A label:value item of an open heading family closes that heading: 다 is beside 나, not under it.
        ("가. 응용시스템 개발\nㅇ 내용 A\n나. 데이터 이관 및 정제\nㅇ 내용 B\n다. 인프라 구축 : 서버 12식, 스토리지 2식\n",
         "다. 인프라 구축 : 서버 12식, 스토리지 2식", ()),
        # A list of fields goes on with its numbering whatever the value: 나 (no figure, no overview field)
        # is an item beside 가, and 다 is not nested under it.
        ("4. 신청방법\n가. 접수기간 : 2024. 3. 18. ~ 3. 22.\n나. 접수방법 : 인터넷 청약(모바일 포함)\n다. 당첨자 발표 : 5. 10.\n",
         "다. 당첨자 발표 : 5. 10.", ("4. 신청방법",)),
        # …but only after such an item: a heading opens a new section and the first value-less line heads it.
        ("1. 개요\n가. 접수기간 : 3. 18.\n2. 추진 방향\n가. 비전 : 국민과 함께하는 정부\nㅇ 세부 과제\n", "ㅇ 세부 과제",
         ("2. 추진 방향", "가. 비전 : 국민과 함께하는 정부")),
        # 나 is beside 가 (which titles nothing), not nested under it.
        ("2) 추진계획\n가) 상반기 발급 집중기간 운영(2~4월)\n나) 이용 가맹점 확대 : 1,200개소 → 1,500개소\n",
         "나) 이용 가맹점 확대 : 1,200개소 → 1,500개소", ("2) 추진계획",)),
        # A project box over its budget table is a section, not a table label: (1) stays under it.
        ("□ 정보화 기반 구축\n| 구분 | '23 | '24 |\n| --- | --- | --- |\n| 계 | 1 | 2 |\n(1) 사업목적\nㅇ 목적\n", "ㅇ 목적",
         ("□ 정보화 기반 구축", "(1) 사업목적")),
        # A report's decimal sections.
        ("2. 현황 분석\n2.1 생활서비스 접근성\n의료 접근성이 낮다.\n", "의료 접근성이 낮다.", ("2. 현황 분석", "2.1 생활서비스 접근성")),
        # …nested by their number of parts: 2.2.1 under 2.2, and 2.3 beside 2.2 again.
        ("2. 현황\n2.1 인구\n인구가 줄었다.\n2.2 생활 여건\n2.2.1 의료\n병원이 멀다.\n", "병원이 멀다.",
         ("2. 현황", "2.2 생활 여건", "2.2.1 의료")),
        ("2. 현황\n2.2 생활 여건\n2.2.1 의료\n병원이 멀다.\n2.3 교통\n버스가 적다.\n", "버스가 적다.", ("2. 현황", "2.3 교통")),
        # Hyphenated numbers the same way; each starts a line of its own (it had run on from the line before).
        ("1. 국어능력 진단\n1-1. 진단 체계 개발\n1-1-1. 쓰기 진단 도구\nㅇ 도구 개발 추진\n1-2. 시범 운영\nㅇ 학교 10곳에서 운영\n",
         "ㅇ 도구 개발 추진", ("1. 국어능력 진단", "1-1. 진단 체계 개발", "1-1-1. 쓰기 진단 도구")),
        ("1. 국어능력 진단\n1-1. 진단 체계 개발\n1-1-1. 쓰기 진단 도구\nㅇ 도구 개발 추진\n1-2. 시범 운영\nㅇ 학교 10곳에서 운영\n",
         "ㅇ 학교 10곳에서 운영", ("1. 국어능력 진단", "1-2. 시범 운영")),
        # An article quoted in a plan does not turn the plan's numbered headings into 호.
        ("1. 수립 근거\n제24조(계획의 수립) ① 시장은 계획을 수립하여야 한다.\n2. 계획의 범위\nㅇ 시간적 범위\n", "ㅇ 시간적 범위", ("2. 계획의 범위",)),
    ],
)
def test_sections_after_second_review(text, line, section):
    assert next(p.section for p in parse_text(text, doc_id="r2").passages if p.text == line) == section


def test_one_circle_bullet_typed_three_ways_and_a_box_never_nests_under_it():
    text = "가. 추진 방향\n○ A 추진\nㅇ B 추진\n□ 장관은 지원을 약속했다.\nㅇ C 추진\n"
    doc = parse_text(text, doc_id="b")
    by_id = {p.id: p for p in doc.passages}
    parent = {p.text: by_id[p.parent_id].text if p.parent_id else None for p in doc.passages}
    assert parent["ㅇ B 추진"] is None and parent["□ 장관은 지원을 약속했다."] is None
    assert parent["ㅇ C 추진"] == "□ 장관은 지원을 약속했다."


def test_a_basis_line_alone_heads_the_tables_it_qualifies():
    # A statistics release prints the same tables twice, 총투자 then 순투자: only the basis line tells them apart.
    text = (
        "참고 1 해외직접투자 세부통계\n\n(총투자 기준)\n1. 연도별 동향\n"
        "| 구분 | 2023년 | 2024년 |\n| --- | --- | --- |\n| 투자액 | 651.5 | 639.5 |\n\n"
        "(순투자 기준)\n1. 연도별 동향\n"
        "| 구분 | 2023년 | 2024년 |\n| --- | --- | --- |\n| 투자액 | 537.2 | 466.1 |\n\n"
        "□ 인원 현황\n(’22.1.1. 기준)\n| 구분 | 정원 |\n| --- | --- |\n| 계 | 120 |\n"
    )
    doc = parse_text(text, doc_id="odi")
    rows = {p.text.rsplit(" ", 1)[-1]: p.section for p in doc.passages if p.kind == "row"}
    assert "(총투자 기준)" in rows["639.5"] and "(순투자 기준)" not in rows["639.5"]
    assert "(순투자 기준)" in rows["466.1"] and "(총투자 기준)" not in rows["466.1"]
    assert "(’22.1.1. 기준)" not in {s for p in doc.passages for s in p.section}  # a dated note is no heading of its own


def test_a_basis_line_nests_under_the_heading_above_and_keeps_its_caption():
    text = "[재정 현황]\n□ 연도별 재정 투자\n(본예산 기준)\n| 구분 | 2023년 | 2024년 |\n| --- | --- | --- |\n| 일반회계 | 100 | 120 |\n"
    row = next(p for p in parse_text(text, doc_id="fiscal").passages if p.kind == "row")
    assert row.section == ("[재정 현황]", "□ 연도별 재정 투자", "(본예산 기준)")
    assert row.text.startswith("연도별 재정 투자 › 일반회계")


def _sections(text: str) -> dict[str, tuple[str, ...]]:
    return {p.text: p.section for p in parse_text(text, doc_id="c").passages}


def test_circled_task_titles_head_their_sections():
    # A work plan's tasks numbered ①②: each titles the □ sections (or ㅇ items) under it.
    text = (
        "Ⅳ. 역점추진 과제\n1 현안 과제\n① 조직 개편 및 인력 증원\n□ 요청 배경\nㅇ 공공언어 평가가 의무화됨\n"
        "② 언어능력 평가 체계 개발\n□ 사업개요\nㅇ 사업규모: 총 사업비 205.4억원\n"
        "2 핵심 과제\n① 국어사전 개편\nㅇ 사전 전면 개편 추진\n"
    )
    s = _sections(text)
    assert s["ㅇ 사업규모: 총 사업비 205.4억원"][-2:] == ("② 언어능력 평가 체계 개발", "□ 사업개요")
    assert s["ㅇ 공공언어 평가가 의무화됨"][-2:] == ("① 조직 개편 및 인력 증원", "□ 요청 배경")
    assert s["ㅇ 사전 전면 개편 추진"][-2:] == ("2 핵심 과제", "① 국어사전 개편")


@pytest.mark.parametrize(
    "text, line",
    [
        # A list of circled steps under a bullet: items, the next bullet is not under ③.
        ("□ 추진 내용\nㅇ 단계별 추진\n① 기본계획 수립\n② 시범 운영\nㅇ 기대 효과 분석\n", "ㅇ 기대 효과 분석"),
        # A circled item with a sub-item under a bullet (not right after a heading): still an item.
        ("□ 추진 내용\nㅇ 단계별 추진\n① 기본계획 수립\n- 연구용역 발주\nㅇ 기대 효과 분석\n", "ㅇ 기대 효과 분석"),
        # A clause that is a sentence never heads anything.
        ("□ 근거\n① 시장은 계획을 수립하여야 한다.\nㅇ 세부 내용\n", "ㅇ 세부 내용"),
    ],
)
def test_circled_lines_that_are_not_titles_stay_items(text, line):
    assert not any(x.startswith(("①", "②")) for x in _sections(text)[line])


def test_an_faq_answer_stays_with_its_question():
    text = (
        "붙임 2. 자주 묻는 질문(FAQ)\nQ1. 신청 자격은 어떻게 되나요?\nA. 무주택 세대구성원인 청년입니다.\n"
        "Q2. 임대기간은 얼마인가요?\nA. 최장 30년까지 거주할 수 있습니다.\n문. 신청은 어디서 하나요?\n답. 마이홈포털에서 신청합니다.\n"
    )
    doc = parse_text(text, doc_id="faq")
    texts = [p.text for p in doc.passages]
    assert texts[0] == "붙임 2. 자주 묻는 질문(FAQ)"  # the heading does not run on into the first question
    assert "Q2. 임대기간은 얼마인가요?\nA. 최장 30년까지 거주할 수 있습니다." in texts
    assert "문. 신청은 어디서 하나요?\n답. 마이홈포털에서 신청합니다." in texts
    assert not any(t.startswith(("A.", "답.")) for t in texts)


# -- Table passages: the rows around a row, shown for its hits ------------------------------------

def test_a_table_passage_holds_its_rows_and_comes_before_them():

    from tests.conftest import BUDGET_TABLE

    doc = parse_text(BUDGET_TABLE, doc_id="budget")
    kinds = [p.kind for p in doc.passages]
    assert kinds == ["title", "table", "row", "row", "row"]
    table, rows = doc.passages[1], doc.passages[2:]
    assert table.text == "\n".join(r.text for r in rows)
    # The table spans its rows' lines; each row cites its own line.
    assert (table.start, table.end, table.page, table.section) == (rows[0].start, rows[-1].end, rows[0].page, rows[0].section)
    assert [doc.text[r.start : r.end].split("|")[1].strip() for r in rows] == [r.text.split("› ")[-1].split(":")[0] for r in rows]
    assert not is_searchable(table) and all(is_searchable(r) for r in rows)
    # The rows' year series stay targets of the rows, not of the table (never counted twice).
    assert table.targets == () and [t.metric for r in rows for t in r.targets] == ["세출예산 합계", "국어 말뭉치", "공공언어"]


def test_a_long_table_is_shown_a_run_of_rows_at_a_time():
    body = "".join(f"| 사업{i:02d} 추진 세부 내용 설명 | {100 + i} | {200 + i} |\n" for i in range(60))
    doc = parse_text("□ 사업별 예산\n| 사업 | 2023년 | 2024년 |\n| --- | --- | --- |\n" + body, doc_id="long")
    tables = [i for i, p in enumerate(doc.passages) if p.kind == "table"]
    assert len(tables) > 1
    for a, b in zip(tables, tables[1:] + [len(doc.passages)]):
        table, rows = doc.passages[a], doc.passages[a + 1 : b]
        assert rows and all(r.kind == "row" for r in rows)
        assert table.text == "\n".join(r.text for r in rows)
        assert len(table.text) <= MAX_PASSAGE_CHARS or len(rows) == 1
    assert sum(p.kind == "row" for p in doc.passages) == 60


def test_a_unit_line_between_a_heading_and_its_table_lives_on_in_the_rows_only():
    doc = parse_text("다. 연도별 투자계획\n(단위: 백만원)\n| 사업명 | 2024 | 2025 |\n|---|---|---|\n| 그린마을 조성 | 6,000 | 8,000 |\n", doc_id="u")
    assert [p.kind for p in doc.passages] == ["title", "table", "row"]
    assert doc.passages[-1].text == "연도별 투자계획 › (단위: 백만원) › 그린마을 조성: 2024 6,000 · 2025 8,000"


def test_a_middle_dot_under_a_dash_is_a_sub_item_of_the_goal():
    doc = parse_text("□ 성과 1\n◦ 종합계획 수립 및 설명회 10회 개최\n- 도민 참여단 100명 운영\n· 제안 과제 중 5건은 예산에 편성\n", doc_id="m")
    goal = next(p for p in doc.passages if p.kind == "goal")
    dot = doc.passages[-1]
    assert (dot.kind, dot.parent_id) == ("sub-item", goal.id)


def test_a_projects_record_names_the_sections_under_it_until_the_next_record():
    project = "| 사업명 | {} | 사업코드 | {} |\n|---|---|---|---|\n1. 사업 개요\n□ 사업목적\nㅇ {}\n2. 예산 내역\nㅇ 2024년 {}\n"
    text = "2024년도 예산 사업설명자료\nⅠ. 사업별 설명\n" + project.format("스마트팜 ICT 융복합 확산", "1234-301", "ICT 장비 보급", "61,350백만원")
    text += project.format("농촌 빈집 정비 지원", "1234-415", "빈집 철거와 수리", "18,500백만원") + "Ⅱ. 참고 자료\nㅇ 용어 설명\n"
    doc = parse_text(text, doc_id="b")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["ㅇ 빈집 철거와 수리"].section == ("Ⅰ. 사업별 설명", "사업명: 농촌 빈집 정비 지원", "1. 사업 개요", "□ 사업목적")
    assert by_text["ㅇ 2024년 61,350백만원"].section == ("Ⅰ. 사업별 설명", "사업명: 스마트팜 ICT 융복합 확산", "2. 예산 내역")
    # the record itself stays outside its section (no previous project's headings), an outer heading ends it
    record = next(p for p in doc.passages if p.kind == "row" and "농촌 빈집" in p.text)
    assert record.section == ("Ⅰ. 사업별 설명",)
    assert by_text["ㅇ 용어 설명"].section == ("Ⅱ. 참고 자료",)


def test_a_budget_total_in_a_projects_section_is_named_by_the_project():
    project = ("| 사업명 | {} | 사업코드 | 1234-415 |\n|---|---|---|---|\n2. 예산 내역\n(단위: 백만원)\n"
               "| 구분 | 2023 예산 | 2024 예산안 |\n|---|---|---|\n| 합계 | 12,000 | 18,500 |\n")
    text = project.format("농촌 빈집 정비 지원") + project.format("스마트팜 ICT 융복합 확산")
    targets = [t for p in parse_text(text, doc_id="t").passages for t in p.targets]
    assert [(t.metric, t.unit) for t in targets] == [("농촌 빈집 정비 지원 합계", "백만원"), ("스마트팜 ICT 융복합 확산 합계", "백만원")]


def test_records_name_sections_only_in_a_document_of_several_and_nest_by_tier():
    # One record (an RFP's overview) names the whole document: its chapters stay where they are.
    rfp = "| 사업명 | 서울시 AI 상담 챗봇 구축 | 사업기간 | 8개월 |\n|---|---|---|---|\nⅠ. 사업 개요\nㅇ 상담 자동화\n"
    assert next(p for p in parse_text(rfp, doc_id="r").passages if p.text == "ㅇ 상담 자동화").section == ("Ⅰ. 사업 개요",)
    # A 내역사업 nests under its 세부사업 and the 세부사업's next heading closes it.
    text = ("| 세부사업명 | 스마트농업 확산 | 사업코드 | 1234-300 |\n|---|---|---|---|\n1. 사업 개요\nㅇ 생산성 향상\n2. 내역사업 현황\n"
            "| 내역사업명 | 스마트팜 ICT 장비 보급 | 예산 | 3,000 |\n|---|---|---|---|\nㅇ 시설원예 농가 대상\n3. 사업 효과\nㅇ 생산성 20% 향상\n")
    by_text = {p.text: p for p in parse_text(text, doc_id="t").passages}
    assert by_text["ㅇ 시설원예 농가 대상"].section == ("세부사업명: 스마트농업 확산", "2. 내역사업 현황", "내역사업명: 스마트팜 ICT 장비 보급")
    assert by_text["ㅇ 생산성 20% 향상"].section == ("세부사업명: 스마트농업 확산", "3. 사업 효과")
    # A header of field names (| 사업명 | 사업개요 |) is no record.
    header = ("□ 주요 사업\nㅇ 사업 현황\n| 사업명 | 사업개요 |\n|---|---|\n| 스마트팜 확산 | 장비 보급 |\n"
              "| 사업명 | 사업개요 |\n|---|---|\n| 빈집 정비 | 철거 지원 |\n- 2025년 신규 300개소 지원\n")
    dash = parse_text(header, doc_id="h").passages[-1]
    assert dash.section == ("□ 주요 사업",) and dash.parent_id is not None


def test_a_sentence_that_ends_in_the_tables_unit_stays():
    text = "□ 예산 현황\n2025년 예산은 185억원으로 편성 (단위: 백만원)\n| 구분 | 2024 | 2025 |\n|---|---|---|\n| 합계 | 12,000 | 18,500 |\n"
    assert any("185억원으로 편성" in p.text for p in parse_text(text, doc_id="u").passages)


def test_dark_circled_task_numbers_head_their_sections_and_start_their_lines():
    text = "2025년 업무계획\n❶ 청년 일자리 확대\n□ 추진 배경\n○ 청년 고용률 정체\n❷ 지역 균형 발전\n□ 주요 내용\n○ 지역 거점 육성\n◈ 거점 3곳 지정\n"
    by_text = {p.text: p for p in parse_text(text, doc_id="d").passages}
    assert by_text["○ 청년 고용률 정체"].section == ("❶ 청년 일자리 확대", "□ 추진 배경")
    assert by_text["○ 지역 거점 육성"].section == ("❷ 지역 균형 발전", "□ 주요 내용")
    assert by_text["◈ 거점 3곳 지정"].parent_id == by_text["○ 지역 거점 육성"].id
    # like ①, a list of them under a heading stays a list: ㅇ is not nested under the last one
    steps = parse_text("□ 추진 절차\n❶ 신청서 접수\n❷ 서류 심사\n❸ 현장 평가\nㅇ 선정 결과는 개별 통보\n", doc_id="s").passages
    assert not [p for p in steps if p.kind == "heading" and p.text.startswith("❸")]
    assert next(p for p in steps if p.text.startswith("ㅇ")).section == ("□ 추진 절차",)


def test_a_budget_code_line_over_one_row_is_a_record_named_by_its_most_specific_project_column():
    project = "| 코드 | 회계 | 단위사업 | 세부사업 |\n|---|---|---|---|\n| 1234-301 | 농특회계 | 스마트농업 | {} |\n1. 사업 개요\nㅇ {}\n"
    text = "2024년도 예산 사업설명자료\n" + project.format("스마트팜 ICT 융복합 확산", "ICT 장비 보급") + project.format("농촌 빈집 정비 지원", "빈집 철거")
    by_text = {p.text: p for p in parse_text(text, doc_id="c").passages}
    assert by_text["ㅇ 빈집 철거"].section == ("세부사업: 농촌 빈집 정비 지원", "1. 사업 개요")
    # a budget table with a 사업명 column over several rows is no record
    table = "□ 예산\n| 사업명 | 2024 | 2025 |\n|---|---|---|\n| 스마트팜 | 1 | 2 |\n| 빈집 정비 | 3 | 4 |\nㅇ 비고\n" * 2
    assert all(p.section[:1] == ("□ 예산",) for p in parse_text(table, doc_id="n").passages if p.kind not in ("heading", "title"))


def test_a_council_bill_repeats_its_title_with_an_at_the_start_of_its_text():
    # A local council's 조례안: numbered reasons, 참고사항 fields, and the text titled like the cover.
    text = (
        "부산광역시 반려동물 조례 일부개정조례안\n1. 제안이유\n가. 돌봄 공백을 해소하려는 것임.\n3. 참고사항\n"
        "가. 관계법령 : 「동물보호법」\n나. 예산조치 : 별도조치 필요\n부산광역시 반려동물 조례 일부개정조례안\n"
        "부산광역시 반려동물 조례 일부를 다음과 같이 개정한다.\n제8조의2(돌봄쉼터) 시장은 돌봄쉼터를 둘 수 있다.\n부 칙\n"
        "이 조례는 2025년 1월 1일부터 시행한다.\n"
    )
    doc = parse_text(text, doc_id="council")
    kinds = [(p.kind, p.section, p.text) for p in doc.passages]
    title = "부산광역시 반려동물 조례 일부개정조례안"
    assert kinds[0] == ("title", (), title)  # the cover's title names the document, no section
    assert ("item", ("3. 참고사항",), "가. 관계법령 : 「동물보호법」") in kinds  # a field, like 나. 예산조치
    assert ("article", (title,), "제8조의2(돌봄쉼터) 시장은 돌봄쉼터를 둘 수 있다.") in kinds
    assert ("paragraph", (title, "부칙"), "이 조례는 2025년 1월 1일부터 시행한다.") in kinds


def test_an_act_named_in_a_plan_or_a_wrapped_sentence_opens_nothing():
    # A plan lists the bills it will send to the Assembly; a press release's line breaks after 일부개정법률.
    text = "1. 추진 현황\n○ 올해 추진 법령\n○ 농지법 일부개정법률\n○ 상반기 국회 제출\n2. 향후 계획\n○ 하반기 시행령 정비\n"
    kinds = {p.text: (p.kind, p.section) for p in parse_text(text, doc_id="plan").passages}
    assert kinds["○ 농지법 일부개정법률"][1] == kinds["○ 상반기 국회 제출"][1] == ("1. 추진 현황",)
    text = "보도자료\n□ 정부는 27일 국무회의에서 지방자치법 일부개정법률\n안을 심의·의결했다고 밝혔다.\n□ 개정안은 내년부터 시행된다.\n"
    doc = parse_text(text, doc_id="press")
    assert any("지방자치법 일부개정법률안을 심의·의결했다고 밝혔다." in p.text for p in doc.passages)
    assert all(p.kind != "heading" or "일부개정" not in p.text for p in doc.passages)


def test_a_comparison_table_heading_in_its_other_spellings():
    for heading in ("신・구조문대비표", "신∙구조문대비표", "신구조문대조표", "농지법 일부개정법률안 신ㆍ구조문대비표", "< 신ㆍ구조문대비표 >"):
        text = f"제안이유\n현행 제도를 개선하려는 것임.\n부 칙\n이 법은 공포한 날부터 시행한다.\n{heading}\n| 현 행 | 개 정 안 |\n|---|---|\n| 제1조 | 제1조 |\n"
        rows = [p for p in parse_text(text, doc_id="bill").passages if p.kind == "row"]
        assert rows and all("부칙" not in p.section for p in rows), heading


def test_a_numbered_other_matters_heading_keeps_its_items():
    text = "1. 사업 개요\n가. 사업명 : 민원 챗봇 구축\n2. 기타 : 제안서 작성 유의사항\n가. 분량은 50쪽 이내로 한다.\n나. 글꼴은 자유롭게 한다.\n"
    kinds = {p.text: (p.kind, p.section) for p in parse_text(text, doc_id="rfp").passages}
    assert kinds["가. 분량은 50쪽 이내로 한다."][1][-1] == "2. 기타 : 제안서 작성 유의사항"


PERFORMANCE_PLAN = """2025년도 성과계획서
제1부 기관 개요
1. 임무 및 비전
제2부 성과계획
전략목표 Ⅰ. 먹거리 안전관리 강화로 국민 건강 보호
성과목표 Ⅰ-1. 수입식품 안전관리 체계 고도화
관리과제 Ⅰ-1-①. 수입식품 통관단계 검사 고도화
□ 주요내용
ㅇ 인공지능 기반 위해예측 모델을 활용한 정밀검사 대상 선별 확대
□ 담당부서 : 수입식품정책과
관리과제 Ⅰ-1-②. 해외 제조업소 현지실사 강화
□ 주요내용
ㅇ 위해 우려 국가 중심 현지실사 대상 선정
[전략목표 Ⅱ] 의약품 안전 사용 기반 구축
[성과목표 Ⅱ-1] 마약류 오남용 예방
ㅇ 투약이력 조회 의무화 대상 확대
"""


def test_a_performance_plans_goals_and_tasks_nest_by_their_labels():
    doc = parse_text(PERFORMANCE_PLAN, doc_id="perf")
    by_text = {p.text: p for p in doc.passages}
    first = by_text["ㅇ 인공지능 기반 위해예측 모델을 활용한 정밀검사 대상 선별 확대"]
    assert first.section == ("제2부 성과계획", "전략목표 Ⅰ. 먹거리 안전관리 강화로 국민 건강 보호", "성과목표 Ⅰ-1. 수입식품 안전관리 체계 고도화",
                             "관리과제 Ⅰ-1-①. 수입식품 통관단계 검사 고도화", "□ 주요내용")
    second = by_text["ㅇ 위해 우려 국가 중심 현지실사 대상 선정"]
    assert second.section[3] == "관리과제 Ⅰ-1-②. 해외 제조업소 현지실사 강화"  # a sibling task, not nested in the first
    last = by_text["ㅇ 투약이력 조회 의무화 대상 확대"]
    assert last.section == ("제2부 성과계획", "[전략목표 Ⅱ] 의약품 안전 사용 기반 구축", "[성과목표 Ⅱ-1] 마약류 오남용 예방")
    # A short heading that states a value is searchable: people ask who is in charge.
    assert is_searchable(by_text["□ 담당부서 : 수입식품정책과"])


BRIEF = """충남연구원 정책브리프
지방 청년 순유출 실태와 정책 과제
요 약
충남의 청년 순유출은 2015년 이후 매년 이어졌다.
1. 서론
지방소멸 위기가 현실화되고 있다.
[그림 1] 성별·연령대별 순유출률
20대 여성의 순유출률은 3.4%로 가장 높다.
자료: 통계청, 국내인구이동통계
주: 순이동은 전입에서 전출을 뺀 값
2. 결론 및 시사점
청년 정착 패키지가 필요하다.
참고문헌
통계청(2024), 「2023년 국내인구이동통계」, 대전: 통계청.
김민수(2022), "청년 인구 유출의 결정요인 분석", 『지역연구』, 38(2).
"""


def test_a_reports_parts_and_its_reference_list():
    doc = parse_text(BRIEF, doc_id="brief")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["충남의 청년 순유출은 2015년 이후 매년 이어졌다."].section == ("요약",)
    assert by_text["지방소멸 위기가 현실화되고 있다."].section == ("1. 서론",)  # beside the summary, not under it
    # A figure's title, a source and a note are lines of their own, not glued to the text after them.
    assert {"[그림 1] 성별·연령대별 순유출률", "자료: 통계청, 국내인구이동통계", "주: 순이동은 전입에서 전출을 뺀 값"} <= {
        p.text for p in doc.passages}
    refs = [p for p in doc.passages if p.kind == "reference"]
    # (the figure's source line is one too, where it stands)
    assert [p.section for p in refs] == [("1. 서론",), ("참고문헌",), ("참고문헌",)] and refs[0].text.startswith("자료:")
    assert not any(is_searchable(p) for p in refs)  # another's title never answers for this brief
    assert by_text["청년 정착 패키지가 필요하다."].kind == "paragraph"


def test_a_diamond_title_heads_the_numbered_list_under_it_and_no_more():
    text = """청년 월세 지원 확대
◇ 올해 달라지는 점
① 지원 인원 : 1,500명 → 3,000명
② 소득기준 : 기준 중위소득 60% 이하 → 150% 이하로 완화.
시는 또 전세 계약 상담소를 운영한다.
"""
    doc = parse_text(text, doc_id="release")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["① 지원 인원 : 1,500명 → 3,000명"].section == ("◇ 올해 달라지는 점",)
    assert by_text["시는 또 전세 계약 상담소를 운영한다."].section == ()


def test_a_table_of_years_as_rows_states_its_columns_series():
    text = """< 연도별 청년 월세 지원 실적 >
| 연도 | 지원 인원 | 지원액 |
|---|---|---|
| 2022 | 1,120 | 2,016 |
| 2023 | 1,380 | 2,898 |
| 2024 | 1,482 | 3,260 |
"""
    doc = parse_text(text, doc_id="t")
    targets = [t for p in doc.passages for t in p.targets]
    assert [(t.metric, [v.value for v in t.values], t.trend) for t in targets] == [
        ("연도별 청년 월세 지원 실적 지원 인원", [1120.0, 1380.0, 1482.0], "up"),
        ("연도별 청년 월세 지원 실적 지원액", [2016.0, 2898.0, 3260.0], "up"),
    ]


def test_a_summary_inside_a_chapter_stays_in_the_chapter():
    text = """제3장 실증 분석
요 약
분석 결과 청년 순유출은 일자리 요인이 가장 크다.
1. 분석 자료
통계청 자료를 활용하였다.
제4장 정책 과제
1. 일자리
지역 일자리를 늘린다.
참고문헌
통계청(2024), 「국내인구이동통계」.
"""
    doc = parse_text(text, doc_id="r")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["분석 결과 청년 순유출은 일자리 요인이 가장 크다."].section == ("제3장 실증 분석", "요약")
    assert by_text["통계청 자료를 활용하였다."].section == ("제3장 실증 분석", "1. 분석 자료")
    assert by_text["통계청(2024), 「국내인구이동통계」."].section == ("제4장 정책 과제", "참고문헌")


def test_a_task_closes_the_sections_its_goal_opened():
    text = """성과목표 Ⅰ-1. 수입식품 안전관리 체계 고도화
(1) 주요 내용
ㅇ 수입식품 검사 체계 전반을 개편
관리과제 Ⅰ-1-①. 통관단계 검사 고도화
(1) 개요
ㅇ 위해예측 모델로 검사 대상 선별
"""
    doc = parse_text(text, doc_id="p")
    item = next(p for p in doc.passages if p.text == "ㅇ 위해예측 모델로 검사 대상 선별")
    assert item.section == ("성과목표 Ⅰ-1. 수입식품 안전관리 체계 고도화", "관리과제 Ⅰ-1-①. 통관단계 검사 고도화", "(1) 개요")


def test_a_work_reports_tasks_nest_under_its_strategies():
    text = """전략 1 지역 일자리 확대
과제 1-1 청년 창업 지원
ㅇ 창업 공간 20곳 조성
과제 1-2 신중년 재취업 지원
ㅇ 재취업 교육 1,000명
전략 2 돌봄 강화
"""
    doc = parse_text(text, doc_id="w")
    item = next(p for p in doc.passages if p.text == "ㅇ 재취업 교육 1,000명")
    assert item.section == ("전략 1 지역 일자리 확대", "과제 1-2 신중년 재취업 지원")


def test_an_appendix_after_the_references_is_text_and_a_diamond_list_with_sub_items_stays_a_list():
    text = """참고문헌
통계청(2024), 「2023년 국내인구이동통계」, 대전: 통계청.
<부록 1> 청년 정주 의향 설문조사 결과
응답자의 62%가 일자리가 있으면 지역에 남겠다고 답했다.
◇ 올해 달라지는 점
① 지원 인원 확대
- 1,500명에서 3,000명으로
② 소득 기준 완화
시 관계자는 청년 주거 부담을 덜겠다고 말했다.
"""
    doc = parse_text(text, doc_id="x")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["통계청(2024), 「2023년 국내인구이동통계」, 대전: 통계청."].kind == "reference"
    survey = by_text["응답자의 62%가 일자리가 있으면 지역에 남겠다고 답했다."]
    assert survey.kind == "paragraph" and survey.section == ("<부록 1> 청년 정주 의향 설문조사 결과",)
    second = next(p for p in doc.passages if p.text.startswith("② 소득 기준 완화"))
    assert [by_text["① 지원 인원 확대"].kind, second.kind] == ["item", "item"]  # not headings
    assert by_text["- 1,500명에서 3,000명으로"].section[-1] == "◇ 올해 달라지는 점"


RULE = """창업기업 바우처 지원사업 운영 규정
제1장 총칙
제1조(목적) 이 고시는 창업기업 바우처 지원사업의 운영에 필요한 사항을 정함을 목적으로 한다.
제4조(전담기관) ① 장관은 전담기관을 지정할 수 있다.
② 전담기관은 다음 각 호의 업무를 수행한다.
1. 지원대상 모집 및 선정
2. 바우처 사용 관리
제2장 지원
제5조(지원금액) 지원금액은 1억원 이내로 한다.
부칙
제1조(시행일) 이 고시는 발령한 날부터 시행한다.
"""


def test_a_laws_clauses_and_items_know_their_article_and_its_addenda_follow_the_chapters():
    doc = parse_text(RULE, doc_id="rule")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["② 전담기관은 다음 각 호의 업무를 수행한다."].section == ("제1장 총칙", "제4조(전담기관)")
    assert by_text["2. 바우처 사용 관리"].section == ("제1장 총칙", "제4조(전담기관)")
    assert by_text["제5조(지원금액) 지원금액은 1억원 이내로 한다."].section == ("제2장 지원",)  # the next article closes it
    assert by_text["제1조(시행일) 이 고시는 발령한 날부터 시행한다."].section == ("부칙",)  # not under 제2장


def test_a_numbered_item_after_its_sibling_heading_is_beside_it():
    text = """1) 점검
가) 정기점검
- 분기별 1회 현장 점검
나) 점검 결과는 점검 완료 후 익월 5일까지 발주기관에 서면으로 제출하여야 한다.
"""
    doc = parse_text(text, doc_id="sow")
    item = next(p for p in doc.passages if p.text.startswith("나)"))
    assert item.section == ("1) 점검",)


def test_a_cover_line_that_only_restates_the_title_is_never_searched():
    text = "2024년 청년월세 지원 대상자 모집 공고\n\n1. 지원 개요\n가. 지원 대상 : 만 19세 ~ 39세 무주택 청년\n"
    doc = parse_text(text, doc_id="notice")
    cover = doc.passages[0]
    assert doc.title == cover.text and cover.kind == "title" and not is_searchable(cover)
    assert any(is_searchable(p) for p in doc.passages)
    # A file that is only its title is still found by it.
    only = parse_text("예산 편성 기본방향", doc_id="only")
    assert [p.kind for p in only.passages] == ["paragraph"] and is_searchable(only.passages[0])


def test_an_article_quoted_in_a_plan_holds_only_its_clauses_and_numbered_lists_nest():
    text = """1. 추진 배경
주요 내용
제5조의2(고용의무 이행 실적) ① 사업주는 실적을 제출하여야 한다.
② 제출 기한은 매년 1월 31일로 한다.
현행 제도는 실적 제출만 의무화하고 있어 개선이 필요하다.
1. 신청자격
가. 소득기준
1. 청년가구는 기준 중위소득 60% 이하이고 무주택자여야 합니다.
"""
    doc = parse_text(text, doc_id="plan")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["② 제출 기한은 매년 1월 31일로 한다."].section[-1] == "제5조의2(고용의무 이행 실적)"
    assert "제5조의2(고용의무 이행 실적)" not in by_text["현행 제도는 실적 제출만 의무화하고 있어 개선이 필요하다."].section
    item = by_text["1. 청년가구는 기준 중위소득 60% 이하이고 무주택자여야 합니다."]
    assert item.section[-2:] == ("1. 신청자격", "가. 소득기준")  # a list under 가., not beside 1.


def test_a_dash_line_belongs_to_the_list_item_above_it():
    doc = parse_text("1. 공모 개요\n가. 목적 : 살기 좋은 마을 만들기\n다. 지원규모 : 총 45개 공동체, 410백만원\n- 씨앗형 25개 내외\n"
                     "- 새싹형 15개 내외\nㅇ 선정 결과는 누리집에 게시\n- 개별 통보 병행\n10)\n- 사전 구축 계획(안)\n", doc_id="c")
    by_id = {p.id: p for p in doc.passages}
    parent = {p.text: by_id[p.parent_id].text if p.parent_id else None for p in doc.passages}
    assert parent["- 씨앗형 25개 내외"] == parent["- 새싹형 15개 내외"] == "다. 지원규모 : 총 45개 공동체, 410백만원"
    assert parent["- 개별 통보 병행"] == "ㅇ 선정 결과는 누리집에 게시"  # a goal after the item takes over
    assert parent["- 사전 구축 계획(안)"] == "ㅇ 선정 결과는 누리집에 게시"  # a stray ``10)`` is nobody's parent: the goal stays


def test_an_enclosure_list_is_never_a_heading_nor_searched():
    doc = parse_text("7. 문의처\n마을공동체팀 (063-281-2153)\n붙임 1. 공모 신청서 1부.\n붙임 2. 사업계획서 및 예산서 1부. 끝.\n", doc_id="e")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["붙임 1. 공모 신청서 1부."] == kinds["붙임 2. 사업계획서 및 예산서 1부. 끝."] == "reference"
    assert kinds["마을공동체팀 (063-281-2153)"] == "paragraph"
    assert not any(is_searchable(p) for p in doc.passages if p.text.startswith("붙임"))
    # an annex's title is a heading all the same
    annex = parse_text("1. 개요\n내용이다.\n붙임 1 청년 월세 지원사업 추진일정\n| 구분 | 일정 |\n| 신청 | 3월 |\n", doc_id="a")
    assert next(p for p in annex.passages if p.text.startswith("붙임")).kind == "heading"


def test_remarks_listed_one_after_another_stay_apart_but_join_what_they_annotate():
    doc = parse_text("6. 유의사항\n※ 제출된 서류는 반환하지 않음\n※ 보조금은 전용카드로만 집행하여야 함\n"
                     "ㅇ 선정된 공동체는 교육에 참여하여야 함\n※ 불참 시 선정 취소\n* 교육: 3월 중 2회\n", doc_id="r")
    texts = [p.text for p in doc.passages]
    assert "※ 제출된 서류는 반환하지 않음" in texts and "※ 보조금은 전용카드로만 집행하여야 함" in texts
    assert "ㅇ 선정된 공동체는 교육에 참여하여야 함\n※ 불참 시 선정 취소\n* 교육: 3월 중 2회" in texts


def test_unmarked_fields_under_a_field_item_are_its_details(tmp_path):
    from tests.probe_files import write_hwpx

    write_hwpx("3. 의견제출\n가. 예고기간 : 2024. 8. 19. ~ 2024. 9. 30.\n나. 제출처 : 고용노동부 산업안전보건정책과\n"
               "주소 : 세종특별자치시 한누리대로 422\n전자우편 : safetylaw@korea.kr\n다. 제출의견 기재사항\n", tmp_path / "n.hwpx")
    doc = parse_file(tmp_path / "n.hwpx")
    texts = [p.text for p in doc.passages]
    assert "나. 제출처 : 고용노동부 산업안전보건정책과\n주소 : 세종특별자치시 한누리대로 422\n전자우편 : safetylaw@korea.kr" in texts
    assert "가. 예고기간 : 2024. 8. 19. ~ 2024. 9. 30." in texts
    # a field line after a paragraph or a heading stays its own passage
    doc = parse_text("3. 문의\n자세한 사항은 아래로 문의하시기 바랍니다.\n전화 : 044-202-7735\n", doc_id="m")
    assert "전화 : 044-202-7735" in [p.text for p in doc.passages]


def test_a_box_sentence_after_a_box_heading_is_beside_it():
    doc = parse_text("2. 설명 내용\n□ 입주 대기 청년이 3만명이라는 보도 관련\nㅇ 실제 대기 청년은 1만 2천명임\n"
                     "□ 국토교통부는 앞으로도 전세임대 물량을 안정적으로 공급할 계획임\n", doc_id="b")
    last = doc.passages[-1]
    assert last.text.startswith("□ 국토교통부는") and last.section == ("2. 설명 내용",)


def test_a_rules_schedule_is_an_annex_of_the_whole_rule():
    doc = parse_text("제3장 세입예산 편성기준\n1. 지방세는 과세표준을 적용한다.\n[별표 1]\n공통 경비 기준단가\n(단위: 원)\n"
                     "| 구분 | 단가 |\n| 급식비 | 9,000 |\n", doc_id="g")
    row = next(p for p in doc.passages if p.kind == "row")
    # the schedule's label and its title make one heading (``[별표 1] 공통 경비 기준단가``), which captions its rows too
    assert row.section == ("[별표 1] 공통 경비 기준단가",) and row.text == "공통 경비 기준단가 › (단위: 원) › 급식비: 단가 9,000"
    assert "공통 경비 기준단가" not in [p.text for p in doc.passages]
    # a schedule cited in a line is no annex
    cited = parse_text("제2장 세출\n가. 유류비는\n[별표 1]의 단가를 적용한다.\n", doc_id="c")
    assert all(p.section[:1] == ("제2장 세출",) for p in cited.passages[1:])


def test_a_vision_charts_spanning_rows_are_pairs_over_its_grid(tmp_path):
    span = lambda label, text: f"| {label} | {text} | {text} | {text} | {text} |"  # noqa: E731 — a merged cell, repeated
    doc = parse_text("\n".join([
        "2025년 주요업무계획", span("비 전", "도민이 행복한 녹색 충남"), "|---|---|---|---|---|", span("목 표", "온실가스 40% 감축"),
        "| 추진전략 | 전략 1 | 전략 2 | 전략 3 | 전략 4 |", "| 핵심과제 | 석탄화력 조기 폐지 | 미세먼지 저감 | 직매립 제로 | 수질개선 |",
        "| 핵심과제 | 그린리모델링 | 조기폐차 | 다회용기 | 지하수 |", "Ⅰ. 2024년 주요성과", "ㅇ 기금 150억원 적립"]), doc_id="v")
    rows = [p.text for p in doc.passages if p.kind == "row"]
    assert rows[0] == "비전: 도민이 행복한 녹색 충남 · 목표: 온실가스 40% 감축"
    assert rows[1] == "핵심과제: 전략 1 석탄화력 조기 폐지 · 전략 2 미세먼지 저감 · 전략 3 직매립 제로 · 전략 4 수질개선"
    assert not any("녹색 충남" in r for r in rows[1:])  # the vision is no column header
    for p in doc.passages:
        assert doc.text[p.start : p.end].startswith("|") or p.kind != "row"


def test_latin_o_bullets_are_goals_under_their_heading_item():
    doc = parse_text("Ⅰ. 2024년 성과\n▶ 인명피해 우려지역 사전 통제 강화\no 우려지역 2,267개소 지정\no 사전 통제 1,832회\n", doc_id="glyphs")
    goals = [p for p in doc.passages if p.text.startswith("○")]
    head = next(p for p in doc.passages if p.text.startswith("▶"))  # an arrow over items heads them (test_glyph_headings)
    assert head.kind == "heading"
    assert len(goals) == 2 and all(p.kind == "goal" and p.section[-1] == head.text for p in goals)


def test_a_short_label_over_a_list_is_shown_never_an_answer():
    from indexer.records import is_searchable

    text = ("□ 스마트팜 혁신밸리 확장\n| 과제명 | 스마트팜 혁신밸리 확장 |\n| 주관부서 | 친환경농업과 |\n추진내용\n"
            "ㅇ 혁신밸리 2개소 추가 조성\nㅇ 임대형 스마트팜 40동 공급\n국어원 청사 이전 계획\n- 2026년 착공\n")
    doc = parse_text(text, doc_id="plan")
    label = next(p for p in doc.passages if p.text == "추진내용")
    assert label.kind == "heading" and not is_searchable(label)
    goals = [p for p in doc.passages if p.text.startswith("ㅇ")]
    assert len(goals) == 2 and all(p.kind == "goal" and "추진내용" not in p.section for p in goals)  # no section of its own


def test_a_named_task_over_a_list_stays_text():
    text = "□ 돌봄 서비스 강화\n| 과제명 | 스마트 돌봄 |\n| 주관부서 | 노인복지과 |\n스마트 돌봄 확대 계획\nㅇ 독거노인 5천 가구 IoT 기기 보급\n"
    doc = parse_text(text, doc_id="plan")
    assert {p.text: p.kind for p in doc.passages}["스마트 돌봄 확대 계획"] == "paragraph"  # names the task: its words are searched


def test_cover_lines_of_the_title_and_its_byline_are_never_searched():
    # A title over two lines (the second its occasion), the date and the issuer: each line part of the title or
    # a byline. The cover had been a searchable paragraph that outranked the text for the issuer's name.
    text = "2025년 주요업무 추진계획\n국회 농림축산식품해양수산위원회 업무보고\n2025. 2.\n산 림 청\n\nⅠ. 일반 현황\n○ 본청 4국 1관 25과\n"
    doc = parse_text(text, doc_id="report")
    assert [p.kind for p in doc.passages if not p.section][:2] == ["title", "title"]
    assert not any(is_searchable(p) for p in doc.passages if "업무보고" in p.text)
    # A remark under the issuer's line is no note on it: it stays a passage of its own, searched.
    text = "국민임대주택 예비입주자 모집공고\n2024. 9. 6.\n한국토지주택공사 광주전남지역본부\n※ 이 주택은 무주택 저소득 서민을 위한 국민임대주택입니다.\n\n1. 모집 단지\n"
    doc = parse_text(text, doc_id="notice")
    remark = next(p for p in doc.passages if "무주택 저소득" in p.text)
    assert remark.text.startswith("※") and is_searchable(remark)


def test_a_short_title_printed_over_the_title_is_a_title_line_too():
    # a PDF's running header that shortens the title, read on the cover's first line and joined to the title
    text = "공공자전거 운영 성과 분석\n청주시 공공자전거 운영 성과 분석\n2025. 3.\n청주시 교통정책과\n1. 분석 개요\n□ 목적 : 운영 개선\n"
    doc = parse_text(text, doc_id="brief")
    assert doc.title == "청주시 공공자전거 운영 성과 분석"
    assert [p.kind for p in doc.passages if not p.section][:2] == ["title", "title"]


def test_an_annex_label_with_a_full_stop_heads_its_annex_and_captions_its_table():
    # ``붙임 1.`` / ``참고.``: the annex's heading over its table, whose rows it names (its label left out); the rows
    # had sat under the plan's last chapter with no caption, and ``붙임 1.`` had been the tail of the item above.
    text = ("Ⅴ. 성과관리\nㅇ 지방기상청은 호우ㆍ폭염 대응 실적을 두 차례 공동 점검\n붙임 1. 2025년 주요 성과지표 목표\n"
            "| 성과지표 | 2024년 실적 | 2025년 목표 |\n| 방재기상관측 결측률(%) | 0.92 | 0.50 |\n"
            "참고. 극한호우 긴급재난문자 발송 기준 비교\n| 구분 | 2024년(현행) | 2025년(개선) |\n| 발송 범위 | 해당 읍ㆍ면ㆍ동 | 해당 및 인접 읍ㆍ면ㆍ동 |\n")  # fmt: skip
    doc = parse_text(text, doc_id="plan")
    rows = [p for p in doc.passages if p.kind == "row"]
    assert [r.section for r in rows] == [("붙임 1. 2025년 주요 성과지표 목표",), ("참고. 극한호우 긴급재난문자 발송 기준 비교",)]
    assert rows[0].text.startswith("2025년 주요 성과지표 목표 › 방재기상관측 결측률(%)")
    assert rows[1].text.startswith("극한호우 긴급재난문자 발송 기준 비교 › 발송 범위")
    assert next(p for p in doc.passages if p.text.startswith("ㅇ 지방기상청")).text.endswith("공동 점검")


def test_a_running_header_fuller_than_the_covers_title_is_the_title_once(tmp_path: Path):
    # A PDF whose running header (``2025년 기상청 업무계획``, on every page and so over the cover) names more than the
    # cover's own title line: the title is the header and the subtitle, once; the cover's line is a title passage.
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF")
    from tests.probe_files import write_pdf

    body = "\n".join(f"ㅇ 관측 장비 {k}개소를 교체하여 결측을 줄이고 예보 정확도를 높임" for k in range(1, 60))
    spec = f"%% header: 2025년 기상청 업무계획\n2025년 업무계획\n국민 안전을 지키는 기상정보\n2025. 1.\n기 상 청\nⅠ. 주요 성과\n{body}\n"
    write_pdf(spec, tmp_path / "plan.pdf")
    doc = parse_file(tmp_path / "plan.pdf")
    assert doc.title == "2025년 기상청 업무계획 국민 안전을 지키는 기상정보"
    assert [p.kind for p in doc.passages if not p.section and not p.text.startswith("Ⅰ.")] == ["title", "title"]


def test_a_bill_that_enacts_an_act_opens_its_text_at_the_acts_name_and_its_cost_estimate_is_a_part():
    # A new ordinance (제정), not an amendment: no drafting formula, its name right over 제1조. Its articles had sat
    # under 3. 참고사항, and 비용추계서 had been the tail of the last 부칙 article.
    text = ("제안이유\n○ 농촌 교통소외지역 주민의 이동권을 보장하려는 것임\n3. 참고사항\n가. 관계법령 : 「대중교통법」 제3조\n"
            "이천시 농촌 교통소외지역 행복택시 운영 조례\n제1조(목적) 이 조례는 택시 요금을 지원하는 데 필요한 사항을 규정한다.\n"
            "제2조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다.\n부칙\n제1조(시행일) 이 조례는 2026년 1월 1일부터 시행한다.\n"
            "비용추계서\n1. 비용추계 요약\n○ 5년간 총 18억 6,900만원의 추가 재정 소요가 예상됨\n")  # fmt: skip
    doc = parse_text(text, doc_id="bill")
    by_text = {p.text.split("(")[0] if p.kind == "article" else p.text: p for p in doc.passages}
    assert by_text["이천시 농촌 교통소외지역 행복택시 운영 조례"].kind == "heading"
    assert by_text["제2조"].section == ("이천시 농촌 교통소외지역 행복택시 운영 조례",)
    assert by_text["비용추계서"].kind == "heading" and by_text["비용추계서"].section == ()
    assert next(p for p in doc.passages if p.text.startswith("제1조(시행일)")).text.endswith("시행한다.")
    # a plan's line that names an act is no bill's text unless the act's first article is right under it
    doc = parse_text("□ 관련 법령\n○ 정보통신망법 시행령\n이천시 교통약자 이동편의 증진 조례\n○ 개정 추진\n", doc_id="plan")
    assert not any(p.kind == "heading" and p.text.endswith("조례") for p in doc.passages)


def test_an_enclosure_list_that_names_its_annexes_is_a_reference():
    # No ``1부.`` to tell it by: the annexes printed further on under the same titles do. The list had been an
    # empty ``붙임 1.`` section with a ``2.`` heading under it, searched and ranked for the annexes' words.
    text = ("□ 긴급지원이 필요한 경우 행정복지센터에 신청할 수 있다.\n붙임 1. 긴급복지지원제도 개요\n2. 자주 묻는 질문\n"
            "붙임 1\n긴급복지지원제도 개요\n□ 지원 대상: 저소득 위기가구\n붙임 2 자주 묻는 질문\nQ1. 집이 있어도 받을 수 있나요?\n")  # fmt: skip
    doc = parse_text(text, doc_id="release")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["붙임 1. 긴급복지지원제도 개요"] == kinds["2. 자주 묻는 질문"] == "reference"
    assert not any(is_searchable(p) for p in doc.passages if p.kind == "reference")
    assert next(p for p in doc.passages if p.text.startswith("□ 지원 대상")).section[0].startswith("붙임 1")
    # with no annex under that title after it, ``붙임 1. …`` is the annex itself
    doc = parse_text("붙임 1. 긴급복지지원제도 개요\n□ 지원 대상: 저소득 위기가구\n", doc_id="annex")
    assert doc.passages[-1].section == ("붙임 1. 긴급복지지원제도 개요",)


@pytest.mark.parametrize("label", ["<붙임 {}>", "[붙임 {}]", "【붙임 {}】"])
def test_an_enclosure_list_is_told_by_annexes_whose_labels_are_bracketed(label: str):
    # The annexes printed under ``<붙임 1>`` (``[붙임 2]``, ``【붙임 1】``), as a report's annex box titles them: the
    # list above them still only names them (it had been an empty ``붙임 1.`` section with a ``2.`` heading).
    text = ("□ 긴급지원이 필요한 경우 행정복지센터에 신청할 수 있다.\n붙임 1. 긴급복지지원제도 개요\n2. 자주 묻는 질문\n"
            f"{label.format(1)} 긴급복지지원제도 개요\n□ 지원 대상: 저소득 위기가구이다.\n{label.format(2)} 자주 묻는 질문\n"
            "Q1. 집이 있어도 받을 수 있나요?\n")  # fmt: skip
    kinds = {p.text: p.kind for p in parse_text(text, doc_id="release").passages}
    assert kinds["붙임 1. 긴급복지지원제도 개요"] == kinds["2. 자주 묻는 질문"] == "reference"


def test_an_enclosure_list_is_told_by_annexes_whose_titles_drop_a_bracketed_tail():
    # ``자주 묻는 질문(FAQ)`` in the list, ``자주 묻는 질문`` over the annex: the same annex.
    text = ("□ 긴급지원이 필요한 경우 행정복지센터에 신청할 수 있다.\n붙임 1. 긴급복지지원제도 개요\n2. 자주 묻는 질문(FAQ)\n"
            "붙임 1\n긴급복지지원제도 개요\n□ 지원 대상: 저소득 위기가구이다.\n붙임 2 자주 묻는 질문\nQ1. 집이 있어도 받을 수 있나요?\n")  # fmt: skip
    kinds = {p.text: p.kind for p in parse_text(text, doc_id="release").passages}
    assert kinds["붙임 1. 긴급복지지원제도 개요"] == kinds["2. 자주 묻는 질문(FAQ)"] == "reference"


@pytest.mark.xfail(strict=True, reason="reported, not fixed: an annex heading printed again further on (a PDF "
                   "page's running head over the annex's second page) makes the annex's own heading a reference")
def test_an_annex_heading_printed_again_further_on_keeps_its_section():
    # No list: ``붙임 1. …`` heads the annex, and the same line heads its next page. The first is taken for a list
    # naming the second: a reference, the annex's first rules left out of its section.
    text = ("□ 긴급지원이 필요한 경우 행정복지센터에 신청할 수 있다.\n붙임 1. 긴급복지지원제도 개요\n□ 지원 대상: 저소득 위기가구이다.\n"
            "□ 지원 내용: 생계비를 지원한다.\n붙임 1. 긴급복지지원제도 개요\n□ 지원 절차: 신청 후 현장확인을 거친다.\n")  # fmt: skip
    doc = parse_text(text, doc_id="annex")
    assert next(p for p in doc.passages if p.text.startswith("□ 지원 대상")).section == ("붙임 1. 긴급복지지원제도 개요",)


def test_a_remark_under_a_date_in_the_text_still_notes_it():
    # Only the cover's issuer or date annotates nothing: a deadline in the text (``2025. 3. 31.``) and the remark on
    # it (``※ 우편 접수는 …``) stay one passage, as they were before the cover's rule.
    text = ("2025년 업무계획\n\nⅠ. 추진 일정\n□ 신청 마감일은 다음과 같다.\n2025. 3. 31.\n"
            "※ 우편 접수는 마감일 소인까지 인정한다.\n")  # fmt: skip
    doc = parse_text(text, doc_id="plan")
    assert any(p.text == "2025. 3. 31.\n※ 우편 접수는 마감일 소인까지 인정한다." for p in doc.passages)


def test_a_numbered_task_of_a_performance_report_holds_the_boxes_after_it():
    # ``(1) 관리과제 …`` comes after its 성과목표's first □ blocks; by order of first use it would nest under □ and each
    # later □ would close it. A plan's task sits under its goal's numbered title and holds the □ blocks that follow.
    text = "\n".join([
        "1. 성과목표 Ⅲ-1 : 중소규모 사업장 중대재해 감축", "□ 성과지표 달성 실적", "ㅇ 사고사망만인율 0.39로 목표 미달",
        "(1) 관리과제 Ⅲ-1-① : 소규모 사업장 안전보건 역량 지원", "□ 추진 실적", "ㅇ 공동안전관리자 지원 1,240개소",
        "(2) 관리과제 Ⅲ-1-② : 위험성평가 정착", "□ 추진 실적", "ㅇ 위험성평가 인정 13,148개소",
        "2. 성과목표 예산 집행 실적", "ㅇ 집행률 94.2%",
    ])
    doc = parse_text(text)
    section = {p.text: p.section for p in doc.passages}
    assert section["ㅇ 공동안전관리자 지원 1,240개소"][-2:] == ("(1) 관리과제 Ⅲ-1-① : 소규모 사업장 안전보건 역량 지원", "□ 추진 실적")
    assert section["ㅇ 위험성평가 인정 13,148개소"][-2:] == ("(2) 관리과제 Ⅲ-1-② : 위험성평가 정착", "□ 추진 실적")
    assert section["ㅇ 집행률 94.2%"] == ("2. 성과목표 예산 집행 실적",)


def test_a_summary_over_numbered_sections_holds_them_and_the_body_numbers_anew():
    """``요 약`` right over ``1. 연구의 배경과 목적``: the summary's sections are its own; the body's chapters (``Ⅰ. 서론``)
    come beside it, and their ``1.`` sections under them (a chapter had nested under the summary's last section,
    and the body's sections had gone to the top)."""
    doc = parse_text("농촌 빈집 실태 분석\n\n요 약\n\n1. 연구의 배경과 목적\n\n○ 빈집이 빠르게 늘고 있음\n\n2. 주요 분석 결과\n\n"
                     "○ 빈집은 2024년 7만 호로 늘었음\n\nⅠ. 서론\n\n1. 연구 배경 및 필요성\n\n□ 농촌 인구는 935만 명으로 줄었음\n\n"
                     "Ⅱ. 농촌 빈집 실태\n\n1. 빈집 규모와 추이\n\n○ 2024년 말 농촌 빈집은 74,210호로 집계됨")
    sections = {p.text: p.section for p in doc.passages}
    assert sections["○ 빈집은 2024년 7만 호로 늘었음"] == ("요약", "2. 주요 분석 결과")
    assert sections["Ⅰ. 서론"] == ()
    assert sections["□ 농촌 인구는 935만 명으로 줄었음"] == ("Ⅰ. 서론", "1. 연구 배경 및 필요성")
    assert sections["○ 2024년 말 농촌 빈집은 74,210호로 집계됨"] == ("Ⅱ. 농촌 빈집 실태", "1. 빈집 규모와 추이")
    # a summary of text, its first heading the body's, still holds only its text
    plain = parse_text("보고서\n\n요 약\n\n빈집은 늘고 정비는 더디다.\n\n1. 서론\n\n○ 빈집이 늘고 있음\n\n2. 실태\n\n○ 7만 호임")
    assert {p.text: p.section for p in plain.passages}["○ 7만 호임"] == ("2. 실태",)


def test_a_table_the_document_says_goes_on_is_one_table():
    """``(표 계속)`` between two parts, the header repeated: the rows after it keep the table's caption."""
    doc = parse_text("제안요청서\n\n가. 시스템 기능 요구사항\n\n<표 3> 기능 요구사항\n\n| 고유번호 | 명칭 | 세부내용 |\n|---|---|---|\n"
                     "| SFR-001 | 센서 데이터 수집 | 1,240개소 센서 계측값 수집 |\n| SFR-002 | 데이터 표준화 | 제조사별 형식 변환 |\n\n(표 계속)\n\n"
                     "| 고유번호 | 명칭 | 세부내용 |\n|---|---|---|\n| SFR-003 | 통합 대시보드 | GIS 지도에 센서 상태 표출 |")
    rows = [p.text for p in doc.passages if p.kind == "row"]
    assert len(rows) == 3 and all(r.startswith("기능 요구사항 › SFR-") for r in rows), rows
    assert not any(p.text == "(표 계속)" for p in doc.passages)


def test_a_numbering_started_again_under_another_numbers_heading_is_a_list_of_its_own():
    """``1. 사업개요`` … ``5. 향후 일정`` under ``다. 복합도서관 건립`` (itself under ``2. 세부사업 설명``): the project's own
    sections, not the document's next ones (they had gone to the top, the project's 개관 일정 with no project over it);
    the project's next sibling (``라.``) ends them."""
    doc = parse_text("세출예산 사업설명서\n\n1. 부서 예산 총괄\n\n□ 세출예산은 146억원임\n\n2. 세부사업 설명\n\n가. 구립도서관 운영\n\n"
                     "□ 사업목적 : 구립도서관 7개관 위탁 운영\n\n다. 월곡 복합도서관 건립\n\n1. 사업개요\n\n"
                     "가. 위치 : 월곡동 88-12 일원\n\n나. 총사업비 : 14,850,000천원\n\n2. 향후 일정 : 2027. 6. 준공 → 2027. 10. 개관\n\n"
                     "라. 스마트도서관 확충\n\n□ 사업목적 : 지하철역에 무인 대출기 설치")
    sections = {p.text: p.section for p in doc.passages}
    project = ("2. 세부사업 설명", "다. 월곡 복합도서관 건립")
    assert sections["나. 총사업비 : 14,850,000천원"] == (*project, "1. 사업개요")
    assert sections["2. 향후 일정 : 2027. 6. 준공 → 2027. 10. 개관"] == project
    assert sections["□ 사업목적 : 지하철역에 무인 대출기 설치"] == ("2. 세부사업 설명", "라. 스마트도서관 확충")
    # a chapter's numbering started again after the next chapter's own heading is that chapter's, as ever
    chapters = parse_text("계획\n\nⅠ. 추진 배경\n\n1. 현황\n\n가. 인력 현황\n\n○ 정원 612명임\n\nⅡ. 추진 계획\n\n1. 목표\n\n○ 2026년 완료")
    assert {p.text: p.section for p in chapters.passages}["○ 2026년 완료"] == ("Ⅱ. 추진 계획", "1. 목표")


def test_a_bullet_right_under_a_numbered_item_is_that_items_point():
    """``○ 장애 조치 : 통보 후 4시간 이내 …`` under ``3. 유지관리 및 하자보수 : 2년간 무상 하자보수``: its parent is the
    item, as a ``-`` line's is, so its text is read with the item's; a clause (``② …``) parents no bullet."""
    doc = parse_text("제안요청서\n\nⅣ. 제안요청 내용\n\n1. 요구사항\n\n○ 센서 1,240개소 구축\n\n"
                     "3. 유지관리 및 하자보수 : 검수 완료일로부터 2년간 무상 하자보수\n\n○ 장애 조치 : 통보 후 4시간 이내 현장 도착")
    by_id = {p.id: p for p in doc.passages}
    point = next(p for p in doc.passages if p.text.startswith("○ 장애 조치"))
    assert by_id[point.parent_id].text.startswith("3. 유지관리 및 하자보수")
    law = parse_text("감사 결과\n\n3) 관계법령\n\n② 총사업비가 3억원 이상인 사업자는 보고서를 제출하여야 한다.\n\n"
                     "ㅇ 「지방보조금 관리 조례」 제21조: 시장은 보조금의 반환을 명할 수 있다")
    assert next(p for p in law.passages if p.text.startswith("ㅇ")).parent_id is None


def test_an_enclosure_list_by_its_form_is_references_to_its_end():
    """``붙임 1. 참가신청서 1부.`` / ``2. 사업계획서 1부.`` … ``1부. 끝.``: every line of the list, not the first alone
    (the others were numbered items at the top of the document)."""
    doc = parse_text("공고\n\n8. 문의처\n\n○ 경상북도 청년정책과\n\n붙임 1. 참가신청서 1부.\n2. 사업계획서 1부.\n3. 청년 창업 서약서 1부. 끝.")
    assert [p.kind for p in doc.passages if "1부" in p.text] == ["reference"] * 3


def test_a_form_an_annex_prints_is_never_searched():
    """``[서식 1]`` and the blank form under it (its fields, ``위와 같이 … 신청합니다``): shown in place as references."""
    doc = parse_text("모집 공고\n\n1. 사업개요\n\n○ 청년 창업 120팀 지원\n\n[서식 1]\n\n참가신청서\n\n| 성명 |  | 생년월일 |  |\n|---|---|---|---|\n"
                     "| 주소 |  | 연락처 |  |\n\n위와 같이 청년 창업 지원사업에 참가를 신청합니다.\n\n신청인 (서명 또는 인)")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["위와 같이 청년 창업 지원사업에 참가를 신청합니다."] == "reference"
    assert kinds["○ 청년 창업 120팀 지원"] == "goal"
    assert not any(p.kind in ("row", "table", "paragraph") for p in doc.passages if p.section[:1] == ("[서식 1]",))


def test_a_list_of_items_numbered_again_under_a_heading_stays_under_it():
    """``1.`` … ``4.`` under ``라. 부대의견`` (itself under the document's ``5. 심사결과``) are that heading's items, the
    ``2.`` after ``1.`` too; the document's own next number (``6. 소수의견``) comes back to the top."""
    doc = parse_text("\n".join([
        "1. 심사경과", "가. 제출일자 : 2025. 11. 20.", "5. 심사결과", "가. 의결 결과 : 수정안 가결", "라. 부대의견",
        "1. 공공배달앱은 2026년 6월까지 실적을 평가하여 보고하고, 개선이 없으면 반영하지 말 것",
        "2. 집행부는 지방채 상환계획을 2026년 3월 말까지 수립하여 의회에 제출할 것",
        "3. 민간행사보조사업 114건은 성과평가를 거쳐 일몰제 적용 여부를 검토할 것",
        "6. 소수의견", "ㅇ 정태호 위원 : 지방채 발행 자체에 반대"]), doc_id="r")
    by = {p.text[:2]: p for p in doc.passages}
    for n in ("1.", "2.", "3."):
        assert by[n].section == ("5. 심사결과", "라. 부대의견") and by[n].kind == "item"
    assert by["6."].kind == "heading" and by["6."].section == ()


def test_an_answer_right_after_its_question_is_under_it():
    """A council's 질의 및 답변: ``ㅇ 위원 : …?`` then ``ㅇ 국장 : …``. The answer never names what it answers
    (``하반기 지속 여부를 결정하겠음``); under its question it is embedded and indexed with it."""
    doc = parse_text("\n".join([
        "4. 질의 및 답변 요지", "ㅇ 김민서 위원 : 공공배달앱 운영비 18억원이 편성됐는데, 계속 지원이 타당한가?",
        "ㅇ 일자리경제국장 : 상반기 성과를 평가한 뒤 하반기 지속 여부를 결정하겠음", "ㅇ 세출 구조조정이 필요함",
        "ㅇ 정태호 위원 : 공원보다 노후 하수관로 정비가 먼저 아닌가?", "ㅇ 건설도시국장 : 연내 집행 가능액은 195억원 수준임"]), doc_id="q")
    by_text = {p.text.split(" : ")[0]: p for p in doc.passages}
    by_id = {p.id: p for p in doc.passages}
    assert by_id[by_text["ㅇ 일자리경제국장"].parent_id].text.startswith("ㅇ 김민서 위원")
    assert by_id[by_text["ㅇ 건설도시국장"].parent_id].text.startswith("ㅇ 정태호 위원")
    # a line after an answer, and a question itself, stand on their own
    assert by_text["ㅇ 세출 구조조정이 필요함"].parent_id is None and by_text["ㅇ 정태호 위원"].parent_id is None


def test_numbered_projects_after_a_summary_box_open_the_body_beside_it():
    """``□ 3개 세부사업 예산안 총괄`` over its figures, then ``1. 청년어업인 영어정착 지원`` … ``2. …``: each project is
    a part of the document, not of the summary box that came first."""
    doc = parse_text("\n".join([
        "2026년도 예산안 사업설명자료", "□ 3개 세부사업 2026년 예산안 총괄", "○ 2026년 예산안은 305억 8천만원으로 11.3% 증가",
        "1. 청년어업인 영어정착 지원", "가. 사업 개요", "○ 사업기간 : 2020년 ~ 계속", "2. 해양쓰레기 수거·처리 지원",
        "가. 사업 개요", "○ 사업기간 : 2009년 ~ 계속"]), doc_id="b")
    periods = [p.section for p in doc.passages if "사업기간" in p.text]
    assert periods == [("1. 청년어업인 영어정착 지원", "가. 사업 개요"), ("2. 해양쓰레기 수거·처리 지원", "가. 사업 개요")]


def test_a_reviews_own_sections_are_headings():
    doc = parse_text("\n".join([
        "3. 검토의견", "ㅇ 입법취지는 타당함", "관계기관 의견", "ㅇ 행정안전부 : 입법취지에 공감하며 수용", "4. 종합의견",
        "ㅇ 입법 필요성이 인정됨"]), doc_id="r")
    ministry = next(p for p in doc.passages if p.text.startswith("ㅇ 행정안전부"))
    assert ministry.section[-1] == "관계기관 의견"


def test_a_tables_source_line_is_a_reference_never_an_answer():
    doc = parse_text("\n".join([
        "1. 빈집 규모", "○ 2024년 말 농촌 빈집은 74,210호로 집계됨", "| 연도 | 빈집 수 |", "|---|---|", "| 2024 | 74,210 |",
        "자료: 농림축산식품부, 농촌 빈집 실태조사 결과(각 연도)", "출처 : 통계청(2024)"]), doc_id="s")
    kinds = {p.text.split(":")[0].strip(): p.kind for p in doc.passages if p.text.startswith(("자료", "출처"))}
    assert kinds == {"자료": "reference", "출처": "reference"}


def test_a_lists_last_item_with_a_note_under_it_is_an_item():
    """``마. 공동수급협정서, 하도급 계획서`` ends the list of 가.–마.; a ``※`` note under it makes it no heading: the next
    line after the note is the document's next section."""
    doc = parse_text("\n".join([
        "2. 제출서류", "가. 제안서 본문 15부(원본 1부 포함) 및 요약본 20부", "나. 제안서 전자파일(PDF) 1식",
        "다. 공동수급협정서, 하도급 계획서", "※ 하도급 비율은 사업금액의 50%를 넘을 수 없음", "3. 입찰 및 평가 일정",
        "ㅇ 제안서 제출 마감 2026. 3. 19."]), doc_id="n")
    last = next(p for p in doc.passages if p.text.startswith("다."))
    note = next(p for p in doc.passages if p.text.startswith("※"))
    assert last.kind == "item" and note.section == ("2. 제출서류",)


def test_a_table_under_a_sentence_that_leads_into_it_is_that_sentences_children():
    # ``… 다음과 같이 추진하겠음`` over a table with no caption: each row details it (``추진일정: … 2027. 3. 개원`` is the
    # 공공산후조리원's opening), as ``-`` lines detail a goal; a caption, or a line that leads nowhere, links nothing
    text = "\n".join([
        "1. 최동혁 의원 질문", "□ 답변",
        "ㅇ 시에서는 2026년 공공산후조리원 설치를 목표로 다음과 같이 추진하겠음",
        "| 위치 | 해송의료원 부지 내 별관 |", "| 추진일정 | 2026. 2. 실시설계 → 2027. 3. 개원 |", "",
        "ㅇ 개편 후 접수된 민원은 총 1,846건임",
        "| 유형 | 건수 |", "| 배차간격 증가 | 712 |", "| 환승 불편 | 389 |", "",
    ])
    doc = parse_text(text, doc_id="answers")
    by_id = {p.id: p for p in doc.passages}
    rows = [p for p in doc.passages if p.kind == "row"]
    assert [by_id[r.parent_id].text if r.parent_id else None for r in rows] == [
        "ㅇ 시에서는 2026년 공공산후조리원 설치를 목표로 다음과 같이 추진하겠음", None, None]
    assert "개원" in rows[0].text


def test_an_article_quoted_in_a_bill_ends_at_the_bills_next_numbered_heading():
    # ``3. 관계법령`` quotes 제7조 with its 호 ``1.``, ``2.``; ``4. 예산조치`` is the 의안's next section, not a 4th 호
    text = "\n".join([
        "2026년도 제1차 공유재산 관리계획 변경안", "의안번호 : 제412호", "1. 제안이유", "주차장 부지를 취득하려는 것임.", "2. 주요내용",
        "토지 3건을 취득함.", "3. 관계법령", "제10조(관리계획의 수립) ① 지방자치단체의 장은 관리계획을 세워 의회의 의결을 받아야 한다.",
        "제7조(관리계획의 범위 등) ① 관리계획에 포함되어야 할 재산은 다음 각 호와 같다.",
        "1. 1건당 기준가격이 20억원 이상인 재산의 취득·처분", "2. 1건당 면적이 1천제곱미터 이상인 토지의 취득·처분",
        "4. 예산조치", "ㅇ 취득 소요예산 : 6,672,000천원",
    ])
    doc = parse_text(text, doc_id="consent")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["4. 예산조치"].kind == "heading"
    assert by_text["ㅇ 취득 소요예산 : 6,672,000천원"].section == ("4. 예산조치",)
    assert by_text["2. 1건당 면적이 1천제곱미터 이상인 토지의 취득·처분"].section == ("3. 관계법령", "제7조(관리계획의 범위 등)")
    # a law quoted in part skips 호: a long 4th 호 after the 1st stays in its article
    text = text.replace("2. 1건당 면적이 1천제곱미터 이상인 토지의 취득·처분",
                        "4. 1건당 기준가격이 20억원 이상인 재산으로서 대통령령으로 정하는 재산의 취득·처분")
    doc = parse_text(text, doc_id="consent-part")
    line = next(p for p in doc.passages if p.text.startswith("4. 1건당"))
    assert line.section == ("3. 관계법령", "제7조(관리계획의 범위 등)")


def test_a_new_numbering_under_a_numbered_heading_goes_beside_its_boxes():
    # ``1. 하수관로 정비`` › ``□ 증감 사유`` › ``ㅇ …``, then ``가. 침수예방 …``: a 내역사업 of the 세부사업, beside its boxes
    text = "\n".join([
        "1. 하수관로 정비", "□ 사업 개요", "ㅇ 사업기간 : 1994년 ~ 계속", "□ 증감 사유", "ㅇ 침수 위험 지구를 추가 반영",
        "가. 침수예방 하수관로 정비", "ㅇ 대상 : 중점관리지역", "나. 노후 하수관로 정비", "ㅇ 대상 : 20년 이상 관로",
    ])
    doc = parse_text(text, doc_id="sewer")
    by_text = {p.text: p for p in doc.passages}
    assert by_text["가. 침수예방 하수관로 정비"].section == ("1. 하수관로 정비",)
    assert by_text["ㅇ 대상 : 20년 이상 관로"].section == ("1. 하수관로 정비", "나. 노후 하수관로 정비")
    # … and in the next section alike
    doc = parse_text(text + "\n2. 상수관로 정비\n□ 사업 개요\nㅇ 사업기간 : 2000년 ~ 계속\n가. 노후 상수관로 교체\nㅇ 대상 : 30년 이상", doc_id="sewer2")
    assert next(p for p in doc.passages if p.text == "ㅇ 대상 : 30년 이상").section == ("2. 상수관로 정비", "가. 노후 상수관로 교체")
    # a circled number under a box stays inside it
    doc = parse_text("1. 추진 과제\n□ 세부 과제\n① 조직 정비\nㅇ 팀 신설", doc_id="circled")
    assert next(p for p in doc.passages if p.text == "ㅇ 팀 신설").section[:2] == ("1. 추진 과제", "□ 세부 과제")


def test_a_written_answers_unmarked_labels_head_the_question_and_the_answer_beside_it():
    # 국정감사 서면답변: ``질 의`` / ``답 변`` alone on their lines (no □): each heads its lines, the answer beside the
    # question, not ``답변`` glued to the question's last line as a fragment
    from indexer.representation import answered_questions

    text = ("【질의 7】 김도윤 위원\n질 의\nㅇ 행정전산망 장애 이후 재발 방지 대책의 이행 상황을 밝히기 바람\n답 변\n"
            "ㅇ 정부는 정보시스템 등급제 개편과 이중화를 추진 중임\n- 이중화 미완료 17개 시스템은 2027년까지 완료 예정\n")
    doc = parse_text(text, doc_id="answers")
    by = {p.text: p for p in doc.passages}
    assert by["질의"].kind == by["답변"].kind == "heading" and by["질의"].section == by["답변"].section == ("【질의 7】 김도윤 위원",)
    assert by["ㅇ 행정전산망 장애 이후 재발 방지 대책의 이행 상황을 밝히기 바람"].section[-1] == "질의"
    rest = by["- 이중화 미완료 17개 시스템은 2027년까지 완료 예정"]
    assert rest.section[-1] == "답변" and "행정전산망 장애" in answered_questions(doc.passages)[rest.id]
    # the words alone in a sentence, or a heading that only starts with them, are no label
    doc = parse_text("Ⅰ. 개요\n질의 및 답변 절차\nㅇ 서면 질의는 10일 이내 답변함\n", doc_id="other")
    assert next(p for p in doc.passages if "10일 이내" in p.text).section == ("Ⅰ. 개요",)


def test_the_words_question_and_answer_in_a_plan_are_no_labels():
    # a wrapped ``… 자주 묻는`` / ``질문``, a line that only starts with 질의(…), an agenda's ``질의`` / ``답변`` / ``폐회``
    doc = parse_text("Ⅰ. 추진 과제\nㅇ 챗봇을 활용한 24시간 민원 상담 및 자주 묻는\n질문\nㅇ 상담 이력 관리 시스템 구축\n", doc_id="plan")
    assert not any(p.kind == "heading" and p.text == "질문" for p in doc.passages)
    assert next(p for p in doc.passages if "상담 이력" in p.text).section == ("Ⅰ. 추진 과제",)
    doc = parse_text("Ⅰ. 추진 계획\nㅇ 행정사무감사 대비 위원별 서면\n질의(10건)에 대한 답변서 작성(11월)\nㅇ 본회의 자료 작성\n", doc_id="p2")
    assert all(p.section == ("Ⅰ. 추진 계획",) for p in doc.passages if p.kind != "heading")
    doc = parse_text("Ⅲ. 진행 순서\n\n질의\n\n답변\n\n폐회\n", doc_id="p3")
    assert not any(p.kind == "heading" and p.text in ("질의", "답변") for p in doc.passages)


def test_an_answer_label_sits_beside_its_question_however_each_is_marked():
    # ``□ 질의 요지`` over an unmarked ``답 변`` (or brackets: ``【답 변】``): the answer beside the question, carrying it
    from indexer.representation import answered_questions

    for answer in ("답 변", "【답 변】"):
        doc = parse_text(f"1. 박정민 의원\n□ 질의 요지\nㅇ 소각장 입지 선정 지연과 주민지원 대책\n{answer}\nㅇ 주민지원기금 조성\n",
                         doc_id="mixed")
        fund = next(p for p in doc.passages if "주민지원기금" in p.text)
        assert fund.section[0] == "1. 박정민 의원" and "질의 요지" not in " ".join(fund.section), fund.section
        assert "소각장" in answered_questions(doc.passages)[fund.id]


def test_two_questions_then_two_answers_pair_in_order():
    from indexer.representation import answered_questions

    text = ("1. 김도윤 위원\n□ 질문 요지\nㅇ 지방소멸대응기금 집행 부진 사유\n□ 질문 요지\nㅇ 민원 담당 공무원 보호 대책\n"
            "□ 답변\nㅇ 기금 집행률은 85%로 상승\n□ 답변\nㅇ 보호 대책으로 녹음 장비 보급\n")
    doc = parse_text(text, doc_id="qqaa")
    asked = answered_questions(doc.passages)
    by = {p.text: p for p in doc.passages}
    assert "지방소멸대응기금" in asked[by["ㅇ 기금 집행률은 85%로 상승"].id]
    assert "민원 담당 공무원" in asked[by["ㅇ 보호 대책으로 녹음 장비 보급"].id]


def test_a_law_quoted_under_a_bills_references_keeps_its_numbers_out_of_the_outline():
    # ``2. 주민의 복지증진`` (a 호 of 「지방자치법」 제13조 quoted under ``3. 참고사항 › 가. 관계법령``): the document's numbering
    # never goes back, so it is the quote's line; ``나. 예산조치`` and the act's text stay where they belong
    text = ("월송군 청소년 교통비 지원 조례안\n1. 제안이유\n월송군은 면적이 넓어 교통비 부담이 큼.\n2. 주요내용\n가. 조례의 목적을 정함.\n"
            "3. 참고사항\n가. 관계법령\nㅇ 「지방자치법」 제13조(지방자치단체의 사무 범위)\n② 지방자치단체의 사무를 예시하면 다음과 같다.\n"
            "2. 주민의 복지증진\n나. 예산조치\nㅇ 2026년 본예산에 2억 9,700만원 편성\n월송군 청소년 교통비 지원 조례\n"
            "제1조(목적) 이 조례는 청소년의 이동권을 보장함을 목적으로 한다.\n")
    doc = parse_text(text, doc_id="bill")
    by = {p.text: p for p in doc.passages}
    assert by["2. 주민의 복지증진"].kind == "item" and by["2. 주민의 복지증진"].section == ("3. 참고사항", "가. 관계법령")
    assert by["ㅇ 2026년 본예산에 2억 9,700만원 편성"].section == ("3. 참고사항", "나. 예산조치")
    # the act it enacts, named over its 제1조 (``… 조례``, or ``… 조례안``), holds its articles
    article = next(p for p in doc.passages if p.text.startswith("제1조"))
    assert article.section == ("월송군 청소년 교통비 지원 조례",)
    doc = parse_text(text.replace("청소년 교통비 지원 조례\n제1조", "청소년 교통비 지원 조례안\n제1조"), doc_id="bill2")
    assert "참고사항" not in " ".join(next(p for p in doc.passages if p.text.startswith("제1조")).section)


def test_a_slogan_in_the_polite_form_titles_a_task():
    # ``❶ 학교는 교육에 집중합니다`` / ``❷ 작은학교 지원``, ``1 쌀값 하락 …`` / ``2 외국인 계절근로자 이탈이 늘고 있습니다``
    doc = parse_text("Ⅲ. 정책 과제\n나. 행정과\n❶ 학교는 교육에 집중합니다\n○ 학교행정지원센터 10곳 설치\n❷ 작은학교 지원\n"
                     "○ 작은학교 살리기 전입 학생 유치 14교\n", doc_id="plan")
    by = {p.text: p for p in doc.passages}
    assert by["❶ 학교는 교육에 집중합니다"].kind == by["❷ 작은학교 지원"].kind == "heading"
    assert by["○ 작은학교 살리기 전입 학생 유치 14교"].section[-1] == "❷ 작은학교 지원"
    doc = parse_text("Ⅳ. 현안사항\n1 쌀값 하락과 재배면적 감축 갈등\n○ 시군별 이행 의지 편차 큼\n"
                     "2 외국인 계절근로자 이탈이 늘고 있습니다\n○ 이탈 318명(7.7%)\n", doc_id="report")
    assert next(p for p in doc.passages if "이탈 318명" in p.text).section[-1] == "2 외국인 계절근로자 이탈이 늘고 있습니다"


def test_a_first_slogan_over_its_card_or_its_boxes_titles_them():
    # ``가. 서하역에 청년 창업의 전진기지를 만들겠습니다`` over its pledge card and □ lines: a heading like its sibling
    doc = parse_text("Ⅲ. 분야별 공약 실행계획\n1. 일자리·경제\n가. 서하역에 청년 창업의 전진기지를 만들겠습니다\n| 공약번호 | 경제-02 |\n"
                     "|---|---|\n| 총사업비 | 240억원 |\n□ 추진현황\nㅇ 2025. 4. 착공, 공정률 68%\n나. 골목상권 살리기\n□ 추진현황\n"
                     "ㅇ 상품권 1,500억원 발행\n", doc_id="pledges")
    by = {p.text: p for p in doc.passages}
    assert by["가. 서하역에 청년 창업의 전진기지를 만들겠습니다"].kind == "heading"
    assert by["ㅇ 2025. 4. 착공, 공정률 68%"].section[-2] == "가. 서하역에 청년 창업의 전진기지를 만들겠습니다"
    assert by["ㅇ 상품권 1,500억원 발행"].section[-2:] == ("나. 골목상권 살리기", "□ 추진현황")
    # a lead-in over its table is no title (``가. 지원 금액은 아래와 같습니다``)
    doc = parse_text("1. 지원 내용\n가. 지원 금액은 아래와 같습니다\n| 구분 | 금액 |\n|---|---|\n| 1인 | 50만원 |\n", doc_id="n2")
    assert next(p for p in doc.passages if p.text.startswith("가.")).kind != "heading"
    # a polite sentence over the list's next item is an item (``가. … 드립니다`` / ``나. …``)
    doc = parse_text("1. 신청 안내\n가. 누구나 신청할 수 있습니다\n나. 방문 접수만 받습니다\n", doc_id="notice")
    assert next(p for p in doc.passages if p.text.startswith("가.")).kind == "item"


def test_a_formulas_minus_is_no_sub_item():
    doc = parse_text("1. 결산 총괄\n※ 세계잉여금 = 세입 수납액 - 세출 지출액, 집행률 = 지출액 ÷ 예산현액 × 100\n"
                     "○ 순세계잉여금 604억원 - 이월액 제외\n", doc_id="report")
    texts = [p.text for p in doc.passages]
    assert "※ 세계잉여금 = 세입 수납액 - 세출 지출액, 집행률 = 지출액 ÷ 예산현액 × 100" in texts
    assert "- 이월액 제외" in texts  # a dash after a bullet's words with no formula is still a sub-item
    # a term's definition after the formula is a sub-item (``- 자체수입: …``); a process flow's arrows split nothing
    doc = parse_text("1. 지표\n○ 재정자립도 = 자체수입 ÷ 예산 × 100 - 자체수입: 지방세+세외수입\n○ 절차 : 공모 ▸ 심사 ▸ 선정 ▸ 협약\n",
                     doc_id="r2")
    texts = [p.text for p in doc.passages]
    assert "- 자체수입: 지방세+세외수입" in texts and "○ 절차 : 공모 ▸ 심사 ▸ 선정 ▸ 협약" in texts


def test_a_hyphenated_task_stated_at_length_is_its_headings_sibling():
    # ``3-2. 충북형 ‘마중택시’ : … 보전`` after the heading ``3-1. …``: an item beside it, not a paragraph under it
    doc = parse_text("4. 부문별 추진전략\n나. 농촌 이동권 보장\n3-1. 수요응답형 교통(DRT) 전 읍·면 확대\n"
                     "3-2. 충북형 ‘마중택시’ : 버스 미운행 마을 주민이 1,000원(읍·면 소재지까지)에 택시 이용, 차액은 도·시군이 보전\n"
                     "3-3. 특별교통수단 광역 이동지원센터 운영\n", doc_id="plan")
    by = {p.text[:4]: p for p in doc.passages}
    assert by["3-2."].kind == "item" and by["3-2."].section[-1] == "나. 농촌 이동권 보장"


def test_a_hearings_panelists_head_their_points():
    doc = parse_text("Ⅲ. 지정 토론 요지\n토론 1. 박은희 (도의회 건설환경소방위원회 의원)\n○ 시·군비 비중이 37%로 높음\n"
                     "토론 2. 김태수 (버스운송사업조합 전무)\n○ 운전기사 210명 부족\n", doc_id="hearing")
    point = next(p for p in doc.passages if "210명" in p.text)
    assert point.section[-1] == "토론 2. 김태수 (버스운송사업조합 전무)"


def test_a_work_reports_achievements_numbered_by_label_are_headings():
    # ``성과 1 농업인 소득 안전망 강화`` as ``과제 1 …``: each holds its □ lines
    doc = parse_text("Ⅱ. 2025년 주요성과\n성과 1 농업인 소득 안전망 강화\n□ 농어민수당 972억원 지급\n성과 2 청년농과 스마트농업\n"
                     "□ 스마트팜 보급 186ha\n", doc_id="report")
    assert next(p for p in doc.passages if "스마트팜 보급" in p.text).section[-1] == "성과 2 청년농과 스마트농업"


def test_a_summary_boxs_title_labels_its_lines():
    # ``보고 요지`` over a report's summary box: a label (like ``핵심 요약``), not a paragraph of text
    doc = parse_text("솔섬 연륙교 타당성조사 결과 보고\n2026. 3.\n경상남도\n목 차\nⅠ. 조사 개요 ··· 1 Ⅱ. 결론 ··· 2\n보고 요지\n▪ 사업 추진이 타당한 것으로 분석됨\n"
                     "▪ 중앙투자심사를 의뢰하고자 함\nⅠ. 조사 개요\nㅇ 조사기관 : 지방투자사업관리센터\n", doc_id="report")
    assert next(p for p in doc.passages if p.text == "보고 요지").kind == "heading"



def test_a_speakers_turn_in_minutes_is_one_passage_and_an_answer_sits_under_its_question():
    # 회의록: ``○박상훈 위원`` / what he says, a paragraph a line / ``○경제국장 강태호`` / the answer. A turn is one
    # passage (the answer's lines had stood alone: ``내년에는 1,200억원 발행을 계획하고`` never said 상품권), and an
    # official's turn right after a member's answers it (the member's question is its context)
    from indexer.representation import embedding_texts

    text = ("1. 2026년도 경제국 소관 예산안\n○박상훈 위원\n서진사랑상품권 관련해서 여쭤보겠습니다.\n올해 발행 규모가 얼마였습니까?\n"
            "○경제국장 강태호\n경제국장 강태호입니다.\n내년에는 1,200억원 발행을 계획하고 있습니다.\n"
            "○위원장 정영수\n다음은 김은지 위원님 질의해 주십시오.\n")
    doc = parse_text(text, doc_id="minutes")
    turns = [p for p in doc.passages if p.kind == "goal"]
    assert [t.text.split("\n")[0] for t in turns] == ["○박상훈 위원", "○경제국장 강태호", "○위원장 정영수"]
    assert "1,200억원 발행" in turns[1].text and not any(p.kind == "paragraph" for p in doc.passages)
    assert turns[1].parent_id == turns[0].id and turns[2].parent_id is None  # the chair answers no one
    emb = dict(zip((p.id for p in doc.passages), embedding_texts(doc.passages, {p.id: p for p in doc.passages}, {})))
    assert "서진사랑상품권" in emb[turns[1].id]
    # a bullet line that names no speaker keeps its lines apart
    doc = parse_text("○ 상품권 발행을 확대한다.\n내년에는 1,200억원 발행을 계획하고 있으며 할인율을 조정한다.\n", doc_id="plan")
    assert len([p for p in doc.passages if p.kind != "title"]) == 2



def test_an_official_answers_the_member_even_after_the_chair_gives_the_floor():
    text = ("1. 2026년도 경제국 소관 예산안\n○박상훈 위원\n서진사랑상품권 발행 규모가 얼마였습니까?\n○위원장정영수\n"
            "경제국장님 답변해 주십시오.\n○경제국장 강태호\n내년에는 1,200억원 발행을 계획하고 있습니다.\n")
    turns = [p for p in parse_text(text, doc_id="minutes").passages if p.kind == "goal"]
    assert [t.text.split("\n")[0] for t in turns] == ["○박상훈 위원", "○위원장정영수", "○경제국장 강태호"]
    assert turns[1].parent_id is None and turns[2].parent_id == turns[0].id  # the chair answers no one, nor asks


def test_a_plans_bullets_that_name_a_role_are_no_speakers():
    # ``○ 위원 구성`` / ``○ 위원장 선출`` in a committee's operating plan: bullets, not a member and an official
    text = "Ⅱ. 위원회 운영\n○ 위원 구성\n당연직 5명과 위촉직 10명 등 15명 이내로 구성한다.\n○ 위원장 선출\n위원 중에서 호선한다.\n"
    goals = [p for p in parse_text(text, doc_id="plan").passages if p.kind == "goal"]
    assert all(g.parent_id is None for g in goals) and all("\n" not in g.text for g in goals)


def test_a_tables_numbered_notes_are_notes_not_an_outline():
    # ``주: 1) …`` under a table and ``2) … 기준으로 산출`` after it: the table's second note, not a heading over the
    # source line and the next table
    text = ("2-1. 인구 추이\n| 연 별 | 인구 |\n| --- | --- |\n| 2024 | 46,031 |\n주: 1) 주민등록인구 기준이며 외국인은 제외함\n"
            "2) 인구밀도는 행정구역 면적(2024년 642.18㎢) 기준으로 산출\n자료 : 민원봉사과\n2-2. 세대 현황\n1) 세대 구성\n")
    doc = parse_text(text, doc_id="yearbook")
    kinds = {p.text.split()[0]: p.kind for p in doc.passages}
    assert kinds["2)"] == "paragraph" and kinds["주:"] == "paragraph"
    assert not any("2) 인구밀도" in " ".join(p.section) for p in doc.passages)
    # an outline's ``1)`` after it is still the outline's
    assert [p.kind for p in doc.passages if p.text == "1) 세대 구성"] == ["heading"]


def test_an_annex_numbers_its_own_outline_under_it():
    # a letter numbered ``1.`` ``2.`` with its annex numbered ``Ⅰ.`` › ``1.``: the annex's ``1.`` sits under its ``Ⅰ.``,
    # not back at the letter's top level, and its ``Ⅱ.`` under the annex, not under the annex's ``5.``
    text = ("1. 관련\n가. 「도원시 지방보조금 관리 조례」 제12조\n2. 아래와 같이 교부를 결정하였음을 통지합니다.\n"
            "붙임 2 지방보조금 교부조건 및 집행기준\nⅠ. 공통 교부조건\n1. 보조사업의 수행\n가. 보조사업자는 사업계획서에 따라 보조사업을 수행하여야 함\n"
            "2. 보조금의 관리\n가. 보조금은 전용계좌로 교부받아야 함\nⅡ. 보조금 집행기준\n○ 간담회 식비는 1인당 4만원 이내로 집행함\n")
    doc = parse_text(text, doc_id="letter")
    sections = {p.text: p.section for p in doc.passages}
    annex = "붙임 2 지방보조금 교부조건 및 집행기준"
    assert sections["가. 보조금은 전용계좌로 교부받아야 함"] == (annex, "Ⅰ. 공통 교부조건", "2. 보조금의 관리")
    assert sections["○ 간담회 식비는 1인당 4만원 이내로 집행함"] == (annex, "Ⅱ. 보조금 집행기준")


def test_a_run_of_annexes_with_nothing_under_them_is_its_sections_list():
    # a manual's ``Ⅴ. 서식 목록`` lists its forms (``[서식 1] …``, ``[서식 2] …``): items of that section, searchable, not
    # root headings over nothing; an annex with its own content after the run is a heading again
    text = ("Ⅴ. 서식 목록\n[서식 1] 민원 접수·처리 기록카드\n[서식 2] 민원처리부\n[서식 3] 처리기간 연장 통지서\n"
            "※ 서식 파일은 구 행정포털 자료실에서 내려받을 수 있음\n[부록] 담당부서 연락처\n| 부서 | 전화번호 |\n| --- | --- |\n"
            "| 민원여권과 | 042-611-2311 |\n")
    doc = parse_text(text, doc_id="manual")
    forms = [p for p in doc.passages if p.text.startswith("[서식")]
    assert [p.kind for p in forms] == ["item"] * 3 and all(p.section == ("Ⅴ. 서식 목록",) for p in forms)
    assert [p.kind for p in doc.passages if p.text == "[부록] 담당부서 연락처"] == ["heading"]
    (row,) = [p for p in doc.passages if p.kind == "row"]
    assert row.section == ("[부록] 담당부서 연락처",)


def test_a_closing_signature_joins_the_last_paragraph():
    # ``2026. 12. 8.`` and ``기획행정위원회 위원장 정 태 윤`` under a closing opinion: its signature, not two passages that a
    # query in the section's words (``위원장 종합의견``) finds before the opinion itself
    text = ("Ⅵ. 위원장 종합의견\n위원회는 이번 감사에서 재정 누수를 막고 행정의 책임성을 높이는 데 중점을 두었다.\n"
            "끝으로 관계 공무원 여러분께 감사드린다.\n2026. 12. 8.\n기획행정위원회 위원장 정 태 윤\n")
    doc = parse_text(text, doc_id="audit")
    body = [p for p in doc.passages if p.section == ("Ⅵ. 위원장 종합의견",)]
    assert [p.text for p in body][-1] == "끝으로 관계 공무원 여러분께 감사드린다.\n2026. 12. 8.\n기획행정위원회 위원장 정 태 윤"
    # a short line after a paragraph that is no date stays its own (``세부 일정은 추후 안내``)
    doc = parse_text("1. 추진 계획\n사업은 상반기에 착수하여 연말까지 마무리할 계획이다.\n세부 일정은 추후 안내\n", doc_id="plan")
    assert [p.text for p in doc.passages][-1] == "세부 일정은 추후 안내"
    # nor does an event's date in a chronology join the event before it
    text = ("1. 추진 경과\n업무협약을 체결하였다.\n\n2025. 12. 15.\n\n실시설계 용역에 착수하여 주민설명회를 두 차례 열었다.\n")
    assert "2025. 12. 15." not in [p.text for p in parse_text(text, doc_id="plan").passages][1]


def test_a_fields_list_goes_on_through_a_label_with_a_parenthesis():
    # ``4) 서령군 청소년문화의집 건립(토지 매입 및 건물 신축) : 8,740,000천원`` after three such items: the list's next
    # item, not a heading over ``다. 처분 3건 : …``
    text = ("2. 주요내용\n나. 취득 4건 : 토지 31,462㎡, 기준가격 27,146,200천원\n1) 반다비체육센터 건립(건물 신축) : 14,260,000천원\n"
            "2) 중앙시장 공영주차장 부지 매입 : 2,815,000천원\n3) 청년농 임대형 스마트팜 단지 부지 매입 : 1,331,200천원\n"
            "4) 서령군 청소년문화의집 건립(토지 매입 및 건물 신축) : 8,740,000천원\n다. 처분 3건 : 토지 19,475㎡, 기준가격 4,693,900천원\n")
    doc = parse_text(text, doc_id="bill")
    assert {p.kind for p in doc.passages if p.section} == {"item"}
    assert all(p.section == ("2. 주요내용",) for p in doc.passages if p.kind == "item")


def test_an_annex_over_content_of_its_own_is_a_heading_after_a_run_and_a_reference_box_keeps_the_outline():
    # ``붙임 1`` alone over a form: the form heads its rows (the label is no item of the section above)
    text = ("Ⅴ. 행정사항\n□ 신청서는 기한 내 제출한다.\n붙임 1\n[별지 제1호서식] 참여 신청서\n| 성명 | 생년월일 |\n| --- | --- |\n"
            "| 홍길동 | 1990. 1. 1. |\n")
    doc = parse_text(text, doc_id="notice")
    assert [p.kind for p in doc.passages if p.text == "[별지 제1호서식] 참여 신청서"] == ["heading"]
    assert {p.section for p in doc.passages if "홍길동" in p.text} == {("[별지 제1호서식] 참여 신청서",)}
    # the last annex of a run, over text of its own, heads that text
    text = "Ⅲ. 추진 계획\n□ 상반기 착수함.\n\n붙임 1 사업 위치도\n\n붙임 2 세부 추진 일정\n\n□ 1분기 : 기본계획 수립 및 설계 착수 예정\n"
    doc = parse_text(text, doc_id="plan")
    assert [p.kind for p in doc.passages if p.text == "붙임 1 사업 위치도"] == ["item"]
    assert [p.section for p in doc.passages if p.text.startswith("□ 1분기")] == [("붙임 2 세부 추진 일정",)]
    # a 참고 box between chapters: the next chapter goes back to the top
    text = ("Ⅰ. 추진 배경\n1. 현황\n□ 이용자가 늘고 있음\n참고 1 지역별 이용 현황\n□ 동부권 이용률이 가장 높음\nⅡ. 향후 계획\n"
            "1. 추진 방향\n□ 서부권 확충을 우선 추진함\n")
    doc = parse_text(text, doc_id="report")
    assert [p.section for p in doc.passages if p.text.startswith("□ 서부권")] == [("Ⅱ. 향후 계획", "1. 추진 방향")]


def test_a_short_numbered_title_after_a_tables_note_is_the_next_heading():
    text = ("1) 연도별 인구\n| 연도 | 인구 |\n| --- | --- |\n| 2024 | 46,031 |\n주1) 주민등록인구 기준(외국인 제외)\n2) 연령별 인구\n"
            "□ 65세 이상 인구가 꾸준히 늘고 있음\n")
    doc = parse_text(text, doc_id="yearbook")
    assert [p.section for p in doc.passages if p.text.startswith("□ 65세")] == [("2) 연령별 인구",)]
