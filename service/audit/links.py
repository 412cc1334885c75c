"""Direction statements linked to the projects and targets that carry them out.

:func:`compute_links` links each
direction statement (goals and sub-items under a ``투자 방향``-like heading) to the
priority projects (goals and sub-items under ``투자 중점사업``-like headings) of the
same document and chapter, scored by cosine and IDF-weighted Dice overlap (with
sub-word bigrams, so ``주민자치회`` meets ``주민자치``). :func:`linked_for` returns a
passage's linked passages with their targets (a goal's targets include those of
its sub-items), each linked text once with its pasted ``copies`` counted.

A loaded index computes its links once (``SearchIndex.links``).
"""


from __future__ import annotations

from dataclasses import replace

import numpy as np

from indexer.errors import NotFound
from indexer.records import Target
from indexer.store import Corpus
from service.audit.duplicates import exact_key
from service.audit.lexical import LexicalProfile, content_tokens
from service.audit.neighbours import reconstruct
from service.audit.records import Link, LinkedPassage

__all__ = ["RELATIONS", "LINK_MIN_SIMILARITY", "LINK_MIN_LEXICAL", "LINK_TOP", "LINK_MARGIN", "compute_links", "links_of", "linked_for"]

RELATIONS: tuple[str, ...] = ("implemented-by", "implements")
#: Link thresholds: cosine floor, Dice floor and how many distinct projects per direction.
LINK_MIN_SIMILARITY = 0.9
LINK_MIN_LEXICAL = 0.3
LINK_TOP = 3
#: A direction's links score within this much of its best link (drops weak runners-up).
LINK_MARGIN = 0.06

#: Section titles (spaces removed) that mark direction statements and priority projects.
DIRECTION_SECTIONS: tuple[str, ...] = ("투자방향", "추진방향", "기본방향", "정책방향", "발전방향")
PROJECT_SECTIONS: tuple[str, ...] = ("투자중점사업", "중점사업", "주요사업", "중점과제", "추진과제", "세부사업")


def _compact(title: str) -> str:
    return "".join(title.split())


def _role(section: tuple[str, ...]) -> tuple[str, int] | None:
    """``("direction"|"project", depth of the heading that says so)``, innermost heading first."""
    for depth in range(len(section) - 1, -1, -1):
        t = _compact(section[depth])
        if any(p in t for p in PROJECT_SECTIONS):
            return "project", depth
        if any(p in t for p in DIRECTION_SECTIONS):
            return "direction", depth
    return None


def _link_vectors(vectors, positions: list[int]) -> np.ndarray:
    return reconstruct(vectors, np.asarray(positions, dtype=np.int64)) if positions else np.zeros((0, vectors.d), np.float32)


