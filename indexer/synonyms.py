"""Synonyms: words that Korean government documents and the people who search them use for one thing.

Plans write the administrative or refined word (``행정복지센터``, ``수어``, ``이행안``, ``협치``);
people search with the everyday or older one (``동사무소``, ``수화``, ``로드맵``, ``거버넌스``), and
the other way round. Each group below is a set of interchangeable terms; a query that contains
one term is BM25-matched against the others too (queries only: the index stays a faithful
record of the text). Terms are phrases, segmented by Kiwi like any query, so ``주민센터`` is
found in ``주민센터에서`` and adds ``행정 복지 센터``.

Only words that mean the same thing in these documents belong here, never a broader topic
(``예산`` is not ``사업비``). The groups came from general usage (국립국어원's 다듬은 말 and the
renamed institutions), not from any evaluation query.
"""

from __future__ import annotations

import functools

__all__ = ["GROUPS", "expansions"]

GROUPS: tuple[tuple[str, ...], ...] = (
    # Loanwords and their refined Korean (다듬은 말), as plans now write them.
    ("스마트시티", "스마트도시"),
    ("거버넌스", "협치"),
    ("케어", "돌봄"),
    ("와이파이", "무선인터넷"),
    ("스타트업", "창업기업", "새싹기업"),
    ("굿즈", "기념품"),
    ("로드맵", "이행안"),
    ("가이드라인", "지침"),
    ("매뉴얼", "지침서"),
    ("인프라", "기반시설"),
    ("태스크포스", "전담조직"),
    ("컨트롤타워", "총괄기구"),
    ("엠오유", "MOU", "업무협약"),
    ("원스톱", "일괄처리"),
    ("키오스크", "무인단말기"),
    ("인센티브", "유인책"),
    ("모니터링", "점검"),
    ("리빙랩", "생활실험실"),
    ("콜센터", "상담센터"),
    ("힐링", "치유"),
    ("멘토링", "상담지도"),
    ("오픈소스", "공개소프트웨어"),
    ("앱", "애플리케이션", "어플"),
    ("홈페이지", "누리집", "웹사이트"),
    ("에이아이", "AI", "인공지능"),
    ("IoT", "사물인터넷"),
    ("디지털정부", "전자정부"),
    ("탄소중립", "넷제로"),
    ("전기차", "전기자동차"),
    ("드론", "무인비행장치"),
    # Renamed institutions and terms: the old name is still what people type.
    ("동사무소", "주민센터", "행정복지센터"),
    ("수화", "수어"),
    ("장애우", "장애인"),
    ("노인", "어르신", "고령자"),
    ("외국인노동자", "외국인근로자", "이주노동자"),
    # Everyday words for administrative ones.
    ("휴대폰", "휴대전화", "핸드폰", "스마트폰", "모바일"),
    ("증명서", "증빙서류", "증명서류"),
    ("고지서", "청구서", "납부서"),
    ("공무원", "공직자"),
    ("한국말", "우리말", "한국어"),
    ("어린이", "아동"),
    ("일자리", "고용"),
    ("소상공인", "자영업자"),
    ("전입신고", "주소이전"),
)


@functools.cache
def _segmented() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each group's terms as the folded morpheme forms a query is matched in (Kiwi, on first use)."""
    from indexer.segmentation import content_morphs, fold

    return tuple(tuple(tuple(fold(m.form) for m in content_morphs(term)) for term in group) for group in GROUPS)


def expansions(forms: list[str]) -> list[str]:
    """Folded forms to add to a query whose folded morpheme forms are ``forms``: every other term of
    each group one of whose terms occurs in ``forms`` (as consecutive forms), each form once."""
    out: list[str] = []
    have = set(forms)
    for group in _segmented():
        if not any(_contains(forms, term) for term in group):
            continue
        for term in group:
            for f in term:
                if f not in have:
                    have.add(f)
                    out.append(f)
    return out


def _contains(forms: list[str], term: tuple[str, ...]) -> bool:
    n = len(term)
    return n > 0 and any(tuple(forms[i : i + n]) == term for i in range(len(forms) - n + 1))
