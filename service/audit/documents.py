"""The same document read twice: documents that share most of their passages.

One document ingested as HWP and as PDF, or a re-ingested revision, shares most
of its distinct passage texts with the other copy. :func:`document_groups`
groups such documents (union-find over pairs whose *share*, the common distinct
texts over the smaller document's distinct texts, is at least
:data:`MIN_SHARE`). The audit then treats a group as one document: a text found
once in each copy is not a duplicate, and scopes are judged on groups.

Texts that recur in many documents (headers, publisher lines) are not counted:
a text found in more than :data:`MAX_SPREAD` documents says nothing about two of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from indexer.store import Corpus
from service.audit.records import DocumentGroup

__all__ = ["MIN_SHARE", "MAX_SPREAD", "document_groups", "canonical_docs"]

#: Share of the smaller document's distinct texts that two copies of one document have in common.
MIN_SHARE = 0.5
#: Texts in more documents than this are left out of the comparison.
MAX_SPREAD = 8
#: Documents with fewer distinct texts than this are too small to call copies of each other.
MIN_TEXTS = 5


def document_groups(corpus: Corpus, keys: Sequence[str], rows_of: Sequence[Sequence[int]]) -> tuple[DocumentGroup, ...]:
    """Groups of documents that share most of their passages, largest share first.

    ``keys[i]`` is a distinct text's exact-duplicate key, ``rows_of[i]`` the corpus rows of its copies.
    """
    texts: dict[str, set[str]] = {}
    for key, rows in zip(keys, rows_of):
        if len(key) >= 8:  # labels and numbers alone are not evidence
            for r in rows:
                texts.setdefault(corpus.passages[r].doc_id, set()).add(key)
    docs_of: dict[str, list[str]] = {}
    for doc, keys in texts.items():
        for key in keys:
            docs_of.setdefault(key, []).append(doc)
    common: Counter[tuple[str, str]] = Counter()
    for docs in docs_of.values():
        if 1 < len(docs) <= MAX_SPREAD:
            docs.sort()
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    common[(docs[a], docs[b])] += 1
    parent = {d: d for d in texts}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pair_share: dict[tuple[str, str], float] = {}
    for (a, b), n in common.items():
        smaller = min(len(texts[a]), len(texts[b]))
        if smaller >= MIN_TEXTS and n / smaller >= MIN_SHARE:
            pair_share[(a, b)] = n / smaller
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for d in sorted(texts):
        members.setdefault(find(d), []).append(d)
    out = []
    for root, docs in members.items():
        if len(docs) < 2:
            continue
        shared = set.intersection(*(texts[d] for d in docs))
        smallest = min(len(texts[d]) for d in docs)
        share = len(shared) / smallest if smallest else 0.0
        if len(docs) > 2:  # a chain of editions: report the weakest linked pair
            share = min(s for (a, b), s in pair_share.items() if a in docs and b in docs)
        out.append(DocumentGroup(f"docs-{root}", tuple(docs), round(share, 4), len(shared)))
    out.sort(key=lambda g: (-g.share, g.group_id))
    return tuple(out)


def canonical_docs(groups: Iterable[DocumentGroup]) -> dict[str, str]:
    """Document id -> the first document id of its group (documents in no group are left out)."""
    return {d: g.doc_ids[0] for g in groups for d in g.doc_ids}
