"""Structure: logical lines → passages placed in the document's hierarchy.

A plan has 장 (``제5장``) › 분야 (``1. 일반공공행정 분야``) › section
(``가. 투자 방향``) › 부문 (``【 입법 부문 】``) › ``○`` goal › ``-`` sub-item.
Bills split at 제안이유 / 주요내용 / ``가.`` items / 제N조 articles, laws at
제N장 / 제N조 (long articles at ①②), anything else at paragraphs cut into
sentence groups with Kiwi, so that no passage is a whole chapter.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from indexer.ingest.cleaning import CleanDocument
from indexer.ingest.targets import parse_targets
from indexer.records import Passage
from indexer.segmentation import split_sentences
from indexer.text import DASH_BULLETS, GOAL_BULLETS, NOTE_BULLETS

__all__ = ["build_passages", "detect_doc_type", "MAX_PASSAGE_CHARS"]

#: Paragraphs longer than this are cut into sentence groups of about this size.
MAX_PASSAGE_CHARS = 400


# Heading patterns, outermost first; the number is the heading's rank in the stack.
_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"^제\s*\d+\s*편(?:\s.{0,60})?$")),
    (1, re.compile(r"^제\s*\d+\s*장(?:\s.{0,60})?$")),
    (2, re.compile(r"^제\s*\d+\s*절(?:\s.{0,60})?$")),
    (1, re.compile(r"^[IVXⅠ-Ⅻ]+\s*\.\s*\S.{0,50}$")),
    (3, re.compile(r"^(?:제안\s*이유|주요\s*내용|참고\s*사항|부\s*칙(?:\s*<.{0,30}>)?)$")),
    (3, re.compile(r"^\d{1,2}\s*\.\s*\S.{0,50}$")),
    (4, re.compile(r"^[가-하]\s*\.\s*\S.{0,30}$")),
    (5, re.compile(r"^(?:\(\s*\d{1,2}\s*\)|\d{1,2}\s*\))\s*\S.{0,30}$")),
    (6, re.compile(r"^(?:【\s*.{1,40}?\s*】|\[\s*.{1,40}?\s*\])$")),
]
_ARTICLE = re.compile(r"^제\s*\d+\s*조(?:의\s*\d+)?\s*(?:\([^)]{1,40}\))?")
_CLAUSE = re.compile(r"(?<=\s)(?=[①-⑳])")
_ITEM = re.compile(r"^(?:[가-하]\s*[.)]|\d{1,2}\s*[.)]|\(\s*(?:\d{1,2}|[가-하])\s*\)|[①-⑳])\s*")
# Split a bulleted line at each further bullet: "○ a ○ b - c" → "○ a", "○ b", "- c".
_SPLIT_BULLETS = re.compile(rf"\s+(?=[{GOAL_BULLETS}{NOTE_BULLETS}]\s)|\s+(?=[{DASH_BULLETS}]\s)")
_SENTENCE_END = re.compile(r"[.。!?]$|다$")


@dataclass
class _Heading:
    rank: int
    text: str


def detect_doc_type(text: str) -> str:
    """``plan``, ``bill``, ``law`` or ``text``, from the markers the text uses."""
    head = text[:200_000]
    if re.search(r"^(?:제안\s*이유|주요\s*내용)\s*$", head, re.M):
        return "bill"
    articles = len(re.findall(r"^제\s*\d+\s*조", head, re.M))
    goals = len(re.findall(rf"^[{GOAL_BULLETS}]\s", head, re.M)) + head.count(" ○ ")
    if goals >= 3 and goals >= articles:
        return "plan"
    if articles >= 2:
        return "law"
    return "text"


def _heading_rank(line: str) -> int | None:
    if len(line) > 60 or _SENTENCE_END.search(line) and not line.endswith("분야"):
        # Long lines and sentences are content, even when they start like a heading.
        if not re.match(r"^제\s*\d+\s*[편장절]", line):
            return None
    for rank, pat in _HEADINGS:
        if pat.match(line):
            return rank
    return None


def _stable_id(doc_id: str, kind: str, section: tuple[str, ...], text: str, occurrence: int) -> str:
    # Content-derived, so an edit elsewhere in the document does not renumber this passage.
    h = hashlib.blake2b("\x1f".join((kind, *section, text, str(occurrence))).encode(), digest_size=6).hexdigest()
    return f"{doc_id}:{h}"


class _Builder:
    def __init__(self, doc_id: str, clean: CleanDocument) -> None:
        self.doc_id = doc_id
        self.clean = clean
        self.stack: list[_Heading] = []
        self.out: list[Passage] = []
        self.seen: dict[tuple, int] = {}
        self.last_goal: Passage | None = None

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.stack)

    def emit(self, kind: str, start: int, end: int, page: int | None, parent: str | None = None) -> Passage | None:
        text = self.clean.text[start:end]
        # Trim surrounding whitespace while keeping offsets exact.
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            return None
        start += lead
        end = start + len(text)
        key = (kind, self.section, text)
        occ = self.seen.get(key, 0)
        self.seen[key] = occ + 1
        p = Passage(
            id=_stable_id(self.doc_id, kind, self.section, text, occ),
            doc_id=self.doc_id,
            kind=kind,
            section=self.section,
            text=text,
            start=start,
            end=end,
            page=page,
            parent_id=parent,
            ordinal=len(self.out),
            targets=parse_targets(text, offset=start),
        )
        self.out.append(p)
        return p

    def heading(self, rank: int, start: int, end: int, page: int | None) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        self.emit("heading", start, end, page)
        self.stack.append(_Heading(rank, self.clean.text[start:end].strip()))
        self.last_goal = None

    def bulleted(self, start: int, end: int, page: int | None) -> None:
        line = self.clean.text[start:end]
        cuts = [0] + [m.end() for m in _SPLIT_BULLETS.finditer(line)] + [len(line)]
        for a, b in zip(cuts, cuts[1:]):
            piece = line[a:b].rstrip()
            if not piece.strip():
                continue
            first = piece.lstrip()[:1]
            if first in DASH_BULLETS:
                self.emit("sub-item", start + a, start + a + len(piece), page, self.last_goal.id if self.last_goal else None)
            elif first in NOTE_BULLETS:
                self.emit("paragraph", start + a, start + a + len(piece), page, self.last_goal.id if self.last_goal else None)
            else:
                self.last_goal = self.emit("goal", start + a, start + a + len(piece), page)

    def prose(self, kind: str, start: int, end: int, page: int | None) -> None:
        """A paragraph, article or item; long ones are cut at clauses (①) or sentence groups."""
        text = self.clean.text[start:end]
        if len(text) <= MAX_PASSAGE_CHARS:
            self.emit(kind, start, end, page)
            return
        if kind == "article":
            cuts = [m.start() for m in _CLAUSE.finditer(text)]
            if cuts:
                bounds = [0, *cuts, len(text)]
                for a, b in zip(bounds, bounds[1:]):
                    self._sentences(kind, start + a, start + b, page)
                return
        self._sentences(kind, start, end, page)

    def _sentences(self, kind: str, start: int, end: int, page: int | None) -> None:
        text = self.clean.text[start:end]
        if len(text) <= MAX_PASSAGE_CHARS:
            self.emit(kind, start, end, page)
            return
        spans = [piece for s, e in (split_sentences(text) or [(0, len(text))]) for piece in _at_spaces(text, s, e)]
        group_start = spans[0][0]
        group_end = spans[0][0]
        for s, e in spans:
            if group_end > group_start and e - group_start > MAX_PASSAGE_CHARS:
                self.emit(kind, start + group_start, start + group_end, page)
                group_start = s
            group_end = e
        if group_end > group_start:
            self.emit(kind, start + group_start, start + group_end, page)


def _at_spaces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A "sentence" longer than a passage (no punctuation at all) cut at the last space before the limit."""
    out = []
    while end - start > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", start + MAX_PASSAGE_CHARS // 2, start + MAX_PASSAGE_CHARS)
        if cut <= start:
            cut = start + MAX_PASSAGE_CHARS  # no space at all: a hard cut beats a chapter-sized passage
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def build_passages(doc_id: str, clean: CleanDocument, doc_type: str | None = None) -> tuple[Passage, ...]:
    """Passages of a cleaned document, each with its section path, offsets, page and targets."""
    doc_type = doc_type or detect_doc_type(clean.text)
    b = _Builder(doc_id, clean)
    for ln in clean.lines:
        line = clean.text[ln.start : ln.end]
        first = line[:1]
        rank = _heading_rank(line)
        bulleted = first in GOAL_BULLETS + DASH_BULLETS + NOTE_BULLETS
        if not b.out and rank is None and len(line) <= 60 and not bulleted and not _SENTENCE_END.search(line):
            # A short first line names the document ("일반공공행정 분야"): keep it as a
            # heading for the outline, but not on every passage's section path.
            b.emit("heading", ln.start, ln.end, ln.page)
        elif rank is not None:
            b.heading(rank, ln.start, ln.end, ln.page)
        elif first in GOAL_BULLETS or first in NOTE_BULLETS or (first in DASH_BULLETS and line[1:2].isspace()):
            b.bulleted(ln.start, ln.end, ln.page)
        elif _ARTICLE.match(line):
            b.prose("article", ln.start, ln.end, ln.page)
        elif _ITEM.match(line):
            b.prose("item", ln.start, ln.end, ln.page)
        else:
            b.prose("paragraph", ln.start, ln.end, ln.page)
    return tuple(b.out)
