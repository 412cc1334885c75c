"""A table row typed as stacks (a paragraph a value, down one cell) is read as the rows it holds."""

from __future__ import annotations

from indexer.ingest.markdown_tables import Cell, table_lines
from indexer.ingest.stacked_rows import unstack


def _flat(paras: list[str]) -> str:
    return " ".join(p for p in paras if p)


def _lines(groups) -> list[str]:
    return table_lines([Cell(*c) for c in unstack(groups, _flat)])


def test_a_stacked_row_is_its_rows() -> None:
    groups = [((0, 0, 1, 1), ["직급"]), ((0, 1, 1, 1), ["정원"]), ((0, 2, 1, 1), ["현원"]),
              ((1, 0, 1, 1), ["고위공무원", "서기관", "행정주사"]), ((1, 1, 1, 1), ["1", "-", "4"]), ((1, 2, 1, 1), ["1", "", "3"]),
              ((2, 0, 1, 1), ["총계"]), ((2, 1, 1, 1), ["5"]), ((2, 2, 1, 1), ["4"])]
    assert _lines(groups) == [
        "| 직급 | 정원 | 현원 |", "|---|---|---|", "| 고위공무원 | 1 | 1 |", "| 서기관 | - |  |", "| 행정주사 | 4 | 3 |", "| 총계 | 5 | 4 |"]


def test_a_label_beside_a_stack_spans_its_rows() -> None:
    groups = [((0, 0, 1, 1), ["부서"]), ((0, 1, 1, 1), ["직급"]), ((0, 2, 1, 1), ["정원"]),
              ((1, 0, 1, 1), ["공공언어과"]), ((1, 1, 1, 1), ["과장", "연구관"]), ((1, 2, 1, 1), ["1", "2"])]
    assert _lines(groups)[2:] == ["| 공공언어과 | 과장 | 1 |", "| 공공언어과 | 연구관 | 2 |"]


def test_prose_in_paragraphs_is_one_row() -> None:
    """Paragraphs of prose beside one figure (no column of figures as long as the stack) are one cell's text."""
    groups = [((0, 0, 1, 1), ["구분"]), ((0, 1, 1, 1), ["내용"]), ((0, 2, 1, 1), ["예산"]),
              ((1, 0, 1, 1), ["가 사업"]), ((1, 1, 1, 1), ["○ 시설 개선", "○ 장비 구입"]), ((1, 2, 1, 1), ["100"])]
    assert _lines(groups)[2:] == ["| 가 사업 | ○ 시설 개선 ○ 장비 구입 | 100 |"]


def test_a_figure_over_its_note_is_one_value() -> None:
    """``100`` over ``(50)`` (a value over last year's, or its part from a fund) beside a label that wraps into two
    paragraphs is one row: read as a stack, the label's halves went to two rows and the note to a row of its own."""
    groups = [((0, 0, 1, 1), ["구분"]), ((0, 1, 1, 1), ["2024"]), ((0, 2, 1, 1), ["2023"]),
              ((1, 0, 1, 1), ["연구개발", "사업비"]), ((1, 1, 1, 1), ["100", "(50)"]), ((1, 2, 1, 1), ["200", "(60)"])]
    assert _lines(groups)[2:] == ["| 연구개발 사업비 | 100 (50) | 200 (60) |"]


def test_a_stack_typed_with_line_breaks_is_its_rows_too() -> None:
    """Values typed a line each with Shift+Enter are one paragraph with line breaks: the reader's ``split`` gives
    them as lines, and the row is read as the rows it holds, as when typed a paragraph each."""
    groups = [((0, 0, 1, 1), ["구분"]), ((0, 1, 1, 1), ["내용"]), ((0, 2, 1, 1), ["쪽"]),
              ((1, 0, 1, 1), ["Ⅱ"]), ((1, 1, 1, 1), ["1. 구립도서관 운영\n2. 장서 확충"]), ((1, 2, 1, 1), ["2\n4"])]

    def split(paras: list[str]) -> list[str]:
        return [line for p in paras for line in p.split("\n")]

    lines = table_lines([Cell(*c) for c in unstack(groups, _flat, split)])
    assert lines[2:] == ["| Ⅱ | 1. 구립도서관 운영 | 2 |", "| Ⅱ | 2. 장서 확충 | 4 |"]
    # without it the line breaks are no rows
    assert _lines(groups)[2:] == ["| Ⅱ | 1. 구립도서관 운영 2. 장서 확충 | 2 4 |"]
