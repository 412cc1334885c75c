"""Records of the audit: duplicate clusters, their members, and direction ↔ project links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indexer.records import Target

__all__ = ["ClusterMember", "DuplicateCluster", "Link", "Links", "LinkedPassage"]


@dataclass(frozen=True)
class ClusterMember:
    """One copy of a duplicated passage and where it sits."""

    passage_id: str
    doc_id: str
    kind: str
    section: tuple[str, ...]
    page: int | None
    text: str



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
