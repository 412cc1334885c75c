"""The probe spec syntax (:mod:`tests.probe_files`): page furniture for PDFs and tables one after another."""

from __future__ import annotations

import pytest

from tests.probe_files import blocks, page_setup


def test_page_lines_are_no_paragraphs_and_an_empty_line_ends_a_table():
    spec = "%% landscape\n%% header: 2025 업무보고\n%% footer: - {page} -\n제목\n| Ⅰ. 현황 |\n\n| 구분 | 값 |\n| 가 | 1 |\n"
    assert page_setup(spec) == {"landscape": "", "header": "2025 업무보고", "footer": "- {page} -"}
    assert blocks(spec) == [("p", "제목"), ("table", [["Ⅰ. 현황"]]), ("table", [["구분", "값"], ["가", "1"]])]


def test_a_pdf_spec_prints_its_header_and_page_numbers_on_landscape_pages(tmp_path):
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF probes")
    import pypdfium2 as pdfium

    from tests.probe_files import write_pdf

    write_pdf("%% landscape\n%% header: 도시안전국 업무보고\n%% footer: - {page} -\n본문 첫 줄\n", tmp_path / "a.pdf")
    page = pdfium.PdfDocument(str(tmp_path / "a.pdf"))[0]
    width, height = page.get_size()
    text = page.get_textpage().get_text_range()
    assert width > height
    assert "도시안전국 업무보고" in text and "- 1 -" in text and "본문 첫 줄" in text


def test_caret_cells_merge_down_and_with_angle_cells_a_block(tmp_path):
    from tests.probe_files import merges

    rows = [["구분", "연도", "금액"], ["국비", "2023", "1"], ["^", "2024", "2"], ["합계", "<", "3"], ["^", "^", "4"]]
    assert merges(rows) == [(1, 0, 2, 0), (3, 0, 4, 1)]
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the HWPX")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF")
    from indexer.ingest.hwp import read_hwp
    from indexer.ingest.hwpx import read_hwpx
    from indexer.ingest.pdf import read_pdf
    from tests.hwp_writer import write_hwp
    from tests.probe_files import write_hwpx, write_pdf

    spec = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    for write, name in ((write_hwpx, "a.hwpx"), (write_hwp, "a.hwp"), (write_pdf, "a.pdf")):
        write(spec, tmp_path / name)
    hwpx = read_hwpx("a.hwpx", (tmp_path / "a.hwpx").read_bytes())
    assert read_hwp("a.hwp", (tmp_path / "a.hwp").read_bytes()) == hwpx
    # the spanned cells are read in every row and column they cover, as in any merged table
    body = "| 국비 | 2023 | 1 |\n| 국비 | 2024 | 2 |\n| 합계 | 합계 | 3 |\n| 합계 | 합계 | 4 |"
    assert hwpx[0][0].endswith(body)
    assert read_pdf("a.pdf", (tmp_path / "a.pdf").read_bytes())[0][0].endswith(body)
