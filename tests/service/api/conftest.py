"""Fixtures of the API tests that write: a copy of the repo corpus, indexed in the test's own directories."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.building import build_index

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def indexed_copy(tmp_path, corpus_index_dir, embedder) -> tuple[Path, Path]:
    """``(corpus dir, index dir)``: the repo corpus copied and indexed, the index seeded with the
    session's embedding cache so that a build embeds only what a test adds."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    ix_dir = tmp_path / "index"
    (ix_dir / "cache").mkdir(parents=True)
    shutil.copy(corpus_index_dir / "cache" / "embeddings.sqlite", ix_dir / "cache" / "embeddings.sqlite")
    build_index([corpus], ix_dir, embedder=embedder)
    return corpus, ix_dir
