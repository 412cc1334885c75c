"""HWP 5 test files written at test time: a 배포용 (distribution) copy of an HWP.

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

import olefile
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from pycfb import CFBWriter

from indexer.ingest.hwp_distribution import DISTRIBUTE_DOC_DATA, RECORD_BYTES, rand_mask

__all__ = ["distribution_record", "distribution_copy", "ole_streams", "rewrite_ole"]


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


def _encrypt(section: bytes, password: str, seed: int) -> bytes:
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
            path, data = "ViewText/" + path.split("/", 1)[1], _encrypt(data, password, seed)
        out[path] = data
    return rewrite_ole(out)
