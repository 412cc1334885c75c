"""Typed records that cross module boundaries.

Every record is frozen and keeps character offsets into the *cleaned* document
text (``Document.text``), the way kiwipiepy's ``Token``/``Sentence`` keep
``start``/``end``, so any stage can point back at the exact source span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from indexer.text import OUTLINE_LETTERS

__all__ = [
    "PASSAGE_KINDS",
    "TRENDS",
    "SEARCHABLE_KINDS",
    "VIEW_KINDS",
    "UNSEARCHED_KINDS",
    "MIN_HEADING_CHARS",
    "is_searchable",
    "names_subject",
    "says_something",
    "TargetPoint",
    "Target",
    "Passage",
    "Document",
    "Skipped",
    "ParseResult",
    "PageSpan",
]

#: Kinds of passage the structure stage emits.
PASSAGE_KINDS: tuple[str, ...] = (
    "heading", "goal", "sub-item", "paragraph", "article", "item", "sentence", "row", "table", "reference", "title",
)
#: How a target moves from its first to its last value; ``target`` is a single goal value
#: (``’24년 목표 1,200명``), which is no series and so neither up, flat nor down.
TRENDS: tuple[str, ...] = ("up", "flat", "down", "target")
#: Kinds that are never retrieval units: a table (its rows are; a row's hit shows the table's rows around it).
VIEW_KINDS = frozenset({"table"})
#: Kinds that are never retrieval units nor views: an entry of a report's reference list (참고문헌), another's work,
#: or of a notice's list of enclosures (``붙임 1. 신청서 1부.``), and a cover line that only restates the document's title.
UNSEARCHED_KINDS = frozenset({"reference", "title"})
#: Kinds that are always retrieval units; a heading is one only when it says something (:func:`is_searchable`).
SEARCHABLE_KINDS = frozenset(PASSAGE_KINDS) - {"heading"} - VIEW_KINDS - UNSEARCHED_KINDS
#: A heading with at least this many letters besides its outline marker is content
#: (``□ 국어 말뭉치 확대 구축(3,180백만원)``), not a label (``가. 투자 방향``, ``【 입법 부문 】``).
MIN_HEADING_CHARS = 10
_HEADING_MARKER = re.compile(
    r"^\s*(?:제\s*\d+\s*[편부장절]|[IVXⅠ-Ⅻ]+\s*\.|\d{1,2}\s*[.)]|[" + OUTLINE_LETTERS + r"]\s*[.)]"
    r"|\(\s*[\d" + OUTLINE_LETTERS + r"]{1,2}\s*\)|[^\w\s(<\[]+)"
)

Trend = Literal["up", "flat", "down", "target"]


@dataclass(frozen=True)
class TargetPoint:
    """One ``(year, value)`` point of a target series, e.g. ``(2021, 132.0)``."""

    year: int
    value: float


@dataclass(frozen=True)
class Target:
    """A quantitative target such as ``주민자치회 구성(개) : (‘21) 132 → (’22) 154``.

    ``start``/``end`` are offsets of ``text`` in the cleaned document.
    """

    metric: str
    unit: str | None
    values: tuple[TargetPoint, ...]
    trend: Trend
    text: str
    start: int = 0
    end: int = 0




@dataclass(frozen=True)
class Passage:
    """The unit of retrieval: one goal, sub-item, article, paragraph...

    ``section`` is the heading path above it, outermost first, e.g.
    ``("제5장", "1. 일반공공행정 분야", "나. 투자 중점사업", "【 입법 부문 】")``.
    ``parent_id`` points at the goal a sub-item belongs to, or that a goal details (``□ …`` › ``ㅇ …``), or, for a
    table row, at the sentence that leads into its table (``… 다음과 같이 추진하겠음``).
    """

    id: str
    doc_id: str
    kind: str
    section: tuple[str, ...]
    text: str
    start: int
    end: int
    page: int | None = None
    parent_id: str | None = None
    ordinal: int = 0
    targets: tuple[Target, ...] = ()

    @property
    def passage_id(self) -> str:
        """The id under the name every JSON answer uses."""
        return self.id



@dataclass(frozen=True)
class PageSpan:
    """Cleaned-text offsets ``[start, end)`` that lie on printed page ``page``."""

    start: int
    end: int
    page: int


@dataclass(frozen=True)
class Document:
    """A parsed document: cleaned text plus its passages.

    ``doc_type`` is one of :data:`indexer.ingest.metadata.DOC_TYPES` (``plan``,
    ``bill``, ``press-release`` …); ``date`` is what the cover says, ISO-like at
    the precision found (``2022-01``, ``2019-10-29``); ``issuer`` is the agency
    on the cover (``관계부처 합동``, ``국립국어원``). Both are None when not found.
    """

    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    text: str
    passages: tuple[Passage, ...]
    pages: tuple[PageSpan, ...] = ()
    date: str | None = None
    issuer: str | None = None



@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    """What a batch parse produced: the documents read and the inputs skipped."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)



