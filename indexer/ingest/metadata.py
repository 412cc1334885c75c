"""Document metadata from the cover: title, date, issuer and document type, by general cues.

The cover is the first few non-empty lines (table pipes, separators and image
markers removed). Nothing here knows a particular ministry or file: the cues are
the ones Korean government documents share (``보도자료``, ``의안번호``,
``2022. 1.``, ``관계부처 합동``, ``…법 시행령``).

>>> m = extract_metadata(["디지털 정부혁신 추진계획", "2019. 10. 29.", "관계부처 합동"])
>>> (m.title, m.date, m.issuer, m.doc_type)
('디지털 정부혁신 추진계획', '2019-10-29', '관계부처 합동', 'plan')
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.ingest.cleaning import RELEASE_MASTHEAD, RELEASE_NAME, normalize_text, page_number_of
from indexer.ingest.markdown_tables import row_cells
from indexer.ingest.outline import FAQ_ANSWER, FAQ_QUESTION
from indexer.text import COVER_DATE, OUTLINE_LETTERS, join_spaced_letters

__all__ = [
    "LEGAL_BASIS", "BODY_SENTENCE", "CHAPTER_LINE", "PERIOD_NOTE", "PERIODICAL", "REPORT_TITLE", "DOC_TYPES", "DocMeta", "extract_metadata",
    "cover_lines", "find_date", "find_title", "find_issuer", "doc_type_of", "is_cover_byline", "restates", "without_period",
]

#: Every document type :func:`doc_type_of` gives (the ``doc_type`` search filter's valid values).
DOC_TYPES: tuple[str, ...] = ("plan", "work-plan", "work-report", "budget", "bill", "law", "press-release", "rfp", "notice", "report")

COVER_LINES = 12
_JUNK = re.compile(r"\[IMAGE\]|\|\s*:?-{3,}:?\s*(?=\|)|^\s*\|?\s*-{3,}\s*\|?\s*$")
# A date: ``2022. 1.``, ``2019.10.29``, ``2021년 12월 3일``; after 년 a number is a month only before 월
# (``2024년 2조 1,480억원`` has none), and a document number (``제2024-5호``) holds none.
_DATE = re.compile(
    r"(?<![\d제])((?:19|20)\d{2})\s*(?:[.\-/]|년(?=\s*\d{1,2}\s*월))\s*(\d{1,2})(?!\d)\s*(?:(?:[.\-/]|월)\s*(?:(\d{1,2})(?!\d)\s*[.일]?)?)?"
)
# A key–value field (``용역기간 : 2025. 1. 1.``), and the keys that name the document's own date (``발의연월일``).
_KEY_VALUE = re.compile(r"^([^:：]{1,20}?)\s*[:：]")
_DATE_KEY = re.compile(r"(?:일|일자|일시)$")
# The year a title leads with (``2025년 주요업무계획``, ``2024년도 성과계획서``): not a decade (``2000년대``) nor a range
# (``2025~2029년``), and no later than next year (``2040년 서울도시기본계획`` names its horizon, not its date).
_TITLE_YEAR = re.compile(r"^\W*((?:19|20)\d{2})\s*년(?!\s*대)(?:\s*도)?(?!\s*[~∼-])(?=\s)")
# A statement of work (과업지시서, 과업내용서, 과업설명서): an rfp when it is the title.
_WORK_ORDER = re.compile(r"과업(?:지시|내용|설명)서")
_FIELD = re.compile(
    r"^(?:보도\s*시점|보도\s*일시|배\s*포|엠바고|담당|의\s*안\s*번\s*호|공\s*고\s*번\s*호|문\s*서\s*번\s*호|"
    r"발\s*의|제\s*출|제안\s*연월일|찬\s*성)"
)
# A document's or an issue's number (``공고 제2024-123호``, ``제 952 호``, ``통권 제128호``, ``Vol. 12``): not a title.
# The series' name may come first on the line (``KOTI 정책브리프 Vol. 87``, ``이슈와 논점 제2156호``).
_NUMBER_LINE = re.compile(r"(?:^|\s)(?:통권\s*)?제\s*[\d-]+\s*호$|^(?:Vol|No)\.?\s*\d+|(?:^|\s)(?:Vol|No)\.\s*\d+$", re.IGNORECASE)
# One issue-number token, perhaps in parentheses: ``제952호``, ``제2024-17호``, ``(통권 제218호)``, ``Vol. 12``, ``No. 3``.
_ISSUE_TOKEN = r"[(\[]?\s*(?:(?:통권\s*)?제\s*\d+(?:\s*-\s*\d+)?\s*호|(?:Vol|No)\.?\s*\d+)\s*[)\]]?"
# A periodical's issue number alone on its line, its tokens in any combination (``제2024-17호 (통권 제218호)``,
# ``Vol. 12, No. 3``), not a notice's number (``공고 제2024-123호``).
_ISSUE_NUMBER = re.compile(rf"^{_ISSUE_TOKEN}(?:\s*[,·]?\s*{_ISSUE_TOKEN})*$|^(?:Vol|No)\.?\s*\d+", re.IGNORECASE)
# A council session's masthead (``제256회 아산시의회 임시회``): the municipality (``아산시``) is reporting to it.
# (``제298회 서령군의회 제2차 정례회``, or the council first: ``서령군의회 제298회 제2차 정례회``)
_COUNCIL = re.compile(
    r"^(?=(?:제\s*\d+\s*회\s*)?(?P<org>[가-힣]+?)\s*의회)(?:제\s*\d+\s*회\s*\S+?\s*의회|\S+?\s*의회\s*제\s*\d+\s*회)"
    r"\s*(?:제\s*\d+\s*차\s*)?(?:임시회|정례회)"
)
# A council alone or with its committee on a cover line (``천안시의회 예산결산특별위원회``, ``국회 행정안전위원회``).
_COUNCIL_BODY = re.compile(r"^(?:[가-힣]{2,12}의회|국회)(?:\s*[가-힣]{2,20}위원회)?$")
# A department (``일자리경제과``, ``청년정책담당관``): never an issuer on its own.
_DEPARTMENT = re.compile(r"^[가-힣]{2,12}(?:과|국|실|담당관|팀)$")
# An issue's number anywhere in a line: with a date beside it the line is a masthead or byline
# (``이슈와 논점 제2156호 2024. 1. 15. 국회입법조사처``), not part of a title.
_ISSUE_IN_LINE = re.compile(r"제\s*\d+\s*호")
# A person's name (2–4 syllables) and an institution's name in a byline, and an author's post, its last word.
_NAME = re.compile(r"[가-힣]{2,4}")
_INSTITUTION = re.compile(r"[가-힣]{2,}(?:연구원|연구소|대학교|대학|조사처|센터|재단|공사|공단|협회|학회)$")
# An institute's unit the authors work in (``지역교통연구팀``, ``사회통합연구실``, ``데이터분석센터``).
_RESEARCH_UNIT = re.compile(r"^[가-힣]{2,12}(?:팀|실|센터|본부|연구부|그룹)$")
_POSTS = frozenset("연구위원 부연구위원 선임연구위원 연구원 책임연구원 선임연구원 수석연구원 전문연구원 교수 박사 입법조사관 조사관 전문위원".split())
_SENTENCE = re.compile(r"(?:다|함|니다|요)\s*\.?$")
_IMAGE = re.compile(r"\[IMAGE\]")
# A telephone number: a contact's line (``사무관 한도현 (044-201-3624)``), never a title.
_PHONE = re.compile(r"(?<!\d)0\d{1,2}-\d{3,4}-\d{4}(?!\d)")
_PRESS_CUE = re.compile(RELEASE_NAME + r"|보도\s*(?:시점|일시)|배\s*포|엠바고")
# A footnote mark after a sentence (``증가하였다¹⁾.``, ``나타났다2).``) leaves it a sentence.
_NOTE_MARK = r"(?:\s*(?:[⁰¹²³⁴-⁹]+⁾?|\d{1,2}\)))?"
# Body text ends like this (``… 감소하였다.``, ``… 필요함.``), and so does a sentence of the cover (``… 고시합니다.``):
# never a title.
BODY_SENTENCE = re.compile(rf"(?:다|함|임|음){_NOTE_MARK}\s*\.{_NOTE_MARK}$")
# A report by its title (``2024년도 자체평가 결과보고서``, ``… 실태조사 보고서``, ``… 성과지표 달성도 보고``, a council's
# ``시정질문 답변서``): a report
# whatever bullets it has (a work report, ``업무보고``, is typed before this is asked); so is an analysis or an
# evaluation of results (``공공자전거 운영 성과 분석``, ``… 성과평가``).
REPORT_TITLE = re.compile(
    r"보고서?(?:\([^()]{0,20}\))?$|답변(?:서|자료)$|(?:성과|실적|현황|실태|결과)(?:분석|평가)$|(?:처분\s*요구|감사\s*결과)서?$|공시$|요약문$|자료집$"
    r"|(?:공시|요약문)\([^()]{0,40}\)$"  # (and a qualifier after it: ``… 재정 공시 (2024회계연도 결산 기준)``)
    r"|결과(?:\([^()]{0,40}\))?$"  # what was found (``… 지방재정투자심사 결과 (도 자체사업 및 시·군 의뢰사업)``)
)
# A periodical's cover (``국토정책 Brief``, ``KOTI 정책브리프 Vol. 87``, ``이슈페이퍼``): a report whatever bullets its
# summary has; a research institute named alone (``국토연구원``) may still have written a government's plan. So is a
# research series' number (``기본연구 2025-21``, ``정책연구 2024-05``) or a ``연구보고서``.
PERIODICAL = re.compile(
    r"[Bb]rief|브리프|이슈\s*(?:리포트|페이퍼)|워킹\s*페이퍼|연구\s*보고서"
    r"|(?:기본|정책|수시|현안|일반|협동|기획|전략)\s*연구\s*(?:보고서\s*)?\d{4}\s*[-–]\s*\d{1,3}(?!\d)|통권\s*제\s*\d+\s*호"
)
# A table's source or note (``자료: 통계청(2024)``, ``주: …``) names no document.
_SOURCE_NOTE = re.compile(r"^(?:자\s*료|출\s*처|주)\s*\d?\s*[:：)]")
# A line that starts on a particle (``를 확대 운영``) is the tail of a sentence broken across lines, never a title.
_TAIL = re.compile(r"^(?:을|를|이|가|은|는|의|에|에서|와|과|로|으로|도|만|및)(?:\s|$)")
_QUOTED_NAME = re.compile(r"「([^」]{4,60})」")
# The act a plan is made under, printed under its title (``「재난 및 안전관리 기본법」 제25조에 따른 시·군·구
# 안전관리계획``): the plan's basis, no part of its name.
LEGAL_BASIS = re.compile(
    r"^[(<]?\s*(?:근거\s*[:：]\s*)?「[^」]{2,40}」\s*(?:(?:제\s*\d+\s*조(?:의\s*\d+)?(?:\s*제\s*\d+\s*[항호])*)(?:\s*(?:및|,|·)\s*)?)*"
    r"(?:에\s*(?:따른|따라|의한|의거한?|근거한))"
)
_RULE_NUMBER = re.compile(r"(?:고시|훈령|예규)\s*제\s*[\d-]+\s*호")
# ``「…지침」을 다음과 같이 … 고시합니다`` (its number may stand between: ``「…」(… 고시 제2023-51호)을``), not a law cited on the
# way (``「국토의 계획 및 이용에 관한 법률」 제30조 … 에 따라 … 고시합니다``)
_ISSUES_RULE = re.compile(r"」\s*(?:\([^()]*\))?\s*(?:중\s*)?(?:일부|전부)?\s*[을를]\s.*(?:고시|개정|제정|발령)")
# A series' number over a report's title (``사업평가 25-09 (통권 제512호)``, ``정책연구 2025-17``): no part of the title.
_SERIES_NUMBER = re.compile(r"^[가-힣]{2,8}\s*(?:\d{2}|\d{4})\s*[-–]\s*\d{1,3}(?:\s*\(\s*통권\s*제\s*\d+\s*호\s*\))?$")
# A situation report's time (``’26. 7. 15.(수) 06:00 현재``): its date, no part of its title.
_AS_OF = re.compile(
    r"^\(?\s*[’'‘]?((?:19|20)?\d{2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*(?:\([월화수목금토일]\))?\s*(?:\d{1,2}\s*:\s*\d{2})?\s*현재\s*\)?$"
)


def _as_of(line: str) -> str | None:
    if not (m := _AS_OF.match(line)) or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return None
    year = m.group(1) if len(m.group(1)) == 4 else f"20{m.group(1)}"
    return f"{year}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
# A comparison table's header alone (``| 현 행 | 개 정 안 |``, read as ``현행개정안``): no title.
_COMPARISON_HEADER = re.compile(
    r"^\W*(?:현\s*행|종\s*전)(?:\s*(?:조\s*문|규\s*정))?\W*(?:개\s*정\s*(?:안|후|규\s*정|조\s*문)?|변\s*경\s*(?:안|후))\W*$"
)
# A review of a bill or a budget by a council's or the Assembly's committee (``검토보고서``, ``심사보고서``).
_REVIEW = r"(?:검토|심사)\s*(?:결과\s*)?보고서?"
_REVIEW_TITLE = re.compile(rf"^{_REVIEW}$")
_BILL_WORDS = re.compile(r"(?:법률안|개정안|제정안|법안|동의안|결의안|건의안|승인안)")
_LAW_TITLE = re.compile(r"^([가-힣·ㆍ\s]{2,60}?(?:헌법|법|법률|시행령|시행규칙|규칙|조례|규정))(?:\s*[\[(<].*)?$")
_AGENCY = re.compile(
    r"^(?:[가-힣]{1,12}(?:부|처|청)|[가-힣]{2,12}(?:위원회|원|공사|공단|재단|본부|센터)|관계\s*부처\s*합동)$"
)
# Local governments and their offices: ``경기도``, ``서울특별시 교육청``, ``부산광역시 해운대구``; a 시/군/구
# or an office only after its metropolitan city or province.
_REGION = re.compile(
    r"^(?:[가-힣]{2,4}(?:특별시|광역시|특별자치시|특별자치도|특례시)|(?:경기|강원|충청북|충청남|전라북|전라남|경상북|경상남|제주|"
    r"충북|충남|전북|전남|경북|경남)도)$"
)
# Under a local government: its 시/군/구, its education office, an agency, or one of its own offices
# (``충청남도 경제실``, ``수원특례시 기획조정실``, ``경기도 정보화정책관``).
_UNDER_REGION = re.compile(
    r"^(?:[가-힣]{1,4}[시군구]|[가-힣]{0,6}교육청|[가-힣]{1,12}(?:청|본부|위원회)|[가-힣]{1,10}(?:실|국|과|팀|담당관|정책관|사업소))$"
)
# An office of a local government after its name (``김해시 감사관``, ``아산시 일자리경제과``).
_OFFICE = re.compile(r"^(?:[가-힣]{1,10}(?:관|실|국|과|단|본부|센터|사업소|위원회|보건소)|보건소)$")
_NOT_AGENCY = re.compile(
    r"(?:정부|일부|내부|외부|지원|인원|위원|직원|재원|자원|정원|증원|민원|공원|병원|본부"
    r"|고시|훈령|예규|공고|지침)$"
)
# A 시/군/구 by its own name (``부천시``, ``양평군``, ``해운대구``, ``중구``), not a noun that ends alike
# (``생활인구``, ``고령가구``, ``출입구``, ``비상시``, ``신도시``, ``경제특구``) nor a person (``공무원``, ``국회의원``).
# The second group's nouns end a place's name after a one-syllable stem (``처인구``, ``영도구``, ``수지구``,
# ``의창구``, ``여수시``, ``안동시``, ``김제시``, ``대전시``, ``기장군``, ``남해군``): they are the noun alone or after
# two syllables or more.
_LOCAL = re.compile(r"^(?:[가-힣]{2,4}[시군구]|[중동서남북]구)$")
_NOT_LOCAL = re.compile(
    r"(?:도시|연구|기구|특구|가구|입구|출구|요구|항구|추구|비상구|조사구|선거구|즉시|상시|임시|감시|개시|게시|표시|지시|필요시|유사시"
    r"|광역시|[국공육아적대학직]군|위험군|대상군|공무원|의원)$"
    r"|(?:^|[가-힣]{2})(?:인구|지구|창구|도구|수시|동시|제시|전시|장군|해군)$"
)
# A notice's number after its issuer (``부천시 공고 제2024-2187호``, ``공고번호 : 한국토지주택공사 공고 제2024-123호``).
_NOTICE_NUMBER = re.compile(r"(?:^|[:：]\s*)(?P<org>[가-힣 ]{2,30}?)\s*공고\s*제\s*[\d-]+\s*호")
# A press release's lead opens on its institution, perhaps with its head (``창원특례시(시장 홍남표)는``,
# ``□ 과학기술정보통신부(장관 유상임, …)는``, ``해양수산부는``); its headline may open on the institution (``창원시, …``,
# ``교육부는 …``), or on what it is about (``부산시, 해양수도 …`` from 해양수산부): the lead's comes first.
_LEAD_ORG = re.compile(
    r"^[□○ㅇ◦❍\s]*([가-힣]{2,20}?)\s*(?:\(\s*[가-힣]{0,4}(?:장관|교육감|지사|청장|군수|장)\s|(?:\([^)]*\))?(?:은|는|와|과)\s)"
)
_HEADLINE_ORG = re.compile(r"^([가-힣]{2,20}?)(?:,|(?:은|는|이|가)\s)")
_TOC = re.compile(r"^[\[【(<]?\s*(?:목\s*차|차\s*례|순\s*서|contents)\s*[\]】)>]?$", re.IGNORECASE)
_MARKED = re.compile(
    r"^(?:" + FAQ_QUESTION + "|" + FAQ_ANSWER  # an FAQ's question or answer
    + r"|[ⅠⅡⅢⅣⅤ]|\d{1,3}\s*[.)]|\(\s*\d{1,2}\s*\)|[" + OUTLINE_LETTERS + r"]\s*[.)]\s|[\[【<]|\(\s*단\s*위|[□■○ㅇ◦❍\-※*]|제\s*\d+\s*[장조절])"
)
#: A chapter's (or part's) heading: ``제2장 …``, ``제1편``.
CHAPTER_LINE = re.compile(r"^제\s*\d+\s*[장편부](?:\s|$)")
_ARTICLE = re.compile(r"^\s*제\s*\d+\s*조(?:의\s*\d+)?\s*(?:\(|\s)", re.M)


@dataclass(frozen=True)
class DocMeta:
    """What the cover says: ``date`` is ISO-like at the precision found (``2022-01``; ``2025`` from a title's year)."""

    title: str | None
    date: str | None
    issuer: str | None
    doc_type: str
    department: str | None = None


def _clean(line: str) -> str:
    if line.lstrip().startswith("|"):
        # A merged cell the readers repeat across its columns (``| 보도자료 | 보도자료 | 보도자료 |``) is read once.
        cells = row_cells(line)
        line = " ".join(c for k, c in enumerate(cells) if not (k and c == cells[k - 1] and re.search("[가-힣]", c)))
    text = _JUNK.sub(" ", line)
    return join_spaced_letters(" ".join(text.replace("|", " ").split()))


def cover_lines(lines: Sequence[str], n: int = COVER_LINES) -> list[str]:
    """The first ``n`` non-empty lines, without table pipes, separators, image markers and page numbers.

    A row of three or more filled cells is a data table, not a cover box: it is left out, and so is a note
    (``[^1]: 통계청(2024), 「…」, 보도자료.`` names a source, not this document).
    """
    out = [c for c in (_clean(x) for x in lines if not _is_data_row(x) and not x.startswith("[^")) if c and not _page_footer(c)]
    return out[:n]


def _page_footer(line: str) -> bool:
    """A page number alone on its line (``- 1 -``, ``1``), not a year (``2024``)."""
    n = page_number_of(line)
    return n is not None and n < 1000


def _authors(line: str) -> bool:
    """``박서윤ㆍ이도현ㆍ최가람``: a study's authors alone on the cover, two or more three-syllable names, each of a
    surname and a given name, set apart by ``ㆍ``, ``·`` or commas (words a title lists, ``정비ㆍ활용``, are no names)."""
    names = [w.strip() for w in re.split(r"[ㆍ·,]", line)]
    return 2 <= len(names) <= 8 and all(len(n) == 3 and _NAME.fullmatch(n) and n[0] in _SURNAMES for n in names)


# The commonest Korean surnames (one syllable): a name list on a cover starts each name with one.
_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길"
    "연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시견당화창평"
)


