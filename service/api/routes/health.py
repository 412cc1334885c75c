"""``GET /health`` (is an index loaded, which one) and ``GET /metrics`` (Prometheus text)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from indexer.vectors import vector_storage
from service.schemas import HealthResponse

router = APIRouter(tags=["operations"])


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "No index loaded; `reason` says why."}},
    summary="Service health",
)
def health(request: Request, response: Response) -> dict:
    """`ok` with the index's counts, model and generation (the one served now: it changes on hot reload),
    or `unavailable` (HTTP 503) with the reason."""
    live = getattr(request.app.state, "live", None)
    ix = live.current if live is not None else getattr(request.app.state, "index", None)
    if ix is None:
        response.status_code = 503
        reason = (live.error if live is not None else None) or getattr(request.app.state, "index_error", None)
        return {"status": "unavailable", "reason": reason or "no index loaded"}
    counts = ix.manifest.get("counts", {})
    return {
        "status": "ok",
        "documents": len(ix.corpus.documents),
        "passages": len(ix.corpus.passages),
        "searchable": len(ix.corpus.vector_rows),
        "targets": counts.get("targets"),
        "model": ix.model_id,
        "runtime": ix.manifest["model"].get("runtime"),
        "device": getattr(ix.embedder, "device", None),
        "generation": ix.generation,
        "shards": len(ix.manifest.get("shards") or ()) or 1,
        "vectors": vector_storage(ix.vectors),
    }


@router.get("/metrics", response_class=PlainTextResponse, summary="Prometheus metrics")
def metrics(request: Request) -> Response:
    """Request counts and latency histograms per route, in the Prometheus text format."""
    body, content_type = request.app.state.metrics.render()
    return Response(body, media_type=content_type)
