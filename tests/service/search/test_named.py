"""Documents a query names (a proper noun of its title or issuer) and the lift their candidates get."""

from __future__ import annotations

import pytest

from indexer.store import DocumentInfo
from service.search import engine, fusion
from service.search.named import NAMED_LIFT, DocumentNames
from tests.conftest import index_of_texts


def _doc(doc_id: str, title: str, issuer: str | None) -> DocumentInfo:
    return DocumentInfo(doc_id, title, f"{doc_id}.txt", "", "work-report", 1, 0, None, issuer)


def _forms(text: str) -> list[str]:
    from indexer.segmentation import content_morphs, fold

    return [fold(m.form) for m in content_morphs(text)]


@pytest.fixture(scope="module")
def names() -> DocumentNames:
    return DocumentNames(
        [
            _doc("pohang", "2025년도 복지국 세출예산 개요", "포항시 복지국"),
            _doc("gyeongju", "2025년 주요업무 보고", "경주시 복지국"),
            _doc("gyeongbuk", "2025년 노인맞춤돌봄서비스 사업설명자료", "경상북도 복지건강국 어르신복지과"),
            _doc("bill", "농지법 일부개정법률안", None),
            _doc("culture", "2025년 주요업무계획", "문화체육관광국"),
            _doc("mois", "2024년 주요업무 추진계획", "행정안전부"),
            _doc("joint", "디지털 정부혁신 추진계획", "관계부처 합동"),
        ]
    )


def test_a_city_on_the_cover_names_its_document(names):
    assert names.named(_forms("포항시 부모급여 예산")) == {"pohang": 1.0}
    assert names.named(_forms("경상북도 생활지원사 인원")) == {"gyeongbuk": 1.0}


def test_a_shortened_province_names_the_document_of_its_full_name(names):
    assert names.named(_forms("경북 노인 돌봄")) == {"gyeongbuk": 1.0}


def test_an_institution_names_its_document_however_kiwi_splits_it(names):
    # Kiwi reads 문화/체육/관광/국 and 행정/안전부: common nouns, spelled by the query's morphemes in a row
    assert names.named(_forms("문화체육관광국 정원")) == {"culture": 1.0}
    assert names.named(_forms("행정안전부 업무계획 디지털 정부")) == {"mois": 1.0}
    assert names.named(_forms("문화 체육 관광 시설")) == {}  # the parts, not in a row spelling the name
    assert names.named(_forms("관계 부처 협의 절차")) == {}  # 관계부처 합동 names no one institution


def test_a_ministry_by_its_short_name_names_the_document_its_full_name_issued(names):
    # 행안부 is how people write 행정안전부; no morpheme run of the query spells the issuer's word
    assert names.named(_forms("행안부 재난안전 예산")) == {"mois": 1.0}


def test_a_topic_word_of_a_title_or_issuer_names_no_document(names):
    # 복지, 예산, 노인 are in titles and issuers but are topics, not names
    assert names.named(_forms("노인 복지 예산")) == {}


def test_a_name_two_documents_share_counts_less_than_one_of_its_own(names):
    shares = names.named(_forms("포항시 복지국 예산"))
    assert shares["pohang"] == 1.0 and 0 < shares["gyeongju"] < 1.0


REPORT = """2025년 주요업무 보고

{city} 복지국

1. 노인 복지

○ 경로당 냉난방비 지원 {n}개소

○ 노인 일자리 사업 확대 5,400명
"""


def test_only_the_named_documents_hits_are_lifted(tmp_path_factory, embedder, monkeypatch):
    files = {"pohang.txt": REPORT.format(city="포항시", n="1,200"), "gyeongju.txt": REPORT.format(city="경주시", n="1,100")}
    ix = index_of_texts(tmp_path_factory.mktemp("named"), files, embedder)
    query = "경주시 경로당 냉난방비 지원"
    lift = NAMED_LIFT / (fusion.RRF_K + 1)
    lifted = {h.passage_id: (h.doc_id, h.score) for h in ix.search(query, k=4, collapse=False).hits}
    monkeypatch.setattr(engine, "NAMED_LIFT", 0.0)
    plain = {h.passage_id: h.score for h in ix.search(query, k=4, collapse=False).hits}
    assert {doc for doc, _ in lifted.values()} == {"pohang", "gyeongju"}
    for pid, (doc, score) in lifted.items():
        assert score == pytest.approx(plain[pid] + (lift if doc == "gyeongju" else 0.0), abs=2e-6)  # scores keep 6 decimals
