"""``plansearch serve`` as a child process on a free port, for end-to-end tests and HTTP benchmarks.

>>> with serve_process("index") as server:          # doctest: +SKIP
...     urllib.request.urlopen(server.url + "/health")

Only the standard library is used, so benchmarks and tests need nothing extra.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Mapping, Sequence

__all__ = ["ServerProcess", "free_port", "plansearch_command", "serve_process", "ServerFailed"]


class ServerFailed(RuntimeError):
    """The server exited or did not become healthy; the message ends with its log tail."""


@dataclass(frozen=True)
class ServerProcess:
    proc: subprocess.Popen
    url: str
    port: int
    health: dict


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def plansearch_command() -> list[str]:
    """The installed ``plansearch`` next to this interpreter, else ``python -m indexer.cli``."""
    exe = Path(sys.executable).with_name("plansearch")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "indexer.cli"]


def _health(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as r:
            body = json.load(r)
            return body if body.get("status") == "ok" else None
    except (OSError, ValueError, urllib.error.URLError):
        return None


@contextmanager
def serve_process(
    index_dir: "str | os.PathLike[str]",
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    log: "IO[bytes] | None" = None,
    timeout: float = 120.0,
    cwd: "str | os.PathLike[str] | None" = None,
    args: Sequence[str] = (),
) -> Iterator[ServerProcess]:
    """Start ``plansearch serve --index DIR`` on ``port`` (a free one by default), wait for a healthy
    ``/health``, yield, then terminate it (kill after 15 s). ``env`` entries override the
    environment; ``log`` receives stdout and stderr (default: discarded, but kept for errors);
    ``args`` are more ``serve`` options (e.g. ``--engine ray --replicas 2``).
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, "PLANSEARCH_LOG_LEVEL": "warning", **(env or {})}
    # A file, not a pipe: a chatty server must never block on a full pipe buffer.
    sink = log if log is not None else tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [*plansearch_command(), "serve", "--index", str(index_dir), "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=cwd, env=full_env, stdout=sink, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while (health := _health(url)) is None:
            if proc.poll() is not None:
                out = _tail(sink)
                raise ServerFailed(f"plansearch serve exited with {proc.returncode}:\n{out}")
            if time.monotonic() > deadline:
                raise ServerFailed(f"plansearch serve not healthy after {timeout:.0f}s")
            time.sleep(0.2)
        yield ServerProcess(proc, url, port, health)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log is None:
            sink.close()


def _tail(sink) -> str:
    try:
        sink.flush()
        sink.seek(0)
        return sink.read().decode(errors="replace")[-3000:]
    except (OSError, ValueError, AttributeError):
        return "(output went to the given log)"
