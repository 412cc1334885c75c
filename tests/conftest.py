"""Session-wide fixtures: one Kiwi, one embedder, one index of ``corpus/``.

Kiwi takes ~1 s to build and the corpus index a few seconds, so each is made
once per test session and shared (both are read-only once built).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DEV_QUERIES = ROOT / "tests" / "data" / "dev_queries.json"
#: A small budget table under its box heading, with a unit note (tests of table rows and table views).
BUDGET_TABLE = """□ 세출예산
(단위: 백만원)
| 구분 | 2023년 | 2024년 |
| --- | --- | --- |
| 합계 | 300 | 330 |
| 국어 말뭉치 | 200 | 210 |
| 공공언어 | 100 | 120 |
"""


_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave with the session's status once pytest is done, without the interpreter's teardown.

    Native threads the suite starts (Ray's local cluster, OpenMP in FAISS, the embedder's engine) have
    crashed that teardown: a SIGSEGV after "1141 passed", one run in three on 2026-11-27, which a CI
    reads as a failure. Every test, fixture teardown and report has run by now; only module unloading
    is skipped.
    """
    status = config.stash.get(_EXIT_STATUS, None)
    if status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def index_of_texts(directory: Path, files: dict[str, str], embedder):
    """Build and load an index of small text files written into ``directory`` (``name → text``)."""
    from indexer import build_index
    from service.search import load_index

    docs, out = directory / "docs", directory / "index"
    docs.mkdir(parents=True)
    for name, text in files.items():
        (docs / name).write_text(text, encoding="utf-8")
    build_index([docs], out, embedder=embedder)
    return load_index(out, embedder=embedder)


@pytest.fixture(scope="session")
def cjk_layout() -> None:
    """Skips a test that needs the heights of its PDF fixture's characters. reportlab's Korean CID font is not
    embedded; pdfium lays it out with a CJK system font, and without one (``.ci/run`` installs fonts-noto-cjk)
    every character box is flat, so no line can be told from the next."""
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF fixtures")
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("HYSMyeongJo-Medium", 10)
    c.drawString(50, 700, "가")
    c.save()
    try:
        _, bottom, _, top = pdfium.PdfDocument(buf.getvalue())[0].get_textpage().get_charbox(0)
    except pdfium.PdfiumError:
        bottom = top = 0.0
    if top - bottom < 1:
        pytest.skip("no CJK system font: pdfium gives the fixture's Korean characters no height (apt-get install fonts-noto-cjk)")


@pytest.fixture(scope="session")
def kiwi():
    from indexer.segmentation import get_kiwi

    return get_kiwi()


@pytest.fixture(scope="session")
def embedder():
    from models import get_embedder

    return get_embedder()


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory, embedder) -> Path:
    """An index of ``corpus/`` built once; tests must not modify it."""
    from indexer import build_index

    d = tmp_path_factory.mktemp("corpus-index")
    build_index([CORPUS], d, embedder=embedder)
    return d


@pytest.fixture(scope="session")
def corpus_index(corpus_index_dir, embedder):
    from service.search import load_index

    return load_index(corpus_index_dir, embedder=embedder)
