"""Records of the audit: duplicate clusters, their members, and direction ↔ project links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indexer.records import Target

__all__ = ["ClusterMember", "DocumentGroup", "DuplicateCluster", "Link", "Links", "LinkedPassage"]


@dataclass(frozen=True)
class ClusterMember:
    """One copy of a duplicated passage and where it sits."""

    passage_id: str
    doc_id: str
    kind: str
    section: tuple[str, ...]
    page: int | None
    text: str
    #: The quantities the member states (``21,712 백만원``), shown for revisions.
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class DuplicateCluster:
    """Passages that repeat one goal.

    ``similarity`` (cosine) and ``lexical`` (IDF-weighted Jaccard) are the minimum
    over the edges that link the cluster; both are 1.0 for exact clusters.
    ``texts`` counts the distinct (normalised) texts among the members.
    ``kind``: ``exact``, ``near``, ``revision`` (one goal, changed numbers),
    ``parallel`` (one template, different entity or quantity) or ``template``
    (form structure that recurs widely and carries little content).
    ``changes`` (revisions) lists the moved values, ``21,712 → 21,240 백만원``.
    """

    cluster_id: str
    kind: str
    scope: str
    similarity: float
    lexical: float
    texts: int
    members: tuple[ClusterMember, ...]
    changes: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)



@dataclass(frozen=True)
class DocumentGroup:
    """Documents that share most of their passages (one document in two formats, a re-ingested revision).

    ``share``: common distinct passage texts over the smaller document's distinct texts (0..1).
    """

    group_id: str
    doc_ids: tuple[str, ...]
    share: float
    common: int


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
    #: How many exact copies of this text are linked (collapsed into this entry).
    copies: int = 1
