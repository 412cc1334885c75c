"""Audit at scale: duplicate clustering and direction→project linking on a synthetic 100k-passage index.

Real embeddings are not needed to measure the audit's cost, but their geometry
is: multilingual-e5 puts unrelated Korean plan passages at cosine ~0.85-0.88 and
passages on one topic at ~0.93-0.95, so a k-NN search at ``min_similarity=0.93``
returns mostly *same-topic, different-goal* candidates that only the lexical
check can reject. The generator reproduces that:

* vector = ``√0.85·shared + √0.09·topic + √0.06·noise`` (normalised): cosine
  ≈0.85 across topics, ≈0.94 within one (so every k-NN candidate passes the
  cosine floor and goes to the lexical check);
* tokens = 3 topic words + 4 Zipf-distributed words (20k vocabulary) + 2 of
  the boilerplate words 강화/추진/구축/운영/지원/확대;
* planted near duplicates (one word changed, cosine ≈0.98), sometimes chained
  in threes, and exact copies (same text and vector), some in other documents;
* every document has a ``가. 투자 방향`` and a ``나. 투자 중점사업`` section, so
  :func:`service.audit.links.compute_links` does its per-chapter matrix products too.

It reports, per FAISS index kind (``flat``: exact; ``hnsw``: what the builder
uses from 50k passages on), the build time of the vector index (not part of
the audit), the audit times (clusters, links), the candidate and cluster
counts, and recall/precision of the planted near-duplicate groups.

One command::

    .venv/bin/python -m benchmarks.audit_scale --out benchmarks/results/audit_scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as a file too
    sys.path.insert(0, str(ROOT))

from indexer.records import Passage  # noqa: E402
from indexer.segmentation import Morph  # noqa: E402
from indexer.store import Corpus, DocumentInfo  # noqa: E402
from service.audit.duplicates import DEFAULT_K, DEFAULT_MIN_LEXICAL, DEFAULT_MIN_SIMILARITY, cluster_duplicates  # noqa: E402
from service.audit.links import compute_links  # noqa: E402

__all__ = ["synthetic_index", "run_audit_scale", "main"]

BOILERPLATE = ("강화", "추진", "구축", "운영", "지원", "확대")
DIRECTION = ("제5장", "1. 일반공공행정 분야", "가. 투자 방향")
PROJECT = ("제5장", "1. 일반공공행정 분야", "나. 투자 중점사업")


def _log(msg: str) -> None:
    print(f"[audit-scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def _unit_rows(a: np.ndarray) -> np.ndarray:
    return (a / np.linalg.norm(a, axis=1, keepdims=True)).astype(np.float32)


def synthetic_index(
    n: int = 100_000,
    dim: int = 384,
    docs: int = 200,
    topics: int = 2_000,
    near_groups: int = 2_000,
    exact_copies: int = 2_000,
    seed: int = 13,
):
    """``(corpus, vectors, planted)``: a :class:`Corpus`, its (n, dim) unit vectors and the planted near groups.

    ``planted`` is a list of sets of passage ids, one per planted near-duplicate group.
    """
    rng = np.random.default_rng(seed)
    pyr = random.Random(seed)
    shared = _unit_rows(rng.normal(size=(1, dim)))[0]
    topic_vecs = _unit_rows(rng.normal(size=(topics, dim)))
    topic_of = rng.integers(0, topics, size=n)
    noise = _unit_rows(rng.normal(size=(n, dim)))
    X = _unit_rows(np.sqrt(0.85) * shared + np.sqrt(0.09) * topic_vecs[topic_of] + np.sqrt(0.06) * noise)

    vocab = [f"낱말{i}" for i in range(20_000)]
    zipf = 1.0 / np.arange(1, len(vocab) + 1)
    zipf /= zipf.sum()
    random_words = rng.choice(len(vocab), size=(n, 4), p=zipf)
    topic_words = [[f"주제{t}어{j}" for j in range(30)] for t in range(topics)]
    tokens: list[list[str]] = []
    for i in range(n):
        t = int(topic_of[i])
        toks = pyr.sample(topic_words[t], 3) + [vocab[w] for w in random_words[i]] + pyr.sample(BOILERPLATE, 2)
        tokens.append(toks)

    # Planted near duplicates: pairs (and every third a chain of three), far apart in the corpus.
    planted: list[set[int]] = []
    slots = rng.permutation(n)
    used = 0
    for g in range(near_groups):
        size = 3 if g % 3 == 0 else 2
        members = [int(x) for x in slots[used : used + size]]
        used += size
        for a, b in zip(members, members[1:]):
            toks = list(tokens[a])
            toks[pyr.randrange(3, 7)] = pyr.choice(vocab)  # one content word reworded
            tokens[b] = toks
            jitter = _unit_rows(rng.normal(size=(1, dim)))[0]
            X[b] = _unit_rows((X[a] + 0.2 * jitter)[None, :])[0]  # cosine ≈ 0.98
            topic_of[b] = topic_of[a]
        planted.append(set(members))
    # Exact copies of other passages (same text and vector).
    for _ in range(exact_copies):
        src, dst = int(slots[used]), int(slots[used + 1])
        used += 2
        tokens[dst] = list(tokens[src])
        X[dst] = X[src]

    per_doc = -(-n // docs)
    passages: list[Passage] = []
    morphs: list[tuple[Morph, ...]] = []
    documents: dict[str, DocumentInfo] = {}
    for i in range(n):
        d = i // per_doc
        doc_id = f"synthetic-{d:04d}"
        text = "○ " + " ".join(tokens[i])
        ms, off = [], 2
        for tok in tokens[i]:
            ms.append(Morph(tok, "NNG", off, off + len(tok)))
            off += len(tok) + 1
        section = DIRECTION if (i % per_doc) < per_doc * 0.3 else PROJECT
        passages.append(Passage(f"{doc_id}:{i:06d}", doc_id, "goal", section, text, 0, len(text), page=1 + (i % per_doc) // 40))
        morphs.append(tuple(ms))
        if doc_id not in documents:
            documents[doc_id] = DocumentInfo(doc_id, doc_id, f"{doc_id}.txt", "", "plan", 0, 0)
    corpus = Corpus(documents, passages, morphs, list(range(n)), {d: "" for d in documents})
    return corpus, X, [{passages[i].id for i in g} for g in planted]


def _build(kind: str, X: np.ndarray):
    from indexer.vectors import VectorIndexSpec, build_vector_index

    return build_vector_index(X, VectorIndexSpec(kind))


def run_audit_scale(
    n: int = 100_000,
    kinds: tuple[str, ...] = ("flat", "hnsw"),
    k: int = DEFAULT_K,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    min_lexical: float = DEFAULT_MIN_LEXICAL,
    seed: int = 13,
) -> dict:
    """Generate, index and audit; return the measurements as a plain dict."""
    import faiss

    t = time.perf_counter()
    corpus, X, planted = synthetic_index(n=n, seed=seed, near_groups=max(1, n // 50), exact_copies=max(1, n // 50))
    gen_s = time.perf_counter() - t
    _log(f"generated {n} passages, {len(planted)} planted near groups in {gen_s:.1f}s")
    out: dict = {
        "n_passages": n,
        "dim": int(X.shape[1]),
        "documents": len(corpus.documents),
        "k": k,
        "min_similarity": min_similarity,
        "min_lexical": min_lexical,
        "planted_near_groups": len(planted),
        "generate_s": round(gen_s, 2),
        "machine": {
            "cpus": os.cpu_count(),
            "faiss_threads": faiss.omp_get_max_threads(),
            "python": platform.python_version(),
            "faiss": faiss.__version__,
        },
        "runs": {},
    }
    for kind in kinds:
        t = time.perf_counter()
        vectors = _build(kind, X)
        build_s = time.perf_counter() - t
        _log(f"{kind}: vector index built in {build_s:.1f}s (not part of the audit)")
        t = time.perf_counter()
        clusters = cluster_duplicates(corpus, vectors, min_similarity=min_similarity, min_lexical=min_lexical, k=k)
        dup_s = time.perf_counter() - t
        t = time.perf_counter()
        links = compute_links(corpus, vectors)
        links_s = time.perf_counter() - t
        near = [frozenset(m.passage_id for m in c.members) for c in clusters if c.kind == "near"]
        exact = [c for c in clusters if c.kind == "exact"]
        recall, precision = _score(near, planted, corpus)
        run = {
            "vector_index_build_s": round(build_s, 2),
            "duplicates_s": round(dup_s, 2),
            "links_s": round(links_s, 2),
            "audit_total_s": round(dup_s + links_s, 2),
            "clusters": {"exact": len(exact), "near": len(near)},
            "near_recall": round(recall, 4),
            "near_precision": round(precision, 4),
            "linked_passages": len(links),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        _log(f"{kind}: {json.dumps(run)}")
        out["runs"][kind] = run
    return out


def _score(near: list[frozenset], planted: list[set[str]], corpus: Corpus) -> tuple[float, float]:
    """(recall, precision) of near clusters against the planted groups.

    A planted group is *found* when one near cluster holds all its passages; a
    near cluster is *correct* when it is one planted group (no stranger joined it).
    """
    group_of = {pid: g for g, ids in enumerate(planted) for pid in ids}
    cluster_of = {pid: c for c, ids in enumerate(near) for pid in ids}
    found = sum(1 for ids in planted if len({cluster_of.get(pid, -1 - i) for i, pid in enumerate(ids)}) == 1)
    correct = 0
    for ids in near:
        groups = {group_of.get(pid) for pid in ids}
        if len(groups) == 1 and None not in groups and ids == frozenset(planted[groups.pop()]):
            correct += 1
    return found / max(len(planted), 1), correct / max(len(near), 1)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="Passages (default 100000).")
    ap.add_argument("--index", choices=["flat", "hnsw", "both"], default="both", help="FAISS index kind(s) to audit.")
    ap.add_argument("--k", type=int, default=DEFAULT_K, help="Neighbours per distinct text.")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=None, help="Write the measurements as JSON here.")
    args = ap.parse_args(argv)
    kinds = ("flat", "hnsw") if args.index == "both" else (args.index,)
    res = run_audit_scale(n=args.n, kinds=kinds, k=args.k, seed=args.seed)
    print(f"audit of a synthetic {res['n_passages']}-passage index (dim {res['dim']}, {res['documents']} documents, k={res['k']}):")
    for kind, r in res["runs"].items():
        print(
            f"  {kind:<5} duplicates {r['duplicates_s']:>7.2f}s  links {r['links_s']:>6.2f}s  total {r['audit_total_s']:>7.2f}s"
            f"  (index build {r['vector_index_build_s']:.1f}s)  clusters exact {r['clusters']['exact']} near {r['clusters']['near']}"
            f"  near recall {r['near_recall']:.3f} precision {r['near_precision']:.3f}  peak RSS {r['peak_rss_mb']:.0f} MB"
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