def is_byline(line: str) -> bool:
    """``김연구 국토연구원 연구위원``, ``이분석, 박조사 입법조사관``: authors (a name first, or their institution and
    its unit), perhaps their institution, and a post; never part of a title (``2024년도 한국교통연구원 위촉 연구원`` / ``채용 공고`` is
    a title over two lines: it starts with no name)."""
    words = line.replace(",", " ").replace("·", " ").split()
    if not (2 <= len(words) <= 8 and len(line) <= 60 and words[-1] in _POSTS):
        return False
    if _INSTITUTION.search(words[0]) and len(words) >= 4 and _RESEARCH_UNIT.match(words[1]):
        # ``한국교통연구원 지역교통연구팀 김서진 연구위원 · 오민혁 전문연구원``: the institution and its unit, then the authors
        return all(_NAME.fullmatch(w) or w in _POSTS for w in words[2:])
    return _NAME.fullmatch(words[0]) is not None and all(_NAME.fullmatch(w) or _INSTITUTION.search(w) for w in words[1:-1])


def _is_data_row(line: str) -> bool:
    """A table row with three or more cells holding text (pictures do not count); a press release's
    masthead row (``| 보도시점 | … | 배포 | … |``) is cover text all the same."""
    if not line.lstrip().startswith("|") or _PRESS_CUE.search(line):
        return False
    cells = [c.strip() for c in _IMAGE.sub(" ", line).strip().strip("|").split("|") if c.strip()]
    # a cell merged across the row, the readers repeating it (``| 2025년 업무계획 | 2025년 업무계획 | … |``), is one
    # cell; a value repeated beside a label (``| 소화기 비치 | 적합 | 적합 | 적합 |``) is a result in each column
    if len(set(cells)) == 1 and re.search("[가-힣]", cells[0]):
        return False
    return len(cells) >= 3


