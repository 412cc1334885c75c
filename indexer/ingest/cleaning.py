"""Cleaning: raw pages → one clean text of logical lines, with page numbers.

What real inputs need (see ``corpus/``):

* Unicode NFC, no zero-width characters, BOMs or soft hyphens.
* Scraper and layout noise dropped: ``• 검색 결과가 없습니다.``,
  ``문서에서 중기지방재정계획 (페이지 155-162)``, ``관련 문서``, bare page
  numbers (``150``, ``- 1 -``) — the latter recorded as page boundaries.
* Lines broken by wrapping or page breaks rejoined into one logical line:
  ``…추진하기 위한`` / ``150`` / ``-사업비 지원과 …`` is one sentence, and
  ``필요`` / ``한 나이이나`` becomes ``필요한 나이이나`` (Kiwi's spacing model
  decides whether the join takes a space).

A *logical line* starts at a structural marker (``○``, ``-``, ``가.``,
``제3조`` …) or after a line that ends a sentence; the structure stage splits
it further (several ``○`` goals on one line are separate goals).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from indexer.ingest.outline import (
    BASIS_LINE,
    BILL_REASONS,
    ENCLOSURE,
    FAQ_ANSWER,
    FAQ_QUESTION,
    OLD_NEW_TABLE,
    PART_LABEL,
    REVIEW_SECTIONS,
    TASK_LABEL,
    is_short_title,
    marker_of,
    names_speaker,
    opens_act,
    qa_label,
    role_of,
)
from indexer.records import PageSpan
from indexer.segmentation import ends_adnominal, ends_in_genitive, ends_open, names_only, needs_space_at_join, states_topic
from indexer.text import (
    COVER_DATE,
    OUTLINE_LETTERS,
    ROMAN_NUMERALS,
    drop_zero_width,
    is_spaced_title,
    join_spaced_letters,
    object_particle_at,
)

__all__ = ["Line", "CleanDocument", "clean_pages", "normalize_text", "is_noise_line", "page_number_of", "RELEASE_MASTHEAD", "RELEASE_NAME"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Control characters some PDFs put between words (``\x07``) are spaces; private-use
# glyphs (HWP bullets the reader could not map) carry no text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Lines that are logical lines of their own, never joined to a neighbour:
# Markdown table rows (``| a | b |``) and notes (``[^1]: …``).
# The readers' placeholder for a picture.
_IMAGE = re.compile(r"\[IMAGE\]")
#: A contents entry's page reference (``Ⅷ. 결론 및 건의 ··· 9``): nothing after it is the same line's.
_PAGE_REFERENCE_END = re.compile(r"[·.…‥ㆍ∙・]{2,}\s*\d{1,3}$")
# Table rows, note definitions and a table of contents' title (``목 차``) are lines of their own.
# (a contents title may have a word before it: ``보고 순서``, ``발표 목차``, never run into the cover line above it)
_OWN_LINE = re.compile(
    r"^(?:\|.*|\[\^[^\]]{1,8}\]:.*|[\[【<(]?\s*(?:(?:[가-힣]\s*[가-힣]\s*)?(?:목\s*차|차\s*례|순\s*서)|[Cc]ontents|CONTENTS)\s*[\]】>)]?)$"
)

# A press release's masthead lines (``보도자료``, ``보도시점 2025. 3. 14.(금) 11:00 배포 …``, ``엠바고 …``):
# read by the metadata from the raw lines, no text of their own.
_RELEASE_FIELD = re.compile(
    r"^\s*(?:(?:보도\s*(?:시점|일시)|배\s*포|엠바고)\s*[:：]?\s*"
    r"(?:(?:19|20)\d{2}\s*[.\-/년]|\d{1,2}\s*[.월/]\s*\d{1,2}|(?:배\s*포\s*)?즉시|배\s*포\s*시\s*(?=$|\(|보도)|\().*)\s*$"
)
# A press release's masthead: ``보도자료``, ``농림축산식품부 보도자료``, ``LH 보도자료``, ``[보도참고자료]``, ``보도설명자료``,
# ``보 도 자 료 (배포 즉시 보도)``, and a masthead box's row read as a line (``보 도 자 료 통계청``, ``보도자료 2025. 4. 2.(수) 배포``).
#: What a press release calls itself (``보도자료``, ``보 도 참 고 자 료``, ``보도설명자료``, ``보도해명자료``).
RELEASE_NAME = r"보\s*도\s*(?:(?:참\s*고|설\s*명|해\s*명)\s*)?자\s*료"
RELEASE_MASTHEAD = re.compile(
    r"^\s*[\[【<]?\s*(?:[가-힣A-Za-z·ㆍ&\-]{1,20}\s+){0,2}" + RELEASE_NAME + r"\s*[\]】>]?"
    r"(?:\s+[가-힣A-Za-z·ㆍ&]{1,18}(?:청|부|처|원|위원회|시|도|군|구|공사|공단|센터|실|국|과)){0,2}"
    # a masthead box's first row beside its release date (``보도자료 | 2025. 4. 2.(수) 배포``, ``… 10:00 보도``)
    r"(?:\s+(?:19|20)\d{2}\s*\.\s*\d{1,2}\s*\.(?:\s*\d{1,2}\s*\.)?\s*(?:\([월화수목금토일]\))?\s*(?:\d{1,2}:\d{2})?\s*(?:배\s*포|보\s*도)?)?"
    r"\s*(?:[(<\[【].{0,60})?$"
)
_MASTHEAD_LINES = 15  # the masthead sits on top of the first page
# Lines a document site or viewer adds around the real text.
_NOISE = [
    re.compile(r"^\s*[-–—]\s*(?:[ivxlc]{1,6}|[IVXLC]{1,6})\s*[-–—]\s*$"),  # a front-matter page number: - ii -
    re.compile(r"^[•·▶▷►]?\s*검색\s*결과가\s*없습니다\.?$"),
    re.compile(r"^문서에서\s+.+\(\s*페이지\s*[\d\s\-–~,]+\)$"),
    re.compile(r"^관련\s*문서\s*\d*$"),
    re.compile(r"^(본문\s*바로가기|목차\s*바로가기|맨\s*위로|top|TOP|이전\s*페이지|다음\s*페이지|인쇄하기|목록)$"),
    re.compile(r"^(copyright|Copyright|COPYRIGHT|ⓒ|©).{0,120}$"),
    re.compile(r"^무단\s*(전재|복제).{0,80}$"),
    # A bill's promulgation number, a blank form field until the act is promulgated: ``법률 제   호``.
    re.compile(r"^(?:법률|대통령령|총리령|[가-힣]{1,12}부령|[가-힣○ ]{1,24}(?:조례|규칙))\s*제\s*(?:○+\s*)?호$"),
]
_SCRAPED_TITLE = re.compile(r"^문서에서\s+(?P<title>.+?)\s*\(\s*페이지\s*[\d\s\-–~,]+\)$")

# Printed page numbers: "150", "- 3 -", "— 12 —", "3 / 40", "p. 7", "페이지 7".
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*(?P<a>\d{1,4})\s*[-–—]|(?P<b>\d{1,4})|(?P<c>\d{1,4})\s*/\s*\d{1,4}|(?:p\.?|페이지)\s*(?P<d>\d{1,4}))$",
    re.IGNORECASE,
)

# A logical line starts at one of these markers (bullets, numbered headings, articles).
_STARTS_BLOCK = re.compile(
    r"""^(?:
        [○◯●◦□■▪▫◆◇◈♦▶▷►▸▹※·•ㆍ∙⦁❍‣]            # bullets (not ➤, a flow's arrow, nor ◉, a table's mark)
      | ㅇ(?=\s) | \*{1,3}(?=\s)                  # ㅇ item, * note
      | [-–—](?=\s|【|\[)                       # dash sub-item
      | 【 | \[
      | <[^<>]{1,60}>\s*$ | 〈                    # < 지역별 동향 >: a table caption
      | [<‹《〈]\s*(?:표|그림|도표|참고|붙임)\s*(?:\d+[.\-])*\d*\s*[>›》〉]  # <표 1> 제목, ‹그림 2› 제목, <참고> 중기 전망
      | 제\s*\d+\s*(?:장|절|편|부|관|조(?:의\d+)?)  # 제5장, 제2부, 제3조, 제3조의2
      | [IVXⅠ-Ⅻ]+\s*[.)]                        # Ⅰ. II)
      | \d{1,2}\s*[.)](?![\d)）~∼.])                # 1. 2) (not a date's ``1.)``)
      | \d{1,2}(?:\.\d{1,2}){1,3}\.?\s+(?=[가-힣A-Za-z(])  # 2.1 2.2.1 (a report's sections)
      | \d{1,2}(?:-\d{1,2}){1,2}(?:\.\s*|\s+(?=[가-힣A-Za-z(]))  # 1-1. 1-1-1. (hyphenated sections)
      | [""" + OUTLINE_LETTERS + r"""]\s*[.)]           # 가. 나)
      | \(\s*(?:\d{1,2}|[""" + OUTLINE_LETTERS + r"""])\s*\)  # (1) (가)
      | [①-⑳➀-➉❶-❿➊-➓⓫-⓴⑴-⒇㉮-㉻㉠-㉭]        # ① ➀ ❶ ➊ ⑴ ㉮
      | """ + TASK_LABEL + r"""\s+(?=[가-힣A-Za-z(])[^.!?]{1,40}$  # 과제 1 …
      | 부\s*칙 | 제안\s*이유 | 주요\s*내용 | 참고\s*사항
      | (?:이\s*유|주\s*문)\s*(?:$|[:：])              # a bill's 이유 and 주문, not words (``주문 10건``)
      | (?:""" + REVIEW_SECTIONS + r""")\s*$              # a review's sections (``관계기관 의견``)
      | [\[【<〈(]?\s*(?:""" + PART_LABEL + r""")\s*[\]】>〉)]?\s*$  # 요 약, 참고문헌: a report's part
      | (?:자\s*료|출\s*처|주(?:\s*\d{1,2})?)\s*[:：)]   # 자료: 통계청 …, 주: …, 주1) …: a table's source and notes
        (?![을를의에와과은는이가도로]|\s*참\s*[조고])    # … not a sentence pointing to one (``주1)을 참고``, ``주 2) 참조``)
      | (?:문\s*의\s*처?|연\s*락\s*처|담\s*당\s*(?:자|부\s*서)?)\s*[:：]  # 문의 : 해양수산부 …: whom to ask
      | [<〈‹《]\s*(?:붙\s*임|별\s*첨|부\s*록) | (?i:appendix)(?=\s|\d)  # <부록 1>, Appendix 2: an annex
      | (?=""" + ENCLOSURE + r"""$)                   # 붙임 1. 신청서 1부.: an enclosure
      | """ + COVER_DATE + r"""\s*$                  # 2025. 1. 20.: a cover's date
      | """ + FAQ_QUESTION + " | " + FAQ_ANSWER + r"""  # an FAQ's question and answer (Q1. … / A. …)
    )""",
    re.VERBOSE,
)
# Lines that end a sentence; the next line starts a new logical line.
_ENDS_SENTENCE = re.compile(r"(?:[.。!?]|[.。]\s*[\"”’'」』)]|:|：)$")
# A date cut by a wrap inside its parentheses (``발표(‘22. 11.~’23.`` / ``1.)``) has not ended.
_OPEN_DATE = re.compile(r"\d\.$")


def _ends_sentence(line: str) -> bool:
    if _OPEN_DATE.search(line) and line.count("(") > line.count(")"):
        return False
    return _ENDS_SENTENCE.search(line) is not None
# A heading line is complete in itself: never glue the next line onto it. So are a subheadline framed
# by dashes (``- 3월 17일부터 온라인 신청 -``), a figure's or table's title (``[그림 1] 연령대별 순유출률``), a report's
# part (``요 약``, ``참고문헌``) and an annex's title (``<부록 1> …``, ``Appendix 2. …``).
_HEADING_ONLY = re.compile(
    r"^(?:제\s*\d+\s*(?:장|절|편|부|관)(?:\s+\S.{0,40})?|[" + OUTLINE_LETTERS + r"]\s*\.\s*\S.{0,30}|\d{1,2}\s*\.\s*\S.{0,40}분야"
    r"|【.{1,40}】|\[.{1,40}\]|[IVXⅠ-Ⅻ]+\s*\.\s*.{1,40}|" + TASK_LABEL + r"\s+[^.!?]{1,40}|" + BASIS_LINE +
    r"|" + BILL_REASONS + r"|주요\s*내용|부\s*칙.{0,20}|" + OLD_NEW_TABLE + r"|[-–—]\s+\S.{0,80}\s[-–—]"
    r"|[\[【<〈(]?\s*(?:" + PART_LABEL + r")\s*[\]】>〉)]?"
    r"|[\[<‹《〈【]\s*(?:표|그림|도표)\s*(?:\d+[.\-])*\d*\s*[\]>›》〉】].{0,80}"
    r"|[\[<‹《〈【]\s*(?:붙\s*임|별\s*첨|부\s*록)\s*\d*\s*[\]>›》〉】].{0,60}|(?i:appendix)\s*\d*\.?\s.{0,60})$"
)
# A unit note (``(단위: 백만원)``; a yearbook's ``단위 : 명`` and its ``Unit : person``) belongs to the table under it,
# never to the line above.
_UNIT_NOTE = re.compile(r"^(?:[(\[<]\s*단\s*위|단\s*위\s*[:：]|(?i:unit)\s*[:：])")
# A rule's amendment note wrapped onto a line of its own (``<개정 2024. 12. 20.>``) ends the line above it.
_AMENDED = re.compile(r"^[<‹〈]\s*(?:개정|신설|삭제|전문개정|본조신설|제목개정)\s*[\d.\s,]*[>›〉]$")
_PAGE_DASH_ARTIFACT = re.compile(r"^-(?=\S)")
# A section number printed in a graphic box (``1 성 과``, ``2 공공부문 마이데이터 활성화``): a bare
# number, a space and a short title. Such a line is a heading of its own when it follows a blank
# line or a page break, or when its number continues the document's run of them (1, 2, 3 …);
# otherwise it may be a wrapped line that happens to start with a count (``…총`` / ``2 개소``).
_SHORT_LINE = 30
_BARE_HEADING = re.compile(
    rf"^(?:(?P<n>\d{{1,2}})\s+[가-힣A-Za-z]|(?P<r>[{ROMAN_NUMERALS}])\s+(?=[^가-힣A-Za-z]*[가-힣A-Za-z])[가-힣A-Za-z\d])[^.!?:：]{{0,40}}$"
)
# An annex title (``붙임 디지털 정부혁신 우선 추진과제(상세)``, ``참고 4 주요 서비스별 변화 모습``,
# ``별첨``; a date in parentheses: ``(2025. 7. 1. 기준)``) after a blank line or a page break opens the annex: never
# glued to the note before it.
_ANNEX_WORD = re.compile(r"^(?:붙\s*임|별\s*첨|참\s*고|부\s*록)\s*\d{0,2}\.?")
_ANNEX_HEADING = re.compile(_ANNEX_WORD.pattern + r"(?:\s+(?:[^.!?]{1,60}|(?:[^.!?()]|\([^()]{0,40}\)){1,60}))?$")
# What opens a table: its first row, or its unit note.
_TABLE_NEXT = re.compile(r"^\s*(?:\||[(\[<]\s*단\s*위|단\s*위\s*[:：])")
# An annex's label alone on its line (``붙임 2``, ``별첨``, ``참고 1``), its title on the next: it opens the annex even
# with no gap before it (a PDF's short ``※`` note right above it once took the label and the title as its tail).
_ANNEX_LABEL = re.compile(r"^(?:(?:붙\s*임|별\s*첨|부\s*록)\s*\d{0,2}|참\s*고\s*\d{1,2})$")
# A PDF that fakes bold by drawing a label twice gives ``별첨별첨 국립국어원 일반현황``: read once.
_DOUBLED_ANNEX = re.compile(r"^(붙임|별첨|참고|부록)\1(?=\s|\d|$)")


# Numbered and boxed headings: a short one (``1. 문제 제기``, ``□ 분석 결과``) is a whole line, never
# the start of the paragraph under it (a parenthesis after it, ``(Front-end)``, or a short wrapped tail still joins).
_TITLE_FAMILIES = frozenset(
    {"roman", "arabic-decimal", "arabic-dot", "hangul-dot", "arabic-paren", "hangul-paren", "arabic-parens", "hangul-parens", "square",
     "black-square"}
)
_SHORT_TITLE = 20
_SHORT_TAIL = 12
# A line that stops on a particle or a connective (``…중심의``, ``…및``, ``…를``, ``…위한``) runs on; a noun
# ending in 의 (``□ 정책협의``, ``□ 주요 회의``) does not (:func:`~indexer.segmentation.ends_in_genitive`).
_CONTINUES_RE = re.compile(r"(?:위한|통한|대한|관한|따른|향한|및|·|,|[가-힣)][을를]|(?P<ui>[가-힣]{2,}의))$")


def _continues(line: str) -> bool:
    m = _CONTINUES_RE.search(line)
    if m is None or (m.group("ui") and not ends_in_genitive(line.split()[-1])):
        return False
    # ``…을``/``…를`` is an object particle only after the right syllable: ``마을``, ``가을`` are nouns.
    if not line.endswith(("을", "를")) or not "가" <= line[-2:-1] <= "힣":
        return True  # after a parenthesis or a figure (``(10점)를``) it can only be the particle
    return object_particle_at(line, len(line))


def _heading_tail(prev: str, text: str, after: str) -> bool:
    """The rest of a heading wrapped in a large font (``구현 전략``) or a parenthesis after it (``(Front-end)``).

    A short line followed by more short unmarked lines is not a tail but a diagram's labels
    (``편리한`` / ``맞춤형 서비스`` / ``연계·공유·개방`` …)."""
    if text.startswith("("):
        return _UNIT_NOTE.match(text) is None and _OWN_REMARK.match(text) is None
    if _continues(prev):
        return True  # ``1. 첨단산업 중심의`` / ``미래 성장동력 확보 기반 마련``: the heading runs on
    if len(text) > _SHORT_TAIL or _ends_sentence(text):
        return False
    return not (after and len(after) <= _SHORT_TAIL and _STARTS_BLOCK.match(after) is None and _OWN_LINE.match(after) is None)


def _short_heading(line: str) -> bool:
    mk = marker_of(line)
    return mk is not None and mk.family in _TITLE_FAMILIES and 0 < len(mk.rest) <= _SHORT_TITLE and role_of(mk) == "heading"


# "다." / "함." after a line that stops mid-sentence: the end of a word split by a break.
_STEM_ENDS = frozenset("하한였었했되된있없않겠갔간랐렸켰혔졌니")
_WORD_TAIL = re.compile(r"^[다함음임됨요]\s*\.(?:\s|$)")


# An article cited, not opened: its number runs on into a paragraph or item (``제18조제2항제5호``) or it has no title.
_CITED_ARTICLE = re.compile(r"^제\s*\d+\s*조(?:의\s*\d+)?(?!\s*\()")
# An article cited with its paragraph or item (``제102조제3항``, ``제32조의2제1항``), not an article's own start.
_CITED_PART = re.compile(r"^제\s*\d+\s*조(?:의\s*\d+)?제\s*\d+\s*[항호]")


def _cited_in_parens(prev: str, text: str) -> bool:
    """``…것임(안`` / ``제18조제2항제5호 신설).``: a line wrapped inside parentheses that cite an article (a bill's
    제안이유 names the articles it adds so) goes on; an article with its title (``제18조(판로 지원)``) opens a line.
    So does a line wrapped after a connective onto a citation of a paragraph or item (``다만, 제32조의2 및`` /
    ``제102조제3항제9호의2의 개정규정은 …``): an article is never cited by its own first words."""
    if _CITED_ARTICLE.match(text) is None:
        return False
    return prev.count("(") > prev.count(")") or (_continues(prev) and _CITED_PART.match(text) is not None)


_HANGUL_ITEM = re.compile(rf"^([{OUTLINE_LETTERS}])\s*\.\s*\S")
_NEXT_ITEM = re.compile(r"^다\s*\.\s+\S")


def _broken_word(prev: str, text: str) -> bool:
    """``…신설한`` / ``다.``: a one-syllable "marker" that Kiwi joins onto the word before it."""
    if not _WORD_TAIL.match(text) or _ENDS_SENTENCE.search(prev) or _OWN_LINE.match(prev) or _HEADING_ONLY.match(prev):
        return False
    return prev[-1:] in _STEM_ENDS and not needs_space_at_join(prev, text)


# A paragraph that carries on the one before it: an arrow or a mark of change (``→ …``, ``⇒ (이후) …``,
# ``△ …``), a range's tail (``~ 12월``) or a particle (``를 확대``; not 이, 도, 만, 의, which open sentences as
# words: ``이 사업은``, ``도 관계자는``); one that leaves its phrase open (``… 이용 중 →``, ``… 2022. 1. ~``, ``… (``).
_CARRIES_ON = re.compile(r"^(?:[→⇒⟹➡△▽~∼]|(?:을|를|은|는|에|에서|에게|와|과|로|으로|부터|까지|및)(?:\s|$))")
_LEAVES_OPEN = re.compile(r"[→⇒⟹➡~∼(\[「『<+=]$")
# A parenthesis of its own, never a heading's tail: a clock time or a stage direction of minutes
# (``(10시 03분 개의)``, ``(「예」하는 위원 있음)``, ``(11시 20분 산회)``).
_OWN_REMARK = re.compile(r"^\((?:\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?|[^()]*(?:있음|없음|개의|산회|정회|속개|중지|퇴장|입장))[^()]*\)$")
# A paragraph that is one parenthesis (``(2021. 12. 현재 기준)``, ``(사진=창원시 제공)``): a remark on the one before.
_REMARK = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)$")


def _paragraph_runs_on(prev: str, text: str) -> bool:
    """In a word processor's file each line is a paragraph: it joins the one before only when that stops
    mid-phrase (:func:`_continues`, :data:`_LEAVES_OPEN`, or a last word Kiwi reads as leaving the sentence
    open, :func:`~indexer.segmentation.ends_open`), this one carries it on (:data:`_CARRIES_ON`) or only
    remarks on it (:data:`_REMARK`)."""
    if _UNIT_NOTE.match(text) or _OWN_LINE.match(prev):
        return False
    if _continues(prev) or _LEAVES_OPEN.search(prev) or _CARRIES_ON.match(text) or _REMARK.match(text):
        return True
    # A paragraph hard-broken mid-sentence (``… 월 최대 110만원까지`` / ``지원하고, …``): its last word leaves the
    # sentence open (Kiwi reads it), unless the line is a heading (``□ 결과 보고``).
    # A short paragraph after it is a field's label (``사업 내용``), not the rest of its sentence.
    words = prev.split()
    label = len(text.split()) <= 2 and len(text) <= _SHORT_TAIL and not _ends_sentence(text)
    if len(words) < 2 or _short_heading(prev) or _HEADING_ONLY.match(prev) or label:
        return False
    return ends_open(words[-1])


def _non_blank(raws: list[str]) -> tuple[list[str], list[bool], list[int]]:
    """The non-empty lines, for each whether a blank line came just before it, and its index in ``raws``."""
    lines: list[str] = []
    blank_before: list[bool] = []
    origin: list[int] = []
    blank = False
    for i, ln in enumerate(raws):
        if not ln.strip():
            blank = True
            continue
        lines.append(ln)
        blank_before.append(blank)
        origin.append(i)
        blank = False
    return lines, blank_before, origin


class _BareHeadings:
    """Headings a layout sets apart but no bullet marks: boxed section numbers (:data:`_BARE_HEADING`),
    whose run so far in the document it remembers, and annex titles (:data:`_ANNEX_HEADING`)."""

    def __init__(self) -> None:
        self.last = 0
        self.last_roman = 0  # a title box's ``Ⅱ 2025년 핵심 추진과제`` (read without its box) counts apart

    def is_heading(self, text: str, after_gap: bool, prev: str, after: str = "") -> bool:
        """``after_gap``: a blank line or a page break came before ``text``; ``prev``: the line before, ``after`` the
        line after. An annex title opens its annex after a gap, or with none over the table it titles when its title
        names only (``붙임 1 달빛어린이병원 지정 현황`` right under a list item, as Hangul sets an annex on its own page;
        not ``붙임 2 배정표와 같이 통보할 예정``, a sentence wrapped before a table).

        A ``1`` restarts the run (a new chapter) when a gap or a short line (a title, not a
        wrapped sentence) comes before it.
        """
        if _ANNEX_HEADING.match(text) and (after_gap or (_TABLE_NEXT.match(after) and names_only(_ANNEX_WORD.sub("", text)))):
            return True
        m = _BARE_HEADING.match(text)
        if m is None:
            return False
        roman = m.group("r") is not None
        n = ROMAN_NUMERALS.index(m.group("r")) + 1 if roman else int(m.group("n"))
        last = self.last_roman if roman else self.last
        restart = n == 1 and len(prev) <= _SHORT_LINE
        if not (after_gap or restart or (last and n == last + 1)):
            return False
        if roman:
            self.last_roman = n
        else:
            self.last = n
        return True


@dataclass(frozen=True)
class Line:
    """A logical line ``text[start:end]`` of the cleaned document, starting on ``page``."""

    start: int
    end: int
    page: int | None


@dataclass(frozen=True)
class CleanDocument:
    """Cleaned text (logical lines joined by ``\\n``), its lines, pages and a title hint; ``boxes`` maps each
    box title's line (an index into ``lines``) to the box's last line (itself, when the box holds only its title)."""

    text: str
    lines: tuple[Line, ...]
    pages: tuple[PageSpan, ...]
    title_hint: str | None
    boxes: "dict[int, int] | None" = None
    #: the lines dropped as running headers or footers, as :func:`normalize_text` writes them (the cover's
    #: metadata reads the file's first lines as read, and must skip them too)
    running: frozenset[str] = frozenset()


def normalize_text(text: str, latin_o: str = "○") -> str:
    """NFC, no zero-width characters, unified line ends and spaces (line structure kept); a Latin ``o`` typed as
    a bullet (``o 「재난안전법」 개정``) is ``latin_o``: the bullet ``○``, or in a document that also types ``○`` the
    level under it (:func:`latin_o_bullet`)."""
    text = _PRIVATE_USE.sub("", drop_zero_width(unicodedata.normalize("NFC", text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _CONTROL.sub(" ", _IMAGE.sub(" ", text))
    return "\n".join(_LATIN_BULLET.sub(latin_o, _SPACES.sub(" ", ln).strip()) for ln in text.split("\n"))


# ``o`` or ``ｏ`` alone before Korean text, a quotation or a bracket: the circle bullet typed on a Latin keyboard.
_LATIN_BULLET = re.compile(r"^[ \t]*[oｏ](?=[ \t]+[가-힣「『(\[‘“'\"])", re.M)


def latin_o_bullet(pages: Sequence[str]) -> str:
    """What a Latin ``o`` bullet stands for in a document: ``○``, unless the document nests it under the circle it
    also types (an ``o`` line right under a ``○`` item, unmarked lines aside); then ``o`` is the level under ``○``
    (``○ 침수 위험지도 대상 확대`` › ``o 7개 도시 시범 적용``), written ``◦`` so it nests as the small circle does. A
    document that types ``o`` where another part types ``○`` (each under its own heading) keeps one bullet."""
    if not any(_LATIN_BULLET.search(page) for page in pages):
        return "○"
    last = None  # the family of the last marked line (a note under an item aside)
    for page in pages:
        for ln in page.split("\n"):
            text = ln.strip()
            if _LATIN_BULLET.match(text):
                if last == "circle":
                    return "◦"
                last = "latin-o"
            elif (mk := marker_of(text)) is not None and mk.family != "note":
                last = mk.family
    return "○"


def is_noise_line(line: str) -> bool:
    """True for scraper/viewer lines that are not part of the document."""
    return any(p.match(line) for p in _NOISE)


def page_number_of(line: str) -> int | None:
    """The printed page number a bare page-number line shows, else None."""
    m = _PAGE_NUMBER.match(line)
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def _is_page_marker(num: int, lines: list[str], i: int, markers: list[int]) -> bool:
    """Is the bare number ``lines[i]`` a page footer, not a year or a table cell?

    Years (``2021``) never are; numbers in a run of numbers (a table's
    ``132`` / ``154``) are not; and after the first footer, the next must move
    forward by a page or a few (scrapes skip some footers).
    """
    if not re.fullmatch(r"\d{1,4}", lines[i].strip()):
        return True  # "- 3 -", "3 / 40", "p. 3": only footers look like that
    if 1900 <= num <= 2099:
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and re.fullmatch(r"[\d,.\s%]+", lines[j]):
            return False
    return not markers or 0 < num - markers[-1] <= 10


#: A line among the first or last :data:`_EDGE_LINES` of at least this share of the pages (and of
#: :data:`_RUNNING_MIN` pages) is a running header or footer.
_RUNNING_SHARE, _RUNNING_MIN, _EDGE_LINES = 0.4, 3, 2


_KEEP_AT_EDGE = re.compile(r"^\s*(?:\||[(\[]\s*단\s*위)")
_TRAILING_NUMBER = re.compile(r"[-–—]?\d{1,4}[-–—]?$")


def _edge(i: int, n: int) -> bool:
    return i < _EDGE_LINES or i >= n - _EDGE_LINES


def _is_chapter(line: str) -> bool:
    mk = marker_of(line)
    return mk is not None and mk.family in ("part", "chapter", "roman")


def _running_key(line: str, exact: bool = False) -> str:
    """A page number at the end (``사업설명자료 - 3 -``, ``… 3``) is the only part allowed to differ, unless
    ``exact`` (a two-page file: there ``별지 1`` and ``별지 2`` would be one line)."""
    squeezed = "".join(line.split())
    return squeezed if exact else _TRAILING_NUMBER.sub("#", squeezed)


def _numbered(key: str) -> bool:
    """A running line's key that ends on its page number after some words of its own (``경상남도도로정책과#``)."""
    return key.endswith("#") and len(key.strip("#")) >= 4


