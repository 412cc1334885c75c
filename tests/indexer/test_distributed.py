"""The ray engine (Ray Data in local mode, 2 CPUs): the same generation as a local build, and a
worker killed mid-build never leaves a broken or half-switched index."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from test_sharded_build import _corpus, _same_answers

from indexer import build_index
from indexer.errors import BuildFailed
from indexer.generation import current_generation
from service.search import load_index

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ray_engine():
    from indexer.distributed import RayEngine

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield RayEngine(workers=2)
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def local_build(tmp_path_factory, embedder):
    tmp = tmp_path_factory.mktemp("local")
    docs = _corpus(tmp)
    (docs / "broken.hwp").write_bytes(bytes(range(256)) * 4)
    report = build_index([docs], tmp / "ix", embedder=embedder)
    return docs, tmp / "ix", report


def test_ray_build_with_three_shards_equals_the_local_build(tmp_path, embedder, ray_engine, local_build):
    docs, local_ix, local = local_build
    report = build_index([docs], tmp_path / "ix", embedder=embedder, engine=ray_engine, shards=3)
    # Every passage was parsed and embedded by Ray workers (a fresh index: nothing cached).
    assert report.shards == 3 and report.embedded == local.embedded and report.cached == local.cached
    assert report.added == local.added and [s.source for s in report.skipped] == [s.source for s in local.skipped]
    assert report.skipped[0].reason == local.skipped[0].reason
    _same_answers(load_index(local_ix, embedder=embedder), load_index(tmp_path / "ix", embedder=embedder))

    # Incremental through Ray: nothing changed, nothing re-parsed or re-embedded.
    again = build_index([docs], tmp_path / "ix", embedder=embedder, engine=ray_engine, shards=3)
    assert again.embedded == 0 and len(again.unchanged) == report.documents and again.generation != report.generation


def _ray_workers() -> list[int]:
    """Pids of Ray worker processes running our tasks or actors."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if "ray::" in line and ("_Embed" in line or "_parse_row" in line or "Map" in line)]


def test_a_worker_killed_mid_build_is_retried_or_fails_cleanly(tmp_path, embedder, ray_engine, local_build):
    docs, _, local = local_build
    ix = tmp_path / "ix"
    first = build_index([docs / "green-plan.txt"], ix, embedder=embedder)
    live = current_generation(ix)
    result: dict = {}

    def run():
        try:
            result["report"] = build_index([docs], ix, embedder=embedder, engine=ray_engine, shards=3)
        except BuildFailed as e:
            result["error"] = e

    t = threading.Thread(target=run)
    t.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and t.is_alive() and time.monotonic() < deadline:
        pids = _ray_workers()
        if pids:
            killed = pids[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    t.join(timeout=600)
    assert not t.is_alive()
    assert killed is not None, "no Ray worker was seen running during the build"
    if "error" in result:  # retries ran out: nothing switched, the old generation still answers
        assert current_generation(ix) == live
        assert load_index(ix, embedder=embedder).corpus.documents.keys() == {"green-plan"}
    else:  # Ray retried the task or restarted the actor: a complete generation
        report = result["report"]
        assert report.documents == local.documents and report.searchable == local.searchable
        ix_ = load_index(ix, embedder=embedder)
        local_ix = load_index(local_build[1], embedder=embedder)
        n = len(local_ix.corpus.vector_rows)
        np.testing.assert_allclose(ix_.vectors.reconstruct_batch(np.arange(n)), local_ix.vectors.reconstruct_n(0, n), atol=1e-5)
    assert first.documents == 1 and not list(Path(ix).glob(".tmp-gen-*"))
