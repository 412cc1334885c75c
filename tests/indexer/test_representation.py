"""Representation: what a passage is embedded and BM25-indexed as (its ``text`` stays itself)."""

from __future__ import annotations

from indexer.ingest.parsing import parse_text
from indexer.representation import context_of, embedding_texts

PLAN = """2022년 업무계획

Ⅰ. 추진 과제
□ 국어 말뭉치 확대 구축(3,180백만원)
ㅇ 인공지능 학습용 말뭉치를 분야별로 구축하여 대국민 공개
- 방언 말뭉치 3종 추가
□ 세입예산
(단위: 백만원)
| 구분 | 2021년 | 2022년 |
| --- | --- | --- |
| 토지대여료 | 94 | 97 |
"""


def _texts():
    doc = parse_text(PLAN, doc_id="plan")
    by_id = {p.id: p for p in doc.passages}
    return doc, dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {doc.doc_id: doc.title})))


def test_passages_are_embedded_under_their_content_headings_not_labels():
    doc, emb = _texts()
    goal = next(p for p in doc.passages if p.kind == "goal")
    assert context_of(goal, content_only=True) == "□ 국어 말뭉치 확대 구축(3,180백만원)"  # "Ⅰ. 추진 과제" is a label
    assert emb[goal.text].startswith("□ 국어 말뭉치 확대 구축(3,180백만원) › 인공지능 학습용 말뭉치")  # the ㅇ bullet is stripped like ○
    assert goal.text.startswith("ㅇ 인공지능")  # what a user reads is unchanged


def test_a_heading_is_embedded_with_the_opening_of_its_section():
    doc, emb = _texts()
    heading = "□ 국어 말뭉치 확대 구축(3,180백만원)"
    assert "인공지능 학습용 말뭉치" in emb[heading] and "방언 말뭉치" in emb[heading]


def test_a_table_row_is_embedded_without_its_figures_and_unit():
    doc, emb = _texts()
    row = next(p for p in doc.passages if p.kind == "row")
    assert "94" in row.text and "백만원" in row.text
    assert "토지대여료" in emb[row.text] and "94" not in emb[row.text] and "단위" not in emb[row.text]


def test_a_nested_goal_is_embedded_under_the_goal_it_details():
    from indexer.ingest.parsing import parse_text
    from indexer.representation import embedding_texts

    doc = parse_text("가. 추진 방향\n□ 산사태 피해를 최소화함\nㅇ 취약지역에 방지시설을 설치함\n", doc_id="nested")
    by_id = {p.id: p for p in doc.passages}
    texts = dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {doc.doc_id: doc.title})))
    assert "산사태 피해를 최소화함 - 취약지역에 방지시설을 설치함" in texts["ㅇ 취약지역에 방지시설을 설치함"]


def test_a_passage_that_states_money_is_bm25_indexed_as_a_budget():
    from indexer.representation import BUDGET_TOKEN, lexical_document, states_money
    from indexer.segmentation import content_morphs

    text = PLAN.replace("□ 세입예산", "□ 임대 수입")  # no 예산 of its own in the table's rows
    doc = parse_text(text, doc_id="plan")
    by_id = {p.id: p for p in doc.passages}
    morphs = {p.id: content_morphs(p.text) for p in doc.passages}
    tokens = {p.text: lexical_document(p, by_id, morphs) for p in doc.passages}
    assert BUDGET_TOKEN in tokens["□ 국어 말뭉치 확대 구축(3,180백만원)"]
    assert BUDGET_TOKEN not in tokens["- 방언 말뭉치 3종 추가"]  # a count, not money
    row = next(p.text for p in doc.passages if p.kind == "row")
    assert "예산" not in row and tokens[row].count(BUDGET_TOKEN) == 1  # its figures are 백만원 by the unit note
    for money in ("1조 8천억원", "￦19,209,180,000", "수수료 1,200원", "20억 원을 투입", "(단위: 명, 백만원)", "1,000원인 경우",
                  "연간 운영비는 약 9,800만원이며", "1인당 50만원이내", "총 3억원가량", "(단위 : 천원/년)"):
        assert states_money(money), money
    for words in ("3원칙 수립", "행정 2원화 해소", "연구원 3명", "300억 달러", "2.1 원도심 재생", "과제 2 원격의료",
                  "(단위: 명 › 공무원 교육", "단위: 개소\n원격 상담 창구", "(단위: 명) 공무원"):
        assert not states_money(words), words


