"""The embedding worker and the congestion refresh against a real, committed database."""
import time

import psycopg
import pytest
from fastapi.testclient import TestClient
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from service import cli, congestion
from service.app import create_app
from service.config import Settings, get_settings
from service.embedding_worker import EmbeddingWorker, embed_pending
from service.migrate import migrate
from service.queries import candidates
from tests.factories import make_candidate, make_ecosystem, make_institution, make_position
from tests.service.test_matching import ML, MARINE


def test_service_worker_embeds_a_new_profile_without_the_request_waiting(fresh_database, tmp_path, embedder):
    url = fresh_database("ecotalent_worker")
    settings = Settings(database_url=url, data_dir=tmp_path, embedding_worker=True)
    with TestClient(create_app(settings, embedder=embedder)) as client:
        token = client.post("/auth/register", json={"email": "w@test.example", "password": "long enough",
                                                    "full_name": "W", "consent": True}).json()["access_token"]
        client.patch("/candidates/me", json={"headline": "Data scientist", "skills": ["python"]},
                     headers={"Authorization": f"Bearer {token}"})
        deadline = time.monotonic() + 30
        with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
            while time.monotonic() < deadline:
                row = conn.execute("SELECT ce.text_hash = md5(c.embedding_text) AS current FROM candidates c"
                                   " JOIN candidate_embeddings ce ON ce.candidate_id = c.id").fetchone()
                jobs = conn.execute("SELECT count(*) AS n FROM embedding_jobs").fetchone()["n"]
                if row and row["current"] and jobs == 0:
                    break
                time.sleep(0.2)
            else:
                pytest.fail("the worker did not embed the profile within 30 s")
def test_worker_refreshes_congestion_once_the_queue_is_drained(fresh_database, embedder):
    url = fresh_database("ecotalent_worker_congestion")
    from service.migrate import migrate
    migrate(url)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        eco = make_ecosystem(conn)
        inst = make_institution(conn, eco["id"], "University A")
        popular = make_position(conn, inst["id"], **ML)
        make_position(conn, inst["id"], **MARINE, openings=20)
        for i in range(12):
            make_candidate(conn, f"ml{i}@test.example", headline="Machine learning for energy grids",
                           cv_text="Neural networks forecasting electricity demand.", skills=["python", "pytorch"])
    with ConnectionPool(url, min_size=1, max_size=2, kwargs={"row_factory": dict_row}, configure=register_vector) as pool:
        worker = EmbeddingWorker(pool, embedder, idle_seconds=0.1, congestion_every_seconds=0)
        worker.start()
        try:
            deadline = time.monotonic() + 30
            with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
                while time.monotonic() < deadline:
                    row = conn.execute("SELECT price FROM position_congestion WHERE position_id = %s", (popular["id"],)).fetchone()
                    if row and row["price"] > 0:
                        break
                    time.sleep(0.2)
                else:
                    pytest.fail("no congestion price for the position everyone fits within 30 s")
        finally:
            worker.stop()


def test_reindex_embeds_everything_stale(fresh_database, monkeypatch, capsys):
    url = fresh_database("ecotalent_reindex")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        cli.main(["seed", "--scale", "40"])
        assert cli.main(["reindex"]) == 0
        assert "80 to embed" in capsys.readouterr().out
        with psycopg.connect(url, row_factory=dict_row) as conn:
            counts = conn.execute("SELECT (SELECT count(*) FROM position_embeddings) AS p,"
                                  " (SELECT count(*) FROM candidate_embeddings) AS c,"
                                  " (SELECT count(*) FROM embedding_jobs) AS jobs").fetchone()
        assert counts == {"p": 40, "c": 40, "jobs": 0}
        assert cli.main(["match", "candidate", "1", "--limit", "3"]) == 0
        assert "1. " in capsys.readouterr().out
    finally:
        get_settings.cache_clear()


