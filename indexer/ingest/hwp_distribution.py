"""배포용 (distribution) HWP 5: the ViewText sections' key and their decryption.

Governments often publish HWP files as 배포용 문서 (read-only). Such a file keeps its
sections in ``ViewText/SectionN`` instead of ``BodyText/SectionN``; each stream starts with a
``DISTRIBUTE_DOC_DATA`` record (256 bytes) and the rest is AES-128 (ECB) ciphertext of what
``BodyText/SectionN`` would hold (compressed like it when the file header says so).

The record hides its key, as Hancom's published HWP 5.0 format describes: its first 4 bytes
seed Microsoft C's ``rand()``; the generator's output, in runs (a byte, then a run length of
1–16), is XORed over bytes 4…255; the SHA-1 of the document's password, written as 40
UTF-16LE hex digits, then sits at offset ``4 + (seed & 0xF)``, and its first 16 bytes are
the AES key. No password is needed to read: only the restrictions (copy, print) are the
author's, and they concern a viewer, not a search index.
"""

from __future__ import annotations

import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

__all__ = ["DISTRIBUTE_DOC_DATA", "RECORD_BYTES", "rand_mask", "section_key", "decrypt_section"]

#: ``HWPTAG_BEGIN + 12``: the record that opens every ViewText section.
DISTRIBUTE_DOC_DATA = 28
#: The record's payload size.
RECORD_BYTES = 256


def rand_mask(seed: int) -> bytes:
    """The 256-byte XOR mask ``srand(seed)`` yields: runs of ``rand() & 0xFF``, each ``(rand() & 0xF) + 1`` long."""
    state = seed & 0xFFFFFFFF
    out = bytearray()
    while len(out) < RECORD_BYTES:
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        value = (state >> 16) & 0xFF
        state = (state * 214013 + 2531011) & 0xFFFFFFFF
        run = ((state >> 16) & 0x0F) + 1
        out += bytes((value,)) * run
    return bytes(out[:RECORD_BYTES])


def section_key(payload: bytes) -> bytes:
    """The AES-128 key hidden in a ``DISTRIBUTE_DOC_DATA`` payload."""
    if len(payload) != RECORD_BYTES:
        raise ValueError(f"distribution record is {len(payload)} bytes, not {RECORD_BYTES}")
    seed = struct.unpack_from("<I", payload)[0]
    mask = rand_mask(seed)
    at = 4 + (seed & 0x0F)
    return bytes(b ^ m for b, m in zip(payload[at : at + 16], mask[at : at + 16]))


def decrypt_section(stream: bytes) -> bytes:
    """A ViewText section stream → what its BodyText section would hold; raises :class:`ValueError`."""
    if len(stream) < 4 + RECORD_BYTES:
        raise ValueError("ViewText section shorter than its distribution record")
    head = struct.unpack_from("<I", stream)[0]
    if head & 0x3FF != DISTRIBUTE_DOC_DATA or head >> 20 != RECORD_BYTES:
        raise ValueError("ViewText section does not open with a distribution record")
    key = section_key(stream[4 : 4 + RECORD_BYTES])
    tail = stream[4 + RECORD_BYTES :]
    tail = tail[: len(tail) - len(tail) % 16]  # ECB works in whole blocks
    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()  # noqa: S305 — the format's cipher, not our choice
    return decryptor.update(tail) + decryptor.finalize()
