"""The write API in process: keys, limits, input checks, jobs, hot reload, no server paths.

Each test gets its own corpus and index directory (seeded with the session's
embedding cache, so a build embeds only what the test adds).
"""

from __future__ import annotations

import io
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from indexer.building import build_index
from indexer.generation import current_generation
from service.api.main import create_app
from service.api.settings import Settings
from service.api.uploads import check_upload, safe_name
from service.search.engine import load_index

ROOT = Path(__file__).resolve().parents[3]
KEY = "test-key-1"
AUTH = {"Authorization": f"Bearer {KEY}"}

PET = """반려동물 장묘 지원 계획

1. 추진 배경
○ 반려동물 양육 가구 증가에 따른 공공 반려동물 장묘시설 확충 필요
 - 반려동물 화장시설 2개소 신축 및 봉안당 운영
 - 동물등록 가구 대상 장례비 지원

2. 추진 목표
○ 공공 반려동물 장묘시설 이용률 제고
 - 반려동물 장묘시설(개소) : (‘23) 1 → (’26) 3
"""

FESTIVAL = """지역축제 활성화 계획

1. 추진 방향
○ 지역축제 통합 홍보와 관광 연계로 방문객 확대
 - 축제 관광상품 개발 및 야간 프로그램 운영
 - 축제 안전관리 계획 수립
"""


@pytest.fixture
def site(indexed_copy, embedder):
    """(corpus dir, index dir, loaded index): the repo corpus, indexed, in the test's own directories."""
    corpus, ix_dir = indexed_copy
    return corpus, ix_dir, load_index(ix_dir, embedder=embedder)


def _app(site, **settings):
    corpus, ix_dir, ix = site
    s = {"index_dir": ix_dir, "corpus_dir": corpus, "api_keys": [KEY], "reload_seconds": 0.2, **settings}
    return create_app(Settings(**s), index=ix)


