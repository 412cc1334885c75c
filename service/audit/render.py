"""Duplicate clusters for people (a text table) and spreadsheets (CSV, one row per member).

JSON is the contract's :class:`~service.schemas.DuplicatesResponse`, built by :func:`duplicates_response`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from indexer.errors import check_choice
from service.audit.duplicates import count_clusters
from service.audit.records import DuplicateCluster
from service.schemas import DuplicatesResponse

__all__ = ["FORMATS", "duplicates_response", "render_clusters"]

FORMATS: tuple[str, ...] = ("table", "json", "csv")


def duplicates_response(clusters: Sequence[DuplicateCluster], **params: object) -> DuplicatesResponse:
    """The JSON listing (CLI ``--format json`` and ``GET /duplicates``)."""
    return DuplicatesResponse.model_validate(
        {"params": params, "count": len(clusters), "counts": count_clusters(clusters), "clusters": list(clusters)}
    )


def render_clusters(clusters: Sequence[DuplicateCluster], fmt: str = "table", **params: object) -> str:
    """Clusters as ``table``, ``json`` or ``csv``."""
    check_choice("format", fmt, FORMATS)
    if fmt == "json":
        return duplicates_response(clusters, **params).model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        return _csv(clusters)
    return _table(clusters)


def _csv(clusters: Sequence[DuplicateCluster]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["cluster_id", "kind", "scope", "similarity", "lexical", "size", "passage_id", "doc_id", "kind_of_passage", "section", "page", "text"])
    for c in clusters:
        for m in c.members:
            w.writerow([
                c.cluster_id, c.kind, c.scope, f"{c.similarity:.4f}", f"{c.lexical:.4f}", c.size,
                m.passage_id, m.doc_id, m.kind, " > ".join(m.section), m.page or "", m.text,
            ])  # fmt: skip
    return buf.getvalue()


def _table(clusters: Sequence[DuplicateCluster]) -> str:
    counts = count_clusters(clusters)
    summary = ", ".join(
        f"{k} {sum(v.values())} ({', '.join(f'{s} {n}' for s, n in v.items() if n)})" for k, v in counts.items() if sum(v.values())
    )
    lines = [f"{len(clusters)} duplicate clusters" + (f": {summary}" if summary else "")]
    for c in clusters:
        lines.append("")
        lines.append(f"[{c.kind} · {c.scope} · cos {c.similarity:.3f} · lex {c.lexical:.2f} · ×{c.size}]  {c.cluster_id}")
        for m in c.members:
            where = " › ".join(m.section[-2:])
            lines.append(f"  {m.text}")
            lines.append(f"      {m.doc_id} · {where}" + (f" · p.{m.page}" if m.page else "") + f" · {m.passage_id}")
    return "\n".join(lines) + "\n"
