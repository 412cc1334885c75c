"""The index generation on disk: its layout, its writer and its reader.

Layout of an index directory::

    DIR/CURRENT                 name of the live generation (replaced atomically)
    DIR/gen-<time>-<rand>/      manifest.json, store.sqlite, vectors.faiss, bm25/,
                                match_stats.npz (:mod:`indexer.match_stats`; older generations
                                lack it and still load)
                                (sharded: shard-000/ … shard-N/, each with store, vectors and
                                bm25, listed under "shards" in the manifest; :mod:`indexer.shards`;
                                match_stats.npz stays at the top, global)
    DIR/cache/embeddings.sqlite content-hash → vector, per model (never invalid)
    DIR/.build.lock             one builder at a time
    DIR/.leases/gen-*           a server holds a shared flock on one while it serves that
                                generation (or a request still uses it); prune skips it

A writer fills a temporary directory, fsyncs it, renames it into place and
only then replaces ``CURRENT`` (:func:`publish`); a crash or ``kill -9`` at
any point leaves the previous generation live. The reader
(:func:`open_generation`) checks every file against the manifest's sizes and
SHA-256 before anything is loaded.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from indexer.errors import IndexCorrupt, IndexNotFound, ModelMismatch, PlansearchError
from indexer.lexical import LexicalIndex
from indexer.shards import ShardedLexical, merge_corpora
from indexer.store import Corpus, read_store
from indexer.vectors import ShardedVectors, load_vectors

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST",
    "CURRENT",
    "Generation",
    "current_generation",
    "file_digest",
    "build_lock",
    "lease_generation",
    "read_previous",
    "read_corpus",
    "new_generation",
    "publish",
    "prune",
    "read_manifest",
    "open_generation",
    "check_model",
    "fsync_dir",
]

FORMAT_VERSION = 2  # 2: our own BM25 arrays (bm25/*.npy), optional shards
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
STORE = "store.sqlite"
VECTORS = "vectors.faiss"
BM25 = "bm25"


def current_generation(index_dir: Path) -> Path | None:
    """The live generation directory, or None when the index has none yet."""
    cur = index_dir / CURRENT
    if not cur.exists():
        return None
    name = cur.read_text().strip()
    if not name or "/" in name or name.startswith("."):
        raise IndexCorrupt(f"{cur}: does not name a generation ({name!r})")
    return index_dir / name


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def build_lock(index_dir: Path, wait: float = 0.0) -> Iterator[None]:
    """One builder at a time per index directory (an advisory ``flock``, shared by the CLI and the server).

    ``wait``: seconds to wait for another build to finish (``math.inf``: as long as
    it takes); with 0 a running build is an error at once.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    with open(index_dir / ".build.lock", "w") as f:
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PlansearchError(f"another build is running on {index_dir}; wait for it to finish") from None
                time.sleep(0.1)
        yield


#: Lease files, one per generation, beside the generations (not inside: that would change their mtime).
LEASES = ".leases"


def _lease_file(gen: Path, create_dir: bool) -> IO[bytes] | None:
    try:
        if create_dir:
            (gen.parent / LEASES).mkdir(exist_ok=True)
        return open(gen.parent / LEASES / gen.name, "ab")
    except OSError:
        return None


def lease_generation(gen: Path) -> IO[bytes] | None:
    """A shared lease on ``gen``: while the returned file is open, :func:`prune` leaves ``gen`` alone.

    None when no lease can be taken: the index directory is read-only (then no
    build can prune it either) or ``gen`` is being pruned right now.
    """
    f = _lease_file(gen, create_dir=True)
    if f is None:
        return None
    try:
        fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        f.close()
        return None
    return f


def _remove_unleased(gen: Path) -> bool:
    """Remove ``gen`` unless a server holds a lease on it; True when it was removed."""
    f = _lease_file(gen, create_dir=False)  # None: no lease was ever taken here (or read-only)
    try:
        if f is not None:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # served, or a request still uses it
        shutil.rmtree(gen, ignore_errors=True)
        if f is not None:
            (gen.parent / LEASES / gen.name).unlink(missing_ok=True)
        return True
    finally:
        if f is not None:
            f.close()


def read_previous(index_dir: Path) -> tuple[Corpus | None, dict | None]:
    """The live generation's corpus and manifest, if there is a readable one."""
    try:
        gen = current_generation(index_dir)
        if gen is None:
            return None, None
        manifest = json.loads((gen / MANIFEST).read_text())
        return read_corpus(gen, manifest), manifest
    except (OSError, ValueError, sqlite3.Error, PlansearchError):
        return None, None  # a broken previous index is simply rebuilt from scratch


def _parts(gen: Path, manifest: dict) -> list[Path]:
    """The directories holding a generation's stores: its shards, or the generation itself."""
    shards = manifest.get("shards")
    return [gen / s["name"] for s in shards] if shards else [gen]


def read_corpus(gen: Path, manifest: dict) -> Corpus:
    """A generation's corpus, its shards' merged in order when it has shards."""
    parts = _parts(gen, manifest)
    return read_store(parts[0] / STORE) if parts == [gen] else merge_corpora([read_store(p / STORE) for p in parts])


