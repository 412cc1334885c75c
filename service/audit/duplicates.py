"""Duplicated goals: exact and near-duplicate clusters over a loaded index.

Which goals repeat? :func:`find_duplicates` groups passages into clusters.

* *exact* clusters share :func:`exact_key` (the store's :func:`~indexer.store.dup_key`
  plus NFKC and one spelling of the middle dot, so ``신뢰ㆍ이해도`` and ``신뢰․이해도``
  are one text);
* *near* clusters join different texts that say the same thing: embedding cosine
  ``>= min_similarity`` **and** an IDF-weighted Jaccard overlap of content morphemes
  ``>= min_lexical``. The IDF weights are computed over the index's own passages, so
  boilerplate words (``강화``, ``추진``, ``구축``, ``운영``, ``및``) weigh little and two
  different goals that only share them stay apart. Numbers and bound nouns (``21``,
  ``억``, ``개``) are left out of the lexical check: a goal restated with its target
  figures attached is still the same goal.

Candidates come from FAISS k-NN (never all pairs in Python): one query per distinct
text, ``k`` neighbours among the other distinct texts. Candidates that pass both
checks are joined with union-find; a near cluster lists every copy of every text in
it. Its ``similarity`` and ``lexical`` are the **minimum over the edges that link
it** (single linkage: the weakest link that holds the cluster together).
Each cluster has a *scope*: ``same-section`` (likely a copy-paste error),
``same-document`` (restated in another section) or ``cross-document``.

Why k-NN and not a range search: multilingual-e5 puts unrelated Korean plan
sentences at cosine ~0.88 (median on the sample corpus), so a range search at
0.93 returns a sizeable fraction of all pairs; k-NN bounds the candidates at
``n·k`` whatever the model's calibration.

Results are memoised on the loaded index (``index.memo``), so a service computes
them once per parameter set.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from indexer.errors import InvalidQuery, check_choice
from indexer.store import Corpus, dup_key
from service.audit.lexical import LexicalProfile, content_tokens
from service.audit.neighbours import knn_pairs
from service.audit.records import ClusterMember, DuplicateCluster

__all__ = [
    "AUDIT_KINDS",
    "CLUSTER_KINDS",
    "SCOPES",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_MIN_LEXICAL",
    "DEFAULT_K",
    "exact_key",
    "cluster_duplicates",
    "find_duplicates",
    "filter_clusters",
    "count_clusters",
]

#: Passage kinds that are audited for duplicates (headings and sentences are not).
AUDIT_KINDS: tuple[str, ...] = ("goal", "sub-item", "paragraph", "article", "item")
CLUSTER_KINDS: tuple[str, ...] = ("exact", "near")
SCOPES: tuple[str, ...] = ("same-section", "same-document", "cross-document")

#: Cosine floor for near duplicates. On the sample corpus every reworded pair that
#: passes the lexical check sits at >= 0.955, while the median of unrelated pairs is
#: 0.88 (multilingual-e5-small is compressed at the top); 0.93 leaves room for
#: looser rewordings without letting in the bulk of unrelated pairs.
DEFAULT_MIN_SIMILARITY = 0.93
#: IDF-weighted Jaccard floor for near duplicates. The 도시브랜드 pair scores 0.72;
#: the highest pair on the sample that is *not* a restatement (a project and its
#: own sub-item, 한·중 FTA … 추진 / 인천-웨이하이 … 사업 추진) scores 0.49.
DEFAULT_MIN_LEXICAL = 0.5
#: Neighbours per distinct text; a text with more than ``k`` rewordings is still
#: clustered whole through union-find as long as the rewordings are chained.
DEFAULT_K = 10


#: Exact-duplicate key; one definition shared with search's duplicate collapse.
exact_key = dup_key


class _UnionFind:
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


def _scope(members: Sequence[ClusterMember]) -> str:
    docs = {m.doc_id for m in members}
    if len(docs) > 1:
        return "cross-document"
    return "same-section" if len({m.section for m in members}) == 1 else "same-document"


def _member(corpus: Corpus, row: int) -> ClusterMember:
    p = corpus.passages[row]
    return ClusterMember(p.id, p.doc_id, p.kind, p.section, p.page, p.text)


def _family_pairs(corpus: Corpus, rep_keys: list[str]) -> set[tuple[int, int]]:
    """Representative pairs ``(lo, hi)`` where one text is a sub-item of the other.

    A sub-item that spells out its own goal (``정보소외계층 정보격차 해소 지원`` /
    ``- 정보소외계층 정보화교육 지원(명)``) elaborates it; it is not a duplicate.
    """
    rep_of = {key: i for i, key in enumerate(rep_keys)}
    out: set[tuple[int, int]] = set()
    for p in corpus.passages:
        if not p.parent_id or p.parent_id not in corpus.row_of:
            continue
        a = rep_of.get(exact_key(p.text))
        b = rep_of.get(exact_key(corpus.passages[corpus.row_of[p.parent_id]].text))
        if a is not None and b is not None and a != b:
            out.add((min(a, b), max(a, b)))
    return out


def cluster_duplicates(
    corpus: Corpus,
    vectors,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    k: int = DEFAULT_K,
    ef_search: int | None = None,
) -> tuple[DuplicateCluster, ...]:
    """All exact and near duplicate clusters of ``corpus`` (``vectors``: its FAISS index, position i = ``vector_rows[i]``).

    Exact clusters come first, then near ones, each in document order of their first member.
    ``ef_search`` is HNSW's search breadth for the audit (default ``max(32, 4k)``:
    a near duplicate is among a passage's very nearest neighbours, so the audit
    does not need the breadth that ranking queries use; ignored for flat indexes).
    """
    if not 0.0 <= min_similarity <= 1.0:
        raise ValueError(f"min_similarity={min_similarity} is out of range; use 0..1")
    if not 0.0 <= min_lexical <= 1.0:
        raise ValueError(f"min_lexical={min_lexical} is out of range; use 0..1")
    kinds = frozenset(AUDIT_KINDS)
    # Distinct texts: key -> rows (in row order); representatives are the first copies.
    groups: dict[str, list[int]] = {}
    rep_pos_list: list[int] = []
    rep_keys: list[str] = []
    for pos, row in enumerate(corpus.vector_rows):
        p = corpus.passages[row]
        if p.kind not in kinds:
            continue
        key = exact_key(p.text)
        if not key:
            continue
        g = groups.get(key)
        if g is None:
            groups[key] = [row]
            rep_pos_list.append(pos)
            rep_keys.append(key)
        else:
            g.append(row)
    rep_pos = np.asarray(rep_pos_list, dtype=np.int64)
    rep_rows = [corpus.vector_rows[p] for p in rep_pos_list]
    rep_groups = [groups[key] for key in rep_keys]

    clusters: list[tuple[int, DuplicateCluster]] = []
    for rows in rep_groups:
        if len(rows) > 1:
            members = tuple(_member(corpus, r) for r in rows)
            clusters.append((rows[0], DuplicateCluster(f"exact-{members[0].passage_id}", "exact", _scope(members), 1.0, 1.0, 1, members)))

    near: list[tuple[int, DuplicateCluster]] = []
    if len(rep_pos) >= 2:
        ef = ef_search if ef_search is not None else max(32, 4 * k)
        i, j, cos = knn_pairs(vectors, rep_pos, len(corpus.vector_rows), k, min_similarity, ef)
        lex = LexicalProfile([content_tokens(corpus, r, subwords=False) for r in rep_rows])
        jac = lex.jaccard(i, j)
        ok = jac >= min_lexical
        family = _family_pairs(corpus, rep_keys)
        if family:
            ok &= np.fromiter(((a, b) not in family for a, b in zip(i.tolist(), j.tolist())), dtype=bool, count=len(i))
        i, j, cos, jac = i[ok], j[ok], cos[ok], jac[ok]
        uf = _UnionFind(len(rep_pos))
        for a, b in zip(i.tolist(), j.tolist()):
            uf.union(a, b)
        comps: dict[int, list[int]] = {}
        edge_min: dict[int, list[float]] = {}
        for a, c, lx in zip(i.tolist(), cos.tolist(), jac.tolist()):
            root = uf.find(a)
            comps.setdefault(root, [])
            em = edge_min.setdefault(root, [1.0, 1.0])
            em[0] = min(em[0], c)
            em[1] = min(em[1], lx)
        for idx in range(len(rep_pos)):
            root = uf.find(idx)
            if root in comps:
                comps[root].append(idx)
        for root, reps in comps.items():
            rows = sorted(r for idx in reps for r in rep_groups[idx])
            members = tuple(_member(corpus, r) for r in rows)
            sim, lx = edge_min[root]
            near.append(
                (rows[0], DuplicateCluster(f"near-{members[0].passage_id}", "near", _scope(members), min(sim, 1.0), lx, len(reps), members))
            )
    clusters.sort(key=lambda t: t[0])
    near.sort(key=lambda t: t[0])
    return tuple(c for _, c in clusters) + tuple(c for _, c in near)


def filter_clusters(
    clusters: Iterable[DuplicateCluster], scope: str | None = None, kind: str | None = None
) -> tuple[DuplicateCluster, ...]:
    """Keep clusters of ``scope`` and ``kind`` (None: any); invalid values raise :class:`UnknownChoice`."""
    check_choice("scope", scope, SCOPES)
    check_choice("kind", kind, CLUSTER_KINDS)
    return tuple(c for c in clusters if (scope is None or c.scope == scope) and (kind is None or c.kind == kind))


def count_clusters(clusters: Iterable[DuplicateCluster]) -> dict[str, dict[str, int]]:
    """``{kind: {scope: n}}`` for every kind and scope (zeros included)."""
    out = {k: {s: 0 for s in SCOPES} for k in CLUSTER_KINDS}
    for c in clusters:
        out[c.kind][c.scope] += 1
    return out


def find_duplicates(
    index,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    scope: str | None = None,
    kind: str | None = None,
    k: int = DEFAULT_K,
) -> tuple[DuplicateCluster, ...]:
    """Duplicate clusters of a loaded :class:`~service.search.engine.SearchIndex`, filtered by ``scope``/``kind``.

    Clusters are computed once per index and parameters and cached; ``scope`` and
    ``kind`` are validated first (:class:`~indexer.errors.UnknownChoice`).
    """
    check_choice("scope", scope, SCOPES)
    check_choice("kind", kind, CLUSTER_KINDS)
    for name, value in (("min_similarity", min_similarity), ("min_lexical", min_lexical)):
        if not 0.0 <= value <= 1.0:
            raise InvalidQuery(f"{name}={value} is out of range; use 0..1")
    key = ("duplicates", round(float(min_similarity), 6), round(float(min_lexical), 6), int(k))
    clusters = index.memo.get(
        key,
        lambda: cluster_duplicates(index.corpus, index.vectors, min_similarity=min_similarity, min_lexical=min_lexical, k=k),
    )
    return filter_clusters(clusters, scope, kind)
