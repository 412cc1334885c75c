"""The ``plansearch`` command line: parse, index, search and eval on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from service.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_parse_json_has_documents_passages_and_targets():
    res = runner.invoke(app, ["parse", str(ROOT / "corpus"), "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    (doc,) = out["documents"]
    assert {"doc_id", "title", "source", "passages"} <= doc.keys()
    p = next(p for p in doc["passages"] if p["targets"])
    assert {"passage_id", "doc_id", "kind", "section", "text", "start", "end", "page", "targets"} <= p.keys()
    t = next(t for p in doc["passages"] for t in p["targets"] if t["metric"] == "주민자치회 구성")
    assert t == {"metric": "주민자치회 구성", "unit": "개", "values": [{"year": 2021, "value": 132}, {"year": 2022, "value": 154}], "trend": "up", "text": "주민자치회 구성(개) : (‘21) 132 → (’22) 154"}


def test_parse_outline_is_readable():
    res = runner.invoke(app, ["parse", str(ROOT / "corpus")])
    assert res.exit_code == 0
    assert "§ 가. 투자 방향" in res.stdout and "↳ [up] 주민자치회 구성 (개) 2021: 132 → 2022: 154" in res.stdout


def test_parse_skips_bad_files_and_fails_only_when_nothing_is_readable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    res = runner.invoke(app, ["parse", str(tmp_path), "--json"])
    assert res.exit_code == 1
    assert "skipped" in res.stderr and "empty file" in res.stderr and "binary" in res.stderr
    (tmp_path / "good.txt").write_text("가. 투자 방향\n○ 청년 창업 지원", encoding="utf-8")
    res = runner.invoke(app, ["parse", str(tmp_path), "--json"])
    assert res.exit_code == 0
    assert [d["doc_id"] for d in json.loads(res.stdout)["documents"]] == ["good"]
    assert len(json.loads(res.stdout)["skipped"]) == 2


def test_index_search_and_eval(tmp_path):
    ix = tmp_path / "ix"
    res = runner.invoke(app, ["index", str(ROOT / "corpus"), "--index", str(ix), "-q"])
    assert res.exit_code == 0, res.output
    assert "indexed 1 documents" in res.stdout
    res = runner.invoke(app, ["search", "스마트도시 관련 사업", "--index", str(ix), "-k", "3", "--json"])
    hits = json.loads(res.stdout)["results"]
    assert len(hits) == 3 and all("스마트" in h["text"] for h in hits)
    assert {"rank", "score", "passage_id", "doc_id", "doc_title", "kind", "section", "page", "text", "targets", "highlights"} <= hits[0].keys()
    res = runner.invoke(app, ["search", "스마트도시", "--index", str(ix), "--mode", "fuzzy"])
    assert res.exit_code == 2 and "valid values: hybrid, dense, lexical" in res.stderr
    res = runner.invoke(app, ["eval", str(ROOT / "tests" / "data" / "dev_queries.json"), "--index", str(ix), "--json"])
    reports = {r["mode"]: r for r in json.loads(res.stdout)}
    assert reports["hybrid"]["ndcg"] > reports["lexical"]["ndcg"] > 0


def test_device_errors_name_the_valid_devices(corpus_index_dir, tmp_path):
    res = runner.invoke(app, ["search", "주민자치", "--index", str(corpus_index_dir), "--device", "gpu"])
    assert res.exit_code == 2 and "valid values: cpu, cuda, cuda:<n>, mps" in res.stderr
    res = runner.invoke(app, ["eval", str(ROOT / "tests" / "data" / "dev_queries.json"), "--index", str(corpus_index_dir), "--device", "cuda"])
    assert res.exit_code == 2 and "runs on the CPU only" in res.stderr
    # with the ray engine the actors would embed: refused before Ray starts
    res = runner.invoke(app, ["index", str(ROOT / "corpus"), "--index", str(tmp_path / "ix"), "--engine", "ray", "--device", "cuda", "-q"])
    assert res.exit_code == 1 and "runs on the CPU only" in res.stderr and not (tmp_path / "ix").exists()
    # checked before anything is read or written
    res = runner.invoke(app, ["index", str(ROOT / "corpus"), "--index", str(tmp_path / "ix"), "--device", "tpu", "-q"])
    assert res.exit_code == 1 and "unknown embedding device 'tpu'" in res.stderr and not (tmp_path / "ix").exists()


def test_search_without_index_gives_a_hint(tmp_path):
    res = runner.invoke(app, ["search", "주민자치", "--index", str(tmp_path / "none")])
    assert res.exit_code == 2 and "plansearch index corpus/" in res.stderr


def test_targets_command_lists_flat_targets_in_every_format(corpus_index_dir):
    res = runner.invoke(app, ["targets", "--index", str(corpus_index_dir), "--trend", "flat", "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["count"] == len(out["targets"]) > 0 and {t["trend"] for t in out["targets"]} == {"flat"}
    assert all(t["values"][0]["value"] == t["values"][-1]["value"] for t in out["targets"])
    assert all(len(t["values"]) >= 2 for t in out["targets"])  # one value is a goal, not a flat series
    csv_out = runner.invoke(app, ["targets", "--index", str(corpus_index_dir), "--trend", "flat", "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("metric,unit,trend") and len(csv_out.splitlines()) == out["count"] + 1
    table = runner.invoke(app, ["targets", "--index", str(corpus_index_dir), "--trend", "up"]).stdout
    assert "주민자치회 구성 (개) 2021: 132 → 2022: 154" in table
    bad = runner.invoke(app, ["targets", "--index", str(corpus_index_dir), "--format", "xml"])
    assert bad.exit_code == 2 and "valid values: table, json, csv" in bad.stderr


def test_duplicates_command_reports_clusters_in_every_format(corpus_index_dir):
    res = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["count"] == len(out["clusters"]) > 0
    assert out["params"] == {"min_similarity": 0.93, "min_lexical": 0.5, "scope": None, "kind": None, "include": []}
    exact = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--kind", "exact", "--format", "csv"]).stdout
    assert exact.splitlines()[0].startswith("cluster_id,kind,scope") and all(",exact," in line for line in exact.splitlines()[1:])
    table = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir)]).stdout
    assert table.startswith(f"{out['count']} duplicate clusters")
    bad = runner.invoke(app, ["duplicates", "--index", str(corpus_index_dir), "--scope", "same-page"])
    assert bad.exit_code == 2 and "same-section, same-document, cross-document" in bad.stderr


def test_serve_without_an_index_exits_with_one_line(tmp_path):
    res = runner.invoke(app, ["serve", "--index", str(tmp_path), "--port", "1"])
    assert res.exit_code == 1
    assert "holds no index yet" in res.stderr and "Traceback" not in res.stderr


def test_flat_listing_leaves_out_single_goal_values(tmp_path, embedder):
    from indexer import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "goals.txt").write_text(
        "가. 추진 목표\n○ 청년 일자리 확대\n - 청년 인턴 채용 ’24년 목표 1,200명\n"
        " - 정보통신보조기기 보급지원(대): (‘21) 180 → (’25) 180\n",
        encoding="utf-8",
    )
    ix = tmp_path / "index"
    build_index([corpus], ix, embedder=embedder)

    def listed(trend: str) -> list[dict]:
        res = runner.invoke(app, ["targets", "--index", str(ix), "--trend", trend, "--format", "json"])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)["targets"]

    assert [(t["metric"], t["trend"]) for t in listed("flat")] == [("정보통신보조기기 보급지원", "flat")]
    (goal,) = listed("target")
    assert (goal["metric"], goal["unit"], goal["values"]) == ("청년 인턴 채용", "명", [{"year": 2024, "value": 1200}])
    assert goal["text"] == "청년 인턴 채용 ’24년 목표 1,200명"


def test_index_vectors_option(tmp_path, corpus_index_dir):
    import shutil

    ix = tmp_path / "ix"
    shutil.copytree(corpus_index_dir / "cache", ix / "cache")  # embeddings cached: nothing re-embedded
    bad = runner.invoke(app, ["index", str(ROOT / "corpus"), "--index", str(ix), "-q", "--vectors", "int4"])
    assert bad.exit_code == 1 and "valid values: float32, sq8" in bad.stderr and "Traceback" not in bad.stderr
    res = runner.invoke(app, ["index", str(ROOT / "corpus"), "--index", str(ix), "-q", "--vectors", "sq8"])
    assert res.exit_code == 0, res.output
    assert "sq8 vectors" in res.stdout
    res = runner.invoke(app, ["search", "스마트도시 관련 사업", "--index", str(ix), "-k", "3", "--json"])
    assert res.exit_code == 0 and len(json.loads(res.stdout)["results"]) == 3


def test_series_values_read_as_written():
    from service.cli import _figure

    assert [_figure(v) for v in (2305601.0, 95.6, -1.8, 817.0, 0.0)] == ["2,305,601", "95.6", "-1.8", "817", "0"]
    assert _figure(2305601.0, grouped=False) == "2305601"  # CSV stays one number a field
