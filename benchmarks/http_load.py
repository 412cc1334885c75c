"""HTTP load: ``GET /search`` against the real ``plansearch serve`` process at concurrency 1, 8 and 32.

The server is started and health-checked by the project's one helper for it
(:func:`service.process.serve_process`) and warmed up with the client of
:mod:`benchmarks.http_latency`. The load generator is ``wrk`` when it is
installed (``apt-get install -y wrk``), driven by a Lua script that rotates
through the URL-encoded benchmark queries and prints its summary as JSON;
otherwise the threaded keep-alive ``httpx`` client of :mod:`benchmarks.http_latency`. The
result names the one used. Every non-2xx answer, socket error and timeout is
counted as an error.

Besides hybrid (the default mode), one lexical run at the middle concurrency
shows the service's ceiling without query embedding (what a query-embedding
cache would approach). ``env`` starts the server with extra environment, for
variants such as ``OMP_WAIT_POLICY=passive``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from . import http_latency as hl
from .common import ROOT, log, pid_rss_mb
from .queries import benchmark_queries

__all__ = ["default_plan", "load_generator", "run_http", "wrk_script"]

_WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"mean":%.1f,"max":%d}}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
"""


def load_generator() -> str:
    """``wrk`` if it is on PATH, else the httpx client of benchmarks.http_latency."""
    return "wrk" if shutil.which("wrk") else "httpx"


def wrk_script(queries: list[str], mode: str, k: int) -> str:
    """Lua for wrk: each request takes the next query (per wrk thread), URL-encoded."""
    paths = ",\n  ".join(f'"/search?q={quote(q)}&k={k}&mode={mode}"' for q in queries)
    return (
        f"local paths = {{\n  {paths}\n}}\n"
        "local i = 0\n"
        "setup = function(thread) thread:set('offset', math.random(#paths)) end\n"
        "init = function(args) i = tonumber(offset) or 0 end\n"
        "request = function()\n  i = i + 1\n  return wrk.format('GET', paths[(i % #paths) + 1])\nend\n" + _WRK_DONE
    )


def _run_wrk(base: str, script: Path, concurrency: int, seconds: float) -> dict:
    threads = min(concurrency, 2)
    cmd = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{int(seconds)}s", "--timeout", "10s", "-s", str(script), base]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)
    m = re.search(r"^WRKJSON (.*)$", proc.stdout, re.MULTILINE)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"wrk failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-500:]}")
    s = json.loads(m.group(1))
    lat = {p: round(v / 1000, 2) for p, v in s["latency_us"].items()}
    errors = sum(s["errors"].values())
    return {
        "concurrency": concurrency,
        "requests": s["requests"],
        "errors": errors,
        "error_kinds": {k: v for k, v in s["errors"].items() if v},
        "p50_ms": lat["p50"], "p90_ms": lat["p90"], "p95_ms": lat["p95"], "p99_ms": lat["p99"],
        "mean_ms": lat["mean"], "max_ms": lat["max"],
        "throughput_rps": round(s["requests"] / (s["duration_us"] / 1e6), 1),
    }


def _run_httpx(base: str, queries: list[str], concurrency: int, seconds: float, mode: str, k: int) -> dict:
    """Fallback: as many requests as about ``seconds`` allow, sized from a short probe."""
    probe = hl.run_level(base, queries, max(8, concurrency), concurrency, k, mode)
    n = max(concurrency * 4, int(probe["throughput_rps"] * seconds))
    return hl.run_level(base, queries, n, concurrency, k, mode)


def _level(gen: str, base: str, queries: list[str], script: Path | None, c: int, seconds: float, mode: str, k: int) -> dict:
    r = _run_wrk(base, script, c, seconds) if gen == "wrk" else _run_httpx(base, queries, c, seconds, mode, k)
    return {"mode": mode, **r}


def default_plan(concurrency: Sequence[int] = (1, 8, 32)) -> list[tuple[str, int]]:
    """Hybrid at every concurrency, then lexical at the middle one."""
    return [("hybrid", c) for c in concurrency] + [("lexical", concurrency[len(concurrency) // 2])]


def run_http(index_dir: Path, plan: Sequence[tuple[str, int]] | None = None, seconds: float = 15, k: int = 10,
             env: dict[str, str] | None = None) -> dict:
    """Start the server on ``index_dir`` (with ``env`` added), then load it for each ``(mode, concurrency)`` of ``plan``."""
    from benchmarks.process import serve_process

    gen = load_generator()
    queries = benchmark_queries()
    plan = list(plan or default_plan())
    log(f"http: starting plansearch serve on {index_dir} (load generator: {gen}; env {env or {}})")
    t0 = time.perf_counter()
    runs = []
    with serve_process(index_dir, env=env, cwd=ROOT) as server, tempfile.TemporaryDirectory() as tmp:
        startup_s = time.perf_counter() - t0
        mem_start = pid_rss_mb(server.proc.pid)
        hl.run_level(server.url, queries, 2 * len(queries), 2, k, "hybrid")  # warm-up: every query at least once
        for mode, c in plan:
            script = Path(tmp) / f"{mode}.lua"
            script.write_text(wrk_script(queries, mode, k), encoding="utf-8")
            log(f"http: {mode} at concurrency {c} for ~{seconds:.0f}s")
            runs.append(_level(gen, server.url, queries, script, c, seconds, mode, k))
        mem_end = pid_rss_mb(server.proc.pid)
    return {
        "endpoint": "GET /search",
        "load_generator": f"wrk ({_wrk_version()})" if gen == "wrk" else "httpx (threaded keep-alive clients of benchmarks/http_latency.py)",
        "seconds_per_level": seconds,
        "queries": len(queries),
        "k": k,
        "env": env or {},
        "server": {"startup_s": round(startup_s, 2), "rss_mb_after_start": mem_start["rss_mb"],
                   "rss_mb_after_runs": mem_end["rss_mb"], "peak_rss_mb": mem_end["peak_rss_mb"]},
        "runs": runs,
    }


def _wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout
    m = re.search(r"wrk (\S+)", out)
    return m.group(1) if m else "unknown version"
