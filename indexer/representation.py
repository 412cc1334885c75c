"""Representation: what a passage is embedded and BM25-indexed as.

The passage's ``text`` is what a user reads and cites; the embedder and BM25
see a richer or leaner form of it, decided here and nowhere else.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath

from indexer.ingest.outline import marker_of, qa_label
from indexer.records import VIEW_KINDS, Passage, names_subject
from indexer.segmentation import Morph, tokens_of
from indexer.text import KEY_VALUE, SOURCE_KEY, strip_bullet

__all__ = [
    "MAX_CONTEXT_CHILDREN",
    "BARE_CHARS",
    "is_bare",
    "WITH_CONTEXT",
    "LEXICAL_CONTEXT",
    "BUDGET_TOKEN",
    "context_of",
    "embedding_text",
    "embedding_texts",
    "document_titles",
    "answered_questions",
    "QUESTION_CHARS",
    "lexical_context",
    "lexical_document",
    "states_money",
    "UNIT_NOTE",
]

#: How many sub-items follow a goal in its embedding text.
MAX_CONTEXT_CHILDREN = 3
#: Embed each passage under its content headings (``□ 국어 말뭉치 확대 구축 › ㅇ …``), not its title
#: nor label headings (``나. 투자 중점사업``), unless it is bare (:data:`BARE_CHARS`).
#: Measured (issue 11, 35 real queries / 15 dev queries):
#: title and all headings took real dense nDCG@10 0.445 → 0.411 and dev 0.962 → 0.902; all headings
#: without the title 0.450 → 0.473 but dev 0.902; content headings only 0.450 → 0.479 with dev unchanged.
WITH_CONTEXT = True
#: BM25-index each passage with its heading words (each once, like its goal's). The title's words,
#: on every passage of a document, took real lexical nDCG@10 0.403 → 0.383; the headings 0.403 → 0.418.
LEXICAL_CONTEXT = True
#: The BM25 token a passage that states an amount of money in won is also indexed with, once: a
#: budget line says ``(3,180백만원)``, not ``예산``, and people ask for ``말뭉치 구축 예산``. Measured
#: (issue 11, 35 real queries): lexical nDCG@10 0.428 → 0.466 (shared 5: 0.450 → 0.573), hybrid
#: 0.513 → 0.519; ``금액``/``비용``/``사업비`` as well did worse (0.460, 0.436 lexical).
BUDGET_TOKEN = "예산"
#: A *bare* passage is a key–value line with nothing above it that names its subject: no parent goal
#: and no content heading, only labels. ``3) 사업금액 : ￦19,209,180,000`` under ``Ⅰ. 사업 안내 ›
#: 1. 사업개요`` prices the project its document is about, and ``K-water 디지털플랫폼 구축 사업금액``
#: cannot find it by its own words. A bare passage is embedded and BM25-indexed under its document's
#: title and all its headings (``K-water 디지털플랫폼 구축 사업 제안요청서 › Ⅰ. 사업 안내 › 1. 사업개요 ›
#: 3) 사업금액 : …``). Only those: the title before every passage (measured again 2026-11-27, BM25 words:
#: hybrid nDCG@10 0.548 → 0.535 on 35 real queries), or before every short passage without a content
#: heading (≤ 40 characters; the sample plan's goals are such: dense 0.962 → 0.876 there, real 0.548 →
#: 0.523), drowns what the passage says. No key–value line of the real or sample corpora is bare,
#: so their numbers do not move; ``tests/indexer/test_representation.py`` shows the RFP case.
BARE_CHARS = 80


def context_of(p: Passage, content_only: bool = False) -> str:
    """``heading › heading``: where a passage sits (its section path; the document title is left out,
    see :data:`WITH_CONTEXT`).

    ``content_only`` keeps the headings that say something (``□ 국어 말뭉치 확대 구축``) and drops
    labels (``나. 투자 중점사업``; :func:`~indexer.records.names_subject`).
    """
    parts = [x for x in p.section if x and (not content_only or names_subject(x))]
    return " › ".join(dict.fromkeys(parts))


#: Keys of a line about no subject of the document: where a table's figures come from (``자료 : 국토교통부(2023)``,
#: ``주 : …``), whom to ask (``문의 : 한국교통연구원 지역교통연구팀 044-…``, a budget explanation's ``작성자 : 과장 …``) and
#: when a release is out. Under the document's title such a
#: line took the top ranks for any query in the title's words (a brief's 문의 line for ``시골 수요응답형 버스 확대``).
_ASIDE_KEY = re.compile(
    rf"^(?:{SOURCE_KEY}|(?:주|문\s*의\s*처?|연\s*락\s*처|작\s*성\s*자|담\s*당\s*(?:자|부\s*서)?|전\s*화|보\s*도\s*(?:일\s*시|시\s*점)|배\s*포\s*일\s*시)\s*[:：])"
)

# A press release's masthead box read as a row (``보도자료 · 담당부서: …``): contacts, not the document's subject.
_MASTHEAD_ROW = re.compile(r"^보\s*도\s*(?:자\s*료|참\s*고)")

# A table row that states what the whole undertaking costs (``계획의 범위 › 총사업비: 4,826억원``): its key alone,
# right after the caption, not one pair of a project's record (``사업명: … · 총사업비: …``) nor a year's series.
_TOTAL_COST_ROW = re.compile(r"^(?:[^:›]{1,40} › )*(?:총\s*사\s*업\s*비|총\s*예\s*산|소\s*요\s*예\s*산|총\s*투\s*자\s*비)\s*:[^:·]*$")


def is_bare(p: Passage) -> bool:
    """A key–value line with no parent and no content heading above it (see :data:`BARE_CHARS`). Not a
    table row, whose caption names what it is about, unless it states the total cost of what its document is
    about under labels only (``계획 개요 › 계획의 범위 › 총사업비: 4,826억원``): a query names the plan
    (``전남 스마트농업 기본계획 총사업비``), which only the title says. Never a source or a contact (:data:`_ASIDE_KEY`)."""
    if p.kind == "row":
        if not p.section and " › " not in p.text:
            # a cover's record of fields, under no heading and no caption (``의안번호: 제2214387호 · 제안자: …``): it
            # describes the document, which only the title names; not a masthead's contacts or dates
            return KEY_VALUE.match(p.text) is not None and not _ASIDE_KEY.match(p.text) and not _MASTHEAD_ROW.match(p.text)
        return not p.targets and _TOTAL_COST_ROW.match(p.text) is not None and not context_of(p, content_only=True)
    if p.parent_id is not None or len(strip_bullet(p.text)) > BARE_CHARS:
        return False
    mk = marker_of(p.text)
    # (``사업금액 : …`` after the line's outline marker, :func:`~indexer.ingest.outline.marker_of`)
    line = p.text if mk is None else mk.rest
    return KEY_VALUE.match(line) is not None and not _ASIDE_KEY.match(line) and not context_of(p, content_only=True)


def embedding_text(p: Passage, parent: Passage | None, children: Sequence[Passage] = ()) -> str:
    """What the embedder sees for a passage.

    * Bullets and target series (``(‘21) 132 → (’22) 154``) are noise to the
      model: a target is reduced to its metric and unit.
    * A sub-item alone (``- 시민주도 리빙랩 운영``) often lacks its subject, so
      its goal is prepended; so is a goal's under the goal it details (``□ …함`` › ``ㅇ …``), a table row's under
      the sentence leading into its table (``… 다음과 같이 추진하겠음`` › ``추진일정: …``), and a
      sub-item with none gets the label it sits under (``신청제한 - 정당 활동 …``).
    * A goal is followed by its first sub-items (or rows), which say what it consists of.

    On the dev set these took dense nDCG@10 from 0.915 to 0.962 (docs/quality-log.md, "What moved the numbers").
    """
    text = strip_bullet(_without_series(p))
    if p.kind == "row":
        text = _ROW_NUMBERS.sub("", _ROW_UNIT.sub("", text))
    if parent is not None and p.kind in ("sub-item", "goal", "row"):
        text = strip_bullet(_without_series(parent)) + " - " + text
    elif p.kind == "sub-item" and p.section and not names_subject(p.section[-1]):
        # a ``-`` line right under a label (``나. 신청제한`` › ``- 정당 활동, 종교 활동 …``) is about that label,
        # which the content headings before the text leave out
        label = p.section[-1]
        text = ((mk.rest if (mk := marker_of(label)) else label).strip() or label) + " - " + text
    if children:
        text += " : " + " / ".join(strip_bullet(_without_series(c)) for c in children[:MAX_CONTEXT_CHILDREN])
    return text


def embedding_texts(
    passages: Sequence[Passage], by_id: Mapping[str, Passage], titles: Mapping[str, str], asked: Mapping[str, str] | None = None
) -> list[str]:
    """:func:`embedding_text` of each of ``passages``, with parents and children looked up in ``by_id``.

    With :data:`WITH_CONTEXT`, each text is prefixed with the passage's content headings
    (:func:`context_of` with ``content_only``) and, under an answer, the question it answers
    (:func:`answered_questions`, or ``asked`` where the caller has it); a heading's children are the first passages of its
    section.
    A bare passage (:func:`is_bare`) is prefixed with all its headings instead, under its document's title
    (``titles``, by doc id; a document without one, or whose title is the passage, adds none).
    """
    kids: dict[str, list[Passage]] = {}
    for p in by_id.values():
        if p.parent_id:
            kids.setdefault(p.parent_id, []).append(p)
    kids.update(_section_openings(by_id.values()))
    out = [embedding_text(p, by_id.get(p.parent_id) if p.parent_id else None, kids.get(p.id, ())) for p in passages]
    if WITH_CONTEXT:
        asked = answered_questions(by_id.values()) if asked is None else asked
        out = [
            f"{ctx} › {t}" if (ctx := _context(p, titles.get(p.doc_id, ""), asked.get(p.id, ""))) else t
            for p, t in zip(passages, out)
        ]
    return out


def document_titles(docs: Iterable) -> dict[str, str]:
    """Doc id → title of documents (``doc_id``, ``title``, ``source``) for :func:`embedding_texts` and
    :func:`lexical_context`; a title that is only the file name (the document printed none) says
    nothing a bare passage lacks and is left out."""
    return {d.doc_id: d.title for d in docs if d.title != PurePath(d.source).stem}


def _context(p: Passage, title: str, question: str = "") -> str:
    ctx = _under_title(p, title) if is_bare(p) else context_of(p, content_only=True)
    return " › ".join(x for x in (ctx, question) if x)


def lexical_context(p: Passage, title: str, question: str = "") -> str:
    """The heading path a passage is BM25-indexed with (words once each): all its headings, under its
    document's ``title`` when it is bare (:func:`is_bare`), then the ``question`` it answers
    (:func:`answered_questions`). The title's words on every passage drown BM25 (see :data:`LEXICAL_CONTEXT`)."""
    ctx = _under_title(p, title) if is_bare(p) else context_of(p)
    return " › ".join(x for x in (ctx, question) if x)


