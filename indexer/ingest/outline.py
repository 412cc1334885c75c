"""Generic Korean government outline markers and document-order levels.

``marker_of`` recognises the marker a line starts with (``Ⅰ.``, ``1.``, ``가.``,
``(1)``, ``①``, ``□``, ``ㅇ``, ``-``, ``※`` …) and names its *family*.
``OutlineLevels`` gives each family a depth from the order the document uses
them, not from a fixed table: ``□ › ㅇ › -`` in one plan, ``Ⅰ. › 1. › ○`` in another.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from indexer.segmentation import get_kiwi
from indexer.text import DASH_BULLETS, GOAL_BULLETS, OUTLINE_LETTERS, ROMAN_NUMERALS

__all__ = [
    "QA_LABEL",
    "qa_label",
    "is_slogan",
    "names_speaker",
    "speaker_of",
    "Marker",
    "Node",
    "OutlineLevels",
    "marker_of",
    "role_of",
    "is_generic_label",
    "is_label_value",
    "labels_a_value",
    "totals_a_breakdown",
    "TASK_LABEL",
    "plan_rank",
    "PART_LABEL",
    "REFERENCES",
    "BASIS_LINE",
    "BILL_REASONS",
    "REVIEW_SECTIONS",
    "opens_act",
    "OLD_NEW_TABLE",
    "COST_ESTIMATE",
    "ENCLOSURE",
    "SENTENCE_END",
    "FAQ_QUESTION",
    "FAQ_ANSWER",
    "outline",
    "HEADING_FAMILIES",
    "is_short_title",
]

Role = Literal["heading", "item", "note", "caption"]

_ROMAN_U = ROMAN_NUMERALS
_JAMO = "ㄱㄴㄷㄹㅁㅂㅅㅈㅊㅋㅌㅍㅎ"
_ANNEX = r"(?:붙\s*임|별\s*첨|참\s*고|부\s*록)"

#: A plan's labelled goal or task and its number, a heading's marker: a work report's ``과제 1``, ``핵심과제 2``,
#: ``전략 3``, an evaluation's ``우수사례 ①``, a hearing's ``토론 1. 박은희 (…)``; a performance plan's ``전략목표 Ⅰ.`` ›
#: ``성과목표 Ⅰ-1.`` › ``관리과제 Ⅰ-1-①.`` (bracketed or not).
_PLAN_LABEL = (
    r"(?:(?:전략|성과|정책|세부)\s*목표|(?:주요\s*)?성과|(?:(?:관리|세부|단위|실행|핵심|중점|정책|추진)\s*)?과제|전략"
    r"|(?:우수|모범)\s*사례|(?:지정\s*)?토론|발제)"
)
_PLAN_NUMBER = r"(?:[Ⅰ-Ⅻ]|\d{1,2}|[①-⑳])(?:\s*-\s*(?:[Ⅰ-Ⅻ]|\d{1,2}|[①-⑳])){0,3}"
TASK_LABEL = rf"(?:[\[【]\s*{_PLAN_LABEL}\s*{_PLAN_NUMBER}\s*\.?\s*[\]】]|{_PLAN_LABEL}\s*{_PLAN_NUMBER}\s*\.?)"
# The label words a work report numbers its tasks with, one level as before; any other label (``전략목표``,
# ``성과목표``, ``관리과제`` …) is a level of its own, so a performance plan's goals and tasks nest by document order.
_TASK_WORDS = frozenset({"과제", "핵심과제", "중점과제", "정책과제", "추진과제", "전략"})
_LABEL_WORD = re.compile(_PLAN_LABEL)
# A plan's label and its number after a numbering marker (``(1) 관리과제 Ⅲ-1-① : …``, ``1. 성과목표 Ⅲ-1 : …``).
_NUMBERED_LABEL = re.compile(rf"(?P<m>{_PLAN_LABEL}\s*{_PLAN_NUMBER})\s*(?::|：|\s|$)")
# How a performance plan's labels nest, outermost first: ``전략목표`` › ``성과목표`` › ``관리과제`` › ``세부과제``.
_PLAN_RANKS = {"전략목표": 0, "정책목표": 0, "성과목표": 1, "관리과제": 2, "단위과제": 2, "세부목표": 2, "세부과제": 3, "실행과제": 3}


def plan_rank(level: str) -> int | None:
    """Where a labelled level (``labelled.관리과제``) sits among a plan's labels; None for any other level."""
    family, _, word = level.partition(".")
    return _PLAN_RANKS.get(word) if family == "labelled" else None
