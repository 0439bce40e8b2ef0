"""One Settings object, read from the environment once (ECOTALENT_* variables, and DATABASE_URL)."""
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    # populate_by_name: Settings(database_url=...) works as well as the DATABASE_URL variable.
    model_config = SettingsConfigDict(env_prefix="ECOTALENT_", extra="ignore", populate_by_name=True)

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "ECOTALENT_DATABASE_URL"),
        description="An external PostgreSQL with pgvector. Unset: an embedded server in data_dir.",
    )
    data_dir: Path = Field(
        default_factory=lambda: platformdirs.user_data_path("ecotalent"),
        description="Where the embedded PostgreSQL keeps its files (and the token signing key).",
    )
    database_name: str = Field(default="ecotalent", description="Database created on the embedded server.")
    secret_key: str | None = Field(
        default=None, min_length=32,
        description="Signs access tokens (at least 32 characters). Unset: a random key kept in data_dir.",
    )
    token_ttl_minutes: int = Field(default=8 * 60, ge=1)
    embedding_model: str = Field(
        default="all-MiniLM-L6-v2",
        description="'all-MiniLM-L6-v2' (bundled, English) or a local sentence-transformers model directory, "
                    "e.g. a multilingual one; its vectors must have 384 dimensions.")
    embedding_dtype: Literal["auto", "float32", "bfloat16"] = Field(
        default="auto", description="auto: bfloat16 where the CPU has bfloat16 units, else float32")
    embedding_worker: bool = Field(default=True, description="run an embedding worker inside the service")
    hnsw_ef_search: int = Field(
        default=300, ge=10, le=1000,
        description="pgvector hnsw.ef_search for match queries: with about a quarter of positions open, 300 keeps "
                    "recall@10 near 0.95 at 100k (benchmarks/speed.py)")
    crowding_strength: float = Field(
        default=0.35, ge=0, le=10,
        description="how strongly congestion prices push crowded positions down match lists (0: off). Prices are "
                    "in cosine-similarity units, so the default equals the semantic signal's weight.")
    salary_fit_at_startup: bool = Field(
        default=True, description="refit the salary models in the background at start-up when the data changed")
    pool_min_size: int = Field(default=1, ge=1)
    pool_max_size: int = Field(default=10, ge=1)


@lru_cache
def get_settings() -> Settings:
    return Settings()
