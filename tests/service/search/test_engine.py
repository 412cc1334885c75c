"""Search: compound matching, duplicate collapse, filters, highlights, quality and thread safety."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from indexer import InvalidQuery, UnknownChoice
from indexer.segmentation import content_morphs, lexical_tokens, query_tokens
from service.evaluation import evaluate, load_queries

DEV_QUERIES = Path(__file__).resolve().parents[2] / "data" / "dev_queries.json"


@pytest.mark.parametrize(
    "a, b",
    [("스마트도시", "스마트 도시"), ("주민자치회", "주민자치"), ("인차이나포럼", "포럼"), ("한·중 FTA", "한중 fta")],
)
def test_compounds_share_tokens_both_ways(kiwi, a, b):
    ta, tb = set(lexical_tokens(a)), set(lexical_tokens(b))
    assert ta & tb, (ta, tb)


def test_particles_and_endings_are_dropped(kiwi):
    toks = lexical_tokens("주민자치 활성화를 위한 제도적 기반 마련")
    assert "를" not in toks and "ᆫ" not in toks and "적" not in toks
    assert {"주민", "자치", "활성", "제도", "기반", "마련"} <= set(toks)


def test_query_synonyms_expand(kiwi):
    assert "도시" in query_tokens(content_morphs("스마트시티"))


def test_question_words_are_not_query_terms(kiwi):
    toks = query_tokens(content_morphs("주민센터에서 등본 떼면 수수료 얼마?"))
    assert "얼마" not in toks and {"등본", "수수료"} <= set(toks)
    assert "얼마" in lexical_tokens("수수료는 얼마인가")  # documents keep every word


@pytest.mark.parametrize("query, must_contain", [("스마트 도시", "스마트도시"), ("주민자치", "주민자치회"), ("IDC", "IDC"), ("120번", "120번"), ("PC", "PC")])
def test_lexical_matches_compounds_latin_and_digits(corpus_index, query, must_contain):
    hits = corpus_index.search(query, k=5, mode="lexical").hits
    assert hits and any(must_contain in h.text for h in hits[:3]), [h.text for h in hits]


def test_exact_duplicates_collapse_into_one_hit(corpus_index):
    hits = corpus_index.search("주민자치 활성화를 위한 제도적 기반 마련", k=10).hits
    top = hits[0]
    assert top.text == "○ 주민자치 활성화를 위한 제도적 기반 마련"
    assert top.copies == 3 and len(top.duplicates) == 2
    assert sum(1 for h in hits if "".join(h.text.split()) == "".join(top.text.split())) == 1


def test_duplicates_kept_when_collapse_is_off(corpus_index):
    hits = corpus_index.search("주민자치 활성화를 위한 제도적 기반 마련", k=10, collapse=False).hits
    assert sum(1 for h in hits if h.text == "○ 주민자치 활성화를 위한 제도적 기반 마련") == 3


def test_hits_carry_citation_fields_targets_and_highlights(corpus_index):
    hits = corpus_index.search("주민자치회 구성", k=5).hits
    hit = next(h for h in hits if h.targets)
    assert hit.doc_id == "incheon-midterm-plan-2021-general-admin" and hit.doc_title
    assert hit.section[-1] == "【 일반행정 부문 】" and hit.page == 153
    assert hit.targets[0].metric == "주민자치회 구성"
    marked = [hit.text[h.start : h.end] for h in hit.highlights]
    assert any("주민자치회" in m or "자치회" in m for m in marked) and any("구성" in m for m in marked)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_filters_by_kind_and_document(corpus_index):
    hits = corpus_index.search("주민자치", k=10, kinds=["sub-item"]).hits
    assert hits and all(h.kind == "sub-item" for h in hits)
    with pytest.raises(UnknownChoice, match="valid values: .*goal"):
        corpus_index.search("주민자치", kinds=["chapter"])
    with pytest.raises(UnknownChoice, match="incheon-midterm-plan-2021-general-admin"):
        corpus_index.search("주민자치", docs=["no-such-doc"])


@pytest.mark.parametrize("bad, message", [("", "empty"), ("   ", "empty"), ("가" * 501, "maximum is 500")])
def test_bad_queries_are_refused(corpus_index, bad, message):
    with pytest.raises(InvalidQuery, match=message):
        corpus_index.search(bad)


def test_bad_mode_and_k(corpus_index):
    with pytest.raises(UnknownChoice, match="hybrid, dense, lexical"):
        corpus_index.search("주민자치", mode="semantic")
    with pytest.raises(InvalidQuery, match="1..100"):
        corpus_index.search("주민자치", k=0)


def test_unicode_variants_give_the_same_results(corpus_index):
    clean = [h.passage_id for h in corpus_index.search("스마트도시 관련 사업").hits]
    for variant in (
        unicodedata.normalize("NFD", "스마트도시 관련 사업"),
        "스마트\u200b도시 관련 사업",
        "스마트도시\u3000관련 사업",
        " 스마트도시  관련 사업 ",
    ):
        assert [h.passage_id for h in corpus_index.search(variant).hits] == clean


def test_full_width_latin_is_folded(corpus_index):
    assert [h.passage_id for h in corpus_index.search("ＩＤＣ 유지관리").hits] == [h.passage_id for h in corpus_index.search("IDC 유지관리").hits]


def test_concurrent_searches_equal_serial(corpus_index):
    queries = [q.q for q in load_queries(DEV_QUERIES)] * 3
    modes = ["hybrid", "dense", "lexical"]
    jobs = [(q, modes[i % 3]) for i, q in enumerate(queries)]
    serial = [[h.passage_id for h in corpus_index.search(q, mode=m).hits] for q, m in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda j: [h.passage_id for h in corpus_index.search(j[0], mode=j[1]).hits], jobs))
    assert parallel == serial


def test_dev_set_quality(corpus_index):
    """Hybrid beats both single modes; all clear the naive baseline's level (≈0.93 nDCG@10 hybrid)."""
    qs = load_queries(DEV_QUERIES)
    reports = {m: evaluate(lambda q, m=m: [h.text for h in corpus_index.search(q, mode=m).hits], qs, m) for m in ("hybrid", "dense", "lexical")}
    assert reports["hybrid"].ndcg > reports["dense"].ndcg and reports["hybrid"].ndcg > reports["lexical"].ndcg
    assert reports["hybrid"].ndcg >= 0.95 and reports["hybrid"].recall == 1.0 and reports["hybrid"].mrr == 1.0
    assert reports["dense"].ndcg >= 0.94 and reports["lexical"].ndcg >= 0.92


