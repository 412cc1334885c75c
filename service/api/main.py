"""The FastAPI app: ``create_app()`` for tests and embedding, ``run()`` for ``plansearch serve``.

The index is loaded once (at startup, or handed in) into ``app.state.index``
and shared read-only by every request. If it cannot be loaded the app still
starts, ``/health`` says ``unavailable`` with the reason and the search routes
answer 503; ``run()`` instead refuses to start with a one-line hint, since a
server that cannot search is only useful behind an orchestrator's health check.
"""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from indexer.errors import IndexNotFound, PlansearchError
from service.api.errors import install_handlers
from service.api.metrics import Metrics, MetricsMiddleware
from service.api.routes import audit, documents, health, passages, search, targets
from service.api.settings import Settings
from service.search.engine import SearchIndex, load_index

__all__ = ["ROUTERS", "create_app", "load", "run"]

log = logging.getLogger("plansearch.service")

#: Every router of the API; add new route modules here.
ROUTERS = [health.router, search.router, passages.router, documents.router, targets.router, audit.router]

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

    return get_embedder(settings.model)


def load(settings: Settings) -> SearchIndex:
    """Load the index named by ``settings``, with the model it records unless ``settings.model`` overrides it."""
    return load_index(settings.index_dir, embedder=_embedder(settings), query_cache_size=settings.query_cache_size)


def _try_load(settings: Settings) -> tuple[SearchIndex | None, str | None]:
    try:
        return load(settings), None
    except PlansearchError as e:
        log.error("index unavailable: %s", e)
        return None, str(e)


def create_app(settings: Settings | None = None, index: SearchIndex | None = None) -> FastAPI:
    """Build the app; without ``index`` it is loaded from ``settings.index_dir`` when the app starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.index is None and app.state.index_error is None:
            app.state.index, app.state.index_error = await run_in_threadpool(_try_load, settings)
        yield

    app = FastAPI(title="plansearch", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.index = index
    app.state.index_error = None
    app.state.metrics = Metrics()

    install_handlers(app)
    for router in ROUTERS:
        app.include_router(router)

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
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)  # outermost: times everything
    return app


def run(index_dir: Path | None = None, host: str | None = None, port: int | None = None) -> None:
    """Load the index (building it first if ``build_if_missing``) and serve until interrupted.

    Raises :class:`PlansearchError` with a one-line hint when there is no
    usable index; ``plansearch serve`` prints it and exits non-zero.
    """
    import uvicorn

    overrides = {k: v for k, v in {"index_dir": index_dir, "host": host, "port": port}.items() if v is not None}
    try:
        settings = Settings(**overrides)
    except ValidationError as e:
        bad = "; ".join(f"PLANSEARCH_{'_'.join(map(str, err['loc'])).upper()}: {err['msg']}" for err in e.errors())
        raise PlansearchError(f"invalid setting: {bad}") from None
    if settings.embed_threads:
        # Read once when the embedding engine's OpenMP runtime loads, i.e. in load() below.
        os.environ["OMP_NUM_THREADS"] = str(settings.embed_threads)
    logging.basicConfig(level=settings.log_level.upper(), format="%(levelname)s:     %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each load at DEBUG whatever the root level
    try:
        ix = load(settings)
    except IndexNotFound as e:
        if not settings.build_if_missing:
            raise PlansearchError(f"{e} (or set PLANSEARCH_BUILD_IF_MISSING=1 to build it from {settings.corpus_dir}/)") from None
        from indexer.building import build_index

        log.info("no index at %s; building it from %s", settings.index_dir, settings.corpus_dir)
        build_index([settings.corpus_dir], settings.index_dir, embedder=_embedder(settings))
        ix = load(settings)
    log.info(
        "serving %d documents, %d passages (%s, generation %s) on http://%s:%d",
        len(ix.corpus.documents), len(ix.corpus.passages), ix.model_id, ix.generation, settings.host, settings.port,
    )
    uvicorn.run(create_app(settings, index=ix), host=settings.host, port=settings.port, log_level=settings.log_level)
