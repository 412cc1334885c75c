"""Synonyms: words that Korean government documents and the people who search them use for one thing.

Plans write the administrative or refined word (``행정복지센터``, ``수어``, ``협치``); people search
with the everyday or older one (``동사무소``, ``수화``, ``거버넌스``), and the other way round. Each
group below is a set of interchangeable terms; a query that contains one term is BM25-matched
against the others too (queries only: the index stays a faithful record of the text).

A term is found in a query as a run of consecutive morphemes that spells it (Kiwi splits
``행정복지센터`` into one word alone and into 행정/복지/센터 inside a sentence; both spell it). The
other terms add their morphemes, but never a one-letter morpheme of a longer term: ``원스톱``'s
``원`` or ``청구서``'s ``서`` would match every amount in won or every 제2차. Not their letter pairs
either (the query's own long nouns get those): measured on 35 real / 30 blind / 15 sample queries,
adding them took hybrid nDCG@10 0.5415 / 0.6205 / 0.9648 to 0.5404 / 0.6116 / 0.9648 and sample
lexical 0.948 to 0.930.

A group whose other term splits into common parts adds them all: ``ICT`` → 정보통신기술 added 정보, 통신,
기술 to every such query, and ``스마트팜`` → 지능형농장 added 지능, 농장 — on the probe set (whose queries say
ICT and 스마트팜 and whose documents write them so) BM25 fell on two of three such queries; both groups are
out. Only words that mean the same thing in these documents belong here, never a broader topic
(``예산`` is not ``사업비``, ``고용`` is not ``일자리``). The groups came from general usage
(국립국어원's 다듬은 말 and renamed institutions), not from any evaluation query.

Officials, the press and the people who read them shorten administrative words (추경, 지자체, 국감) and ministries
(행안부, 중기부, :data:`NAMES`); the documents print the full words, a ministry's name only on its cover.
:func:`equivalents` gives those whole names, so that :mod:`service.search.named` finds the document a short
name points to. Measured (probes 123 documents / 757 queries): 0.6765 → 0.6770, the real, blind, shared and
sample sets unchanged.
"""

from __future__ import annotations

import functools

__all__ = ["GROUPS", "NAMES", "equivalents", "expansions"]

GROUPS: tuple[tuple[str, ...], ...] = (
    # Loanwords and their refined Korean (다듬은 말), as plans now write them.
    ("스마트시티", "스마트도시"),
    ("거버넌스", "협치"),
    ("케어", "돌봄"),
    ("와이파이", "무선인터넷"),
    ("스타트업", "창업기업", "새싹기업"),
    ("굿즈", "기념품"),
    ("가이드라인", "지침"),
    ("매뉴얼", "지침서"),
    ("인프라", "기반시설"),
    ("태스크포스", "전담조직"),
    ("컨트롤타워", "총괄기구"),
    ("엠오유", "MOU", "업무협약"),
    ("원스톱", "일괄처리"),
    ("키오스크", "무인단말기"),
    ("인센티브", "유인책"),
    ("리빙랩", "생활실험실"),
    ("콜센터", "상담센터"),
    ("힐링", "치유"),
    ("오픈소스", "공개소프트웨어"),
    ("앱", "애플리케이션", "어플"),
    ("홈페이지", "누리집", "웹사이트"),
    ("이메일", "전자우편"),
    ("팩스", "모사전송"),
    ("에이아이", "AI", "인공지능"),
    ("IoT", "사물인터넷"),
    ("디지털정부", "전자정부"),
    ("탄소중립", "넷제로"),
    ("드론", "무인비행장치"),
    ("로드맵", "이행안"),
    ("포럼", "토론회"),
    ("워크숍", "연수회"),
    ("헬스케어", "건강관리"),
    ("빅데이터", "거대자료"),
    ("메타버스", "확장가상세계"),
    ("SNS", "누리소통망"),
    ("CCTV", "폐쇄회로텔레비전"),
    ("리모델링", "새단장"),
    ("젠트리피케이션", "둥지내몰림"),
    ("싱크홀", "땅꺼짐"),
    # Abbreviations and their full form.
    ("전기차", "전기자동차"),
    ("수소차", "수소자동차"),
    # Administrative words as officials and the press shorten them.
    ("추경", "추가경정예산"),
    ("지자체", "지방자치단체"),
    ("국감", "국정감사"),
    ("행감", "행정사무감사"),
    ("예타", "예비타당성조사"),
    # Renamed institutions and terms: the old name is still what people type.
    ("동사무소", "주민센터", "행정복지센터"),
    ("수화", "수어"),
    ("장애우", "장애인"),
    ("노인", "어르신", "고령자"),
    ("외국인노동자", "외국인근로자", "이주노동자"),
    ("애완동물", "반려동물"),
    ("저출산", "저출생"),
    ("소아과", "소아청소년과"),
    ("그린벨트", "개발제한구역"),
    # A province or metropolitan city as people shorten it and as its own documents write it (경북 for
    # 경상북도); not 경기 (also the economy and a match) nor 광주 (also 경기도 광주시).
    ("경북", "경상북도"),
    ("경남", "경상남도"),
    ("전북", "전라북도", "전북특별자치도"),
    ("전남", "전라남도"),
    ("충북", "충청북도"),
    ("충남", "충청남도"),
    ("강원", "강원도", "강원특별자치도"),
    ("제주", "제주도", "제주특별자치도"),
    ("서울시", "서울특별시"),
    ("부산", "부산시", "부산광역시"),
    ("대구", "대구시", "대구광역시"),
    ("인천", "인천시", "인천광역시"),
    ("대전", "대전시", "대전광역시"),
    ("울산", "울산시", "울산광역시"),
    ("세종시", "세종특별자치시"),
    # Everyday words for administrative ones.
    ("휴대폰", "휴대전화", "핸드폰", "스마트폰", "모바일"),
    ("증명서", "증빙서류", "증명서류"),
    ("고지서", "청구서"),
    ("공무원", "공직자"),
    ("한국말", "한국어"),
    ("어린이", "아동"),
    ("소상공인", "자영업자"),
    ("전입신고", "주소이전"),
    ("나이", "연령"),
    ("쓰레기", "폐기물"),
    ("시골", "농촌"),
    ("강아지", "반려견"),
)

