"""Hybrid fusion: reciprocal ranks, and each ranker's first candidate kept near the top."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.search.fusion import HEAD_RANK, LEXICAL_WEIGHT, RRF_K, fuse, rrf


def _ranking(ids):
    return [(i, 1.0 - n / 100) for n, i in enumerate(ids)]


def test_rrf_sums_reciprocal_ranks():
    out = dict(rrf([_ranking([1, 2]), _ranking([2, 3])], k=60))
    assert out[2] == 1 / 62 + 1 / 61 and out[1] == 1 / 61 and out[3] == 1 / 62


def test_a_first_place_that_the_other_ranker_misses_is_kept_second():
    # both rankers agree on 10..18 around rank 5; lexical's first (99) is missing from dense
    dense = _ranking([10, 11, 12, 13, 14, 15, 16, 17, 18, 50])
    lexical = _ranking([99, 10, 11, 12, 13, 14, 15, 16, 17, 18])
    assert [i for i, _ in rrf([dense, lexical])].index(99) > 5  # plain RRF sinks it
    out = fuse(dense, lexical)
    assert [i for i, _ in out][:3] == [10, 99, 11]
    assert out[1][1] == out[2][1]  # it takes the score of the one it now precedes


def test_both_heads_moved_dense_in_front_of_lexical():
    dense = _ranking([77] + list(range(10, 19)))
    lexical = _ranking([99] + list(range(10, 19)))
    assert [i for i, _ in fuse(dense, lexical)][:4] == [10, 77, 99, 11]


def test_heads_already_near_the_top_stay_put():
    dense = _ranking([1, 2, 3, 4])
    lexical = _ranking([2, 1, 3, 4])
    assert fuse(dense, lexical) == rrf([dense, lexical], weights=[1.0, LEXICAL_WEIGHT])
    assert fuse([], lexical) == rrf([[], lexical], weights=[1.0, LEXICAL_WEIGHT]) and fuse([], []) == []


@given(st.lists(st.integers(0, 30), unique=True, max_size=20), st.lists(st.integers(0, 30), unique=True, max_size=20))
def test_fusion_keeps_every_candidate_once_with_falling_scores(d, lx):
    dense, lexical = _ranking(d), _ranking(lx)
    out = fuse(dense, lexical)
    ids = [i for i, _ in out]
    assert sorted(ids) == sorted(set(d) | set(lx))
    assert all(a[1] >= b[1] for a, b in zip(out, out[1:]))
    plain = [i for i, _ in rrf([dense, lexical], weights=[1.0, LEXICAL_WEIGHT])]
    at = HEAD_RANK - 1
    if dense:
        assert ids.index(dense[0][0]) <= at
    if lexical:
        where = ids.index(lexical[0][0])
        # one lower only behind the dense head
        assert where <= at or (where == at + 1 and dense and ids[at] == dense[0][0])
    if ids:
        assert ids[0] == plain[0] or (dense and ids[0] == dense[0][0]) or (lexical and ids[0] == lexical[0][0])


def test_lifted_candidates_rise_by_their_lift_and_keep_their_order():
    # both rankers agree on 1..30; 20 and 22 are lifted by 0.3 of a first place's vote
    dense = lexical = _ranking(list(range(1, 31)))
    plain = dict(fuse(dense, lexical))
    out = fuse(dense, lexical, {20: 0.3, 22: 0.3})
    lift = 0.3 / (RRF_K + 1)
    assert dict(out) == {i: s + (lift if i in (20, 22) else 0.0) for i, s in plain.items()}
    ids = [i for i, _ in out]
    assert ids.index(20) < ids.index(19) and ids.index(22) < ids.index(19)  # above the rankers' near neighbours
    assert ids.index(20) < ids.index(22)  # in their own order
    assert ids[:5] == [1, 2, 3, 4, 5]  # not above candidates both rankers put far ahead


def test_a_lift_is_a_share_of_a_first_places_vote():
    dense = lexical = _ranking([1, 2, 3])
    plain = dict(fuse(dense, lexical))
    out = dict(fuse(dense, lexical, {3: 0.15}))
    assert out[3] - plain[3] == pytest.approx(0.15 / (RRF_K + 1)) and out[1] == plain[1]
