"""HWP 5 test files written at test time: a 배포용 (distribution) copy of an HWP, and a copy whose paragraphs
Hangul would number (개요, 문단 번호) as its styles would.

Hangul itself is not available here, so the copy is made the way the HWP 5.0 format describes
a distribution document: every ``BodyText/SectionN`` becomes ``ViewText/SectionN``, a
``DISTRIBUTE_DOC_DATA`` record (a seed, and the password's SHA-1 hidden under the seed's mask)
followed by the section's bytes in AES-128 ECB; the file header gets its distribution bit. The
OLE container is written by pycfb (MIT).
"""

from __future__ import annotations

import hashlib
import os
import struct
import uuid
import zlib

import olefile
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from pycfb import CFBWriter

from indexer.ingest.hwp_distribution import DISTRIBUTE_DOC_DATA, RECORD_BYTES, rand_mask

__all__ = ["deflate", "distribution_record", "distribution_copy", "encrypt_section", "numbered_copy", "ole_streams", "rewrite_ole"]


def distribution_record(password: str, seed: int) -> tuple[bytes, bytes]:
    """``(record payload, AES key)`` for ``password``: its SHA-1 in UTF-16LE hex at ``4 + (seed & 0xF)``, masked."""
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper().encode("utf-16-le")  # 80 bytes
    plain = bytearray(os.urandom(RECORD_BYTES))
    plain[:4] = struct.pack("<I", seed)
    at = 4 + (seed & 0x0F)
    plain[at : at + len(digest)] = digest
    mask = rand_mask(seed)
    payload = bytes(plain[:4]) + bytes(b ^ m for b, m in zip(plain[4:], mask[4:]))
    return payload, digest[:16]


def encrypt_section(section: bytes, password: str = "12345", seed: int = 0x1234ABCD) -> bytes:
    """A ViewText section: its ``DISTRIBUTE_DOC_DATA`` record, then ``section`` in AES-128 ECB under its key."""
    payload, key = distribution_record(password, seed)
    padded = section + bytes(-len(section) % 16)
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  # noqa: S305 — the format's cipher
    head = struct.pack("<I", DISTRIBUTE_DOC_DATA | RECORD_BYTES << 20)
    return head + payload + encryptor.update(padded) + encryptor.finalize()


def ole_streams(data: bytes) -> dict[str, bytes]:
    """Every stream of an OLE (CFB) file by its ``"Storage/Stream"`` path."""
    ole = olefile.OleFileIO(data)
    try:
        return {"/".join(e): ole.openstream(e).read() for e in ole.listdir(streams=True, storages=False)}
    finally:
        ole.close()


def rewrite_ole(streams: dict[str, bytes]) -> bytes:
    """An OLE (CFB) file holding ``streams`` (``"Storage/Stream"`` paths), in that order."""
    storages = sorted({p.rsplit("/", 1)[0] for p in streams if "/" in p})
    paths = storages + list(streams)
    return bytes(CFBWriter(paths, [None] * len(storages) + list(streams.values()), uuid.UUID(int=0)).data)


def distribution_copy(hwp: bytes, password: str = "12345", seed: int = 0x1234ABCD) -> bytes:
    """The 배포용 copy of HWP 5 file ``hwp``: same text, sections encrypted under ViewText."""
    out: dict[str, bytes] = {}
    for path, data in ole_streams(hwp).items():
        if path == "FileHeader":
            flags = struct.unpack_from("<I", data, 36)[0] | 0x04
            data = data[:36] + struct.pack("<I", flags) + data[40:]
        elif path.startswith("BodyText/"):
            path, data = "ViewText/" + path.split("/", 1)[1], encrypt_section(data, password, seed)
        out[path] = data
    return rewrite_ole(out)


def _records(buf: bytes) -> list[tuple[int, int, int, int]]:
    """``(tag, level, data start, data end)`` of each record of an HWP stream."""
    out, off = [], 0
    while off + 4 <= len(buf):
        head = struct.unpack_from("<I", buf, off)[0]
        size, off = head >> 20, off + 4
        if size == 0xFFF:
            size, off = struct.unpack_from("<I", buf, off)[0], off + 4
        out.append((head & 0x3FF, head >> 10 & 0x3FF, off, off + size))
        off += size
    return out


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(wbits=-15)
    return c.compress(data) + c.flush()


def numbered_copy(hwp: bytes, paragraphs: dict[int, int], shapes: dict[int, tuple[int, int, int]] | None = None) -> bytes:
    """A copy of compressed HWP 5 file ``hwp`` whose ``paragraphs`` (index among Section0's top-level paragraphs →
    paragraph shape id) take other shapes, and whose paragraph ``shapes`` (id → ``(head kind, level, numbering or
    bullet id)``; kind 1 outline, 2 number, 3 bullet) ask for a head as a style of Hangul's would."""
    streams = ole_streams(hwp)
    doc = bytearray(zlib.decompress(streams["DocInfo"], -15))
    shape_records = [r for r in _records(bytes(doc)) if r[0] == 25]
    for sid, (kind, level, ref) in (shapes or {}).items():
        start = shape_records[sid][2]
        attr = struct.unpack_from("<I", doc, start)[0] & ~(0x1F << 23) | kind << 23 | level << 25
        struct.pack_into("<I", doc, start, attr)
        struct.pack_into("<H", doc, start + 30, ref)
    body = bytearray(zlib.decompress(streams["BodyText/Section0"], -15))
    top = [r for r in _records(bytes(body)) if r[0] == 66 and r[1] == 0]
    for i, sid in paragraphs.items():
        struct.pack_into("<H", body, top[i][2] + 8, sid)
    streams["DocInfo"] = deflate(bytes(doc))
    streams["BodyText/Section0"] = deflate(bytes(body))
    return rewrite_ole(streams)
