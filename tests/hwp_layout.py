"""What Hangul's own HWP 5 files hold true of their body records (한글 문서 파일 형식 5.0), checked on any HWP file:
the HWP twins of :mod:`tests.hwp_writer` must keep them as the real documents do.

- a ``PARA_HEADER`` counts its text's code units (``PARA_TEXT``, or 1 for a paragraph with none), its character
  shapes (``PARA_CHAR_SHAPE``, 8 bytes each) and its line segments (``PARA_LINE_SEG``, 36 bytes each, if any);
  its control mask has bit *n* set for each control character *n* (≥ 2) its text holds;
- each extended control character of a text has its ``CTRL_HEADER`` a level below, of the same id, in order;
- a table's ``CTRL_HEADER`` holds its ``TABLE`` record, whose rows' cell counts add up to its ``LIST_HEADER`` records;
  each cell's paragraph count is the number of ``PARA_HEADER`` records that follow it at its level; the cells'
  addresses and spans tile the rows × columns grid, every slot once.
"""

from __future__ import annotations

import re
import struct
import zlib

from tests.hwp_files import _records, ole_streams

__all__ = ["layout_faults"]

PARA_HEADER, PARA_TEXT, PARA_CHAR_SHAPE, PARA_LINE_SEG, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 68, 69, 71, 72, 77
_ONE_UNIT = {0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31}
_EXTENDED = {1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23}


def _controls(text: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """The text's control characters as ``(code, control id)`` (id only for the extended ones) and its code units."""
    out, i, units = [], 0, len(text) // 2
    while i < units:
        code = struct.unpack_from("<H", text, 2 * i)[0]
        if code < 32:
            out.append((code, text[2 * i + 2 : 2 * i + 6][::-1] if code in _EXTENDED else b""))
            i += 1 if code in _ONE_UNIT else 8
        else:
            i += 1
    return out, units


def _section_faults(body: bytes, where: str) -> list[str]:
    recs = _records(body)
    faults: list[str] = []

    def under(i: int) -> list[int]:
        """Indices of the records one level below record ``i``, up to the next at its level or above."""
        level, out = recs[i][1], []
        for j in range(i + 1, len(recs)):
            if recs[j][1] <= level:
                break
            if recs[j][1] == level + 1:
                out.append(j)
        return out

    for i, (tag, _level, a, b) in enumerate(recs):
        at = f"{where} record {i}"
        if tag == PARA_HEADER:
            if b - a < 22:
                faults.append(f"{at}: PARA_HEADER of {b - a} bytes")
                continue
            nchars, mask = struct.unpack_from("<II", body, a)
            n_shapes, _, n_segs = struct.unpack_from("<HHH", body, a + 12)
            kids = {recs[j][0]: j for j in reversed(under(i))}
            text = body[recs[kids[PARA_TEXT]][2] : recs[kids[PARA_TEXT]][3]] if PARA_TEXT in kids else b""
            ctrls, units = _controls(text)
            if (nchars & 0x7FFFFFFF) != max(units, 1):
                faults.append(f"{at}: {nchars & 0x7FFFFFFF} characters counted, {units} in its text")
            want = 0
            for code, _ in ctrls:
                want |= 1 << code if code != 13 else 0
            if mask != want:
                faults.append(f"{at}: control mask {mask:#x}, its text's controls make {want:#x}")
            for tag2, count, size in ((PARA_CHAR_SHAPE, n_shapes, 8), (PARA_LINE_SEG, n_segs, 36)):
                if tag2 in kids and (recs[kids[tag2]][3] - recs[kids[tag2]][2]) != count * size:
                    faults.append(f"{at}: {count} records of tag {tag2} counted, {recs[kids[tag2]][3] - recs[kids[tag2]][2]} bytes")
            headers = [body[recs[j][2] : recs[j][2] + 4][::-1] for j in under(i) if recs[j][0] == CTRL_HEADER]
            named = [cid for code, cid in ctrls if code in _EXTENDED]
            if named != headers[: len(named)]:
                faults.append(f"{at}: text names controls {named}, its CTRL_HEADERs are {headers}")
        elif tag == CTRL_HEADER and body[a : a + 4] == b"tbl "[::-1]:
            faults += _table_faults(body, recs, under(i), at)
    return faults


def _table_faults(body: bytes, recs: list, kids: list[int], at: str) -> list[str]:
    tables = [j for j in kids if recs[j][0] == TABLE]
    if not tables:
        return [f"{at}: table without a TABLE record"]
    a = recs[tables[0]][2]
    rows, cols = struct.unpack_from("<HH", body, a + 4)
    sizes = struct.unpack_from(f"<{rows}H", body, a + 18)
    cells = [j for j in kids if recs[j][0] == LIST_HEADER and j > tables[0]]
    faults = [] if sum(sizes) == len(cells) else [f"{at}: rows of {sizes} cells, {len(cells)} LIST_HEADERs"]
    grid: dict[tuple[int, int], int] = {}
    for n, j in enumerate(cells):
        paras, _ = struct.unpack_from("<HH", body, recs[j][2])
        col, row, colspan, rowspan = struct.unpack_from("<4H", body, recs[j][2] + 8)
        end = cells[n + 1] if n + 1 < len(cells) else len(recs)
        following = sum(1 for k in kids if j < k < end and recs[k][0] == PARA_HEADER)
        if paras != following:
            faults.append(f"{at}: cell ({row}, {col}) counts {paras} paragraphs, {following} follow it")
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                grid[r, c] = grid.get((r, c), 0) + 1
    if sorted(grid) != [(r, c) for r in range(rows) for c in range(cols)] or set(grid.values()) != {1}:
        faults.append(f"{at}: cells do not tile the {rows} × {cols} grid once")
    return faults


def layout_faults(data: bytes) -> list[str]:
    """Each way the body sections of compressed HWP 5 file ``data`` break the rules above, in words."""
    streams = ole_streams(data)
    names = sorted((p for p in streams if re.fullmatch(r"BodyText/Section\d+", p)), key=lambda p: int(p[16:]))
    return [f for p in names for f in _section_faults(zlib.decompress(streams[p], -15), p)]
