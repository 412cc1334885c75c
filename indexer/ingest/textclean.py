"""Minimal text cleaning the formats demand: control characters and private-use glyphs.

Hancom fonts put some symbols in the Private Use Areas. Those seen in real
files, with the meaning their context shows, are mapped; any other PUA code
point (BMP U+E000–U+F8FF, planes 15–16) is dropped, as are lone surrogates.

* U+F02B1, U+F02B2, U+F02B3 … numbered headings (``󰊱 국민의 국어능력 …`` is task
  1-1 in the table of contents) → ① ② ③; the run is extended to U+F02C4 → ⑳.
* U+F0854 / U+F0855 wrap a publication title (``󰡔2020년 국민의 언어 의식 조사󰡕``)
  → 「 」.
"""

from __future__ import annotations

import re

__all__ = ["PUA_MAP", "clean_line", "one_line"]

PUA_MAP: dict[int, str] = {0xF02B1 + i: chr(0x2460 + i) for i in range(20)}
PUA_MAP.update({0xF0854: "「", 0xF0855: "」"})

_PUA_CHARS = "\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff"
_CONTROL_CHARS = "\x00-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff"
_PUA = re.compile(f"[{_PUA_CHARS}]")
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
#: What the substitutions below change (PUA, controls, other spaces, two spaces in a row); most lines have none.
_DIRTY = re.compile(f"[{_PUA_CHARS}{_CONTROL_CHARS}\u00a0\u2000-\u200a\u3000]|  ")


def _pua(m: re.Match[str]) -> str:
    return PUA_MAP.get(ord(m.group()), "")


def clean_line(text: str) -> str:
    """One line of output: controls → space, PUA mapped or dropped, spaces collapsed, stripped."""
    if _DIRTY.search(text) is None:
        return text.strip()
    text = _PUA.sub(_pua, text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def one_line(text: str, limit: int = 200) -> str:
    """A message fit for a one-line skip reason: whitespace collapsed, cut at ``limit`` characters."""
    return " ".join(text.split())[:limit]
