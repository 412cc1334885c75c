"""plansearch HTTP service: a FastAPI JSON API over a loaded index.

``create_app()`` builds the app (see :mod:`service.main`); ``plansearch serve``
runs it with uvicorn. Routes call the same core functions as the CLI
(:mod:`indexer.search`, :mod:`indexer.browse`).
"""

from .main import create_app, run
from .settings import Settings

__all__ = ["Settings", "create_app", "run"]
