"""Match labels: topical queries come out strong, topics absent from the corpus weak or none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data"
NEGATIVES = json.loads((DATA / "negative_queries.json").read_text(encoding="utf-8"))["sample"]
POSITIVES = [q["q"] for q in json.loads((DATA / "dev_queries.json").read_text(encoding="utf-8"))["queries"]]


def test_every_dev_query_is_strong(corpus_index):
    labels = {q: corpus_index.search(q, k=10).match for q in POSITIVES}
    assert [q for q, m in labels.items() if m != "strong"] == []


def test_no_absent_topic_is_strong_and_most_are_none(corpus_index):
    labels = [corpus_index.search(q, k=10).match for q in NEGATIVES]
    assert "strong" not in labels
    assert labels.count("none") >= len(labels) * 2 // 3


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_relevance_is_in_0_1_in_every_mode(corpus_index, mode):
    for q in ("주민자치 활성화", "우주항공 산업 육성"):
        r = corpus_index.search(q, k=10, mode=mode)
        assert r.match in ("strong", "weak", "none")
        assert all(0.0 <= h.relevance <= 1.0 for h in r.hits)


def test_lexical_mode_labels_from_coverage(corpus_index):
    assert corpus_index.search("무료 와이파이", mode="lexical").match == "strong"
    assert corpus_index.search("반려견 놀이터 조성", mode="lexical").match != "strong"


def test_http_answers_carry_match_and_relevance(client):
    body = client.get("/search", params={"q": "민관 협치", "k": 3}).json()
    assert body["match"] == "strong" and all(0 <= h["relevance"] <= 1 for h in body["results"])
    batch = client.post("/search", json={"queries": ["민관 협치", "반려견 놀이터 조성"], "k": 3}).json()
    assert [i["match"] for i in batch["results"]][0] == "strong" and batch["results"][1]["match"] != "strong"