#: Ministries and agencies by their short names (the press's and everyday usage). They only name the document their
#: full name issued (:func:`equivalents`); as BM25 words they would add 고용, 보건, 기획 to every query naming one.
NAMES: tuple[tuple[str, ...], ...] = (
    ("기재부", "기획재정부"),
    ("행안부", "행정안전부"),
    ("복지부", "보건복지부"),
    ("과기정통부", "과기부", "과학기술정보통신부"),
    ("국토부", "국토교통부"),
    ("농식품부", "농림축산식품부"),
    ("해수부", "해양수산부"),
    ("문체부", "문화체육관광부"),
    ("산업부", "산업통상자원부"),
    ("중기부", "중소벤처기업부"),
    ("고용부", "노동부", "고용노동부"),
    ("여가부", "여성가족부"),
    ("식약처", "식품의약품안전처"),
    ("방통위", "방송통신위원회"),
    ("인사처", "인사혁신처"),
)


@functools.cache
def _prepared(groups: tuple[tuple[str, ...], ...] = GROUPS) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    """Per group: its terms as folded, space-free spellings, and each term's BM25 tokens to add."""
    from indexer.segmentation import content_morphs, fold

    out = []
    for group in groups:
        spellings = tuple(fold("".join(term.split())) for term in group)
        added = tuple(tuple(fold(m.form) for m in content_morphs(term) if len(m.form) > 1 or len(term) == 1) for term in group)
        out.append((spellings, added))
    return tuple(out)


def _groups_spelled(forms: list[str], groups: tuple[tuple[str, ...], ...] = GROUPS):
    """Per group one of whose terms consecutive ``forms`` spell: its prepared spellings, tokens and the found terms."""
    for spellings, added in _prepared(groups):
        found = {i for i, term in enumerate(spellings) if _spells(forms, term)}
        if found:
            yield spellings, added, found


def expansions(forms: list[str]) -> list[str]:
    """BM25 tokens to add to a query whose folded morpheme forms are ``forms``: those of every other
    term of each group one of whose terms consecutive forms spell; each token once, none of ``forms``."""
    out: list[str] = []
    have = set(forms)
    for _, added, found in _groups_spelled(forms):
        for i, tokens in enumerate(added):
            if i in found:
                continue
            for t in tokens:
                if t not in have:
                    have.add(t)
                    out.append(t)
    return out


def equivalents(forms: list[str]) -> set[str]:
    """The other terms, whole and space-free (folded), of each group (and each of :data:`NAMES`) one of whose terms
    ``forms`` spell: ``행안부`` gives ``행정안전부``, the name a document's issuer prints."""
    return {term for groups in (GROUPS, NAMES) for spellings, _, found in _groups_spelled(forms, groups)
            for i, term in enumerate(spellings) if i not in found}


def _spells(forms: list[str], term: str) -> bool:
    """Do consecutive ``forms`` join into exactly ``term``?"""
    for i in range(len(forms)):
        joined = ""
        for f in forms[i:]:
            joined += f
            if len(joined) >= len(term):
                break
        if joined == term:
            return True
    return False
