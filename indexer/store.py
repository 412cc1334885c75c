"""Store: documents, passages, morphemes and targets in one SQLite file.

SQLite is the durable record of an index generation; at load time it is read
whole into memory (:class:`Corpus`) because search needs every passage's
metadata at hand and a 100k-passage corpus is a few hundred MB at most.
Row numbers are the passages' positions; ``vector_rows`` maps FAISS/BM25
positions back to rows (headings are stored but not searched).
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from indexer.records import Document, PageSpan, Passage, Target, TargetPoint, is_searchable
from indexer.segmentation import Morph
from indexer.text import strip_bullet, unify_dots

__all__ = ["DocumentInfo", "Corpus", "write_store", "read_store", "dup_key"]

SCHEMA_VERSION = 2  # 2: documents.date, documents.issuer


def dup_key(text: str) -> str:
    """Normalised text for exact-duplicate detection: no whitespace or leading bullet, one middle dot, NFKC.

    ``○ 시정의 신뢰ㆍ이해도 제고`` and ``○시정의  신뢰․이해도 제고`` are one key; search
    collapses them into one hit and the audit reports them as one exact cluster.
    """
    return unicodedata.normalize("NFKC", unify_dots("".join(strip_bullet(text).split())))


@dataclass(frozen=True)
class DocumentInfo:
    """A document's metadata as stored (its passages live in :class:`Corpus`)."""

    doc_id: str
    title: str
    source: str
    sha256: str
    doc_type: str
    n_passages: int
    n_targets: int
    date: str | None = None
    issuer: str | None = None

    @property
    def year(self) -> int | None:
        """The year of ``date`` (``2022-01`` → 2022), None without a date."""
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