#: A report's parts named by a word alone on their line; the references' part holds no text of the report's own.
PART_LABEL = r"요\s*약|서\s*론|결\s*론|참\s*고\s*문\s*헌|(?i:abstract|summary|executive\s+summary|references|bibliography)"
REFERENCES = re.compile(r"^[\[【<〈(]?\s*(?:참\s*고\s*문\s*헌|references|bibliography)\s*[\]】>〉)]?$", re.IGNORECASE)
#: A bill's reasons heading (``제안이유``, ``제안이유 및 주요내용``), a heading of its own.
BILL_REASONS = r"제안\s*이유(?:\s*(?:및|와)\s*주요\s*내용)?"
#: A committee review's own sections (``관계기관 의견``, ``검토의견``, ``종합의견``), headings of their own.
REVIEW_SECTIONS = r"(?:관계\s*(?:기관|부처)|검토|종합)\s*의견"
#: The title of the act a bill amends, as its text opens (``농지법 일부개정법률``, a council's ``…일부개정조례안``): the
#: amended act's name (ending in 법, 령, 규칙 or 조례), 일부개정/전부개정 and the kind of act. A heading only right
#: over the drafting formula (:func:`opens_act`): a plan's ``○ 농지법 일부개정법률`` is a goal.
_ACT_TITLE = r"[가-힣A-Za-z0-9「][^.。!?:]{0,60}?(?:법|법률|령|규칙|조례)\s*(?:일부|전부)\s*개정\s*(?:법률|조례|규칙|령)(?:\s*\(?안\)?)?"
#: ``농지법 일부를 다음과 같이 개정한다.``: the sentence that opens an amending act's text.
_DRAFTING_FORMULA = r".{1,80}?(?:일부|전부)를\s*다음과\s*같이\s*개정한다\.?"
# A letter's or notice's list of enclosures (``붙임 1. 공모 신청서 1부.``, ``붙임 2. 사업계획서 1부. 끝.``): it
# names papers sent along, no annex that follows, and answers nothing.
ENCLOSURE = r"붙\s*임\s*\d{0,2}\s*[.)]?\s+[^\n]{1,80}?\d+\s*부\s*\.?(?:\s*끝\s*\.?)?"
#: A bill's comparison of the current and amended text (``신ㆍ구조문대비표``, ``< 신・구조문대조표 >``, after the
#: bill's name or not), a part of its own.
OLD_NEW_TABLE = r"(?:[<‹〈《]\s*)?(?:[^<>‹›〈〉《》]{1,60}?\s)?신\s*[ㆍ·・∙‧]?\s*구\s*조\s*문\s*대\s*[비조]\s*표(?:\s*[>›〉》])?"
_ACT_TITLE_LINE = re.compile(f"^(?:{_ACT_TITLE})$")
_DRAFTING_LINE = re.compile(f"^(?:{_DRAFTING_FORMULA})$")


#: The name of an act a bill enacts (``이천시 농촌 교통소외지역 행복택시 운영 조례``) alone on its line, and the first
#: article under it: where a bill that enacts rather than amends begins its text.
_ENACTED_TITLE_LINE = re.compile(r"^[가-힣A-Za-z0-9「][^.。!?:()]{0,60}?(?:법|법률|령|규칙|조례)안?$")
_FIRST_ARTICLE = re.compile(r"^제\s*1\s*조\s*\(")
#: A bill's cost estimate (``비용추계서``, or the statement of why it has none), a part of its own after the act's text.
COST_ESTIMATE = re.compile(r"^[<‹〈《\[]?\s*비\s*용\s*추\s*계\s*서(?:\s*미\s*첨\s*부\s*사\s*유\s*서)?\s*[>›〉》\]]?$")


def opens_act(line: str, next_line: str) -> bool:
    """Whether ``line`` is an amending act's title right over its drafting formula (``농지법 일부개정법률`` /
    ``농지법 일부를 다음과 같이 개정한다.``), or the name of the act a bill enacts right over its first article
    (``… 행복택시 운영 조례`` / ``제1조(목적) …``): where a bill's text begins."""
    if _ACT_TITLE_LINE.match(line) is not None:
        return _DRAFTING_LINE.match(next_line) is not None
    return _ENACTED_TITLE_LINE.match(line) is not None and _FIRST_ARTICLE.match(next_line) is not None
