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

A candidate that passes both checks is then judged on what differs
(:mod:`service.audit.parallel`): another entity or quantity in one template makes it
*parallel*, the same goal with moved numbers in another document a *revision*. Text that
recurs widely with little content is a *template* (:mod:`service.audit.templates`), and
documents read twice are grouped (:mod:`service.audit.documents`) and count as one.
Parallel items and templates are left out of the default listing (``include``).

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

from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from indexer.errors import InvalidQuery, check_choice
from indexer.store import Corpus, dup_key
from service.audit.clustering import components, copies, family_pairs, member, scope_of
from service.audit.documents import canonical_docs, document_groups
from service.audit.lexical import LexicalProfile, content_tokens
from service.audit.neighbours import knn_pairs
from service.audit.parallel import content_sequence, pair_kind, quantities, value_changes
from service.audit.records import DocumentGroup, DuplicateCluster
from service.audit.templates import template_flags

__all__ = [
    "AUDIT_KINDS",
    "CLUSTER_KINDS",
    "DEFAULT_KINDS",
    "OPTIONAL_KINDS",
    "SCOPES",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_MIN_LEXICAL",
    "DEFAULT_K",
    "exact_key",
    "audit_clusters",
    "cluster_duplicates",
    "find_duplicates",
    "find_documents",
    "filter_clusters",
    "count_clusters",
]

#: Passage kinds that are audited for duplicates (headings and sentences are not).
AUDIT_KINDS: tuple[str, ...] = ("goal", "sub-item", "paragraph", "article", "item")
CLUSTER_KINDS: tuple[str, ...] = ("exact", "near", "revision", "parallel", "template")
#: Kinds listed by default; the others come back when asked for (``include`` or ``kind``).
DEFAULT_KINDS: tuple[str, ...] = ("exact", "near", "revision")
OPTIONAL_KINDS: tuple[str, ...] = ("parallel", "template")
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


