"""The index a server serves, swapped for a new generation without a restart.

:class:`LiveIndex` owns the served :class:`SearchIndex`. A background thread
polls ``DIR/CURRENT`` every few seconds; when it names another generation
(a CLI ``plansearch index`` or the server's own upload job switched it), the new
generation is loaded *completely* beside the old one and then swapped in with
one reference assignment. A request takes the index once (:meth:`LiveIndex.acquire`)
and finishes on it, so no reader sees a half-loaded index or an error during a
switch.

Every generation the server holds — the served one, and a retired one while a
request still uses it — carries a lease (:func:`indexer.generation.lease_generation`),
so a build's ``prune`` in any process leaves it on disk. The lease of a retired
generation is dropped when its last request finishes, and the poller then prunes
(under the build lock, only when no build runs) what the builds could not.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from indexer.errors import PlansearchError
from indexer.generation import CURRENT, build_lock, lease_generation, prune
from service.search.engine import SearchIndex

__all__ = ["LiveIndex", "IndexUnavailable"]

log = logging.getLogger("plansearch.service")

#: A generation that failed to load is tried again after this many seconds (it may have been mid-copy).
RETRY_FAILED_S = 30.0
#: Generations a server-side prune keeps (the build's default: the live one and one before it).
KEEP_GENERATIONS = 2


class IndexUnavailable(PlansearchError):
    """The service runs but holds no index (missing or unreadable); answered as 503."""


class LiveIndex:
    """The served index of ``index_dir`` and its hot reload.

    ``load()`` loads the live generation of ``index_dir`` (e.g. ``load_index`` with
    the server's settings); it receives the index served now, or None, so it can
    reuse its embedder. ``on_swap(index)`` is called after each switch.
    """

    def __init__(
        self,
        index_dir: Path,
        load: Callable[[SearchIndex | None], SearchIndex],
        index: SearchIndex | None = None,
        error: str | None = None,
        on_swap: Callable[[SearchIndex], None] | None = None,
    ) -> None:
        self.index_dir = Path(index_dir)
        self._load = load
        self._on_swap = on_swap
        self._lock = threading.Lock()  # guards the fields below
        self._reload_lock = threading.Lock()  # one load at a time
        self._ix = index
        self._error = error
        self._users: dict[str, int] = {}
        self._leases: dict[str, IO[bytes]] = {}
        self._retired: dict[str, SearchIndex] = {}  # swapped out, still used by a request
        self._failed: dict[str, float] = {}
        self._prune_wanted = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.swaps = 0
        self.loaded_at: float | None = time.time() if index is not None else None
        if index is not None:
            self._take_lease(index)

    # ---- reading -------------------------------------------------------------
    @property
    def current(self) -> SearchIndex | None:
        return self._ix

    @property
    def error(self) -> str | None:
        return self._error

    @contextmanager
    def acquire(self) -> Iterator[SearchIndex]:
        """The index served now, kept (with its files) until the block ends; :class:`IndexUnavailable` if none."""
        with self._lock:
            ix = self._ix
            if ix is None:
                raise IndexUnavailable(self._error or "no index loaded")
            gen = ix.generation
            self._users[gen] = self._users.get(gen, 0) + 1
        try:
            yield ix
        finally:
            with self._lock:
                n = self._users[gen] - 1
                if n:
                    self._users[gen] = n
                else:
                    del self._users[gen]
                    if gen in self._retired:
                        self._release(gen)

    def users(self, generation: str) -> int:
        """Requests using ``generation`` now (for tests and /health)."""
        with self._lock:
            return self._users.get(generation, 0)

    # ---- switching -------------------------------------------------------------
    def _current_name(self) -> str | None:
        try:
            name = (self.index_dir / CURRENT).read_text().strip()
        except OSError:
            return None
        return name or None

    def refresh(self) -> bool:
        """Switch to the generation ``CURRENT`` names if it is not the one served; True when switched.

        Never raises: a generation that cannot be loaded is logged, the served one
        stays, and it is tried again after :data:`RETRY_FAILED_S`.
        """
        with self._reload_lock:
            name = self._current_name()
            if name is None:
                return False
            served = self._ix
            if served is not None and served.generation == name:
                return False
            failed_at = self._failed.get(name)
            if failed_at is not None and time.monotonic() - failed_at < RETRY_FAILED_S:
                return False
            t0 = time.perf_counter()
            try:
                new = self._load(served)
            except Exception as e:  # noqa: BLE001 - a reload must never take the server down
                self._failed[name] = time.monotonic()
                msg = str(e) if isinstance(e, PlansearchError) else f"{type(e).__name__}: {e}"
                log.error("cannot load generation %s; still serving %s: %s", name, served and served.generation, msg)
                if served is None:
                    self._error = msg
                return False
            if served is not None and new.generation == served.generation:
                return False
            if not self._take_lease(new):
                # Pruned between loading and leasing (two builds in a row); the next poll loads the newer one.
                self._failed[new.generation] = time.monotonic()
                return False
            self._swap(new)
            self._failed.pop(name, None)
            log.info(
                "switched to generation %s (%d documents, %d passages) in %.2f s",
                new.generation, len(new.corpus.documents), len(new.corpus.passages), time.perf_counter() - t0,
            )
            return True

    def install(self, index: SearchIndex | None, error: str | None = None) -> None:
        """Serve ``index`` (loaded by the caller, e.g. at start-up), or record why there is none."""
        with self._reload_lock:
            if index is None:
                self._error = error
                return
            self._take_lease(index)
            self._swap(index)

    def _swap(self, new: SearchIndex) -> None:
        with self._lock:
            old, self._ix, self._error = self._ix, new, None
            self.swaps += 1
            self.loaded_at = time.time()
            if old is not None and old.generation != new.generation:
                if self._users.get(old.generation):
                    self._retired[old.generation] = old  # released when its last request ends
                else:
                    self._release(old.generation)
                    old.close()  # its store files: a pruned generation's space is freed at once
        if self._on_swap is not None:
            self._on_swap(new)

    def _take_lease(self, ix: SearchIndex) -> bool:
        """Lease ``ix``'s generation; False when its directory is gone (pruned meanwhile)."""
        gen = Path(ix.path)
        lease = lease_generation(gen)
        if not gen.is_dir():
            if lease is not None:
                lease.close()
            return False
        if lease is not None:  # None: read-only index directory, nobody can prune it
            with self._lock:
                self._leases[ix.generation] = lease
        return True

    def _release(self, gen: str) -> None:
        # Called with self._lock held.
        retired = self._retired.pop(gen, None)
        if retired is not None:
            retired.close()
        lease = self._leases.pop(gen, None)
        if lease is not None:
            lease.close()
            self._prune_wanted = True

    def prune_released(self) -> None:
        """Remove released generations a build's prune had to keep; skipped while a build runs."""
        if not self._prune_wanted:
            return
        self._prune_wanted = False
        try:
            with build_lock(self.index_dir):
                prune(self.index_dir, KEEP_GENERATIONS)
        except (PlansearchError, OSError):
            pass  # a build runs (it prunes when done) or the directory is read-only

    # ---- the poller ------------------------------------------------------------
    def start(self, interval: float) -> None:
        """Poll ``CURRENT`` every ``interval`` seconds in a daemon thread (0: never)."""
        if interval <= 0 or self._thread is not None:
            return
        self._stop.clear()

        def loop() -> None:
            while not self._stop.wait(interval):
                self.refresh()
                self.prune_released()

        self._thread = threading.Thread(target=loop, name="plansearch-reload", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def close(self) -> None:
        """Stop polling and drop every lease (the server is shutting down)."""
        self.stop()
        with self._lock:
            for gen in list(self._leases):
                self._leases.pop(gen).close()