#: An FAQ's question (``Q1. 입주자격은?``, ``문. …``) and the answer under it (``A. …``, ``답. …``): each a line
#: of its own, never a title; the answer joins its question's passage.
FAQ_QUESTION = r"(?:Q|질문|문)\s*\d{0,3}\s*[.):]\s"
FAQ_ANSWER = r"(?:A|답변|답)\s*\d{0,3}\s*[.):]\s"
#: A statistics release's basis line, ``(총투자 기준)``: alone on its line, a heading of its own family
#: (``basis``), placed by document order like any marker. Not a unit note (``(단위: 억원, 본예산 기준)``).
BASIS_LINE = r"\((?![^()]*단\s*위)(?=[^()\d]*[가-힣])[^()\d:：]{1,20}\s*기준\s*\)"
# (family, pattern); the pattern's group "m" is the marker, the rest of the line follows.
# Order matters: more specific patterns first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ``요 약``, ``서론``, ``참고문헌``, ``[References]`` alone on a line: a part of a report, right under the open
    # chapter or part, else at the top (structure places it).
    ("part-label", re.compile(rf"(?P<m>[\[【<〈(]?\s*(?:{PART_LABEL})\s*[\]】>〉)]?)$")),
    ("part", re.compile(r"(?P<m>제\s*\d+\s*[편부])(?=\s|$|\()")),
    ("chapter", re.compile(r"(?P<m>제\s*\d+\s*장)(?=\s|$|\()")),
    ("section", re.compile(r"(?P<m>제\s*\d+\s*절)(?=\s|$|\()")),
    ("article", re.compile(r"(?P<m>제\s*\d+\s*조(?:의\s*\d+)?)(?=\s|$|\()")),
    # ``<표 1> 유형별 현황``, ``[그림 2] 추이``, ``〈표 3-1〉 …``: the title of a table or figure, never a heading.
    ("caption", re.compile(
        r"(?P<m>[<〈‹《]\s*(?:표|그림|도표)\s*(?:\d+[.\-])*\d*\s*[>〉›》]|[\[【]\s*(?:표|그림|도표)\s*(?:\d+[.\-])*\d*\s*[\]】])"
    )),
    # ``과제 1 AI 일상화로 국민 삶의 질 제고``, ``전략 2 …``, ``[성과목표 Ⅰ-1] …``: a plan's numbered goal or task.
    ("labelled", re.compile(rf"(?P<m>{TASK_LABEL})(?=\s+[가-힣A-Za-z(「])")),
    # ``<부록 1>`` too, but not ``< 참고 > …``: a box's title, the caption of the table under it.
    ("annex", re.compile(
        rf"(?P<m>[\[【]\s*{_ANNEX}\s*\d*\s*[\]】]|[<〈‹《]\s*(?:붙\s*임|별\s*첨|부\s*록)\s*\d*\s*[>〉›》]"
        # a rule's schedule or form (``[별표 1]``, ``[별지 제3호서식]``), not one cited in a line (``[별표 1]의 단가``)
        rf"|[\[【<〈]\s*별\s*(?:표|지)\s*(?:제\s*)?\d*(?:\s*호\s*서식)?\s*[\]】>〉](?=\s|$)"
        rf"|[\[【<〈]\s*서\s*식\s*(?:제\s*)?\d*\s*(?:호)?\s*[\]】>〉](?=\s|$)"  # a notice's form (``[서식 1]``)
        rf"|{_ANNEX}\s*\d*\.?(?=\s|$)|(?i:appendix)\s*\d*\.?(?=\s|$))"
    )),
    ("bracket", re.compile(r"(?P<m>【[^】]{1,40}】|\[(?![A-Z]+\]|\^)[^\]]{1,40}\])")),  # not a note ``[^1]``
    # A statistics release's basis line alone, over the tables it qualifies: ``(총투자 기준)`` then the
    # same tables ``(순투자 기준)``. Not a dated note (``(’22.1.1. 기준)``), which stays with its table.
    ("basis", re.compile(rf"(?P<m>{BASIS_LINE})\s*$")),
    ("roman", re.compile(rf"(?P<m>[{_ROMAN_U}]\s*\.?|(?:I{{1,3}}|IV|VI{{0,3}}|IX|X)\s*\.)(?=\s|\S)")),
    # ``2.1 생활서비스 접근성``, ``2.2.1 …``: a report's decimal section numbers.
    ("arabic-decimal", re.compile(r"(?P<m>\d{1,2}(?:\.\d{1,2}){1,3}\.?)(?=\s+[가-힣A-Za-z(])")),
    ("arabic-sub", re.compile(r"(?P<m>\d{1,2}(?:\s*-\s*\d{1,2}){1,2}\s*\.?)(?=\s)")),
    ("arabic-dot", re.compile(r"(?P<m>\d{1,2}\s*\.)(?![\d)）~∼.])")),  # not ``1.)`` / ``3.~``: a wrapped date
    ("hangul-dot", re.compile(rf"(?P<m>[{OUTLINE_LETTERS}]\s*\.)(?=\s)")),
    ("jamo-dot", re.compile(rf"(?P<m>[{_JAMO}]\s*\.)(?=\s)")),
    ("arabic-paren", re.compile(r"(?P<m>\d{1,2}\))(?=\s)")),
    ("hangul-paren", re.compile(rf"(?P<m>[{OUTLINE_LETTERS}]\))(?=\s)")),
    ("arabic-parens", re.compile(r"(?P<m>\(\s*\d{1,2}\s*\)|[⑴-⒇])(?=\s)")),  # (1) and its one-glyph ⑴
    ("hangul-parens", re.compile(rf"(?P<m>\(\s*[{OUTLINE_LETTERS}]\s*\))(?=\s)")),
    ("roman-parens", re.compile(r"(?P<m>\((?:i{1,3}|iv|vi{0,3}|ix|x)\))(?=\s)")),
    ("circled", re.compile(r"(?P<m>[①-⑳➀-➉])")),
    # ``❶ 청년 일자리 확대``: dark circled numbers, a level of their own; like ① they title a section only
    # with something other than their siblings under it (structure's ``_titles_a_section``).
    ("circled-dark", re.compile(r"(?P<m>[❶-❿➊-➓⓫-⓴])")),
    ("circled-hangul", re.compile(r"(?P<m>[㉮-㉻㉠-㉭])")),
    ("pua", re.compile(r"(?P<m>[\ue000-\uf8ff\U000f0000-\U000ffffd])(?=\s)")),
    ("arabic-bare", re.compile(r"(?P<m>\d{1,2})(?=\s+\S*[가-힣])")),
    ("square", re.compile(r"(?P<m>□)")),
    ("black-square", re.compile(r"(?P<m>■)")),
    ("circle", re.compile(r"(?P<m>[○ㅇ◯])")),
    ("small-circle", re.compile(r"(?P<m>◦)")),
    ("ring", re.compile(r"(?P<m>❍)")),
    ("dot", re.compile(r"(?P<m>[●•⦁◉⊙])")),
    ("diamond", re.compile(r"(?P<m>[◆◇◈♦])")),
    ("small-square", re.compile(r"(?P<m>[▪▫])")),
    ("triangle", re.compile(r"(?P<m>[‣▶▷►▸▹△▲▴➢➤])")),
    ("dash", re.compile(r"(?P<m>[-–—])(?![-\d])")),
    ("middot", re.compile(r"(?P<m>[·ㆍ∙])")),
    ("note", re.compile(r"(?P<m>※|\*{1,3})")),
    ("caption", re.compile(r"(?P<m><[^<>]{1,60}>|〈[^〈〉]{1,60}〉)\s*$")),
]
#: Families whose short, non-sentence lines are section headings.
HEADING_FAMILIES = frozenset(
    "part-label part chapter section annex bracket roman arabic-decimal arabic-sub arabic-dot hangul-dot arabic-paren "
    "hangul-paren arabic-parens hangul-parens roman-parens pua arabic-bare labelled square black-square box basis lost1 lost2".split()
)
# Families only trusted as headings (never items): a long "1 ..." is a table row, not an item.
_HEADING_ONLY = frozenset({"arabic-bare", "labelled", "box", "annex", "bracket", "basis", "part-label"})
# A sentence's end for an outline line (``…다.``, ``…함``, ``…없음``, ``…임``); a note mark may follow. The
# structure's heading ranks use a laxer rule of their own (a numbered ``2. 사회적 책임`` is a heading).
SENTENCE_END = re.compile(r"(?:[.。!?]|다|함|음|됨|임)\s*[\"”’'」』)]?\s*(?:\[\^[^\]]{1,8}\]\s*)*$")
MAX_HEADING_CHARS = 60
_PAGE_FOOTER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
_LOST = re.compile(r"^( {1,2})(?=[^\s|])")
#: Hollow diamonds and arrows, a level of their own under the solid ones (:attr:`Marker.level`).
_HOLLOW = frozenset("◇▷△")
#: Families placed under the deepest open heading instead of by document order (unmarked titles).
FLOATING_FAMILIES = frozenset({"box"})
#: Families that always start at depth 0 (annexes restart the document's structure).
ROOT_FAMILIES = frozenset({"annex"})


