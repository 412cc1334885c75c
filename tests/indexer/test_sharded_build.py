"""A sharded generation (``--shards N``) answers exactly like one index, and stays incremental."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from indexer import build_index
from indexer.generation import current_generation
from indexer.segmentation import content_morphs, query_tokens
from service.api.main import create_app
from service.api.settings import Settings
from service.search import load_index
from service.search.engine import MODES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "incheon-midterm-plan-2021-general-admin.txt"
QUERIES = [q["q"] for q in json.loads((ROOT / "tests" / "data" / "dev_queries.json").read_text())["queries"]]

#: Small plans beside the sample one, so that three shards each get documents.
EXTRAS = {
    "green-plan.txt": """가. 투자 방향
○ 탄소중립 도시 실현을 위한 녹색 인프라 확충
○ 청년 일자리 창출과 창업 생태계 조성
나. 투자 중점사업
○ 청년 창업지원센터 운영(개소): (‘21) 3 → (’25) 6
- 초기 창업기업 보육 및 투자 연계
""",
    "smart-plan.txt": """1. 스마트도시 조성
□ 스마트도시 통합플랫폼 구축
ㅇ 교통·방범·재난 정보를 하나의 플랫폼으로 연계
ㅇ 스마트 버스정류장 확대 설치(개소): (‘21) 20 → (’23) 60
2. 주민자치 강화
□ 주민자치회 전면 시행
ㅇ 주민자치회 구성(개) : (‘21) 132 → (’22) 154
""",
    "welfare-plan.txt": """Ⅰ. 복지 정책
1. 돌봄 확대
가. 어르신 돌봄 서비스 확충
ㅇ 방문 돌봄 인력 증원과 통합돌봄 창구 운영
나. 아동 돌봄
ㅇ 다함께돌봄센터 확대(개소) : (‘21) 12 → (’24) 30
""",
}


def _corpus(tmp: Path, names=tuple(EXTRAS)) -> Path:
    d = tmp / "docs"
    d.mkdir(exist_ok=True)
    shutil.copy(SEED, d / SEED.name)
    for name in names:
        (d / name).write_text(EXTRAS[name], encoding="utf-8")
    return d


def _same_answers(a, b) -> None:
    """``b`` (sharded) holds what ``a`` (one index) holds and ranks every dev query the same."""
    assert [p.id for p in b.corpus.passages] == [p.id for p in a.corpus.passages]
    assert b.corpus.vector_rows == a.corpus.vector_rows
    n = len(a.corpus.vector_rows)
    np.testing.assert_allclose(b.vectors.reconstruct_batch(np.arange(n)), a.vectors.reconstruct_n(0, n), atol=1e-5)
    for q in QUERIES:
        tokens = query_tokens(content_morphs(q))
        np.testing.assert_allclose(b.lexical.scores(tokens), a.lexical.scores(tokens), rtol=1e-5, atol=1e-6)
        for mode in MODES:
            ra, rb = a.search(q, k=10, mode=mode), b.search(q, k=10, mode=mode)
            assert [h.passage_id for h in rb.hits] == [h.passage_id for h in ra.hits], (q, mode)
            np.testing.assert_allclose([h.score for h in rb.hits], [h.score for h in ra.hits], rtol=1e-4)
            assert rb.match == ra.match
    # Filters scatter with their share of the allowed positions.
    doc = "smart-plan"
    ra, rb = a.search("주민자치회", docs=[doc]), b.search("주민자치회", docs=[doc])
    assert [h.passage_id for h in rb.hits] == [h.passage_id for h in ra.hits] and rb.hits


@pytest.mark.slow
def test_three_shards_answer_like_one_index(tmp_path, embedder):
    docs = _corpus(tmp_path)
    one = build_index([docs], tmp_path / "one", embedder=embedder)
    # The embedding cache is content-addressed: the sharded build reuses the vectors (no re-embedding here).
    shutil.copytree(tmp_path / "one" / "cache", tmp_path / "three" / "cache")
    three = build_index([docs], tmp_path / "three", embedder=embedder, shards=3)
    assert one.shards == 1 and three.shards == 3 and three.embedded == 0
    gen = current_generation(tmp_path / "three")
    manifest = json.loads((gen / "manifest.json").read_text())
    assert [s["name"] for s in manifest["shards"]] == ["shard-000", "shard-001", "shard-002"]
    assert sum(s["searchable"] for s in manifest["shards"]) == one.searchable
    assert all((gen / s["name"] / f).exists() for s in manifest["shards"] for f in ("store.sqlite", "vectors.faiss", "bm25"))
    a, b = load_index(tmp_path / "one", embedder=embedder), load_index(tmp_path / "three", embedder=embedder)
    _same_answers(a, b)

    with TestClient(create_app(Settings(index_dir=tmp_path / "three"), index=b)) as client:
        h = client.get("/health").json()
        assert h["shards"] == 3 and h["searchable"] == one.searchable
        got = client.get("/search", params={"q": "스마트 버스정류장"}).json()
        assert got["results"][0]["doc_id"] == "smart-plan"
    with TestClient(create_app(Settings(index_dir=tmp_path / "one"), index=a)) as client:
        assert client.get("/health").json()["shards"] == 1

    # Incremental: one document removed, one added; only the new passages are embedded and it stays sharded.
    (docs / "green-plan.txt").unlink()
    (docs / "extra-plan.txt").write_text(EXTRAS["green-plan.txt"].replace("청년", "어르신"), encoding="utf-8")
    again = build_index([docs], tmp_path / "three", embedder=embedder)  # no --shards: the live generation's count
    assert again.removed == ("green-plan",) and again.added == ("extra-plan",) and again.shards == 3
    assert 0 < again.embedded < 10
    c = load_index(tmp_path / "three", embedder=embedder)
    assert "green-plan" not in c.corpus.documents and "extra-plan" in c.corpus.documents
    assert c.search("어르신 창업지원센터").hits[0].doc_id == "extra-plan"
