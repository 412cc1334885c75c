"""The round14v probes (tables with cells merged down, ``^`` in a spec): each row is read with the label merged
over it, on both sides of a page break, and a label merged across columns once."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.ingest.parsing import parse_file
from tests.probe_files import render_specs

SPECS = Path(__file__).resolve().parents[2] / "data" / "probe_specs"


@pytest.fixture(scope="module")
def rows(tmp_path_factory) -> dict[str, list[tuple[int | None, str]]]:
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the HWPX probes")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF probes")
    specs = tmp_path_factory.mktemp("specs")
    for spec in SPECS.glob("round14v-*.md"):
        (specs / spec.name).write_text(spec.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path_factory.mktemp("round14v")
    return {f.name.split("-")[1]: [(p.page, p.text) for p in parse_file(f).passages if p.kind == "row"] for f in render_specs(specs, out)}


def _label(text: str) -> str:
    return text.split(" › ")[-1].split(":")[0]


def test_each_row_under_a_label_merged_down_carries_it(rows):
    care = [t for _, t in rows["care"]]
    assert [_label(t) for t in care if "권역별" in t] == ["동부권"] * 3 + ["서부권"] * 2 + ["북부권"] * 2 + ["계"]
    assert any(t.endswith("서부권: 시·군 상주시 · 수행기관 4 · 전담사회복지사 18 · 생활지원사 283 · 이용자 3,050") for t in care)
    # a block over two columns and two rows: its label once, the rows beside it each under it
    assert [t.split(" › ")[-1] for t in care if "특화서비스" in t] == [
        "특화서비스: 세부 내용 은둔형·우울형 어르신 개별상담, 집단활동, 자원연계",
        "특화서비스: 세부 내용 2025년 12개 시·군 14개 기관 운영",
    ]
    assert any(t.endswith("합계: 2024년 89,130 · 2025년 95,226 · 증감 6,096") for t in care)


def test_rows_on_both_sides_of_a_page_break_keep_their_merged_label(rows):
    budget = [(page, t) for page, t in rows["budget"] if "부문별 세부사업 예산" in t]
    child = [(page, t.split(" › ")[-1]) for page, t in budget if "부모급여" in t or "아동수당" in t or "첫만남" in t]
    assert {page for page, _ in child} == {1, 2}  # the 아동·보육 label is cut by the break
    assert all(t.startswith("아동·보육: 세부사업 ") for _, t in child)
    labels = [_label(t) for _, t in budget]
    assert labels == ["노인복지"] * 7 + ["아동·보육"] * 6 + ["장애인복지"] * 5 + ["기초생활보장"] * 4 + ["합계"]
