"""Synthetic passages (:mod:`benchmarks.synthetic`) written into a real store, one document at a time.

The scale and corpus-memory benchmarks read their corpus back with
:func:`~indexer.store.read_store`, exactly as a server opens a generation, so the memory
they report is what a server holds. Documents are of 160 passages; each document's first
passage of every 5 is a goal and the others its sub-items, as in the sample plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from indexer.records import Document, Passage
from indexer.segmentation import Morph, tokens_of

from .synthetic import SyntheticPassages

__all__ = ["PASSAGES_PER_DOC", "synthetic_documents", "write_synthetic_store"]

PASSAGES_PER_DOC = 160


def synthetic_documents(sp: SyntheticPassages) -> Iterator[tuple[Document, dict[str, tuple[Morph, ...]]]]:
    """Each document of ``sp`` with its passages' morphemes, in order."""
    for d0 in range(0, len(sp), PASSAGES_PER_DOC):
        doc_id = f"synthetic-{d0 // PASSAGES_PER_DOC:06d}"
        section = (doc_id, "1. 일반공공행정 분야")
        pos, texts, parent = 0, [], None
        passages: list[Passage] = []
        morphs: dict[str, tuple[Morph, ...]] = {}
        for i in range(d0, min(d0 + PASSAGES_PER_DOC, len(sp))):
            words = [sp.vocab[w] for w in sp.word_ids(i).tolist()]
            text = " ".join(form for form, _ in words)
            ms, start = [], pos
            for form, tag in words:
                ms.append(Morph(form, tag, start, start + len(form)))
                start += len(form) + 1
            goal = (i - d0) % 5 == 0
            pid = f"{doc_id}-p{i - d0:04d}"
            kind, parent_id = ("goal", None) if goal else ("sub-item", parent)
            passages.append(Passage(pid, doc_id, kind, section, text, pos, pos + len(text), None, parent_id, i - d0))
            morphs[pid] = tuple(ms)
            parent = pid if goal else parent
            texts.append(text)
            pos += len(text) + 1
        doc = Document(doc_id, f"합성 계획 {doc_id}", f"{doc_id}.txt", "0" * 64, "plan", "\n".join(texts), tuple(passages))
        yield doc, morphs


def write_synthetic_store(sp: SyntheticPassages, path: Path, tokens: bool = False) -> list[list[str]]:
    """Write ``sp`` as a store at ``path`` (a new file); with ``tokens``, return each passage's BM25 tokens."""
    from indexer.store import StoreWriter

    word_tokens = [tokens_of([Morph(w, tag, 0, len(w))]) for w, tag in sp.vocab] if tokens else []
    token_lists: list[list[str]] = []
    with StoreWriter(Path(path)) as w:
        for i, (doc, morphs) in enumerate(synthetic_documents(sp)):
            w.add(doc, morphs)
            if tokens:
                lo = i * PASSAGES_PER_DOC
                token_lists.extend([t for x in sp.word_ids(r).tolist() for t in word_tokens[x]] for r in range(lo, lo + len(doc.passages)))
    return token_lists
