"""The embedding cache: content-addressed vectors shared by every generation of an index.

Key = hash(model, runtime, embedding text), so a vector is never stale: a
changed text or model is simply another key. Lives at ``DIR/cache/embeddings.sqlite``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from indexer.errors import BuildFailed

__all__ = ["EmbeddingCache", "embed_cached"]


class EmbeddingCache:
    """Content-addressed vectors: key = hash(model, runtime, embedding text)."""

    def __init__(self, path: Path, model_key: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(path)
        self.con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self.model_key = model_key
        self.dim = dim

    def key(self, text: str) -> str:
        return hashlib.blake2b(f"{self.model_key}\x1f{text}".encode(), digest_size=16).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            q = f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})"
            for k, blob in self.con.execute(q, chunk):
                v = np.frombuffer(blob, dtype=np.float32)
                if v.shape == (self.dim,):
                    out[k] = v
        return out

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        self.con.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)", [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        )
        self.con.commit()

    def close(self) -> None:
        self.con.close()


def embed_cached(
    embedder,
    texts: Sequence[str],
    path: Path,
    batch_size: int = 32,
    progress: Callable[[int, int], None] | None = None,
    engine=None,
) -> tuple[np.ndarray, int]:
    """``(vectors, how many were embedded)`` for ``texts``: cached vectors reused, the rest embedded
    by ``engine`` (:mod:`indexer.engines`; default: in this process) and cached chunk by chunk as
    they arrive, so a build that dies keeps what it paid for."""
    if engine is None:
        from indexer.engines import LocalEngine

        engine = LocalEngine()
    cache = EmbeddingCache(path, f"{embedder.model_id}|{embedder.runtime}", embedder.dim)
    try:
        keys = [cache.key(t) for t in texts]
        found = cache.get_many(keys)
        first = {}
        for i, k in enumerate(keys):
            if k not in found:
                first.setdefault(k, i)
        missing = list(first.items())  # (key, index of its first text), in text order
        done = 0
        for idx, vecs in engine.embed(embedder, [texts[i] for _, i in missing], batch_size):
            new = [(missing[j][0], vecs[n]) for n, j in enumerate(idx.tolist())]
            cache.put_many(new)
            found.update(new)
            done += len(new)
            if progress:
                progress(done, len(missing))
    finally:
        cache.close()
    if len(found) < len(set(keys)):
        raise BuildFailed(f"the {getattr(engine, 'name', 'build')} engine returned {done} of {len(missing)} embeddings")
    vectors = np.stack([found[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, embedder.dim), np.float32)
    return vectors, len(missing)
