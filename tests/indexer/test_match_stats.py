"""Match statistics stored by the builder: the same numbers as counted from the loaded index,
the same match labels and relevances, one global file for a sharded generation."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from indexer import build_index
from indexer.generation import MANIFEST, current_generation
from indexer.match_stats import MATCH_STATS, SAMPLE, MatchStats, compute_match_stats, read_match_stats, write_match_stats
from service.search import load_index
from service.search.engine import MODES
from service.search.match import match_stats

ROOT = Path(__file__).resolve().parents[2]
QUERIES = [q["q"] for q in json.loads((ROOT / "tests" / "data" / "dev_queries.json").read_text())["queries"]]
NEGATIVES = json.loads((ROOT / "tests" / "data" / "negative_queries.json").read_text(encoding="utf-8"))["sample"]


class HashEmbedder:
    """Deterministic unit vectors from a text's hash: no model, any number of passages."""

    model_id, runtime, dim = "test-hash", "test", 16

    def _encode(self, texts):
        out = np.stack([np.random.default_rng(int(hashlib.sha1(t.encode()).hexdigest()[:12], 16)).standard_normal(self.dim) for t in texts])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)

    def encode_queries(self, texts):
        return self._encode(texts)

    def encode_passages(self, texts, batch_size=32):
        return self._encode(texts)


WORDS = "주민자치 스마트도시 탄소중립 청년 창업 돌봄 어르신 교통 방범 재난 플랫폼 도서관 공원 하천 문화 관광 축제 일자리 복지 안전".split()


def _docs(tmp: Path, n_docs: int = 4, per_doc: int = 700) -> Path:
    """``n_docs`` plans of ``per_doc`` bullets each (over :data:`SAMPLE` passages in all, so the sample is a sample)."""
    d = tmp / "docs"
    d.mkdir()
    rng = np.random.default_rng(7)
    for i in range(n_docs):
        lines = ["가. 투자 방향"]
        for j in range(per_doc):
            words = " ".join(rng.choice(WORDS, size=4))
            lines.append(f"○ {words} 사업{i}-{j} 추진 (Project{j % 50}) : (‘21) {j} → (’25) {j + 3}")
        (d / f"plan-{i}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def _same(a: MatchStats, b: MatchStats) -> None:
    assert a.n == b.n
    assert dict(a.df) == dict(b.df)
    assert a.sample.dtype == b.sample.dtype == np.float32 and a.sample.shape == b.sample.shape
    assert a.sample.tobytes() == b.sample.tobytes()


def _without_stats(src: Path, dst: Path) -> Path:
    """A copy of index ``src`` as written before the builder stored match statistics."""
    shutil.copytree(src, dst)
    gen = current_generation(dst)
    (gen / MATCH_STATS).unlink()
    manifest = json.loads((gen / MANIFEST).read_text())
    del manifest["files"][MATCH_STATS]
    (gen / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return dst


def test_stored_stats_equal_counted_and_search_is_unchanged(corpus_index_dir, embedder, tmp_path):
    stored = load_index(corpus_index_dir, embedder=embedder)
    gen = current_generation(corpus_index_dir)
    assert (gen / MATCH_STATS).is_file()
    manifest = json.loads((gen / MANIFEST).read_text())
    assert MATCH_STATS in manifest["files"]  # checked like every other file
    from_file = read_match_stats(gen, len(stored.corpus.vector_rows))
    assert from_file is not None
    _same(from_file, compute_match_stats(stored.corpus, stored.vectors))
    _same(match_stats(stored), from_file)

    # An older generation without the file still answers, counting the statistics itself: identically.
    old = load_index(_without_stats(corpus_index_dir, tmp_path / "old"), embedder=embedder)
    assert read_match_stats(current_generation(tmp_path / "old"), len(old.corpus.vector_rows)) is None
    for q in QUERIES[:12] + NEGATIVES[:6]:
        for mode in MODES:
            a, b = stored.search(q, k=10, mode=mode), old.search(q, k=10, mode=mode)
            assert a.match == b.match, (q, mode)
            assert [(h.passage_id, h.relevance) for h in a.hits] == [(h.passage_id, h.relevance) for h in b.hits], (q, mode)
    _same(match_stats(old), from_file)


def test_file_from_other_parameters_or_counts_is_ignored(tmp_path):
    stats = MatchStats(np.ones((2, 3), np.float32), Counter({"사업": 2, "": 1, "idc": 1}), 2)
    write_match_stats(tmp_path / MATCH_STATS, stats)
    _same(read_match_stats(tmp_path, 2), stats)
    assert read_match_stats(tmp_path, 3) is None  # another passage count: not this generation's
    (tmp_path / MATCH_STATS).write_bytes(b"garbage")
    assert read_match_stats(tmp_path, 2) is None
    assert read_match_stats(tmp_path / "nowhere", 2) is None


@pytest.mark.slow
def test_sharded_build_stores_the_global_stats(tmp_path):
    docs = _docs(tmp_path)
    emb = HashEmbedder()
    one = build_index([docs], tmp_path / "one", embedder=emb)
    three = build_index([docs], tmp_path / "three", embedder=emb, shards=3)
    assert three.shards == 3 and one.searchable == three.searchable > SAMPLE
    g1, g3 = current_generation(tmp_path / "one"), current_generation(tmp_path / "three")
    assert not any((g3 / s).joinpath(MATCH_STATS).exists() for s in ("shard-000", "shard-001", "shard-002"))
    s1, s3 = read_match_stats(g1, one.searchable), read_match_stats(g3, three.searchable)
    assert s1 is not None and s3 is not None and len(s1.sample) == SAMPLE
    _same(s3, s1)
    a, b = load_index(tmp_path / "one", embedder=emb), load_index(tmp_path / "three", embedder=emb)
    _same(compute_match_stats(a.corpus, a.vectors), s1)
    _same(compute_match_stats(b.corpus, b.vectors), s3)

    old = load_index(_without_stats(tmp_path / "three", tmp_path / "old"), embedder=emb)
    for q in ("주민자치 스마트도시", "청년 창업 Project7", "반려동물 장묘"):
        for mode in MODES:
            ra, rb, rc = a.search(q, mode=mode), b.search(q, mode=mode), old.search(q, mode=mode)
            assert ra.match == rb.match == rc.match
            assert [h.relevance for h in ra.hits] == [h.relevance for h in rb.hits] == [h.relevance for h in rc.hits]
