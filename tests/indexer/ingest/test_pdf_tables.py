"""Ruled tables from a PDF page's rules (:mod:`indexer.ingest.pdf_tables`)."""

from __future__ import annotations

import pytest

from indexer.ingest.parsing import parse_file
from indexer.ingest.pdf_tables import _close_cut_cells


def _h(x0: float, x1: float, y: float) -> dict:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "orientation": "h"}


def _v(x: float, top: float, bottom: float) -> dict:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top, "orientation": "v"}


def test_a_merged_cell_cut_by_a_page_break_gets_its_rule_at_the_break():
    # Under the break: the label column's box has no rule over it; the rule stops at the next column line.
    edges = [_h(243, 414, 78), _h(243, 414, 96), _h(181, 414, 114), _v(181, 78, 114), _v(243, 78, 114), _v(414, 78, 114)]
    top = [e for e in _close_cut_cells(edges) if e["orientation"] == "h" and e["top"] == 78]
    assert [(e["x0"], e["x1"]) for e in top] == [(181, 414)]
    # inside a table, a column line going on past a rule closes nothing: the merged cell stays one
    inner = [_h(181, 414, 78), _h(243, 414, 96), _h(181, 414, 114), _v(181, 78, 114), _v(243, 78, 114), _v(414, 78, 114)]
    assert [(e["x0"], e["x1"]) for e in _close_cut_cells(inner) if e["top"] == 96] == [(243, 414)]


def test_the_rows_under_the_break_keep_the_label_merged_down_over_them(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF")
    from tests.probe_files import write_pdf

    rows = ["| 구분 | 세부사업 | 2024 | 2025 |"]
    for group in ("노인일자리", "돌봄서비스", "경로당지원"):
        rows += [f"| {'^' if i else group} | {group} 세부{i + 1} | {100 + i} | {200 + i} |" for i in range(6)]
    rows.append("| 합계 | < | 3,000 | 4,000 |")
    lines = [f"문단 {i} 본문 내용을 적는다." for i in range(34)]  # the table starts near the first page's foot
    write_pdf("\n".join([*lines, *rows, "끝"]), tmp_path / "a.pdf")
    texts = [(p.page, p.text) for p in parse_file(tmp_path / "a.pdf").passages if "\n" not in p.text]
    rows_read = [(page, t) for page, t in texts if "세부" in t]
    assert len(rows_read) == 18 and {page for page, _ in rows_read} == {1, 2}
    assert all(t.startswith(t.split("세부사업 ")[1].split(" 세부")[0] + ":") for _, t in rows_read)
    assert (2, "합계: 2024 3,000 · 2025 4,000") in texts
