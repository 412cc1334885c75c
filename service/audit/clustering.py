"""Building blocks of the duplicate audit: union-find, components, members, scopes, copies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from indexer.store import Corpus, dup_key
from service.audit.records import ClusterMember

__all__ = ["UnionFind", "components", "copies", "family_pairs", "member", "scope_of"]


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id becomes the root: deterministic, whatever the edge order.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def scope_of(members: Sequence[ClusterMember], canonical: dict[str, str] | None = None) -> str:
    canonical = canonical or {}
    docs = {canonical.get(m.doc_id, m.doc_id) for m in members}
    if len(docs) > 1:
        return "cross-document"
    return "same-section" if len({m.section for m in members}) == 1 else "same-document"


def member(corpus: Corpus, row: int) -> ClusterMember:
    p = corpus.passages[row]
    return ClusterMember(p.id, p.doc_id, p.kind, p.section, p.page, p.text)


def family_pairs(corpus: Corpus, rep_keys: list[str]) -> set[tuple[int, int]]:
    """Representative pairs ``(lo, hi)`` where one text is a sub-item of the other.

    A sub-item that spells out its own goal (``정보소외계층 정보격차 해소 지원`` /
    ``- 정보소외계층 정보화교육 지원(명)``) elaborates it; it is not a duplicate.
    """
    rep_of = {key: i for i, key in enumerate(rep_keys)}
    out: set[tuple[int, int]] = set()
    for p in corpus.passages:
        if not p.parent_id or p.parent_id not in corpus.row_of:
            continue
        a = rep_of.get(dup_key(p.text))
        b = rep_of.get(dup_key(corpus.passages[corpus.row_of[p.parent_id]].text))
        if a is not None and b is not None and a != b:
            out.add((min(a, b), max(a, b)))
    return out


def copies(corpus: Corpus, rows: Iterable[int], canonical: dict[str, str]) -> int:
    """Copies of a text, one document read twice (HWP and PDF) counting once."""
    per_doc: dict[str, int] = {}
    for r in rows:
        d = corpus.passages[r].doc_id
        per_doc[d] = per_doc.get(d, 0) + 1
    per_group: dict[str, int] = {}
    for d, n in per_doc.items():
        g = canonical.get(d, d)
        per_group[g] = max(per_group.get(g, 0), n)
    return sum(per_group.values())


def components(n: int, edges: Iterable[tuple[int, int, float, float]]) -> list[tuple[list[int], float, float]]:
    """Connected components of ``edges`` ``(a, b, cos, lex)``: ``(members, min cos, min lex)``."""
    uf = UnionFind(n)
    edges = list(edges)
    for a, b, _, _ in edges:
        uf.union(a, b)
    low: dict[int, list[float]] = {}
    for a, _, c, lx in edges:
        em = low.setdefault(uf.find(a), [1.0, 1.0])
        em[0], em[1] = min(em[0], c), min(em[1], lx)
    comps: dict[int, list[int]] = {}
    for idx in range(n):
        root = uf.find(idx)
        if root in low:
            comps.setdefault(root, []).append(idx)
    return [(reps, *low[root]) for root, reps in comps.items()]