def compute_links(
    corpus: Corpus,
    vectors,
    *,
    min_similarity: float = LINK_MIN_SIMILARITY,
    min_lexical: float = LINK_MIN_LEXICAL,
    top: int = LINK_TOP,
    margin: float = LINK_MARGIN,
) -> dict[str, tuple[Link, ...]]:
    """Direction ↔ project links of every document in ``corpus`` (``vectors``: its FAISS index).

    A direction is linked (``implemented-by``) to at most ``top`` distinct project
    texts of the same document and chapter whose cosine is ``>= min_similarity``
    and whose IDF-weighted Dice overlap is ``>= min_lexical``, best ``score`` first
    (``score`` = mean of cosine and Dice), keeping only those within ``margin`` of
    the direction's best. Every copy of a linked project text is linked; a sub-item
    whose goal is linked too is left out (the goal carries its targets). Each
    project gets the reverse ``implements`` links. Work is one matrix product per
    document chapter.
    """
    kinds = {"goal", "sub-item"}
    # (doc_id, chapter prefix) -> ([direction positions], [project positions])
    groups: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[int]]] = {}
    # Kind and section come from the corpus's columns: only the rows that take part are read.
    doc, kind, section = corpus.codes("doc_id"), corpus.codes("kind"), corpus.codes("section")
    roles = [_role(s) for s in section.values]
    vr = np.asarray(corpus.vector_rows, dtype=np.int64)
    wanted_kind = np.array([k in kinds for k in kind.values], dtype=bool)[kind.codes[vr]]
    has_role = np.array([r is not None for r in roles], dtype=bool)[section.codes[vr]]
    for pos in np.flatnonzero(wanted_kind & has_role).tolist():
        row = int(vr[pos])
        sec, role = section.values[section.codes[row]], roles[section.codes[row]]
        g = groups.setdefault((doc.values[doc.codes[row]], sec[: role[1]]), ([], []))
        g[0 if role[0] == "direction" else 1].append(pos)
    groups = {k: v for k, v in groups.items() if v[0] and v[1]}
    if not groups:
        return {}
    # IDF over the distinct texts that take part in linking.
    used = sorted({pos for d, p in groups.values() for pos in d + p})
    local = {pos: i for i, pos in enumerate(used)}
    rows = [corpus.vector_rows[pos] for pos in used]
    keys = [exact_key(corpus.passages[r].text) for r in rows]
    first_of: dict[str, int] = {}
    for i, kk in enumerate(keys):
        first_of.setdefault(kk, i)
    distinct = sorted(set(first_of.values()))
    lex = LexicalProfile([content_tokens(corpus, rows[i], subwords=True) for i in distinct])
    lex_row = {i: n for n, i in enumerate(distinct)}
    lex_of = np.asarray([lex_row[first_of[kk]] for kk in keys], dtype=np.int64)

    out: dict[str, list[Link]] = {}
    for _chapter, (dpos, ppos) in sorted(groups.items()):
        D = _link_vectors(vectors, dpos)
        P = _link_vectors(vectors, ppos)
        cos = D @ P.T
        dice = lex.dice_matrix(lex_of[[local[x] for x in dpos]], lex_of[[local[x] for x in ppos]])
        score = (cos + dice) / 2
        ok = (cos >= min_similarity) & (dice >= min_lexical)
        pkeys = [keys[local[x]] for x in ppos]
        for a in np.flatnonzero(ok.any(axis=1)).tolist():
            dp = dpos[a]
            cand = np.flatnonzero(ok[a])
            cand = cand[np.lexsort((cand, -score[a, cand]))]
            best = float(score[a, cand[0]])
            chosen: list[str] = []
            picked: list[int] = []
            for b in cand.tolist():
                if score[a, b] < best - margin:
                    break
                if pkeys[b] not in chosen:
                    if len(chosen) >= top:
                        continue
                    chosen.append(pkeys[b])
                picked.append(b)
            picked_ids = {corpus.passages[corpus.vector_rows[ppos[b]]].id for b in picked}
            d_id = corpus.passages[corpus.vector_rows[dp]].id
            for b in picked:
                proj = corpus.passages[corpus.vector_rows[ppos[b]]]
                if proj.parent_id in picked_ids:
                    continue  # its goal is linked too, and carries this sub-item's targets
                # Copies of one project text share its best score (their context may differ).
                s = float(round(max(score[a, c] for c in picked if pkeys[c] == pkeys[b]), 6))
                out.setdefault(d_id, []).append(Link(proj.id, "implemented-by", s))
                out.setdefault(proj.id, []).append(Link(d_id, "implements", s))

    def rank(link: Link) -> tuple:
        row = corpus.row_of[link.passage_id]
        # Best first; among equals, the copy that carries targets, then document order.
        return (-link.score, -len(_targets_with_children(corpus, row)), row)

    return {pid: tuple(sorted(links, key=rank)) for pid, links in out.items()}


def links_of(index, passage_id: str) -> tuple[Link, ...]:
    """The links of one passage (``()`` when it has none); ``index.links`` is computed once per index."""
    return tuple(index.links.get(passage_id, ()))


def _targets_with_children(corpus: Corpus, row: int) -> tuple[Target, ...]:
    p = corpus.passages[row]
    out = list(p.targets)
    for child in corpus.children.get(p.id, ()):
        out.extend(corpus.passages[child].targets)
    return tuple(out)


def linked_for(index, passage_id: str, via_parent: bool = True) -> list[LinkedPassage]:
    """Linked passages of ``passage_id``, best first, each with its targets (and its sub-items' targets).

    With ``via_parent``, a sub-item without
    links of its own gets its goal's (``- 주민자치회 구성(개) : 132 → 154`` shows the
    direction its project implements). Raises :class:`~indexer.errors.NotFound`
    for an id the index does not hold.
    """
    corpus: Corpus = index.corpus
    if passage_id not in corpus.row_of:
        raise NotFound(f"no passage {passage_id!r} in this index")
    own = links_of(index, passage_id)
    if not own and via_parent:
        parent = corpus.passages[corpus.row_of[passage_id]].parent_id
        if parent and parent in corpus.row_of:
            own = links_of(index, parent)
    # One entry per linked text and relation: pasted copies are counted, not repeated. The entry ranks by its
    # copies' best score and shows the copy that carries targets, else the first in document order: never the one
    # whose context happened to score a millionth higher, which differed between machines.
    out: list[LinkedPassage] = []
    seen: dict[tuple[str, str], int] = {}
    shown: list[tuple[bool, int]] = []
    for link in own:
        row = corpus.row_of[link.passage_id]
        p = corpus.passages[row]
        key = (link.relation, exact_key(p.text))
        targets = _targets_with_children(corpus, row)
        at = seen.get(key)
        if at is not None:
            first = out[at]
            if (not targets, row) < shown[at]:
                shown[at] = (not targets, row)
                first = replace(first, passage_id=link.passage_id, doc_id=p.doc_id, kind=p.kind, section=p.section, page=p.page, targets=targets)
            out[at] = replace(first, copies=first.copies + 1, targets=first.targets or targets)
            continue
        seen[key] = len(out)
        shown.append((not targets, row))
        out.append(LinkedPassage(link.passage_id, link.relation, link.score, p.doc_id, p.kind, p.section, p.page, p.text, targets))
    return out