def find_date(text: str) -> str | None:
    """``2022. 1.`` → ``2022-01``; ``2019. 10. 29.`` → ``2019-10-29``; None without a month."""
    for m in _DATE.finditer(text):
        year, month, day = m.group(1), int(m.group(2)), m.group(3)
        if not 1 <= month <= 12:
            continue
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month:02d}-{int(day):02d}"
        return f"{year}-{month:02d}"
    return None


def _is_date_line(line: str) -> bool:
    m = _DATE.search(line)
    return bool(m) and len(line) - (m.end() - m.start()) <= 8


def _issuing_body(words: Sequence[str]) -> bool:
    """``해양수산부 어촌어항정책과``, ``수원시 도시정책실``, ``대구광역시 수성구 기획예산실 조직관리팀``: a government and
    its offices, word by word."""
    return 0 < len(words) <= 5 and all(_is_institution(w) or _DEPARTMENT.match(w) or _OFFICE.match(w) for w in words)


def _dated_issuer(line: str) -> bool:
    """A date beside the issuing body (``2025. 1. 15. 해양수산부 어촌어항정책과``): the cover's byline, no title."""
    if not (m := _DATE.search(line)):
        return False
    return _issuing_body(f"{line[: m.start()]} {line[m.end() :]}".split())


_BODY_IN_PARENS = re.compile(r"\S\(([^()]{2,30})\)\s*$")  # ``…성과보고서(고용노동부)``


