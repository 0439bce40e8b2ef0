"""Background jobs (service.jobs): queued -> running -> done with progress, failures recorded, who may read them,
and the worker thread on a committed database (stale jobs, a failing job that does not stop it)."""
import time

import psycopg
import pytest
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool
from pydantic import BaseModel, ConfigDict

from service import jobs
from service.domain import Conflict, InvalidFields, NotFound
from service.migrate import migrate
from service.queries import jobs as queries
from service.schemas.auth import UserRead
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_user


class Steps(BaseModel):
    model_config = ConfigDict(extra="forbid")
    steps: int = 3
    fail: str | None = None  # "crash": an unexpected error; "refuse": a domain refusal


def count_up(conn, parameters: BaseModel, progress) -> dict:
    assert isinstance(parameters, Steps)
    for step in range(parameters.steps):
        progress(step, parameters.steps)
        if parameters.fail == "crash" and step == 1:
            conn.execute("INSERT INTO ecosystems (name, hub_city, regions) VALUES ('written by a failing job', 'X', '{}')")
            raise RuntimeError("boom")
        if parameters.fail == "refuse":
            raise Conflict("job.interrupted")
    return {"counted": parameters.steps}


REGISTRY = jobs.JobRegistry([jobs.JobKind("count", count_up, Steps, frozenset({"hub"}))])


def as_user(row: dict) -> UserRead:
    return UserRead.model_validate(row)


def test_a_job_goes_from_queued_to_running_with_progress_to_done(client, conn, app):
    hub = make_user(conn, "hub", "hub@test.example")
    job = jobs.submit(conn, REGISTRY, as_user(hub), "count", {"steps": 4})
    assert job["status"] == "queued" and job["progress"] == {"done": 0, "total": None, "share": None}
    seen = []

    def progress(done, total):
        queries.record_progress(conn, job["id"], done, total)
        seen.append(client.get(f"/jobs/{job['id']}", headers=bearer(app, hub)).json())

    claimed = queries.claim_next(conn, REGISTRY.names)
    assert claimed["id"] == job["id"] and queries.claim_next(conn, REGISTRY.names) is None  # claimed once only
    assert jobs.perform(conn, claimed, REGISTRY, progress)
    assert [(s["status"], s["progress"]["done"], s["progress"]["total"]) for s in seen] == [
        ("running", 0, 4), ("running", 1, 4), ("running", 2, 4), ("running", 3, 4)]
    assert seen[2]["progress"]["share"] == 0.5
    done = client.get(f"/jobs/{job['id']}", headers=bearer(app, hub)).json()
    assert done["status"] == "done" and done["result"] == {"counted": 4} and done["error"] is None
    assert done["progress"] == {"done": 4, "total": 4, "share": 1.0} and done["finished_at"] is not None
    assert "requested_by" not in done


def test_a_job_done_before_its_heartbeat_wrote_any_progress_reads_as_complete(client, conn, app):
    hub = make_user(conn, "hub", "hub-quick@test.example")
    job = jobs.submit(conn, REGISTRY, as_user(hub), "count", {"steps": 0})
    assert jobs.perform(conn, queries.claim_next(conn, REGISTRY.names), REGISTRY, lambda done, total: None)
    done = client.get(f"/jobs/{job['id']}", headers=bearer(app, hub)).json()
    assert done["status"] == "done" and done["progress"] == {"done": 1, "total": 1, "share": 1.0}


def test_a_failing_job_is_recorded_failed_and_its_writes_undone(conn):
    hub = as_user(make_user(conn, "hub", "hub@test.example"))
    crash = jobs.submit(conn, REGISTRY, hub, "count", {"fail": "crash"})
    refuse = jobs.submit(conn, REGISTRY, hub, "count", {"fail": "refuse"})
    for _ in range(2):
        claimed = queries.claim_next(conn, REGISTRY.names)
        assert not jobs.perform(conn, claimed, REGISTRY, lambda done, total: None)
    crashed, refused = jobs.get(conn, hub, crash["id"]), jobs.get(conn, hub, refuse["id"])
    assert crashed["status"] == "failed" and crashed["result"] is None
    assert crashed["error"]["code"] == "job.failed" and crashed["error"]["params"] == {"job_id": crash["id"]}
    assert refused["status"] == "failed" and refused["error"]["code"] == "job.interrupted"
    assert conn.execute("SELECT count(*) AS n FROM ecosystems WHERE name = 'written by a failing job'").fetchone()["n"] == 0


