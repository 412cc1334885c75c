"""The MCP endpoint, driven by the official SDK's client against a real ``plansearch serve`` process."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
from mcp.client.client import Client

from benchmarks.process import serve_process
from service.schemas import DocumentList, PassageContextResponse, SearchResponse, TargetList

ROOT = Path(__file__).resolve().parents[3]


async def _session(url: str) -> dict:
    out: dict = {}
    async with Client(url + "/mcp") as client:
        tools = await client.list_tools()
        out["tools"] = {t.name: t for t in tools.tools}
        r = await client.call_tool("search", {"query": "데이터센터 무중단 운영", "k": 3, "filters": {"kind": ["goal", "sub-item"]}})
        out["search"] = r
        hit = r.structured_content["results"][0]
        out["passage"] = await client.call_tool("get_passage", {"passage_id": hit["passage_id"]})
        out["documents"] = await client.call_tool("list_documents", {})
        out["targets"] = await client.call_tool("find_targets", {"trend": "flat"})
        out["duplicates"] = await client.call_tool("find_duplicates", {"kind": "exact"})
        out["negative"] = await client.call_tool("search", {"query": "우주항공 산업 육성", "k": 3})
        out["bad"] = await client.call_tool("search", {"query": "민관", "mode": "fuzzy"})
        out["unknown"] = await client.call_tool("get_passage", {"passage_id": "nope"})
    return out


@pytest.mark.slow
def test_mcp_tools_over_streamable_http(corpus_index_dir, tmp_path):
    with open(tmp_path / "serve.log", "wb") as log, serve_process(corpus_index_dir, log=log, cwd=ROOT) as server:
        got = anyio.run(_session, server.url)

    assert {"search", "get_passage", "list_documents", "find_targets", "find_duplicates"} <= set(got["tools"])
    desc = got["tools"]["search"].description
    assert "문서" in desc and "Search" in desc  # Korean and English

    res = SearchResponse.model_validate(got["search"].structured_content)  # the HTTP contract, unchanged
    assert not got["search"].is_error and len(res.results) == 3 and "데이터센터" in res.results[0].text
    assert res.match == "strong" and 0 < res.results[0].relevance <= 1
    assert {h.kind for h in res.results} <= {"goal", "sub-item"}
    hit = got["search"].structured_content["results"][0]
    assert {"passage_id", "text", "doc_title", "section", "page", "targets"} <= set(hit)

    ctx = PassageContextResponse.model_validate(got["passage"].structured_content)
    assert ctx.passage.passage_id == hit["passage_id"]
    assert "previous" in got["passage"].structured_content and "children" in got["passage"].structured_content
    assert len(DocumentList.model_validate(got["documents"].structured_content).documents) == 1
    flat = TargetList.model_validate(got["targets"].structured_content).targets
    assert flat and all(t.trend == "flat" for t in flat)
    dups = got["duplicates"].structured_content
    assert dups["count"] == len(dups["clusters"]) > 0 and all(c["kind"] == "exact" for c in dups["clusters"])

    assert got["negative"].structured_content["match"] in ("weak", "none")
    assert got["bad"].is_error and "mode" in got["bad"].content[0].text
    assert got["unknown"].is_error and "no passage" in got["unknown"].content[0].text
    assert "Traceback" not in (tmp_path / "serve.log").read_text(errors="replace")
