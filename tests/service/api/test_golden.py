"""Golden JSON of a few responses: the wire format must not drift by accident.

Scores are rounded (4 places) and timings dropped; everything else is compared
exactly, but a score only to within :data:`SCORE_TOLERANCE`: dense scores differ a little
between CPUs (the bundled engine's kernels). After an intended change of the contract, regenerate with
``PLANSEARCH_UPDATE_GOLDEN=1 python -m pytest tests/service/test_golden.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLANSEARCH_UPDATE_GOLDEN") == "1"


def _stable(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k != "took_ms"}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


#: How far a score may be from the golden one (relevance moved by up to 0.011 between two machines).
SCORE_TOLERANCE = 0.03


def _close(got, want):
    """``want`` with each float that ``got`` holds within :data:`SCORE_TOLERANCE` replaced by ``got``'s."""
    if isinstance(got, float) and isinstance(want, (int, float)) and abs(got - want) <= SCORE_TOLERANCE:
        return got
    if isinstance(got, dict) and isinstance(want, dict):
        return {k: _close(got.get(k), v) for k, v in want.items()}
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        return [_close(g, w) for g, w in zip(got, want)]
    return want


def _check(name: str, body) -> None:
    path = GOLDEN / f"{name}.json"
    got = _stable(body)
    if UPDATE:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == _close(got, json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("q", ["스마트도시 관련 사업", "주민자치 활성화"])
def test_search_hybrid(client, q):
    r = client.get("/search", params={"q": q, "k": 5})
    assert r.status_code == 200 and r.json()["results"]
    _check(f"search-{q.replace(' ', '_')}", r.json())


def test_passage(client):
    hits = client.get("/search", params={"q": "주민자치 활성화", "k": 3}).json()["results"]
    pid = next((h["passage_id"] for h in hits if h["parent_id"]), hits[0]["passage_id"])  # one with a parent
    r = client.get(f"/passages/{pid}")
    assert r.status_code == 200
    _check("passage", r.json())


def test_duplicates(client):
    r = client.get("/duplicates")
    assert r.status_code == 200 and r.json()
    _check("duplicates", r.json())


def test_targets(client):
    r = client.get("/targets", params={"trend": "up"})
    assert r.status_code == 200 and r.json()
    _check("targets", r.json())
