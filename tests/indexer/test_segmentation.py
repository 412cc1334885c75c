"""Segmentation: Kiwi content morphemes and the BM25 tokens made of them."""

from __future__ import annotations

from indexer.lexical import LexicalIndex
from indexer.segmentation import content_morphs, lexical_tokens, query_tokens


def test_a_prefix_stays_on_its_noun():
    # Kiwi tags 비/미/저 as prefixes (XPN); dropped, 비대면 would be 대면 — its opposite.
    text = "비대면 서비스와 미설치 지역"
    morphs = content_morphs(text)
    assert [m.form for m in morphs][:2] == ["비대면", "서비스"]
    assert "미설치" in [m.form for m in morphs]
    assert all(text[m.start : m.end] == m.form for m in morphs)  # offsets cover the prefix
    assert {"비대면", "대면"} <= set(lexical_tokens(text))  # its letter pairs still meet 대면


def test_a_prefixed_query_prefers_the_prefixed_word_both_ways():
    docs = ["비대면 상담 확대 운영", "대면 상담 확대 운영"]
    ix = LexicalIndex.build([lexical_tokens(d) for d in docs])
    assert ix.top_k(query_tokens(content_morphs("비대면 상담")), 2)[0][0] == 0
    assert ix.top_k(query_tokens(content_morphs("대면 상담")), 2)[0][0] == 1
