"""Reading: encodings are detected, PDFs keep pages, bad files get a one-line reason."""

from __future__ import annotations

import codecs

import pytest

from indexer.errors import UnreadableDocument
from indexer.ingest.reading import decode_text, iter_input_files, read_file, sniff_format

SAMPLE = "가. 투자 방향\n○ 주민자치 활성화를 위한 제도적 기반 마련\n"


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp949"), "cp949"),
        (SAMPLE.encode("euc-kr"), "cp949"),  # EUC-KR is a subset of CP949
    ],
)
def test_encodings_are_detected(tmp_path, encoded, expected_encoding):
    f = tmp_path / "plan.txt"
    f.write_bytes(encoded)
    raw = read_file(f)
    assert raw.encoding == expected_encoding
    assert raw.text.lstrip("\ufeff") == SAMPLE


def test_cp949_only_characters(tmp_path):
    # 똠 and 햏 are outside EUC-KR's 2,350 syllables but in CP949.
    text = "○ 똠방각하 햏복 지원 사업\n"
    f = tmp_path / "x.txt"
    f.write_bytes(text.encode("cp949"))
    assert read_file(f).text == text


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"   \n\t\n  ", "no text"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 100, "binary"),
    ],
)
def test_bad_text_files_are_refused_with_a_reason(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        read_file(f)


def test_huge_single_line_is_refused(tmp_path):
    f = tmp_path / "dump.txt"
    f.write_text("가" * 3_500_000, encoding="utf-8")  # ~10 MB on one line
    with pytest.raises(UnreadableDocument, match="single line"):
        read_file(f)


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(UnreadableDocument, match="no such file"):
        read_file(tmp_path / "nope.txt")
    other = tmp_path / "a.docx"
    other.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnreadableDocument, match="unsupported file type .docx; supported: .txt, .pdf, .hwp, .hwpx"):
        read_file(other)


def test_undecodable_bytes_are_refused(tmp_path):
    import random

    rng = random.Random(0)
    f = tmp_path / "noise.txt"
    f.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(2000)))  # invalid UTF-8 and CP949, no NULs
    with pytest.raises(UnreadableDocument, match="cannot detect the text encoding"):
        read_file(f)


def _pdf(path, pages):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("HYSMyeongJo-Medium", 12)
        y = 750
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.showPage()
    c.save()


def test_pdf_pages_are_kept(tmp_path):
    pytest.importorskip("reportlab")
    f = tmp_path / "plan.pdf"
    _pdf(f, [["가. 투자 방향", "○ 스마트도시 구현을 위한 인프라 구축", "- 1 -"], ["○ 주민자치 활성화를 위한 제도적 기반 마련", "- 2 -"]])
    raw = read_file(f)
    assert raw.page_numbers_known and len(raw.pages) == 2
    assert "스마트도시" in raw.pages[0] and "주민자치" in raw.pages[1]


def test_image_only_pdf_is_refused(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f))
    c.showPage()  # a blank page: no text layer
    c.save()
    with pytest.raises(UnreadableDocument, match="no text layer"):
        read_file(f)


def test_broken_pdf_is_refused(tmp_path):
    f = tmp_path / "broken.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF")
    with pytest.raises(UnreadableDocument, match="PDF"):
        read_file(f)


@pytest.mark.parametrize("text", ["주민자치 활성화를 위한 지원", "국가균형발전계획", "○ 청년 창업 지원 (2021)"])
@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_short_utf16_without_bom(text, enc):
    assert decode_text(text.encode(enc)) == (text, enc)


def test_short_cp949_that_is_also_valid_utf8():
    text = "징청책처"  # each of these CP949 byte pairs is also valid UTF-8
    assert decode_text(text.encode("cp949")) == (text, "cp949")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "hwp"),
        (b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05", "hwp"),
        (b"PK\x03\x04" + bytes(30), "zip"),
        ("○ 주민자치".encode(), "text"),
    ],
)
def test_format_is_sniffed_from_content(data, kind):
    assert sniff_format(data) == kind


def test_text_named_hwp_is_read_as_text(tmp_path):
    f = tmp_path / "plan.hwp"
    f.write_text(SAMPLE, encoding="utf-8")
    assert read_file(f).text == SAMPLE


def test_directories_yield_hwp_and_hwpx(tmp_path):
    for name in ("a.txt", "b.pdf", "c.hwp", "d.HWPX", "e.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert [f.name for f in iter_input_files([tmp_path])] == ["a.txt", "b.pdf", "c.hwp", "d.HWPX"]
