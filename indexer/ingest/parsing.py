"""Parsing: files → :class:`~indexer.records.Document` (read, clean, structure, targets).

This is the Python API the CLI (``plansearch parse``) and the index builder share.

>>> doc = parse_text("가. 투자 방향\\n○ 스마트도시 구현 ○ 주민자치 활성화", doc_id="demo")  # doctest: +SKIP
>>> [p.kind for p in doc.passages]  # doctest: +SKIP
['heading', 'goal', 'goal']
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from indexer.errors import UnreadableDocument
from indexer.ingest.cleaning import clean_pages
from indexer.ingest.metadata import (
    BODY_SENTENCE,
    CHAPTER_LINE,
    LEGAL_BASIS,
    PERIOD_NOTE,
    PERIODICAL,
    REPORT_TITLE,
    cover_lines,
    doc_type_of,
    extract_metadata,
    is_cover_byline,
    restates,
    without_period,
)
from indexer.ingest.reading import RawDocument, iter_input_files, read_file
from indexer.ingest.structure import build_passages, detect_doc_type
from indexer.records import Document, ParseResult, Passage, Skipped, is_searchable

__all__ = ["parse_file", "parse_paths", "parse_text", "parse_raw", "make_doc_id", "assign_doc_ids", "PARSER_VERSION"]

#: Bumped whenever cleaning, structure or target parsing changes what a file parses to;
#: an incremental build re-parses every document parsed by another version. (65: paragraph numbers and
#: bullets HWP/HWPX draw from paragraph styles, :mod:`~indexer.ingest.hwp_numbering`; 66: round 13's form
#: cards, tables across page breaks, 주1) notes, merged masthead cells, cover lines; 67: their review — a table
#: over three pages, schedules of marks, a note's pointer mid-sentence, bracketed annex labels; 68: a row is
#: joined across a page break only when its text above stops mid-phrase; 69: a merged bar read once; 70: an
#: HWP/HWPX paragraph that turns the page makes the next one start a new page; 71: round 14 — a second header row
#: under spans a reader repeats, a short title printed over the title, an article cited inside parentheses; 72: a
#: ladder of label columns fills its cells merged down; 73: a row label merged across columns read once, a PDF
#: merged cell cut by a page break closed at the break; 74: a first column of text (현황 | 대책) is read under its
#: name, not as a row label; 75: a running header that is the whole title, printed over it, makes the title once;
#: 76: a target's unit in Latin letters or a unit sign glued to its values, ``(’24) 12.5km → (’28) 60km``; 77: round
#: 16 — an annex title over its table, a table of hours read as rows, letters listed with middle dots one morpheme;
#: 78: round 17 — a bill's number merged down, a citation wrapped after a connective, footnotes past the reader's
#: line marks and before a colophon; 79: their review — a task number or an age band a label again, an annex title
#: over a table only when it names only; 80: round 18 — a running header naming its issuer in parentheses is no part
#: of the title, a 처분요구서 is a report; 81: a numbered 관리과제 (``(1) 관리과제 Ⅲ-1-①``) is its plan label's level, never
#: inside a □ block; 82: round 19 — an annex label with a full stop (``붙임 1.``, ``참고.``) opens its annex, a running
#: header that is a fuller form of the cover's title is the title once; 83: no parse changes, but a short box heading that
#: names a project (``□ 공공도서관 확충``) is its lines' subject in what they are embedded and BM25-indexed as, so every
#: document is read again; 84: round 20 — the name of the act a bill enacts, over its 제1조, opens the bill's text, and
#: a bill's 비용추계서 (or the statement of why it has none) is a part of its own; 85: a table whose "keys" recur
#: row after row is no key–value record, and a pair read twice in a record is read once; 86–94: blind rounds 20–23 —
#: contents pages (a title after a word, a table, a strip on one line), a summary's numbered sections, a numbering
#: started again, authors and series numbers on a cover, tables carried on, one-row field tables, banner rows, label
#: columns, enclosure lists, forms, a bill's 발의연월일; see docs/quality-log.md, sixteenth session; 95: a report to a
#: council is issued by its government's department, ``전라남도 보건복지국``; 96–97: round 24 — a contents page ends
#: where the body numbers its first entry otherwise, a vision box's label merged down is one pair, a list numbered
#: again under a heading goes on as items, a council's own report is the council's, ``주문`` opens no line unless
#: alone, a span's ordinal (``4차년도``) is no target, an answer right after its question is under it; 98: round 25 —
#: a committee's 검토보고서 named, typed and dated by its cover, up to ten letters spaced out joined, a review's
#: 관계기관 의견 and 종합의견 headings (99: on lines of their own), a numbered heading after □ headings alone opens
#: the body beside them; 100: a table's source line (``자료: …``) is a reference; 101–102: round 26 — a caption's own
#: parenthesis stays, a list's last item with notes under it is an item, a chapter's cover lines after its heading are
#: title lines; 103: an issuer's file number on the cover (``김해시 감사관 제2024-17호``) is a byline; 104–106: round 27 —
#: a code (``SER-003``) is one BM25 term, a captionless table's rows are children of the sentence leading into them,
#: a label merged down over a page break heads the rows on the next page, a plan's legal basis is no part of its title;
#: 107: round 28 — a numbered line pricing the lines under it in 억/천만원 heads them, a 공단's 이사장 signs for it, a
#: notice's own title under a running header; 108: round 29 — a council named alone is a cover line, a quoted article ends at
#: the document's next numbered heading, ``다. …`` after a list's ``나.`` is its next item, a new numbering's first number
#: under a numbered heading goes beside the boxes that heading opened; 109: round 30 — a title ending on a noun that looks
#: like an ending (``… 바다``) is a title, a plan's period and an office in parentheses are cover lines; 110: a second
#: read — a numbering's first number goes beside a numbered heading's boxes in every section, a code's parts stay morphs;
#: 111: rounds 31–32 — a written answer's unmarked 질의/답변 labels head their lines, a minutes speaker's turn is one
#: passage under the member's question, a numbered footer inside its page and a contents entry's page reference end
#: their lines, a title's short form over two title lines is dropped, a serial column under a spanned total is no label,
#: a header over a column of numbers is no key–value record, ``<참고>`` starts a line; 112: a review of it and rounds
#: 33–34 — QA labels only over a list, speakers with a name, an official answers the last member, a quoted law's 호 whose
#: number goes back is an item, ``… 조례안`` over 제1조 opens the act, a card's sub-labelled rows are its pairs, a slogan in
#: 니다 titles a task, ``성과 N`` labels a heading, a council's committee issues no report; 117: rounds 39–40 — a
#: yearbook's bare ``단위 : 명`` and spaced bilingual captions, a table's numbered notes, a letter's 제목 and 시행 date, an
#: annex's own outline, a run of annexes as a list, a closing signature under the last sentence; 118: rounds 41–42 — a
#: council named before its session, a label with a parenthesis goes on a list of fields, a budget book's 편성목 under
#: its project, a table repeating its header right under itself goes on, a plain title that says it is a table captions
#: it, one text across a table is a row of its own, a report's qualifier, a legal form; 119: rounds 43–44 — a series
#: number, a situation report's time and a law a notice cites are no title, rows under a row merged across a table;
#: 120: the review of 117–119 — a 참고 box keeps the outline, only an annex over the next annex is an item, a short
#: numbered title after a table's note is a heading, a source of funds is no project, adjacent tables on a page stay two;
#: 121: a date alone joins the sentence above it only where it closes its section (not an event's in a chronology).)
PARSER_VERSION = 121

_SLUG = re.compile(r"[^0-9a-zA-Z가-힣._-]+")


def make_doc_id(path: "str | os.PathLike[str]") -> str:
    """A readable, stable id from the file name: ``incheon-midterm-plan-2021-general-admin``."""
    stem = unicodedata.normalize("NFC", Path(path).stem)
    slug = _SLUG.sub("-", stem).strip("-._").lower()
    return slug or "doc-" + hashlib.blake2b(str(path).encode(), digest_size=4).hexdigest()


def parse_raw(raw: RawDocument, doc_id: str | None = None) -> Document:
    """Clean and structure an already read file."""
    doc_id = doc_id or make_doc_id(raw.source)
    clean = clean_pages(
        raw.pages,
        physical_pages=raw.page_numbers_known,
        paragraphs=raw.encoding in ("hwp", "hwpx"),
        runs_on=raw.runs_on,
        stops=raw.stops,
        box_titles=raw.box_titles,
        boxed=raw.boxed,
    )
    if not clean.text.strip():
        raise UnreadableDocument(raw.source, "no text left after removing scraper and layout noise")
    # Structure splits by the markers the text uses (bill, law, plan, text); the
    # document's type and cover metadata come from the raw lines (cleaning rejoins them).
    structure_type = detect_doc_type(clean.text)
    head = _head_lines(raw.pages)
    meta = extract_metadata(head, text=clean.text, running=clean.running)
    # (the cover's title dates a results report's tables of goals and results)
    passages = build_passages(doc_id, clean, structure_type, title=clean.title_hint or meta.title)
    if not passages:
        raise UnreadableDocument(raw.source, "no passages found")
    if not any(is_searchable(p) for p in passages):
        # A file that is only a title or headings ("예산") must still be findable.
        passages = tuple(replace(p, kind="paragraph") for p in passages)
    cover = cover_lines(head)
    title = _title(clean.title_hint, meta.title, passages, raw.source)
    titled = _titles(passages, title)
    if any(is_searchable(p) for p in titled):
        passages = titled
    return Document(
        doc_id=doc_id,
        title=title,
        source=raw.source,
        sha256=raw.sha256,
        doc_type=_doc_type(doc_type_of(title, cover, clean.text), structure_type, title, cover),
        text=clean.text,
        passages=passages,
        pages=clean.pages,
        date=meta.date,
        issuer=meta.issuer,
    )


def _titles(passages: tuple[Passage, ...], title: str) -> tuple[Passage, ...]:
    """A top-level line that only restates the document's title (``2024년 청년월세 지원 대상자 모집 공고`` on the
    cover) is a ``title`` passage: shown in the outline, never searched — every hit names its document, and a
    passage that says nothing more outranked the text for any query in the title's words. So are the cover's
    lines before the text that name only its issuer or date (``수원시 도시정책실``, ``2025. 1. 20.``), alone or
    after the title (``2025년 … 업무계획 2025. 1. 15. 해양수산부``): the hit shows them as the document's."""
    key = _squash(title)
    out: list[Passage] = []
    cover = True  # before the first passage that is not a top-level line of the cover
    for p in passages:
        # (a byline set off by dashes, ``- 도서관정책과 -``, reads as a list item; the cover of a chapter printed alone
        # may follow the chapter's heading: ``제4장 분야별 재원배분 및 투자계획`` / ``2025. 10.`` / ``김 해 시``)
        top = p.kind in ("heading", "paragraph", "title", "sub-item") and (not p.section or cover and p.kind == "paragraph")
        text = _squash(p.text)
        byline = cover and top and (is_cover_byline(p.text) or _beside_title(p.text, title) or _cover_lines(p.text, key))
        top = top and (p.kind != "sub-item" or byline)
        if top and (text == key or byline):
            p = replace(p, kind="title")
        elif p.kind != "title" and not (cover and p.kind == "heading" and not p.section and CHAPTER_LINE.match(p.text)):
            cover = False
        out.append(p)
    return tuple(out)


