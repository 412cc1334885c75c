"""RAG context: the best passages for a query as one numbered, cited text ready for an LLM prompt.

    [1] 2021-2025 중기지방재정계획 › 제5장 › 1. 일반공공행정 분야 › 나. 투자 중점사업 (p. 123)
    ○ 주민자치 활성화 …
      - 주민자치회 구성 확대 …

Each hit is expanded with its parent goal (a sub-item reads badly without it); passages that sit
next to each other in one document (or share a parent) are merged into one numbered block;
exact repeats and passages already shown are left out; blocks are added best first until
``budget`` characters, and the last one is cut at a line or word boundary rather than dropped
when enough room is left. The answer never exceeds ``budget``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from indexer.errors import InvalidQuery
from indexer.records import Passage
from indexer.store import dup_key
from service.search.engine import SearchIndex

__all__ = ["DEFAULT_BUDGET", "MIN_BUDGET", "MAX_BUDGET", "Citation", "RagContext", "build_context", "check_budget"]

DEFAULT_BUDGET = 2000
MIN_BUDGET = 200
MAX_BUDGET = 20000
#: Hits looked at; more than fit in a default budget, so merging and dedup still fill it.
CANDIDATES = 12
#: A cut block is kept only when at least this many characters of it fit.
MIN_TAIL = 120


@dataclass(frozen=True)
class Citation:
    """One numbered block of the context: where its text comes from."""

    n: int
    passage_ids: tuple[str, ...]
    doc_id: str
    doc_title: str
    section: tuple[str, ...]
    page: int | None
    relevance: float
    truncated: bool = False


@dataclass(frozen=True)
class RagContext:
    query: str
    match: str
    budget: int
    context: str
    citations: tuple[Citation, ...] = field(default_factory=tuple)


@dataclass
class _Block:
    doc_id: str
    rows: list[int]  # passage rows in document order
    relevance: float
    anchor: int  # rank of the best hit in it, for ordering


def check_budget(budget: int) -> None:
    if not MIN_BUDGET <= budget <= MAX_BUDGET:
        raise InvalidQuery(f"budget={budget} is out of range; use {MIN_BUDGET}..{MAX_BUDGET} characters")


def _header(n: int, title: str, section: Sequence[str], page: int | None) -> str:
    path = " › ".join([title, *section]) if title else " › ".join(section)
    return f"[{n}] {path}" + (f" (p. {page})" if page is not None else "")


def _line(p: Passage, child_of_shown_parent: bool) -> str:
    if p.kind == "table":  # its rows, one a line
        return "\n".join(" ".join(line.split()) for line in p.text.splitlines())
    text = " ".join(p.text.split())
    if p.kind == "goal":
        return text if text.startswith("○") else f"○ {text}"
    if p.kind == "sub-item":
        text = text if text.startswith("-") else f"- {text}"
        return f"  {text}" if child_of_shown_parent else text
    return text


def _cut(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` characters, at a line, then word, boundary, with an ellipsis."""
    if len(text) <= room:
        return text
    head = text[: max(0, room - 1)]
    for sep in ("\n", " "):
        i = head.rfind(sep)
        if i >= room // 2:
            head = head[:i]
            break
    return head.rstrip() + "…"


def build_context(
    ix: SearchIndex,
    query: str,
    budget: int = DEFAULT_BUDGET,
    mode: str = "hybrid",
    docs: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    doc_types: Sequence[str] | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> RagContext:
    """Search ``query`` and pack the best passages into at most ``budget`` characters, numbered and cited."""
    check_budget(budget)
    res = ix.search(
        query, k=CANDIDATES, mode=mode, docs=docs, kinds=kinds, doc_types=doc_types, year_from=year_from, year_to=year_to
    )
    c = ix.corpus
    if res.match == "none":
        # Nothing relevant: an empty context is the honest answer (the chatbot says "not found").
        return RagContext(res.query, "none", budget, "", ())

    blocks: list[_Block] = []
    shown: set[int] = set()
    seen_text: set[str] = set()
    for rank, h in enumerate(res.hits):
        row = c.row_of[h.passage_id]
        key = dup_key(c.passages[row].text)
        if row in shown or key in seen_text:
            continue
        rows = [row]
        p = c.passages[row]
        if p.parent_id is not None and (prow := c.row_of.get(p.parent_id)) is not None:
            rows.insert(0, prow)
        rows = [r for r in rows if r not in shown]
        # Merge into a block of the same document that this one touches (adjacent or same parent).
        target = None
        for b in blocks:
            if b.doc_id != p.doc_id:
                continue
            ords = {c.passages[r].ordinal for r in b.rows}
            if any(c.passages[r].ordinal - 1 in ords or c.passages[r].ordinal + 1 in ords for r in rows) or (
                p.parent_id is not None and c.row_of.get(p.parent_id) in b.rows
            ):
                target = b
                break
        if target is None:
            blocks.append(_Block(p.doc_id, rows, h.relevance, rank))
        else:
            target.rows = sorted(set(target.rows) | set(rows), key=lambda r: c.passages[r].ordinal)
        shown.update(rows)
        seen_text.update(dup_key(c.passages[r].text) for r in rows)

    parts: list[str] = []
    cites: list[Citation] = []
    used = 0
    rendered: set[str] = set()
    for b in blocks:
        # A later merge can pull into one block a text an earlier block already shows: show it once.
        b.rows = [r for r in b.rows if dup_key(c.passages[r].text) not in rendered]
        if not b.rows:
            continue
        rendered.update(dup_key(c.passages[r].text) for r in b.rows)
        first = c.passages[b.rows[0]]
        n = len(cites) + 1
        head = _header(n, c.documents[first.doc_id].title, first.section, first.page)
        shown_ids = {c.passages[r].id for r in b.rows}
        body = "\n".join(_line(c.passages[r], c.passages[r].parent_id in shown_ids) for r in b.rows)
        block = f"{head}\n{body}"
        sep = 2 if parts else 0  # blank line between blocks
        room = budget - used - sep
        truncated = False
        if len(block) > room:
            if parts and room - len(head) - 1 < MIN_TAIL:
                break  # too little room for a useful piece of one more block
            block = _cut(block, room)
            truncated = True
        parts.append(block)
        used += sep + len(block)
        cites.append(
            Citation(
                n=n,
                passage_ids=tuple(c.passages[r].id for r in b.rows),
                doc_id=b.doc_id,
                doc_title=c.documents[b.doc_id].title,
                section=first.section,
                page=first.page,
                relevance=b.relevance,
                truncated=truncated,
            )
        )
        if truncated:
            break
    text = "\n\n".join(parts)
    assert len(text) <= budget
    return RagContext(res.query, res.match, budget, text, tuple(cites))
