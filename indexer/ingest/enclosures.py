"""A document's list of its enclosures (``붙임 1. 긴급복지지원제도 개요`` / ``2. 자주 묻는 질문``), told by the annexes
that follow it under those titles.

A release or an official letter lists what it attaches at the end of its text, then prints each attachment under
its label (``붙임 1`` over ``긴급복지지원제도 개요``, or ``붙임 2 자주 묻는 질문`` on one line). A list that says
``1부.`` is told by its form (:data:`~indexer.ingest.outline.ENCLOSURE`); one that only names the attachments
reads like numbered headings, and became an empty ``붙임 1.`` section with a ``2.`` heading under it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["enclosure_lines"]

# ``붙임 1.``, and an annex's label in brackets too (``<붙임 1>``, ``[붙임 2]``, ``【별첨 1】``)
_LABEL = re.compile(r"^[<〈\[【]?\s*(?:붙\s*임|별\s*첨)\s*(\d{1,2})\s*[>〉\]】]?\s*[.):]?\s*(.*)$")
_NEXT = re.compile(r"^(\d{1,2})\s*[.)]\s+(.+)$")
_TAIL = re.compile(r"\s*(?:\d+\s*부\s*\.?)?\s*(?:끝\s*\.?)?\s*$")
_ASIDE = re.compile(r"\s*\([^()]*\)\s*$")  # ``자주 묻는 질문(FAQ)`` listed, ``자주 묻는 질문`` over the annex


def _key(title: str) -> str:
    return "".join(_ASIDE.sub("", _TAIL.sub("", title)).split())


def enclosure_lines(texts: Sequence[str]) -> set[int]:
    """Indices of the lines that list enclosures which the document then prints under their labels: a
    ``붙임 N. title`` line and the ``N+1. title`` lines right under it, each title an annex's further down."""
    annexes: dict[int, tuple[str, int]] = {}  # the title under each number's last label, and that label's line
    for k, line in enumerate(texts):
        m = _LABEL.match(line.strip())
        if m is None:
            continue
        title = m.group(2) or (texts[k + 1].strip() if k + 1 < len(texts) else "")
        annexes[int(m.group(1))] = (_key(title), k)
    out: set[int] = set()
    for k, line in enumerate(texts):
        m = _LABEL.match(line.strip())
        if m is None or not m.group(2):
            continue  # an annex's own label
        listed = _listed(texts, k, int(m.group(1)), m.group(2))
        if annexes[int(m.group(1))][1] > k and all(
            num in annexes and annexes[num][1] > i and annexes[num][0] == _key(t) for i, num, t in listed
        ):
            out.update(i for i, _, _ in listed)  # each title an annex's further down
        elif _COPIES.search(line):
            # a list told by its form (``붙임 1. 참가신청서 1부.`` / ``2. 사업계획서 1부.`` … ``1부. 끝.``), printed further on or not
            out.update(i for i, _, t in listed if _COPIES.search(t))
    return out


_COPIES = re.compile(r"\d+\s*부\s*\.?(?:\s*끝\s*\.?)?\s*$")


def _listed(texts: Sequence[str], k: int, first: int, title: str) -> list[tuple[int, int, str]]:
    """``(line, number, title)`` of the list that opens with ``붙임 {first}. {title}`` on line ``k``: it and the
    ``N+1. title`` lines right under it."""
    listed = [(k, first, title)]
    j = k + 1
    while j < len(texts) and (n := _NEXT.match(texts[j].strip())) and int(n.group(1)) == listed[-1][1] + 1:
        listed.append((j, int(n.group(1)), n.group(2)))
        j += 1
    return listed
