"""HWP 5 reader: text, Markdown tables, notes; damaged and disguised files get a one-line reason."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from indexer.errors import UnreadableDocument
from indexer.ingest.hwp import read_hwp
from indexer.ingest.reading import read_file

PHRASES = {
    "mois-digital-gov-innovation-plan-2019.hwp": ["마이데이터 포털 구축", "스마트폰(전자지갑)을 활용해", "공공부문 마이데이터 활성화",
                                                  "민간 클라우드 이용범위 대폭 확대", "각종 증명서를 전자적으로 발급"],
    "nikl-2022-work-plan.hwp": ["국어 말뭉치 확대 구축(3,180백만원)", "<표준국어대사전> 개편 필요"],
}


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_footnotes_and_endnotes(hwp_data: Path) -> None:
    raw = read_file(hwp_data / "sample_notes.hwp")
    assert raw.encoding == "hwp" and not raw.page_numbers_known
    lines = raw.text.splitlines()
    i = next(k for k, ln in enumerate(lines) if "개기월식[^1]" in ln)
    assert lines[i + 1].startswith("[^1]: 개기월식: 태양, 지구, 달이")
    assert any("지구[^2]와 외행성[^e1]" in ln for ln in lines)
    assert any(ln.startswith("[^e1]: 외행성") for ln in lines)


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_real_phrases_present(real: Path, name: str) -> None:
    raw = read_file(real / name)
    assert not raw.page_numbers_known and len(raw.pages) > 10
    text = _squash(raw.text)
    assert [p for p in PHRASES[name] if _squash(p) not in text] == []


def test_real_clean_output_and_tables(real: Path) -> None:
    text = read_file(real / "nikl-2022-work-plan.hwp").text
    assert not re.search("[\x00-\x08\x0b-\x1f\ue000-\uf8ff\U000f0000-\U0010ffff]", text)
    assert "① 국민의 국어능력" in text and "「2020년 국민의 언어 의식 조사」" in text
    assert "| 연도 | ‘18년 | ‘19년 | ‘20년 | ‘21년 | 누적 |\n|---|---|---|---|---|---|" in text


def test_truncated_hwp(hwp_data: Path, tmp_path: Path) -> None:
    f = tmp_path / "t.hwp"
    f.write_bytes((hwp_data / "sample_notes.hwp").read_bytes()[:3072])
    with pytest.raises(UnreadableDocument, match="truncated or broken HWP"):
        read_file(f)


def test_random_bytes_named_hwp(tmp_path: Path) -> None:
    f = tmp_path / "noise.hwp"
    f.write_bytes(os.urandom(4096))
    with pytest.raises(UnreadableDocument, match=r"not a HWP file \(no PDF, HWP or HWPX signature\), nor text") as e:
        read_file(f)
    assert "\n" not in e.value.reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (os.urandom(4096), "not an HWP file"),
        (b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(100), "HWP 3.0 is not supported"),
        (b"PK\x03\x04" + bytes(100), "zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000), "truncated or broken HWP"),
    ],
)
def test_bad_input(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument, match=reason) as e:
        read_hwp("x.hwp", data)
    assert e.value.source == "x.hwp"


def test_hwp3_is_skipped_whatever_its_name(tmp_path: Path) -> None:
    f = tmp_path / "old.txt"
    f.write_bytes(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(100))
    with pytest.raises(UnreadableDocument, match="HWP 3.0 is not supported"):
        read_file(f)


def test_password_and_distribution_flags(hwp_data: Path) -> None:
    import olefile

    data = (hwp_data / "sample_notes.hwp").read_bytes()
    ole = olefile.OleFileIO(data)
    header = ole.openstream("FileHeader").read()
    ole.close()
    off = data.find(header[:40])
    for bit, reason in ((0x02, "encrypted HWP"), (0x04, "distribution-protected")):
        patched = bytearray(data)
        patched[off + 36] |= bit
        with pytest.raises(UnreadableDocument, match=reason):
            read_hwp("x.hwp", bytes(patched))