@dataclass(frozen=True)
class Marker:
    """``family`` (e.g. ``"hangul-dot"``), the ``marker`` as written (``"가."``) and the ``rest``."""

    family: str
    marker: str
    rest: str

    @property
    def level(self) -> str:
        """The key its depth is placed by: the family, and for decimal and hyphenated section numbers
        their number of parts, so ``2.2.1`` nests under ``2.1`` and ``1-1-1.`` under ``1-1.``."""
        if self.family == "labelled":
            m = _LABEL_WORD.search(self.marker)
            word = m.group(0).replace(" ", "") if m else ""
            if word not in _TASK_WORDS:
                return f"{self.family}.{word}"
            parts = self.marker.count("-") + 1  # ``과제 1-1`` under ``전략 1``
            return self.family if parts == 1 else f"{self.family}.{parts}"
        if self.family in ("diamond", "triangle"):
            # ``◆`` over ``◇``, ``▶`` over ``▷``: a plan nests the hollow glyph under the solid one
            return f"{self.family}.open" if self.marker in _HOLLOW else self.family
        if self.family == "arabic-decimal":
            parts = self.marker.rstrip(".").count(".") + 1
        elif self.family == "arabic-sub":
            parts = self.marker.count("-") + 1
        else:
            return self.family
        return self.family if parts == 2 else f"{self.family}.{parts}"

    @property
    def ordinal(self) -> int | None:
        """The place a numbered marker holds in its list (``3.`` → 3, ``다)`` → 3, ``③`` → 3), None for a bullet."""
        if m := re.search(r"\d+", self.marker):
            return int(m.group(0)) if self.family not in ("arabic-decimal", "arabic-sub") else None
        if m := re.search(f"[{OUTLINE_LETTERS}]", self.marker):
            return OUTLINE_LETTERS.index(m.group(0)) + 1
        if m := re.search("[①-⑳]", self.marker):
            return ord(m.group(0)) - ord("①") + 1
        return None