#: How much of a question its answer's passages carry as context: its first lines, up to this many characters.
QUESTION_CHARS = 160


def answered_questions(passages: Iterable[Passage]) -> dict[str, str]:
    """Passage id → the question its passage answers: a written answer (시정질문 답변서, 국정감사 서면답변) puts
    each question's gist under ``□ 질문 요지`` and the answer beside it under ``□ 답변``, whose lines say
    ``주민지원기금 : 반입수수료의 20%를 적립하여 …`` but never the 소각장 the question was about. Each passage
    under an answer heading gets the first lines of the question heading before it in the same section (the
    labels: :func:`~indexer.ingest.outline.qa_label`)."""
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        if p.kind not in VIEW_KINDS:
            by_doc.setdefault(p.doc_id, []).append(p)
    out: dict[str, str] = {}
    for ps in by_doc.values():
        ps.sort(key=lambda p: p.ordinal)
        asked: dict[tuple[str, ...], list[str]] = {}  # a section → the gists of its question headings not yet answered
        last: dict[tuple[str, ...], str] = {}  # a section → its last question's gist (two answers to one question)
        answers: dict[tuple[str, ...], str] = {}  # an answer heading's path → the question it answers
        for i, p in enumerate(ps):
            if p.kind == "heading" and (label := qa_label(p.text)) == "question":
                last[p.section] = _gist(p.section + (p.text,), itertools.islice(ps, i + 1, None))
                asked.setdefault(p.section, []).append(last[p.section])
            elif p.kind == "heading" and label == "answer" and p.section in last:
                # questions and answers in turn, or all questions first: each answer the first question left
                pending = asked.get(p.section)
                answers[p.section + (p.text,)] = pending.pop(0) if pending else last[p.section]
            for k in range(len(p.section), 0, -1):
                if question := answers.get(p.section[:k]):
                    out[p.id] = question
                    break
    return out


