"""Paragraph numbers Hangul draws and never stores in the text: 개요 (outline), 문단 번호 and 글머리표.

A paragraph whose shape says *outline level 2* is printed ``가. …`` although its text is ``…``; the number
comes from a numbering definition (``^1.`` / ``^2.`` / ``^3)`` per level, each level with its number shape:
digits, 가나다, ①②③ …) and from how many paragraphs of that level came before. Both HWP 5 (DocInfo records)
and HWPX (``header.xml``) describe the same model; the readers build a :class:`Numberer` from theirs and ask it
for each paragraph's label, in reading order, so that the outline markers reach the structure stage as if typed.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape

__all__ = ["SHAPES", "Head", "Numbering", "Numberer", "number_text", "labelled", "from_hwp_docinfo", "from_hwpx_header"]

#: Number shapes in the order both formats code them (HWP 5: bits 5–8 of a level's attributes; HWPX: ``numFormat``).
SHAPES: tuple[str, ...] = (
    "DIGIT", "CIRCLED_DIGIT", "ROMAN_CAPITAL", "ROMAN_SMALL", "LATIN_CAPITAL", "LATIN_SMALL",
    "CIRCLED_LATIN_CAPITAL", "CIRCLED_LATIN_SMALL", "HANGUL_SYLLABLE", "CIRCLED_HANGUL_SYLLABLE",
    "HANGUL_JAMO", "CIRCLED_HANGUL_JAMO", "HANGUL_PHONETIC", "IDEOGRAPH", "CIRCLED_IDEOGRAPH",
)  # fmt: skip

_SERIES = {
    "HANGUL_SYLLABLE": "가나다라마바사아자차카타파하",
    "CIRCLED_HANGUL_SYLLABLE": "".join(map(chr, range(0x326E, 0x327C))),  # ㉮…㉻
    "HANGUL_JAMO": "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ",
    "CIRCLED_HANGUL_JAMO": "".join(map(chr, range(0x3260, 0x326E))),  # ㉠…㉭
    "HANGUL_PHONETIC": "일이삼사오육칠팔구십",
    "IDEOGRAPH": "一二三四五六七八九十",
    "CIRCLED_IDEOGRAPH": "".join(map(chr, range(0x3280, 0x328A))),  # ㊀…㊉
    "ROMAN_CAPITAL": "".join(map(chr, range(0x2160, 0x216C))),  # Ⅰ…Ⅻ
    "ROMAN_SMALL": "".join(map(chr, range(0x2170, 0x217C))),  # ⅰ…ⅻ
    "LATIN_CAPITAL": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "LATIN_SMALL": "abcdefghijklmnopqrstuvwxyz",
    "CIRCLED_LATIN_CAPITAL": "".join(map(chr, range(0x24B6, 0x24D0))),  # Ⓐ…Ⓩ
    "CIRCLED_LATIN_SMALL": "".join(map(chr, range(0x24D0, 0x24EA))),  # ⓐ…ⓩ
    # ①…⑳, ㉑…㉟, ㊱…㊿
    "CIRCLED_DIGIT": "".join(map(chr, [*range(0x2460, 0x2474), *range(0x3251, 0x3260), *range(0x32B1, 0x32C0)])),
}
#: ``^1`` … ``^7``: that level's number; ``^n``: the level path (``1.2.1``); ``^N``: the path and a period (``1.2.1.``).
_LEVEL_REF = re.compile(r"\^([\dnN])")


def number_text(n: int, shape: str) -> str:
    """``n`` written in a number shape (:data:`SHAPES`); past the shape's last sign, or in an unknown shape, in digits."""
    series = _SERIES.get(shape, "")
    return series[n - 1] if 1 <= n <= len(series) else str(n)


@dataclass(frozen=True)
class Head:
    """What a paragraph shape asks Hangul to draw before the paragraph: ``kind`` is ``outline`` (the section's
    outline numbering), ``number`` (numbering ``ref``) or ``bullet`` (bullet ``ref``), at ``level`` (0 = first)."""

    kind: str
    ref: int
    level: int


@dataclass(frozen=True)
class Numbering:
    """One numbering definition: per level its format (``^1.``, ``(^5)``, ``^1.^2.``: ``^N`` stands for level N's
    number), its number shape (:data:`SHAPES`) and the number it starts at."""

    formats: tuple[str, ...]
    shapes: tuple[str, ...]
    starts: tuple[int, ...]

    def start(self, level: int) -> int:
        return self.starts[level] if level < len(self.starts) and self.starts[level] > 0 else 1


