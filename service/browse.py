"""Browse a loaded index without a query: a passage in context, a document's
outline, the document list and the quantitative targets.

The CLI and the HTTP service both call these functions, so a chatbot that
expands a search hit (``/passages/{id}``) sees exactly what ``plansearch``
prints. Everything here only reads :attr:`SearchIndex.corpus`, which is
immutable after loading, so the functions are safe to call from many threads.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from indexer.errors import NotFound, UnknownChoice, check_choice
from indexer.records import TRENDS, VIEW_KINDS, Passage, Target
from indexer.store import DocumentInfo
from indexer.text import normalize_query
from service.search.engine import SearchIndex

#: Passages a passage's neighbours skip: headings (its section path has them), title lines (the document names them)
#: and table views (their rows are passages).
_NOT_NEIGHBOURS = frozenset({"heading", "title", *VIEW_KINDS})

__all__ = [
    "PassageContext",
    "SectionNode",
    "DocumentOutline",
    "TargetEntry",
    "passage_context",
    "document_outline",
    "list_documents",
    "list_targets",
    "public_source",
]


# ---- passage in context ------------------------------------------------------


@dataclass(frozen=True)
class PassageContext:
    """A passage with what a reader needs to cite and expand it."""

    passage: Passage
    doc_title: str
    parent: Passage | None
    children: tuple[Passage, ...]
    previous: Passage | None
    next: Passage | None



def passage_context(ix: SearchIndex, passage_id: str) -> PassageContext:
    """The passage, its parent goal, its sub-items and its neighbours in the document.

    Neighbours skip headings and tables: the heading path is already in ``section``, a table's
    rows are passages of their own, and a reader expanding a goal wants the goal before and after it.
    """
    c = ix.corpus
    row = c.row_of.get(passage_id)
    if row is None:
        raise NotFound(f"no passage {passage_id!r} in this index; passage ids come from search hits")
    p = c.passages[row]
    parent = c.passage(p.parent_id) if p.parent_id else None
    children = tuple(c.passages[r] for r in c.children.get(p.id, ()))
    held = ix.tables.members(row) if p.kind in VIEW_KINDS else range(0)  # a table's rows: it shows them
    rows = [r for r in c.doc_rows.get(p.doc_id, ()) if r == row or (c.passages[r].kind not in _NOT_NEIGHBOURS and r not in held)]
    i = rows.index(row)
    prev = c.passages[rows[i - 1]] if i > 0 else None
    nxt = c.passages[rows[i + 1]] if i + 1 < len(rows) else None
    if p.kind in VIEW_KINDS:
        p = replace(p, targets=ix.tables.targets(c, row))  # its rows' series, as its hit carries them
    return PassageContext(p, c.documents[p.doc_id].title, parent, children, prev, nxt)


# ---- document outline --------------------------------------------------------


@dataclass(frozen=True)
class SectionNode:
    """One heading of a document's section tree.

    ``passages`` counts the non-heading passages directly under this heading,
    ``total`` those in the whole subtree.
    """

    title: str
    path: tuple[str, ...]
    passage_id: str | None
    page: int | None
    passages: int
    total: int
    children: tuple["SectionNode", ...]



@dataclass(frozen=True)
class DocumentOutline:
    """A document's metadata and its section tree; ``unsectioned`` counts passages above any heading."""

    document: DocumentInfo
    sections: tuple[SectionNode, ...]
    unsectioned: int



def _known_doc(ix: SearchIndex, doc_id: str) -> DocumentInfo:
    info = ix.corpus.documents.get(doc_id)
    if info is None:
        raise NotFound(f"no document {doc_id!r} in this index; known documents: {', '.join(sorted(ix.corpus.documents))}")
    return info