def _gist(under: tuple[str, ...], after: Iterable[Passage]) -> str:
    """The first lines of the section ``under`` (the passages ``after`` its heading), up to :data:`QUESTION_CHARS`."""
    lines: list[str] = []
    for q in after:
        if q.section[: len(under)] != under or sum(map(len, lines)) >= QUESTION_CHARS:
            break
        lines.append(strip_bullet(q.text))
    return " ".join(lines)[:QUESTION_CHARS]


def _under_title(p: Passage, title: str) -> str:
    """A bare passage's context: its title (unless it is the passage itself, a first line that named the
    document) over all its headings."""
    if title in p.text or p.text in title:
        title = ""
    return " › ".join(x for x in (title, context_of(p)) if x)


# A table row's figures and its unit note are noise to the model, as a target's series is:
# ``세입예산 › (단위: 백만원) › 토지대여료: 2021년 94 · 2022년 97`` is embedded as ``세입예산 › 토지대여료: 2021년 · 2022년``.
_ROW_UNIT = re.compile(r"\(\s*단\s*위\s*[:：](?:[^()]|\([^()]*\))*\)\s*(?:›\s*)?")
_ROW_NUMBERS = re.compile(r"(?<![\w.])[(\[]?[△▲▽▼+\-−]?\d[\d,.]*\s*%?[)\]]?(?![\w.])")


