"""The rest of a query that names a document by its title's words lifts that document's candidates."""

from __future__ import annotations

import numpy as np
import pytest

from indexer.lexical import LexicalIndex
from indexer.segmentation import content_morphs, lexical_tokens, query_tokens
from service.search import engine, fusion
from service.search.subject import SUBJECT_LIFT, subject_lifts, title_terms
from tests.conftest import index_of_texts

TITLES = title_terms({0: "2025년 소상공인 노후점포 환경개선 지원사업 참여자 모집 공고", 1: "2025년 청년 월세 지원 안내"})


def _lifts(query: str, docs: dict[int, int], rest_scores: dict[int, float]) -> dict[int, float]:
    """``docs``: position → document code; ``rest_scores``: each position's BM25 over whatever terms it is asked for."""
    seen: list[list[str]] = []

    def scores_of(terms: list[str], positions: np.ndarray) -> np.ndarray:
        seen.append(terms)
        return np.array([rest_scores.get(int(p), 0.0) for p in positions])

    out = subject_lifts(query_tokens(content_morphs(query)), list(docs), docs.__getitem__, TITLES, scores_of)
    assert all(set(terms).isdisjoint(TITLES[0]) for terms in seen)  # only the terms the title lacks are scored
    return out


def test_a_document_named_by_its_title_lifts_its_candidates_by_the_rest_of_the_query():
    lifts = _lifts("노후점포 환경개선 지원 신청 언제까지", {3: 0, 5: 0, 7: 0, 9: 1}, {3: 2.0, 5: 1.0, 9: 4.0})
    # the best match of the rest gains the whole lift, another by its share; a line matching none of it, nothing;
    # the other document, which the query does not name by its title, nothing
    assert lifts == {3: pytest.approx(SUBJECT_LIFT), 5: pytest.approx(SUBJECT_LIFT / 2)}


def test_a_query_that_shares_a_topic_word_with_a_title_names_no_document():
    # 지원 and 2025 are in both titles, but most of the query is its own: no lift
    assert _lifts("2025년 지역 일자리 지원 예산 집행률", {3: 0, 9: 1}, {3: 2.0, 9: 1.0}) == {}


def test_bm25_of_some_documents_for_some_terms():
    docs = ["추진일정 신청서 접수 기간 4월", "노후점포 환경개선 지원 신청 자격", "노후점포 환경개선 지원 한도 500만원"]
    ix = LexicalIndex.build([lexical_tokens(d) for d in docs])
    terms = lexical_tokens("신청 접수")
    some = np.array([0, 2], dtype=np.int64)
    assert ix.scores_of(terms, some) == pytest.approx(ix.scores(terms)[some]) and ix.scores_of(terms, some)[1] == 0


NOTICE = """2025년 소상공인 노후점포 환경개선 지원사업 참여자 모집 공고

1. 사업개요

○ 노후점포 환경개선 지원사업은 소상공인 점포의 간판과 인테리어 개선을 지원

○ 노후점포 환경개선 지원 한도는 점포당 최대 500만원

2. 추진일정

○ 신청서 접수 : 4. 7. ~ 4. 25.
"""


def test_the_line_that_answers_the_rest_gains_in_hybrid_fusion(tmp_path_factory, embedder, monkeypatch):
    ix = index_of_texts(tmp_path_factory.mktemp("subject"), {"notice.txt": NOTICE}, embedder)
    query = "노후점포 환경개선 지원 신청 언제까지"
    lifted = {h.text: h.score for h in ix.search(query, k=5, collapse=False).hits}
    monkeypatch.setattr(engine, "subject_lifts", lambda *a: {})
    plain = {h.text: h.score for h in ix.search(query, k=5, collapse=False).hits}
    line = "○ 신청서 접수 : 4. 7. ~ 4. 25."
    # the only line that says 신청 gains the whole lift; lines of the title's words alone gain nothing
    assert lifted[line] == pytest.approx(plain[line] + SUBJECT_LIFT / (fusion.RRF_K + 1), abs=2e-6)
    assert all(lifted[t] == pytest.approx(plain[t], abs=2e-6) for t in plain if "신청" not in t)


SPEECH = """2026년도 제1회 추가경정예산안 제안설명서

2026. 3. 10.

청운군

1. 예산 규모

이번 추경예산안의 총규모는 기정예산보다 437억원 늘어난 6,559억원입니다.

2. 세출 예산

산불 피해주택 재건축 지원에 41억원을 편성하였습니다.
"""


def test_a_query_names_a_document_by_its_issuer_as_well(tmp_path_factory, embedder, monkeypatch):
    ix = index_of_texts(tmp_path_factory.mktemp("issuer"), {"speech.txt": SPEECH}, embedder)
    assert {d.issuer for d in ix.corpus.documents.values()} == {"청운군"}
    # 청운군 and 제1회 name the document (its issuer and its title; the title alone holds too little of the query),
    # 추경 총규모 is the rest
    query = "청운군 제1회 추경 총규모"
    lifted = {h.text: h.score for h in ix.search(query, k=5, collapse=False).hits}
    monkeypatch.setattr(engine, "subject_lifts", lambda *a: {})
    plain = {h.text: h.score for h in ix.search(query, k=5, collapse=False).hits}
    line = next(t for t in plain if "총규모" in t)
    assert lifted[line] == pytest.approx(plain[line] + SUBJECT_LIFT / (fusion.RRF_K + 1), abs=2e-6)
