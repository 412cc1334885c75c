"""Audit: duplicated goals, and direction statements linked to the projects and targets that carry them out.

Two questions auditors ask of plan documents:

**Which goals repeat?** :func:`find_duplicates` groups passages into clusters.

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

**Which projects carry out a direction?** :func:`compute_links` links each
direction statement (goals and sub-items under a ``투자 방향``-like heading) to the
priority projects (goals and sub-items under ``투자 중점사업``-like headings) of the
same document and chapter, scored by cosine and IDF-weighted Dice overlap (with
sub-word bigrams, so ``주민자치회`` meets ``주민자치``). :func:`linked_for` returns a
passage's linked passages with their targets (a goal's targets include those of
its sub-items).

Results are cached per loaded index (they are deterministic), so a service
computes them once.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .errors import InvalidQuery, NotFound, UnknownChoice
from .records import Target
from .segmentation import fold
from .store import Corpus, dup_key

__all__ = [
    "AUDIT_KINDS",
    "CLUSTER_KINDS",
    "SCOPES",
    "RELATIONS",
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_MIN_LEXICAL",
    "DEFAULT_K",
    "ClusterMember",
    "DuplicateCluster",
    "Link",
    "Links",
    "LinkedPassage",
    "exact_key",
    "cluster_duplicates",
    "find_duplicates",
    "filter_clusters",
    "count_clusters",
    "validate_choice",
    "FORMATS",
    "duplicates_report",
    "render_clusters",
    "compute_links",
    "links_of",
    "linked_for",
]

#: Passage kinds that are audited for duplicates (headings and sentences are not).
AUDIT_KINDS: tuple[str, ...] = ("goal", "sub-item", "paragraph", "article", "item")
CLUSTER_KINDS: tuple[str, ...] = ("exact", "near")
SCOPES: tuple[str, ...] = ("same-section", "same-document", "cross-document")
RELATIONS: tuple[str, ...] = ("implemented-by", "implements")

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

#: Link thresholds: cosine floor, Dice floor and how many distinct projects per direction.
LINK_MIN_SIMILARITY = 0.9
LINK_MIN_LEXICAL = 0.3
LINK_TOP = 3
#: A direction's links score within this much of its best link (drops weak runners-up).
LINK_MARGIN = 0.06

#: Section titles (spaces removed) that mark direction statements and priority projects.
DIRECTION_SECTIONS: tuple[str, ...] = ("투자방향", "추진방향", "기본방향", "정책방향", "발전방향")
PROJECT_SECTIONS: tuple[str, ...] = ("투자중점사업", "중점사업", "주요사업", "중점과제", "추진과제", "세부사업")

#: Morpheme tags left out of the lexical checks: numbers, numerals, bound nouns (units).
_SKIP_TAGS = frozenset({"SN", "NR", "NNB"})
_QUERY_BATCH = 4096
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")


#: Exact-duplicate key; one definition shared with search's duplicate collapse.
exact_key = dup_key


# ---------------------------------------------------------------------------
# records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterMember:
    """One copy of a duplicated passage and where it sits."""

    passage_id: str
    doc_id: str
    kind: str
    section: tuple[str, ...]
    page: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "section": list(self.section),
            "page": self.page,
            "text": self.text,
        }


@dataclass(frozen=True)
class DuplicateCluster:
    """Passages that repeat one goal.

    ``similarity`` (cosine) and ``lexical`` (IDF-weighted Jaccard) are the minimum
    over the edges that link the cluster; both are 1.0 for exact clusters.
    ``texts`` counts the distinct (normalised) texts among the members.
    """

    cluster_id: str
    kind: str
    scope: str
    similarity: float
    lexical: float
    texts: int
    members: tuple[ClusterMember, ...]

    @property
    def size(self) -> int:
        return len(self.members)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "kind": self.kind,
            "scope": self.scope,
            "similarity": round(self.similarity, 4),
            "lexical": round(self.lexical, 4),
            "size": self.size,
            "texts": self.texts,
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True)
class Link:
    """``passage_id`` is linked to the key passage by ``relation`` with ``score`` (0..1)."""

    passage_id: str
    relation: str
    score: float


#: Passage id -> its links, best first.
Links = Mapping[str, tuple[Link, ...]]


@dataclass(frozen=True)
class LinkedPassage:
    """A linked passage as a search hit shows it, with its targets and its sub-items' targets."""

    passage_id: str
    relation: str
    score: float
    doc_id: str
    kind: str
    section: tuple[str, ...]
    page: int | None
    text: str
    targets: tuple[Target, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "passage_id": self.passage_id,
            "relation": self.relation,
            "score": round(self.score, 4),
            "doc_id": self.doc_id,
            "kind": self.kind,
            "section": list(self.section),
            "page": self.page,
            "text": self.text,
            "targets": [t.to_dict() for t in self.targets],
        }


