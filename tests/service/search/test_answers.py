"""What a query asks for (a sum of money, a ratio) and the lift of the candidates that state one."""

from __future__ import annotations

import pytest

from service.search import engine, fusion
from service.search.answers import ANSWER_LIFT, asked, states
from tests.conftest import index_of_texts


def _forms(text: str) -> list[str]:
    from indexer.segmentation import content_morphs, fold

    return [fold(m.form) for m in content_morphs(text)]


@pytest.mark.parametrize(
    "query, kind",
    [
        ("지방세 체납 시스템 구축 예산은 얼마인가", "money"),
        ("대전 공공어린이집 총사업비", "money"),
        ("유기동물 입양 진료비 지원 한도", "money"),  # a word ending in 비
        ("복지 예산 중 도비가 차지하는 비율", "ratio"),  # a share, though it names a budget
        ("국비 비중은 몇 퍼센트", "ratio"),
        ("생애주기 원스톱 서비스 확대", None),
        ("외국인 근로자 상담은 몇 개 언어로 하나", None),  # a count is not asked for
        ("도시 재정비 촉진지구 지정", None),  # 재정비 is no cost
        ("입법예고 의견 제출 기한", "when"),
        ("재난감지 센서망 제안서는 언제까지 어디에 내야 해?", "when"),
        ("공공산후조리원 개원 시기", "when"),
        ("솔섬 연륙교 건설 사업기간", None),  # a period is seldom a date (2026~2028)
        ("어린이집 개원 지원금 마감일", "money"),  # a sum asked beside a date is a sum
    ],
)
def test_what_a_query_asks_for(query, kind):
    assert asked(_forms(query)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "3) 사업금액 : ￦19,209,180,000",
        "○ 시스템 고도화 사업비 1,250백만원 편성",
        "재정 투자계획 › (단위: 억원) › 인파사고 예방: ’24년 예산 310 · ’25년 예산 455",
        "2024년 해외직접투자액은 639.5억 달러로 전년 대비 감소",
        "연도별 동향 › (단위: 억불) › 순투자: 2023년 519.8 · 2024년 466.1",
        "사업비(백만원): 2024년 620 · 2025년 700",
        "총사업비 2억 5천만원",
    ],
)
def test_a_passage_that_states_a_sum(text):
    assert states("money", text)


@pytest.mark.parametrize(
    "text",
    [
        "□ 지방세 체납관리 시스템 고도화 사업",
        "○ 경로당 냉난방비 지원 1,200개소",
        "추진일정 › 상반기: 1~2월 이용자 재사정",
        "○ 운영 인원 원격 지원 체계 구축",
    ],
)
def test_a_passage_without_a_sum(text):
    assert not states("money", text)


def test_a_unit_note_without_its_close_ends_at_the_line_or_the_path():
    assert states("money", "연도별 투자 › (단위: 억불) › 순투자: 519.8")
    assert not states("money", "(단위: 명 › 불법 주정차 단속 건수")
    assert not states("money", "(단위: 명\n불법 광고물 정비 실적")
    assert not states("money", "(단위: 건, 불법 광고물 정비 실적")  # 불 of 불법 is no dollar
    # a closed note may list many units before its sum or rate
    assert states("money", "(단위: 개소, 명, 건, 천톤, 톤/일, 백만원) › 합계: 2024 1,200") and states("ratio", "(단위: 천 명, 개소, 건, %)")


def test_a_ratio_is_a_percentage():
    assert states("ratio", "도비: 금액 7,772 · 비중 10.2 %") and states("ratio", "재원별 비중 › (단위: %) › 국비: 65.3")
    assert not states("ratio", "도비: 금액 7,772 · 2025년 7,772")
    assert not states("ratio", "(단위: 명 › 참여 목표 상향 %p")  # a note without its ")" ends at the path's ›


def test_a_date_answers_when():
    for text in ("이 개정규칙안에 의견이 있는 개인은 2026년 3월 19일까지 의견서를 제출", "○ 접수 기간 : 2026. 5. 4. ~ 6. 30.",
                 "준공 : ’26. 6. 예정", "설명회 4. 2.(목) 14:00 솔뫼동 행정복지센터"):
        assert states("when", text), text
    for text in ("○ 제출 방법 : 우편, 팩스, 전자우편", "사업기간 : 2026~2028", "○ 정원 15명 증원 (3.5%)", "2026년 1.2조원 투입",
                 "2050년 1.5℃ 목표"):
        assert not states("when", text), text


PLAN = """2025년 지방세 체납관리 시스템 고도화 계획

1. 사업 개요

□ 지방세 체납관리 시스템 고도화 사업

○ 체납자 실태조사 결과를 시스템으로 관리하는 지방세 체납관리 시스템 고도화 추진

○ 지방세 체납관리 시스템 고도화 사업비 1,250백만원 편성

○ 지방세 체납관리 시스템 고도화 추진 일정은 3월 착수, 11월 완료
"""


def test_only_the_candidates_that_state_a_sum_are_lifted(tmp_path_factory, embedder, monkeypatch):
    ix = index_of_texts(tmp_path_factory.mktemp("answers"), {"tax.txt": PLAN}, embedder)
    query = "지방세 체납관리 시스템 고도화 예산"
    lifted = {h.passage_id: (h.text, h.score) for h in ix.search(query, k=5, collapse=False).hits}
    monkeypatch.setattr(engine, "ANSWER_LIFT", 0.0)
    plain = {h.passage_id: h.score for h in ix.search(query, k=5, collapse=False).hits}
    lift = ANSWER_LIFT / (fusion.RRF_K + 1)
    assert sum("1,250백만원" in text for text, _ in lifted.values()) == 1 and len(lifted) >= 3
    for pid, (text, score) in lifted.items():
        assert score == pytest.approx(plain[pid] + (lift if "1,250백만원" in text else 0.0), abs=2e-6)  # scores keep 6 decimals
