"""Documents a query names: a proper noun of the query in a document's title or issuer.

A query that names a place or an institution (``포항시 부모급여 예산``, ``경북 산불 발생 건수``) asks about
that document, but the document's passages seldom repeat the name: a city, province or bureau is printed
on the cover and nowhere else. Hybrid fusion lifts every candidate of a named document by one amount
(:data:`NAMED_LIFT`), so the order inside a document stays the rankers' own.

Only names name a document: the proper nouns of its title and issuer (Kiwi's ``NNP``: 포항시, 복지국,
국립국어원, 경상북도), and the issuer's words that end like an institution or one of its units (행정안전부,
통계청, 문화체육관광국, 어르신복지과), which Kiwi may read as common nouns or split (문화/체육/관광/국); a query
names one when its morphemes spell it, split or not. The title's and issuer's other nouns (복지, 도시, 예산) are
topics that many documents share. Measured in docs/quality-log.md ("Documents a query names"): with every
noun, the probe set fell from 0.798 to 0.790.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from indexer.segmentation import content_morphs, fold
from indexer.store import DocumentInfo
from indexer.synonyms import equivalents, expansions

__all__ = ["NAMED_LIFT", "DocumentNames"]

#: What a candidate of the best-named document gains, as a share of a first place's vote
#: (:func:`service.search.fusion.fuse`); another named document's candidates gain it by how much of that
#: name they matched. On the probe set (63 documents, 337 queries) 0.15 / 0.3 / 0.45 / 0.6 gave 0.7988 /
#: 0.8008 / 0.8008 / 0.8006 from 0.7982, the real and sample sets unchanged; at 0.6 a query naming 세종시
#: as the place of a statistic lost its answer to the 세종 housing notice.
NAMED_LIFT = 0.3


#: An issuer's word that names an institution or one of its units: a ministry (부), agency (청, 처), institute
#: (원), bureau (국), division (과), office (실), corporation (공사, 공단), committee or local government.
_INSTITUTION = re.compile(r"^[가-힣]{2,}(?:부|청|처|원|국|과|실|단|공사|공단|위원회|시|군|구|도)$")
#: Spellings of up to this many consecutive query morphemes are looked up (문화 체육 관광 국: four).
_MAX_PARTS = 6


def _names(text: str | None) -> set[str]:
    return {fold(m.form) for m in content_morphs(text or "") if m.tag == "NNP" and len(m.form) > 1}


#: Words that end like an institution but name none: 관계부처 합동's, a government in general (지방정부, 디지털정부).
_NOT_INSTITUTION = re.compile(r"^(?:관계부처|대한민국|.*정부)$")


def _institutions(issuer: str | None) -> set[str]:
    return {fold(w) for w in (issuer or "").split() if _INSTITUTION.match(w) and not _NOT_INSTITUTION.match(w)}


def _spellings(forms: list[str]) -> set[str]:
    """Every run of up to :data:`_MAX_PARTS` consecutive ``forms``, joined (문화+체육+관광+국 → 문화체육관광국)."""
    return {"".join(forms[i:j]) for i in range(len(forms)) for j in range(i + 1, min(len(forms), i + _MAX_PARTS) + 1)}


class DocumentNames:
    """The names of each document (see the module doc), each weighted by how few documents share it."""

    def __init__(self, documents: Iterable[DocumentInfo]) -> None:
        self._docs: dict[str, list[str]] = {}  # name → the documents it names
        n = 0
        for d in documents:
            n += 1
            for w in _names(d.title) | _names(d.issuer) | _institutions(d.issuer):
                self._docs.setdefault(w, []).append(d.doc_id)
        self._idf = {w: math.log((n + 1) / len(docs)) for w, docs in self._docs.items()}

    def named(self, forms: list[str]) -> dict[str, float]:
        """``doc_id → share`` of the documents whose names the query's folded morpheme ``forms`` (or their
        synonyms, :mod:`indexer.synonyms`) include: the weight of the names it matched, the best document's 1.0."""
        weight: dict[str, float] = {}
        for w in (_spellings(forms) | set(expansions(forms)) | equivalents(forms)) & self._docs.keys():
            for d in self._docs[w]:
                weight[d] = weight.get(d, 0.0) + self._idf[w]
        if not weight:
            return {}
        top = max(weight.values())
        return {d: v / top for d, v in weight.items()}