def is_searchable(p: Passage) -> bool:
    """Whether ``p`` is a retrieval unit: every kind but headings, and headings with content.

    Real documents put their substance in ``□`` headings (``□ 공공언어 사용 평가 시행(신규 618백만원)``);
    the sample plan's headings are labels (``나. 투자 중점사업``) and stay out.
    """
    return p.kind in SEARCHABLE_KINDS or (p.kind == "heading" and says_something(p.text))


# A heading that states a value (``□ 담당부서 : 해외실사과``, ``□ 보조율 : 국고 50%``): a short label, a colon, a value.
_STATES_VALUE = re.compile(r"^[^():：]{1,20}[:：]\s*\w")


#: Words a plan labels its parts with (``□ 사업개요``, ``□ 추진 배경``, ``□ 기대효과``, ``□ 문의처``).
_LABEL_WORDS = frozenset(
    "개요 배경 현황 내용 방향 계획 추진 목적 필요 필요성 효과 기대 실적 향후 일정 예산 사업 사업비 주요 중점 세부 기본 총괄 "
    "요약 참고 목표 과제 전략 성과 관리 기타 근거 법적 관련 규정 경위 문제점 문제 개선 방안 대책 결과 평가 지표 안내 사항 기간 "
    "금액 규모 범위 대상 조건 방법 절차 신청 자격 지원 선정 심사 발표 제출 문의 문의처 담당 담당자 연락처 구성 운영 체계 비전 "
    "임무 조직 인력 정원 재원 위치 총 구분 비고 현행 개정 제안 이유 의견 검토 조치 처분 요구 지적 분석 진단 시사점 결론 "
    "및 등 의 주요내용 기타사항 유의사항 협조 요청 보고 회의 계약 과업 산출 근거 증감 사유 집행 전년 대비 투자 분야 시설 "
    "건의 여건 긍정적 부정적 대외 미달성 달성 세입 세출 우선 종류 동향 국가 업종 지역 연도 분기 별 상위 하위 개 건 명".split()
)
_LABEL_SPLIT = re.compile("(?:" + "|".join(sorted(map(re.escape, _LABEL_WORDS), key=len, reverse=True)) + r"|\d+)+")


def says_something(heading: str) -> bool:
    """Whether a heading has :data:`MIN_HEADING_CHARS` letters or digits besides its outline marker, or states
    a value however short."""
    rest = _HEADING_MARKER.sub("", heading).strip()
    return sum(ch.isalnum() for ch in rest) >= MIN_HEADING_CHARS or _STATES_VALUE.match(rest) is not None


#: An article with its title (``제8조(효력)``, ``제3조(각 기관의 역할)``): a law's, a bill's or an agreement's clauses are
#: about what the title names, however short.
_TITLED_ARTICLE = re.compile(r"^\s*제\s*\d+\s*조(?:의\s*\d+)?\s*\(\s*[가-힣][^()]*\)")


def names_subject(heading: str) -> bool:
    """Whether a heading names what the lines under it are about: it says something (:func:`says_something`), or
    it is a short box heading (``□``, ``■``) of words other than a plan's labels: ``□ 공공도서관 확충`` names the
    project whose 사업기간 and 총사업비 follow, ``□ 사업개요`` only labels them; a titled article (``제8조(효력)``) names its
    clauses' subject."""
    if says_something(heading) or _TITLED_ARTICLE.match(heading):
        return True
    letters = "".join(ch for ch in _HEADING_MARKER.sub("", heading) if ch.isalnum())
    return heading.lstrip().startswith(("□", "■")) and len(letters) >= 4 and _LABEL_SPLIT.fullmatch(letters) is None
