"""Audit kinds: templates, parallel items, revisions, the same document read twice, linked copies.

The labelled sample (tests/data/audit_labels.json) holds 63 clusters the audit found
on the real documents (/work/shared/corpus/real) and the sample plan, each with
a hand label. The pair rule (:func:`service.audit.parallel.pair_kind`) is re-run on
every labelled cluster of several texts, so a change to it is measured against the labels.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from indexer.errors import UnknownChoice
from indexer.segmentation import content_morphs
from service.audit.duplicates import find_documents, find_duplicates, omitted_counts
from service.audit.links import linked_for
from service.audit.parallel import _sequence, pair_kind, quantities, value_changes

LABELS = Path(__file__).resolve().parents[2] / "data" / "audit_labels.json"


def _idf_from(texts: list[str]):
    seqs = [_sequence(content_morphs(t)) for t in texts]
    df = Counter(tok for s in seqs for tok in {t for t, _ in s})
    n = len(texts)
    return lambda tok: math.log1p(n / df.get(tok, 1))


def _kind(a: str, b: str, idf, same_document: bool = True) -> str:
    return pair_kind(_sequence(content_morphs(a)), _sequence(content_morphs(b)), quantities(a), quantities(b), idf, same_document)


def test_labelled_sample_precision_for_exact_and_near():
    data = json.loads(LABELS.read_text(encoding="utf-8"))["clusters"]
    assert len(data) >= 60
    idf = _idf_from([t for c in data for t in c["texts"]])
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    for c in data:
        if c["audit_kind"] in ("exact", "template"):
            kind = c["audit_kind"]
        else:  # the edge rule between the first text and each other one: near when any pair is near
            kinds = {_kind(c["texts"][0], t, idf, c["scope"] != "cross-document") for t in c["texts"][1:]}
            kind = "near" if "near" in kinds else sorted(kinds)[0]
        predicted[kind] += 1
        correct[kind] += kind == c["label"]
    for kind in ("exact", "near"):
        assert predicted[kind] and correct[kind] / predicted[kind] >= 0.9, (kind, correct[kind], predicted[kind])


# The examples (held-out documents): parallel items, a revision, restatements.
IDF = _idf_from(
    ["○ 주민자치 활성화 운영 지원", "○ 사업 운영 개발 추진", "○ 시스템 개발 운영", "○ 서비스 운영 강화", "○ 정책 개발 지원", "○ 도시 시민 제고"]
)


@pytest.mark.parametrize(
    "a,b",
    [
        ("○ GPU 운영 서버", "○ GPU 개발 서버"),
        ("③ 연탄쿠폰 : (‘23) 21,712백만원 → (‘24) 21,240백만원", "④ 등유바우처 : (‘23) 1,395백만원 → (‘24) 1,400백만원"),
        ("- (산출) 85.7만세대 x 4.3만원", "- (산출) 4.5만 세대 x 472,000원"),
        ("3) 기획재정부(2022), p.4.", "4) 기획재정부(2022), p.3."),
    ],
)
def test_parallel_items_are_not_near(a, b):
    assert _kind(a, b, IDF) == "parallel"


def test_same_program_with_moved_numbers_across_documents_is_a_revision():
    a = "○ 연탄쿠폰 (21,712백만원) 저소득층 4.6만 세대 지원"
    b = "○ 연탄쿠폰 (21,240백만원) 저소득층 4.5만 세대 지원"
    assert _kind(a, b, IDF, same_document=False) == "revision"
    assert value_changes([a, b]) == ("21,712 → 21,240 백만원", "4.6만 → 4.5만 세대")


@pytest.mark.parametrize(
    "a,b",
    [
        ("○ 도시브랜드 마케팅을 통한 도시 이미지 제고 및 시민 자긍심 고취", "○ 도시브랜드를 활용한 도시 이미지 제고 및 시민 자긍심 고취"),
        ("○ 납세자 권리보호 및 구제업무 운영", "○ 납세자 권리보호 및 구제업무 운영(건): (‘21) 85 → (’25) 85"),
        ("- (데이터허브) 실시간 계측 DB 이전 및 유통·활용시스템 구축", "○ 실시간 계측 DB를 데이터허브로 이전하고 유통·활용시스템 구축"),
    ],
)
def test_restatements_stay_near(a, b):
    assert _kind(a, b, IDF) == "near"


def test_optional_kinds_are_left_out_by_default(corpus_index):
    default = find_duplicates(corpus_index)
    assert {c.kind for c in default} <= {"exact", "near", "revision"}
    everything = find_duplicates(corpus_index, include=("parallel", "template"))
    assert set(default) <= set(everything)
    omitted = omitted_counts(corpus_index)
    assert set(omitted) == {"parallel", "template"}
    assert len(everything) - len(default) == sum(omitted.values())
    for kind in ("parallel", "template"):
        assert find_duplicates(corpus_index, kind=kind) == tuple(c for c in everything if c.kind == kind)
    with pytest.raises(UnknownChoice, match="parallel, template"):
        find_duplicates(corpus_index, include=("exact-ish",))
    assert find_documents(corpus_index) == ()  # one document


def test_linked_lists_each_passage_once_with_its_copies(corpus_index):
    c = corpus_index.corpus
    for p in c.passages:
        linked = linked_for(corpus_index, p.id)
        keys = [(lp.relation, "".join(lp.text.split()).lstrip("○-")) for lp in linked]
        assert len(keys) == len(set(keys)), p.id
    project = next(p for p in c.passages if p.text.endswith("주민자치회 전환을 통한 주민자치 활성화") and p.kind == "goal")
    back = [lp for lp in linked_for(corpus_index, project.id) if "주민자치 활성화를 위한 제도적 기반 마련" in lp.text]
    assert len(back) == 1 and back[0].copies == 3


def test_http_lists_kinds_and_documents(corpus_index_dir, corpus_index):
    from fastapi.testclient import TestClient

    from service.api.main import create_app
    from service.api.settings import Settings

    client = TestClient(create_app(Settings(index_dir=corpus_index_dir), index=corpus_index))
    body = client.get("/duplicates").json()
    assert set(body["omitted"]) == {"parallel", "template"} and body["documents"] == []
    assert set(body["counts"]) == {"exact", "near", "revision", "parallel", "template"}
    r = client.get("/duplicates", params=[("include", "template"), ("include", "parallel")])
    assert r.status_code == 200 and r.json()["params"]["include"] == ["template", "parallel"]
    assert client.get("/duplicates", params={"include": "near"}).status_code == 422
