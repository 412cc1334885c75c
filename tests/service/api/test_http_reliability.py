"""Reliability of the live service as a real process: ``kill -9`` during an upload job,
and hot reload after ``plansearch index`` run from the command line on the same directory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from benchmarks.process import plansearch_command, serve_process
from indexer.generation import current_generation
from service.search.engine import load_index

ROOT = Path(__file__).resolve().parents[3]
KEY = "reliability-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
PET = """반려동물 장묘 지원 계획

1. 추진 배경
○ 반려동물 양육 가구 증가에 따른 공공 반려동물 장묘시설 확충 필요
 - 반려동물 화장시설 2개소 신축 및 봉안당 운영
 - 동물등록 가구 대상 장례비 지원
""".encode()


@pytest.fixture
def site(indexed_copy):
    corpus, ix_dir = indexed_copy
    env = {"PLANSEARCH_API_KEYS": KEY, "PLANSEARCH_CORPUS_DIR": str(corpus), "PLANSEARCH_RELOAD_SECONDS": "0.5"}
    return corpus, ix_dir, env


def _job(url: str, job_id: str, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = httpx.get(f"{url}/jobs/{job_id}", headers=AUTH, timeout=10)
        assert r.status_code == 200, r.text
        if r.json()["status"] in ("done", "failed"):
            return r.json()
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not finished after {timeout}s")


@pytest.mark.slow
def test_kill_9_during_an_upload_job_loses_no_file_and_the_index_stays_whole(site, tmp_path, embedder):
    corpus, ix_dir, env = site
    gen0 = current_generation(ix_dir).name
    with open(tmp_path / "serve.log", "wb") as log:
        with serve_process(ix_dir, env=env, log=log, cwd=tmp_path) as server:
            r = httpx.post(f"{server.url}/documents", files={"file": ("pet.txt", PET)}, headers=AUTH, timeout=60)
            assert r.status_code == 202, r.text
            job_id = r.json()["job_id"]
            os.kill(server.proc.pid, signal.SIGKILL)  # at once: the job is queued or building
            server.proc.wait()
        record = json.loads((ix_dir / "jobs" / f"{job_id}.json").read_text(encoding="utf-8"))
        assert record["status"] in ("queued", "running"), record  # killed during the job
        assert (corpus / "pet.txt").read_bytes() == PET  # accepted means on disk
        assert not list(corpus.glob(".*.part"))
        served = load_index(ix_dir, embedder=embedder)  # whole: every file matches its checksum
        assert served.generation in {gen0} | {p.name for p in ix_dir.glob("gen-*")}

        # The next start resumes the job; the file gets indexed.
        with serve_process(ix_dir, env=env, log=log, cwd=tmp_path) as server:
            job = _job(server.url, job_id)
            assert job["status"] == "done", job
            assert job["files"][0]["status"] == "indexed", job
            hits = httpx.get(f"{server.url}/search", params={"q": "반려동물 장묘시설", "k": 1}, timeout=30).json()["results"]
            assert hits[0]["doc_id"] == job["files"][0]["doc_id"]
            health = httpx.get(f"{server.url}/health", timeout=10).json()
            assert health["status"] == "ok" and health["documents"] == 2 and health["generation"] == current_generation(ix_dir).name
    load_index(ix_dir, embedder=embedder)
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")


@pytest.mark.slow
def test_a_cli_build_is_served_without_restart_and_without_reader_errors(site, tmp_path):
    corpus, ix_dir, env = site
    with open(tmp_path / "serve.log", "wb") as log, serve_process(ix_dir, env=env, log=log, cwd=tmp_path) as server:
        gen0 = server.health["generation"]
        errors: list = []
        stop = threading.Event()

        def reader():
            with httpx.Client(timeout=30) as h:
                while not stop.is_set():
                    try:
                        r = h.get(f"{server.url}/search", params={"q": "민관 협치", "k": 3})
                        if r.status_code != 200 or not r.json()["results"]:
                            errors.append(r.status_code)
                    except httpx.HTTPError as e:
                        errors.append(repr(e))

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        try:
            (corpus / "pet.txt").write_bytes(PET)
            p = subprocess.run(
                [*plansearch_command(), "index", str(corpus), "--index", str(ix_dir)],
                cwd=tmp_path, capture_output=True, text=True, timeout=300,
            )
            assert p.returncode == 0, p.stderr
            built = time.perf_counter()
            gen1 = current_generation(ix_dir).name
            assert gen1 != gen0
            while (h := httpx.get(f"{server.url}/health", timeout=10).json())["generation"] != gen1:
                assert time.perf_counter() - built < 30, "the server did not switch to the new generation"
                time.sleep(0.05)
            delay = time.perf_counter() - built
            time.sleep(0.5)  # readers keep going on the new generation
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert not errors, errors[:5]
        assert h["documents"] == 2
        hits = httpx.get(f"{server.url}/search", params={"q": "반려동물 장묘시설", "k": 1}, timeout=30).json()["results"]
        assert "반려동물" in hits[0]["text"]
    print(f"reload delay after `plansearch index`: {delay:.2f}s (poll every 0.5 s)")
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")