RFP = """{name} 구축 사업
제안요청서
2023. 5.
{issuer}

Ⅰ. 사업 안내
1. 사업개요
1) 사업명 : {name} 구축
2) 사업기간 : 계약일로부터 {months}개월
3) 사업금액 : ￦{amount} (부가가치세 포함)
4) 계약방법 : 제한경쟁입찰(협상에 의한 계약)
2. 추진배경
○ 노후화된 업무시스템을 클라우드 기반으로 전환하여 운영 효율성 제고
3. 사업 범위
□ 통합 데이터 플랫폼 구축 및 운영 체계 마련
○ 사업기간 : 1단계 구축 후 2단계 확산
"""
KWATER = RFP.format(name="K-water 디지털플랫폼", issuer="한국수자원공사", months=24, amount="19,209,180,000")
FOREST = RFP.format(name="산림재난 통합관리시스템", issuer="산림청", months=18, amount="5,300,000,000")


def test_a_bare_key_value_line_is_embedded_and_indexed_under_its_title_and_headings():
    from indexer.representation import is_bare, lexical_context

    doc = parse_text(KWATER, doc_id="rfp")
    by_id = {p.id: p for p in doc.passages}
    texts = dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {"rfp": doc.title})))
    amount = next(p for p in doc.passages if "사업금액" in p.text)
    assert is_bare(amount) and doc.title.startswith("K-water 디지털플랫폼 구축 사업")
    assert texts[amount.text] == f"{doc.title} › Ⅰ. 사업 안내 › 1. 사업개요 › {amount.text}"
    assert lexical_context(amount, doc.title) == f"{doc.title} › Ⅰ. 사업 안내 › 1. 사업개요"
    # not bare: a key–value line under a content heading, a line that is no key–value pair
    under_content = next(p for p in doc.passages if p.text.startswith("○ 사업기간"))
    plain = next(p for p in doc.passages if p.text.startswith("○ 노후화된"))
    for p in (under_content, plain):
        assert not is_bare(p) and doc.title not in texts[p.text] and doc.title not in lexical_context(p, doc.title)


def test_a_parent_names_the_subject_of_a_key_value_sub_item():
    from indexer.representation import is_bare

    doc = parse_text("가. 투자 방향\n○ 주민자치 활성화\n- 주민자치회 구성(개) : (‘21) 132 → (’22) 154\n", doc_id="plan")
    sub = next(p for p in doc.passages if p.kind == "sub-item")
    assert sub.parent_id is not None and not is_bare(sub)


def test_the_title_finds_the_amount_of_the_project_a_query_names(tmp_path, embedder):
    from tests.conftest import index_of_texts

    ix = index_of_texts(tmp_path, {"kwater-rfp.txt": KWATER, "forest-rfp.txt": FOREST}, embedder)
    for query, want, other in (
        ("K-water 디지털플랫폼 구축 사업금액", "19,209,180,000", "5,300,000,000"),
        ("산림재난 통합관리시스템 사업금액", "5,300,000,000", "19,209,180,000"),
    ):
        texts = [h.text for h in ix.search(query, k=10).hits]
        assert any(want in t for t in texts[:3]), texts
        first = next(i for i, t in enumerate(texts) if want in t)
        assert all(other not in t for t in texts[:first]), texts