class _QueryCounter:
    def __init__(self, inner):
        self.inner, self.calls = inner, 0
        self.model_id, self.runtime, self.dim = inner.model_id, inner.runtime, inner.dim

    def encode_queries(self, texts):
        self.calls += 1
        return self.inner.encode_queries(texts)


@pytest.mark.parametrize("cache_size, expected_calls", [(16, 1), (0, 3)])
def test_repeated_queries_reuse_their_embedding(corpus_index_dir, embedder, cache_size, expected_calls):
    from service.search import load_index

    counter = _QueryCounter(embedder)
    ix = load_index(corpus_index_dir, embedder=counter, query_cache_size=cache_size)
    counter.calls = 0  # load_index warms the model up with one query
    results = [[h.passage_id for h in ix.search(q).hits] for q in ("주민자치 활성화", "주민자치 활성화", "주민자치\u200b 활성화")]
    assert counter.calls == expected_calls
    assert results[0] == results[1] == results[2]


def test_hits_link_directions_to_projects_and_their_targets(corpus_index):
    """주민자치 answers with the direction, the project and the number together."""
    hits = corpus_index.search("주민자치 활성화를 위한 제도적 기반 마련", k=3).hits
    direction = hits[0]
    assert direction.section[-1] == "가. 투자 방향"
    project = next(link for link in direction.linked if "주민자치회 전환" in link.text)
    assert project.relation == "implemented-by" and project.section[-2] == "나. 투자 중점사업"
    assert any(t.metric == "주민자치회 구성" and [v.value for v in t.values] == [132, 154] for t in project.targets)
    back = corpus_index.search("전 읍면동 주민자치회 전환을 통한 주민자치 활성화", k=1).hits[0]
    # Pasted copies of the direction are one link (``copies``); it is the direction or one of its copies.
    same = {direction.passage_id, *(d.passage_id for d in direction.duplicates)}
    back_links = [link for link in back.linked if link.relation == "implements" and link.passage_id in same]
    assert len(back_links) == 1 and back_links[0].copies == direction.copies == len(same)


def test_control_characters_in_queries_are_spaces(corpus_index):
    assert [h.passage_id for h in corpus_index.search("주민자치\x00활성화\t").hits] == [h.passage_id for h in corpus_index.search("주민자치 활성화").hits]
    with pytest.raises(InvalidQuery, match="empty"):
        corpus_index.search("\x00\x01")
