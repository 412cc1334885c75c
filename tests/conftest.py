"""Session-wide fixtures: one Kiwi, one embedder, one index of ``corpus/``.

Kiwi takes ~1 s to build and the corpus index a few seconds, so each is made
once per test session and shared (both are read-only once built).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DEV_QUERIES = ROOT / "tests" / "data" / "dev_queries.json"


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