def labelled(label: str, text: str) -> str:
    """A paragraph's text after the number or bullet Hangul draws before it (:meth:`Numberer.label`). An empty
    paragraph was counted as Hangul counts it and stays empty: a number alone is no line."""
    return f"{label} {text}" if label and text.strip() else text


#: Hangul's own outline numbering, drawn when a document's section names none it defines.
DEFAULT_OUTLINE = Numbering(
    ("^1.", "^2.", "^3)", "^4)", "(^5)", "(^6)", "^7"),
    ("DIGIT", "HANGUL_SYLLABLE", "DIGIT", "HANGUL_SYLLABLE", "DIGIT", "HANGUL_SYLLABLE", "CIRCLED_DIGIT"),
    (1,) * 7,
)


@dataclass
class Numberer:
    """The prefix of each paragraph, in reading order: counts per numbering and level, a level's count restarting
    under each new paragraph of a level above it."""

    heads: dict[int, Head]
    numberings: dict[int, Numbering]
    bullets: dict[int, str]
    #: The numbering the current section's outline levels use (its section definition names it).
    outline: int = 0
    _counts: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    # id of a paragraph of this section → (the paragraph, held so that its id is not reused; its label)
    _seen: dict[int, tuple[object, str]] = field(default_factory=dict)

    def new_section(self, outline: int) -> None:
        """A section starts: the numbering its outline levels use (the counts go on, as Hangul's do)."""
        self.outline = outline
        self._seen.clear()

    def label_once(self, para: object, shape: int) -> str:
        """:meth:`label` for paragraph ``para`` of paragraph shape ``shape``, counted the first time it is asked for:
        a reader may read a table cell twice (``stacked_rows.unstack``) and asks before it lays the table out."""
        if (seen := self._seen.get(id(para))) is None:
            seen = self._seen[id(para)] = (para, self.label(shape))
        return seen[1]

    def label(self, shape: int) -> str:
        """Count the next paragraph of paragraph shape ``shape`` and give the number or bullet Hangul draws before it
        (``""`` for none), whatever its text: a reader may count a paragraph before it has read its text (the
        paragraph before its footnotes, a table's paragraphs in order before it lays the table out)."""
        head = self.heads.get(shape)
        if head is None:
            return ""
        if head.kind == "bullet":
            return self.bullets.get(head.ref, "").strip()
        ref = self.outline if head.kind == "outline" else head.ref
        numbering = self.numberings.get(ref) or (DEFAULT_OUTLINE if head.kind == "outline" else None)
        if numbering is None or not 0 <= head.level < len(numbering.formats):
            return ""
        counts = self._counts.setdefault((head.kind, ref), [0] * len(numbering.formats))
        level = head.level
        counts[level] = counts[level] + 1 if counts[level] else numbering.start(level)
        counts[level + 1 :] = [0] * (len(counts) - level - 1)

        def at(i: int) -> str:
            n = counts[i] or numbering.start(i)
            return number_text(n, numbering.shapes[i] if i < len(numbering.shapes) else "DIGIT")

        def number(m: re.Match[str]) -> str:
            code = m.group(1)
            if code in "nN":
                return ".".join(at(i) for i in range(level + 1)) + ("." if code == "N" else "")
            i = int(code) - 1
            return at(i) if 0 <= i < len(numbering.formats) else ""

        return _LEVEL_REF.sub(number, numbering.formats[level]).strip()


# --- HWP 5: DocInfo records -----------------------------------------------------------------------------------

NUMBERING, BULLET, PARA_SHAPE = 23, 24, 25
_HEAD_KINDS = {1: "outline", 2: "number", 3: "bullet"}


def from_hwp_docinfo(records: Iterable[tuple[int, bytes]]) -> Numberer | None:
    """A :class:`Numberer` from DocInfo's ``(tag, data)`` records, or ``None`` when no paragraph shape is numbered.

    A paragraph shape (``PARA_SHAPE``, ids from 0) has its head's kind in bits 23–24 of its first word, its level
    in bits 25–27 and its numbering or bullet id (from 1) at byte 30. A ``NUMBERING`` record holds 7 levels of a
    12-byte head (number shape in bits 5–8 of its first word) and a counted UTF-16 format, then a start number and
    (since 5.0.2.5) each level's start. A ``BULLET`` record's character follows its 12-byte head.
    """
    heads: dict[int, Head] = {}
    numberings: dict[int, Numbering] = {}
    bullets: dict[int, str] = {}
    shape = 0
    for tag, data in records:
        if tag == PARA_SHAPE:
            if len(data) >= 32:
                attr = struct.unpack_from("<I", data)[0]
                if kind := _HEAD_KINDS.get(attr >> 23 & 3):
                    heads[shape] = Head(kind, struct.unpack_from("<H", data, 30)[0], attr >> 25 & 7)
            shape += 1
        elif tag == NUMBERING:
            numberings[len(numberings) + 1] = _hwp_numbering(data)
        elif tag == BULLET:
            bullets[len(bullets) + 1] = data[12:14].decode("utf-16-le", "replace") if len(data) >= 14 else ""
    return Numberer(heads, numberings, bullets) if heads else None