@dataclass
class Corpus:
    """An index generation's documents and passages, in memory."""

    documents: dict[str, DocumentInfo]
    passages: list[Passage]
    morphs: list[tuple[Morph, ...]]  # per row; offsets relative to the passage's text
    vector_rows: list[int]
    doc_texts: dict[str, str]
    doc_pages: dict[str, tuple[PageSpan, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.row_of = {p.id: i for i, p in enumerate(self.passages)}
        self.children: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            if p.parent_id:
                self.children.setdefault(p.parent_id, []).append(i)
        self.dup_groups: dict[str, list[int]] = {}
        for i in self.vector_rows:
            self.dup_groups.setdefault(dup_key(self.passages[i].text), []).append(i)
        self.doc_rows: dict[str, list[int]] = {}
        for i, p in enumerate(self.passages):
            self.doc_rows.setdefault(p.doc_id, []).append(i)

    def passage(self, passage_id: str) -> Passage | None:
        i = self.row_of.get(passage_id)
        return None if i is None else self.passages[i]


_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT NOT NULL, sha256 TEXT NOT NULL,
  doc_type TEXT NOT NULL, text TEXT NOT NULL, pages TEXT NOT NULL, date TEXT, issuer TEXT);
CREATE TABLE passages (
  row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(doc_id),
  kind TEXT NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  page INTEGER, parent_id TEXT, ordinal INTEGER NOT NULL, morphs TEXT NOT NULL, vector_pos INTEGER);
CREATE TABLE targets (
  passage_id TEXT NOT NULL, idx INTEGER NOT NULL, metric TEXT NOT NULL, unit TEXT, "values" TEXT NOT NULL,
  trend TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  PRIMARY KEY (passage_id, idx));
CREATE INDEX passages_doc ON passages(doc_id);
"""


def write_store(
    path: Path,
    documents: Sequence[Document],
    morphs: dict[str, tuple[Morph, ...]],
) -> list[int]:
    """Write documents to a new SQLite file; return the rows that are searchable, in vector order."""
    con = sqlite3.connect(path)
    try:
        con.executescript(_DDL)
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        row = 0
        vector_rows: list[int] = []
        for d in documents:
            con.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    d.doc_id, d.title, d.source, d.sha256, d.doc_type, d.text,
                    json.dumps([[s.start, s.end, s.page] for s in d.pages]), d.date, d.issuer,
                ),
            )
            for p in d.passages:
                pos = None
                if is_searchable(p):
                    pos = len(vector_rows)
                    vector_rows.append(row)
                con.execute(
                    "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        row, p.id, p.doc_id, p.kind, json.dumps(list(p.section), ensure_ascii=False), p.text,
                        p.start, p.end, p.page, p.parent_id, p.ordinal,
                        json.dumps([[m.form, m.tag, m.start, m.end] for m in morphs.get(p.id, ())], ensure_ascii=False),
                        pos,
                    ),
                )
                for i, t in enumerate(p.targets):
                    con.execute(
                        "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?)",
                        (p.id, i, t.metric, t.unit, json.dumps([[v.year, v.value] for v in t.values]), t.trend, t.text, t.start, t.end),
                    )
                row += 1
        con.commit()
    finally:
        con.close()
    return vector_rows


def read_store(path: Path) -> Corpus:
    """Load a store written by :func:`write_store` into memory."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if not version or int(version[0]) != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"store schema version {version and version[0]} != {SCHEMA_VERSION}")
        targets: dict[str, list[Target]] = {}
        for pid, _idx, metric, unit, values, trend, text, start, end in con.execute(
            'SELECT passage_id, idx, metric, unit, "values", trend, text, start, "end" FROM targets ORDER BY passage_id, idx'
        ):
            pts = tuple(TargetPoint(int(y), float(v)) for y, v in json.loads(values))
            targets.setdefault(pid, []).append(Target(metric, unit, pts, trend, text, start, end))
        passages: list[Passage] = []
        morphs: list[tuple[Morph, ...]] = []
        positions: list[tuple[int, int]] = []
        for row, pid, doc_id, kind, section, text, start, end, page, parent, ordinal, mjson, pos in con.execute(
            'SELECT row, id, doc_id, kind, section, text, start, "end", page, parent_id, ordinal, morphs, vector_pos FROM passages ORDER BY row'
        ):
            passages.append(
                Passage(pid, doc_id, kind, tuple(json.loads(section)), text, start, end, page, parent, ordinal, tuple(targets.get(pid, ())))
            )
            morphs.append(tuple(Morph(f, t, s, e) for f, t, s, e in json.loads(mjson)))
            if pos is not None:
                positions.append((pos, row))
        counts: dict[str, list[int]] = {}
        for p in passages:
            c = counts.setdefault(p.doc_id, [0, 0])
            c[0] += 1
            c[1] += len(p.targets)
        documents: dict[str, DocumentInfo] = {}
        texts: dict[str, str] = {}
        pages: dict[str, tuple[PageSpan, ...]] = {}
        for doc_id, title, source, sha, doc_type, text, pjson, date, issuer in con.execute(
            "SELECT doc_id, title, source, sha256, doc_type, text, pages, date, issuer FROM documents ORDER BY rowid"
        ):
            n, nt = counts.get(doc_id, [0, 0])
            documents[doc_id] = DocumentInfo(doc_id, title, source, sha, doc_type, n, nt, date, issuer)
            texts[doc_id] = text
            pages[doc_id] = tuple(PageSpan(a, b, pg) for a, b, pg in json.loads(pjson))
    finally:
        con.close()
    positions.sort()
    return Corpus(documents, passages, morphs, [r for _, r in positions], texts, pages)


def documents_from_corpus(corpus: Corpus, doc_ids: Iterable[str]) -> dict[str, tuple[Document, dict[str, tuple[Morph, ...]]]]:
    """Rebuild :class:`Document` records (and their morphemes) for reuse by an incremental build."""
    out: dict[str, tuple[Document, dict[str, tuple[Morph, ...]]]] = {}
    wanted = set(doc_ids)
    for doc_id in wanted:
        info = corpus.documents.get(doc_id)
        if info is None:
            continue
        rows = corpus.doc_rows.get(doc_id, [])
        passages = tuple(corpus.passages[r] for r in rows)
        doc = Document(
            doc_id, info.title, info.source, info.sha256, info.doc_type, corpus.doc_texts[doc_id], passages,
            corpus.doc_pages.get(doc_id, ()), date=info.date, issuer=info.issuer,
        )
        out[doc_id] = (doc, {corpus.passages[r].id: corpus.morphs[r] for r in rows})
    return out