def _phrase_open(line: str) -> bool:
    """The line's last word leaves its phrase open (``… 자주 묻는``, ``… 지원하고``): the next line goes on with it."""
    words = line.split()
    return bool(words) and (ends_open(words[-1]) or ends_adnominal(words[-1]))


def _page_offset(line: str, page_index: int) -> int | None:
    """The page number a running line ends on, less its page's (``page_index + 1``); None without one."""
    m = _TRAILING_NUMBER.search("".join(line.split()))
    return int(m.group(0).strip("-–—")) - page_index - 1 if m else None


def _running_lines(pages: list[list[str]]) -> frozenset[str]:
    """Lines repeated at the top or bottom of many pages (never a table row nor a unit note)."""
    if len(pages) < 2:
        return frozenset()
    counts: dict[str, int] = {}
    for raws in pages:
        # A marked line (``□ 사업 개요``) repeated near the top of pages is the document's own, except a
        # chapter title printed first on every page (``제5장 분야별 재정투자계획``): a running header.
        edges = {_running_key(x, len(pages) == 2) for i, x in enumerate(raws) if _edge(i, len(raws)) and not _KEEP_AT_EDGE.match(x)
                 and (marker_of(x) is None or i == 0 and _is_chapter(x))}
        for key in edges:
            counts[key] = counts.get(key, 0) + 1
    # Every page of a two-page file (its table continued under the header), else 3 and 40 % of them.
    need = max(min(_RUNNING_MIN, len(pages)), _RUNNING_SHARE * len(pages))
    return frozenset(k for k, c in counts.items() if c >= need and k.strip("#"))