def _hwp_numbering(data: bytes) -> Numbering:
    formats: list[str] = []
    shapes: list[str] = []
    off = 0
    for _ in range(7):
        if off + 14 > len(data):
            break
        attr = struct.unpack_from("<I", data, off)[0]
        n = struct.unpack_from("<H", data, off + 12)[0]
        formats.append(data[off + 14 : off + 14 + 2 * n].decode("utf-16-le", "replace"))
        code = attr >> 5 & 0xF
        shapes.append(SHAPES[code] if code < len(SHAPES) else "DIGIT")
        off += 14 + 2 * n
    starts = struct.unpack_from(f"<{len(formats)}I", data, off + 2) if off + 2 + 4 * len(formats) <= len(data) else ()
    return Numbering(tuple(formats), tuple(shapes), tuple(starts))


# --- HWPX: header.xml -----------------------------------------------------------------------------------------

# Read with patterns, not a parser: header.xml is mostly fonts and character shapes (0.3 MB in a press release,
# 4 ms to parse) and only these few tags matter. Each pattern starts with its tag's name, which the pattern engine
# looks for as a literal (any namespace prefix); a start tag is told from an end tag by the space after its name.
_HEADING = re.compile(rb"heading\s([^>]*?\btype=\"(?:OUTLINE|NUMBER|BULLET)\"[^>]*?)/?>")
_NUMBERING = re.compile(rb"numbering\s([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?numbering>)", re.S)
_PARA_HEAD = re.compile(rb"paraHead\s([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?paraHead>)", re.S)
_BULLET = re.compile(rb"bullet\s([^>]*?)/?>")
_ATTR = re.compile(rb'([\w.:-]+)\s*=\s*"([^"]*)"')
_HWPX_KINDS = {"OUTLINE": "outline", "NUMBER": "number", "BULLET": "bullet"}


def _attrs(raw: bytes) -> dict[str, str]:
    return {k.decode().rpartition(":")[2]: unescape(v.decode("utf-8", "replace")) for k, v in _ATTR.findall(raw)}


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def from_hwpx_header(xml: bytes) -> Numberer | None:
    """A :class:`Numberer` from an HWPX ``header.xml``, or ``None`` when no paragraph property is numbered.

    ``<paraPr id>`` holds ``<heading type="OUTLINE|NUMBER|BULLET" idRef level>`` (level from 0); ``<numbering id>``
    holds a ``<paraHead level start numFormat>`` per level (from 1) whose text is the format; ``<bullet id char>``.
    """
    heads: dict[int, Head] = {}
    for h in _HEADING.finditer(xml):
        at = h.start()  # the paragraph property it is part of: the last ``paraPr`` tag before it, any space after
        while (at := xml.rfind(b"paraPr", 0, at)) >= 0 and not xml[at + 6 : at + 7].isspace():
            pass
        if at < 0:
            continue
        a = _attrs(h.group(1))
        heads[_int(_attrs(xml[at : xml.find(b">", at)]).get("id"), -1)] = Head(
            _HWPX_KINDS[a["type"]], _int(a.get("idRef")), _int(a.get("level"))
        )
    if not heads:
        return None
    numberings: dict[int, Numbering] = {}
    for m in _NUMBERING.finditer(xml):
        levels: dict[int, tuple[str, str, int]] = {}
        for h in _PARA_HEAD.finditer(m.group(2) or b""):
            a = _attrs(h.group(1))
            fmt = unescape((h.group(2) or b"").decode("utf-8", "replace"))
            levels[_int(a.get("level"), 1)] = (fmt, a.get("numFormat", "DIGIT"), _int(a.get("start"), 1))
        top = max(levels, default=0)
        rows = [levels.get(i, ("", "DIGIT", 1)) for i in range(1, top + 1)]
        numberings[_int(_attrs(m.group(1)).get("id"))] = Numbering(
            tuple(r[0] for r in rows), tuple(r[1] for r in rows), tuple(r[2] for r in rows)
        )
    bullets = {_int((a := _attrs(m.group(1))).get("id")): a.get("char", "") for m in _BULLET.finditer(xml)}
    return Numberer(heads, numberings, bullets)
