"""Fixtures for the HTTP service tests: one app over the shared corpus index.

The app gets the already-loaded ``corpus_index`` (tests/conftest.py), so the
index is built and loaded once per session however many apps the tests make.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.api.settings import Settings

DEV_QUERIES = Path(__file__).resolve().parents[1] / "data" / "dev_queries.json"


@pytest.fixture(scope="session")
def dev_queries() -> list[str]:
    return [q["q"] for q in json.loads(DEV_QUERIES.read_text(encoding="utf-8"))["queries"]]


@pytest.fixture(scope="session")
def make_app(corpus_index_dir, corpus_index):
    """Build an app over the shared index with other settings (own metrics registry each)."""

    def make(**settings):
        return create_app(Settings(index_dir=corpus_index_dir, **settings), index=corpus_index)

    return make


@pytest.fixture(scope="session")
def service_app(make_app):
    return make_app()


@pytest.fixture(scope="session")
def client(service_app):
    with TestClient(service_app) as c:
        yield c
