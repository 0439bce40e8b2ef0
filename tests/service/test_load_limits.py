"""More requests than connections: they queue briefly and succeed, or answer a fast 503 with
Retry-After when the wait would be long; never a 500, never a 30 s wait (issue 10).

The slow requests are real: the test holds an exclusive lock on the positions table, so every
`GET /positions` that reaches the database waits on it while holding its connection.
"""
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from psycopg import errors as pg_errors
from psycopg.rows import dict_row
from psycopg_pool import PoolTimeout, TooManyRequests

from service import errors
from service.admission import DatabaseBusy
from service.migrate import migrate
from tests.factories import make_ecosystem, make_institution, make_position, make_user, sign_in_pages
from tests.service.live import make_app, serving

REQUEST_TIMEOUT_S = 20  # today's code answers 500 only after the pool's 30 s timeout


@pytest.fixture(scope="module")
def limits_url(fresh_database) -> str:
    url = fresh_database("ecotalent_load_limits")
    migrate(url)
    return url


def _get_all(base: str, path: str, n: int, cookies: dict | None = None) -> list[tuple[int, float, httpx.Response]]:
    """``n`` GETs at once, each on its own connection: (status, seconds, response) in order of sending."""
    def one(_):
        started = time.monotonic()
        with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S, cookies=cookies) as client:
            response = client.get(path)
        return response.status_code, time.monotonic() - started, response
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(one, range(n)))


def _locked_positions(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url)
    conn.execute("LOCK TABLE positions IN ACCESS EXCLUSIVE MODE")  # held until rollback
    return conn


def test_requests_beyond_threads_and_connections_queue_and_all_succeed(limits_url, tmp_path, embedder):
    # 60 requests: more than anyio's 40 request threads and far more than 4 connections.
    app = make_app(limits_url, tmp_path, embedder, pool_max_size=4, pool_reserved_connections=2)
    with serving(app) as base:
        lock = _locked_positions(limits_url)
        with ThreadPoolExecutor(max_workers=1) as background:
            answers = background.submit(_get_all, base, "/positions", 60)
            time.sleep(1.5)  # the admitted requests wait on the lock, the others queue
            lock.rollback()
            lock.close()
            results = answers.result()
    statuses = [status for status, _, _ in results]
    assert statuses == [200] * 60
    assert max(seconds for _, seconds, _ in results) < 10


def test_when_the_wait_would_be_long_requests_answer_a_fast_503_with_retry_after(limits_url, tmp_path, embedder):
    app = make_app(limits_url, tmp_path, embedder, pool_max_size=4, pool_reserved_connections=2,
                   request_queue_max=5, request_queue_timeout_seconds=0.5, retry_after_seconds=3)
    with serving(app) as base:
        lock = _locked_positions(limits_url)
        with ThreadPoolExecutor(max_workers=1) as background:
            answers = background.submit(_get_all, base, "/positions", 20)
            time.sleep(3)  # longer than the queue's 0.5 s
            lock.rollback()
            lock.close()
            results = answers.result()
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * 2 + [503] * 18  # two admitted (pool 4 less 2 reserved), the rest turned away
    for status, seconds, response in results:
        if status == 503:
            assert seconds < 2, "a 503 must come fast, not after a long wait"
            assert response.headers["Retry-After"] == "3"
            assert "busy" in response.json()["detail"]


def test_twenty_hub_dashboards_at_once_on_a_pool_of_ten_all_answer(limits_url, tmp_path, embedder):
    with psycopg.connect(limits_url, row_factory=dict_row) as conn:  # committed: the server's requests must see it
        ecosystem = make_ecosystem(conn, "Dashboards at once")
        institution = make_institution(conn, ecosystem["id"], "Università di Prova")
        for n in range(5):
            make_position(conn, institution["id"], title_en=f"Postdoc {n}")
        hub = make_user(conn, "hub", "hub.dashboards@example.org")
    app = make_app(limits_url, tmp_path, embedder, pool_max_size=10)
    with serving(app) as base:
        cookies = httpx.Client()
        sign_in_pages(cookies, app, hub)
        results = _get_all(base, "/app/hub", 20, cookies=dict(cookies.cookies))
    assert [status for status, _, _ in results] == [200] * 20
    assert all("Dashboards at once" in response.text or "Università di Prova" in response.text for _, _, response in results)


# --- the mapping: database and overload failures become 503 with Retry-After ---

FAILURES = {
    "busy": DatabaseBusy("database.no_slot", timeout_s=10.0),
    "pool-timeout": PoolTimeout("couldn't get a connection after 3.00 sec"),
    "too-many-waiting": TooManyRequests("the pool 'ecotalent' has already 500 requests waiting"),
    "connection-lost": psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly"),
    "statement-timeout": pg_errors.QueryCanceled("canceling statement due to statement timeout"),
}


@pytest.fixture(scope="module")
def failing_client() -> TestClient:
    app = FastAPI()
    errors.install(app)

    @app.get("/fail/{kind}")
    def fail(kind: str):
        raise FAILURES[kind]

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize("kind", FAILURES)
def test_database_failures_answer_503_with_retry_after(failing_client, kind):
    response = failing_client.get(f"/fail/{kind}")
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) >= 1
    assert "try again in" in response.json()["detail"]


def test_the_503_does_not_echo_the_drivers_message(failing_client):
    detail = failing_client.get("/fail/connection-lost").json()["detail"]
    assert "consuming input" not in detail and detail.startswith("the database is unavailable")
