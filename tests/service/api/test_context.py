"""``GET/POST /context``: numbered, cited passages for an LLM prompt, within the budget."""

from __future__ import annotations

import re

import pytest

from service.search.context import DEFAULT_BUDGET, MAX_BUDGET, MIN_BUDGET, build_context


def test_context_is_numbered_cited_and_within_budget(client):
    r = client.get("/context", params={"q": "주민자치 활성화"})
    assert r.status_code == 200
    body = r.json()
    assert body["match"] == "strong" and body["budget"] == DEFAULT_BUDGET
    ctx, cites = body["context"], body["citations"]
    assert 0 < len(ctx) <= DEFAULT_BUDGET and "주민자치" in ctx
    numbers = [int(n) for n in re.findall(r"^\[(\d+)\] ", ctx, re.MULTILINE)]
    assert numbers == list(range(1, len(cites) + 1)) == [c["n"] for c in cites]
    first = cites[0]
    # The header names the document, the section path and the page.
    assert ctx.startswith(f"[1] {first['doc_title']} › {' › '.join(first['section'])}")
    assert first["page"] is None or f"(p. {first['page']})" in ctx.splitlines()[0]
    # No passage is shown twice.
    ids = [pid for c in cites for pid in c["passage_ids"]]
    assert len(ids) == len(set(ids))


def test_sub_item_is_shown_under_its_goal(corpus_index):
    ctx = build_context(corpus_index, "빅데이터 분석 활용 비율", budget=4000)
    c = corpus_index.corpus
    seen = 0
    for cite in ctx.citations:
        ps = [c.passage(pid) for pid in cite.passage_ids]
        for p in ps:
            if p.kind == "sub-item" and p.parent_id:
                seen += 1
                assert p.parent_id in cite.passage_ids  # expanded with its goal, goal first
                assert cite.passage_ids.index(p.parent_id) < cite.passage_ids.index(p.id)
    assert seen  # the query's answers are sub-items, so the rule was exercised


@pytest.mark.parametrize("budget", [MIN_BUDGET, 500, 1000, 3000])
def test_budget_is_never_exceeded(corpus_index, budget):
    ctx = build_context(corpus_index, "데이터센터 무중단 운영", budget=budget)
    assert 0 < len(ctx.context) <= budget and ctx.citations


@pytest.mark.parametrize("budget", [0, MIN_BUDGET - 1, MAX_BUDGET + 1])
def test_budget_out_of_range_is_422_naming_the_range(client, budget):
    r = client.get("/context", params={"q": "민관 협치", "budget": budget})
    assert r.status_code == 422 and f"{MIN_BUDGET}..{MAX_BUDGET}" in r.json()["detail"]


def test_absent_topic_gives_empty_context(client):
    body = client.get("/context", params={"q": "우주항공 산업 육성"}).json()
    assert body["match"] in ("weak", "none")
    if body["match"] == "none":
        assert body["context"] == "" and body["citations"] == []


def test_batch_answers_in_order(client):
    r = client.post("/context", json={"queries": ["민관 협치", "무료 와이파이"], "budget": 800})
    assert r.status_code == 200
    res = r.json()["results"]
    assert [x["query"] for x in res] == ["민관 협치", "무료 와이파이"] and all(len(x["context"]) <= 800 for x in res)
    assert client.post("/context", json={"queries": ["민관"], "budget": 10}).status_code == 422
    assert client.post("/context", json={"queries": []}).status_code == 422


def test_no_text_is_shown_twice(corpus_index):
    from indexer.store import dup_key

    for q in ("주민자치 활성화", "시민 참여 정책 제안", "민관 협치"):
        ctx = build_context(corpus_index, q, budget=MAX_BUDGET)
        keys = [dup_key(corpus_index.corpus.passage(pid).text) for cite in ctx.citations for pid in cite.passage_ids]
        assert len(keys) == len(set(keys)), q