def test_congestion_prices_the_position_everyone_fits(conn, embedder):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "University A")
    popular = make_position(conn, inst["id"], **ML)
    quiet = make_position(conn, inst["id"], **MARINE, openings=20)
    for i in range(12):
        make_candidate(conn, f"ml{i}@test.example", headline="Machine learning for energy grids",
                       cv_text="Neural networks forecasting electricity demand.", skills=["python", "pytorch"])
    while embed_pending(conn, embedder):
        pass
    summary = congestion.refresh(conn, embedder.name, sample_size=100)
    assert summary["candidates_sampled"] == 12
    prices = {r["position_id"]: r["price"] for r in conn.execute("SELECT position_id, price FROM position_congestion")}
    assert prices.get(popular["id"], 0) > prices.get(quiet["id"], 0)


class EditsWhileEncoding:
    """The real model; while it encodes a batch, ``edit`` runs (on another connection, committed)."""

    def __init__(self, embedder, edit):
        self.embedder, self.edit, self.name = embedder, edit, embedder.name

    def encode(self, texts):
        vectors = self.embedder.encode(texts)
        self.edit()
        return vectors


def _connect(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, row_factory=dict_row)
    register_vector(conn)
    return conn


def _candidate_vector_is_current(conn, candidate_id: int) -> bool:
    row = conn.execute("SELECT ce.text_hash = md5(c.embedding_text) AS current FROM candidates c"
                       " JOIN candidate_embeddings ce ON ce.candidate_id = c.id WHERE c.id = %s", (candidate_id,)).fetchone()
    return bool(row and row["current"])


def test_profile_edited_while_the_worker_embeds_its_old_text_is_embedded_again(fresh_database, embedder):
    url = fresh_database("ecotalent_queue_race")
    migrate(url)
    with _connect(url) as worker, _connect(url) as editor:
        _, candidate_id = make_candidate(editor, "race@test.example", headline="Marine biologist",
                                         skills=["ecology"])
        editor.commit()
        # The editor must not wait for the worker's batch: a lock wait would be a stalled request.
        editor.execute("SET lock_timeout = '2s'")

        def edit_profile():
            candidates.update_candidate(editor, candidate_id, {"headline": "Machine learning engineer",
                                                               "skills": ["python", "pytorch"]})
            editor.commit()

        # Worker (connection A) claims the job and reads the old text; the candidate (connection B)
        # edits and commits while it encodes; then A stores the old text's vector and finishes.
        assert embed_pending(worker, EditsWhileEncoding(embedder, edit_profile)) == 1
        worker.commit()
        assert not _candidate_vector_is_current(worker, candidate_id)
        pending = worker.execute("SELECT count(*) AS n FROM embedding_jobs WHERE kind = 'candidate'"
                                 " AND entity_id = %s", (candidate_id,)).fetchone()["n"]
        assert pending == 1, "the edit made during the batch lost its job"
        while embed_pending(worker, embedder):
            worker.commit()
        assert _candidate_vector_is_current(worker, candidate_id)


def test_edits_while_no_worker_holds_the_job_keep_one_job(fresh_database):
    url = fresh_database("ecotalent_queue_dedupe")
    migrate(url)
    with _connect(url) as first, _connect(url) as second:
        _, candidate_id = make_candidate(first, "twice@test.example", headline="Chemist")
        first.commit()
        candidates.update_candidate(first, candidate_id, {"headline": "Physicist"})
        first.commit()
        candidates.update_candidate(second, candidate_id, {"skills": ["optics"]})
        second.commit()
        jobs = first.execute("SELECT count(*) AS n FROM embedding_jobs WHERE entity_id = %s", (candidate_id,)).fetchone()
        assert jobs["n"] == 1


def test_worker_claiming_while_an_edit_is_uncommitted_leaves_that_edit_a_job(fresh_database, embedder):
    url = fresh_database("ecotalent_queue_inflight")
    migrate(url)
    with _connect(url) as worker, _connect(url) as editor:
        _, candidate_id = make_candidate(editor, "inflight@test.example", headline="Marine biologist")
        editor.commit()  # registered: the new profile's job is queued, not yet embedded
        # The candidate's edit is written but not yet committed when the worker takes the queued job
        # (it reads the committed, old text).
        candidates.update_candidate(editor, candidate_id, {"headline": "Machine learning engineer"})
        embed_pending(worker, embedder)
        worker.commit()
        editor.commit()
        while embed_pending(worker, embedder):
            worker.commit()
        assert _candidate_vector_is_current(worker, candidate_id), "the edit committed after the claim was never embedded"
