"""Near copies: the same passage from two editions of a document (HWP and PDF) is one hit."""

from __future__ import annotations

import pytest

from indexer.store import dup_key
from service.search.copies import NearCopies, is_near_copy
from tests.conftest import index_of_texts

HWP = "ㅇ (말뭉치 공개) ‘21년 구축 말뭉치 공개(’모두의 말뭉치‘) * 원시 말뭉치(’22.3., 신문 1억 어절), 분석 말뭉치(’22.8., 개체명, 감성 분석, 함의 분석 등)"
PDF = "ㅇ (말뭉치 공개) ‘21년 구축 말뭉치 공개(’모두의 말뭉치‘) * 원시 말뭉치(’22.3., 신문 1억 어절), 분석 말뭉치(’22.8., 개체명, 감성 분석, 함의 분석"


@pytest.mark.parametrize(
    "a, b, same",
    [
        (HWP, PDF, True),  # the PDF lost the words after a page break
        (HWP, HWP.replace("신문 1억 어절", "신문 1억어절"), True),
        (HWP, HWP.replace("1억", "2억"), False),  # one figure differs: another fact
        ("세입예산 › 토지대여료: 2021년 94 · 2022년 97", "세입예산 › 건물대여료: 2021년 190 · 2022년 190", False),
        ("□ 추진 일정", "□ 추진 일정표", False),  # short keys collapse only when exactly equal
        (HWP, "ㅇ (말뭉치 공개) 말뭉치를 누구나 내려받을 수 있게 공개", False),
    ],
)
def test_near_copy(a, b, same):
    assert is_near_copy(dup_key(a), dup_key(b)) is same
    assert is_near_copy(dup_key(b), dup_key(a)) is same


def test_near_copies_keep_first_placed_and_compare_only_by_shared_edges():
    kept = NearCopies()
    assert kept.place(dup_key(HWP), 0) is None  # kept under 0
    assert kept.place(dup_key(PDF), 1) == 0  # the other edition: the kept hit's tag, nothing new kept
    other = HWP.replace("ㅇ (말뭉치 공개)", "□ 공개 현황").replace("함의 분석 등)", "기타 분석)")
    assert kept.place(dup_key(other), 2) is None  # differs at both edges: never compared, kept as its own
    assert kept.place(dup_key(other), 3) == 2
    assert kept.place(dup_key("□ 추진 일정"), 4) is None and kept.place(dup_key("□ 추진 일정"), 5) is None  # short: never kept


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory, embedder):
    body = "2022년 국립국어원 업무계획\n\n□ 말뭉치 공유·활용 체계 운영\n{p}\nㅇ (수어 통역) 정부 브리핑에 공공수어 통역 제공\n"
    files = {"plan-hwp.txt": body.format(p=HWP), "plan-pdf.txt": body.format(p=PDF)}
    return index_of_texts(tmp_path_factory.mktemp("editions"), files, embedder)


def test_near_copies_collapse_into_one_hit_that_lists_the_other(two_editions):
    hits = two_editions.search("말뭉치 공개", k=10).hits
    copies = [h for h in hits if "말뭉치 공개" in h.text]
    assert len(copies) == 1
    assert copies[0].copies == 2 and copies[0].duplicates[0].doc_id != copies[0].doc_id
    assert len(two_editions.search("말뭉치 공개", k=10, collapse=False).hits) > len(hits)


SCHEDULE = """디지털 정부혁신 추진계획

□ 주요 과제별 추진일정
| 과제 | 추진 과제 | 추진일정 |
|---|---|---|
| 2. 공공부문 마이데이터 활성화 | 전자증명서 발급·유통 | 2020 하 |
| 2. 공공부문 마이데이터 활성화 | 모바일 신분증 도입 | 2021 상 |
| 2. 공공부문 마이데이터 활성화 | 자기정보 다운로드 서비스 | 2020 상 |
| 2. 공공부문 마이데이터 활성화 | 디지털 고지·수납 | 2020 하 |
| 2. 공공부문 마이데이터 활성화 | 행정정보 공동이용 확대 | 2021 하 |

□ 공공부문 마이데이터 활성화
ㅇ (마이데이터 포털) 국민이 본인 정보를 한 곳에서 내려받는 공공 마이데이터 포털 구축
"""


