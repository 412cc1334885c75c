"""Reading: turn a file into raw text pages, detecting its format and encoding.

The format is sniffed from the content, not taken from the name: an OLE
container is HWP 5 (:mod:`indexer.ingest.hwp`), a zip holding
``Contents/section*.xml`` is HWPX (:mod:`indexer.ingest.hwpx`), ``%PDF`` is a
PDF (:mod:`indexer.ingest.pdf`, tables as Markdown), HWP 3.0 is refused, and
anything else is text: UTF-8 (with or without BOM), UTF-16 or CP949/EUC-KR.
Every failure is an :class:`~indexer.errors.UnreadableDocument` with a
one-line reason, so a batch can skip the file and go on.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from indexer.errors import UnreadableDocument

__all__ = ["RawDocument", "SUPPORTED_SUFFIXES", "MAX_FILE_BYTES", "read_file", "iter_input_files", "decode_text", "sniff_format", "check_text"]

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".hwp", ".hwpx")
#: Larger inputs are refused rather than risking memory on a stray dump.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: A "line" longer than this is not prose: a dump, minified data, a binary blob.
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True)
class RawDocument:
    """Decoded text of one file, page by page.

    ``encoding`` is the text encoding, or the format (``pdf``, ``hwp``, ``hwpx``).
    ``page_numbers_known`` is true for PDFs (physical pages); HWP/HWPX pages
    follow Hangul's saved layout only approximately, and text is one page.
    """

    source: str
    sha256: str
    encoding: str
    pages: tuple[str, ...]
    page_numbers_known: bool
    #: per page, the lines (indices into ``page.split("\\n")``) whose paragraph the layout shows going on below (PDF)
    runs_on: tuple[frozenset[int], ...] = ()
    #: per page, the lines that stop well short of the right edge: their paragraph ends there (PDF)
    stops: tuple[frozenset[int], ...] = ()
    #: per page, the lines that are a box's title (a one-cell table's first line: ``핵심 요약``)
    box_titles: tuple[frozenset[int], ...] = ()
    #: per page, the lines under a box's title inside its box (``ㅇ …`` bullets in the box)
    boxed: tuple[frozenset[int], ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)


def iter_input_files(paths: "list[str | os.PathLike[str]]") -> Iterator[Path]:
    """Yield supported files under ``paths`` (directories recursively), in a stable order.

    A path that does not exist is yielded as is, so the reader reports it.
    """
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and f not in seen:
                    seen.add(f)
                    yield f
        elif p not in seen:
            seen.add(p)
            yield p


def read_file(path: "str | os.PathLike[str]") -> RawDocument:
    """Read one ``.txt``, ``.pdf``, ``.hwp`` or ``.hwpx`` file, or raise :class:`UnreadableDocument`.

    The suffix only selects the files taken; how a file is read depends on its content.
    """
    p = Path(path)
    src = str(p)
    if not p.exists():
        raise UnreadableDocument(src, "no such file")
    if not p.is_file():
        raise UnreadableDocument(src, "not a regular file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableDocument(src, f"unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    size = p.stat().st_size
    if size == 0:
        raise UnreadableDocument(src, "empty file")
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(src, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise UnreadableDocument(src, f"cannot read: {e.strerror or e}") from None
    digest = hashlib.sha256(data).hexdigest()
    kind = sniff_format(data)
    if kind == "pdf":
        from indexer.ingest.pdf import read_pdf_layout

        pages, known, runs_on, stops, titles, boxed = read_pdf_layout(src, data)
        return RawDocument(src, digest, kind, pages, known, runs_on, stops, titles, boxed)
    elif kind == "hwp":
        from indexer.ingest.hwp import read_hwp

        pages, known, titles, boxed = read_hwp(src, data)
    elif kind in ("hwpx", "zip"):
        from indexer.ingest.hwpx import read_hwpx

        pages, known, titles, boxed = read_hwpx(src, data)  # a zip that is not HWPX is refused there, with its reason
    else:
        try:
            text, encoding = decode_text(data, src)
            check_text(src, text)
        except UnreadableDocument as e:
            if suffix == ".txt":
                raise
            raise UnreadableDocument(src, f"not a {suffix[1:].upper()} file (no PDF, HWP or HWPX signature), nor text: {e.reason}") from None
        return RawDocument(src, digest, encoding, (text,), False)
    return RawDocument(src, digest, kind if kind != "zip" else "hwpx", pages, known, box_titles=titles, boxed=boxed)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HWPX_SECTION = re.compile(r"Contents/section\d+\.xml$")


def sniff_format(data: bytes) -> str:
    """The format of a file from its first bytes: ``pdf``, ``hwp`` (HWP 5 or 3.0), ``hwpx``, ``zip`` (other zip) or ``text``."""
    if data.startswith(_OLE_MAGIC) or data.startswith(b"HWP Document File"):
        return "hwp"  # the HWP reader refuses HWP 3.0 and non-HWP OLE files with their reason
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return "hwpx" if any(_HWPX_SECTION.match(n) for n in zf.namelist()) else "zip"
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
    if data.find(b"%PDF-", 0, 1024) >= 0:  # readers tolerate a little junk before the header
        return "pdf"
    return "text"


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes of a text file, detecting UTF-8/UTF-16/CP949; return ``(text, encoding)``."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source), "utf-16"
    # UTF-16 without BOM: ASCII has NULs in every other byte, and many Hangul
    # syllables (가 = U+AC00) do too; try both byte orders and keep a plausible one.
    if b"\x00" in data and len(data) % 2 == 0:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and _mostly_korean_or_ascii(text):
                return text, enc
    if b"\x00" in data:
        raise UnreadableDocument(source, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
        # 345 Hangul syllables in CP949 are also valid UTF-8 (as Latin-1-looking text):
        # a file with no Hangul as UTF-8 but Hangul as CP949 is CP949.
        if _HANGUL.search(text) or not _cp949_hangul(data):
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    # cp949 is a superset of EUC-KR and the usual encoding of Korean office files.
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UnreadableDocument(source, "cannot detect the text encoding (tried utf-8, utf-16, cp949)")
    return str(best), best.encoding


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _cp949_hangul(data: bytes) -> bool:
    try:
        return bool(_HANGUL.search(data.decode("cp949")))
    except UnicodeDecodeError:
        return False


def _mostly_korean_or_ascii(text: str) -> bool:
    sample = text[:20_000]
    ok = sum(1 for ch in sample if ch.isascii() or "\uac00" <= ch <= "\ud7a3" or ch in "·ㆍ○―–—‘’“”【】「」※→…")
    return ok >= 0.9 * len(sample)


def _plausible(text: str) -> bool:
    """Decoded text, not binary seen through a codec: few control, unassigned or private-use characters."""
    sample = text[:100_000]
    if not sample:
        return True
    if "\x00" in sample:  # no text format we read contains NUL
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return bad <= 0.01 * len(sample)


def _strict(data: bytes, enc: str, source: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        raise UnreadableDocument(source, f"invalid {enc} at byte {e.start}") from None


def check_text(source: str, text: str) -> None:
    if not text.strip():
        raise UnreadableDocument(source, "no text (empty or whitespace only)")
    if not _plausible(text):
        raise UnreadableDocument(source, "binary file (too many control or unassigned characters)")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > MAX_LINE_CHARS:
        raise UnreadableDocument(source, f"a single line of {longest} characters; not a text document (limit {MAX_LINE_CHARS})")