@dataclass(frozen=True)
class Node:
    """One marked line placed in the outline; ``parent`` is the index of the enclosing node."""

    index: int
    depth: int
    role: Role
    marker: Marker
    parent: int | None


def marker_of(line: str, boxed: bool = False, lost_glyph: bool = False) -> Marker | None:
    """The marker ``line`` starts with, or None.

    ``boxed``: the line is the title of a one-row title box (family ``box``).
    ``lost_glyph``: an unmarked raw line indented by one or two spaces had a bullet
    the extractor dropped (HWP private-use glyphs); family ``lost1``/``lost2``.
    """
    text = line.strip()
    if not text or _PAGE_FOOTER.match(text):
        return None
    for family, pat in _PATTERNS:
        m = pat.match(text)
        if m:
            rest = text[m.end() :].strip()
            if family == "arabic-bare" and not (is_short_title(rest) or is_slogan(rest)):
                continue
            if family == "roman" and not rest and not m.group("m").endswith("."):
                continue
            if family != "labelled" and (lm := _NUMBERED_LABEL.match(rest)):
                # ``(1) 관리과제 Ⅲ-1-① : …``: a performance report numbers its tasks too; the label is the level (its
                # goals keep their numbering's: ``1. 성과목표 Ⅲ-1`` has ``2. 성과목표 예산 집행 실적`` beside it)
                task = Marker("labelled", lm.group("m").strip(), rest[lm.end() :].strip())
                if (plan_rank(task.level) or 0) >= 2:
                    return task
            return Marker(family, m.group("m").strip(), rest)
    if boxed and is_short_title(text):
        return Marker("box", "", text)
    if lost_glyph and (m := _LOST.match(line)):
        return Marker(f"lost{len(m.group(1))}", "", text)
    return None


