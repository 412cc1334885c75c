"""Building: parsed documents → an index generation on disk, switched in atomically.

Layout of an index directory::

    DIR/CURRENT                 name of the live generation (replaced atomically)
    DIR/gen-<time>-<rand>/      manifest.json, store.sqlite, vectors.faiss, bm25/
    DIR/cache/embeddings.sqlite content-hash → vector, per model (never invalid)
    DIR/.build.lock             one builder at a time

A build writes a complete new generation in a temporary directory, fsyncs it,
renames it into place, and only then replaces ``CURRENT``. A crash or
``kill -9`` at any point leaves the previous generation live and intact.
Unchanged documents (same file hash) reuse their passages and morphemes, and
every passage whose embedding text was seen before reuses its vector.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from .errors import IndexCorrupt, NothingReadable, PlansearchError, UnreadableDocument
from .lexical import LexicalIndex
from .parsing import PARSER_VERSION, assign_doc_ids, parse_raw
from .reading import iter_input_files, read_file
from .records import Document, Passage, Skipped
from .segmentation import Morph, content_morphs, tokens_of
from .store import SEARCHABLE_KINDS, documents_from_corpus, read_store, write_store
from .vectors import (
    DEFAULT_ANN_THRESHOLD,
    VectorIndexSpec,
    build_vector_index,
    save_vectors,
)

__all__ = ["BuildReport", "build_index", "embedding_text", "current_generation", "FORMAT_VERSION", "MANIFEST", "file_digest"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CURRENT = "CURRENT"


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI and the closing numbers."""

    generation: str
    documents: int
    passages: int
    searchable: int
    targets: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    embedded: int
    cached: int
    skipped: tuple[Skipped, ...]
    seconds: float
    bytes_on_disk: int
    timings: dict[str, float] = field(default_factory=dict)


_BULLETS = "○◯●◦□■▪▫◆◇▶▷►❍⦁•-–—※ "
#: How many sub-items follow a goal in its embedding text.
MAX_CONTEXT_CHILDREN = 3


def embedding_text(p: Passage, parent: Passage | None, children: Sequence[Passage] = ()) -> str:
    """What the embedder sees for a passage.

    * Bullets and target series (``(‘21) 132 → (’22) 154``) are noise to the
      model: a target is reduced to its metric and unit.
    * A sub-item alone (``- 시민주도 리빙랩 운영``) often lacks its subject, so
      its goal is prepended.
    * A goal is followed by its first sub-items, which say what it consists of.

    On the dev set these took dense nDCG@10 from 0.915 to 0.962 (README, "Quality").
    """
    text = _without_series(p).lstrip(_BULLETS)
    if parent is not None and p.kind == "sub-item":
        text = _without_series(parent).lstrip(_BULLETS) + " - " + text
    if children:
        text += " : " + " / ".join(_without_series(c).lstrip(_BULLETS) for c in children[:MAX_CONTEXT_CHILDREN])
    return text


def _without_series(p: Passage) -> str:
    text = p.text
    for t in sorted(p.targets, key=lambda t: -t.start):
        s, e = t.start - p.start, t.end - p.start
        if 0 <= s < e <= len(text):
            text = text[:s] + (f"{t.metric}({t.unit})" if t.unit else t.metric) + text[e:]
    return text


def lexical_document(p: Passage, by_id: dict[str, Passage], morphs: dict[str, tuple[Morph, ...]]) -> list[str]:
    """BM25 tokens of a passage: its own, plus its goal's words it does not already have.

    ``- 창의적 아이디어의 적극적 채택`` is about 정책 제안 only through its goal
    ``○ 제안활성화를 통한 시민의 정책혁신 참여 확대``; adding each goal word once
    (not with its counts) lets the sub-item match without outranking the goal
    (dev set lexical nDCG@10 0.919 → 0.934).
    """
    toks = tokens_of(morphs.get(p.id, ()))
    parent = by_id.get(p.parent_id) if p.parent_id else None
    if parent is not None:
        have = set(toks)
        toks += [t for t in dict.fromkeys(tokens_of(morphs.get(parent.id, ()))) if t not in have]
    return toks


def current_generation(index_dir: Path) -> Path | None:
    """The live generation directory, or None when the index has none yet."""
    cur = index_dir / CURRENT
    if not cur.exists():
        return None
    name = cur.read_text().strip()
    if not name or "/" in name or name.startswith("."):
        raise IndexCorrupt(f"{cur}: does not name a generation ({name!r})")
    return index_dir / name


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".build.lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PlansearchError(f"another build is running on {index_dir}; wait for it to finish") from None
        yield


