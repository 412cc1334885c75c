"""Duplicate clusters for people (a text table) and spreadsheets (CSV, one row per member).

JSON is the contract's :class:`~service.schemas.DuplicatesResponse`, built by :func:`duplicates_response`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from indexer.errors import check_choice
from indexer.ingest.table_rows import NAME_KEYS
from service.audit.duplicates import count_clusters
from service.audit.records import DocumentGroup, DuplicateCluster
from service.schemas import DuplicatesResponse

__all__ = ["FORMATS", "duplicates_response", "render_clusters"]

FORMATS: tuple[str, ...] = ("table", "json", "csv")


def duplicates_response(
    clusters: Sequence[DuplicateCluster],
    documents: Sequence[DocumentGroup] = (),
    omitted: Mapping[str, int] | None = None,
    **params: object,
) -> DuplicatesResponse:
    """The JSON listing (CLI ``--format json`` and ``GET /duplicates``)."""
    params.setdefault("include", [])
    return DuplicatesResponse.model_validate(
        {
            "params": params, "count": len(clusters), "counts": count_clusters(clusters), "clusters": list(clusters),
            "omitted": dict(omitted or {}), "documents": list(documents),
        }
    )  # fmt: skip


def render_clusters(
    clusters: Sequence[DuplicateCluster],
    fmt: str = "table",
    documents: Sequence[DocumentGroup] = (),
    omitted: Mapping[str, int] | None = None,
    **params: object,
) -> str:
    """Clusters as ``table``, ``json`` or ``csv`` (CSV: clusters only)."""
    check_choice("format", fmt, FORMATS)
    if fmt == "json":
        return duplicates_response(clusters, documents, omitted, **params).model_dump_json(indent=2) + "\n"
    if fmt == "csv":
        return _csv(clusters)
    return _table(clusters, documents, omitted or {})


def _csv(clusters: Sequence[DuplicateCluster]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([
        "cluster_id", "kind", "scope", "similarity", "lexical", "size", "passage_id", "doc_id", "kind_of_passage",
        "section", "page", "text", "values", "changes",
    ])  # fmt: skip
    for c in clusters:
        for m in c.members:
            w.writerow([
                c.cluster_id, c.kind, c.scope, f"{c.similarity:.4f}", f"{c.lexical:.4f}", c.size,
                m.passage_id, m.doc_id, m.kind, " > ".join(m.section), m.page or "", m.text,
                "; ".join(m.values), "; ".join(c.changes),
            ])  # fmt: skip
    return buf.getvalue()


def _is_record(part: str) -> bool:
    """A project's record section (``사업명: …``, ``내역사업: …``, as :func:`~indexer.ingest.table_rows.record_name` names it)."""
    key, sep, _ = part.partition(":")
    return bool(sep) and "".join(key.split()) in NAME_KEYS


def _short_path(section: Sequence[str]) -> str:
    """A section path in a line: its outermost part, any project record's and the two innermost, ``…`` between
    (``Ⅰ. 사업별 설명 › 사업명: 농촌 빈집 정비 지원 › 1. 사업 개요 › □ 사업목적``; a repeated form says whose it is)."""
    keep = [i for i, part in enumerate(section) if i == 0 or i >= len(section) - 2 or _is_record(part)]
    out: list[str] = []
    for k, i in enumerate(keep):
        if k and i != keep[k - 1] + 1:
            out.append("…")
        out.append(section[i])
    return " › ".join(out)


def _table(clusters: Sequence[DuplicateCluster], documents: Sequence[DocumentGroup], omitted: Mapping[str, int]) -> str:
    counts = count_clusters(clusters)
    summary = ", ".join(
        f"{k} {sum(v.values())} ({', '.join(f'{s} {n}' for s, n in v.items() if n)})" for k, v in counts.items() if sum(v.values())
    )
    lines = [f"{len(clusters)} duplicate clusters" + (f": {summary}" if summary else "")]
    left_out = ", ".join(f"{k} {n}" for k, n in omitted.items() if n)
    if left_out:
        lines.append(f"left out: {left_out} (--include-parallel, --include-templates)")
    for c in clusters:
        lines.append("")
        lines.append(f"[{c.kind} · {c.scope} · cos {c.similarity:.3f} · lex {c.lexical:.2f} · ×{c.size}]  {c.cluster_id}")
        for m in c.members:
            where = _short_path(m.section)
            lines.append(f"  {m.text}")
            lines.append(f"      {m.doc_id} · {where}" + (f" · p.{m.page}" if m.page else "") + f" · {m.passage_id}")
        for change in c.changes:
            lines.append(f"  Δ {change}")
    if documents:
        lines.append("")
        lines.append(f"{len(documents)} document groups (the same document read twice)")
        for g in documents:
            lines.append(f"  {' = '.join(g.doc_ids)}  · {g.share:.0%} of passages in common ({g.common})")
    return "\n".join(lines) + "\n"
