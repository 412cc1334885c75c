"""Document metadata (type, cover date, issuer) in the store, and the doc_type / year filters.

One small index of four document types is built per module: the sample plan
(undated), two bills (2021), a press release (2025) and a work plan (2022).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from indexer import InvalidQuery, UnknownChoice
from indexer.ingest.metadata import DOC_TYPES

ROOT = Path(__file__).resolve().parents[3]

PRESS = """| [IMAGE] | 보도자료 | [IMAGE] |
| --- | --- | --- |

| 청년 창업 지원사업 올해 1,200개 기업으로 확대 |
| --- |
| 보도시점 | 2025. 3. 14.(금) 11:00 | 배포 | 2025. 3. 13.(목) 08:00 |

중소벤처기업부는 청년 창업 지원사업의 지원 대상을 올해 1,200개 기업으로 확대한다고 밝혔다.
지원 기업에는 사업화 자금과 창업 공간, 전문가 멘토링을 함께 제공한다.

| 담당 부서 | 창업정책관 | 책임자 | 과  장 |
| --- | --- | --- | --- |
|  | 창업정책과 | 담당자 | 사무관 |
"""

WORK_PLAN = """2022년 국립국어원 업무계획

2022. 1.

Ⅰ. 2022년 정책방향

○ 청년 세대의 언어 사용 실태를 조사하여 국어 정책에 반영
○ 쉬운 공공언어 쓰기 문화 확산
○ 국어 전문 인력 양성과 한국어 교육 지원 강화
"""


@pytest.fixture(scope="module")
def meta_corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("meta-corpus")
    shutil.copy(ROOT / "corpus" / "incheon-midterm-plan-2021-general-admin.txt", d)
    for f in (ROOT / "tests" / "data" / "bills").glob("*.txt"):
        shutil.copy(f, d)
    (d / "youth-startup-press.txt").write_text(PRESS, encoding="utf-8")
    (d / "nikl-work-plan.txt").write_text(WORK_PLAN, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def meta_index_dir(tmp_path_factory, meta_corpus, embedder) -> Path:
    from indexer import build_index

    d = tmp_path_factory.mktemp("meta-index")
    build_index([meta_corpus], d, embedder=embedder)
    return d


@pytest.fixture(scope="module")
def meta_index(meta_index_dir, embedder):
    from service.search import load_index

    return load_index(meta_index_dir, embedder=embedder)


@pytest.fixture(scope="module")
def meta_client(meta_index_dir, meta_index):
    from service.api.main import create_app
    from service.api.settings import Settings

    with TestClient(create_app(Settings(index_dir=meta_index_dir), index=meta_index)) as c:
        yield c


def _docs(hits) -> set[str]:
    return {h.doc_id for h in hits}


# ---- store ---------------------------------------------------------------------


def test_store_keeps_type_date_and_issuer(meta_index):
    docs = meta_index.corpus.documents
    plan = docs["incheon-midterm-plan-2021-general-admin"]
    assert (plan.title, plan.doc_type, plan.date) == ("중기지방재정계획 · 일반공공행정 분야", "plan", None)
    bill = docs["youth-basic-act-amendment"]
    assert (bill.title, bill.doc_type, bill.date) == ("청년기본법 일부개정법률안", "bill", "2021-05-20")
    press = docs["youth-startup-press"]
    assert (press.title, press.doc_type, press.date) == ("청년 창업 지원사업 올해 1,200개 기업으로 확대", "press-release", "2025-03-14")
    assert press.issuer == "중소벤처기업부"  # the ministry its lead opens on, not the department in its contact box
    wp = docs["nikl-work-plan"]
    assert (wp.title, wp.doc_type, wp.date, wp.issuer, wp.year) == ("2022년 국립국어원 업무계획", "work-plan", "2022-01", "국립국어원", 2022)


def test_incremental_build_carries_metadata(tmp_path, meta_corpus, embedder):
    from indexer import build_index
    from service.search import load_index

    build_index([meta_corpus], tmp_path, embedder=embedder)
    report = build_index([meta_corpus], tmp_path, embedder=embedder)
    assert "nikl-work-plan" in report.unchanged
    wp = load_index(tmp_path, embedder=embedder).corpus.documents["nikl-work-plan"]
    assert (wp.doc_type, wp.date, wp.issuer) == ("work-plan", "2022-01", "국립국어원")


# ---- engine --------------------------------------------------------------------


def test_doc_type_filter(meta_index):
    hits = meta_index.search("청년", k=20, doc_types=["press-release"]).hits
    assert hits and _docs(hits) == {"youth-startup-press"}
    assert all(h.doc_type == "press-release" for h in hits)
    both = meta_index.search("청년", k=50, doc_types=["bill", "work-plan"]).hits
    assert _docs(both) <= {"youth-basic-act-amendment", "youth-employment-act-amendment", "nikl-work-plan"}
    assert {"nikl-work-plan", "youth-basic-act-amendment"} <= _docs(both)


def test_year_range_leaves_out_undated_documents(meta_index):
    hits = meta_index.search("청년", k=50, year_from=2022).hits
    assert _docs(hits) == {"youth-startup-press", "nikl-work-plan"}
    hits = meta_index.search("청년", k=50, year_to=2021).hits
    assert _docs(hits) <= {"youth-basic-act-amendment", "youth-employment-act-amendment"} and hits
    assert meta_index.search("청년", k=50, year_from=2022, year_to=2022, doc_types=["work-plan"]).hits
    assert not meta_index.search("청년", k=50, year_from=2030).hits
    # The undated plan is found without a year filter only.
    assert "incheon-midterm-plan-2021-general-admin" in _docs(meta_index.search("주민자치", k=10).hits)
    assert "incheon-midterm-plan-2021-general-admin" not in _docs(meta_index.search("주민자치", k=10, year_from=1900).hits)


def test_filter_validation(meta_index):
    with pytest.raises(UnknownChoice) as e:
        meta_index.search("청년", doc_types=["memo"])
    assert "unknown doc_type 'memo'" in str(e.value) and all(t in str(e.value) for t in DOC_TYPES)
    with pytest.raises(InvalidQuery, match="year_from=2023 is after year_to=2021"):
        meta_index.search("청년", year_from=2023, year_to=2021)


# ---- HTTP ----------------------------------------------------------------------


def test_get_search_filters(meta_client):
    r = meta_client.get("/search", params={"q": "청년", "k": 20, "doc_type": ["bill", "press-release"], "year_from": 2025})
    assert r.status_code == 200, r.text
    hits = r.json()["results"]
    assert hits and {h["doc_id"] for h in hits} == {"youth-startup-press"}
    assert {h["doc_type"] for h in hits} == {"press-release"}


def test_post_search_filters(meta_client):
    body = {"queries": ["청년", "주거"], "k": 10, "filters": {"doc_type": ["bill"], "year_from": 2021, "year_to": 2021}}
    r = meta_client.post("/search", json=body)
    assert r.status_code == 200, r.text
    docs = {h["doc_id"] for item in r.json()["results"] for h in item["results"]}
    assert docs and docs <= {"youth-basic-act-amendment", "youth-employment-act-amendment"}


@pytest.mark.parametrize(
    ("params", "needles"),
    [
        ({"doc_type": "memo"}, ["doc_type", "'plan'", "'press-release'", "'report'"]),
        ({"year_from": 2023, "year_to": 2021}, ["year_from=2023 is after year_to=2021"]),
        ({"year_from": "last"}, ["year_from", "valid integer"]),
    ],
)
def test_bad_metadata_filters_are_422(meta_client, params, needles):
    r = meta_client.get("/search", params={"q": "청년", **params})
    assert r.status_code == 422, r.text
    for n in needles:
        assert n in r.json()["detail"], (n, r.json()["detail"])


@pytest.mark.parametrize(
    ("filters", "needle"),
    [({"doc_type": ["memo"]}, "filters.doc_type[0]"), ({"year_from": 2024, "year_to": 2020}, "year_from=2024 is after year_to=2020")],
)
def test_bad_batch_metadata_filters_are_422(meta_client, filters, needle):
    r = meta_client.post("/search", json={"queries": ["청년"], "filters": filters})
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


def test_documents_list_date_and_issuer(meta_client):
    docs = {d["doc_id"]: d for d in meta_client.get("/documents").json()["documents"]}
    assert docs["nikl-work-plan"]["date"] == "2022-01" and docs["nikl-work-plan"]["issuer"] == "국립국어원"
    assert docs["incheon-midterm-plan-2021-general-admin"]["date"] is None
    outline = meta_client.get("/documents/youth-startup-press").json()["document"]
    assert (outline["doc_type"], outline["date"]) == ("press-release", "2025-03-14")


# ---- CLI -----------------------------------------------------------------------


def test_cli_search_type_and_year(meta_index_dir):
    from service.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["search", "청년", "-i", str(meta_index_dir), "--type", "press-release", "--year-from", "2022", "--json"])
    assert res.exit_code == 0, res.output
    hits = json.loads(res.stdout)["results"]
    assert hits and {h["doc_id"] for h in hits} == {"youth-startup-press"}
    res = runner.invoke(app, ["search", "청년", "-i", str(meta_index_dir), "--type", "memo"])
    assert res.exit_code == 2 and "unknown doc_type 'memo'" in res.stderr and "press-release" in res.stderr
    res = runner.invoke(app, ["search", "청년", "-i", str(meta_index_dir), "--year-from", "2023", "--year-to", "2021"])
    assert res.exit_code == 2 and "year_from=2023 is after year_to=2021" in res.stderr
