"""Documents a query names: a proper noun of the query in a document's title or issuer.

A query that names a place or an institution (``포항시 부모급여 예산``, ``경북 산불 발생 건수``) asks about
that document, but the document's passages seldom repeat the name: a city, province or bureau is printed
on the cover and nowhere else. Hybrid fusion lifts every candidate of a named document by one amount
(:data:`NAMED_LIFT`), so the order inside a document stays the rankers' own.

Only proper nouns name a document (Kiwi's ``NNP``: 포항시, 복지국, 국립국어원, 경상북도); its title's and
issuer's other nouns (복지, 도시, 예산) are topics that many documents share. Measured in
docs/quality-log.md ("Documents a query names"): with every noun, the probe set fell from 0.798 to 0.790.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from indexer.segmentation import content_morphs, fold
from indexer.store import DocumentInfo
from indexer.synonyms import expansions

__all__ = ["NAMED_LIFT", "DocumentNames"]

#: What a candidate of the best-named document gains, as a share of a first place's vote
#: (:func:`service.search.fusion.fuse`); another named document's candidates gain it by how much of that
#: name they matched. On the probe set (63 documents, 337 queries) 0.15 / 0.3 / 0.45 / 0.6 gave 0.7988 /
#: 0.8008 / 0.8008 / 0.8006 from 0.7982, the real and sample sets unchanged; at 0.6 a query naming 세종시
#: as the place of a statistic lost its answer to the 세종 housing notice.
NAMED_LIFT = 0.3


def _names(text: str | None) -> set[str]:
    return {fold(m.form) for m in content_morphs(text or "") if m.tag == "NNP" and len(m.form) > 1}


class DocumentNames:
    """The proper nouns of each document's title and issuer, weighted by how few documents share them."""

    def __init__(self, documents: Iterable[DocumentInfo]) -> None:
        self._words = {d.doc_id: _names(d.title) | _names(d.issuer) for d in documents}
        df: dict[str, int] = {}
        for words in self._words.values():
            for w in words:
                df[w] = df.get(w, 0) + 1
        n = len(self._words)
        self._idf = {w: math.log((n + 1) / c) for w, c in df.items()}

    def named(self, forms: list[str]) -> dict[str, float]:
        """``doc_id → share`` of the documents whose names the query's folded morpheme ``forms`` (or their
        synonyms, :mod:`indexer.synonyms`) include: the weight of the names it matched, the best document's 1.0."""
        query = set(forms) | set(expansions(forms))
        weight = {d: sum(self._idf[w] for w in words & query) for d, words in self._words.items() if words & query}
        if not weight:
            return {}
        top = max(weight.values())
        return {d: v / top for d, v in weight.items()}
