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


def test_a_year_written_short_is_the_year_as_written_in_full():
    # ’25년 in a plan and 2025년 in a query are one term; a number without the apostrophe stays a number
    assert lexical_tokens("’25년 목표")[:2] == lexical_tokens("2025년 목표")[:2] == ["2025", "년"]
    assert "2024" in lexical_tokens("(’24.1) 착수") and "2021" in lexical_tokens("‘21년 대비") and "1999" in lexical_tokens("’99년")
    assert lexical_tokens("25년 근속")[0] == "25" and lexical_tokens("1.5배")[0] == "1.5"


def test_a_quoted_count_is_no_short_year():
    # ‘10대 핵심과제’, ‘30분 생활권’, ’12.5%’: a count or a rate in quotes, not 2010, 2030, 2012
    assert lexical_tokens("‘10대 핵심과제’")[0] == "10" and lexical_tokens("‘30분 생활권’")[0] == "30"
    assert lexical_tokens("’12.5%’")[0] == "12.5" and lexical_tokens("’25～’27년")[:2] == ["2025", "2027"]


def test_letters_listed_with_middle_dots_are_the_word_a_query_writes():
    # Kiwi reads 시·군·구 as three nouns; a query writes 시군구 (and 읍면동), one noun
    text = "시·군·구 신청(전년도 3월) 후 읍ㆍ면ㆍ동 안내"
    morphs = content_morphs(text)
    assert [m.form for m in morphs][:1] == ["시·군·구"] and all(text[m.start : m.end] == m.form for m in morphs)
    assert lexical_tokens(text)[0] == lexical_tokens("시군구는 언제")[0] == "시군구" and "읍면동" in lexical_tokens(text)
    # words of two letters listed with dots stay words (교육·복지), and a dot with a space is no list
    assert [m.form for m in content_morphs("교육·복지 분야")][:2] == ["교육", "복지"]
    assert [m.form for m in content_morphs("시· 군 지역")][:2] == ["시", "군"]
    # only a whole list of letters: 국가·도·시 names no 도시
    assert "도시" not in lexical_tokens("국가·도·시의 다른 보조금") and lexical_tokens("시·군·구가 협의")[0] == "시군구"


def test_a_hyphenated_code_is_one_term_and_its_parts():
    # Kiwi reads SER-003 as SER and 003: another RFP's SER-001 row beside a 003 matched it as well as SER-003 did
    text = "SER-003 개인정보 보호, COVID-19 대응"
    morphs = content_morphs(text)
    assert [m.form for m in morphs if m.tag == "SL"] == ["SER", "SER-003", "COVID", "COVID-19"]  # the code beside its parts
    assert all(text[m.start : m.end] == m.form for m in morphs)
    assert {"ser-003", "ser", "003", "covid-19", "covid", "19"} <= set(lexical_tokens(text))
    docs = ["SER-001 통신 암호화 · SER-002 접근 통제 003", "SER-003 개인정보 보호"]
    ix = LexicalIndex.build([lexical_tokens(d) for d in docs])
    assert ix.top_k(query_tokens(content_morphs("SER-003 요구사항")), 2)[0][0] == 1
    # a hyphen with spaces, a single letter (증감 B-A) or a word after the hyphen (K-water) joins nothing
    assert [m.form for m in content_morphs("SER - 003 구간")][:2] == ["SER", "003"]
    assert [m.form for m in content_morphs("증감(B-A) 5")][1:3] == ["B", "A"]
    assert [m.form for m in content_morphs("K-water 협업")][:2] == ["K", "water"]



def test_two_letters_over_a_slash_are_one_term_and_their_parts():
    # a feasibility study's B/C (비용편익비) and a transport model's O/D: Kiwi reads B and C, which any two letters match
    text = "경제성(B/C 0.87)은 기준 미달, O/D 자료"
    morphs = content_morphs(text)
    assert [m.form for m in morphs if m.tag == "SL"] == ["B", "B/C", "C", "O", "O/D", "D"]
    assert all(text[m.start : m.end] == m.form for m in morphs)
    docs = ["비용(C) 2,117 편익(B) 1,842", "경제성(B/C 0.87)은 기준 미달"]
    ix = LexicalIndex.build([lexical_tokens(d) for d in docs])
    assert ix.top_k(query_tokens(content_morphs("타당성조사 B/C")), 2)[0][0] == 1
    # words over a slash, or letters with spaces, join nothing
    assert "km/h" not in [m.form for m in content_morphs("시속 60km/h 제한")]
    assert [m.form for m in content_morphs("B / C 비율")][:2] == ["B", "C"]