def _signed_header(line: str) -> bool:
    """A page header that ends in its issuing body (``2025년 업무계획 해양수산부 어촌어항정책과``), or names it in
    parentheses (``2024회계연도 성과보고서(고용노동부)``)."""
    words = line.split()
    if (m := _BODY_IN_PARENS.search(line)) and _issuing_body(m.group(1).split()):
        return True
    return any(len(words) > k and _issuing_body(words[-k:]) for k in (1, 2, 3))


def is_cover_byline(line: str) -> bool:
    """A cover line that names only the issuing body, the date, or both (``수원시 도시정책실``, ``2025. 3.``), or the
    council (or its session) it is reported to (``제298회 마포구의회 임시회``, ``서하시의회``)."""
    line = " ".join(line.split())
    if m := _DASHED.match(line) or _PARENS.match(line):  # ``- 도서관정책과 -``, ``(교통행정과)``: set off under the title
        line = m.group(1)
    if m := _AUTHORS_FIRST.match(line):  # a study's authors, alone or before their institute (``박서윤ㆍ이도현 국토연구원``)
        return _authors(m.group(1)) and (not m.group(2) or is_cover_byline(m.group(2)))
    if m := _FILE_NUMBER.match(line):  # the issuer's file number on a report's cover (``김해시 감사관 제2024-17호``)
        line = m.group(1)
    # (a council named alone heads its 의안's cover: ``서하시의회`` over the 의안번호 box)
    return (_is_date_line(line) or _dated_issuer(line) or _is_agency(line) or _issuing_body(line.split())
            or bool(_COUNCIL.match(line)) and len(line) <= 30 or bool(_COUNCIL_BODY.match(line)))


# An issuer and its file number (``김해시 감사관 제2024-17호``; not a notice's ``부천시 공고 제2024-2187호``, which is cited).
_FILE_NUMBER = re.compile(r"^(\S.*?)\s+제\s*\d{2,4}\s*[-–]\s*\d{1,5}\s*호$")


