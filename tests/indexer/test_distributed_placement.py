"""Where the ray engine's embedding actors run: one per GPU for a CUDA embedder, else one per worker."""

from __future__ import annotations

import pytest

from indexer.distributed import _actors
from indexer.errors import BuildFailed


class _Cluster:
    def __init__(self, **resources: float) -> None:
        self.resources = resources

    def cluster_resources(self) -> dict[str, float]:
        return self.resources


def test_cpu_embedders_are_one_per_worker() -> None:
    assert _actors(_Cluster(CPU=8, GPU=2), 8, "cpu") == (8, 0)


@pytest.mark.parametrize(("gpus", "workers", "expected"), [(2, 8, (2, 1)), (4, 3, (3, 1)), (1, 1, (1, 1))])
def test_cuda_embedders_take_a_gpu_each(gpus: int, workers: int, expected: tuple[int, int]) -> None:
    assert _actors(_Cluster(CPU=16, GPU=gpus), workers, "cuda:0") == expected


def test_cuda_embedder_on_a_cluster_without_gpus_is_refused() -> None:
    with pytest.raises(BuildFailed, match=r"runs on cuda, but the Ray cluster has no GPU.*--device cpu"):
        _actors(_Cluster(CPU=2), 2, "cuda")


@pytest.mark.slow
def test_ray_engine_refuses_a_cuda_embedder_before_parsing() -> None:
    ray = pytest.importorskip("ray", reason="the ray extra is not installed")
    from indexer.engines import get_engine

    assert not ray.is_initialized()
    with pytest.raises(BuildFailed, match="has no GPU"):
        get_engine("ray", workers=1, device="cuda")
    assert not ray.is_initialized()  # the Ray it started is shut down again
