"""Every endpoint of the JSON API, its happy path and its documented errors."""

from __future__ import annotations

import pytest

from service.search.engine import MAX_K, MAX_QUERY_CHARS

DOC_ID = "incheon-midterm-plan-2021-general-admin"


def test_search_get_returns_hits_with_the_documented_fields(client):
    r = client.get("/search", params={"q": "스마트시티 인프라", "k": 5})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "스마트시티 인프라" and body["mode"] == "hybrid" and body["took_ms"] >= 0
    assert 1 <= len(body["results"]) <= 5
    hit = body["results"][0]
    for field in ("rank", "score", "passage_id", "doc_id", "doc_title", "kind", "section", "page", "text",
                  "targets", "highlights", "copies", "duplicates", "parent_id", "linked"):
        assert field in hit
    assert [h["rank"] for h in body["results"]] == list(range(1, len(body["results"]) + 1))
    assert "스마트도시" in body["results"][0]["text"]


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_every_mode_answers(client, mode):
    r = client.get("/search", params={"q": "주민자치 활성화", "mode": mode, "k": 3})
    assert r.status_code == 200 and r.json()["mode"] == mode and r.json()["results"]


def test_filters_doc_and_kind_are_repeatable(client):
    r = client.get("/search", params=[("q", "인천형 뉴딜"), ("kind", "sub-item"), ("kind", "paragraph"), ("doc", DOC_ID)])
    assert r.status_code == 200
    hits = r.json()["results"]
    assert hits and {h["kind"] for h in hits} <= {"sub-item", "paragraph"} and {h["doc_id"] for h in hits} == {DOC_ID}


def test_k_bounds_are_inclusive(client):
    assert len(client.get("/search", params={"q": "민관 협치", "k": 1}).json()["results"]) == 1
    assert client.get("/search", params={"q": "민관 협치", "k": MAX_K}).status_code == 200


@pytest.mark.parametrize(
    ("params", "needles"),
    [
        ({"q": ""}, ["q", "at least 1 character"]),
        ({"q": "   "}, ["query is empty"]),
        ({"q": "\u200b\u200b"}, ["query is empty"]),
        ({"q": "가" * (MAX_QUERY_CHARS + 1)}, [f"maximum is {MAX_QUERY_CHARS}"]),
        ({"q": "가" * (4 * MAX_QUERY_CHARS + 1)}, [f"q is 1..{MAX_QUERY_CHARS} characters"]),
        ({}, ["q", "Field required"]),
        ({"q": "민관", "k": 0}, ["greater than or equal to 1", f"k is 1..{MAX_K}"]),
        ({"q": "민관", "k": MAX_K + 1}, [f"less than or equal to {MAX_K}", f"k is 1..{MAX_K}"]),
        ({"q": "민관", "k": "ten"}, ["k", "valid integer"]),
        ({"q": "민관", "mode": "semantic"}, ["mode", "'hybrid', 'dense' or 'lexical'"]),
        ({"q": "민관", "kind": "chapter"}, ["kind", "'heading', 'goal'"]),
        ({"q": "민관", "doc": "no-such-doc"}, ["unknown document 'no-such-doc'", DOC_ID]),
    ],
)
def test_bad_search_input_is_422_naming_the_limit_or_valid_values(client, params, needles):
    r = client.get("/search", params=params)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str)
    for n in needles:
        assert n in detail, (n, detail)


def test_query_at_the_documented_maximum_is_accepted(client):
    # 500 characters after normalisation, though longer raw (zero-width spaces).
    q = ("주민자치 " * 100)[:MAX_QUERY_CHARS].strip() + "\u200b" * 50
    assert client.get("/search", params={"q": q, "k": 1}).status_code == 200


def test_post_search_answers_each_query_in_order(client, dev_queries):
    queries = dev_queries[:6]
    r = client.post("/search", json={"queries": queries, "k": 3, "mode": "hybrid"})
    assert r.status_code == 200
    body = r.json()
    assert body["mode"] == "hybrid" and [item["query"] for item in body["results"]] == queries
    for q, item in zip(queries, body["results"]):
        single = client.get("/search", params={"q": q, "k": 3}).json()
        assert item["results"] == single["results"]


def test_post_search_applies_filters(client):
    body = {"queries": ["인천형 뉴딜", "민관 협치"], "k": 5, "filters": {"kind": ["sub-item"], "doc": [DOC_ID]}}
    r = client.post("/search", json=body)
    assert r.status_code == 200
    assert all(h["kind"] == "sub-item" for item in r.json()["results"] for h in item["results"])


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"queries": []}, "at least 1 item"),
        ({"queries": ["민관 협치"] * 33}, "the maximum is 32"),
        ({"queries": ["민관 협치", "  "]}, "queries[1]: query is empty"),
        ({"queries": ["민관"], "k": 0}, f"k is 1..{MAX_K}"),
        ({"queries": ["민관"], "mode": "fuzzy"}, "'hybrid', 'dense' or 'lexical'"),
        ({"queries": ["민관"], "filters": {"kind": ["chapter"]}}, "filters.kind[0]"),
        ({"queries": ["민관"], "filters": {"doc": ["nope"]}}, "unknown document 'nope'"),
        ({"q": "민관"}, "queries: Field required"),
    ],
)
def test_bad_batches_are_422(client, body, needle):
    r = client.post("/search", json=body)
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