_BARE_DATE = re.compile(rf"^{COVER_DATE}$")
_BILL_DATE = re.compile(r"(?:발\s*의|제\s*출|제\s*안)\s*연\s*월\s*일\s*[:：|]?\s*([^|]{6,20})")
_DASHED = re.compile(r"^[-–—]\s*(\S.*?)\s*[-–—]$")
_PARENS = re.compile(r"^\(\s*([^()]+?)\s*\)$")
# The period a plan covers, in parentheses under its title (``(계획기간 : 2026. 1. 1. ~ 2026. 12. 31.)``): no part of it.
_PERIOD = r"\(\s*(?:[^()]*[:：]\s*)?(?:19|20)\d{2}\s*[.년][^()]*\)"
PERIOD_NOTE = re.compile(rf"^{_PERIOD}$")
_PERIOD_TAIL = re.compile(rf"\s*{_PERIOD}$")


def without_period(line: str) -> str:
    """``line`` without the period it ends on (``… 시행계획 (계획기간 : 2026. 1. 1. ~ 2026. 12. 31.)``)."""
    return _PERIOD_TAIL.sub("", line)


def _cover_without(lines: Sequence[str], dropped: frozenset[str]) -> list[str]:
    """The cover read without ``dropped`` lines (running headers)."""
    return cover_lines([ln for ln in lines if normalize_text(ln) not in dropped])
_AUTHORS_FIRST = re.compile(r"^([가-힣]{3}(?:\s*[ㆍ·,]\s*[가-힣]{3})+)(?:\s+(.+))?$")


# A body's legal form before its name (``재단법인 서진문화재단``, ``(사)한국지역정보개발원``): the name is the issuer.
_LEGAL_FORM = re.compile(r"^(?:재단법인|사단법인|\(\s*[재사]\s*\))\s*")


def _is_agency(line: str) -> bool:
    line = _LEGAL_FORM.sub("", line)
    words = line.split()
    if 0 < len(words) <= 3 and bool(_AGENCY.match(line)) or (line.replace(" ", "") == "관계부처합동"):
        return True
    # A local government, alone or with its offices (``서울특별시 교육청``, ``대구광역시 수성구 기획예산실 조직관리팀``).
    return 0 < len(words) <= 4 and bool(_REGION.match(words[0])) and all(_UNDER_REGION.match(w) for w in words[1:])


def _is_institution(name: str) -> bool:
    """A government, an agency or a local government named alone: ``창원특례시``, ``부천시``, ``교육부``,
    ``경기도 수원시``; no department (``청년정책담당관``) and no common noun (``정부``, ``신도시``)."""
    if _NOT_AGENCY.search(name) or _NOT_LOCAL.search(name):
        return False
    return _is_agency(name) or bool(_LOCAL.match(name))


def _may_carry_date(line: str) -> bool:
    """A cover line the last-resort date may come from: no outline item or bullet, no range (``~``), no
    key–value field but the document's own date (``발의연월일 : 2021. 5. 20.``)."""
    if "~" in line or (_MARKED.match(line) and not line.startswith("[")):
        return False
    return not (m := _KEY_VALUE.match(line)) or bool(_DATE_KEY.search(m.group(1).replace(" ", "")))


def _candidate(line: str) -> bool:
    return not (
        is_cover_byline(line) or _FIELD.match(line) or _TOC.match(line) or _MARKED.match(line)
        or _NUMBER_LINE.search(line) or _ISSUE_NUMBER.match(line) or _COUNCIL.match(line) or _TAIL.match(line)
        or (_ISSUE_IN_LINE.search(line) and find_date(line)) or is_byline(line) or _COMPARISON_HEADER.match(line)
        or _SOURCE_NOTE.match(line) or BODY_SENTENCE.search(line) or _PHONE.search(line) or _DATED_FIELD.match(line)
        or _SLOGAN.match(line) or _FORM_NAME.match(line.replace(" ", "")) or _GREETING.search(line)
        or _SERIES_NUMBER.match(line) or _AS_OF.match(line)
    ) and len(line) >= 4


# A letter's greeting (``학부모님, 안녕하십니까?``): its first line of text.
_GREETING = re.compile(r"안녕하(?:십니까|세요|신지요)\s*[?？!.]?\s*$")
# The name of the form a letter is printed on (``가 정 통 신 문`` in a school's masthead box): what it is, not what it says.
_FORM_NAME = re.compile(r"^(?:가정통신문?|학부모안내문|안내문|알림장?)$")


# A cover's slogan, wholly in quotation marks (``“봄을 캐고, 한우를 굽다”``): the event's motto, not the title's words.
_SLOGAN = re.compile(r"^[“\"][^“”\"]{2,60}[”\"]$")  # (single quotes name a programme: ``‘찾아가는 복지’``)


# A cover's field of dates under the title (``검사기간 : 2026. 5. 11. ~ 5. 30.``, ``기준일 : …``): never the title's words.
_DATED_FIELD = re.compile(
    r"^[가-힣 ]{0,10}?(?:기\s*간|일\s*시|일\s*자|기\s*한|기\s*준\s*일|시\s*점)\s*[:：]\s*(?:(?:19|20)\d{2}\s*[.년]|[’']\d{2}\s*\.)"
)


# A title's closing qualifier in parentheses: what it is based on or what form it takes (``(… 결산 기준)``, ``(요약)``).
_QUALIFIED = re.compile(r"[^\s(]\s*\([^()]*(?:기준|요\s*약\s*본?|초안|잠정치?)\s*\)$")  # (after the title's words: not ``(초안)`` alone)


# An official letter (공문): ``수신 수신자 참조`` over ``제목 2026년 지방보조금 교부결정 통지 …``; its subject is its title,
# not the slogan its letterhead prints over the issuer's name.
_ADDRESSEE = re.compile(r"^수\s*신(?:\s*자)?\s*[:：]?\s+\S")
_SUBJECT = re.compile(r"^제\s*목\s*[:：]?\s*(\S.{3,80})$")
# A letter's enforcement line: ``시행 자치행정과-2231 (2026. 2. 4.)``, its date.
_ENFORCED = re.compile(r"^시\s*행\s+\S+\s*-\s*\d+\s*\(([^()]{6,16})\)", re.M)


