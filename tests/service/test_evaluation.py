"""The evaluation rule: whitespace-free containment, each unit credited once."""

from __future__ import annotations

import math

import pytest

from service.evaluation import score_ranking

REL = {"주민자치 활성화": 2, "주민자치회 전환": 2, "마을공동체": 1}


def test_perfect_ranking_scores_one():
    nd, rc, rr, missed = score_ranking(["○ 주민자치활성화", "- 주민자치회전환", "마을 공동체"], REL)
    # "마을 공동체" has a space inside the phrase, so the rule (whitespace removed on both sides) still matches.
    assert (nd, rc, rr, missed) == (1.0, 1.0, 1.0, ())


def test_units_are_credited_once_and_gain_is_the_best_new_grade():
    texts = ["마을공동체 사업", "마을공동체 사업 재탕", "주민자치 활성화 및 주민자치회 전환"]
    nd, rc, rr, _ = score_ranking(texts, REL)
    dcg = 1 / math.log2(2) + 0 + 2 / math.log2(4)
    idcg = 2 / math.log2(2) + 2 / math.log2(3) + 1 / math.log2(4)
    assert nd == pytest.approx(dcg / idcg)
    assert rc == 1.0 and rr == 1.0


def test_misses_and_cutoff():
    nd, rc, rr, missed = score_ranking(["무관"] * 10 + ["주민자치 활성화"], REL, k=10)
    assert (nd, rc, rr) == (0.0, 0.0, 0.0) and set(missed) == set(REL)
