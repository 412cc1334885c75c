"""A task's title gives its place to what it says.

``나. 한국형 수치예보모델 해상도 향상`` names a task in the words a query uses for it, and the line under it says
what the task does (``□ 전지구 모델 수평 해상도를 12km에서 8km로 높이고 …``). A heading long enough to be searched
is embedded with its first lines, so both rankers put the title first and its line below, often out of the top 3.
When a numbered heading (``1.``, ``가.``, ``1)``, ``Ⅲ.``) that states no figure and a passage right under it are both
candidates, the passage takes the heading's place and the heading the passage's.

A box heading (``□ <표준국어대사전> 개편 필요``, ``□ 공공언어 사용 평가 시행(신규 618백만원)``) keeps its place:
real documents put their substance there, and it is often the answer itself; so does a numbered one with a figure.
Measured in docs/quality-log.md ("A task's title gives its place"): probes (442 queries) 0.7633 → 0.7664, real 35
0.5395 → 0.5438, shared 5 0.5684 → 0.5983, blind 30 and the sample plan unchanged; every heading as well (box ones
and ones with figures) took the probes to 0.7731 but real 35 to 0.5024 (the nikl plan's □ headings hold its answers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from indexer.ingest.outline import marker_of

__all__ = ["children_first", "yields_to_children"]

#: Outline families whose headings are statements, never only a task's title.
_BOX_FAMILIES = frozenset({"square", "black-square"})
#: Where a candidate sits: its document, its kind and its section path.
Place = tuple[object, str, tuple[str, ...]]


def yields_to_children(text: str) -> bool:
    """A numbered heading that states no figure (``나. 한국형 수치예보모델 해상도 향상``)."""
    mk = marker_of(text)
    return mk is not None and mk.family not in _BOX_FAMILIES and not any(ch.isdigit() for ch in mk.rest)


def children_first(
    ranked: Sequence[tuple[int, float]], place: Callable[[int], Place], texts: Callable[[list[int]], Iterable[str]]
) -> list[tuple[int, float]]:
    """``ranked`` (position, score) with each yielding heading (:func:`yields_to_children`) and the best-ranked
    passage right under it swapped, each keeping the score of the place it takes. ``place(position)`` says where a
    candidate sits (from columns held in memory); ``texts(positions)`` reads the headings' texts, in that order."""
    out = list(ranked)
    places = [place(pos) for pos, _ in ranked]
    at = [i for i, (_, kind, _) in enumerate(places) if kind == "heading"]
    heads: dict[tuple, int] = {}
    for i, text in zip(at, texts([ranked[i][0] for i in at])):
        if yields_to_children(text):
            doc, _, section = places[i]
            heads.setdefault((doc, *section, text), i)
    for i, (doc, _, section) in enumerate(places):
        h = heads.pop((doc, *section), None) if heads else None
        if h is not None and h < i:
            out[h], out[i] = (ranked[i][0], ranked[h][1]), (ranked[h][0], ranked[i][1])
    return out