def find_title(cover: Sequence[str]) -> str | None:
    """Press release: the headline after 보도자료; letter: its 제목; bill: the 법률안 line; else the first cover line(s)."""
    if any(RELEASE_MASTHEAD.match(c) for c in cover):
        start = next(i for i, c in enumerate(cover) if RELEASE_MASTHEAD.match(c)) + 1
        return next((c for c in cover[start:] if _candidate(c) and len(c) >= 8), None)
    if (to := next((i for i, c in enumerate(cover) if _ADDRESSEE.match(c)), None)) is not None and (
            subject := next((m.group(1).strip() for c in cover[to + 1 :] if (m := _SUBJECT.match(c))), None)):
        return subject
    # (not a comparison table's header, ``| 현 행 | 개 정 안 |``)
    if bill := next((c for c in cover if _BILL_WORDS.search(c) and not _FIELD.match(c) and not _COMPARISON_HEADER.match(c)), None):
        # a committee's review of the bill (``… 일부개정법률안`` over ``검 토 보 고 서``) is named so
        after = cover[cover.index(bill) + 1 :][:1]
        return f"{bill} {after[0]}" if after and _REVIEW_TITLE.match(after[0]) else bill
    if cover and (m := _LAW_TITLE.match(cover[0])):
        return " ".join(m.group(1).split())
    # A notice of a rule (``국토교통부 고시 제2025-112호`` / ``「…지침」을 다음과 같이 … 고시합니다.``) is named
    # by the rule it issues.
    if any(_RULE_NUMBER.search(c) for c in cover[:2]):
        for c in cover:
            if _ISSUES_RULE.search(c) and (m := _QUOTED_NAME.search(c)):
                return m.group(1).strip()
    if cover and CHAPTER_LINE.match(cover[0]):
        return None  # a chapter printed alone (``제2장 …``) has no cover: its heading names it, not its first sentence
    parts: list[str] = []
    end = len(cover)  # where the title lines stop
    for i, c in enumerate(cover):
        if _SERIES_NUMBER.match(c):
            continue  # (between a series' name and the report's own title: ``2025 재정사업 평가`` / ``사업평가 25-09 …`` / …)
        if parts and (not _candidate(c) or len(c) > 40 or len(" ".join(parts)) + len(c) > 80 or LEGAL_BASIS.match(c) or PERIOD_NOTE.match(c)):
            end = i
            break
        if _candidate(c) and not c.startswith(("-", "–", "~")):
            if len(parts) == 1 and restates(c, parts[0]):
                parts.clear()  # a short form of the title printed over it (a PDF's running header): the title once
            elif len(parts) == 1 and restates(parts[0], c):
                # a fuller form printed over it (``2025년 기상청 업무계획`` over ``2025년 업무계획``): that one; but a running
                # header over the first of two title lines that it runs into (``… 합동평가 결과 보고`` over ``… 합동평가`` /
                # ``결과 보고 및 2026년 대응 계획``) is the title's short form: the title's lines instead
                nxt = cover[i + 1] if i + 1 < len(cover) else ""
                if _candidate(nxt) and "".join(parts[0].split()) in "".join((c + nxt).split()):
                    parts[:] = [c]
                continue
            elif parts and "".join(c.split()) in "".join("".join(parts).split()):
                continue  # a word the fuller form already ends on (``제안요청서`` under ``… 구축 사업 제안요청서``)
            parts.append(c)
            if _QUALIFIED.search(" ".join(parts)):  # (its own line or the title's: ``… 공시`` / ``(2024회계연도 결산 기준)``)
                end = i + 1  # ``… 지방재정 공시 (2024회계연도 결산 기준)``: the qualifier closes the title, a slogan under it is none
                break
        elif parts:
            end = i
            break
    if len(parts) > 2 and len(short := "".join(parts[0].split())) >= 6 and short in "".join("".join(parts[1:]).split()):
        del parts[0]  # a running header's short form over a title of two lines (``… 결과 요약`` over ``지방도 … 결과 요약 보고``)
    if parts and end < len(cover) and _ISSUE_NUMBER.match(cover[end]):
        # A periodical's masthead (``국토정책 Brief`` / ``제 952 호`` / date): the issue's title comes after.
        after = (c for c in cover[end + 1 :] if not (_is_date_line(c) or _NUMBER_LINE.search(c) or _ISSUE_NUMBER.match(c)))
        nxt = next(after, None)
        if nxt is not None and _candidate(nxt) and len(nxt) >= 8 and not _SENTENCE.search(nxt):
            return nxt
    return " ".join(parts) or None


def restates(line: str, short: str) -> bool:
    """``line`` holds every letter of ``short`` (6 or more) in order: ``2025년 도시안전국 주요업무 보고`` restates
    ``2025년 도시안전국 업무보고``, ``청주시 공공자전거 운영 성과 분석`` ``공공자전거 운영 성과 분석``, and a line
    restates itself (a running header that is the whole title, printed over the cover's title)."""
    a, b = "".join(short.split()), "".join(line.split())
    rest = iter(b)
    return 6 <= len(a) <= len(b) and all(ch in rest for ch in a)


def _department(lines: Sequence[str]) -> str | None:
    """``| 담당 부서 | 대외경제국 | … |`` plus the next row's unit (``|  | 국제경제과 | …``)."""
    for i, line in enumerate(lines):
        cells = row_cells(line)
        for j, c in enumerate(cells):
            if re.fullmatch(r"담당\s*부서", c) and j + 1 < len(cells):
                parts = [cells[j + 1]]
                rows = [x for x in lines[i + 1 : i + 3] if x.lstrip().startswith("|") and "---" not in x]
                if rows:
                    nxt = row_cells(rows[0])
                    if len(nxt) > j + 1 and not nxt[j]:
                        parts.append(nxt[j + 1])
                return " ".join(p for p in parts if p) or None
    return None


# A bill's submitter (``제 출 자 | 부산광역시장``, ``제출자 : 국토교통부장관``): the institution its head speaks for.
_SUBMITTER_KEY = re.compile(r"^제\s*출\s*자\s*[:：]?\s*")
# An institution's head: the institution's name, then its head's title (a name may follow: ``서울특별시장 오세훈``).
_HEAD = re.compile(
    r"^(?P<org>\S.*?(?:특별자치시|특별자치도|특별시|광역시|시|도|군|구|부|처|청|위원|공단|공사|재단|진흥원|연구원))\s*"
    r"(?P<post>장관|교육감|지사|청장|이사장|사장|원장|장|수)(?:\s+(?!귀하|귀중)[가-힣]{2,4})?$"
)
# Which title heads which kind of institution (a 부 by its 장관, a 군 by its 군수, a 공단 by its 이사장 …).
_HEADS = {
    "장관": ("부",), "교육감": ("시", "도"), "지사": ("도",), "청장": ("구",), "수": ("군",), "장": ("시", "처", "청", "위원", "연구원", "진흥원"),
    "이사장": ("공단", "공사", "재단", "진흥원"), "사장": ("공사",), "원장": ("진흥원", "연구원"),
}


