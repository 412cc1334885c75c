"""The HTTP service: ``create_app()`` builds the FastAPI app (:mod:`service.api.main`)."""

from service.api.main import create_app, run
from service.api.settings import Settings

__all__ = ["Settings", "create_app", "run"]
