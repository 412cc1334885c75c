"""The real thing: ``plansearch serve`` as a process, queried over HTTP on a free port."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest

from benchmarks.process import free_port, plansearch_command, serve_process
from indexer.generation import current_generation

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
def test_serve_answers_over_http(corpus_index_dir, tmp_path):
    with open(tmp_path / "serve.log", "wb") as log, serve_process(corpus_index_dir, log=log, cwd=ROOT) as server:
        assert server.health["status"] == "ok" and server.health["documents"] == 1
        base = server.url
        r = httpx.get(f"{base}/search", params={"q": "데이터센터 무중단 운영", "k": 3}, timeout=30)
        assert r.status_code == 200
        hits = r.json()["results"]
        assert len(hits) == 3 and "데이터센터" in hits[0]["text"]
        r = httpx.post(f"{base}/search", json={"queries": ["민관 협치", "주민자치"], "k": 2}, timeout=30)
        assert r.status_code == 200 and [i["query"] for i in r.json()["results"]] == ["민관 협치", "주민자치"]
        bad = httpx.get(f"{base}/search", params={"q": "민관", "k": 0}, timeout=10)
        assert bad.status_code == 422 and "k is 1..100" in bad.json()["detail"]
        assert 'route="/search"' in httpx.get(f"{base}/metrics", timeout=10).text
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")


@pytest.mark.parametrize("which", ["missing", "broken"])
def test_serve_without_a_usable_index_exits_with_a_one_line_hint(tmp_path, which):
    index_dir = tmp_path / "ix"
    if which == "broken":
        index_dir.mkdir()
        (index_dir / "CURRENT").write_text("gen-gone\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANSEARCH_")}
    p = subprocess.run(
        [*plansearch_command(), "serve", "--index", str(index_dir), "--port", str(free_port())],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 1
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    assert lines[0].startswith("plansearch: error:") and str(index_dir) in lines[0] and "Traceback" not in p.stderr
    if which == "missing":
        assert "PLANSEARCH_BUILD_IF_MISSING" in lines[0]


@pytest.mark.slow
def test_run_builds_the_index_when_asked(tmp_path, monkeypatch):
    """The README's first command: no index yet, PLANSEARCH_BUILD_IF_MISSING=1 builds it, then serves."""
    import uvicorn

    import service.api.main

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.setenv("PLANSEARCH_BUILD_IF_MISSING", "1")
    monkeypatch.setenv("PLANSEARCH_CORPUS_DIR", str(ROOT / "corpus"))
    monkeypatch.setenv("OMP_NUM_THREADS", "4")  # restored after the test
    index_dir = tmp_path / "fresh"
    service.api.main.run(index_dir=index_dir, port=8765)
    assert os.environ["OMP_NUM_THREADS"] == "1"  # embed_threads default: one OpenMP thread per query
    assert current_generation(index_dir) is not None
    assert served["port"] == 8765 and served["host"] == "127.0.0.1"
    assert served["app"].state.index.corpus.documents