def test_post_search_with_broken_json_is_422(client):
    r = client.post("/search", content=b'{"queries": [', headers={"content-type": "application/json"})
    assert r.status_code == 422 and "not valid JSON" in r.json()["detail"]


def test_passage_context(client):
    hit = client.get("/search", params={"q": "인천형 뉴딜", "kind": "sub-item", "k": 1}).json()["results"][0]
    r = client.get(f"/passages/{hit['passage_id']}")
    assert r.status_code == 200
    ctx = r.json()
    assert ctx["passage"]["passage_id"] == hit["passage_id"] and ctx["passage"]["text"] == hit["text"]
    assert ctx["parent"]["passage_id"] == hit["parent_id"] and ctx["parent"]["kind"] == "goal"
    assert ctx["doc_title"] == hit["doc_title"]
    assert ctx["previous"] is not None and ctx["next"] is not None
    # The parent lists this sub-item among its children.
    parent = client.get(f"/passages/{hit['parent_id']}").json()
    assert hit["passage_id"] in [c["passage_id"] for c in parent["children"]]


@pytest.mark.parametrize("pid", ["nope", f"{DOC_ID}:000000000000", "%EC%97%86%EC%9D%8C"])
def test_unknown_passage_is_404(client, pid):
    r = client.get(f"/passages/{pid}")
    assert r.status_code == 404 and "no passage" in r.json()["detail"]


def test_documents_list_and_outline(client):
    r = client.get("/documents")
    assert r.status_code == 200
    (doc,) = r.json()["documents"]
    assert doc["doc_id"] == DOC_ID and doc["passages"] > 100 and doc["targets"] > 0
    r = client.get(f"/documents/{DOC_ID}")
    assert r.status_code == 200
    outline = r.json()
    assert outline["document"] == doc
    titles = [n["title"] for n in outline["sections"]]
    assert "제5장" in titles
    chapter = outline["sections"][titles.index("제5장")]
    assert chapter["total"] == sum(c["total"] for c in chapter["children"]) + chapter["passages"]
    headings = {"가. 투자 방향", "나. 투자 중점사업"}
    assert headings <= {g["title"] for c in chapter["children"] for g in c["children"]}


def test_unknown_document_is_404(client):
    r = client.get("/documents/no-such-doc")
    assert r.status_code == 404 and DOC_ID in r.json()["detail"]


def test_targets_and_filters(client):
    every = client.get("/targets").json()
    assert every["count"] == len(every["targets"]) > 10
    flat = client.get("/targets", params={"trend": "flat"}).json()
    assert 0 < flat["count"] < every["count"] and {t["trend"] for t in flat["targets"]} == {"flat"}
    assert all(len(t["values"]) >= 2 for t in flat["targets"])
    goals = client.get("/targets", params={"trend": "target"})  # single goal values: a valid filter
    assert goals.status_code == 200 and all(len(t["values"]) == 1 for t in goals.json()["targets"])
    t = flat["targets"][0]
    assert {"metric", "unit", "values", "trend", "text", "passage_id", "doc_id", "section", "page"} <= set(t)
    # q ignores spaces and Unicode form: full-width letters, no space.
    idc = client.get("/targets", params={"q": "ＩＤＣ) 통합유지관리"}).json()
    assert idc["count"] == 1 and "IDC" in idc["targets"][0]["metric"]
    assert client.get("/targets", params={"doc": DOC_ID}).json()["count"] == every["count"]


@pytest.mark.parametrize(
    ("params", "needle"),
    [({"trend": "sideways"}, "'up', 'flat', 'down' or 'target'"), ({"doc": "nope"}, DOC_ID), ({"q": "가" * (MAX_QUERY_CHARS + 1)}, "at most")],
)
def test_bad_target_filters_are_422(client, params, needle):
    r = client.get("/targets", params=params)
    assert r.status_code == 422 and needle in r.json()["detail"]


def test_health(client, corpus_index):
    r = client.get("/health")
    assert r.status_code == 200
    h = r.json()
    assert h["status"] == "ok" and h["reason"] is None
    assert h["documents"] == 1 and h["passages"] == len(corpus_index.corpus.passages)
    assert h["model"] == corpus_index.model_id and h["runtime"] and h["generation"] == corpus_index.generation
    assert h["device"] == "cpu"
    assert h["shards"] == 1 and h["vectors"] == "float32"


def test_unknown_route_is_json_404(client):
    r = client.get("/no/such/route")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}


def test_openapi_documents_every_endpoint_and_the_error_body(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for p in ("/search", "/passages/{passage_id}", "/documents", "/documents/{doc_id}", "/targets", "/health", "/metrics"):
        assert p in paths, p
    assert {"get", "post"} <= set(paths["/search"])
    err = paths["/search"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]
    assert err == {"$ref": "#/components/schemas/ErrorResponse"}
    assert str(MAX_QUERY_CHARS) in str(paths["/search"]["get"]["parameters"])


def test_post_search_with_null_filters_means_no_filter(client):
    with_null = client.post("/search", json={"queries": ["주민자치"], "k": 3, "filters": None})
    without = client.post("/search", json={"queries": ["주민자치"], "k": 3})
    assert with_null.status_code == 200
    ids = lambda r: [h["passage_id"] for h in r.json()["results"][0]["results"]]  # noqa: E731
    assert ids(with_null) == ids(without)
