"""plansearch service, the read side: a loaded index generation → answers.

* :mod:`service.search` — the search engine (hybrid/dense/lexical, fusion, highlights);
* :mod:`service.audit` — duplicate clusters and direction ↔ project links;
* :mod:`service.browse`, :mod:`service.evaluation` — passage context, outlines, targets; dev-set metrics;
* :mod:`service.api` — the FastAPI app, its JSON contract (``schemas``) and the search page;
* :mod:`service.cli` — the ``plansearch`` command, which wires both sides.
"""
