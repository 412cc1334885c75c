"""The ``ray`` build engine: parsing and embedding fanned out over a Ray cluster with Ray Data.

* Parsing: one Ray task per document runs :func:`~indexer.engines.parse_job` (read, clean,
  structure, Kiwi) and streams the outcome back; memory per task is one document.
* Embedding: an actor pool, one embedder per actor (one CPU each), over the texts the
  embedding cache does not hold; vectors stream back in batches and are cached as they arrive.

``address`` joins an existing cluster (``ray start --head`` on a machine, a KubeRay
``RayCluster``: ``auto``, ``ray://host:10001`` …); without one Ray starts in local mode with
``workers`` CPUs. Every node needs plansearch installed (the same version) and read access to
the corpus paths; the generation is written by the driver. A task or actor whose worker dies is
retried (:data:`RETRIES`); when retries run out the build raises :class:`BuildFailed` before
anything is written, so the live generation is untouched.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from indexer.engines import ParseJob, ParseOutcome, parse_job
from indexer.errors import BuildFailed, PlansearchError

__all__ = ["RayEngine", "RETRIES", "init_ray"]

#: How often Ray re-runs a parsing task or restarts an embedding actor whose worker died.
RETRIES = 3


def _parse_row(row: dict) -> dict:
    job = ParseJob(row["path"], row["doc_id"], row["previous_sha"] or None)
    return {"outcome": pickle.dumps(parse_job(job), protocol=pickle.HIGHEST_PROTOCOL)}


@contextmanager
def _failures(stage: str) -> Iterator[None]:
    """Ray's own errors (task, actor, lost object) as :class:`BuildFailed`."""
    try:
        yield
    except PlansearchError:
        raise
    except Exception as e:  # noqa: BLE001 - Ray raises many types
        raise BuildFailed(f"the ray engine failed while {stage} (after up to {RETRIES} retries): {type(e).__name__}: {e}") from e


class _Embed:
    """A Ray Data actor holding one embedder."""

    def __init__(self, model_name: str, device: str) -> None:
        from models import get_embedder

        self.embedder = get_embedder(model_name, device)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        return {"i": batch["i"], "vec": self.embedder.encode_passages(texts, batch_size=max(1, len(texts)))}


def _actors(ray, workers: int, device: str) -> tuple[int, int]:
    """How many embedding actors, and the GPUs each asks for: one per GPU of the cluster (at most
    ``workers``) when the embedder runs on CUDA, else ``workers`` actors on the CPU."""
    from models import on_cuda

    if not on_cuda(device):
        return workers, 0
    n = int(ray.cluster_resources().get("GPU", 0))
    if n < 1:
        raise BuildFailed(f"the embedder runs on {device}, but the Ray cluster has no GPU; start its nodes with GPUs or use --device cpu")
    return max(1, min(workers, n)), 1


def init_ray(ray, address: str | None, cpus: int | None, error: type[PlansearchError] = PlansearchError, **options) -> bool:
    """Start Ray in local mode with ``cpus`` CPUs, or join the cluster at ``address``, unless this process
    is already in one; True when it was started here (and so is ours to shut down)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(
            address=address, num_cpus=None if address else cpus, include_dashboard=False, logging_level=logging.WARNING, **options
        )
    except (ConnectionError, RuntimeError, ValueError) as e:
        raise error(f"cannot start or join Ray at {address or 'local mode'}: {e}") from None
    return True


class RayEngine:
    """Parsing tasks and embedding actors on a Ray cluster (local mode without ``address``)."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None, device: str | None = None) -> None:
        try:
            import ray
            import ray.data
        except ImportError:
            raise PlansearchError("the ray engine needs Ray: pip install 'plansearch[ray]' (or use --engine local)") from None
        if workers is not None and workers < 1:
            raise PlansearchError(f"workers={workers}; use 1 or more")
        self._ray = ray
        self._owns = init_ray(ray, address, workers, BuildFailed, log_to_driver=False)
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.verbose_progress = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, min(workers or cpus, cpus))
        #: Where the embedding actors run; None: where the driver's embedder does. A driver without a
        #: GPU can so build on GPU workers (its own copy of the model, on the CPU, only names the vectors).
        self.device = device
        try:
            _actors(ray, self.workers, device or "cpu")  # a CUDA embedder on a cluster without GPUs: refused before any parsing
        except BuildFailed:
            self.close()
            raise

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParseOutcome]:
        if not jobs:
            return
        rows = [{"path": j.path, "doc_id": j.doc_id, "previous_sha": j.previous_sha or ""} for j in jobs]
        ds = self._ray.data.from_items(rows, override_num_blocks=len(rows)).map(
            _parse_row, num_cpus=1, compute=self._ray.data.TaskPoolStrategy(size=self.workers), max_retries=RETRIES
        )
        with _failures("parsing"):
            for row in ds.iter_rows():
                yield pickle.loads(row["outcome"])

    def embed(self, embedder, texts: Sequence[str], batch_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        if not texts:
            return
        from models import name_for

        items = [{"i": i, "text": t} for i, t in enumerate(texts)]
        device = self.device or getattr(embedder, "device", "cpu")
        actors, gpus = _actors(self._ray, self.workers, device)
        blocks = max(1, min(len(items) // max(1, batch_size), 4 * actors * 8))
        ds = self._ray.data.from_items(items, override_num_blocks=blocks).map_batches(
            _Embed,
            # An actor on a GPU asks Ray for one and takes the device Ray gives it (cuda: its first visible GPU).
            fn_constructor_kwargs={"model_name": name_for(embedder.model_id, embedder.runtime), "device": "cuda" if gpus else device},
            batch_size=batch_size,
            compute=self._ray.data.ActorPoolStrategy(size=actors),
            num_cpus=1,
            num_gpus=gpus,
            max_restarts=RETRIES,
            max_task_retries=RETRIES,
        )
        with _failures("embedding"):
            for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
                yield np.asarray(batch["i"], dtype=np.int64), np.asarray(np.stack(batch["vec"]), dtype=np.float32)

    def close(self) -> None:
        if self._owns and self._ray.is_initialized():
            self._ray.shutdown()