def test_a_source_or_a_contact_line_is_never_bare():
    from indexer.representation import is_bare

    text = "1. 현황\n| 구분 | 2023 |\n|---|---|\n| 농어촌 | 38.4 |\n자료: 국토교통부(2023), 「대중교통 현황조사」\n문의 : 지역교통연구팀 044-211-3114\n"
    doc = parse_text(text, doc_id="brief")
    by_start = {p.text.split()[0]: p for p in doc.passages}
    assert not is_bare(by_start["자료:"]) and not is_bare(by_start["문의"])
    assert is_bare(next(p for p in parse_text("1. 현황\n사업기간 : 2025년 ~ 2027년\n", doc_id="t").passages if "사업기간" in p.text))
    # a budget explanation's cover box of its writers (``| 작성자 | 과장 이정훈 | 연락처 | 044-… |``) describes whom to ask
    doc = parse_text("| 작성자 | 과장 이정훈 | 연락처 | 044-202-3481 |\n|---|---|---|---|\n2026년도 예산안 사업설명자료\n", doc_id="budget")
    assert not is_bare(next(p for p in doc.passages if p.kind == "row"))


def test_a_short_box_heading_that_names_a_project_is_its_lines_subject():
    from indexer.records import names_subject, says_something
    from indexer.representation import embedding_texts, is_bare, lexical_context

    # ``□ 공공도서관 확충`` (under ten letters) names the project whose record follows: its lines are not bare, so
    # they go under their heading, not under the document's title, which had put every such line of a mid-term plan
    # first for any query naming the plan (``2025~2029 고창군 중기지방재정계획 재정자립도``)
    text = ("2025~2029 고창군 중기지방재정계획\n\n3. 주요 투자사업\n□ 공공도서관 확충\n - 사업기간 : 2025~2029\n"
            " - 총사업비 : 14,200백만원\n□ 사업개요\n - 사업기간 : 2025~2027\n")
    doc = parse_text(text, doc_id="plan")
    lines = {(p.section[-1], p.text.split(":")[0].strip("- ").strip()): p for p in doc.passages if p.kind == "sub-item"}
    library, overview = lines["□ 공공도서관 확충", "사업기간"], lines["□ 사업개요", "사업기간"]
    assert not is_bare(library) and "고창군" not in lexical_context(library, doc.title)
    by_id = {p.id: p for p in doc.passages}
    assert embedding_texts([library], by_id, {"plan": doc.title}) == ["□ 공공도서관 확충 › 사업기간 : 2025~2029"]
    # a box heading of a plan's label words only still labels: a line under it alone is bare, under the title
    assert is_bare(overview) and lexical_context(overview, doc.title).startswith(doc.title)
    cases = {"□ 공공도서관 확충": True, "□ 한우 스마트 축사 보급": True, "□ 사업개요": False, "□ 추진 배경": False,
             "□ 현황 및 문제점": False, "□ 국가별 동향(상위 5개)": False, "1. 공공도서관": False, "□ 비전": False}
    assert {h: names_subject(h) for h in cases} == cases
    assert not says_something("□ 공공도서관 확충")  # a heading so short is still no search result of its own


def test_a_titled_articles_clauses_are_embedded_under_it():
    # ``제8조(효력)`` › ``② … 2년씩 자동 연장된다``: an agreement's or a law's clause is about its article's title
    from indexer.records import names_subject
    from indexer.representation import embedding_texts

    doc = parse_text("청해시 보도자료\n붙임 2 업무협약서\n제1조(목적) 이 협약은 상호 협력에 필요한 사항을 정한다.\n제8조(효력) ① 이 협약은 "
                     "서명한 날부터 효력이 발생한다.\n② 유효기간 만료 3개월 전까지 이의가 없으면 2년씩 자동 연장된다.\n", doc_id="mou")
    clause = next(p for p in doc.passages if p.text.startswith("②"))
    (text,) = embedding_texts([clause], {p.id: p for p in doc.passages}, {"mou": doc.title})
    assert "제8조(효력) › ② 유효기간" in text
    assert names_subject("제3조의2(각 기관의 역할)") and not names_subject("제3조") and not names_subject("1. 효력")


def test_a_table_row_is_never_bare():
    from indexer.representation import is_bare

    doc = parse_text("Ⅰ. 현황\n| 구분 | 2023년 | 2024년 |\n|---|---|---|\n| 예산 | 100 | 120 |\n", doc_id="t")
    row = next(p for p in doc.passages if p.kind == "row")
    assert row.text.count(":") and not is_bare(row)


