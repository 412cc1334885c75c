"""The FastAPI app: ``create_app()`` for tests and embedding, ``run()`` for ``plansearch serve``.

The index is loaded at startup (or handed in) and owned by ``app.state.live``
(:class:`service.search.live.LiveIndex`), which switches to a new generation
without a restart when ``CURRENT`` changes; ``app.state.index`` always names the
one served. Each request holds the index it started with (``deps.get_index``).
If it cannot be loaded the app still starts, ``/health`` says ``unavailable``
with the reason and the search routes answer 503 (until a generation appears);
``run()`` instead refuses to start with a one-line hint, since a server that
cannot search is only useful behind an orchestrator's health check.
Uploads and deletions (``service.api.routes.writes``) run as jobs
(``app.state.jobs``, :class:`service.api.jobs.JobRunner`).
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from indexer.errors import IndexNotFound, ModelMismatch, PlansearchError
from service.api.errors import install_handlers
from service.api.jobs import JobRunner
from service.api.mcp_server import MCPEndpoint
from service.api.metrics import Metrics, MetricsMiddleware
from service.api.routes import audit, context, documents, health, passages, search, targets, writes
from service.api.security import BodyLimitMiddleware, require_read_key
from service.api.settings import Settings
from service.search import admission
from service.search.engine import SearchIndex, load_index
from service.search.live import LiveIndex

__all__ = ["ROUTERS", "create_app", "load", "load_for_serving", "make_settings", "run"]

log = logging.getLogger("plansearch.service")

#: Every router of the API; add new route modules here.
ROUTERS = [health.router, search.router, passages.router, documents.router, targets.router, audit.router, context.router, writes.router]

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

DESCRIPTION = """Korean semantic search over government plan documents.

Search (`/search`), then expand a hit (`/passages/{passage_id}`), browse documents
(`/documents`) and quantitative targets (`/targets`). Errors are JSON
`{"detail": "..."}`: 422 for bad input (the message names the limit or the valid
values), 404 for unknown ids, 503 when no index is loaded.
"""


def _embedder(settings: Settings):
    if not settings.model:
        return None  # load_index takes the model the index records
    from models import get_embedder

    return get_embedder(settings.model, settings.embed_device)


def load(settings: Settings) -> SearchIndex:
    """Load the index named by ``settings``, with the model it records unless ``settings.model`` overrides it."""
    return load_index(
        settings.index_dir, embedder=_embedder(settings), query_cache_size=settings.query_cache_size, device=settings.embed_device
    )


def _try_load(settings: Settings) -> tuple[SearchIndex | None, str | None]:
    try:
        return load(settings), None
    except PlansearchError as e:
        log.error("index unavailable: %s", e)
        return None, str(e)


def _reload(settings: Settings, served: SearchIndex | None) -> SearchIndex:
    """Load the live generation for a hot reload, reusing the served index's embedder (no model reload)."""
    embedder = served.embedder if served is not None else _embedder(settings)
    try:
        return load_index(settings.index_dir, embedder=embedder, query_cache_size=settings.query_cache_size, device=settings.embed_device)
    except ModelMismatch:
        if settings.model or served is None:
            raise
        return load(settings)  # the new generation was built with another model: take the one it records


def _serves_index_dir(settings: Settings, index: SearchIndex | None) -> bool:
    """Is a handed-in index a generation of ``settings.index_dir`` (so reloading from there is right)?"""
    if index is None:
        return True
    try:
        return Path(index.path).resolve().parent == Path(settings.index_dir).resolve()
    except (OSError, TypeError):
        return False


