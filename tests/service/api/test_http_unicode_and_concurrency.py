"""Queries in any Unicode form answer like their NFC form; concurrent requests answer like serial ones."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

NFC = "데이터센터 무중단 운영"
FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"})


def _results(client, q: str, **params) -> tuple[str, list]:
    r = client.get("/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()["query"], r.json()["results"]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(unicodedata.normalize("NFD", NFC), id="nfd-hangul"),
        pytest.param("데이터\u200b센터 무\u200d중단\ufeff 운영", id="zero-width"),
        pytest.param("  데이터센터\t무중단\u3000운영 ", id="odd-spaces"),
    ],
)
@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_unicode_variants_equal_nfc(client, variant, mode):
    assert variant != NFC
    assert _results(client, variant, mode=mode) == _results(client, NFC, mode=mode)


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_full_width_equals_ascii(client, mode):
    ascii_q = "IDC 통합 유지관리 2025"
    wide = ascii_q.translate(FULL_WIDTH)
    assert wide != ascii_q and "Ｉ" in wide
    assert _results(client, wide, mode=mode) == _results(client, ascii_q, mode=mode)


def test_unicode_variants_equal_nfc_in_batches(client):
    variants = [NFC, unicodedata.normalize("NFD", NFC), "데이터\u200b센터 무중단 운영"]
    items = client.post("/search", json={"queries": variants, "k": 5}).json()["results"]
    assert items[0] == items[1] == items[2] or all(i["results"] == items[0]["results"] for i in items)


def test_concurrent_searches_equal_serial(client, dev_queries):
    """8 threads, 45 searches over every mode: each answer equals the serial one."""
    jobs = [(q, m) for q in dev_queries for m in ("hybrid", "dense", "lexical")]
    assert len(jobs) >= 40
    serial = {job: _results(client, job[0], mode=job[1], k=10) for job in jobs}
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda job: _results(client, job[0], mode=job[1], k=10), jobs))
    for job, got in zip(jobs, concurrent):
        assert got == serial[job], job


def test_concurrent_batches_equal_serial(client, dev_queries):
    body = {"queries": dev_queries, "k": 5}
    serial = [i["results"] for i in client.post("/search", json=body).json()["results"]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: client.post("/search", json=body).json()["results"], range(8)))
    for a in answers:
        assert [i["results"] for i in a] == serial
