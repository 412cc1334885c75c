"""``plansearch serve --engine ray``: the app as 2 Ray Serve replicas (Ray in local mode, 2 CPUs)
over one generation directory, queried over HTTP; and the command's errors (these need no Ray)."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from benchmarks.process import serve_process
from indexer.building import build_index
from service.cli import app
from service.search import load_index

ROOT = Path(__file__).resolve().parents[3]
REPLICA_HEADER = "x-plansearch-replica"  # service.api.ray_serve.REPLICA_HEADER (not imported: that module is the one under test)
QUERIES = ["데이터센터 무중단 운영", "민관 협치", "주민자치 활성화", "무료 와이파이"]

runner = CliRunner()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--engine", "docker"], "unknown engine 'docker'; valid values: local, ray"),
        (["--engine", "ray", "--replicas", "0"], "replicas=0; use 1 or more"),
        (["--replicas", "2"], "--replicas needs --engine ray"),
        (["--ray-address", "auto"], "--ray-address needs --engine ray"),
        (["--engine", "ray", "--workers", "2"], "with --engine ray use --replicas"),
    ],
)
def test_serve_engine_errors_are_one_line(tmp_path, args, message):
    res = runner.invoke(app, ["serve", "--index", str(tmp_path), *args])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [res.stderr.strip()] and message in res.stderr and "Traceback" not in res.output


@pytest.mark.parametrize(("gpus", "replicas", "share"), [(1, 2, 0.5), (1, 1, 1.0), (4, 2, 1.0), (2, 3, 0.5), (2, 5, 1 / 3)])
def test_cuda_replicas_share_the_gpus(tmp_path, gpus, replicas, share):
    from service.api.ray_serve import actor_options
    from service.api.settings import Settings

    opts = actor_options(Settings(index_dir=tmp_path, embed_device="cuda:1"), replicas, gpus)
    assert opts["num_cpus"] == 1 and opts["num_gpus"] == share
    assert opts["runtime_env"]["env_vars"]["PLANSEARCH_EMBED_DEVICE"] == "cuda"  # the replica's own GPU, whatever its number
    assert "num_gpus" not in actor_options(Settings(index_dir=tmp_path), replicas, gpus)


def test_cuda_replicas_on_a_cluster_without_gpus_say_so(tmp_path):
    from indexer.errors import PlansearchError
    from service.api.ray_serve import actor_options
    from service.api.settings import Settings

    with pytest.raises(PlansearchError, match=r"PLANSEARCH_EMBED_DEVICE=cuda, but the Ray cluster has no GPU"):
        actor_options(Settings(index_dir=tmp_path, embed_device="cuda"), 2, 0)


def test_serve_engine_ray_without_ray_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    res = runner.invoke(app, ["serve", "--index", str(tmp_path), "--engine", "ray", "--replicas", "2"])
    assert res.exit_code == 1
    assert res.stderr.strip() == "plansearch: error: --engine ray needs Ray Serve: pip install 'plansearch[ray]' (or use --engine local)"


def test_serve_engine_ray_with_a_ray_too_old_for_the_ingress_says_so(tmp_path, monkeypatch):
    pytest.importorskip("ray.serve", reason="the ray extra (Ray Serve) is not installed")
    monkeypatch.setattr(sys.modules["ray"], "__version__", "2.40.0")
    res = runner.invoke(app, ["serve", "--index", str(tmp_path), "--engine", "ray"])
    assert res.exit_code == 1
    assert res.stderr.strip() == "plansearch: error: --engine ray needs Ray 2.47 or later, not 2.40.0: pip install 'plansearch[ray]' (or use --engine local)"


@pytest.fixture(scope="module")
def ray_served(tmp_path_factory, corpus_index_dir, embedder):
    """``(server, index dir)``: ``plansearch serve --engine ray --replicas 2`` over a copy of the corpus index."""
    pytest.importorskip("ray.serve", reason="the ray extra (Ray Serve) is not installed")
    tmp = tmp_path_factory.mktemp("ray-serve")
    ix_dir = tmp / "index"
    (ix_dir / "cache").mkdir(parents=True)
    shutil.copy(corpus_index_dir / "cache" / "embeddings.sqlite", ix_dir / "cache" / "embeddings.sqlite")
    build_index([ROOT / "corpus"], ix_dir, embedder=embedder)  # everything from the cache
    env = {"PLANSEARCH_RELOAD_SECONDS": "0.5", "PLANSEARCH_LOG_LEVEL": "warning", "PLANSEARCH_MODEL": ""}
    log_path = tmp / "serve.log"
    with open(log_path, "wb") as log, serve_process(
        ix_dir, env=env, log=log, cwd=tmp, timeout=300, args=["--engine", "ray", "--replicas", "2"]
    ) as server:
        yield server, ix_dir
    # SIGTERM took the deployment and Ray down and the command exited normally.
    assert server.proc.returncode == 0, log_path.read_text(errors="replace")[-3000:]
    assert "Traceback" not in log_path.read_text(errors="replace")


def _replicas_seen(url: str, want: int, deadline_s: float = 60.0) -> dict[str, dict]:
    """GET /health until ``want`` replicas have answered: ``{replica id: its /health}``."""
    seen: dict[str, dict] = {}
    deadline = time.monotonic() + deadline_s
    while len(seen) < want and time.monotonic() < deadline:
        r = httpx.get(f"{url}/health", timeout=10)
        if r.status_code == 200:
            seen[r.headers[REPLICA_HEADER]] = r.json()
    return seen


@pytest.mark.slow
def test_replicas_answer_as_the_in_process_engine(ray_served, embedder):
    server, ix_dir = ray_served
    url = server.url
    assert server.health["status"] == "ok" and server.health["documents"] == 1

    # Both replicas run and serve the same generation.
    seen = _replicas_seen(url, 2)
    assert len(seen) == 2, seen
    assert {h["generation"] for h in seen.values()} == {server.health["generation"]}

    # The same hits as the engine in this process.
    local = load_index(ix_dir, embedder=embedder)
    for q in QUERIES:
        r = httpx.get(f"{url}/search", params={"q": q, "k": 5}, timeout=30)
        assert r.status_code == 200, r.text
        assert [h["passage_id"] for h in r.json()["results"]] == [h.passage_id for h in local.search(q, k=5).hits], q
    r = httpx.post(f"{url}/search", json={"queries": QUERIES[:2], "k": 3}, timeout=30)
    assert r.status_code == 200 and [i["query"] for i in r.json()["results"]] == QUERIES[:2]

    # Bad requests are 4xx with a message, as from uvicorn.
    bad = httpx.get(f"{url}/search", params={"q": "민관", "k": 0}, timeout=10)
    assert bad.status_code == 422 and "k is 1..100" in bad.json()["detail"]
    missing = httpx.get(f"{url}/passages/no-such-passage", timeout=10)
    assert missing.status_code == 404 and missing.json()["detail"]


@pytest.mark.slow
def test_hot_reload_reaches_every_replica(ray_served, embedder):
    server, ix_dir = ray_served
    before = server.health["generation"]
    report = build_index([ROOT / "corpus"], ix_dir, embedder=embedder)  # nothing changed: a new generation, nothing embedded
    assert report.generation != before
    deadline = time.monotonic() + 60
    while True:
        seen = _replicas_seen(server.url, 2)
        if len(seen) == 2 and all(h["generation"] == report.generation for h in seen.values()):
            break
        assert time.monotonic() < deadline, f"replicas still serve {[h['generation'] for h in seen.values()]}, not {report.generation}"
        time.sleep(0.5)
