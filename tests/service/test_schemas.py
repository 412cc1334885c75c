"""The JSON contract is built from the core's records (``from_attributes``)."""

from __future__ import annotations

import json

from indexer import parse_targets, parse_text
from service.schemas import ParsedDocument, TargetOut


def test_whole_numbers_are_written_as_integers() -> None:
    (t,) = parse_targets("주민자치회 구성(개) : (‘21) 132 → (’22) 3.5")
    out = json.loads(TargetOut.model_validate(t).model_dump_json())
    assert out["values"] == [{"year": 2021, "value": 132}, {"year": 2022, "value": 3.5}]
    assert isinstance(out["values"][0]["value"], int)


def test_passages_are_named_passage_id_everywhere() -> None:
    doc = parse_text("가. 투자 방향\n○ 스마트도시 구현\n - 리빙랩 운영", doc_id="demo")
    out = ParsedDocument.model_validate(doc).model_dump()
    ids = [p["passage_id"] for p in out["passages"]]
    assert ids == [p.id for p in doc.passages] and all("id" not in p for p in out["passages"])
    sub = out["passages"][-1]
    assert sub["kind"] == "sub-item" and sub["parent_id"] == ids[1]
    assert (sub["start"], sub["end"]) == (doc.passages[-1].start, doc.passages[-1].end)
