"""Table views (service/search/tables.py): a table row's hit shows the table passage around it."""

from __future__ import annotations

import pytest

from tests.conftest import BUDGET_TABLE, index_of_texts

PLAN = f"""□ 국어 말뭉치 확대 구축
ㅇ 인공지능 학습용 국어 말뭉치를 구축하여 공개한다.

{BUDGET_TABLE}
□ 공공언어 개선
ㅇ 어려운 공공용어를 쉬운 말로 다듬어 보급한다.
"""


@pytest.fixture(scope="module")
def ix(tmp_path_factory, embedder):
    return index_of_texts(tmp_path_factory.mktemp("tables"), {"plan.txt": PLAN}, embedder)


def _table_hit(ix, query: str):
    return next(h for h in ix.search(query, k=10).hits if h.kind == "table")


def test_a_row_hit_shows_its_table_and_names_the_row(ix):
    hit = _table_hit(ix, "세출예산 합계")
    rows = [ix.corpus.passages[r] for r in ix.tables.members(ix.corpus.row_of[hit.passage_id])]
    assert [r.kind for r in rows] == ["row"] * 3
    assert hit.text == "\n".join(r.text for r in rows)
    assert hit.matched_passage_id in {r.id for r in rows}
    # The rows' targets come with the table; each row stays its own search unit.
    assert sorted(t.metric for t in hit.targets) == sorted(t.metric for r in rows for t in r.targets) and hit.targets
    hits = ix.search("세출예산 합계", k=10).hits
    assert sum(h.kind == "table" for h in hits) == 1 and not any(h.kind == "row" for h in hits)


def test_asked_for_by_kind_a_row_is_its_own_hit(ix):
    hits = ix.search("세출예산 합계", k=10, kinds=["row"]).hits
    assert hits and all(h.kind == "row" and h.matched_passage_id is None for h in hits)


def test_table_is_no_kind_to_filter_by(ix):
    from indexer.errors import UnknownChoice

    with pytest.raises(UnknownChoice) as e:
        ix.search("세출예산", kinds=["table"])
    assert "row" in str(e.value) and "table" not in str(e.value).split(":", 1)[1]


def test_a_table_passage_can_be_fetched_and_is_no_neighbour(ix):
    from service.browse import passage_context

    hit = _table_hit(ix, "세출예산 합계")
    ctx = passage_context(ix, hit.passage_id)
    assert ctx.passage.kind == "table" and ctx.passage.text == hit.text
    first_row = passage_context(ix, ix.corpus.passages[ix.tables.members(ix.corpus.row_of[hit.passage_id])[0]].id)
    assert first_row.previous is None or first_row.previous.kind != "table"


def test_rows_without_a_table_passage_show_themselves(ix):
    from service.search.tables import TableViews

    class NoTables:  # a generation built before table passages: rows only
        def __init__(self, corpus):
            self.kind = corpus.codes("kind")

        def codes(self, name):
            from types import SimpleNamespace

            values = [("row" if v == "table" else v) for v in self.kind.values]
            return SimpleNamespace(values=values, codes=self.kind.codes) if name == "kind" else ix.corpus.codes(name)

    views = TableViews(NoTables(ix.corpus))
    assert all(views.table_of(r) is None for r in range(len(ix.corpus.passages)))
    assert all(ix.tables.table_of(r) is None for r in range(len(ix.corpus.passages)) if ix.corpus.passages[r].kind != "row")


def test_a_table_printed_twice_is_one_hit_with_its_copy(tmp_path, embedder):
    files = {
        "a.txt": PLAN,
        "b.txt": "□ 참고자료\nㅇ 아래 표는 본문과 같다.\n\n" + BUDGET_TABLE,
        "c.txt": "□ 단일 행 표\n| 구분 | 2023년 | 2024년 |\n| --- | --- | --- |\n| 총계 | 5 | 6 |\n",
    }
    ix = index_of_texts(tmp_path, files, embedder)
    hits = [h for h in ix.search("세출예산 합계", k=10).hits if h.kind == "table"]
    (hit,) = [h for h in hits if "국어 말뭉치" in h.text]
    assert hit.copies == 2 and [loc.doc_id for loc in hit.duplicates] == [({"a", "b"} - {hit.doc_id}).pop()]
    # A one-row table's hit does not list its own row as a copy of itself.
    (single,) = [h for h in ix.search("총계", k=10).hits if "총계" in h.text]
    assert single.copies == 1 and single.duplicates == ()


def test_a_fetched_table_carries_its_rows_targets_and_its_rows_are_not_its_next(ix):
    from service.browse import passage_context

    hit = _table_hit(ix, "세출예산 합계")
    ctx = passage_context(ix, hit.passage_id)
    assert sorted(t.metric for t in ctx.passage.targets) == sorted(t.metric for t in hit.targets) and hit.targets
    assert ctx.next is None or ctx.next.kind != "row"


def test_highlights_never_run_across_rows(ix):
    hit = _table_hit(ix, "세출예산 합계 330")
    assert all("\n" not in hit.text[s.start : s.end] for s in hit.highlights)


def test_the_chatbot_context_keeps_a_table_one_row_a_line(ix):
    from service.search.context import build_context

    ctx = build_context(ix, "세출예산 합계", budget=4000)
    lines = ctx.context.splitlines()
    for label in ("합계", "국어 말뭉치", "공공언어"):  # each row a line of its own
        assert sum(f"{label}: 2023년" in line for line in lines) == 1, ctx.context
    assert not any("합계: 2023년" in line and "공공언어: 2023년" in line for line in lines)
