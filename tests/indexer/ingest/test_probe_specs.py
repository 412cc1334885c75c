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