def test_a_covers_record_of_fields_is_bare_and_a_mastheads_is_not():
    from indexer.representation import is_bare, lexical_context

    cover = "재난 및 안전관리 기본법 일부개정법률안 검토보고서\n| 의안번호 | 제2214387호 | 제안자 | 윤서경 의원 등 11인 |\n|---|---|---|---|\n"
    doc = parse_text(cover, doc_id="r")
    record = next(p for p in doc.passages if p.kind == "row")
    assert is_bare(record) and lexical_context(record, doc.title).startswith("재난 및 안전관리 기본법")
    masthead = parse_text("보도자료\n| 보도일시 | 2025. 3. 12. | 배포일시 | 2025. 3. 11. |\n|---|---|---|---|\n| 담당부서 | 교통정책과 | 담당자 | 김민재 |\n", doc_id="m")
    assert not any(is_bare(p) for p in masthead.passages if p.kind == "row")


def test_the_key_value_form():
    from dataclasses import replace

    from indexer.representation import is_bare

    doc = parse_text("Ⅰ. 사업 안내\n1) 사업명 : 산림재난 통합관리\n", doc_id="t")
    item = next(p for p in doc.passages if p.text.startswith("1)"))
    assert is_bare(item) and item.section == ("Ⅰ. 사업 안내",)
    cases = {
        "12) 사업 추진 체계 : 주관기관 단독": True,
        "가. 접수기간: 3. 18. ~ 3. 22.": True,
        "14:00 ~ 16:00 설명회 개최": False,
        "1:1 멘토링 운영": False,
        "https://corpus.korean.go.kr 공개": False,
        "국민과 함께하는 디지털 정부혁신을 위한 과제: 10대 과제": False,  # a long "key" is a sentence
    }
    assert {t: is_bare(replace(item, text=t)) for t in cases} == cases


def test_a_title_that_is_the_passage_or_the_file_name_adds_nothing():
    from indexer.representation import document_titles, lexical_context

    doc = parse_text("사업명: 산림재난 통합관리\n\nⅠ. 개요\n사업기간 : 18개월\n", doc_id="t", source="/x/t.txt")
    first, term = doc.passages[0], next(p for p in doc.passages if p.text.startswith("사업기간"))
    assert lexical_context(first, first.text) == "" and lexical_context(term, "") == "Ⅰ. 개요"
    assert lexical_context(term, "산림재난 통합관리 제안요청서") == "산림재난 통합관리 제안요청서 › Ⅰ. 개요"
    named = type(doc)(**{**doc.__dict__, "title": "t"})  # a document that printed no title is named by its file
    assert document_titles([named]) == {} and document_titles([doc]) == {"t": doc.title}


def test_a_dash_line_is_embedded_under_its_list_item_or_else_its_label():
    from indexer.ingest.parsing import parse_text
    from indexer.representation import embedding_texts

    doc = parse_text("2. 신청자격 및 제한\n가. 신청자격 : 주민 5인 이상으로 구성된 모임\n- 구성원 중 시 주민등록자가 과반수 이상이어야 함\n"
                     "나. 신청제한\n- 정당 활동, 종교 활동, 영리 목적의 사업\n", doc_id="contest")
    by_id = {p.id: p for p in doc.passages}
    texts = dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {doc.doc_id: doc.title})))
    assert "신청자격 : 주민 5인 이상으로 구성된 모임 - 구성원 중" in texts["- 구성원 중 시 주민등록자가 과반수 이상이어야 함"]
    assert "신청제한 - 정당 활동, 종교 활동, 영리 목적의 사업" in texts["- 정당 활동, 종교 활동, 영리 목적의 사업"]