@contextmanager
def new_generation(index_dir: Path) -> Iterator[tuple[str, Path]]:
    """``(name, temporary directory)`` to write a generation into; removed again on any failure."""
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
    tmp = index_dir / f".tmp-{name}"
    tmp.mkdir(parents=True)
    try:
        yield name, tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def publish(index_dir: Path, name: str, tmp: Path, manifest: dict[str, Any]) -> Path:
    """Checksum, fsync and rename ``tmp`` into place, then switch ``CURRENT`` to it (atomically)."""
    manifest = {
        "format_version": FORMAT_VERSION,
        "generation": name,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **manifest,
        "files": {
            str(p.relative_to(tmp)): {"bytes": p.stat().st_size, "sha256": file_digest(p)} for p in sorted(tmp.rglob("*")) if p.is_file()
        },
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    _fsync_tree(tmp)
    final = index_dir / name
    os.rename(tmp, final)
    cur_tmp = index_dir / f".{CURRENT}.{secrets.token_hex(3)}"
    cur_tmp.write_text(name + "\n")
    with open(cur_tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(cur_tmp, index_dir / CURRENT)  # the atomic switch
    fsync_dir(index_dir)
    return final


def _fsync_tree(path: Path) -> None:
    for p in sorted(path.rglob("*")):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    fsync_dir(path)


def fsync_dir(path: Path) -> None:
    """fsync a directory, so that a rename or a new file in it survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def prune(index_dir: Path, keep: int) -> None:
    """Remove old generations (the live one and ``keep-1`` before it stay) and stale temp dirs.

    A generation a running server still holds (:func:`lease_generation`) is kept
    whatever its age; a later prune removes it once released. Call it under
    :func:`build_lock`: the temp dirs it removes are those of builds that died.
    """
    live = current_generation(index_dir)
    gens = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    kept = [g for g in gens if g == live] + [g for g in gens if g != live][: max(0, keep - 1)]
    for g in gens:
        if g not in kept:
            _remove_unleased(g)
    for lease in (index_dir / LEASES).glob("gen-*"):
        if not (index_dir / lease.name).is_dir():
            _remove_unleased(index_dir / lease.name)  # a lease left behind by a server that raced a prune
    for t in index_dir.glob(".tmp-gen-*"):
        shutil.rmtree(t, ignore_errors=True)


@dataclass(frozen=True)
class Generation:
    """A generation read from disk and checked against its manifest."""

    path: Path
    manifest: dict
    corpus: Corpus
    vectors: Any  # a faiss index
    lexical: LexicalIndex


def _live_manifest(index_dir: Path, verify: bool) -> tuple[Path, dict]:
    if not index_dir.is_dir():
        raise IndexNotFound(f"no index at {index_dir}; build one with: plansearch index corpus/ --index {index_dir}")
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexNotFound(f"{index_dir} holds no index yet; build one with: plansearch index corpus/ --index {index_dir}")
    if not gen.is_dir():
        raise IndexCorrupt(f"{index_dir}/CURRENT names {gen.name}, which does not exist; rebuild the index")
    try:
        manifest = json.loads((gen / MANIFEST).read_text())
        files = manifest["files"]
        version = manifest["format_version"]
        manifest["model"]  # noqa: B018 - must be present
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise IndexCorrupt(f"{gen / MANIFEST}: unreadable manifest ({type(e).__name__}); rebuild the index") from None
    if version != FORMAT_VERSION:
        raise IndexCorrupt(f"{gen}: index format {version}, this plansearch reads {FORMAT_VERSION}; rebuild the index")
    for rel, meta in files.items():
        f = gen / rel
        if not f.is_file():
            raise IndexCorrupt(f"{f}: missing; rebuild the index")
        if f.stat().st_size != meta["bytes"]:
            raise IndexCorrupt(f"{f}: {f.stat().st_size} bytes, manifest says {meta['bytes']} (truncated?); rebuild the index")
        if verify and file_digest(f) != meta["sha256"]:
            raise IndexCorrupt(f"{f}: content does not match the manifest checksum; rebuild the index")
    return gen, manifest


def check_model(index_dir: Path, manifest: dict, embedder) -> None:
    """Raise :class:`ModelMismatch` unless ``embedder`` is the model that built the generation."""
    model = manifest["model"]
    if (embedder.model_id, embedder.runtime, embedder.dim) != (model["id"], model["runtime"], model["dim"]):
        raise ModelMismatch(
            f"index {index_dir} was built with {model['id']} ({model['runtime']}, dim {model['dim']}) but the "
            f"embedder is {embedder.model_id} ({embedder.runtime}, dim {embedder.dim}); rebuild the index with this "
            f"model or search with --model {model['id']}"
        )


def read_manifest(index_dir: "str | Path", verify: bool = True) -> tuple[Path, dict]:
    """``(generation path, manifest)`` of the live generation, its files checked (``verify``: SHA-256 too)."""
    return _live_manifest(Path(index_dir), verify)


def open_generation(gen: Path, manifest: dict) -> Generation:
    """Load a checked generation's store, vectors and BM25 index."""
    parts = _parts(gen, manifest)
    try:
        corpus = read_corpus(gen, manifest)
        shard_vectors = [load_vectors(p / VECTORS) for p in parts]
        shard_lexical = [LexicalIndex.load(p / BM25) for p in parts]
    except (sqlite3.Error, RuntimeError, ValueError, OSError, KeyError, TypeError) as e:
        raise IndexCorrupt(f"{gen}: cannot load ({type(e).__name__}: {e}); rebuild the index") from None
    ef = manifest.get("vector_index", {}).get("ef_search")
    for v in shard_vectors:
        if ef and hasattr(v, "hnsw"):
            v.hnsw.efSearch = int(ef)  # the recall/latency trade-off recorded at build time
    if parts == [gen]:
        vectors, lexical = shard_vectors[0], shard_lexical[0]
    else:  # scatter-gather over the shards, BM25 with global statistics
        vectors, lexical = ShardedVectors(shard_vectors), ShardedLexical(shard_lexical)
    if vectors.ntotal != len(corpus.vector_rows) or lexical.n_docs != len(corpus.vector_rows):
        raise IndexCorrupt(f"{gen}: vector/BM25/store counts disagree; rebuild the index")
    return Generation(gen, manifest, corpus, vectors, lexical)
