"""Uploaded files into the corpus directory: name sanitising, content sniffing, durable saving.

A file is written to a hidden temporary name beside its final place, fsynced,
renamed into place and the directory fsynced — all before the server answers
202 — so a ``kill -9`` at any moment loses no accepted file and never leaves a
half-written document where a build would read it. The type comes from the
content (:func:`indexer.ingest.reading.sniff_format`), not the name: the saved
name gets the suffix of what the bytes are.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from indexer.errors import UnreadableDocument
from indexer.generation import fsync_dir
from indexer.ingest.reading import check_text, decode_text, sniff_format

__all__ = ["Checked", "PART_SUFFIX", "check_upload", "inside", "remove_document_file", "remove_stale_parts", "safe_name", "save_atomically"]

#: Suffix of files being written (ignored by builds, which take only .txt/.pdf/.hwp/.hwpx).
PART_SUFFIX = ".part"
_SUFFIX = {"pdf": ".pdf", "hwp": ".hwp", "hwpx": ".hwpx", "text": ".txt"}
_KNOWN_SUFFIXES = (".txt", ".pdf", ".hwp", ".hwpx", ".text", ".md")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_MAX_NAME_BYTES = 180  # well under the usual 255-byte limit, leaving room for the temp name


def safe_name(name: str | None) -> str:
    """A plain file name from a client's: no directories, no traversal, not hidden, no control characters.

    ``../../etc/passwd`` → ``passwd``, ``C:\\x\\계획.pdf`` → ``계획.pdf``, ``.env`` → ``env``, ``""`` → ``upload``.
    The suffix is left as given; :func:`check_upload` replaces it by the sniffed type's.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]  # the last path component, whichever separator the client used
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    name = re.sub(r"\s+", " ", name)
    if not name or set(name) <= {".", "_", " "}:
        name = "upload"
    while len(name.encode()) > _MAX_NAME_BYTES:  # keep the suffix, cut the stem
        stem, suffix = os.path.splitext(name)
        name = stem[:-1] + suffix
    return name


@dataclass(frozen=True)
class Checked:
    """An upload that may be saved: its safe name (with the sniffed suffix), format, bytes and digest."""

    name: str
    format: str
    data: bytes
    sha256: str


def check_upload(filename: str | None, data: bytes) -> Checked:
    """Sanitise the name and sniff the content; :class:`UnreadableDocument` with the reason if it cannot be indexed."""
    name = safe_name(filename)
    if not data:
        raise UnreadableDocument(name, "empty file")
    kind = sniff_format(data)
    if kind == "zip":
        raise UnreadableDocument(name, "a zip archive that is not an HWPX document; supported: txt, pdf, hwp, hwpx")
    if kind == "text":
        try:
            text, _enc = decode_text(data, name)
            check_text(name, text)
        except UnreadableDocument as e:
            raise UnreadableDocument(name, f"not a PDF, HWP or HWPX file, nor text: {e.reason}") from None
    stem, suffix = os.path.splitext(name)
    if suffix.lower() not in _KNOWN_SUFFIXES:
        stem = name  # "보고서.2024" keeps its dot; only a document suffix is replaced
    name = safe_name(stem + _SUFFIX[kind])
    return Checked(name, kind, data, hashlib.sha256(data).hexdigest())


def save_atomically(directory: Path, name: str, data: bytes) -> Path:
    """Write ``directory/name`` durably: temp file, fsync, rename, fsync the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / name
    if final.resolve().parent != directory.resolve():
        raise UnreadableDocument(name, "file name leaves the corpus directory")  # safe_name makes this unreachable
    tmp = directory / f".{secrets.token_hex(6)}{PART_SUFFIX}"
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(directory)
    return final


def remove_stale_parts(directory: Path) -> None:
    """Temporary files of uploads a killed server never finished (never answered 202 for)."""
    if directory.is_dir():
        for p in directory.glob(f".*{PART_SUFFIX}"):
            p.unlink(missing_ok=True)


def remove_document_file(path: Path) -> None:
    """Delete a corpus file durably (the directory is fsynced)."""
    path.unlink(missing_ok=True)
    fsync_dir(path.parent)


def inside(path: Path, directory: Path) -> Path | None:
    """``path`` relative to ``directory`` when it lies inside it, else None (both resolved)."""
    try:
        return Path(path).resolve().relative_to(Path(directory).resolve())
    except ValueError:
        return None
