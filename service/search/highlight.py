"""Highlights: where a hit's text matches the query's morphemes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indexer.segmentation import Morph, fold

__all__ = ["Span", "highlight"]


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` in a hit's ``text``."""

    start: int
    end: int


def highlight(text: str, morphs: Sequence[Morph], qset: set[str]) -> tuple[Span, ...]:
    """Spans (in ``p.text``) of the passage morphemes the query shares, adjacent ones merged."""
    if not qset:
        return ()
    spans: list[list[int]] = []
    for m in morphs:
        f = fold(m.form)
        # Exact morpheme, or a query part inside a longer compound (자치 in 자치회).
        if f not in qset and not (len(f) >= 3 and any(len(t) >= 2 and t in f for t in qset)):
            continue
        s, e = m.start, m.end  # morpheme offsets are relative to the passage text
        gap = text[spans[-1][1] : s] if spans else None
        if gap is not None and s <= spans[-1][1] + 1 and not gap.strip() and "\n" not in gap:  # never across rows
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    return tuple(Span(s, e) for s, e in spans)
