"""Audit: duplicate clusters (exact / near, by scope) and direction → project → target links.

On the sample corpus (``corpus_index`` from tests/conftest.py), on two bills of
our own that differ only in the law's name (cross-document scope), and on a
synthetic set where FAISS-candidate clustering must agree with brute force.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import faiss
import numpy as np
import pytest

from indexer.errors import InvalidQuery, NotFound, UnknownChoice
from indexer.records import Passage
from indexer.segmentation import Morph
from indexer.store import Corpus
from service.audit.duplicates import (
    AUDIT_KINDS,
    SCOPES,
    cluster_duplicates,
    count_clusters,
    exact_key,
    find_duplicates,
)
from service.audit.links import compute_links, linked_for
from service.audit.records import DuplicateCluster
from service.schemas import DuplicateClusterOut

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "corpus" / "incheon-midterm-plan-2021-general-admin.txt"
BILLS = ROOT / "tests" / "data" / "bills"

#: The block of six goals pasted twice in 가. 투자 방향, with how often each occurs in
#: the sample (three of them also open the section, so they occur three times; one
#: copy of 다양한 세대… writes the middle dot as ․ instead of ㆍ).
PASTED_BLOCK = {
    "주민자치 활성화를 위한 제도적 기반 마련": 3,
    "마을공동체 자치역량 강화 및 생태계 구축": 3,
    "도시브랜드를 활용한 도시 이미지 제고 및 시민 자긍심 고취": 2,
    "다양한 세대와 계층에 맞는 콘텐츠 제작으로 시정의 신뢰ㆍ이해도 제고": 3,
    "시민참여와 협력을 통한 시정 혁신": 2,
    "불합리한 규제 발굴 및 해소": 2,
}
BRAND_MARKETING = "도시브랜드 마케팅을 통한 도시 이미지 제고 및 시민 자긍심 고취"
BRAND_USING = "도시브랜드를 활용한 도시 이미지 제고 및 시민 자긍심 고취"


def _cluster_with(clusters, text: str, kind: str | None = None) -> list[DuplicateCluster]:
    key = exact_key(text)
    return [c for c in clusters if (kind is None or c.kind == kind) and any(exact_key(m.text) == key for m in c.members)]


def _texts(cluster: DuplicateCluster) -> set[str]:
    return {exact_key(m.text) for m in cluster.members}


# ---------------------------------------------------------------------------
# sample corpus: duplicates
# ---------------------------------------------------------------------------


def test_exact_key_folds_bullets_spaces_and_middle_dots():
    assert exact_key("○ 시정의 신뢰ㆍ이해도 제고") == exact_key("○시정의  신뢰․이해도 제고") == exact_key("- 시정의 신뢰·이해도 제고")
    assert exact_key("주민자치 활성화") != exact_key("주민자치회 활성화")


@pytest.mark.parametrize("goal,count", sorted(PASTED_BLOCK.items()))
def test_pasted_block_goals_form_exact_clusters_of_their_real_size(corpus_index, goal, count):
    # The count is the corpus's own: occurrences in the raw text, middle dots folded.
    raw = exact_key(SAMPLE.read_text(encoding="utf-8"))
    assert raw.count(exact_key(goal)) == count
    found = _cluster_with(find_duplicates(corpus_index, kind="exact"), goal)
    assert len(found) == 1
    c = found[0]
    assert c.size == count and c.texts == 1
    assert c.scope == "same-section"  # all in 가. 투자 방향: a copy-paste
    assert all(m.section[-1] == "가. 투자 방향" for m in c.members)
    assert c.similarity == 1.0 and c.lexical == 1.0
    assert len({m.passage_id for m in c.members}) == count


def test_brand_goals_are_a_near_cluster(corpus_index):
    found = _cluster_with(find_duplicates(corpus_index, kind="near"), BRAND_MARKETING)
    assert len(found) == 1
    c = found[0]
    assert _texts(c) == {exact_key(BRAND_MARKETING), exact_key(BRAND_USING)}
    assert c.size == 3 and c.texts == 2  # 마케팅을 통한 ×1, 활용한 ×2 (pasted)
    assert c.scope == "same-section"
    assert c.similarity >= 0.93 and c.lexical >= 0.5


def test_different_goals_in_the_pasted_block_are_not_clustered(corpus_index):
    for min_similarity in (0.93, 0.9, 0.85):
        clusters = find_duplicates(corpus_index, min_similarity=min_similarity)
        a = exact_key("시민참여와 협력을 통한 시정 혁신")
        b = exact_key("불합리한 규제 발굴 및 해소")
        assert not [c for c in clusters if {a, b} <= _texts(c)], min_similarity


def test_goals_sharing_only_boilerplate_are_not_near_duplicates(corpus_index):
    # Both are about 역량 강화 and 구축; the lexical check weighs those words little.
    pairs = [
        ("마을공동체 자치역량 강화 및 생태계 구축", "민관 협치 기반 구축 및 역량강화"),
        ("시민참여와 협력을 통한 시정 혁신", "제안활성화를 통한 시민의 정책혁신 참여 확대"),
    ]
    clusters = find_duplicates(corpus_index, kind="near")
    for a, b in pairs:
        assert not [c for c in clusters if {exact_key(a), exact_key(b)} <= _texts(c)], (a, b)


def test_a_sub_item_is_not_a_duplicate_of_its_own_goal(corpus_index):
    # ○ 정보소외계층 정보격차 해소 지원 / - 정보소외계층 정보화교육 지원(명): words and
    # (with its goal as embedding context) vector agree, but one spells out the other.
    c = corpus_index.corpus
    for cl in find_duplicates(corpus_index, kind="near"):
        if cl.texts != 2:
            continue
        ids = {m.passage_id for m in cl.members}
        assert not any(c.passage(pid).parent_id in ids for pid in ids), cl


def test_sample_counts_by_kind_and_scope(corpus_index):
    clusters = find_duplicates(corpus_index)
    counts = count_clusters(clusters)
    # Nine texts pasted within their section (six in 가. 투자 방향's block, one more
    # there, two in 【 일반행정 부문 】); one document, so nothing cross-document.
    assert counts["exact"] == {"same-section": 9, "same-document": 0, "cross-document": 0}
    assert counts["near"]["cross-document"] == 0
    assert counts["near"]["same-section"] >= 1  # the 도시브랜드 pair
    # Directions restated as projects (가. 투자 방향 → 나. 투자 중점사업).
    assert counts["near"]["same-document"] >= 1
    restated = _cluster_with(clusters, "납세자 권리보호 및 구제업무 운영", kind="near")
    assert restated and restated[0].scope == "same-document"
    for cl in clusters:
        assert all(m.kind in AUDIT_KINDS for m in cl.members)
        assert cl.scope in SCOPES
    assert [c.kind for c in clusters] == sorted((c.kind for c in clusters), key=["exact", "near"].index)


def test_filters_and_validation(corpus_index):
    all_ = find_duplicates(corpus_index)
    assert find_duplicates(corpus_index, kind="near") == tuple(c for c in all_ if c.kind == "near")
    assert find_duplicates(corpus_index, scope="same-document") == tuple(c for c in all_ if c.scope == "same-document")
    with pytest.raises(UnknownChoice, match="same-section, same-document, cross-document"):
        find_duplicates(corpus_index, scope="same-page")
    with pytest.raises(UnknownChoice, match="exact, near"):
        find_duplicates(corpus_index, kind="fuzzy")
    with pytest.raises(InvalidQuery, match="0..1"):
        find_duplicates(corpus_index, min_similarity=1.5)


def test_results_are_deterministic_and_cached(corpus_index):
    a = find_duplicates(corpus_index)
    b = cluster_duplicates(corpus_index.corpus, corpus_index.vectors)
    assert a == b
    assert find_duplicates(corpus_index) == a
    assert corpus_index.links is corpus_index.links  # computed once, owned by the index
    assert corpus_index.links == compute_links(corpus_index.corpus, corpus_index.vectors)
    assert a and json.loads(json.dumps([DuplicateClusterOut.model_validate(c).model_dump() for c in a]))  # JSON-serialisable


# ---------------------------------------------------------------------------
# sample corpus: links
# ---------------------------------------------------------------------------


DIRECTION = "주민자치 활성화를 위한 제도적 기반 마련"
PROJECT = "전 읍면동 주민자치회 전환을 통한 주민자치 활성화"


def _ids_of(index, text: str) -> list[str]:
    key = exact_key(text)
    return [p.id for p in index.corpus.passages if p.kind != "heading" and exact_key(p.text) == key]


def test_direction_links_to_project_and_its_target(corpus_index):
    directions = _ids_of(corpus_index, DIRECTION)
    assert len(directions) == 3
    for d in directions:
        linked = linked_for(corpus_index, d)
        projects = [lp for lp in linked if exact_key(lp.text) == exact_key(PROJECT)]
        assert projects and all(lp.relation == "implemented-by" for lp in projects)
        assert all("투자 중점사업" in " ".join(lp.section) for lp in projects)
        # Through the project to its number: the sub-item's target is the goal's.
        targets = [t for lp in projects for t in lp.targets]
        assert any(t.metric.startswith("주민자치회 구성") and [v.value for v in t.values] == [132, 154] for t in targets)
        # The copy that carries the target comes first.
        assert projects[0].targets
    # And back: the project implements the direction, shown once for its three copies, by the first of them in
    # document order whatever their scores (which differ in the millionths with their context, and by machine).
    row = corpus_index.corpus.row_of
    for p in _ids_of(corpus_index, PROJECT):
        back = [lp for lp in linked_for(corpus_index, p) if lp.relation == "implements" and exact_key(lp.text) == exact_key(DIRECTION)]
        assert len(back) == 1 and back[0].copies == 3 and back[0].passage_id == min(directions, key=row.__getitem__)
        # (the last copy a millionth ahead, as another machine may score it, changes nothing)
        last = max(directions, key=row.__getitem__)
        bumped = {**corpus_index.links, p: tuple(sorted(
            (replace(k, score=k.score + 1e-6) if k.passage_id == last else k for k in corpus_index.links[p]),
            key=lambda k: (-k.score, row[k.passage_id])))}  # ranked as compute_links ranks them
        fake = SimpleNamespace(corpus=corpus_index.corpus, links=bumped)
        again = [lp for lp in linked_for(fake, p) if lp.relation == "implements" and exact_key(lp.text) == exact_key(DIRECTION)]
        assert [lp.passage_id for lp in again] == [back[0].passage_id]


def test_links_stay_within_direction_and_project_sections(corpus_index):
    links = corpus_index.links
    c = corpus_index.corpus
    assert links
    for pid, ls in links.items():
        for link in ls:
            src, dst = c.passage(pid), c.passage(link.passage_id)
            assert src.doc_id == dst.doc_id
            if link.relation == "implemented-by":
                assert "가. 투자 방향" in src.section and "나. 투자 중점사업" in dst.section
            else:
                assert link.relation == "implements"
                assert "나. 투자 중점사업" in src.section and "가. 투자 방향" in dst.section
            assert 0 < link.score <= 1


def test_linked_for_unknown_passage_is_not_found(corpus_index):
    with pytest.raises(NotFound):
        linked_for(corpus_index, "no-such-passage")
    heading = next(p for p in corpus_index.corpus.passages if p.kind == "heading")
    assert linked_for(corpus_index, heading.id) == []


# ---------------------------------------------------------------------------
# two bills that differ only in the law's name: cross-document
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bills_index(tmp_path_factory, embedder):
    from indexer import build_index
    from service.search import load_index

    d = tmp_path_factory.mktemp("bills-index")
    build_index([BILLS], d, embedder=embedder)
    return load_index(d, embedder=embedder)


def test_bills_restating_one_policy_are_cross_document_duplicates(bills_index):
    clusters = find_duplicates(bills_index, scope="cross-document")
    assert clusters and all(len({m.doc_id for m in c.members}) == 2 for c in clusters)
    # The main items are copied word for word.
    for item in ("가. 국가와 지방자치단체는 청년의 주거 안정을 위하여", "나. 국가는 청년 주거 실태조사를 3년마다"):
        exact = [c for c in clusters if c.kind == "exact" and all(m.text.startswith(item) for m in c.members)]
        assert len(exact) == 1 and exact[0].size == 2, item
    # The reason for the proposal differs only in the law's name: near, cross-document.
    reason = [c for c in clusters if c.kind == "near" and all(m.section == ("제안이유",) for m in c.members)]
    assert len(reason) == 1
    assert {m.doc_id for m in reason[0].members} == {"youth-basic-act-amendment", "youth-employment-act-amendment"}
    assert any("청년기본법" in m.text for m in reason[0].members)
    assert any("청년고용촉진 특별법" in m.text for m in reason[0].members)


def test_bills_different_provisions_are_not_clustered(bills_index):
    clusters = find_duplicates(bills_index)
    for c in clusters:
        texts = " ".join(m.text for m in c.members)
        assert not ("분과위원회" in texts and "고용 의무 비율" in texts)
    assert not find_duplicates(bills_index, scope="same-section")


# ---------------------------------------------------------------------------
# synthetic: FAISS candidates == brute force
# ---------------------------------------------------------------------------


def _synthetic(n: int = 600, dim: int = 64, seed: int = 7):
    """Random passages with planted exact copies, near duplicates and hard negatives."""
    rng = np.random.default_rng(seed)
    pyr = random.Random(seed)
    vocab = [f"어휘{i}" for i in range(400)]
    boiler = ["강화", "추진", "구축", "운영"]

    def unit(v):
        return v / np.linalg.norm(v)

    texts: list[list[str]] = []
    vecs: list[np.ndarray] = []
    for _ in range(n):
        texts.append(pyr.sample(vocab, 6) + pyr.sample(boiler, 2))
        vecs.append(unit(rng.normal(size=dim)))
    # near duplicates: one word changed, vector nudged (cos ~0.99); some chains of three
    for i in range(0, 120, 3):
        j, k = i + 1, i + 2
        texts[j] = texts[i][:5] + [pyr.choice(vocab)] + texts[i][6:]
        vecs[j] = unit(vecs[i] + 0.12 * unit(rng.normal(size=dim)))
        if i % 2 == 0:
            texts[k] = texts[j][:4] + [pyr.choice(vocab)] + texts[j][5:]
            vecs[k] = unit(vecs[j] + 0.12 * unit(rng.normal(size=dim)))
    # hard negatives: same direction, different words except boilerplate
    for i in range(150, 200, 2):
        texts[i + 1] = pyr.sample(vocab, 6) + texts[i][6:]
        vecs[i + 1] = unit(vecs[i] + 0.1 * unit(rng.normal(size=dim)))
    # exact copies
    for i in range(250, 290, 2):
        texts[i + 1] = list(texts[i])
        vecs[i + 1] = vecs[i].copy()
    passages, morphs = [], []
    for i, toks in enumerate(texts):
        text = " ".join(toks)
        ms, off = [], 0
        for t in toks:
            ms.append(Morph(t, "NNG", off, off + len(t)))
            off += len(t) + 1
        passages.append(Passage(f"s:{i}", f"doc{i % 3}", "goal", (f"sec{i % 5}",), text, 0, len(text)))
        morphs.append(tuple(ms))
    corpus = Corpus({}, passages, morphs, list(range(n)), {})
    return corpus, np.stack(vecs).astype(np.float32)


def _brute_force(corpus: Corpus, X: np.ndarray, min_similarity: float, min_lexical: float) -> set[frozenset[str]]:
    """All pairs in NumPy/Python: the reference the FAISS path must reproduce."""
    reps, seen = [], set()
    for i, p in enumerate(corpus.passages):
        key = exact_key(p.text)
        if key not in seen:
            seen.add(key)
            reps.append(i)
    toks = [{m.form for m in corpus.morphs[r]} for r in reps]
    df: dict[str, int] = {}
    for t in toks:
        for w in t:
            df[w] = df.get(w, 0) + 1
    idf = {w: math.log1p(len(reps) / d) for w, d in df.items()}
    S = X[reps] @ X[reps].T
    parent = list(range(len(reps)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for a in range(len(reps)):
        for b in range(a + 1, len(reps)):
            if S[a, b] < min_similarity:
                continue
            inter = sum(idf[w] for w in toks[a] & toks[b])
            union = sum(idf[w] for w in toks[a] | toks[b])
            if union and inter / union >= min_lexical:
                parent[find(b)] = find(a)
    comps: dict[int, list[int]] = {}
    for a in range(len(reps)):
        comps.setdefault(find(a), []).append(a)
    out = set()
    for members in comps.values():
        if len(members) > 1:
            keys = {exact_key(corpus.passages[reps[a]].text) for a in members}
            out.add(frozenset(p.id for p in corpus.passages if exact_key(p.text) in keys))
    return out


@pytest.mark.parametrize("index_kind", ["flat", "hnsw"])
def test_faiss_candidates_match_brute_force(index_kind):
    from indexer.vectors import VectorIndexSpec, build_vector_index

    corpus, X = _synthetic()
    vectors = build_vector_index(X, VectorIndexSpec(index_kind))
    got = cluster_duplicates(corpus, vectors, min_similarity=0.93, min_lexical=0.5, k=10)
    near = {frozenset(m.passage_id for m in c.members) for c in got if c.kind == "near"}
    exact = {frozenset(m.passage_id for m in c.members) for c in got if c.kind == "exact"}
    assert near == _brute_force(corpus, X, 0.93, 0.5)
    assert len(near) == 40  # every planted pair/chain, no hard negative
    assert exact == {frozenset({f"s:{i}", f"s:{i + 1}"}) for i in range(250, 290, 2)}
    assert all(c.scope == "cross-document" for c in got if c.kind == "exact")  # i, i+1 sit in different docs
    assert all(c.similarity >= 0.93 and c.lexical >= 0.5 for c in got)


def test_many_copies_do_not_crowd_out_neighbours():
    """A text pasted 30 times still leaves room for its rewording among k=5 neighbours."""
    from indexer.vectors import VectorIndexSpec, build_vector_index

    corpus, X = _synthetic(n=300)
    base = corpus.passages[0]
    extra = [Passage(f"copy:{i}", "doc9", "goal", ("x",), base.text, 0, len(base.text)) for i in range(30)]
    corpus = Corpus({}, corpus.passages + extra, corpus.morphs + [corpus.morphs[0]] * 30, list(range(330)), {})
    X = np.concatenate([X, np.repeat(X[:1], 30, axis=0)])
    for kind in ("flat", "hnsw"):
        got = cluster_duplicates(corpus, build_vector_index(X, VectorIndexSpec(kind)), k=5)
        near = [c for c in got if c.kind == "near" and "s:0" in {m.passage_id for m in c.members}]
        assert near and {"s:1", "copy:0"} <= {m.passage_id for m in near[0].members}, kind


def test_flat_and_hnsw_agree_on_the_sample(corpus_index):
    c = corpus_index.corpus
    X = corpus_index.vectors.reconstruct_n(0, corpus_index.vectors.ntotal)
    hnsw = faiss.IndexHNSWFlat(X.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.add(X)
    def dump(clusters):  # as the JSON contract shows them (scores to 4 places)
        return [DuplicateClusterOut.model_validate(x).model_dump() for x in clusters]

    exact = dump(cluster_duplicates(c, corpus_index.vectors))
    assert exact and dump(cluster_duplicates(c, hnsw)) == exact


# ---------------------------------------------------------------------------
# CLI and HTTP
# ---------------------------------------------------------------------------


def test_cli_duplicates(corpus_index_dir):
    from typer.testing import CliRunner

    from service.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--kind", "near", "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["count"] == len(data["clusters"]) > 0
    assert {c["kind"] for c in data["clusters"]} == {"near"}
    r = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--scope", "same-section", "--format", "csv"])
    assert r.exit_code == 0
    header, *rows = r.stdout.splitlines()
    assert header.startswith("cluster_id,kind,scope,similarity") and rows
    r = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir)])
    assert r.exit_code == 0 and "duplicate clusters" in r.stdout and BRAND_MARKETING in r.stdout
    r = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--scope", "page"])
    assert r.exit_code == 2 and "same-section, same-document, cross-document" in r.output


def test_http_duplicates(corpus_index_dir, corpus_index):
    from fastapi.testclient import TestClient

    from service.api.main import create_app
    from service.api.settings import Settings

    client = TestClient(create_app(Settings(index_dir=corpus_index_dir), index=corpus_index))
    r = client.get("/duplicates")
    assert r.status_code == 200
    body = r.json()
    assert body["counts"] == count_clusters(find_duplicates(corpus_index))
    assert body["count"] == len(body["clusters"])
    r = client.get("/duplicates", params={"kind": "near", "scope": "same-section", "min_similarity": 0.93})
    assert r.status_code == 200
    clusters = r.json()["clusters"]
    assert clusters and all(c["kind"] == "near" and c["scope"] == "same-section" for c in clusters)
    assert any({m["text"].lstrip("○ ") for m in c["members"]} == {BRAND_MARKETING, BRAND_USING} for c in clusters)
    member = clusters[0]["members"][0]
    assert {"passage_id", "doc_id", "section", "page", "text"} <= set(member)
    for params, valid in (({"scope": "page"}, "same-section"), ({"kind": "fuzzy"}, "near")):
        r = client.get("/duplicates", params=params)
        assert r.status_code == 422 and valid in r.json()["detail"]
    assert client.get("/duplicates", params={"min_similarity": 2}).status_code == 422
    r = client.get("/duplicates", params={"format": "csv", "kind": "exact"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.text.startswith("cluster_id,")
    assert "/duplicates" in client.get("/openapi.json").json()["paths"]


def test_a_target_sub_item_shows_the_direction_through_its_goal(corpus_index):
    c = corpus_index.corpus
    target_item = next(p for p in c.passages if p.kind == "sub-item" and p.text.startswith("- 주민자치회 구성"))
    linked = linked_for(corpus_index, target_item.id)
    assert any(lp.relation == "implements" and exact_key(lp.text) == exact_key(DIRECTION) for lp in linked)
    assert linked_for(corpus_index, target_item.id, via_parent=False) == []


def test_the_table_shows_a_long_section_by_its_outermost_record_and_innermost_parts():
    # A budget explanation's project (사업명: …) is the outermost part; without it the members of a
    # cluster in two projects would read the same (1. 사업 개요 › □ 사업목적).
    from service.audit.records import ClusterMember, DuplicateCluster
    from service.audit.render import render_clusters

    deep = ("Ⅰ. 사업별 설명", "사업명: 스마트팜 ICT 융복합 확산", "1. 사업 개요", "□ 사업목적")  # as the parser writes it
    deeper = ("제3장", "1. 환경 분야", "나. 투자 중점사업", "○ 탄소중립")
    members = tuple(ClusterMember(f"d:{i}", "d", "goal", s, None, "ㅇ 농가에 ICT 장비를 보급") for i, s in enumerate((deep, deeper)))
    out = render_clusters([DuplicateCluster("near-d:0", "near", "same-document", 0.99, 0.9, 1, members)])
    assert "d · Ⅰ. 사업별 설명 › 사업명: 스마트팜 ICT 융복합 확산 › 1. 사업 개요 › □ 사업목적 · d:0" in out
    assert "d · 제3장 › … › 나. 투자 중점사업 › ○ 탄소중립 · d:1" in out