class EmbeddingCache:
    """Content-addressed vectors: key = hash(model, runtime, embedding text)."""

    def __init__(self, path: Path, model_key: str, dim: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(path)
        self.con.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self.model_key = model_key
        self.dim = dim

    def key(self, text: str) -> str:
        return hashlib.blake2b(f"{self.model_key}\x1f{text}".encode(), digest_size=16).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = list(keys[i : i + 500])
            q = f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})"
            for k, blob in self.con.execute(q, chunk):
                v = np.frombuffer(blob, dtype=np.float32)
                if v.shape == (self.dim,):
                    out[k] = v
        return out

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        self.con.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?)", [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items]
        )
        self.con.commit()

    def close(self) -> None:
        self.con.close()


def _previous(index_dir: Path):
    """The live generation's corpus and manifest, if there is a readable one."""
    try:
        gen = current_generation(index_dir)
        if gen is None:
            return None, None
        manifest = json.loads((gen / MANIFEST).read_text())
        return read_store(gen / "store.sqlite"), manifest
    except (OSError, ValueError, sqlite3.Error, PlansearchError):
        return None, None  # a broken previous index is simply rebuilt from scratch


def _fsync_tree(path: Path) -> None:
    for p in sorted(path.rglob("*")):
        if p.is_file():
            with open(p, "rb") as f:
                os.fsync(f.fileno())
    _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def build_index(
    paths: Sequence["str | os.PathLike[str]"],
    index_dir: "str | os.PathLike[str]",
    embedder=None,
    ann_threshold: int = DEFAULT_ANN_THRESHOLD,
    progress: Callable[[str, int, int], None] | None = None,
    keep_generations: int = 2,
    batch_size: int = 32,
) -> BuildReport:
    """Index the ``.txt``/``.pdf`` files under ``paths`` into ``index_dir``.

    Documents no longer among ``paths`` are removed; unchanged ones are not
    re-parsed and no passage is embedded twice. ``progress(stage, done, total)``
    is called as documents are read and passages embedded.
    """
    from models import get_embedder

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    index_dir = Path(index_dir)
    embedder = embedder or get_embedder()
    with _build_lock(index_dir):
        prev_corpus, prev_manifest = _previous(index_dir)
        prev_docs = {d.doc_id: d for d in prev_corpus.documents.values()} if prev_corpus else {}

        # 1. Read and parse, reusing unchanged documents.
        files = list(iter_input_files(list(paths)))
        docs: list[Document] = []
        morphs: dict[str, tuple[Morph, ...]] = {}
        skipped: list[Skipped] = []
        added, changed, unchanged = [], [], []
        reuse_ids: list[str] = []
        raws = []
        same_parser = (prev_manifest or {}).get("parser_version") == PARSER_VERSION
        previous_ids = {Path(d.source).resolve(): d.doc_id for d in prev_docs.values()}
        for i, (f, doc_id) in enumerate(zip(files, assign_doc_ids(files, previous_ids))):
            try:
                raw = read_file(f)
            except UnreadableDocument as e:
                skipped.append(Skipped(e.source, e.reason))
                continue
            finally:
                if progress:
                    progress("read", i + 1, len(files))
            old = prev_docs.get(doc_id)
            if old is not None and old.sha256 == raw.sha256 and same_parser:
                reuse_ids.append(doc_id)
                unchanged.append(doc_id)
            else:
                raws.append((doc_id, raw))
                (changed if old is not None else added).append(doc_id)
        reused = documents_from_corpus(prev_corpus, reuse_ids) if prev_corpus else {}
        for doc_id in reuse_ids:
            doc, m = reused[doc_id]
            docs.append(doc)
            morphs.update(m)
        for doc_id, raw in raws:
            try:
                doc = parse_raw(raw, doc_id)
            except UnreadableDocument as e:
                skipped.append(Skipped(e.source, e.reason))
                (changed if doc_id in changed else added).remove(doc_id)
                continue
            docs.append(doc)
            for p in doc.passages:
                morphs[p.id] = content_morphs(p.text) if p.kind in SEARCHABLE_KINDS else ()
        if not docs:
            reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no .txt or .pdf files found"
            raise NothingReadable(f"nothing could be indexed ({reasons})")
        order = {str(Path(f)): i for i, f in enumerate(files)}
        docs.sort(key=lambda d: order.get(d.source, len(order)))
        removed = sorted(set(prev_docs) - {d.doc_id for d in docs})
        timings["parse_s"] = time.perf_counter() - t0

        # 2. Embeddings, from the cache where possible.
        t1 = time.perf_counter()
        searchable = [p for d in docs for p in d.passages if p.kind in SEARCHABLE_KINDS]
        by_id = {p.id: p for d in docs for p in d.passages}
        kids: dict[str, list[Passage]] = {}
        for d in docs:
            for p in d.passages:
                if p.parent_id:
                    kids.setdefault(p.parent_id, []).append(p)
        texts = [embedding_text(p, by_id.get(p.parent_id) if p.parent_id else None, kids.get(p.id, ())) for p in searchable]
        cache = EmbeddingCache(index_dir / "cache" / "embeddings.sqlite", f"{embedder.model_id}|{embedder.runtime}", embedder.dim)
        try:
            keys = [cache.key(t) for t in texts]
            found = cache.get_many(keys)
            missing = sorted({k: i for i, k in enumerate(keys) if k not in found}.items(), key=lambda kv: kv[1])
            done = 0
            for j in range(0, len(missing), batch_size * 8):
                chunk = missing[j : j + batch_size * 8]
                vecs = embedder.encode_passages([texts[i] for _, i in chunk], batch_size=batch_size)
                new = [(k, vecs[n]) for n, (k, _) in enumerate(chunk)]
                cache.put_many(new)
                found.update(new)
                done += len(chunk)
                if progress:
                    progress("embed", done, len(missing))
        finally:
            cache.close()
        vectors = np.stack([found[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, embedder.dim), np.float32)
        timings["embed_s"] = time.perf_counter() - t1

        # 3. Write the new generation beside the live one.
        t2 = time.perf_counter()
        gen_name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(3)}"
        tmp = index_dir / f".tmp-{gen_name}"
        tmp.mkdir(parents=True)
        try:
            vector_rows = write_store(tmp / "store.sqlite", docs, morphs)
            assert len(vector_rows) == len(searchable)
            spec = VectorIndexSpec.for_size(len(searchable), ann_threshold)
            save_vectors(build_vector_index(vectors, spec), tmp / "vectors.faiss")
            all_rows = [p for d in docs for p in d.passages]
            lex = LexicalIndex.build([lexical_document(all_rows[r], by_id, morphs) for r in vector_rows])
            (tmp / "bm25").mkdir()
            lex.save(tmp / "bm25")
            files_meta = {
                str(p.relative_to(tmp)): {"bytes": p.stat().st_size, "sha256": file_digest(p)}
                for p in sorted(tmp.rglob("*"))
                if p.is_file()
            }
            manifest = {
                "format_version": FORMAT_VERSION,
                "parser_version": PARSER_VERSION,
                "generation": gen_name,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "model": {"id": embedder.model_id, "runtime": embedder.runtime, "dim": embedder.dim},
                "vector_index": {"kind": spec.kind, "hnsw_m": spec.hnsw_m, "ef_search": spec.ef_search},
                "counts": {
                    "documents": len(docs),
                    "passages": sum(len(d.passages) for d in docs),
                    "searchable": len(searchable),
                    "targets": sum(len(p.targets) for d in docs for p in d.passages),
                },
                "documents": {d.doc_id: {"sha256": d.sha256, "source": d.source} for d in docs},
                "files": files_meta,
            }
            (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
            _fsync_tree(tmp)
            final = index_dir / gen_name
            os.rename(tmp, final)
            cur_tmp = index_dir / f".{CURRENT}.{secrets.token_hex(3)}"
            cur_tmp.write_text(gen_name + "\n")
            with open(cur_tmp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(cur_tmp, index_dir / CURRENT)  # the atomic switch
            _fsync_dir(index_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        timings["write_s"] = time.perf_counter() - t2
        _prune(index_dir, keep_generations)

    size = sum(p.stat().st_size for p in final.rglob("*") if p.is_file())
    return BuildReport(
        generation=gen_name,
        documents=len(docs),
        passages=manifest["counts"]["passages"],
        searchable=len(searchable),
        targets=manifest["counts"]["targets"],
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(removed),
        unchanged=tuple(unchanged),
        embedded=len(missing),
        cached=len(keys) - len(missing),
        skipped=tuple(skipped),
        seconds=time.perf_counter() - t0,
        bytes_on_disk=size,
        timings=timings,
    )


def _prune(index_dir: Path, keep: int) -> None:
    """Remove old generations (the live one and ``keep-1`` before it stay) and stale temp dirs."""
    live = current_generation(index_dir)
    gens = sorted((p for p in index_dir.glob("gen-*") if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    kept = [g for g in gens if g == live] + [g for g in gens if g != live][: max(0, keep - 1)]
    for g in gens:
        if g not in kept:
            shutil.rmtree(g, ignore_errors=True)
    for t in index_dir.glob(".tmp-gen-*"):
        shutil.rmtree(t, ignore_errors=True)
