"""Write jobs: rebuild the index from the corpus directory after uploads and deletions.

The HTTP handlers change ``PLANSEARCH_CORPUS_DIR`` durably (save or delete the
file), record a job and answer 202; a single worker thread then runs
:func:`indexer.building.build_index` over the corpus directory — the CLI's
atomic generation path, under the build lock it shares with the CLI (the
worker waits for a CLI build rather than failing) — and switches the served
index to the new generation before it says ``done``.

Jobs waiting together are served by one build. Each job is a small JSON file
in ``INDEX_DIR/jobs/`` written atomically at every change of state, so after a
``kill -9`` the next start finds the jobs that were queued or running and runs
them again: every accepted file is in the corpus directory by then.
"""

from __future__ import annotations

import json
import logging
import math
import os
import queue
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from indexer.building import build_index
from indexer.errors import PlansearchError
from indexer.generation import MANIFEST
from service.api.uploads import inside, remove_document_file, remove_stale_parts
from service.search.live import LiveIndex

__all__ = ["JobRunner", "new_job_id"]

log = logging.getLogger("plansearch.service")

#: Finished job files kept on disk (the oldest are removed at start-up).
KEEP_FINISHED = 1000
_STOP = object()


def new_job_id() -> str:
    return f"{int(time.time()):x}-{secrets.token_hex(6)}"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class JobRunner:
    """Owns the job records and the worker thread that builds."""

    def __init__(self, index_dir: Path, corpus_dir: Path, live: LiveIndex, embedder: Callable[[], Any]) -> None:
        self.index_dir = Path(index_dir)
        self.corpus_dir = Path(corpus_dir)
        self.dir = self.index_dir / "jobs"
        self.live = live
        self._embedder = embedder
        self._jobs: dict[str, dict] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        #: ``fn(job_ids)`` runs before each build (tests make a build slow or fail with it).
        self.before_build: Callable[[list[str]], None] | None = None

    # ---- records -----------------------------------------------------------------
    def _write(self, job: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        final = self.dir / f"{job['job_id']}.json"
        tmp = self.dir / f".{job['job_id']}.{secrets.token_hex(3)}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(job, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
        fd = os.open(self.dir, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _update(self, job_id: str, **fields: Any) -> dict:
        with self._lock:
            job = self._jobs[job_id]
            job.update(fields)
            snapshot = json.loads(json.dumps(job))
        self._write(snapshot)
        return snapshot

    def get(self, job_id: str) -> dict | None:
        """The job's record (a copy), or None for an unknown id."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                return json.loads(json.dumps(job))
        if not job_id or "/" in job_id or job_id.startswith("."):
            return None
        try:
            return json.loads((self.dir / f"{job_id}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def submit(self, kind: str, files: list[dict], **extra: Any) -> dict:
        """Record a queued job durably, then queue it; returns its record."""
        job = {
            "job_id": new_job_id(),
            "kind": kind,
            "status": "queued",
            "created_at": _now(),
            "started_at": None,
            "finished_at": None,
            "generation": None,
            "error": None,
            "files": files,
            **extra,
        }
        self._write(job)
        with self._lock:
            self._jobs[job["job_id"]] = job
        self._queue.put(job["job_id"])
        return json.loads(json.dumps(job))

    # ---- lifecycle -----------------------------------------------------------------
    def start(self) -> None:
        """Resume the jobs a stopped or killed server left queued or running, then start the worker."""
        if self._thread is not None:
            return
        remove_stale_parts(self.corpus_dir)
        pending, finished = [], []
        for p in self.dir.glob("*.json") if self.dir.is_dir() else ():
            try:
                job = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            (pending if job.get("status") in ("queued", "running") else finished).append((job.get("created_at") or "", p, job))
        for t in self.dir.glob(".*.tmp") if self.dir.is_dir() else ():
            t.unlink(missing_ok=True)
        for _c, p, _job in sorted(finished, key=lambda x: (x[0], x[1].name))[:-KEEP_FINISHED]:
            p.unlink(missing_ok=True)
        for _c, _p, job in sorted(pending, key=lambda x: (x[0], x[1].name)):
            log.info("resuming job %s (%s, was %s)", job["job_id"], job.get("kind"), job["status"])
            job["status"] = "queued"
            with self._lock:
                self._jobs[job["job_id"]] = job
            self._queue.put(job["job_id"])
        self._thread = threading.Thread(target=self._loop, name="plansearch-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the build in progress (a job cut short is resumed at the next start)."""
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    def wait_idle(self, timeout: float = 120.0) -> bool:
        """Block until no job is queued or running (for tests and the CLI)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                busy = any(j["status"] in ("queued", "running") for j in self._jobs.values())
            if not busy:
                return True
            time.sleep(0.05)
        return False

    # ---- the worker -----------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            while True:  # everything waiting now shares one build
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    self._queue.put(_STOP)
                    break
                batch.append(nxt)
            batch = list(dict.fromkeys(batch))
            try:
                self._run(batch)
            except Exception as e:  # noqa: BLE001 - the worker must outlive any job
                log.exception("job worker error")
                for job_id in batch:
                    self._finish(job_id, "failed", error=f"{type(e).__name__}: {e}")

    def _finish(self, job_id: str, status: str, **fields: Any) -> None:
        self._update(job_id, status=status, finished_at=_now(), **fields)

    def _run(self, batch: list[str]) -> None:
        for job_id in batch:
            self._update(job_id, status="running", started_at=_now())
        if self.before_build is not None:
            self.before_build(batch)
        try:
            report = build_index([self.corpus_dir], self.index_dir, embedder=self._embedder(), lock_wait=math.inf)
        except PlansearchError as e:
            reason = f"build failed; the index is unchanged: {e}"
            for job_id in batch:
                self._finish(job_id, "failed", error=reason)
            return
        except Exception as e:  # noqa: BLE001 - reported on the job, and the old generation still serves
            log.exception("build failed")
            for job_id in batch:
                self._finish(job_id, "failed", error=f"build failed; the index is unchanged: {type(e).__name__}: {e}")
            return
        self.live.refresh()  # searchable before the job says done (the poller would also find it)
        docs = self._documents(report.generation)
        skipped = {}
        for s in report.skipped:
            rel = inside(Path(s.source), self.corpus_dir)
            if rel is not None:
                skipped[rel.as_posix()] = s.reason
        for job_id in batch:
            job = self.get(job_id) or {}
            files = [self._result(f, job.get("kind"), docs, skipped) for f in job.get("files", [])]
            self._finish(job_id, "done", generation=report.generation, files=files)

    def _documents(self, generation: str) -> dict[str, tuple[str, str]]:
        """corpus-relative path → (doc_id, sha256) of the documents in ``generation``."""
        try:
            manifest = json.loads((self.index_dir / generation / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        out = {}
        for doc_id, meta in manifest.get("documents", {}).items():
            rel = inside(Path(meta["source"]), self.corpus_dir)
            if rel is not None:
                out[rel.as_posix()] = (doc_id, meta.get("sha256"))
        return out

    def _result(self, f: dict, kind: str | None, docs: dict, skipped: dict) -> dict:
        f = dict(f)
        if f.get("status") not in (None, "pending"):
            return f  # refused at upload time: already final
        name = f["name"]
        if kind == "delete":
            if name in docs:
                f.update(status="skipped", reason="a file of that name was added again before the index was rebuilt")
            else:
                f.update(status="deleted")
            return f
        if name in docs and docs[name][1] == f.get("sha256"):
            f.update(status="indexed", doc_id=docs[name][0])
        elif name in docs:
            f.update(status="skipped", reason="replaced by a later upload with the same name", doc_id=docs[name][0])
        elif name in skipped:
            f.update(status="skipped", reason=skipped[name])
            self._discard(name, f.get("sha256"))
        elif not (self.corpus_dir / name).exists():
            f.update(status="skipped", reason="deleted before the index was rebuilt")
        else:
            f.update(status="skipped", reason="not found in the new index")
        return f

    def _discard(self, name: str, sha256: str | None) -> None:
        """Remove an uploaded file that cannot be indexed, unless a later upload replaced it."""
        import hashlib

        p = self.corpus_dir / name
        try:
            if sha256 and hashlib.sha256(p.read_bytes()).hexdigest() == sha256:
                remove_document_file(p)
        except OSError:
            pass