def clean_pages(
    pages: "tuple[str, ...] | list[str]",
    physical_pages: bool,
    paragraphs: bool = False,
    runs_on: "Sequence[frozenset[int]]" = (),
    stops: "Sequence[frozenset[int]]" = (),
    box_titles: "Sequence[frozenset[int]]" = (),
    boxed: "Sequence[frozenset[int]]" = (),
) -> CleanDocument:
    """Clean raw page texts into logical lines.

    ``physical_pages``: the input pages are real pages (PDF), so page ``i`` is
    page ``i+1`` and printed numbers are only dropped. Otherwise (scraped text)
    the printed page-number lines are the only page information we have: text
    after the footer ``150`` starts page 151; text before the first footer
    ``N`` is on page ``N``. ``paragraphs``: each input line is a paragraph of a
    word processor's file (HWP, HWPX), not a printed line that may have wrapped. ``runs_on``: per page, the
    lines (indices into ``page.split("\\n")``) the layout shows going on in the line below (a PDF's line that
    fills its column): a sentence ending there does not end the paragraph. ``stops``: the lines it shows
    stopping well short of the right edge: each such line ends its paragraph as a word processor's paragraph
    would (:func:`_paragraph_runs_on`: unless it leaves the sentence open or the next line carries it on).
    ``box_titles`` and ``boxed``: per page, a box's title lines and the lines under them in their box: a title is a
    line of its own, and no line joins one across the box's edge.
    """
    title_hint: str | None = None
    # (text, segment) where segment counts page markers seen so far.
    # (line, page-or-segment, after a page break or blank line, after a dropped masthead line, runs on, stops,
    # in a box: 0 no, 1 its title, 2 under its title)
    pieces: list[tuple[str, int, bool, bool, bool, bool, int]] = []
    markers: list[int] = []
    after_break = cut = False
    latin_o = latin_o_bullet(pages)
    page_lines = [_non_blank(normalize_text(page, latin_o).split("\n")) for page in pages]
    # PDFs print running headers; the HWP readers leave them out, and a scraped text has no pages.
    running = _running_lines([raws for raws, _, _ in page_lines]) if physical_pages else frozenset()
    # a numbered running line's number less the page's, as the pages' edges print it (``경상남도 도로정책과 - 3 -`` on
    # page 3: 0): the same line inside a page is the footer only with that number (not ``참고자료 5`` on page 4)
    offsets: dict[str, set[int]] = {}
    for page_index, (raws, _, _) in enumerate(page_lines):
        for i, raw in enumerate(raws):
            if _edge(i, len(raws)) and (key := _running_key(raw, len(page_lines) == 2)) in running and _numbered(key):
                offsets.setdefault(key, set()).add(_page_offset(raw, page_index))
    chapters_seen: set[str] = set()
    dropped: set[str] = set()
    for page_index, (raws, blank_before, origin) in enumerate(page_lines):
        page_runs = runs_on[page_index] if page_index < len(runs_on) else frozenset()
        page_stops = stops[page_index] if page_index < len(stops) else frozenset()
        page_titles = box_titles[page_index] if page_index < len(box_titles) else frozenset()
        page_boxed = boxed[page_index] if page_index < len(boxed) else frozenset()
        if page_index > 0:
            after_break = True
        for i, raw in enumerate(raws):
            # (a footer with its page number may come anywhere in the page's reading order: ``경상남도 도로정책과 - 3 -``
            # read before the note under the page's last table)
            if running and (key := _running_key(raw, len(page_lines) == 2)) in running and (
                    _edge(i, len(raws)) or _numbered(key) and _page_offset(raw, page_index) in offsets.get(key, ())):
                if not (i == 0 and _is_chapter(raw) and key not in chapters_seen):
                    dropped.add(raw)
                    continue  # a running header or footer (``2024년도 예산 사업설명자료``), not text
                chapters_seen.add(key)  # a chapter title's first printing opens the chapter
            if page_index == 0 and i < _MASTHEAD_LINES and (_RELEASE_FIELD.match(raw) or RELEASE_MASTHEAD.match(raw)):
                cut = True  # a press release's masthead: the metadata reads it; the text starts anew after it
                continue
            if is_noise_line(raw):
                m = _SCRAPED_TITLE.match(raw)
                if m and title_hint is None:
                    title_hint = m.group("title").strip()
                continue
            num = page_number_of(raw)
            if num is not None and _is_page_marker(num, raws, i, markers):
                if not physical_pages:
                    markers.append(num)
                after_break = True
                continue
            line = _DOUBLED_ANNEX.sub(r"\1", raw)
            if after_break:
                # "- 151 -" style footers leave their dash glued to the next line: "-사업비", "-【".
                line = _PAGE_DASH_ARTIFACT.sub("", line).strip()
                if not line:
                    continue
            key = page_index + 1 if physical_pages else len(markers)
            box = 1 if origin[i] in page_titles else 2 if origin[i] in page_boxed else 0
            pieces.append((line, key, after_break or blank_before[i], cut, origin[i] in page_runs, origin[i] in page_stops, box))
            after_break = cut = False

    def page_of(key: int) -> int | None:
        if physical_pages:
            return key
        if not markers:
            return None
        return markers[0] if key == 0 else markers[key - 1] + 1

    out: list[str] = []
    lines: list[Line] = []
    in_box: list[int] = []  # per line, as a piece's box
    pos = 0
    cur: list[str] = []
    cur_page: int | None = None
    cur_box = 0

    def flush() -> None:
        nonlocal pos, cur
        if not cur:
            return
        s = join_spaced_letters("".join(cur))
        start = pos + (1 if out else 0)
        out.append(s)
        lines.append(Line(start, start + len(s), cur_page))
        in_box.append(cur_box)
        pos = start + len(s)
        cur = []

    prev_text = ""
    item = None  # the letter of the last line that opened on ``가.``, ``나.`` …: after ``나.``, ``다. …`` is the list's next item
    bare = _BareHeadings()
    prev_bare = False
    prev_runs_on = prev_stops = False
    prev_box = 0
    for k, (text, key, brk, after_cut, runs, stop, box) in enumerate(pieces):
        after = pieces[k + 1][0] if k + 1 < len(pieces) else ""
        is_bare = bare.is_heading(text, brk, prev_text, after)
        starts_new = (
            not cur
            or is_bare
            or prev_bare
            or _STARTS_BLOCK.match(text) is not None
            or (_HEADING_ONLY.match(prev_text) is not None and not _continues(prev_text))
            or (_ends_sentence(prev_text) and not prev_runs_on)
            or (prev_stops and not _paragraph_runs_on(prev_text, text))  # a line the layout shows stopping: as a paragraph
            or _HEADING_ONLY.match(text) is not None
            or _ANNEX_LABEL.match(text) is not None
            or opens_act(text, after)  # an amending act's title and its drafting formula: each a line of its own
            or opens_act(prev_text, text)
            or _OWN_LINE.match(text) is not None
            or _OWN_LINE.match(prev_text) is not None
            or _PAGE_REFERENCE_END.search(prev_text) is not None
            # a written answer's ``질 의`` / ``답 변`` over its list: a label of its own (not ``질문`` ending a wrapped
            # ``… 자주 묻는``)
            or (qa_label(text) is not None and not _continues(prev_text) and not _phrase_open(prev_text)
                and _STARTS_BLOCK.match(after) is not None)
            or (qa_label(prev_text) is not None and _STARTS_BLOCK.match(text) is not None)
            or names_speaker(prev_text)  # minutes: ``○경제국장 강태호`` over what he says
            or is_spaced_title(text)
            or is_spaced_title(prev_text)
            or (_short_heading(prev_text) and not _heading_tail(prev_text, text, after))
            or after_cut
            or (paragraphs and not _paragraph_runs_on(prev_text, text))
            or _UNIT_NOTE.match(text) is not None  # ``(단위: 천원)`` belongs to the table under it
            or _OWN_REMARK.match(text) is not None  # ``(10시 03분 개의)``: a stage direction of minutes
            or _OWN_REMARK.match(prev_text) is not None
        )
        # (``다. 분류식 하수관로 설치`` after ``… 100건 이하``, a list having had its ``나.``: the list's next item, not the
        # tail of a word broken before it)
        tail = _broken_word(prev_text, text) and not (item == "나" and _NEXT_ITEM.match(text))
        if starts_new and cur and (tail or _AMENDED.match(text) or _cited_in_parens(prev_text, text) or _titles_annex(cur, text)):
            starts_new = False
        if (m := _HANGUL_ITEM.match(text)) and not tail:
            item = m.group(1)
        if box == 1 or prev_box == 1 or (box == 0) != (prev_box == 0):
            starts_new = True  # a box's title is a line of its own, and no line joins one across the box's edge
        if starts_new:
            flush()
            cur = [text]
            cur_page = page_of(key)
            cur_box = box
        else:
            joined = "".join(cur)
            cur.append((" " if needs_space_at_join(joined, text) else "") + (join_spaced_letters(text) if is_spaced_title(text) else text))
        prev_text = text
        prev_bare = is_bare
        prev_runs_on, prev_stops = runs, stop
        prev_box = box
    flush()

    page_spans: list[PageSpan] = []
    for ln in lines:
        if ln.page is None:
            continue
        if page_spans and page_spans[-1].page == ln.page:
            page_spans[-1] = PageSpan(page_spans[-1].start, ln.end, ln.page)
        else:
            page_spans.append(PageSpan(ln.start, ln.end, ln.page))
    return CleanDocument("\n".join(out), tuple(lines), tuple(page_spans), title_hint, _boxes(in_box), frozenset(dropped))