# ---------------------------------------------------------------------------
# lexical profile
# ---------------------------------------------------------------------------


class _Lexical:
    """Binary content-morpheme sets of some rows as a sparse matrix, with IDF weights.

    ``df`` is counted over the rows given (callers pass one row per distinct text,
    so a block pasted twice does not make its own words look common).
    """

    def __init__(self, token_sets: Sequence[Iterable[str]]) -> None:
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        indptr = [0]
        indices: list[int] = []
        for toks in token_sets:
            ids = {vocab.setdefault(t, len(vocab)) for t in toks}
            indices.extend(sorted(ids))
            indptr.append(len(indices))
        n = len(token_sets)
        self.matrix = csr_matrix(
            (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(n, max(len(vocab), 1)),
        )
        df = np.bincount(np.asarray(indices, dtype=np.int64), minlength=max(len(vocab), 1)).astype(np.float64)
        self.idf = np.log1p(n / np.maximum(df, 1.0))
        self.weight = self.matrix @ self.idf  # per row: sum of its tokens' IDF

    def jaccard(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weighted Jaccard of row pairs ``(a[i], b[i])``; 0 where both rows are empty."""
        if len(a) == 0:
            return np.zeros(0)
        inter = np.asarray(self.matrix[a].multiply(self.matrix[b]) @ self.idf).ravel()
        union = self.weight[a] + self.weight[b] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

    def dice_matrix(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weighted Dice of every row of ``a`` with every row of ``b`` (dense ``len(a) × len(b)``)."""
        inter = np.asarray((self.matrix[a].multiply(self.idf[None, :]).tocsr() @ self.matrix[b].T).todense())
        total = self.weight[a][:, None] + self.weight[b][None, :]
        return np.divide(2 * inter, total, out=np.zeros_like(inter), where=total > 0)


@lru_cache(maxsize=262_144)
def _morph_tokens(form: str, tag: str, subwords: bool) -> tuple[str, ...]:
    """Lexical-check tokens of one morpheme (memoised: forms repeat across a corpus)."""
    if tag in _SKIP_TAGS:
        return ()
    f = fold(form)
    if not f or f.isdigit():
        return ()
    if subwords and tag.startswith("NN") and len(f) >= 3 and _HANGUL.fullmatch(f):
        return (f, *(f[i : i + 2] for i in range(len(f) - 1)))
    return (f,)


def _tokens(corpus: Corpus, row: int, subwords: bool) -> set[str]:
    toks: set[str] = set()
    for m in corpus.morphs[row]:
        toks.update(_morph_tokens(m.form, m.tag, subwords))
    return toks


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


# ---------------------------------------------------------------------------
# duplicates
# ---------------------------------------------------------------------------


def validate_choice(what: str, value: str | None, choices: Sequence[str]) -> None:
    """Raise :class:`~indexer.errors.UnknownChoice` unless ``value`` is None or one of ``choices``."""
    if value is not None and value not in choices:
        raise UnknownChoice(what, value, tuple(choices))


def _scope(members: Sequence[ClusterMember]) -> str:
    docs = {m.doc_id for m in members}
    if len(docs) > 1:
        return "cross-document"
    return "same-section" if len({m.section for m in members}) == 1 else "same-document"


def _member(corpus: Corpus, row: int) -> ClusterMember:
    p = corpus.passages[row]
    return ClusterMember(p.id, p.doc_id, p.kind, p.section, p.page, p.text)


def _knn_pairs(
    vectors, rep_pos: np.ndarray, n_total: int, k: int, min_similarity: float, ef_search: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs ``(i, j, cosine)`` (indices into ``rep_pos``, ``i < j``) from FAISS k-NN.

    Each representative asks for its ``k`` nearest other representatives (so a
    text pasted 50 times cannot crowd its rewordings out of the list). A flat
    index is searched through a temporary flat index of the representatives
    (BLAS, exact); any other index (HNSW) is searched in place, with an ID
    selector when some positions are not representatives.
    """
    import faiss

    from .vectors import search_vectors

    m = len(rep_pos)
    if m < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    kk = min(k + 1, m)
    local: np.ndarray | None = None  # position -> representative index
    all_reps = m == n_total and np.array_equal(rep_pos, np.arange(n_total))
    flat = isinstance(vectors, faiss.IndexFlat)
    tmp = None
    if flat and not all_reps:
        tmp = faiss.IndexFlatIP(vectors.d)
        for s in range(0, m, _QUERY_BATCH):
            tmp.add(_reconstruct(vectors, rep_pos[s : s + _QUERY_BATCH]))
    elif not flat and not all_reps:
        local = np.full(n_total, -1, dtype=np.int64)
        local[rep_pos] = np.arange(m)
    out_i, out_j, out_s = [], [], []
    for s in range(0, m, _QUERY_BATCH):
        q_idx = np.arange(s, min(s + _QUERY_BATCH, m))
        q = _reconstruct(vectors, rep_pos[q_idx])
        if tmp is not None:
            scores, ids = tmp.search(q, kk)
        elif local is not None:
            scores, ids = search_vectors(vectors, q, kk, allowed=rep_pos, ef_search=ef_search)
            ids = np.where(ids >= 0, local[np.maximum(ids, 0)], -1)
        else:
            scores, ids = search_vectors(vectors, q, kk, ef_search=ef_search)
        ii = np.repeat(q_idx, ids.shape[1])
        jj = ids.ravel()
        ss = scores.ravel()
        keep = (jj >= 0) & (jj != ii) & (ss >= min_similarity)
        out_i.append(ii[keep])
        out_j.append(jj[keep])
        out_s.append(ss[keep])
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    sc = np.concatenate(out_s).astype(np.float32)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    key = lo * m + hi
    # A pair found from both ends keeps its higher score (HNSW is not symmetric).
    order = np.lexsort((-sc, key))
    key, lo, hi, sc = key[order], lo[order], hi[order], sc[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    return lo[first], hi[first], sc[first]


def _reconstruct(vectors, positions: np.ndarray) -> np.ndarray:
    positions = np.ascontiguousarray(positions, dtype=np.int64)
    if len(positions) and positions[-1] - positions[0] + 1 == len(positions) and np.all(np.diff(positions) == 1):
        return vectors.reconstruct_n(int(positions[0]), len(positions))
    return vectors.reconstruct_batch(positions)


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
        i, j, cos = _knn_pairs(vectors, rep_pos, len(corpus.vector_rows), k, min_similarity, ef)
        lex = _Lexical([_tokens(corpus, r, subwords=False) for r in rep_rows])
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
        for a, b, c, l in zip(i.tolist(), j.tolist(), cos.tolist(), jac.tolist()):
            root = uf.find(a)
            comps.setdefault(root, [])
            em = edge_min.setdefault(root, [1.0, 1.0])
            em[0] = min(em[0], c)
            em[1] = min(em[1], l)
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
    validate_choice("scope", scope, SCOPES)
    validate_choice("kind", kind, CLUSTER_KINDS)
    return tuple(c for c in clusters if (scope is None or c.scope == scope) and (kind is None or c.kind == kind))


def count_clusters(clusters: Iterable[DuplicateCluster]) -> dict[str, dict[str, int]]:
    """``{kind: {scope: n}}`` for every kind and scope (zeros included)."""
    out = {k: {s: 0 for s in SCOPES} for k in CLUSTER_KINDS}
    for c in clusters:
        out[c.kind][c.scope] += 1
    return out


FORMATS: tuple[str, ...] = ("table", "json", "csv")


def duplicates_report(clusters: Sequence[DuplicateCluster], **params: Any) -> dict[str, Any]:
    """The JSON shape of a duplicates listing (CLI ``--format json`` and ``GET /duplicates``)."""
    return {
        "params": params,
        "count": len(clusters),
        "counts": count_clusters(clusters),
        "clusters": [c.to_dict() for c in clusters],
    }


def render_clusters(clusters: Sequence[DuplicateCluster], fmt: str = "table", **params: Any) -> str:
    """Clusters as ``table`` (for people), ``json`` or ``csv`` (one row per member)."""
    validate_choice("format", fmt, FORMATS)
    if fmt == "json":
        import json

        return json.dumps(duplicates_report(clusters, **params), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["cluster_id", "kind", "scope", "similarity", "lexical", "size", "passage_id", "doc_id", "kind_of_passage", "section", "page", "text"])
        for c in clusters:
            for m in c.members:
                w.writerow([
                    c.cluster_id, c.kind, c.scope, f"{c.similarity:.4f}", f"{c.lexical:.4f}", c.size,
                    m.passage_id, m.doc_id, m.kind, " > ".join(m.section), m.page or "", m.text,
                ])
        return buf.getvalue()
    counts = count_clusters(clusters)
    summary = ", ".join(f"{k} {sum(v.values())} ({', '.join(f'{s} {n}' for s, n in v.items() if n)})" for k, v in counts.items() if sum(v.values()))
    lines = [f"{len(clusters)} duplicate clusters" + (f": {summary}" if summary else "")]
    for c in clusters:
        lines.append("")
        lines.append(f"[{c.kind} · {c.scope} · cos {c.similarity:.3f} · lex {c.lexical:.2f} · ×{c.size}]  {c.cluster_id}")
        for m in c.members:
            where = " › ".join(m.section[-2:])
            lines.append(f"  {m.text}")
            lines.append(f"      {m.doc_id} · {where}" + (f" · p.{m.page}" if m.page else "") + f" · {m.passage_id}")
    return "\n".join(lines) + "\n"


_cache: "weakref.WeakKeyDictionary[Any, dict]" = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


#: Parameter sets remembered per index (a client sweeping thresholds must not grow memory without bound).
_CACHE_PER_INDEX = 8


def _cached(index, key: tuple, compute):
    """``compute()`` once per (loaded index, key); indexes that cannot be weakly referenced are not cached."""
    try:
        with _cache_lock:
            slot = _cache.setdefault(index, OrderedDict())
    except TypeError:
        return compute()
    with _cache_lock:
        entry = slot.get(key)
        if entry is None:
            entry = slot[key] = [threading.Lock(), None]
            while len(slot) > _CACHE_PER_INDEX:
                slot.popitem(last=False)
        else:
            slot.move_to_end(key)
    with entry[0]:  # one computation per key, concurrent callers wait for it
        if entry[1] is None:
            entry[1] = (compute(),)
    return entry[1][0]


def find_duplicates(
    index,
    *,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    scope: str | None = None,
    kind: str | None = None,
    k: int = DEFAULT_K,
) -> tuple[DuplicateCluster, ...]:
    """Duplicate clusters of a loaded :class:`~indexer.search.SearchIndex`, filtered by ``scope``/``kind``.

    Clusters are computed once per index and parameters and cached; ``scope`` and
    ``kind`` are validated first (:class:`~indexer.errors.UnknownChoice`).
    """
    validate_choice("scope", scope, SCOPES)
    validate_choice("kind", kind, CLUSTER_KINDS)
    for name, value in (("min_similarity", min_similarity), ("min_lexical", min_lexical)):
        if not 0.0 <= value <= 1.0:
            raise InvalidQuery(f"{name}={value} is out of range; use 0..1")
    key = ("duplicates", round(float(min_similarity), 6), round(float(min_lexical), 6), int(k))
    clusters = _cached(
        index,
        key,
        lambda: cluster_duplicates(index.corpus, index.vectors, min_similarity=min_similarity, min_lexical=min_lexical, k=k),
    )
    return filter_clusters(clusters, scope, kind)


# ---------------------------------------------------------------------------
# links
# ---------------------------------------------------------------------------


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
    return _reconstruct(vectors, np.asarray(positions, dtype=np.int64)) if positions else np.zeros((0, vectors.d), np.float32)


def compute_links(
    index,
    *,
    min_similarity: float = LINK_MIN_SIMILARITY,
    min_lexical: float = LINK_MIN_LEXICAL,
    top: int = LINK_TOP,
    margin: float = LINK_MARGIN,
) -> dict[str, tuple[Link, ...]]:
    """Direction ↔ project links of every document (cached per index and parameters).

    A direction is linked (``implemented-by``) to at most ``top`` distinct project
    texts of the same document and chapter whose cosine is ``>= min_similarity``
    and whose IDF-weighted Dice overlap is ``>= min_lexical``, best ``score`` first
    (``score`` = mean of cosine and Dice), keeping only those within ``margin`` of
    the direction's best. Every copy of a linked project text is linked; a sub-item
    whose goal is linked too is left out (the goal carries its targets). Each
    project gets the reverse ``implements`` links. Work is one matrix product per
    document chapter.
    """
    key = ("links", round(float(min_similarity), 6), round(float(min_lexical), 6), int(top), round(float(margin), 6))
    return _cached(index, key, lambda: _compute_links(index.corpus, index.vectors, min_similarity, min_lexical, top, margin))


def _compute_links(
    corpus: Corpus, vectors, min_similarity: float, min_lexical: float, top: int, margin: float
) -> dict[str, tuple[Link, ...]]:
    kinds = {"goal", "sub-item"}
    # (doc_id, chapter prefix) -> ([direction positions], [project positions])
    groups: dict[tuple[str, tuple[str, ...]], tuple[list[int], list[int]]] = {}
    for pos, row in enumerate(corpus.vector_rows):
        p = corpus.passages[row]
        if p.kind not in kinds:
            continue
        role = _role(p.section)
        if role is None:
            continue
        g = groups.setdefault((p.doc_id, p.section[: role[1]]), ([], []))
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
    lex = _Lexical([_tokens(corpus, rows[i], subwords=True) for i in distinct])
    lex_row = {i: n for n, i in enumerate(distinct)}
    lex_of = np.asarray([lex_row[first_of[kk]] for kk in keys], dtype=np.int64)

    out: dict[str, list[Link]] = {}
    for (doc_id, _chapter), (dpos, ppos) in sorted(groups.items()):
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


def links_of(index, passage_id: str, links: Links | None = None) -> tuple[Link, ...]:
    """The links of one passage (``()`` when it has none)."""
    links = compute_links(index) if links is None else links
    return tuple(links.get(passage_id, ()))


def _targets_with_children(corpus: Corpus, row: int) -> tuple[Target, ...]:
    p = corpus.passages[row]
    out = list(p.targets)
    for child in corpus.children.get(p.id, ()):
        out.extend(corpus.passages[child].targets)
    return tuple(out)


def linked_for(index, passage_id: str, links: Links | None = None, via_parent: bool = True) -> list[LinkedPassage]:
    """Linked passages of ``passage_id``, best first, each with its targets (and its sub-items' targets).

    ``links`` is what :func:`compute_links` returned for ``index`` (computed and
    cached on first use when omitted). With ``via_parent``, a sub-item without
    links of its own gets its goal's (``- 주민자치회 구성(개) : 132 → 154`` shows the
    direction its project implements). Raises :class:`~indexer.errors.NotFound`
    for an id the index does not hold.
    """
    corpus: Corpus = index.corpus
    if passage_id not in corpus.row_of:
        raise NotFound(f"no passage {passage_id!r} in this index")
    own = links_of(index, passage_id, links)
    if not own and via_parent:
        parent = corpus.passages[corpus.row_of[passage_id]].parent_id
        if parent and parent in corpus.row_of:
            own = links_of(index, parent, links)
    out: list[LinkedPassage] = []
    for link in own:
        row = corpus.row_of[link.passage_id]
        p = corpus.passages[row]
        out.append(
            LinkedPassage(
                link.passage_id, link.relation, link.score, p.doc_id, p.kind, p.section, p.page, p.text,
                _targets_with_children(corpus, row),
            )
        )
    return out
