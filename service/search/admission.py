"""Admission control for query embedding: at most N embeddings run at once, the rest wait in line.

Query embedding is ~90% of a search and pure CPU. Left alone, eight concurrent requests on two
cores all embed at once and share the cores (each takes ~4× its time, and the unlucky ones
longer: that is the p99). With as many slots as cores, a request waits its turn (first come,
first served: :class:`threading.Condition` wakes waiters in order) and then embeds at full
speed, which tightens the latency distribution at the same throughput. Process-wide, since
the cores are. ``PLANSEARCH_EMBED_CONCURRENCY`` sets N (0 = no limit); see README "Settings".
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["configure", "embed_slot", "limit"]

_lock = threading.Lock()
_sem: threading.Semaphore | None = None
_limit = 0


def default_limit() -> int:
    """One slot per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def configure(n: int | None) -> None:
    """Allow ``n`` concurrent query embeddings (None: one per core; 0: no limit)."""
    global _sem, _limit
    n = default_limit() if n is None else n
    with _lock:
        _limit = n
        _sem = threading.Semaphore(n) if n > 0 else None


def limit() -> int:
    return _limit


@contextmanager
def embed_slot() -> Iterator[None]:
    sem = _sem
    if sem is None:
        yield
        return
    with sem:
        yield