def is_short_title(text: str) -> bool:
    """A heading's text: 1–60 characters that do not end a sentence. A last word that only looks like an ending is a
    noun (``건강하고 안전한 바다``, ``함께하는 마음``, ``주민 모임``), as Kiwi reads it."""
    return 0 < len(text) <= MAX_HEADING_CHARS and (not SENTENCE_END.search(text) or _ends_on_noun(text))


# A lead-in to what follows (``지원 금액은 아래와 같습니다``), no title.
_LEAD_IN = re.compile(r"(?:다음|아래)(?:과|와)\s*같")


def is_slogan(text: str) -> bool:
    """A task's title as a slogan in the polite form (``학교는 교육에 집중합니다``): a plan states its own lines in 함
    and 임, so a short line in 니다 under a number titles what follows."""
    return len(text) <= 30 and text.endswith("니다") and _LEAD_IN.search(text) is None


@functools.lru_cache(maxsize=4096)
def _ends_on_noun(text: str) -> bool:
    if not text[-1:].isalpha():
        return False  # ``… 추진함.``: a full stop ends a sentence
    tokens = get_kiwi().tokenize(text)
    return bool(tokens) and tokens[-1].tag in ("NNG", "NNP") and tokens[-1].start + tokens[-1].len == len(text.rstrip())


_LABEL_HEAD = r"(?:세부|주요|핵심|향후|추진|사업|기대|운영|개선|정책|기본|종합|그간|총괄|보고)\s*"
_LABEL_NOUN = (
    r"(?:내용|계획|현황|효과|방향|경과|목표|배경|개요|실적|성과|사항|방안|과제|문제점|일정|근거|필요성|목적|방법|대상|요약"
    r"|메시지|결론|시사점|요지|전략)"
)
# ``추진내용``, ``세부 추진계획``, ``기대효과``, ``추진 배경 및 목적``: a label any plan's task may carry, naming no task.
_GENERIC_LABEL = re.compile(rf"(?:{_LABEL_HEAD})*{_LABEL_NOUN}(?:\s*(?:및|·|,)\s*(?:{_LABEL_HEAD})*{_LABEL_NOUN})*")


#: The family a written answer's unmarked label (``질 의``, ``답 변``) is placed as, beside its kind (:func:`qa_label`).
QA_LABEL = "qa-label"
_QUESTION_LABEL = re.compile(r"질[문의](?:요지|내용|사항)?(?:\([^()]{0,20}\))?")
_ANSWER_LABEL = re.compile(r"답변(?:요지|내용|사항)?(?:\([^()]{0,20}\))?")
_LABEL_NOISE = re.compile(r"[\s<>〈〉《》【】\[\]]")


def qa_label(line: str) -> str | None:
    """``"question"`` or ``"answer"`` for a written answer's label line (시정질문 답변서, 국정감사 서면답변): ``□ 질문 요지``,
    ``질의 내용``, ``질 의 (김민서 위원)``, ``□ 답변``, ``【답 변】``, read without outline marker, spaces and brackets;
    else None."""
    label = _LABEL_NOISE.sub("", (mk.rest or mk.marker) if (mk := marker_of(line)) else line)
    return "question" if _QUESTION_LABEL.fullmatch(label) else "answer" if _ANSWER_LABEL.fullmatch(label) else None


#: Who speaks in minutes (회의록): a role and a name (``○위원장 정영수``, ``○일자리정책과장 오세진``, ``○박상훈 위원``).
_ROLES = (r"(?:위원장|위원|의원|의장|부의장|국장|과장|실장|청장|본부장|시장|군수|구청장|지사|교육감|장관|차관|전문위원|담당관|소장"
          r"|센터장|원장|단장|사장|이사장|참고인|진술인)")
_SPEAKER = re.compile(
    rf"^[○◯](?:(?P<pre>[가-힣·]{{0,14}}?)(?P<role>{_ROLES})\s*(?P<after>[가-힣]{{3}})|(?P<before>[가-힣]{{3}})\s*(?P<post>{_ROLES}))$"
)
#: The surnames a speaker's name opens on (three syllables, as nearly every Korean name is): a role's word after the
#: bullet is no name (``○ 위원 구성``, ``○시장 동향``, ``○청장 지시사항``).
_SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민류나진지엄채원천방공현함"
                      "변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부")
Speaker = Literal["member", "chair", "official"]