@pytest.fixture(scope="module")
def schedule(tmp_path_factory, embedder):
    return index_of_texts(tmp_path_factory.mktemp("schedule"), {"plan.txt": SCHEDULE}, embedder)


def test_rows_of_one_table_make_one_hit_that_shows_the_table(schedule):
    hits = schedule.search("공공부문 마이데이터 활성화", k=10).hits
    (table,) = [h for h in hits if h.kind == "table"]
    assert not [h for h in hits if h.kind == "row"]
    assert table.text.count("\n") == 4 and "디지털 고지·수납" in table.text and "행정정보 공동이용 확대" in table.text
    row = schedule.corpus.passage(table.matched_passage_id)
    assert row.kind == "row" and row.text in table.text.split("\n")
    # highlights fall on the query's words inside the table's text
    spans = [table.text[s.start : s.end] for s in table.highlights]
    assert sum("마이데이터" in s for s in spans) == 5  # in every row: each row's offsets shifted to its line
    assert all(s.strip() and "\n" not in s for s in spans)


def test_rows_under_one_label_do_not_fill_the_page(schedule):
    from service.search.copies import ROWS_PER_LABEL
    from service.search.engine import FILTER_KINDS

    # Asked for by kind, rows are hits of their own (no table view).
    hits = schedule.search("공공부문 마이데이터 활성화", k=10, kinds=list(FILTER_KINDS)).hits
    rows = [h for h in hits if h.kind == "row"]
    assert len(rows) == 5  # all still listed …
    others = [i for i, h in enumerate(hits) if h.kind != "row"]
    first_rows = [i for i, h in enumerate(hits) if h.kind == "row"][:ROWS_PER_LABEL]
    # … but past the first ROWS_PER_LABEL, they come after every other candidate.
    assert all(i < min(j for j, h in enumerate(hits) if h.kind == "row" and j not in first_rows) for i in others)
    raw = schedule.search("공공부문 마이데이터 활성화", k=10, collapse=False).hits
    assert [h.score for h in raw] == sorted((h.score for h in raw), reverse=True)


def test_candidates_placed_on_top_by_fusion_are_not_held_back(schedule):
    from service.search.copies import ROWS_PER_LABEL, row_label

    c = schedule.corpus
    by_label: dict = {}
    for pos, row in enumerate(c.vector_rows):
        if (label := row_label(c.passages[row])) is not None:
            by_label.setdefault(label, []).append(pos)
    rows = next(v for v in by_label.values() if len(v) > ROWS_PER_LABEL)[: ROWS_PER_LABEL + 1]
    other = next(pos for pos, row in enumerate(c.vector_rows) if row_label(c.passages[row]) is None)
    ranked = [(pos, 1.0 - n / 10) for n, pos in enumerate([*rows, other])]

    def shown(placed: int) -> list[str]:
        return [h.passage_id for h in schedule._assemble(ranked, 4, [], True, tables=False, placed=placed)]

    ids = [c.passages[c.vector_rows[pos]].id for pos in [*rows, other]]
    assert shown(0) == [*ids[:ROWS_PER_LABEL], ids[-1], ids[ROWS_PER_LABEL]]  # the extra row waits …
    assert shown(ROWS_PER_LABEL + 1) == ids  # … unless fusion put it there


def test_a_row_label_is_read_past_the_table_unit_note():
    from indexer.records import Passage
    from service.search.copies import row_label

    def row(text: str) -> Passage:
        return Passage(id="r", doc_id="d", ordinal=0, kind="row", text=text, section=("□ 세출예산",), start=0, end=len(text))

    total = row("세출예산 › (단위: 백만원) › 합계: 2021년 (A) 22,565 · 2022년 (B) 24,887")
    pay = row("세출예산 › (단위: 백만원) › 인건비: 2021년 (A) 3,602 · 2022년 (B) 3,863")
    assert row_label(total)[2] == "세출예산 › (단위: 백만원) › 합계"
    assert row_label(total) != row_label(pay)  # rows of one table are not one label
    nested = row("분기별 동향 › (단위: 억불, (전년동기 대비 %)) › 투자액: 2024년 1분기 164.5")
    assert row_label(nested)[2].endswith("› 투자액")
