"""Representation: what a passage is embedded and BM25-indexed as.

The passage's ``text`` is what a user reads and cites; the embedder and BM25
see a richer or leaner form of it, decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from indexer.records import Passage
from indexer.segmentation import Morph, tokens_of
from indexer.text import strip_bullet

__all__ = ["MAX_CONTEXT_CHILDREN", "embedding_text", "embedding_texts", "lexical_document"]

#: How many sub-items follow a goal in its embedding text.
MAX_CONTEXT_CHILDREN = 3


def embedding_text(p: Passage, parent: Passage | None, children: Sequence[Passage] = ()) -> str:
    """What the embedder sees for a passage.

    * Bullets and target series (``(‘21) 132 → (’22) 154``) are noise to the
      model: a target is reduced to its metric and unit.
    * A sub-item alone (``- 시민주도 리빙랩 운영``) often lacks its subject, so
      its goal is prepended.
    * A goal is followed by its first sub-items, which say what it consists of.

    On the dev set these took dense nDCG@10 from 0.915 to 0.962 (README, "Quality").
    """
    text = strip_bullet(_without_series(p))
    if parent is not None and p.kind == "sub-item":
        text = strip_bullet(_without_series(parent)) + " - " + text
    if children:
        text += " : " + " / ".join(strip_bullet(_without_series(c)) for c in children[:MAX_CONTEXT_CHILDREN])
    return text


def embedding_texts(passages: Sequence[Passage], by_id: Mapping[str, Passage]) -> list[str]:
    """:func:`embedding_text` of each of ``passages``, with parents and children looked up in ``by_id``."""
    kids: dict[str, list[Passage]] = {}
    for p in by_id.values():
        if p.parent_id:
            kids.setdefault(p.parent_id, []).append(p)
    return [embedding_text(p, by_id.get(p.parent_id) if p.parent_id else None, kids.get(p.id, ())) for p in passages]


def _without_series(p: Passage) -> str:
    text = p.text
    for t in sorted(p.targets, key=lambda t: -t.start):
        s, e = t.start - p.start, t.end - p.start
        if 0 <= s < e <= len(text):
            text = text[:s] + (f"{t.metric}({t.unit})" if t.unit else t.metric) + text[e:]
    return text


def lexical_document(p: Passage, by_id: Mapping[str, Passage], morphs: Mapping[str, tuple[Morph, ...]]) -> list[str]:
    """BM25 tokens of a passage: its own, plus its goal's words it does not already have.

    ``- 창의적 아이디어의 적극적 채택`` is about 정책 제안 only through its goal
    ``○ 제안활성화를 통한 시민의 정책혁신 참여 확대``; adding each goal word once
    (not with its counts) lets the sub-item match without outranking the goal
    (dev set lexical nDCG@10 0.919 → 0.934).
    """
    toks = tokens_of(morphs.get(p.id, ()))
    parent = by_id.get(p.parent_id) if p.parent_id else None
    if parent is not None:
        have = set(toks)
        toks += [t for t in dict.fromkeys(tokens_of(morphs.get(parent.id, ()))) if t not in have]
    return toks