def speaker_of(line: str) -> Speaker | None:
    """Who speaks next in minutes, named on a line of its own (what they say follows): a role and a name, the bullet
    right against them as minutes print it. ``member`` asks (``○박상훈 위원``, ``○위원 김민서``), the ``chair`` gives the
    floor (``○위원장 정영수``, ``○의장 …``), an ``official`` answers (``○경제국장 강태호``, ``○전문위원 임상철``); None for a
    plan's bullet (``○ 위원 구성``)."""
    m = _SPEAKER.match(line.strip())
    if m is None or (m.group("after") or m.group("before"))[0] not in _SURNAMES:
        return None
    if m.group("post") in ("위원", "의원") or not m.group("pre") and m.group("role") in ("위원", "의원"):
        return "member"
    return "chair" if not m.group("pre") and m.group("role") in ("위원장", "의장", "부의장") else "official"


def names_speaker(line: str) -> bool:
    """A line of minutes that names who speaks next (:func:`speaker_of`)."""
    return speaker_of(line) is not None


def is_generic_label(text: str) -> bool:
    """Whether ``text`` only names a part of a plan's task (``추진내용``, ``핵심 요약``), not the task."""
    return _GENERIC_LABEL.fullmatch(" ".join(text.split())) is not None


# Numbering families whose ``label : value`` line (``3) 사업금액 : ￦19,209,180,000``) is an item with its
# value, not a heading; a box (``□ 국어 말뭉치 구축: 30억원``) stays a heading that says what it costs.
_NUMBERED = frozenset({"arabic-dot", "hangul-dot", "jamo-dot", "arabic-paren", "hangul-paren", "arabic-parens", "hangul-parens"})
# The label has no parentheses: ``분기별 동향 (단위 : 억불)`` is a unit note.
_LABEL_VALUE = re.compile(r"^(?P<label>[^():：]{1,20}?)\s*[:：]\s*(?P<value>\S.*)$")
# What an RFP's or a budget sheet's overview lists, one field a line (``사 업 명 : …``, ``사업기간 : …``).
_FIELDS = re.compile(
    r"^(?:사업|과제|계약|추진|소요|총)?\s*(?:명|명칭|기간|금액|예산|규모|방법|방식|기관|주체|대상|장소|"
    r"목적|내용|사업비|비용|담당|담당자|연락처|발주기관|수요기관|주관기관|"
    r"관계법령|관련법령|예산조치|입법예고)$"  # a bill's 참고사항
)
_VALUE_LIKE = re.compile(r"[\d￦₩$]")


def _label_value(marker: Marker) -> re.Match[str] | None:
    return _LABEL_VALUE.match(marker.rest) if marker.family in _NUMBERED else None


# A sibling in an open list of fields may qualify its label once (``4) 청소년문화의집 건립(토지 매입 및 건물 신축) : …``).
_QUALIFIED_LABEL_VALUE = re.compile(r"^(?P<label>[^():：]{1,24}\([^()]{1,24}\)[^():：]{0,8}?)\s*[:：]\s*(?P<value>\S.*)$")


def is_label_value(marker: Marker) -> bool:
    """A numbered line shaped ``label : value`` (the label short, with at most one parenthesis in it)."""
    return _label_value(marker) is not None or (marker.family in _NUMBERED and _QUALIFIED_LABEL_VALUE.match(marker.rest) is not None)


def labels_a_value(marker: Marker) -> bool:
    """``3) 사업금액 : ￦19,209,180,000``: a numbered ``label : value`` line, an item however short.

    The value has a figure (an amount, a date, a period) or the label is a field of a project
    overview (사업명, 계약방법 …); ``1. 비전: 국민과 함께하는 디지털 정부`` stays a heading. (A line of
    the same shape right after such an item is its sibling in a list of fields: see structure.)"""
    m = _label_value(marker)
    if m is None:
        return False
    return bool(_VALUE_LIKE.search(m.group("value"))) or bool(_FIELDS.match("".join(m.group("label").split())))


# A value that is a sum of money and nothing more (``26,520백만원``, ``금 450억원``, ``1,680백만원(국비)``).
# A sum in Korean units is one too (``20억 6천만원``, ``1조 2,340억원``).
_SUM = re.compile(r"^(?:금\s*)?[\d,.]+\s*(?:(?:조|억|천만|백만|만|천)(?:\s*[\d,.]+\s*(?:억|천만|백만|만|천))*)?\s*원(?:\s*\([^()]{0,20}\))?$")
# What opens the lines of a breakdown: a bullet, ``ㅇ`` or a dash.
_BREAKDOWN_LINE = re.compile("^(?:[" + re.escape(GOAL_BULLETS + DASH_BULLETS) + "]|ㅇ)\\s")