def _submitter(lines: Sequence[str]) -> str | None:
    """``부산광역시`` for a bill submitted by ``부산광역시장``, ``경기도`` by ``경기도지사``, ``국토교통부`` by its
    ``장관``, ``경찰청`` by ``경찰청장``, ``경기도교육청`` by ``경기도교육감``; None for a member (``김민수 의원``), a
    deputy (``행정부시장``) or a name (``박시장``)."""
    for line in lines:
        cells = row_cells(line) if line.lstrip().startswith("|") else [line.strip()]
        for j, cell in enumerate(cells):
            if not (m := _SUBMITTER_KEY.match(cell)):
                continue
            who = cell[m.end():].strip() or (cells[j + 1] if j + 1 < len(cells) else "")
            return _head_org(join_spaced_letters(" ".join(who.split())))
    return None


def _head_org(who: str) -> str | None:
    """The institution whose head ``who`` is (``부산광역시장`` → ``부산광역시``); None for anyone else."""
    if (h := _HEAD.match(who)) is None:
        return None
    org, post = h.group("org"), h.group("post")
    if post == "원장" and not org.endswith(_HEADS[post]):
        org, post = org + "원", "장"  # ``국토연구원장``: the 연구원's head (the shortest org ends on 연구)
    last = org.split()[-1]
    if not org.endswith(_HEADS[post]) or len(last) < 3 or last.endswith(("부시", "부군", "부구")):
        return None
    return org + ("회" if org.endswith("위원") else "") + ("교육청" if post == "교육감" else "")


def _signature(text: str, n: int | None = 5) -> tuple[str | None, str | None]:
    """The closing block of a notice in the last ``n`` lines (``None``: the first one anywhere, as a notice of
    proposed legislation signs before the draft it attaches): a bare date line (``2024. 12. 13.``; not ``일시 :
    2023. 3. 5.`` nor ``(2023. 12. 31. 기준)``) right over an institution's head (``부천시장``; not the addressee,
    ``부산광역시장 귀하``): its date and the institution."""
    if n is None:
        tail = [x.strip() for x in text.split("\n") if x.strip()]
    else:
        tail = [x.strip() for x in text.rstrip().rsplit("\n", 3 * n)[-3 * n :] if x.strip()][-n:]
    for line, head in zip(tail, tail[1:]):
        if (_is_date_line(line) and "기준" not in line and not _KEY_VALUE.match(line) and not line.startswith("|")
                and len(head.split()) <= 3 and (org := _head_org(head)) and _is_institution(org)):
            return find_date(line), org
    return None, None


def _release_issuer(cover: Sequence[str], title: str | None) -> str | None:
    """A press release's institution, as its lead or its headline opens: ``창원특례시(시장 홍남표)는 …``,
    ``과학기술정보통신부, …`` (a department in its masthead is not the issuer)."""
    if not any(RELEASE_MASTHEAD.match(c) or _PRESS_CUE.search(c) for c in cover):
        return None
    lead = next((m for m in map(_LEAD_ORG.match, cover) if m), None)  # the first lead only
    opens = [lead.group(1)] if lead else []
    opens += [m.group(1) for m in [_HEADLINE_ORG.match(title or "")] if m]
    return next((o for o in opens if _is_institution(o)), None)


def _council_report(cover: Sequence[str]) -> tuple[str | None, str | None]:
    """A report to a council (``제256회 아산시의회 임시회`` … ``일자리경제과``): the municipality and its department."""
    town = next((m.group("org") for c in cover if (m := _COUNCIL.match(c))), None)
    office = next((c for c in cover if _DEPARTMENT.match(c)), None)
    return (town, office) if town and office and _is_institution(town) else (None, None)


def find_issuer(cover: Sequence[str]) -> str | None:
    """An agency line on the cover (``관계부처 합동``), else a 시/군/구 line (``공 주 시``, ``김해시 감사관``), else a
    notice number's issuer (``부천시 공고 제…호``), else an agency word in the title lines."""
    # (a report to a council's session: its committee on the cover hears the report, it issues nothing)
    heard = {c for c in cover if c.strip().endswith("위원회")} if any(_COUNCIL.match(c) for c in cover) else set()
    for c in cover:
        if _is_agency(c) and not _NOT_AGENCY.search(c) and c not in heard:
            return c
    for c in cover:
        # A 시/군/구 alone on the cover (``공 주 시``), or with its office (``김해시 감사관``).
        words = join_spaced_letters(" ".join(c.split())).split()
        if 0 < len(words) <= 2 and _LOCAL.match(words[0]) and _is_institution(words[0]) and all(_OFFICE.match(w) for w in words[1:]):
            return " ".join(words)
    for c in cover[:3]:
        if (m := _NOTICE_NUMBER.search(c)) and _is_institution(m.group("org")):
            return m.group("org")
    for c in cover[:3]:
        if _COUNCIL_BODY.match(c) or _COUNCIL.match(c) or c in heard:
            continue  # a council's committee hears the report, not issues it (``제363회 충청남도의회 임시회 농업경제환경위원회 …``)
        for w in c.split():
            if _AGENCY.match(w) and not _NOT_AGENCY.search(w) and len(w) >= 3:
                return w
    return None


_BODY_NAMED_FOR_PLANS = re.compile(r"[가-힣]*(?:계획|전략)(?:[가-힣]{0,4}위원회|기획(?:과|국|실|팀|단|관))")


