"""The MCP endpoint (``/mcp``): the search, browse and audit tools for chatbot frameworks.

Built on the official SDK's :class:`MCPServer` and its streamable HTTP transport, stateless
with JSON responses (no session to keep between calls, so any worker process can answer).
Every tool answers with the same models as the HTTP API (``service/schemas.py``), and reads
the index through the routes' own dependency (:func:`service.api.deps.get_index`) at call
time, so a hot-reloaded generation is what MCP clients see too.

    async with Client("http://127.0.0.1:8000/mcp") as client:
        await client.call_tool("search", {"query": "스마트도시 관련 사업", "k": 5})
"""

from __future__ import annotations

import inspect
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Annotated, Any, AsyncIterator, Callable, TypeVar

import anyio.to_thread
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from pydantic import Field
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from indexer.errors import PlansearchError
from service.api.security import Unauthorized, bearer_of, read_key_error
from service.schemas import (
    BatchFilters,
    ClusterKind,
    DocumentList,
    DuplicatesResponse,
    Mode,
    PassageContextResponse,
    SearchResponse,
    TargetList,
    Trend,
)
from service.schemas import (
    Scope as ClusterScope,
)
from service.search.engine import MAX_K, MAX_QUERY_CHARS

if TYPE_CHECKING:
    from fastapi import FastAPI

    from service.search.engine import SearchIndex

__all__ = ["MCPEndpoint", "build_mcp_server"]

T = TypeVar("T")

INSTRUCTIONS = """정부 계획 문서(중기지방재정계획, 업무계획, 보도자료 …)의 한국어 의미 검색.
먼저 `search`로 찾고, 답의 `match`가 "none"이면 "관련 내용을 찾지 못했다"고 답하세요("weak"이면 조심스럽게).
근거를 인용할 때는 `get_passage`로 앞뒤 문맥을 확인하세요.
Korean semantic search over government plan documents. Call `search` first; when its `match` is
"none", say nothing relevant was found (be cautious on "weak"). Use `get_passage` to read a hit in
context before citing it (doc_title, section, page)."""

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _request_for(app: "FastAPI") -> Request:
    return Request({"type": "http", "app": app, "headers": [], "method": "GET", "path": "/mcp", "query_string": b""})


@asynccontextmanager
async def _index(app: "FastAPI") -> AsyncIterator["SearchIndex"]:
    """The index the routes would get now: whatever their dependency returns (a value, or a yielded lease)."""
    from service.api import deps

    got: Any = deps.get_index(_request_for(app))
    try:
        if inspect.isasyncgen(got):
            try:
                yield await got.__anext__()
            finally:
                await got.aclose()
        elif inspect.isgenerator(got):
            try:
                yield next(got)
            finally:
                got.close()
        else:
            yield await got if inspect.isawaitable(got) else got
    except PlansearchError as e:
        raise ToolError(str(e)) from None


async def _call(app: "FastAPI", fn: Callable[["SearchIndex"], T]) -> T:
    """Run ``fn(index)`` off the event loop (searches are CPU-bound); plansearch errors become tool errors."""
    async with _index(app) as ix:
        try:
            return await anyio.to_thread.run_sync(fn, ix)
        except PlansearchError as e:
            raise ToolError(str(e)) from None


