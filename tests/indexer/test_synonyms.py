"""Synonyms: a query naming one term of a group is BM25-matched against the others (queries only)."""

from __future__ import annotations

from indexer.segmentation import content_morphs, query_tokens
from indexer.synonyms import GROUPS, expansions


def _q(text: str) -> list[str]:
    return query_tokens(content_morphs(text))


def test_an_old_or_everyday_word_finds_the_administrative_one():
    assert {"주민", "센터"} <= set(_q("동사무소에서 등본 발급"))
    assert "수어" in _q("수화 통역 지원")
    assert "협치" in _q("거버넌스 구축") and "거버넌스" in _q("민관 협치")


def test_a_phrase_matches_only_as_consecutive_morphemes():
    assert "센터" in _q("주민센터 민원")  # 주민 센터 → 동사무소, 행정복지센터
    assert "동사무소" in _q("주민센터 민원")
    assert "동사무소" not in _q("주민 참여 상담 센터")  # 주민 … 센터 apart are not 주민센터


def test_queries_without_a_group_term_are_unchanged():
    for text in ("국어 말뭉치 구축 예산", "시설 이용 현황", "모두의 말뭉치 공개"):
        morphs = content_morphs(text)
        assert expansions([m.form for m in morphs]) == []


def test_each_added_form_is_new_and_added_once():
    from indexer.segmentation import tokens_of

    morphs = content_morphs("휴대폰 휴대전화로 앱 설치")
    own = tokens_of(morphs)
    added = _q("휴대폰 휴대전화로 앱 설치")[len(own) :]
    assert {"스마트폰", "모바일", "애플리케이션"} <= set(added)
    assert len(added) == len(set(added)) and not set(added) & set(own)


def test_every_term_segments_to_something_specific():
    # A term Kiwi cuts down to a common word (이용권 → 이용) would expand every query with that word.
    from indexer.synonyms import _segmented

    for group, segmented in zip(GROUPS, _segmented()):
        for term, forms in zip(group, segmented):
            assert len("".join(forms)) > len(term) * 2 / 3, (term, forms)
