"""plansearch benchmarks: indexing, query latency, HTTP load, scale, and the naive baseline.

One command runs them all, prints a table and writes JSON (see ``benchmarks/README.md``)::

    .venv/bin/python -m benchmarks.run --out benchmarks/results/latest.json --markdown

Each part is also a module with a ``run_*`` function returning a plain dict, so
the smoke test and other tools can call a single part.
"""
