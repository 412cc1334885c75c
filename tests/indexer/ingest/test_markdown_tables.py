"""Markdown tables from spanned cells, and the per-line text cleaning the readers share."""

from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest import textclean
from indexer.ingest.markdown_tables import Cell, inline_table, table_lines, table_parts
from indexer.ingest.textclean import clean_line, one_line


def test_header_separator_and_rowspan_fill() -> None:
    cells = [Cell(0, 0, 1, 1, "구분"), Cell(0, 1, 1, 1, "금액"), Cell(1, 0, 2, 1, "예산"), Cell(1, 1, 1, 1, "1"), Cell(2, 1, 1, 1, "2")]
    assert table_lines(cells) == ["| 구분 | 금액 |", "|---|---|", "| 예산 | 1 |", "| 예산 | 2 |"]


def test_two_row_header_joined() -> None:
    cells = [Cell(0, 0, 2, 1, "구분"), Cell(0, 1, 1, 2, "2021"), Cell(1, 1, 1, 1, "상"), Cell(1, 2, 1, 1, "하"),
             Cell(2, 0, 1, 1, "A"), Cell(2, 1, 1, 1, "1"), Cell(2, 2, 1, 1, "2")]
    assert table_lines(cells)[0] == "| 구분 | 2021 상 | 2021 하 |"
    assert table_lines(cells)[2] == "| A | 1 | 2 |"


def test_one_row_table_is_a_line_and_pipes_escaped() -> None:
    assert table_lines([Cell(0, 0, 1, 1, "1"), Cell(0, 1, 1, 1, "성 과")]) == ["1 성 과"]
    lines = table_lines([Cell(0, 0, 1, 1, "a|b"), Cell(0, 1, 1, 1, "c"), Cell(1, 0, 1, 1, "d"), Cell(1, 1, 1, 1, "e")])
    assert lines[0] == "| a\\|b | c |"
    assert inline_table([Cell(0, 0, 1, 1, "x"), Cell(0, 1, 1, 1, "y"), Cell(1, 0, 1, 1, "z")]) == "x, y; z"


def test_huge_spans_are_bounded() -> None:
    lines = table_lines([Cell(0, 0, 10**6, 10**6, "x"), Cell(1, 1, 1, 1, "y")])
    assert len(lines) <= 300 and len(lines[0]) < 10_000


def test_clean_line_controls_and_pua() -> None:
    assert clean_line("가\x07나\U000f02b1 다\ue000") == "가 나① 다"
    assert clean_line("\U000f08542020 조사\U000f0855") == "「2020 조사」"
    assert one_line("a\n  b\tc", limit=4) == "a b "


_TRICKY = " \t\n\r\x00\x1f\x7f\x85\x9f\xa0\u2000\u200a\u200b\u2028\u3000\ue000\uf8ff\ufeff\uffff\ud800\U000f02b1\U000f0854가a|"


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=12))
def test_clean_line_shortcut_is_exact(text: str) -> None:
    """A line with nothing to clean is only stripped; the result is always the three substitutions'."""
    t = textclean
    assert clean_line(text) == t._SPACES.sub(" ", t._CONTROL.sub(" ", t._PUA.sub(t._pua, text))).strip()


def test_table_parts_repeat_the_header_and_a_header_only_part_gives_it_to_the_next():
    cells = [Cell(0, 0, 1, 1, "구분"), Cell(0, 1, 1, 1, "금액"), Cell(1, 0, 2, 1, "예산"), Cell(1, 1, 1, 1, "1"), Cell(2, 1, 1, 1, "2")]
    assert table_parts(cells, [0, 2]) == [["| 구분 | 금액 |", "|---|---|", "| 예산 | 1 |"], ["| 구분 | 금액 |", "|---|---|", "| 예산 | 2 |"]]
    assert table_parts(cells, [0, 1]) == [[], ["| 구분 | 금액 |", "|---|---|", "| 예산 | 1 |", "| 예산 | 2 |"]]


def test_a_one_row_table_of_fields_keeps_each_value_with_its_field():
    """A budget explanation's ``| 정책사업 | … | 단위사업 | … | 사업기간 | … |`` over each project: one row of pairs."""
    row = ["정책사업", "책 읽는 도시 성북", "단위사업", "공공도서관 운영", "사업기간", "계속"]
    cells = [Cell(0, j, 1, 1, v) for j, v in enumerate(row)]
    assert table_lines(cells) == ["정책사업: 책 읽는 도시 성북 · 단위사업: 공공도서관 운영 · 사업기간: 계속"]
    # a row of words that are no fields' names stays a line of them
    words = ["편리한", "맞춤형 서비스", "연계", "공유"]
    assert table_lines([Cell(0, j, 1, 1, v) for j, v in enumerate(words)]) == ["편리한 맞춤형 서비스 연계 공유"]


def test_a_header_cell_spaced_out_letter_by_letter_is_joined_before_the_cell_under_it():
    cells = [Cell(0, 0, 2, 1, "사 업 명"), Cell(0, 1, 1, 2, "재 원"), Cell(1, 1, 1, 1, "국·도비"), Cell(1, 2, 1, 1, "시 비"),
             Cell(2, 0, 1, 1, "합 계"), Cell(2, 1, 1, 1, "39,870"), Cell(2, 2, 1, 1, "65,530")]
    assert table_lines(cells)[0] == "| 사업명 | 재원 국·도비 | 재원 시비 |"  # never the one word 재원시비
