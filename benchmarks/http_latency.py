"""HTTP latency of ``GET /search`` against a real ``plansearch serve`` process, and its memory.

Starts the server on a free port, waits for ``/health``, warms up, then for
each concurrency level sends ``--requests`` searches from that many threads
(one keep-alive ``httpx.Client`` each) cycling through a fixed list of Korean
queries, and reports p50/p90/p99 latency, throughput and the server's resident
memory (``VmRSS``/``VmHWM`` from ``/proc/PID/status``). Stops the server itself.

    .venv/bin/python benchmarks/http_latency.py --index /tmp/ix --out benchmarks/results/http_latency.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import threading
import time
from pathlib import Path

import httpx
import numpy as np

from benchmarks.process import serve_process

ROOT = Path(__file__).resolve().parents[1]
DEV_QUERIES = ROOT / "tests" / "data" / "dev_queries.json"


def proc_memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, in KiB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def run_level(base: str, queries: list[str], n: int, concurrency: int, k: int, mode: str) -> dict:
    """``n`` searches from ``concurrency`` threads; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(n))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                r = client.get("/search", params={"q": queries[i % len(queries)], "k": k, "mode": mode})
                dt = (time.perf_counter() - t) * 1000
                with lock:
                    latencies.append(dt)
                    errors += r.status_code != 200

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    a = np.array(latencies)
    return {
        "concurrency": concurrency,
        "requests": len(a),
        "errors": errors,
        "p50_ms": round(float(np.percentile(a, 50)), 2),
        "p90_ms": round(float(np.percentile(a, 90)), 2),
        "p99_ms": round(float(np.percentile(a, 99)), 2),
        "mean_ms": round(float(a.mean()), 2),
        "max_ms": round(float(a.max()), 2),
        "throughput_rps": round(len(a) / wall, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True, help="Built index directory to serve.")
    ap.add_argument("--requests", type=int, default=200, help="Requests per concurrency level.")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--log-level", default="warning", help="Server log level (info adds an access-log line per request).")
    ap.add_argument("--queries", type=Path, default=DEV_QUERIES)
    ap.add_argument(
        "--serve-args", default="", help="More `plansearch serve` options, e.g. '--engine ray --replicas 2' "
        "(RSS is then the driver's, not the replicas').",
    )
    ap.add_argument("--out", type=Path, help="Write the results as JSON here.")
    args = ap.parse_args()

    queries = [q["q"] for q in json.loads(args.queries.read_text(encoding="utf-8"))["queries"]]
    t0 = time.perf_counter()
    serve_args = shlex.split(args.serve_args)
    env = {"PLANSEARCH_LOG_LEVEL": args.log_level}
    with serve_process(args.index, env=env, cwd=ROOT, timeout=300, args=serve_args) as server:
        base, health = server.url, server.health
        startup_s = time.perf_counter() - t0
        mem_start = proc_memory_kib(server.proc.pid)
        run_level(base, queries, args.warmup, 1, args.k, args.mode)
        runs = [run_level(base, queries, args.requests, c, args.k, args.mode) for c in args.concurrency]
        mem_end = proc_memory_kib(server.proc.pid)

    result = {
        "endpoint": "GET /search",
        "mode": args.mode,
        "k": args.k,
        "queries": len(queries),
        "index": {k: health.get(k) for k in ("documents", "passages", "searchable", "model", "runtime", "generation")},
        "server": {
            "args": serve_args,
            "log_level": args.log_level,
            "startup_s": round(startup_s, 2),
            "rss_mib_after_start": round(mem_start["VmRSS"] / 1024, 1),
            "rss_mib_after_runs": round(mem_end["VmRSS"] / 1024, 1),
            "peak_rss_mib": round(mem_end["VmHWM"] / 1024, 1),
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "runs": runs,
    }
    print(f"GET /search over HTTP ({args.mode}, k={args.k}, {len(queries)} queries cycled; "
          f"{health['documents']} documents, {health['passages']} passages; {os.cpu_count()} CPUs)")
    print(f"{'conc':>4} {'n':>5} {'err':>4} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'req/s':>7}")
    for r in runs:
        print(f"{r['concurrency']:>4} {r['requests']:>5} {r['errors']:>4} {r['p50_ms']:>8.1f} {r['p90_ms']:>8.1f} "
              f"{r['p99_ms']:>8.1f} {r['mean_ms']:>8.1f} {r['throughput_rps']:>7.1f}")
    s = result["server"]
    print(f"server RSS: {s['rss_mib_after_start']} MiB after start, {s['rss_mib_after_runs']} MiB after the runs, "
          f"peak {s['peak_rss_mib']} MiB; startup {s['startup_s']} s")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