def _cover_lines(text: str, key: str) -> bool:
    """Cover lines each a part of the title or a byline (``국회 농림축산식품해양수산위원회 업무보고`` / ``2025. 2.`` /
    ``산림청`` under ``2025년 주요업무 추진계획``: a title over two lines, then the date and the issuer)."""
    lines = [x for x in text.splitlines() if x.strip()]
    # (a short form of a title the running header printed in full, ``2025년 업무계획`` in ``2025년 기상청 업무계획 …``)
    # (or the act the document is made under, printed under its title: ``「재난 및 안전관리 기본법」 제25조에 따른 …``; a
    # title's period after it, ``… 시행계획 (계획기간 : 2026. 1. 1. ~ 2026. 12. 31.)``, is no part of it)
    return bool(lines) and all(
        len(s := _squash(without_period(x))) >= 4 and (s in key or restates(key, s)) or is_cover_byline(x) or LEGAL_BASIS.match(x)
        or PERIOD_NOTE.match(x.strip())
        for x in lines
    )



def _beside_title(text: str, title: str) -> bool:
    """``제298회 마포구의회 임시회 2025년도 행정사무 업무보고 일자리경제과``: the title with cover bylines around it."""
    before, found, after = text.partition(title) if title else ("", "", "")
    # (or a short form of the title printed over it: ``공공자전거 운영 성과 분석 청주시 공공자전거 운영 성과 분석``)
    return bool(found) and all(not x.strip() or is_cover_byline(x) or restates(title, x) for x in (before, after))


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _head_lines(pages: Sequence[str], n: int = 200) -> list[str]:
    """The first ``n`` lines of the file as read (the cover, before cleaning rejoins its lines)."""
    out: list[str] = []
    for page in pages:
        out.extend(page.splitlines())
        if len(out) >= n:
            break
    return out[:n]


