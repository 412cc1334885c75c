"""The rest of a query that names a document by its subject.

``광명시 노후점포 환경개선 지원 신청 언제까지`` names its notice by the title's words (노후점포 환경개선 지원) and
asks one thing of it (신청). Every line of that notice repeats the title's words, so both rankers put first the
lines that say them most, not the 추진일정 row that answers (``신청서 접수: 기간 2025. 4. 7.(월) ~ …``), which
names no project. When at least :data:`SUBJECT_SHARE` of a query's BM25 terms are in a candidate's document
title, hybrid fusion lifts that document's candidates by how well they match the rest of the query: BM25 over
the terms the title lacks, the best of them gaining :data:`SUBJECT_LIFT` of a first place's vote.

A document named by its title is the one the query is about; the title's words then tell its passages nothing
apart, and the rest of the query does. Measured in docs/quality-log.md ("The rest of a query that names a
document"): probes (421 queries) 0.7717 → 0.7779, real 35 0.5461 → 0.5490, blind 30, shared 5 and the sample
plan unchanged.

A query names a document by its issuer as well (``청운군 2026년도 제1회 추경 총규모``, ``산림청 2025년 총지출 예산``):
the issuer's words count as the title's. Probes (631 queries) 0.7039 → 0.7113, no query lower; real 35, blind 30,
shared 5 and the sample plan unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from indexer.segmentation import lexical_tokens

__all__ = ["SUBJECT_LIFT", "SUBJECT_SHARE", "subject_lifts", "title_terms"]

#: What the candidate matching the rest of the query best gains, as a share of a first place's vote
#: (:func:`service.search.fusion.fuse`); the others by their BM25 over that rest, relative to it. On the probes
#: (share 0.5) 0.1 / 0.3 / 0.5 gave 0.7729 / 0.7779 / 0.7803 from 0.7717, real 35 0.5348 / 0.5490 / 0.5488.
SUBJECT_LIFT = 0.3
#: How much of the query (its distinct BM25 terms) a title must hold to be named by it. At 0.3 / 0.4 / 0.5 / 0.6:
#: real 35 0.5327 / 0.5382 / 0.5490 / 0.5501 (lift 0.3), probes 0.7765 / 0.7792 / 0.7779 / 0.7772: below a half,
#: a topic word the title shares (예산, 지원) made the rest the query's own subject.
SUBJECT_SHARE = 0.5


def title_terms(names: Mapping[int, str]) -> dict[int, frozenset[str]]:
    """The BM25 terms of what names each document (its title and its issuer), by document code."""
    return {code: frozenset(lexical_tokens(name or "")) for code, name in names.items()}


def subject_lifts(
    qtokens: Iterable[str],
    positions: Sequence[int],
    doc_of: Callable[[int], int],
    titles: Mapping[int, frozenset[str]],
    scores_of: Callable[[list[str], np.ndarray], np.ndarray],
) -> dict[int, float]:
    """What each of ``positions`` gains (a share of a first place's vote): for a document whose title (and issuer) holds
    :data:`SUBJECT_SHARE` of the query's terms, its candidates' BM25 over the other terms (``scores_of(terms,
    sorted positions)``), scaled so the best candidate of all gains :data:`SUBJECT_LIFT`."""
    terms = list(dict.fromkeys(qtokens))
    by_doc: dict[int, list[int]] = {}
    for i in sorted(set(positions)):
        by_doc.setdefault(doc_of(i), []).append(i)
    scores: dict[int, float] = {}
    for code, members in by_doc.items():
        title = titles.get(code, frozenset())
        inside = sum(t in title for t in terms)
        rest = [t for t in terms if t not in title]
        if not rest or inside < SUBJECT_SHARE * len(terms):
            continue
        got = scores_of(rest, np.asarray(members, dtype=np.int64))
        scores.update((i, float(v)) for i, v in zip(members, got) if v > 0)
    best = max(scores.values(), default=0.0)
    return {i: SUBJECT_LIFT * v / best for i, v in scores.items()} if best > 0 else {}