def build_mcp_server(app: "FastAPI") -> MCPServer:
    """The MCP server with plansearch's tools, reading ``app``'s index at each call."""
    from service.audit.duplicates import DEFAULT_MIN_LEXICAL, DEFAULT_MIN_SIMILARITY, find_duplicates
    from service.audit.render import duplicates_response
    from service.browse import list_documents, list_targets, passage_context

    server = MCPServer(name="plansearch", title="plansearch", instructions=INSTRUCTIONS, version="0.1.0")

    @server.tool(
        name="search",
        description=(
            "정부 계획 문서에서 질의와 관련된 문단(목표, 세부사업, 성과지표)을 찾습니다. 결과의 `match`(strong/weak/none)와 "
            "각 결과의 `relevance`(0~1)는 관련 내용이 실제로 있는지를 알려 줍니다: none이면 '찾지 못함'으로 답하세요. "
            "Search Korean government plan documents for passages relevant to `query`. Each hit has passage_id, text, "
            "doc_title, section (heading path), page and quantitative targets. `match` says whether the corpus really "
            "covers the topic (strong / weak / none); answer 'nothing found' on none."
        ),
    )
    async def search(
        query: Annotated[str, Field(min_length=1, max_length=4 * MAX_QUERY_CHARS, description="검색어 / what to look for, e.g. 스마트도시")],
        k: Annotated[int, Field(ge=1, le=MAX_K, description=f"결과 수 / number of hits, 1..{MAX_K}")] = 10,
        mode: Annotated[Mode, Field(description="hybrid (기본, dense+BM25), dense or lexical")] = "hybrid",
        filters: Annotated[
            BatchFilters | None, Field(description="문서·종류·유형·연도 필터 / optional filters: doc, kind, doc_type, year_from, year_to")
        ] = None,
    ) -> SearchResponse:
        f = filters or BatchFilters()
        res = await _call(
            app,
            lambda ix: ix.search(
                query, k=k, mode=mode, docs=f.doc, kinds=f.kind, doc_types=f.doc_type, year_from=f.year_from, year_to=f.year_to
            ),
        )
        return SearchResponse.model_validate(res)

    @server.tool(
        name="get_passage",
        description=(
            "검색 결과의 문단을 문맥과 함께 가져옵니다: 상위 목표(parent), 세부항목(children), 앞뒤 문단(previous/next). "
            "Fetch a passage by its passage_id (from search hits) with its parent goal, sub-items and neighbours, for citing."
        ),
    )
    async def get_passage(passage_id: Annotated[str, Field(min_length=1, description="search 결과의 passage_id")]) -> PassageContextResponse:
        return PassageContextResponse.model_validate(await _call(app, lambda ix: passage_context(ix, passage_id)))

    @server.tool(
        name="list_documents",
        description="색인된 문서 목록(제목, 유형, 날짜, 문단·지표 수). Every indexed document with its title, type, date and counts.",
    )
    async def list_documents_tool() -> DocumentList:
        return DocumentList.model_validate({"documents": await _call(app, list_documents)})

    @server.tool(
        name="find_targets",
        description=(
            "정량 성과지표(예: 주민자치회 구성(개) : ('21) 132 → ('22) 154)를 찾습니다. 지표명·문서·추세(up/flat/down)로 거를 수 있습니다. "
            "Quantitative targets with their yearly values, filterable by metric text, document and trend."
        ),
    )
    async def find_targets(
        q: Annotated[str | None, Field(max_length=MAX_QUERY_CHARS, description="지표명에 포함된 말 / text in the metric")] = None,
        doc: Annotated[str | None, Field(description="문서 id / document id (see list_documents)")] = None,
        trend: Annotated[Trend | None, Field(description="up, flat (변화 없음), down, or target (목표치 하나)")] = None,
    ) -> TargetList:
        found = await _call(app, lambda ix: list_targets(ix, q=q, doc=doc, trend=trend))
        return TargetList.model_validate({"count": len(found), "targets": found})

    @server.tool(
        name="find_duplicates",
        description=(
            "중복되거나 거의 같은 목표 문장의 묶음(감사용). 범위: same-section, same-document, cross-document. "
            "Clusters of duplicated goals (exact copies and reworded restatements), for auditors."
        ),
    )
    async def find_duplicates_tool(
        min_similarity: Annotated[float, Field(ge=0.0, le=1.0, description="임베딩 코사인 하한 / cosine floor for near duplicates")] = (
            DEFAULT_MIN_SIMILARITY
        ),
        min_lexical: Annotated[float, Field(ge=0.0, le=1.0, description="단어 겹침 하한 / word-overlap floor")] = DEFAULT_MIN_LEXICAL,
        scope: Annotated[ClusterScope | None, Field(description="same-section, same-document or cross-document")] = None,
        kind: Annotated[ClusterKind | None, Field(description="exact or near")] = None,
    ) -> DuplicatesResponse:
        params = {"min_similarity": min_similarity, "min_lexical": min_lexical, "scope": scope, "kind": kind}
        found = await _call(app, lambda ix: find_duplicates(ix, **params))
        return DuplicatesResponse.model_validate(duplicates_response(found, **params))

    return server


class MCPEndpoint:
    """ASGI app for ``/mcp``; :meth:`run` (in the FastAPI lifespan) starts a fresh session manager each time.

    A new manager per lifespan lets one app be started more than once (tests); outside a
    lifespan the endpoint answers 503.
    """

    def __init__(self, app: "FastAPI", host: str = "127.0.0.1", allowed_origins: list[str] | None = None) -> None:
        self.app = app
        self.server = build_mcp_server(app)
        self.host = host
        self.allowed_origins = allowed_origins or []
        self._handler = None

    def _security(self) -> TransportSecuritySettings:
        if self.host in LOOPBACK:
            # DNS-rebinding protection for a server bound to loopback (the SDK's default there).
            return TransportSecuritySettings(
                enable_dns_rebinding_protection=True,
                allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"],
                allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*", *self.allowed_origins],
            )
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)

    @asynccontextmanager
    async def run(self) -> AsyncIterator[None]:
        self.server.streamable_http_app(
            streamable_http_path="/mcp", json_response=True, stateless_http=True, transport_security=self._security(), host=self.host
        )
        manager = self.server.session_manager
        async with manager.run():
            self._handler = manager.handle_request
            try:
                yield
            finally:
                self._handler = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._handler is None:
            await JSONResponse({"detail": "MCP endpoint not started"}, status_code=503)(scope, receive, send)
            return
        # The MCP tools read the index: PLANSEARCH_READ_REQUIRES_KEY applies here as on every read route.
        auth = Headers(scope=scope).get("authorization")
        if (err := read_key_error(self.app.state.settings, bearer_of(auth))) is not None:
            headers = {"WWW-Authenticate": "Bearer"} if isinstance(err, Unauthorized) else None
            await JSONResponse({"detail": str(err)}, status_code=401 if headers else 403, headers=headers)(scope, receive, send)
            return
        await self._handler(scope, receive, send)
