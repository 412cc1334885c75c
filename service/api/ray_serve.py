"""``plansearch serve --engine ray``: the HTTP service as a Ray Serve deployment of R replicas.

Each replica is a Ray actor that builds the app with :func:`service.api.main.create_app` from
its ``PLANSEARCH_*`` environment (forwarded from the driver, paths made absolute), so it loads
the live generation in the app's lifespan and polls ``CURRENT`` for hot reload exactly as a
``plansearch serve`` process does; every replica serves the same read-only generation directory
(memory-mapped vectors: replicas on one machine share one copy). Ray Serve's proxy listens on
``host:port`` and spreads requests over the replicas; each answer carries the replica that made
it in :data:`REPLICA_HEADER`. Without an address Ray starts in local mode with one CPU per
replica; with one (``auto``, ``ray://host:10001``) it joins that cluster, where every node needs
plansearch installed and the index directory at the same path.

Ray is imported only here and only when called (the ``ray`` extra).
"""

from __future__ import annotations

import logging
import math
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.distributed import init_ray
from indexer.errors import PlansearchError
from models import on_cuda
from service.api.main import load_for_serving, make_settings
from service.api.settings import Settings

__all__ = ["APP_NAME", "REPLICA_HEADER", "RayServing", "start", "run"]

log = logging.getLogger("plansearch.service")

#: The Ray Serve application (and deployment) name.
APP_NAME = "plansearch"
#: Response header naming the replica that answered.
REPLICA_HEADER = "x-plansearch-replica"
#: The first Ray whose ``serve.ingress`` takes a function that builds the app in each replica.
MIN_RAY = (2, 47)


def _import_serve():
    hint = "pip install 'plansearch[ray]' (or use --engine local)"
    try:
        import ray
        from ray import serve
    except ImportError:
        raise PlansearchError(f"--engine ray needs Ray Serve: {hint}") from None
    if tuple(int(p) for p in ray.__version__.split(".")[:2] if p.isdigit()) < MIN_RAY:
        raise PlansearchError(f"--engine ray needs Ray {MIN_RAY[0]}.{MIN_RAY[1]} or later, not {ray.__version__}: {hint}")
    return ray, serve


class _ReplicaHeader:
    """ASGI middleware: add ``REPLICA_HEADER: <replica id>`` to every HTTP response."""

    def __init__(self, app, replica: str) -> None:
        self.app = app
        self.header = (REPLICA_HEADER.encode(), replica.encode())

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_tagged(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), self.header]}
            await send(message)

        await self.app(scope, receive, send_tagged)


def _replica_app():
    """Run by Ray Serve in each replica: the app from the replica's environment, as ``plansearch serve`` builds it."""
    from ray import serve

    from service.api.main import create_app

    app = create_app()
    app.add_middleware(_ReplicaHeader, replica=serve.get_replica_context().replica_id.unique_id)
    return app


def replica_env(settings: Settings) -> dict[str, str]:
    """The replicas' environment: the driver's ``PLANSEARCH_*`` with these settings, paths absolute."""
    env = {k: v for k, v in os.environ.items() if k.startswith("PLANSEARCH_")}
    env.update(
        PLANSEARCH_INDEX_DIR=str(settings.index_dir.resolve()),
        PLANSEARCH_CORPUS_DIR=str(settings.corpus_dir.resolve()),
        PLANSEARCH_HOST=settings.host,
        PLANSEARCH_PORT=str(settings.port),
        PLANSEARCH_LOG_LEVEL=settings.log_level,
    )
    env.pop("PLANSEARCH_BUILD_IF_MISSING", None)  # the driver built it; a replica never builds
    if settings.embed_threads:
        env["OMP_NUM_THREADS"] = str(settings.embed_threads)
    if on_cuda(settings.embed_device):
        env["PLANSEARCH_EMBED_DEVICE"] = "cuda"  # Ray shows each replica only the GPU it was given
    return env


def actor_options(settings: Settings, replicas: int, cluster_gpus: float) -> dict:
    """Each replica's Ray resources: a CPU, and with a CUDA embedder a share of the cluster's GPUs
    (the replicas split them in equal shares; a query embedding needs little of one)."""
    options: dict = {"num_cpus": 1, "runtime_env": {"env_vars": replica_env(settings)}}
    if on_cuda(settings.embed_device):
        if cluster_gpus < 1:
            raise PlansearchError(f"PLANSEARCH_EMBED_DEVICE={settings.embed_device}, but the Ray cluster has no GPU; use cpu")
        # whole GPUs split into equal shares: 2 GPUs for 3 replicas is half a GPU each (two shares of
        # 0.67 do not fit on one GPU, and the third replica would wait for ever)
        options["num_gpus"] = 1 / math.ceil(replicas / int(cluster_gpus))
    return options


@dataclass
class RayServing:
    """A running deployment; :meth:`stop` deletes it (and shuts Serve and Ray down if it started them)."""

    url: str
    seconds: float
    owns_ray: bool

    def stop(self) -> None:
        ray, serve = _import_serve()
        if not ray.is_initialized():
            return
        if self.owns_ray:
            serve.shutdown()
            ray.shutdown()
        else:
            serve.delete(APP_NAME)  # leave the cluster's Serve (and other applications) running


def start(settings: Settings, replicas: int, address: str | None = None) -> RayServing:
    """Start (or join, with ``address``) Ray and run :data:`APP_NAME` with ``replicas`` replicas on
    ``settings.host:settings.port``; returns once every replica is up."""
    if replicas < 1:
        raise PlansearchError(f"replicas={replicas}; use 1 or more")
    ray, serve = _import_serve()
    t0 = time.perf_counter()
    running = RayServing(f"http://{settings.host}:{settings.port}", 0.0, owns_ray=False)
    try:
        running.owns_ray = init_ray(ray, address, replicas)
        serve.start(http_options={"host": settings.host, "port": settings.port})
        deployment = serve.deployment(
            serve.ingress(_replica_app)(), name=APP_NAME, num_replicas=replicas,
            ray_actor_options=actor_options(settings, replicas, ray.cluster_resources().get("GPU", 0)),
        )
        serve.run(
            deployment.bind(), name=APP_NAME, route_prefix="/",
            logging_config={"log_level": settings.log_level.upper(), "enable_access_log": settings.log_level == "debug"},
        )
    except BaseException as e:
        running.stop()
        if isinstance(e, (PlansearchError, KeyboardInterrupt)):
            raise
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise PlansearchError(f"the Ray Serve deployment did not start: {first}") from e
    running.seconds = time.perf_counter() - t0
    return running


def run(
    index_dir: Path | None = None, host: str | None = None, port: int | None = None, replicas: int = 1, address: str | None = None
) -> None:
    """``plansearch serve --engine ray``: check the index here (the same one-line errors as
    ``--engine local``), run the deployment, serve until interrupted, then take it down."""
    if replicas < 1:
        raise PlansearchError(f"replicas={replicas}; use 1 or more")
    _import_serve()
    settings = make_settings(index_dir, host, port)
    ix = load_for_serving(settings)
    summary = f"{len(ix.corpus.documents)} documents, {len(ix.corpus.passages)} passages ({ix.model_id}, generation {ix.generation})"
    del ix  # each replica loads its own
    original = signal.getsignal(signal.SIGTERM)
    running = None
    try:
        running = start(settings, replicas, address)
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as on Ctrl-C (set after ray.init, which sets its own)
        log.info("serving %s with %d Ray Serve replicas on %s (up in %.1fs)", summary, replicas, running.url, running.seconds)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, original)
        if running is not None:
            running.stop()