def test_the_same_run_asked_twice_while_queued_is_one_job_and_bad_parameters_are_refused(conn):
    hub = as_user(make_user(conn, "hub", "hub@test.example"))
    first = jobs.submit(conn, REGISTRY, hub, "count", {"steps": 2})
    assert jobs.submit(conn, REGISTRY, hub, "count", {"steps": 2})["id"] == first["id"]
    assert jobs.submit(conn, REGISTRY, hub, "count", {"steps": 3})["id"] != first["id"]
    with pytest.raises(InvalidFields):
        jobs.submit(conn, REGISTRY, hub, "count", {"steps": "many"})
    with pytest.raises(InvalidFields):
        jobs.submit(conn, REGISTRY, hub, "count", {"stairs": 2})
    with pytest.raises(NotFound):
        jobs.submit(conn, REGISTRY, hub, "no such kind", {})


def test_only_users_of_the_requesters_role_see_a_job(client, conn, app):
    hub = make_user(conn, "hub", "hub@test.example")
    other_hub = make_user(conn, "hub", "hub2@test.example")
    inst = make_institution(conn, make_ecosystem(conn)["id"], "University A")
    hr = make_user(conn, "hr", "hr@test.example", institution_id=inst["id"])
    candidate, _ = make_candidate(conn, "c@test.example")
    job = jobs.submit(conn, REGISTRY, as_user(hub), "count", {})
    path = f"/jobs/{job['id']}"
    assert client.get(path, headers=bearer(app, other_hub)).json()["id"] == job["id"]  # the hub office is one reader
    for stranger in (hr, candidate):
        answer = client.get(path, headers=bearer(app, stranger))
        assert answer.status_code == 404 and answer.json()["code"] == "job.not_found"
    assert client.get(f"/jobs/{job['id'] + 1000}", headers=bearer(app, hub)).status_code == 404
    assert client.get(path).status_code == 401
    assert client.get("/jobs/0", headers=bearer(app, hub)).status_code == 422


def test_hr_cannot_queue_a_hub_kind(conn):
    inst = make_institution(conn, make_ecosystem(conn)["id"], "University A")
    hr = as_user(make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    with pytest.raises(Exception) as refused:
        jobs.submit(conn, REGISTRY, hr, "count", {})
    assert getattr(refused.value, "code", None) == "job.role_not_allowed"


def _wait_for(predicate, seconds: float = 20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_the_worker_runs_queued_jobs_survives_a_failing_one_and_marks_stale_ones(fresh_database):
    url = fresh_database("ecotalent_jobs_worker")
    migrate(url)
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        hub = conn.execute("INSERT INTO users (email, password_hash, role) VALUES ('hub@w.example', 'x', 'hub') RETURNING id").fetchone()
        stale = queries.enqueue(conn, "count", {"steps": 1}, hub["id"], "hub", None)
        conn.execute("UPDATE jobs SET status = 'running', heartbeat_at = now() - interval '10 minutes' WHERE id = %s", (stale["id"],))
        failing = queries.enqueue(conn, "count", {"steps": 3, "fail": "crash"}, hub["id"], "hub", None)
        good = queries.enqueue(conn, "count", {"steps": 3}, hub["id"], "hub", None)
        with ConnectionPool(url, min_size=1, max_size=4, kwargs={"row_factory": dict_row}, configure=register_vector) as pool:
            worker = jobs.JobWorker(pool, REGISTRY, idle_seconds=0.1, heartbeat_seconds=0.1, stale_after_seconds=60)
            worker.start()
            try:
                _wait_for(lambda: queries.get(conn, good["id"])["status"] == "done")
                assert worker.is_alive()
                later = queries.enqueue(conn, "count", {"steps": 2}, hub["id"], "hub", None)  # still working
                _wait_for(lambda: queries.get(conn, later["id"])["status"] == "done")
            finally:
                worker.stop()
        assert not worker.is_alive()
        assert queries.get(conn, stale["id"])["status"] == "failed" and queries.get(conn, stale["id"])["error_code"] == "job.interrupted"
        assert queries.get(conn, failing["id"])["error_code"] == "job.failed"
        assert queries.get(conn, good["id"])["result"] == {"counted": 3}