def public_source(source: str, corpus_dir: "str | Path | None" = None) -> str:
    """A document's source as shown to clients: the path relative to ``corpus_dir`` when it lies
    inside it, else only the file name — never a path of the server's filesystem."""
    if corpus_dir is not None:
        try:
            return Path(source).resolve().relative_to(Path(corpus_dir).resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return Path(source).name


def _public(info: DocumentInfo, corpus_dir: "str | Path | None") -> DocumentInfo:
    return replace(info, source=public_source(info.source, corpus_dir))


def document_outline(ix: SearchIndex, doc_id: str, corpus_dir: "str | Path | None" = None) -> DocumentOutline:
    """Build the section tree from heading passages and the section paths of the others.

    A section path can name a heading that has no heading passage of its own
    (the structure stage saw it only as context), so nodes are created from
    paths and heading passages only add their id and page. ``source`` is made
    public (:func:`public_source`) against ``corpus_dir``.
    """
    info = _known_doc(ix, doc_id)
    c = ix.corpus
    # path -> [heading passage id, page, direct count, child paths]; dicts keep first-seen order.
    nodes: dict[tuple[str, ...], list[Any]] = {}
    roots: list[tuple[str, ...]] = []

    def node(path: tuple[str, ...]) -> list[Any]:
        if path not in nodes:
            nodes[path] = [None, None, 0, []]
            if len(path) > 1:
                node(path[:-1])[3].append(path)
            else:
                roots.append(path)
        return nodes[path]

    unsectioned = 0
    for r in c.doc_rows.get(doc_id, ()):
        p = c.passages[r]
        if p.kind in VIEW_KINDS:
            continue  # a table passage holds rows counted on their own
        if p.kind == "heading":
            n = node(p.section + (p.text,))
            if n[0] is None:
                n[0], n[1] = p.id, p.page
        elif p.section:
            node(p.section)[2] += 1
        else:
            unsectioned += 1

    def freeze(path: tuple[str, ...]) -> SectionNode:
        pid, page, direct, kids = nodes[path]
        children = tuple(freeze(k) for k in kids)
        return SectionNode(path[-1], path, pid, page, direct, direct + sum(ch.total for ch in children), children)

    return DocumentOutline(_public(info, corpus_dir), tuple(freeze(r) for r in roots), unsectioned)


def list_documents(ix: SearchIndex, corpus_dir: "str | Path | None" = None) -> list[DocumentInfo]:
    """Every document of the index, in index order, with passage and target counts.

    ``source`` is relative to ``corpus_dir`` (or only the file name): never a server path.
    """
    return [_public(d, corpus_dir) for d in ix.corpus.documents.values()]


# ---- targets -----------------------------------------------------------------


@dataclass(frozen=True)
class TargetEntry:
    """A quantitative target and where it is stated."""

    target: Target
    passage_id: str
    doc_id: str
    doc_title: str
    section: tuple[str, ...]
    page: int | None

    # The target's own fields, so that an entry reads as one flat record.
    @property
    def metric(self) -> str:
        return self.target.metric

    @property
    def unit(self) -> str | None:
        return self.target.unit

    @property
    def values(self) -> tuple:
        return self.target.values

    @property
    def trend(self) -> str:
        return self.target.trend

    @property
    def text(self) -> str:
        return self.target.text


def _squash(s: str) -> str:
    """Whitespace-free, NFKC, case-folded: ``"ＩＤＣ) 통합"`` and ``"(IDC) 통합"`` both give ``idc)통합``."""
    return "".join(unicodedata.normalize("NFKC", normalize_query(s)).split()).casefold()


def list_targets(ix: SearchIndex, q: str | None = None, doc: str | None = None, trend: str | None = None) -> list[TargetEntry]:
    """Every target in document order, optionally filtered.

    ``q`` keeps targets whose metric or text contains it (whitespace-insensitive,
    NFKC-normalised); ``doc`` must be a known document id and ``trend`` one of
    up/flat/down, else :class:`UnknownChoice` lists the valid values.
    """
    c = ix.corpus
    check_choice("trend", trend, TRENDS)
    if doc is not None and doc not in c.documents:
        raise UnknownChoice("document", doc, sorted(c.documents))
    needle = _squash(q) if q else ""
    out: list[TargetEntry] = []
    for doc_id in [doc] if doc else c.documents:
        title = c.documents[doc_id].title
        for r in c.doc_rows.get(doc_id, ()):
            p = c.passages[r]
            for t in p.targets:
                if trend and t.trend != trend:
                    continue
                if needle and needle not in _squash(t.metric) and needle not in _squash(t.text):
                    continue
                out.append(TargetEntry(t, p.id, doc_id, title, p.section, p.page))
    return out
