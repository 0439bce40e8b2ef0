"""One embedded PostgreSQL per test session; each test runs in a transaction that is rolled back.

The app is built once with its real lifespan (migrations, pool); each test swaps the request
connection for its own, so a request's transaction becomes a savepoint inside the test's.
"""
import os
from pathlib import Path

import numpy as np
import psycopg
import pytest
from fastapi.testclient import TestClient
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row

from models.embeddings import load_embedder
from service.app import create_app
from service.config import Settings
from service.database import database_url, ensure_database
from service.deps import get_conn
from service.migrate import migrate


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ecotalent")


@pytest.fixture(scope="session")
def db_url(server_data_dir) -> str:
    """The test database on a real PostgreSQL: TEST_DATABASE_URL if given, else an embedded server."""
    external = os.environ.get("TEST_DATABASE_URL")
    settings = Settings(database_url=external, data_dir=server_data_dir, database_name="ecotalent_test")
    with database_url(settings) as url:
        migrate(url)
        yield url


@pytest.fixture(scope="session")
def fresh_database(db_url):
    """Makes an empty, committed database on the test server (for tests that must commit)."""
    created = []

    def make(name: str) -> str:
        admin = psycopg.conninfo.make_conninfo(db_url, dbname="postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        ensure_database(admin, name)
        created.append(name)
        return psycopg.conninfo.make_conninfo(db_url, dbname=name)

    return make


class RememberingEmbedder:
    """The real bundled model, remembering each text's vector for the session: many tests embed the
    same fixture texts, and the 4-bit e5 engine takes ~50 ms a text on two cores. Every vector is
    still the model's own; only repeats are skipped."""

    def __init__(self, model):
        self._model, self._seen = model, {False: {}, True: {}}
        self.name, self.dim, self.dtype = model.name, model.dim, getattr(model, "dtype", None)
        self.similarity_range = model.similarity_range

    def encode(self, texts):
        return self._encode(texts, self._model.encode, self._seen[False])

    def encode_queries(self, texts):
        return self._encode(texts, self._model.encode_queries, self._seen[True])

    def _encode(self, texts, encode, seen):
        new = [t for t in dict.fromkeys(texts) if t not in seen]
        if new:
            seen.update(zip(new, encode(new), strict=True))
        return np.array([seen[t] for t in texts], np.float32) if texts else np.zeros((0, self.dim), np.float32)


@pytest.fixture(scope="session")
def embedder():
    """The real bundled model, loaded once per session."""
    return RememberingEmbedder(load_embedder())


@pytest.fixture(scope="session")
def app(db_url, server_data_dir, embedder):
    settings = Settings(database_url=db_url, data_dir=server_data_dir, secret_key="test-signing-key-of-at-least-32-bytes",
                        embedding_worker=False,  # tests embed inside their own transaction (embed_pending)
                        mail_worker=False,  # and deliver the outbox in it (service.outbox.deliver_due)
                        job_worker=False,  # and run background jobs in it (service.jobs.perform)
                        salary_fit_at_startup=False)  # and fit the salary models on their own data
    application = create_app(settings, embedder=embedder)
    with TestClient(application):  # runs the lifespan: migrations, pool
        yield application


@pytest.fixture
def conn(db_url):
    with psycopg.connect(db_url, row_factory=dict_row) as connection:
        register_vector(connection)
        with connection.transaction(force_rollback=True):
            yield connection


@pytest.fixture
def client(app, conn):
    def request_connection():
        with conn.transaction():  # a savepoint: a failed request undoes only its own writes
            yield conn

    app.dependency_overrides[get_conn] = request_connection
    # No `with`: the session's lifespan is already running; entering again would restart it.
    yield TestClient(app)
    app.dependency_overrides.clear()