def audit_clusters(
    corpus: Corpus,
    vectors,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    k: int = DEFAULT_K,
    ef_search: int | None = None,
) -> tuple[tuple[DuplicateCluster, ...], tuple[DocumentGroup, ...]]:
    """Clusters of every kind (exact, near, revision, parallel, template) and the same-document groups.

    Clusters come by kind (:data:`CLUSTER_KINDS` order), each kind in document order of
    its first member. A cluster that only pairs a document with its other copy (same
    document as HWP and PDF) is left out: the document group says it once.
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
    doc_groups = document_groups(corpus, rep_keys, rep_groups)
    canonical = canonical_docs(doc_groups)
    lex = LexicalProfile([content_tokens(corpus, r, subwords=False) for r in rep_rows])
    template, skels, _, _ = template_flags(corpus, rep_groups, rep_keys, lex, canonical)

    out: list[tuple[int, int, DuplicateCluster]] = []

    def add(kind: str, reps: list[int], sim: float, lx: float) -> None:
        rows = sorted(r for idx in reps for r in rep_groups[idx])
        if copies(corpus, rows, canonical) < 2:
            return
        members = tuple(member(corpus, r) for r in rows)
        changes: tuple[str, ...] = ()
        if kind == "revision":
            members = tuple(replace(m, values=tuple(f"{n} {u}".strip() for n, u in quantities(m.text))) for m in members)
            changes = value_changes([corpus.passages[rep_groups[idx][0]].text for idx in sorted(reps, key=lambda i: rep_groups[i][0])])
        scope = scope_of(members, canonical)
        cluster = DuplicateCluster(f"{kind}-{members[0].passage_id}", kind, scope, min(sim, 1.0), lx, len(reps), members, changes)
        out.append((CLUSTER_KINDS.index(kind), rows[0], cluster))

    by_skeleton: dict[str, list[int]] = {}
    for idx, rows in enumerate(rep_groups):
        if template[idx]:
            by_skeleton.setdefault(skels[idx], []).append(idx)
        elif len(rows) > 1:
            add("exact", [idx], 1.0, 1.0)
    for reps in by_skeleton.values():
        add("template", reps, 1.0, 1.0 if len(reps) == 1 else 0.0)

    if len(rep_pos) >= 2:
        ef = ef_search if ef_search is not None else max(32, 4 * k)
        i, j, cos = knn_pairs(vectors, rep_pos, len(corpus.vector_rows), k, min_similarity, ef)
        jac = lex.jaccard(i, j)
        ok = jac >= min_lexical
        ok &= ~(template[i] | template[j])
        family = family_pairs(corpus, rep_keys)
        if family:
            ok &= np.fromiter(((a, b) not in family for a, b in zip(i.tolist(), j.tolist())), dtype=bool, count=len(i))
        edges: dict[str, list[tuple[int, int, float, float]]] = {"near": [], "revision": [], "parallel": []}
        docs_of = lambda idx: {canonical.get(corpus.passages[r].doc_id, corpus.passages[r].doc_id) for r in rep_groups[idx]}  # noqa: E731
        for a, b, c, lx in zip(i[ok].tolist(), j[ok].tolist(), cos[ok].tolist(), jac[ok].tolist()):
            ra, rb = rep_rows[a], rep_rows[b]
            kind = pair_kind(
                content_sequence(corpus, ra), content_sequence(corpus, rb),
                quantities(corpus.passages[ra].text), quantities(corpus.passages[rb].text),
                lex.idf_of, bool(docs_of(a) & docs_of(b)),
            )  # fmt: skip
            edges[kind].append((a, b, c, lx))
        for kind, kind_edges in edges.items():
            for reps, sim, lx in components(len(rep_pos), kind_edges):
                add(kind, reps, sim, lx)
    out.sort(key=lambda t: (t[0], t[1]))
    return tuple(c for _, _, c in out), doc_groups


def cluster_duplicates(
    corpus: Corpus,
    vectors,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    k: int = DEFAULT_K,
    ef_search: int | None = None,
    include: Iterable[str] = (),
) -> tuple[DuplicateCluster, ...]:
    """Clusters of ``corpus`` (``vectors``: its FAISS index, position i = ``vector_rows[i]``) as listed by default.

    Exact, near and revision clusters, plus the kinds named in ``include``
    (``parallel``, ``template``); see :func:`audit_clusters`.
    """
    clusters, _ = audit_clusters(corpus, vectors, min_similarity=min_similarity, min_lexical=min_lexical, k=k, ef_search=ef_search)
    return filter_clusters(clusters, include=include)


def _shown_kinds(kind: str | None, include: Iterable[str]) -> frozenset[str]:
    include = tuple(include or ())
    for name in include:
        check_choice("include", name, OPTIONAL_KINDS)
    if kind is not None:
        return frozenset({kind})  # asking for a kind shows it, optional or not
    return frozenset(DEFAULT_KINDS) | frozenset(include)


def filter_clusters(
    clusters: Iterable[DuplicateCluster], scope: str | None = None, kind: str | None = None, include: Iterable[str] = ()
) -> tuple[DuplicateCluster, ...]:
    """Keep clusters of ``scope`` and ``kind``; without ``kind``, the default kinds plus ``include``.

    Invalid values raise :class:`UnknownChoice`.
    """
    check_choice("scope", scope, SCOPES)
    check_choice("kind", kind, CLUSTER_KINDS)
    shown = _shown_kinds(kind, include)
    return tuple(c for c in clusters if (scope is None or c.scope == scope) and c.kind in shown)


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
    include: Iterable[str] = (),
) -> tuple[DuplicateCluster, ...]:
    """Duplicate clusters of a loaded :class:`~service.search.engine.SearchIndex`, filtered by ``scope``/``kind``.

    Without ``kind``: the default kinds (exact, near, revision) plus those in
    ``include`` (``parallel``, ``template``). Clusters are computed once per index
    and parameters and cached; ``scope``, ``kind`` and ``include`` are validated
    first (:class:`~indexer.errors.UnknownChoice`).
    """
    check_choice("scope", scope, SCOPES)
    check_choice("kind", kind, CLUSTER_KINDS)
    _shown_kinds(kind, include)
    clusters, _ = _audit(index, min_similarity, min_lexical, k)
    return filter_clusters(clusters, scope, kind, include)


def find_documents(
    index, *, min_similarity: float = DEFAULT_MIN_SIMILARITY, min_lexical: float = DEFAULT_MIN_LEXICAL, k: int = DEFAULT_K
) -> tuple[DocumentGroup, ...]:
    """Groups of documents that share most of their passages (the same document twice), cached with the clusters."""
    return _audit(index, min_similarity, min_lexical, k)[1]


def omitted_counts(
    index,
    *,
    kind: str | None = None,
    include: Iterable[str] = (),
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    k: int = DEFAULT_K,
) -> dict[str, int]:
    """How many clusters of each optional kind the listing leaves out (``{kind: n}``; empty when ``kind`` is set)."""
    if kind is not None:
        return {}
    clusters, _ = _audit(index, min_similarity, min_lexical, k)
    hidden = [x for x in OPTIONAL_KINDS if x not in set(include or ())]
    return {x: sum(1 for c in clusters if c.kind == x) for x in hidden}


def _audit(index, min_similarity: float, min_lexical: float, k: int):
    for name, value in (("min_similarity", min_similarity), ("min_lexical", min_lexical)):
        if not 0.0 <= value <= 1.0:
            raise InvalidQuery(f"{name}={value} is out of range; use 0..1")
    key = ("audit", round(float(min_similarity), 6), round(float(min_lexical), 6), int(k))
    return index.memo.get(
        key,
        lambda: audit_clusters(index.corpus, index.vectors, min_similarity=min_similarity, min_lexical=min_lexical, k=k),
    )
