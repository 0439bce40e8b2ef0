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
