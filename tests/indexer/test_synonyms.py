"""Synonyms: a query naming one term of a group is BM25-matched against the others (queries only)."""

from __future__ import annotations

from indexer.segmentation import content_morphs, query_tokens
from indexer.synonyms import GROUPS, equivalents, expansions


def _q(text: str) -> list[str]:
    return query_tokens(content_morphs(text))


def test_an_old_or_everyday_word_finds_the_administrative_one():
    assert {"주민", "센터"} <= set(_q("동사무소에서 등본 발급"))
    assert "수어" in _q("수화 통역 지원")
    assert "협치" in _q("거버넌스 구축") and "거버넌스" in _q("민관 협치")
    assert "연령" in _q("지원 받을 수 있는 나이") and "반려동물" in _q("애완동물 등록")
    assert "저출생" in _q("저출산 대책") and {"개발", "제한", "구역"} <= set(_q("그린벨트 해제"))
    assert {"폐쇄", "회로"} <= set(_q("CCTV 설치")) and "cctv" in _q("폐쇄회로텔레비전 설치")


def test_a_shortened_province_or_city_finds_its_full_name():
    # People write 경북 and 대전; a province's own documents write 경상북도, 대전광역시 (and the other way round).
    assert "경상북도" in _q("경북 노인돌봄 예산") and "경북" in _q("경상북도 산불 발생 건수")
    assert "대전광역시" in _q("대전 공공어린이집 총사업비") and "충청남도" in _q("충남 환경 분야 투자")
    # 경기 is also the economy and 광주 also 경기도's 광주시: neither is expanded.
    assert "경기도" not in _q("경기 침체 대응")
    assert "광주광역시" not in _q("광주 버스 노선")


def test_an_administrative_abbreviation_finds_its_full_form():
    # Officials and the press write 추경, 지자체, 행안부; documents print the full words (and the reverse).
    assert "추가경정예산" in _q("제1회 추경 총규모") and "추경" in _q("추가경정예산 세입 재원")
    assert {"지방", "자치", "단체"} <= set(_q("지자체 폭염 대비")) and "지자체" in _q("지방자치단체의 장")
    assert "국정" in _q("행안부 국감 답변")
    # a ministry's short name only names its documents (equivalents): 복지부 adds no 보건, 노동부 no 고용 to BM25
    assert "보건" not in _q("복지부 통합돌봄 예산") and "고용" not in _q("노동부 산재 예방 예산")


def test_equivalents_are_the_whole_other_terms_a_document_prints():
    from indexer.segmentation import fold

    def forms(text):
        return [fold(m.form) for m in content_morphs(text)]

    assert equivalents(forms("행안부 국감")) == {"행정안전부", "국정감사"}
    assert "중소벤처기업부" in equivalents(forms("중기부 점포 지원"))
    assert equivalents(forms("복지 예산 개요")) == set()


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


def test_a_term_split_differently_inside_a_sentence_still_matches():
    # Kiwi reads 행정복지센터 as one word alone but 행정/복지/센터 here, and 수어 as 수/어.
    assert "동사무소" in _q("행정복지센터 민원 발급")
    assert "수화" in _q("우리 시 수어 현황")


def test_no_one_letter_morpheme_of_a_longer_term_is_added():
    # 원스톱 → 원 would match every amount in won, 청구서 → 서 every 제2차 …
    assert "원" not in _q("일괄처리 서비스") and "스톱" in _q("일괄처리 서비스")
    one_letter_terms = {t for g in GROUPS for t in g if len(t) == 1}
    for group in GROUPS:
        for term in group:
            added = expansions([m.form for m in content_morphs(term)])
            assert all(len(t) > 1 or t in one_letter_terms for t in added), (term, added)