def create_app(settings: Settings | None = None, index: SearchIndex | None = None) -> FastAPI:
    """Build the app; without ``index`` it is loaded from ``settings.index_dir`` when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        live: LiveIndex = app.state.live
        if live.current is None and live.error is None:
            app.state.index, app.state.index_error = await run_in_threadpool(_try_load, settings)
            live.install(app.state.index, app.state.index_error)
        if _serves_index_dir(settings, live.current):
            live.start(settings.reload_seconds)  # hot reload: poll CURRENT
        app.state.jobs.start()  # resumes jobs a killed server left queued or running
        try:
            async with app.state.mcp.run():  # the MCP transport's session manager lives as long as the app
                yield
        finally:
            app.state.jobs.stop()
            live.close()

    app = FastAPI(title="plansearch", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.index = index
    app.state.index_error = None
    app.state.metrics = Metrics()

    def on_swap(ix: SearchIndex) -> None:
        app.state.index, app.state.index_error = ix, None

    app.state.live = LiveIndex(settings.index_dir, lambda served: _reload(settings, served), index=index, on_swap=on_swap)
    app.state.jobs = JobRunner(
        settings.index_dir,
        settings.corpus_dir,
        app.state.live,
        embedder=lambda: app.state.live.current.embedder if app.state.live.current is not None else _embedder(settings),
    )
    admission.configure(settings.embed_concurrency)  # at most N query embeddings at once (process-wide)

    install_handlers(app)
    for router in ROUTERS:
        # Reads need a key only with PLANSEARCH_READ_REQUIRES_KEY; writes check theirs in their router.
        app.include_router(router, dependencies=[Depends(require_read_key)])
    # MCP (streamable HTTP, stateless, JSON): the same tools and contract for chatbot frameworks.
    app.state.mcp = MCPEndpoint(app, host=settings.host, allowed_origins=settings.cors_origins)
    app.add_route("/mcp", app.state.mcp, methods=["GET", "POST", "DELETE"], include_in_schema=False)

    # The search page is another module's; serve it only once it exists.
    static = STATIC_DIR
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")
        if (static / "index.html").is_file():

            @app.get("/", include_in_schema=False)
            def page() -> FileResponse:
                return FileResponse(static / "index.html")

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"], allow_headers=["*"]
        )
    # 413 before a body is read whole: uploads up to PLANSEARCH_MAX_UPLOAD_MB, anything else 1 MB.
    app.add_middleware(BodyLimitMiddleware, upload_limit=settings.max_upload_mb * 1024 * 1024)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)  # outermost: times everything
    return app


def make_settings(index_dir: Path | None = None, host: str | None = None, port: int | None = None, workers: int | None = None) -> Settings:
    """The server's settings: ``PLANSEARCH_*`` with the command line's values on top; a bad value is a one-line error."""
    overrides = {k: v for k, v in {"index_dir": index_dir, "host": host, "port": port, "workers": workers}.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as e:
        bad = "; ".join(f"PLANSEARCH_{'_'.join(map(str, err['loc'])).upper()}: {err['msg']}" for err in e.errors())
        raise PlansearchError(f"invalid setting: {bad}") from None


def load_for_serving(settings: Settings) -> SearchIndex:
    """What ``plansearch serve`` does before it listens: threads and logging set up, then the index
    loaded (built first with ``build_if_missing``), or :class:`PlansearchError` with a one-line hint."""
    if settings.embed_threads:
        # Read once when the embedding engine's OpenMP runtime loads, i.e. in load() below.
        os.environ["OMP_NUM_THREADS"] = str(settings.embed_threads)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s:     %(message)s")
    try:
        return load(settings)
    except IndexNotFound as e:
        if not settings.build_if_missing:
            raise PlansearchError(f"{e} (or set PLANSEARCH_BUILD_IF_MISSING=1 to build it from {settings.corpus_dir}/)") from None
        from indexer.building import build_index

        log.info("no index at %s; building it from %s", settings.index_dir, settings.corpus_dir)
        from models import get_embedder

        # the model on its device now: a device it cannot use is refused before the build, not after
        build_index([settings.corpus_dir], settings.index_dir, embedder=get_embedder(settings.model, settings.embed_device))
        return load(settings)


def run(index_dir: Path | None = None, host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    """Load the index (building it first if ``build_if_missing``) and serve until interrupted.

    Raises :class:`PlansearchError` with a one-line hint when there is no
    usable index; ``plansearch serve`` prints it and exits non-zero.
    """
    import uvicorn

    settings = make_settings(index_dir, host, port, workers)
    ix = load_for_serving(settings)
    log.info(
        "serving %d documents, %d passages (%s, generation %s) on http://%s:%d",
        len(ix.corpus.documents), len(ix.corpus.passages), ix.model_id, ix.generation, settings.host, settings.port,
    )
    if settings.workers > 1:
        # Several processes (no shared GIL): each worker builds its app from the environment and
        # loads the index itself; the index files are shared through the page cache.
        del ix
        os.environ.update(
            PLANSEARCH_INDEX_DIR=str(settings.index_dir.resolve()), PLANSEARCH_HOST=settings.host, PLANSEARCH_PORT=str(settings.port)
        )
        uvicorn.run(
            "service.api.main:create_app", factory=True, workers=settings.workers,
            host=settings.host, port=settings.port, log_level=settings.log_level,
        )
        return
    uvicorn.run(create_app(settings, index=ix), host=settings.host, port=settings.port, log_level=settings.log_level)