# A rule's schedule or form alone on its line, with the amendment that last changed it (``[별표 1] <개정 2026. 4. 1.>``).
_SCHEDULE_LABEL = re.compile(
    r"^[\[【]\s*(?:별\s*(?:표|지)|서\s*식)\s*(?:제\s*)?\d*(?:\s*호(?:\s*의\s*\d+)?\s*서식)?\s*[\]】](?:\s*[<〈(][^<>〈〉()]{1,30}[>〉)])?$"
)


def _titles_annex(cur: list[str], text: str) -> bool:
    """``붙임 1`` (or ``[별표 1] <개정 …>``) alone over ``청해 제2일반산업단지 탄소중립 전환사업 개요``: the annex's title,
    one heading with its label (else every passage of the annex sits under a bare ``붙임 1``); a title's first line that
    ends on an adnominal (``… 전환을 위한`` over ``업무협약서``) runs on into the second."""
    labelled = _ANNEX_LABEL.match(cur[0]) or _SCHEDULE_LABEL.match(cur[0])
    if not (1 <= len(cur) <= 2 and labelled and (len(cur) == 1 or ends_adnominal(cur[1].split()[-1]))):
        return False
    # (not ``(단위: 백만원)`` nor ``(주)한국개발``, nor a statement, ``세부 내용은 별도 통보 예정``; a question is a title:
    # ``고향사랑기부제는 무엇인가``)
    return (_STARTS_BLOCK.match(text) is None and not text.startswith(("|", "(")) and is_short_title(text)
            and not _ANNEX_LABEL.match(text) and not (states_topic(text) and not _ASKS.search(text)))


_ASKS = re.compile(r"(?:[가까나]|인가요|나요)\s*[?？]?$")


def _boxes(in_box: list[int]) -> dict[int, int]:
    """Each box title's line → the box's last line (the lines under its title in its box follow it)."""
    out: dict[int, int] = {}
    for k, box in enumerate(in_box):
        if box == 1:
            end = k
            while end + 1 < len(in_box) and in_box[end + 1] == 2:
                end += 1
            out[k] = end
    return out