def _wait_job(c: TestClient, job_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = c.get(f"/jobs/{job_id}", headers=AUTH)
        assert r.status_code == 200, r.text
        if r.json()["status"] in ("done", "failed"):
            return r.json()
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not finished after {timeout}s")


def _upload(c: TestClient, *files: tuple[str, bytes], headers=AUTH):
    return c.post("/documents", files=[("file", (name, data)) for name, data in files], headers=headers)


# ---- keys ----------------------------------------------------------------------------


def test_writes_are_refused_when_no_key_is_configured(site):
    with TestClient(_app(site, api_keys=[])) as c:
        for r in (_upload(c, ("a.txt", PET.encode())), c.delete("/documents/x", headers=AUTH), c.get("/jobs/x", headers=AUTH)):
            assert r.status_code == 403 and "PLANSEARCH_API_KEYS" in r.json()["detail"]
        assert c.get("/search", params={"q": "민관 협치"}).status_code == 200  # reads stay open


def test_writes_need_a_valid_bearer_key(site):
    with TestClient(_app(site, api_keys=["other", KEY])) as c:
        r = _upload(c, ("a.txt", PET.encode()), headers={})
        assert r.status_code == 401 and "Bearer" in r.json()["detail"] and r.headers["www-authenticate"] == "Bearer"
        for bad in ({"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}, {"Authorization": f"Bearer {KEY}x"}):
            r = _upload(c, ("a.txt", PET.encode()), headers=bad)
            assert r.status_code == 401, bad
        assert c.delete("/documents/x").status_code == 401
        assert c.get("/jobs/x").status_code == 401
        assert c.get("/jobs/nope", headers=AUTH).status_code == 404
        assert c.delete("/documents/nope", headers=AUTH).status_code == 404
        assert c.get("/search", params={"q": "민관 협치"}).status_code == 200
        assert list((site[0]).iterdir()) == [site[0] / "incheon-midterm-plan-2021-general-admin.txt"]  # nothing saved


def test_reads_can_require_a_key(site):
    with TestClient(_app(site, read_requires_key=True)) as c:
        assert c.get("/search", params={"q": "민관 협치"}).status_code == 401
        assert c.post("/search", json={"queries": ["민관"]}).status_code == 401
        assert c.get("/documents", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert c.get("/search", params={"q": "민관 협치"}, headers=AUTH).status_code == 200
        assert c.get("/health").status_code == 200  # for orchestrators
        # The MCP tools read the index too.
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}
        mcp_headers = {"Accept": "application/json, text/event-stream", "Host": "127.0.0.1:8000"}
        assert c.post("/mcp", json=init, headers=mcp_headers).status_code == 401
        assert c.post("/mcp", json=init, headers={**mcp_headers, **AUTH}).status_code == 200


# ---- limits ------------------------------------------------------------------------------


def test_bodies_over_the_limits_are_413_before_being_read(site):
    with TestClient(_app(site, max_upload_mb=1)) as c:
        r = _upload(c, ("big.txt", ("가나다라 " * 300_000).encode()))
        assert r.status_code == 413 and "PLANSEARCH_MAX_UPLOAD_MB" in r.json()["detail"]
        big = '{"queries": ["' + "가" * 600_000 + '"]}'
        r = c.post("/search", content=big.encode(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "limit" in r.json()["detail"]

        def chunks():  # no Content-Length: the bytes are counted as they stream in
            yield b'{"queries": ["'
            for _ in range(40):
                yield b"a" * 50_000
            yield b'"]}'

        r = c.post("/search", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        assert c.post("/search", json={"queries": ["민관 협치"], "k": 1}).status_code == 200  # normal bodies pass
    assert not any(p.name.endswith((".part", ".txt")) and p.name.startswith(("big", ".")) for p in site[0].iterdir())


# ---- input checks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, safe",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\계획.pdf", "계획.pdf"),
        ("/abs/path/.bashrc", "bashrc"),
        (".hidden.txt", "hidden.txt"),
        ("..", "upload"),
        ("", "upload"),
        (None, "upload"),
        ("a\x00b<c>.txt", "a_b_c_.txt"),
        ("반려동물 장묘 계획.hwpx", "반려동물 장묘 계획.hwpx"),
    ],
)
def test_file_names_are_sanitised(given, safe):
    assert safe_name(given) == safe


def _hwpx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr("Contents/section0.xml", "<sec/>")
    return buf.getvalue()


def test_the_type_comes_from_the_content_not_the_name():
    assert check_upload("report.pdf", PET.encode()).name == "report.txt"  # text named .pdf
    assert check_upload("scan.txt", b"%PDF-1.7\n...").name == "scan.pdf"
    assert check_upload("x", _hwpx_bytes()).name == "x.hwpx"
    assert check_upload("보고서.2024", PET.encode("cp949")).name == "보고서.2024.txt"
    from indexer.errors import UnreadableDocument

    for data, why in [(b"", "empty"), (b"PK\x03\x04junk", "zip"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary")]:
        with pytest.raises(UnreadableDocument, match=why):
            check_upload("photo.txt", data)


def test_refused_files_never_reach_the_corpus(site):
    corpus = site[0]
    before = sorted(p.name for p in corpus.iterdir())
    with TestClient(_app(site)) as c:
        r = _upload(c, ("../../../tmp/evil.txt", b"\x00\x01\x02" * 100), ("pic.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4))
        assert r.status_code == 422 and "no file can be indexed" in r.json()["detail"] and "binary" in r.json()["detail"]
        r = c.post("/documents", data={"file": "not a file"}, headers=AUTH)
        assert r.status_code == 422 and "file" in r.json()["detail"]
        r = c.post("/documents", json={"file": "x"}, headers=AUTH)
        assert r.status_code == 422
    assert sorted(p.name for p in corpus.iterdir()) == before
    assert not (corpus.parent / "tmp").exists()


# ---- jobs ------------------------------------------------------------------------------------


def test_upload_then_search_then_delete(site):
    corpus, ix_dir, ix = site
    with TestClient(_app(site)) as c:
        gen0 = c.get("/health").json()["generation"]
        t0 = time.perf_counter()
        r = _upload(c, ("../반려동물 장묘.pdf", PET.encode()), ("notes.txt", b"\x00\xff" * 10))
        assert r.status_code == 202, r.text
        assert (corpus / "반려동물 장묘.txt").is_file()  # saved before the 202, under its sniffed type
        job = _wait_job(c, r.json()["job_id"])
        took = time.perf_counter() - t0
        assert job["status"] == "done" and job["kind"] == "upload", job
        res = {f["name"]: f for f in job["files"]}
        assert res["반려동물 장묘.txt"]["status"] == "indexed" and res["반려동물 장묘.txt"]["doc_id"]
        assert res["notes.txt"]["status"] == "skipped" and "binary" in res["notes.txt"]["reason"]
        assert not (corpus / "notes.txt").exists()
        doc_id = res["반려동물 장묘.txt"]["doc_id"]
        # Searchable as soon as the job says done, on the new generation.
        assert c.get("/health").json()["generation"] == job["generation"] != gen0
        hits = c.get("/search", params={"q": "반려동물 장묘시설", "k": 3}).json()["results"]
        assert hits and hits[0]["doc_id"] == doc_id, hits
        docs = c.get("/documents").json()["documents"]
        assert {d["source"] for d in docs} == {"incheon-midterm-plan-2021-general-admin.txt", "반려동물 장묘.txt"}
        assert c.get(f"/documents/{doc_id}").json()["document"]["source"] == "반려동물 장묘.txt"
        print(f"upload-to-searchable (in process): {took:.2f}s")

        r = c.delete(f"/documents/{doc_id}", headers=AUTH)
        assert r.status_code == 202
        assert not (corpus / "반려동물 장묘.txt").exists()
        job = _wait_job(c, r.json()["job_id"])
        assert job["status"] == "done" and job["files"][0]["status"] == "deleted"
        assert doc_id not in {d["doc_id"] for d in c.get("/documents").json()["documents"]}
        assert c.get(f"/documents/{doc_id}").status_code == 404


def test_two_concurrent_uploads_both_land(site):
    corpus = site[0]
    with TestClient(_app(site)) as c:
        answers: list = []

        def post(name, text):
            answers.append(_upload(c, (name, text.encode())))

        threads = [threading.Thread(target=post, args=a) for a in (("pet.txt", PET), ("festival.txt", FESTIVAL))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [a.status_code for a in answers] == [202, 202]
        jobs = [_wait_job(c, a.json()["job_id"]) for a in answers]
        assert all(j["status"] == "done" and j["files"][0]["status"] == "indexed" for j in jobs), jobs
        sources = {d["source"] for d in c.get("/documents").json()["documents"]}
        assert {"pet.txt", "festival.txt"} <= sources
        by_name = {j["files"][0]["name"]: j["files"][0]["doc_id"] for j in jobs}  # the threads answer in either order
        assert c.get("/search", params={"q": "지역축제 야간 프로그램", "k": 1}).json()["results"][0]["doc_id"] == by_name["festival.txt"]
    assert (corpus / "pet.txt").is_file() and (corpus / "festival.txt").is_file()


def test_a_failed_build_keeps_the_previous_generation_serving(site, monkeypatch):
    corpus, ix_dir, ix = site
    import service.api.jobs

    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service.api.jobs, "build_index", broken)
    with TestClient(_app(site)) as c:
        gen0 = c.get("/health").json()["generation"]
        r = _upload(c, ("pet.txt", PET.encode()))
        assert r.status_code == 202
        job = _wait_job(c, r.json()["job_id"])
        assert job["status"] == "failed" and "disk on fire" in job["error"] and "unchanged" in job["error"]
        assert c.get("/health").json()["generation"] == gen0 == current_generation(ix_dir).name
        assert c.get("/search", params={"q": "민관 협치", "k": 1}).status_code == 200
    assert (corpus / "pet.txt").is_file()  # kept: the next build indexes it


def test_delete_refuses_documents_from_outside_the_corpus(site, tmp_path):
    with TestClient(_app(site, corpus_dir=tmp_path / "elsewhere")) as c:
        doc_id = c.get("/documents").json()["documents"][0]["doc_id"]
        r = c.delete(f"/documents/{doc_id}", headers=AUTH)
        assert r.status_code == 409 and "corpus directory" in r.json()["detail"]


def test_document_sources_are_never_server_paths(client):
    docs = client.get("/documents").json()["documents"]
    assert docs
    for d in docs:
        assert not d["source"].startswith("/") and ":" not in d["source"], d
        assert not client.get(f"/documents/{d['doc_id']}").json()["document"]["source"].startswith("/")


# ---- hot reload ------------------------------------------------------------------------------------


def test_hot_reload_after_a_cli_build_without_reader_errors(site, embedder):
    """A build from outside the server (what `plansearch index` does) is served within seconds;
    readers never see an error, and the old generation's files stay while a request holds it."""
    corpus, ix_dir, ix = site
    app = _app(site)
    errors: list = []
    stop = threading.Event()
    with TestClient(app) as c:
        gen0 = c.get("/health").json()["generation"]

        def reader():
            while not stop.is_set():
                r = c.get("/search", params={"q": "민관 협치", "k": 3})
                if r.status_code != 200 or not r.json()["results"]:
                    errors.append(r.status_code)

        threads = [threading.Thread(target=reader) for _ in range(2)]
        for t in threads:
            t.start()
        live = app.state.live
        with live.acquire() as held:  # a request that started on the old generation
            (corpus / "pet.txt").write_text(PET, encoding="utf-8")
            report = build_index([corpus], ix_dir, embedder=embedder)
            t_built = time.perf_counter()
            while c.get("/health").json()["generation"] != report.generation:
                assert time.perf_counter() - t_built < 30, "not reloaded"
                time.sleep(0.05)
            delay = time.perf_counter() - t_built
            assert held.generation == gen0 and (ix_dir / gen0).is_dir()
            assert held.search("민관 협치", k=1).hits  # the old generation still answers
            # Another build now would prune gen0 by age, but it is still in use.
            build_index([corpus], ix_dir, embedder=embedder)
            assert (ix_dir / gen0).is_dir()
        stop.set()
        for t in threads:
            t.join()
        assert not errors
        deadline = time.monotonic() + 10
        while (ix_dir / gen0).exists() and time.monotonic() < deadline:  # released: the server prunes it
            time.sleep(0.1)
        assert not (ix_dir / gen0).exists()
        hits = c.get("/search", params={"q": "반려동물 장묘시설", "k": 1}).json()["results"]
        assert "반려동물" in hits[0]["text"]
    print(f"reload delay after a build: {delay:.2f}s")


def test_a_server_without_an_index_starts_serving_once_one_is_built(tmp_path, site, embedder):
    corpus = site[0]
    ix_dir = tmp_path / "later"
    app = create_app(Settings(index_dir=ix_dir, corpus_dir=corpus, reload_seconds=0.1))
    with TestClient(app) as c:
        assert c.get("/health").status_code == 503
        shutil.copytree(site[1] / "cache", ix_dir / "cache")
        build_index([corpus], ix_dir, embedder=embedder)
        deadline = time.monotonic() + 60
        while c.get("/health").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert c.get("/search", params={"q": "민관 협치", "k": 1}).status_code == 200