def _doc_type(cue_type: str, structure_type: str, title: str = "", cover: Sequence[str] = ()) -> str:
    # Cover and title cues name the type (press-release, work-plan …); a text they
    # leave generic ("report") is typed by its structure (articles → law, 제안이유 → bill),
    # unless its title says it is a report (``자체평가 결과보고서``) or its cover a periodical's issue
    # (``KOTI 정책브리프 Vol. 87``: a brief whose summary is a list of ○ is no plan).
    if cue_type == "report" and structure_type == "plan" and PERIODICAL.search(" ".join(cover)):
        return cue_type
    if cue_type == "report" and structure_type in ("bill", "law", "plan") and not REPORT_TITLE.search(title.replace(" ", "")):
        return structure_type
    return cue_type


def _title(hint: str | None, cover_title: str | None, passages, source: str) -> str:
    # The document's own title (cover, bill name, a law's first line) wins, except
    # on a scraped page: its first heading-like line names the excerpt ("일반공공행정 분야")
    # and the scraper's "문서에서 X (페이지 …)" names the whole document (X).
    if not hint and cover_title and _plausible_title(cover_title):
        return cover_title
    first = passages[0]
    lead = first.text if first.kind in ("heading", "paragraph") and len(first.text) <= 60 and not first.section else None
    parts = [p for p in (hint, lead) if p]
    if parts:
        return " · ".join(dict.fromkeys(parts))
    return Path(source).stem