def _section_openings(passages) -> dict[str, list[Passage]]:
    """A heading's "children": the first passages of its own section, which say what it is about."""
    out: dict[str, list[Passage]] = {}
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc_id, []).append(p)
    for ps in by_doc.values():
        ps.sort(key=lambda p: p.ordinal)
        for i, h in enumerate(ps):
            if h.kind != "heading":
                continue
            under = h.section + (h.text,)
            body = []
            for q in (q for q in itertools.islice(ps, i + 1, None) if q.kind not in VIEW_KINDS):
                if len(body) == MAX_CONTEXT_CHILDREN or q.kind == "heading" or q.section[: len(under)] != under:
                    break
                body.append(q)
            out[h.id] = body
    return out


def _without_series(p: Passage) -> str:
    text = p.text
    for t in sorted(p.targets, key=lambda t: -t.start):
        s, e = t.start - p.start, t.end - p.start
        if 0 <= s < e <= len(text) and text[s:e] == t.text:  # a row's targets span its whole table
            text = text[:s] + (f"{t.metric}({t.unit})" if t.unit else t.metric) + text[e:]
    return text


def lexical_document(
    p: Passage, by_id: Mapping[str, Passage], morphs: Mapping[str, tuple[Morph, ...]], context: Sequence[Morph] = ()
) -> list[str]:
    """BM25 tokens of a passage: its own, plus its goal's words it does not already have.

    ``- 창의적 아이디어의 적극적 채택`` is about 정책 제안 only through its goal
    ``○ 제안활성화를 통한 시민의 정책혁신 참여 확대``; adding each goal word once
    (not with its counts) lets the sub-item match without outranking the goal
    (dev set lexical nDCG@10 0.919 → 0.934).
    """
    toks = tokens_of(morphs.get(p.id, ()))
    parent = by_id.get(p.parent_id) if p.parent_id else None
    if parent is not None:
        have = set(toks)
        toks += [t for t in dict.fromkeys(tokens_of(morphs.get(parent.id, ()))) if t not in have]
    if context:
        # Heading words, once each, like the goal's (``context``: morphemes of :func:`context_of`).
        have = set(toks)
        toks += [t for t in dict.fromkeys(tokens_of(tuple(context))) if t not in have]
    if BUDGET_TOKEN not in toks and states_money(p.text):
        toks.append(BUDGET_TOKEN)
    return toks


#: An amount in won: ``3,180백만원``, ``57억원``, ``1조 8천억원``, ``1,200원``, ``5,000 원을``, ``￦19,209,180,000``,
#: or a table's ``(단위: 백만원)`` / ``(단위: 명, 백만원)``. 원 must end the word, a particle or a copula aside
#: (``9,800만원이며``, ``50만원이내``): ``3원칙``, ``2원화``, ``2.1 원도심``, ``과제 2 원격의료`` are no money.
_WON = r"원(?:으로|에서|까지|부터|씩|을|은|이며|이고|이다|입니다|이나|이상|이하|이내|미만|초과|가량|정도|내외|이|의|에|과|와|도|만|인)?(?![가-힣])"
#: A unit note's opening, up to its unit: ``(단위: 명, 백만원)``. It stops at the note's end, a line's end or a
#: heading path's ``›``; a note missing its ``)`` (or ``]``) reaches 20 characters at most, so it gives no unit to a
#: later word (``단위: 명 › 공무원``), while a closed one may list many units (``(단위: 개소, 명, 건, 천톤, 톤/일, 백만원)``).
UNIT_NOTE = r"단\s*위\s*[:：](?:[^)\]\n›]*?(?=[^)\]\n›]*[)\]])|[^)\]\n›]{0,20}?)"
_MONEY = re.compile(rf"\d\s*(?:[천백십]?(?:조|억|만)|천)?\s*{_WON}|[￦₩]\s*\d|{UNIT_NOTE}원(?![가-힣])")


def states_money(text: str) -> bool:
    """Does ``text`` state an amount of money in won (see :data:`BUDGET_TOKEN`)?"""
    return _MONEY.search(text) is not None
