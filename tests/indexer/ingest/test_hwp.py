"""HWP 5 reader: text, Markdown tables, notes; damaged and disguised files get a one-line reason."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from indexer.errors import UnreadableDocument
from indexer.ingest.hwp import read_hwp
from indexer.ingest.hwp_distribution import rand_mask, section_key
from indexer.ingest.reading import read_file
from tests.hwp_files import deflate, distribution_copy, distribution_record, encrypt_section, ole_streams, rewrite_ole

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


def test_password_flag_is_refused_and_a_stray_distribution_flag_reads_bodytext(hwp_data: Path) -> None:
    import olefile

    data = (hwp_data / "sample_notes.hwp").read_bytes()
    ole = olefile.OleFileIO(data)
    header = ole.openstream("FileHeader").read()
    ole.close()
    off = data.find(header[:40])
    patched = bytearray(data)
    patched[off + 36] |= 0x02
    with pytest.raises(UnreadableDocument, match="encrypted HWP"):
        read_hwp("x.hwp", bytes(patched))
    patched = bytearray(data)
    patched[off + 36] |= 0x04  # the distribution bit, but the sections are plain BodyText
    assert read_hwp("x.hwp", bytes(patched)) == read_hwp("x.hwp", data)


def test_msvc_rand_mask_known_answer() -> None:
    # srand(1); rand() → 41, 18467, 6334, 26500 (Microsoft C's documented sequence): byte 41 four
    # times (18467 & 0xF = 3, +1), then 6334 & 0xFF = 190 five times (26500 & 0xF = 4, +1).
    mask = rand_mask(1)
    assert len(mask) == 256 and mask[:9] == bytes([41] * 4 + [190] * 5) and mask[9] != 190


def test_distribution_record_key_round_trip() -> None:
    for seed in (0, 1, 0xF, 0x1234ABCD, 0xFFFFFFFF):
        payload, key = distribution_record("비밀번호", seed)
        assert len(payload) == 256 and section_key(payload) == key
        assert key == hashlib.sha1("비밀번호".encode()).hexdigest().upper().encode("utf-16-le")[:16]


def test_distribution_copy_reads_like_the_original(hwp_data: Path, tmp_path: Path) -> None:
    data = (hwp_data / "sample_notes.hwp").read_bytes()
    f = tmp_path / "배포용.hwp"
    f.write_bytes(distribution_copy(data))
    raw = read_file(f)
    assert raw.encoding == "hwp" and raw.pages == read_file(hwp_data / "sample_notes.hwp").pages
    assert any("개기월식[^1]" in ln for ln in raw.text.splitlines())


def test_real_distribution_copy_keeps_every_phrase(real: Path) -> None:
    data = (real / "nikl-2022-work-plan.hwp").read_bytes()
    assert read_hwp("d.hwp", distribution_copy(data, password="", seed=7)) == read_hwp("o.hwp", data)


def test_distribution_copy_that_does_not_decrypt_gets_a_reason(hwp_data: Path) -> None:
    streams = ole_streams(distribution_copy((hwp_data / "sample_notes.hwp").read_bytes()))
    section = streams["ViewText/Section0"]
    wrong_key = section[:4] + bytes(b ^ 0x5A for b in section[4:260]) + section[260:]
    no_record = b"\x10\x00\x00\x00" + section[4:]
    for damaged in (wrong_key, no_record):
        with pytest.raises(UnreadableDocument, match="distribution-protected .배포용. HWP that does not decrypt"):
            read_hwp("x.hwp", rewrite_ole({**streams, "ViewText/Section0": damaged}))


def test_a_distribution_section_that_inflates_to_no_paragraph_gets_a_reason(hwp_data: Path) -> None:
    # A wrong key's bytes inflate now and then (about 1 in 100 keys: a fixed-Huffman block that ends at once);
    # what comes out is no section, and it is refused as one that does not decrypt, not read as a file without text.
    streams = ole_streams(distribution_copy((hwp_data / "sample_notes.hwp").read_bytes()))
    for inflated in (b"", b"\x07", "잡음".encode("utf-16-le") * 40):
        damaged = encrypt_section(deflate(inflated))
        with pytest.raises(UnreadableDocument, match="does not decrypt .no paragraph where its text begins"):
            read_hwp("x.hwp", rewrite_ole({**streams, "ViewText/Section0": damaged}))


def test_a_cut_distribution_section_is_refused_not_read_in_part(hwp_data: Path) -> None:
    streams = ole_streams(distribution_copy((hwp_data / "sample_notes.hwp").read_bytes()))
    section = streams["ViewText/Section0"]
    cut = section[: 260 + (len(section) - 260) // 32 * 16]  # half its blocks
    with pytest.raises(UnreadableDocument, match="does not decrypt .its text ends early"):
        read_hwp("x.hwp", rewrite_ole({**streams, "ViewText/Section0": cut}))


def test_plain_sections_beside_ones_that_do_not_decrypt_are_read(hwp_data: Path) -> None:
    data = (hwp_data / "sample_notes.hwp").read_bytes()
    streams = ole_streams(distribution_copy(data))
    section = streams["ViewText/Section0"]
    plain = {p: b for p, b in ole_streams(data).items() if p.startswith("BodyText/")}
    broken = {**streams, "ViewText/Section0": section[:4] + bytes(b ^ 0x5A for b in section[4:260]) + section[260:], **plain}
    assert read_hwp("x.hwp", rewrite_ole(broken)) == read_hwp("x.hwp", data)
