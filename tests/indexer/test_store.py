"""The store read back compactly: a corpus opened from SQLite answers exactly as one held in lists."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from indexer.records import Document, PageSpan, Passage, Target, TargetPoint
from indexer.segmentation import Morph
from indexer.shards import merge_corpora
from indexer.store import Corpus, DocumentInfo, Rows, StringColumn, documents_from_corpus, dup_key, read_store, write_store


def _documents() -> tuple[list[Document], dict[str, tuple[Morph, ...]]]:
    """Three documents: goals with sub-items and targets, headings, pasted copies, a dangling parent."""
    docs, morphs = [], {}
    for d in range(3):
        doc_id = f"doc-{d}"
        passages = []
        for j in range(40):
            pid = f"{doc_id}:p{j:02d}"
            kind = "heading" if j % 10 == 0 else "goal" if j % 5 == 1 else "sub-item"
            parent = None if kind != "sub-item" else f"{doc_id}:p{j - (j % 5) + 1:02d}" if j % 5 > 1 else None
            if d == 2 and j == 3:
                parent = "elsewhere:p00"  # a parent the corpus does not hold
            text = "○ 주민자치회 전환" if j in (2, 12) else f"□ 사업 {d}-{j} 추진" if kind == "heading" else f"- 과제 {d} {j} 확대"
            targets = (Target("주민자치회 구성(개)", "개", (TargetPoint(2021, 132.0), TargetPoint(2022, 154.0)), "up", "…", 5, 9),) if j % 7 == 0 else ()
            section = ("제5장", f"{j // 10}. 분야")
            passages.append(Passage(pid, doc_id, kind, section, text, j * 20, j * 20 + len(text), 1 + j // 20, parent, j, targets))
            morphs[pid] = (Morph("과제", "NNG", 2, 4), Morph(str(j), "SN", 5, 5 + len(str(j))))
        text = "\n".join(p.text for p in passages)
        docs.append(Document(doc_id, f"문서 {d}", f"{doc_id}.txt", "0" * 64, "plan", text, tuple(passages),
                             (PageSpan(0, 100, 1), PageSpan(100, len(text), 2)), date="2022-01", issuer="인천광역시"))
    return docs, morphs


def _in_memory(docs: list[Document], morphs: dict, vector_rows: list[int]) -> Corpus:
    passages = [p for d in docs for p in d.passages]
    infos = {d.doc_id: DocumentInfo(d.doc_id, d.title, d.source, d.sha256, d.doc_type, len(d.passages),
                                    sum(len(p.targets) for p in d.passages), d.date, d.issuer) for d in docs}
    return Corpus(infos, passages, [morphs.get(p.id, ()) for p in passages], vector_rows,
                  {d.doc_id: d.text for d in docs}, {d.doc_id: d.pages for d in docs})


def _same(a: Corpus, b: Corpus) -> None:
    assert a.documents == b.documents
    assert list(a.passages) == list(b.passages) and list(a.morphs) == list(b.morphs)
    assert a.vector_rows == b.vector_rows and len(a.passages) == len(b.passages)
    for r in [0, 7, 41, len(a.passages) - 1, -1]:
        assert a.passages[r] == b.passages[r] and a.morphs[r] == b.morphs[r]
    assert list(a.ids) == list(b.ids) == [p.id for p in a.passages]
    for p in a.passages:
        assert b.row_of[p.id] == a.row_of[p.id] and b.passage(p.id) == p
        assert b.children.get(p.id) == a.children.get(p.id)
        assert b.dup_groups.get(dup_key(p.text)) == a.dup_groups.get(dup_key(p.text))
    assert "nope" not in b.row_of and b.passage("nope") is None and b.children.get("nope", ()) == ()
    assert dict(b.doc_rows) == dict(a.doc_rows) and dict(b.children) == dict(a.children)
    assert dict(b.dup_groups) == dict(a.dup_groups)
    assert dict(b.doc_texts) == dict(a.doc_texts) and dict(b.doc_pages) == dict(a.doc_pages)
    rows = [0, 3, 4, 40, len(a.passages) - 1]
    assert [[tuple(m) for m in r] for r in b.iter_raw_morphs(rows)] == [[tuple(m) for m in r] for r in a.iter_raw_morphs(rows)]
    assert [[tuple(m) for m in r] for r in b.iter_raw_morphs(rows)] == [[(m.form, m.tag, m.start, m.end) for m in a.morphs[r]] for r in rows]
    for name in ("doc_id", "kind", "section"):
        va, vb = a.codes(name), b.codes(name)
        assert [va.values[c] for c in va.codes] == [vb.values[c] for c in vb.codes]


def _dicts(corpus: Corpus) -> dict:
    """The lookups as the dicts the corpus used to build (the reference)."""
    row_of = {p.id: i for i, p in enumerate(corpus.passages)}
    children: dict[str, list[int]] = {}
    for i, p in enumerate(corpus.passages):
        if p.parent_id in row_of:
            children.setdefault(p.parent_id, []).append(i)
    dup: dict[str, list[int]] = {}
    for i in corpus.vector_rows:
        dup.setdefault(dup_key(corpus.passages[i].text), []).append(i)
    doc_rows: dict[str, list[int]] = {}
    for i, p in enumerate(corpus.passages):
        doc_rows.setdefault(p.doc_id, []).append(i)
    return {"row_of": row_of, "children": children, "dup_groups": dup, "doc_rows": doc_rows}


@pytest.fixture()
def stored(tmp_path):
    docs, morphs = _documents()
    vector_rows = write_store(tmp_path / "store.sqlite", docs, morphs)
    corpus = read_store(tmp_path / "store.sqlite")
    yield docs, morphs, vector_rows, corpus
    corpus.close()


def test_a_stored_corpus_answers_as_the_lists_it_was_written_from(stored):
    docs, morphs, vector_rows, corpus = stored
    reference = _in_memory(docs, morphs, vector_rows)
    _same(reference, corpus)
    for name, expected in _dicts(reference).items():
        assert dict(getattr(corpus, name)) == expected, name
    assert corpus.documents["doc-0"].n_targets == 6 and corpus.documents["doc-1"].n_passages == 40
    assert isinstance(corpus.vector_rows, Rows) and corpus.vector_rows == vector_rows
    assert corpus.passages[-1] == docs[-1].passages[-1]
    with pytest.raises(IndexError):
        corpus.passages[len(corpus.passages)]


def test_documents_come_back_whole_for_an_incremental_build(stored):
    docs, morphs, _, corpus = stored
    out = documents_from_corpus(corpus, ["doc-1", "missing"])
    doc, m = out["doc-1"]
    assert doc == docs[1] and m == {p.id: morphs[p.id] for p in docs[1].passages} and "missing" not in out


def test_merged_shards_answer_as_one_store(tmp_path):
    docs, morphs = _documents()
    whole_rows = write_store(tmp_path / "whole.sqlite", docs, morphs)
    parts = [[docs[0]], docs[1:]]
    for i, part in enumerate(parts):
        write_store(tmp_path / f"shard-{i}.sqlite", part, morphs)
    merged = merge_corpora([read_store(tmp_path / f"shard-{i}.sqlite") for i in range(len(parts))])
    whole = read_store(tmp_path / "whole.sqlite")
    _same(whole, merged)
    assert merged.vector_rows == whole_rows
    # Lists merge too (the in-memory path).
    lists = merge_corpora([_in_memory(p, morphs, [r for r, q in enumerate(x for d in p for x in d.passages) if q.kind != "heading"])
                           for p in parts])
    assert list(lists.passages) == list(whole.passages) and lists.row_of == whole.row_of
    merged.close()
    whole.close()


def test_rows_are_read_on_demand_by_many_threads_and_after_close(stored):
    docs, _, _, corpus = stored
    expected = [p for d in docs for p in d.passages]
    errors: list[BaseException] = []

    def read(seed: int) -> None:
        try:
            rng = np.random.default_rng(seed)
            for r in rng.integers(0, len(expected), 300).tolist():
                assert corpus.passages[r] == expected[r] and len(corpus.morphs[r]) == 2
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=read, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    corpus.close()
    assert corpus.passages[5] == expected[5]  # reopened on demand


def test_walking_rows_in_order_reads_ahead(stored, monkeypatch):
    _, _, _, corpus = stored
    table = corpus.passages
    calls: list[tuple[int, int]] = []
    cache = table._rows._cache
    fetch = cache._fetch
    monkeypatch.setattr(cache, "_fetch", lambda lo, hi: calls.append((lo, hi)) or fetch(lo, hi))
    assert [p.id for p in (table[r] for r in range(len(table)))] == list(corpus.ids)
    assert len(calls) < 12  # windows of 1, 2, 4 … rows, not one query a row
    assert list(Corpus.iter_rows(table, [3, 4, 90, 91])) == [table[3], table[4], table[90], table[91]]


def test_texts_of_scattered_rows_read_those_rows_alone(stored, monkeypatch):
    docs, _, _, corpus = stored
    expected = [p.text for d in docs for p in d.passages]
    con = corpus.passages._con
    fetched: list[int] = []
    fetch = con.fetch
    monkeypatch.setattr(con, "fetch", lambda sql, params=(): fetched.append(len(got := fetch(sql, params))) or got)
    scattered = [3, 50, 110]  # a search's candidates: three rows over a span of 108
    assert list(corpus.texts(scattered)) == [expected[r] for r in scattered]
    assert sum(fetched) == 3
    fetched.clear()
    assert list(corpus.texts(range(len(expected)))) == expected and len(fetched) == 1  # every row: one read of the span


def test_string_column_and_rows():
    col = StringColumn.pack([s.encode() for s in ["가", "", "abc", "주민자치회"]])
    assert list(col) == ["가", "", "abc", "주민자치회"] and col[-1] == "주민자치회" and col[1:3] == ["", "abc"]
    assert list(StringColumn.concat([col, col])) == list(col) * 2
    rows = Rows([3, 1, 2])
    assert rows == [3, 1, 2] and rows == Rows(np.array([3, 1, 2])) and rows != [3, 1] and list(rows[1:]) == [1, 2]
    assert np.asarray(rows).dtype == np.int32 and rows[0] == 3 and isinstance(rows[0], int)