def test_a_row_stating_the_total_cost_under_labels_only_is_bare():
    from indexer.representation import is_bare, lexical_context

    text = ("제2차 전라남도 스마트농업 육성 기본계획\nⅠ. 계획 개요\n2. 계획의 범위\n| 구 분 | 내 용 |\n|---|---|\n"
            "| 계획기간 | 2025년 ~ 2029년 |\n| 총사업비 | 4,826억원(국비 2,418억원, 지방비 1,672억원) |\n"
            "Ⅱ. 추진과제\n| 사업명 | 사업기간 | 총사업비 |\n|---|---|---|\n| 스마트팜 혁신밸리 | 2025~2028 | 1,240억원 |\n")
    doc = parse_text(text, doc_id="plan")
    rows = {p.text: p for p in doc.passages if p.kind == "row"}
    cost = next(p for t, p in rows.items() if t.startswith("계획의 범위 › 총사업비"))
    assert is_bare(cost) and lexical_context(cost, doc.title).startswith("제2차 전라남도 스마트농업 육성 기본계획")
    # another field of the scope, and a project's record with its cost, name their subject otherwise
    assert [t for t, p in rows.items() if is_bare(p)] == [cost.text]


def test_a_row_is_embedded_under_the_sentence_that_leads_into_its_table():
    # ``추진일정: … 2027. 3. 개원`` says nothing of what opens; the line over the table does (공공산후조리원)
    text = ("□ 답변\nㅇ 시에서는 2026년 공공산후조리원 설치를 목표로 다음과 같이 추진하겠음\n"
            "| 위치 | 해송의료원 부지 내 별관 |\n| 규모 | 산모실 15실 |\n| 추진일정 | 2027. 3. 개원 |\n")
    doc = parse_text(text, doc_id="answer")
    by_id = {p.id: p for p in doc.passages}
    texts = dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {doc.doc_id: doc.title})))
    row = next(p for p in doc.passages if p.kind == "row" and "개원" in p.text)
    assert "공공산후조리원 설치를 목표로" in texts[row.text] and "공공산후조리원" not in row.text


ANSWERS = """시정질문 답변서

1. 박정민 의원 질문
□ 질문 요지
ㅇ 시내버스 노선 개편 이후 배차간격이 늘어난 읍·면 주민 불편 대책
□ 답변
ㅇ 읍·면 지선 7개 노선 증차(11대)
2. 이재훈 의원 질문
□ 질의 요지 (이재훈 의원)
ㅇ 광역 자원회수시설(소각장) 입지 선정 지연과 주민지원 대책
□ 답 변
ㅇ 주민지원 대책
- 주민지원기금 : 반입수수료의 20%를 적립하여 난방비 지원
3. 추진 상황
□ 답변 준비
ㅇ 답변 자료 12건 작성
"""


def test_an_answer_is_embedded_and_indexed_with_the_question_it_answers():
    # 시정질문 답변서: ``주민지원기금 : …`` sits under ``□ 답변`` and never says 소각장; its question, beside it, does
    from indexer.representation import answered_questions, lexical_context

    doc = parse_text(ANSWERS, doc_id="answers")
    by_id = {p.id: p for p in doc.passages}
    asked = answered_questions(doc.passages)
    texts = dict(zip((p.text for p in doc.passages), embedding_texts(doc.passages, by_id, {doc.doc_id: doc.title})))
    fund = next(p for p in doc.passages if "주민지원기금" in p.text)
    bus = next(p for p in doc.passages if "증차" in p.text)
    assert "소각장" in asked[fund.id] and "소각장" in texts[fund.text] and "소각장" in lexical_context(fund, "", asked[fund.id])
    assert "배차간격" in asked[bus.id] and "소각장" not in texts[bus.text]  # each answer its own question
    # the question's own lines, a heading that is no answer (``□ 답변 준비``) and what it holds carry no question
    for p in doc.passages:
        if "질문 요지" in " ".join(p.section) or "질의 요지" in " ".join(p.section) or "답변 자료" in p.text:
            assert p.id not in asked, p.text


def test_the_question_finds_its_answer(tmp_path, embedder):
    from tests.conftest import index_of_texts

    ix = index_of_texts(tmp_path, {"answers.txt": ANSWERS}, embedder)
    texts = [h.text for h in ix.search("쓰레기 소각장 들어서는 동네 주민 혜택", k=5).hits]
    fund = next(i for i, t in enumerate(texts) if "주민지원기금" in t)
    assert fund < 3 and all("증차" not in t for t in texts[:fund]), texts
