"""What every embedding backend provides, and the helpers they share.

Kept apart from ``models/__init__.py`` so that backends can import it without
importing the factory (and, through it, each other).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from models.errors import ModelNotAvailable

__all__ = ["Embedder", "ModelNotAvailable", "as_text_list", "check_batch_size"]


@runtime_checkable
class Embedder(Protocol):
    """A text embedder: queries and passages in, L2-normalised float32 rows out.

    ``model_id`` and ``runtime`` together name the vector space: an index
    records both and refuses to be searched by an embedder whose pair differs,
    because the same model under another runtime (4-bit vs. fp32) gives
    slightly different vectors.
    """

    model_id: str
    runtime: str
    dim: int
    #: Where it runs: ``cpu``, ``cuda:0`` … (not part of the vector space's name).
    device: str

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape ``(len(texts), dim)``, rows L2-normalised."""
        ...

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Return a float32 array of shape ``(len(texts), dim)``, rows L2-normalised."""
        ...



def as_text_list(texts: Sequence[str] | str) -> list[str]:
    """Validate and clean the texts to embed; a lone ``str`` counts as one text.

    A bare string is a ``Sequence[str]`` too, and embedding it character by
    character is never what a caller means.
    """
    if isinstance(texts, str):
        texts = [texts]
    out: list[str] = []
    for t in texts:
        if not isinstance(t, str):
            raise TypeError(f"texts to embed must be str, got {type(t).__name__}")
        # The engines take UTF-8 C strings: a NUL would silently cut the text
        # short, and a lone surrogate (a surrogateescape'd file name, a broken
        # decoder) would raise deep inside the tokenizer.
        out.append(t.replace("\x00", " ").encode("utf-8", "replace").decode("utf-8"))
    return out


def check_batch_size(batch_size: int) -> int:
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    return batch_size
