"""Shadowed PDF text (each word or character printed twice, a point apart) is read once."""

from __future__ import annotations

import pytest

from indexer.ingest.pdf import read_pdf

pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixtures")

from reportlab.pdfgen import canvas  # noqa: E402

from tests.indexer.ingest.test_pdf_columns import FONT, _page  # noqa: E402


def _shadowed(c: canvas.Canvas, x: float, y: float, text: str) -> None:
    """``text`` as the real work plan's vision chart prints it: a grey copy a point below and to the right, then
    the text, each at font size 1 scaled by the text matrix (pdfium itself drops a copy set at size 14)."""
    for grey, (dx, dy) in ((0.8, (1.2, -1.2)), (0, (0, 0))):
        c.saveState()
        c.setFillGray(grey)
        c.translate(x + dx, y + dy)
        c.scale(14, 14)
        c.setFont(FONT, 1)
        c.drawString(0, 0, text)
        c.restoreState()


def test_shadowed_words_and_characters_are_read_once(cjk_layout: None) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.drawString(100, 700, "추진 전략")
        _shadowed(c, 100, 670, "언어자원 ")  # the whole word, then its copy
        x = 100.0
        for ch in "더 크게":  # character by character
            _shadowed(c, x, 640, ch)
            x += c.stringWidth(ch, FONT, 14)
        c.drawString(100, 610, "건물대여료 190 190 가가호호 방문 2000년")  # printed once: left alone

    lines = read_pdf("vision.pdf", _page(draw))[0][0].splitlines()
    assert lines == ["추진 전략", "언어자원", "더 크게", "건물대여료 190 190 가가호호 방문 2000년"]
