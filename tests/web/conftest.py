"""Fixtures for the browser tests: the real server (``plansearch serve``) and a system Chromium via Playwright.

Browser downloads are impossible here, so Playwright drives Debian's ``chromium``
(``apt-get install chromium``) through ``executable_path``. When Chromium or the
``playwright`` package is missing the tests are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    env = os.environ.get("PLANSEARCH_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for cand in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(cand).is_file():
            return cand
    return shutil.which("chromium") or shutil.which("chromium-browser")


def get_json(url: str) -> tuple[int, dict]:
    """GET ``url``; (status, JSON body) also for 4xx/5xx answers."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode("utf-8") or "null")


@pytest.fixture(scope="session")
def api():
    """``api(url) -> (status, json)`` for checking the page against the API."""
    return get_json


@pytest.fixture(scope="session")
def chromium_path() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as e:  # pragma: no cover - depends on the machine
        pytest.skip(f"playwright not installed: {e} (pip install playwright; no `playwright install` needed)")
    path = _chromium_path()
    if not path:
        where = os.environ.get("PLANSEARCH_CHROMIUM") or "/usr/bin/chromium"
        pytest.skip(f"chromium not installed: {where} not found (apt-get install -y chromium)")
    return path


@pytest.fixture(scope="session")
def server_url(chromium_path, corpus_index_dir, tmp_path_factory) -> str:
    """Base URL of a real ``plansearch serve`` over the corpus index, on a free port."""
    from benchmarks.process import ServerFailed, serve_process

    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    with open(log_path, "wb") as log:
        try:
            with serve_process(corpus_index_dir, log=log, cwd=ROOT, env={"PLANSEARCH_MODEL": ""}) as server:
                yield server.url
        except ServerFailed as e:
            pytest.fail(f"{e}\n{log_path.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as pw:
        try:
            b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        except Error as e:
            pytest.skip(f"chromium at {chromium_path} could not be started: {str(e).splitlines()[0]}")
        yield b
        b.close()


class PageProblems:
    """Console errors, uncaught exceptions and requests that leave the server, seen by a page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.errors: list[str] = []
        self.external: list[str] = []

    def attach(self, page) -> None:
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("request", self._request)

    def _request(self, req) -> None:
        url = req.url
        if not (url.startswith(self.base) or url.startswith("data:") or url.startswith("blob:")):
            self.external.append(url)


@pytest.fixture
def new_page(browser, server_url):
    """Factory: ``new_page(width=1280, height=900)`` -> (page, problems); contexts are closed afterwards."""
    contexts = []

    def make(width: int = 1280, height: int = 900):
        ctx = browser.new_context(viewport={"width": width, "height": height}, locale="ko-KR", accept_downloads=True)
        ctx.set_default_timeout(20_000)
        contexts.append(ctx)
        page = ctx.new_page()
        problems = PageProblems(server_url)
        problems.attach(page)
        return page, problems

    yield make
    for ctx in contexts:
        ctx.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