def totals_a_breakdown(marker: Marker, next_line: str) -> bool:
    """``(2) 프로젝트형 : 26,520백만원`` over ``○ 참여수당 : 20,000명 × 1,100천원 = 22,000백만원``: a numbered line
    whose value is only a sum of money, with bulleted lines right under it, heads those lines (a budget
    explanation's 산출근거 gives each part's total, then how it is reckoned). As an item beside them it left
    ``○ 참여수당 …`` saying nothing of the part it prices; an item with no bullets under it stays an item."""
    m = _label_value(marker)
    return m is not None and _SUM.match(m.group("value").strip()) is not None and _BREAKDOWN_LINE.match(next_line) is not None


def role_of(marker: Marker) -> Role:
    """Heading (short title of a heading family), note (``※``/``*``), caption (``<표 제목>``) or item."""
    if marker.family == "note":
        return "note"
    if marker.family == "caption":
        return "caption"
    if labels_a_value(marker):
        return "item"
    if marker.family in HEADING_FAMILIES and (is_short_title(marker.rest) or not marker.rest):
        return "heading"
    return "heading" if marker.family in _HEADING_ONLY else "item"


class OutlineLevels:
    """Depths from document order: a new family nests under the open ones; a seen one pops back.

    ``above`` remembers, for each family, the families it has been nested under, so a
    family that reappears outside the open path still lands above the ones it used to
    contain. A family first used at depth 0 always returns to depth 0.
    """

    def __init__(self) -> None:
        """An empty outline: nothing open, nothing seen."""
        self.stack: list[str] = []
        self.above: dict[str, set[str]] = {}
        self.roots: set[str] = set()

    def forget(self, levels: "Iterable[str]") -> None:
        """Forget where ``levels`` were placed, as if unused so far: the next one nests by document order again."""
        for level in levels:
            self.roots.discard(level)
            self.above.pop(level, None)
            for seen in self.above.values():
                seen.discard(level)

    def close(self, depth: int) -> None:
        """Close the open families from ``depth`` down, as if their sections had ended."""
        del self.stack[depth:]

    def depth(self, family: str) -> int:
        """Place one occurrence of ``family``; returns its depth and updates the open path."""
        if family in self.stack and family not in self.roots:
            del self.stack[self.stack.index(family) :]
        elif family in FLOATING_FAMILIES:
            while self.stack and self.stack[-1].partition(".")[0] not in HEADING_FAMILIES:
                self.stack.pop()
            self.stack.append(family)
            return len(self.stack) - 1
        elif family in self.roots or family in ROOT_FAMILIES:
            self.stack = []
        else:
            while self.stack and family in self.above.get(self.stack[-1], set()):
                self.stack.pop()
        if not self.stack and family not in self.above:
            self.roots.add(family)
        self.above.setdefault(family, set()).update(self.stack)
        self.stack.append(family)
        return len(self.stack) - 1


def outline(lines: Iterable[str | tuple[str, bool]], lost_glyph: bool = False) -> list[Node]:
    """Nodes for the marked lines of a document (unmarked lines are skipped).

    Items are ``(line, boxed)`` pairs or plain lines. Notes and captions do not
    open a level: a note hangs under the previous node, a caption at the next depth.
    """
    levels = OutlineLevels()
    out: list[Node] = []
    path: list[int] = []  # node index per depth
    for i, entry in enumerate(lines):
        line, boxed = entry if isinstance(entry, tuple) else (entry, False)
        mk = marker_of(line, boxed, lost_glyph)
        if mk is None:
            continue
        role = role_of(mk)
        if role in ("note", "caption"):
            owner = next((n for n in reversed(out) if n.role != "note"), None) if role == "note" else None
            parent = owner.index if owner else (path[-1] if path else None)
            out.append(Node(i, owner.depth + 1 if owner else len(path), role, mk, parent))
            continue
        depth = levels.depth(mk.level)
        del path[depth:]
        out.append(Node(i, depth, role, mk, path[-1] if path else None))
        path.append(i)
    return out