def doc_type_of(title: str, cover: Sequence[str], text: str) -> str:
    """plan, work-plan, work-report, budget, bill, law, press-release, rfp, notice or report."""
    head = " ".join(cover)
    squeezed = head.replace(" ", "")
    articles = len(_ARTICLE.findall(text))
    rules: list[tuple[bool, str]] = [
        (re.search(RELEASE_NAME, squeezed) is not None
         or re.search(r"보도\s*(?:시점|일시)|배\s*포\s*일\s*시|엠바고", head) is not None, "press-release"),
        # a council's review of a budget or a bill (``… 세입·세출예산안 심사보고서``, ``… 법률안 검토보고서``) reports on it
        (bool(re.search(rf"{_REVIEW}$", title or "")), "report"),
        # (the 의안번호 box is a table over the title, which the cover leaves out; ``1. 제안이유`` numbered by its style)
        ("의안번호" in squeezed or "의안번호" in "".join(text[:1500].split())
         or bool(re.search(r"^(?:\d{1,2}\s*[.)]\s*|[□○ㅇ]\s*)?제\s*안\s*이\s*유\s*$", text, re.M)), "bill"),
        # a call for proposals, or the statement of work its contract is let on (과업지시서 … as the title: a notice
        # that says ``붙임 과업지시서 참조`` is a notice)
        ("제안요청서" in squeezed or _WORK_ORDER.search((title or "").replace(" ", "")) is not None or bool(re.search(r"\bRFP\b", head)), "rfp"),
        (bool(_LAW_TITLE.match(title)) and articles >= 2, "law"),
        (bool(re.search(r"사업\s*설명\s*자료|예산안|세출|예산\s*개요", title or head)
              or re.search(r"(?:예산서|기금\s*운용\s*계획안?)(?:\s*개요)?$", title or "")), "budget"),
        ("업무보고" in (title or squeezed).replace(" ", ""), "work-report"),
        # ``2022년 국립국어원 업무계획``, and a ministry's ``2024년 주요업무 추진계획``
        (bool(re.search(r"업무(?:추진)?계획", (title or squeezed).replace(" ", ""))), "work-plan"),
        (bool(re.search(r"공고|안내|(?:알림|통지|고시)$", title) or re.search(r"공모|모집", title) and not re.search(r"(?:계획|방안|전략)$", title)
              or re.search(r"공고\s*제\s*[\d-]+\s*호|공고\s*번호", head)
              or re.search(r"고시\s*제\s*[\d-]+\s*호", head) and articles < 5), "notice"),
        # A research institute's brief or report proposes 방안, it is no government's plan.
        (bool(PERIODICAL.search(head) or re.search(r"연구\s*보고서|(?:^|\s)[가-힣]{2,10}연구원(?:\s|$)", head)
              or re.search(r"(?:방안|전략|계획)(?:에\s*관한|\s*마련을\s*위한)?\s*연구$", title)), "report"),  # a study of a plan
        # (a body named for plans makes none: ``도시계획위원회 심의결과 보고``, ``전략기획실``)
        (bool(re.search(r"계획|로드맵|전략|방안", _BODY_NAMED_FOR_PLANS.sub("", title))), "plan"),
        (articles >= 5, "law"),
    ]
    return next((kind for hit, kind in rules if hit), "report")


def extract_metadata(lines: Sequence[str], text: str | None = None, running: frozenset[str] = frozenset()) -> DocMeta:
    """Metadata of a document from its lines (the cover is the first few non-empty ones).

    ``text`` is the whole document when ``lines`` are only its beginning (article counts and a notice's closing
    date and signature use it). ``running``: the lines cleaning dropped as running headers and footers.
    """
    cover = cover_lines(lines)
    title = find_title(cover)
    headers = frozenset(x for x in running if _signed_header(x))
    own = _cover_without(lines, headers) if headers else cover
    if own != cover and own and _candidate(own[0]):
        # A running header that names its issuer over the first page's own title (``2025년 업무계획 해양수산부
        # 어촌어항정책과`` above ``2025년 어촌어항정책 업무계획``) is no part of it; a first page that opens on its
        # text keeps the header as its title, and a header that is only the title (``2025년 주요업무계획`` on every
        # page) is the cover's title.
        title = find_title(own) or title
    elif running and (bare := _cover_without(lines, running)) != cover and len(bare) > 1 and _NOTICE_NUMBER.search(bare[0]) \
            and _candidate(bare[1]):
        # a notice's number and its own title under a running header (``한국수자원환경공단 2026년 상반기 직원 채용
        # 공고`` over ``… 공고 제2026-12호`` / ``2026년 상반기 한국수자원환경공단 신입·경력직원 채용 공고``): that title
        title = find_title(bare) or title
    text = "\n".join(lines) if text is None else text
    doc_type = doc_type_of(title or "", cover, text)
    # A closing date and signature are a notice's, a rule's or a bill's own; anything else may end on an annex's
    # (an attached letter): there they count only when the cover has no date at all, not even a title's year.
    signs_itself = doc_type in ("notice", "law", "bill")
    signed_on, signed_by = _signature(text)
    if signs_itself and signed_on is None:
        signed_on, signed_by = _signature(text, None)
    date_line = next((c for c in map(_clean, lines[:40]) if re.match(r"보도\s*(?:시점|일시)", c)), None)
    date = find_date(date_line) if date_line else None
    if date is None and any(_ADDRESSEE.match(c) for c in cover) and (m := _ENFORCED.search(text)):
        date = find_date(m.group(1))  # a letter's 시행 date
    # a bill's 발의연월일 (or 제출연월일), often in the 의안번호 box's row: not a year its reasons cite (a committee's review
    # of the bill is dated by its own cover)
    if doc_type == "bill":
        date = date or next((d for c in lines[:40] if (m := _BILL_DATE.search(c)) and (d := find_date(m.group(1)))), None)
    # (a signed notice or rule is dated by its signature, not by a field on its cover: ``마감일 : 2025. 1. 31.``)
    fields = not (signed_on and doc_type in ("notice", "law"))
    # (a date alone on its line is the cover's own, before a field's: a review's ``2026. 2.`` over its bill's 제안일자)
    dated = sorted((c for c in cover if _is_date_line(c) and (fields or not _KEY_VALUE.match(c))), key=lambda c: not _BARE_DATE.match(c))
    date = date or next((d for c in dated if (d := find_date(c))), None) or next((d for c in cover if (d := _as_of(c))), None)
    date = date or (signed_on if signs_itself else None) or next((d for c in cover if _may_carry_date(c) and (d := find_date(c))), None)
    # no date on the cover but a year in the title: the year (``2025년 주요업무계획`` → ``2025``)
    # a plan's own year, not a vision's horizon (``2040년 서울도시기본계획``)
    date = date or next((m.group(1) for m in [_TITLE_YEAR.match(title or "")] if m and int(m.group(1)) <= datetime.date.today().year + 1), None)
    signed = signs_itself or not date
    date = date or signed_on
    town, office = _council_report(cover)
    department = _department(lines[:80]) or office
    # a cover signed by a government's head under its date (``2025. 12. 3.`` / ``해송시장``: an answer to its council)
    issuer = (find_issuer(cover) or _signature("\n".join(cover), None)[1] or _release_issuer(cover, title) or _submitter(lines[:40])
              or (signed_by if signed else None)
              # a report to a council is its government's department's (``전라남도 보건복지국``)
              or (town and f"{town} {office}") or department
              # an office alone on the cover (``문화체육관광국``): the part of its government that issues it
              or next((c for c in cover[:4] if _issuing_body(c.split()) and not _NOT_AGENCY.search(c)), None)
              # else a council or its committee (a 심사보고서's ``천안시의회 예산결산특별위원회``)
              or next((c for c in cover if _COUNCIL_BODY.match(c)), None))
    return DocMeta(title, date, issuer, doc_type, department)