def _plausible_title(title: str) -> bool:
    """Not a sentence of body text that happened to come first."""
    return 2 <= len(title) <= 100 and not BODY_SENTENCE.search(title)


def parse_file(path: "str | os.PathLike[str]", doc_id: str | None = None) -> Document:
    """Read and parse one file; raises :class:`UnreadableDocument` with a one-line reason."""
    return parse_raw(read_file(path), doc_id)


def parse_text(text: str, doc_id: str = "doc", source: str = "<text>") -> Document:
    """Parse text given in memory (tests, API callers)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return parse_raw(RawDocument(source, digest, "str", (text,), False), doc_id)


def assign_doc_ids(files: "Sequence[str | os.PathLike[str]]", previous: "dict[Path, str] | None" = None) -> list[str]:
    """Doc ids for ``files``, in order: the file name's slug, plus a path hash where two names collide.

    ``previous`` maps resolved paths to the ids an index already gave them; those
    are kept, so adding ``sub/plan.txt`` never renames an indexed ``plan.txt``.
    """
    previous = previous or {}
    resolved = [Path(f).resolve() for f in files]
    kept = {previous[r] for r in resolved if r in previous}
    bases = [make_doc_id(f) for f in files]
    counts: dict[str, int] = {}
    for b, r in zip(bases, resolved):
        if r not in previous:
            counts[b] = counts.get(b, 0) + 1
    out = []
    for b, r in zip(bases, resolved):
        if r in previous:
            out.append(previous[r])
        elif counts[b] == 1 and b not in kept:
            out.append(b)
        else:
            out.append(f"{b}-{hashlib.blake2b(str(r).encode(), digest_size=3).hexdigest()}")
    return out


def parse_paths(
    paths: "Iterable[str | os.PathLike[str]]",
) -> ParseResult:
    """Parse every supported file under ``paths``; unreadable ones are skipped with a reason.

    ``doc_id`` comes from the file name; two files with the same name get a
    path hash appended so ids stay unique and stable.
    """
    files = list(iter_input_files(list(paths)))
    docs: list[Document] = []
    skipped: list[Skipped] = []
    for f, doc_id in zip(files, assign_doc_ids(files)):
        try:
            docs.append(parse_file(f, doc_id))
        except UnreadableDocument as e:
            skipped.append(Skipped(e.source, e.reason))
    return ParseResult(tuple(docs), tuple(skipped))
