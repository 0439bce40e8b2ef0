"""Background jobs (migration 0020): queue, claim with SKIP LOCKED, progress, outcome, reads."""
from psycopg.types.json import Jsonb

from service.queries import Connection, one

_COLUMNS = ("id, kind, parameters, status, progress_done, progress_total, result, error_code, error_params,"
            " requested_by, requester_role, requester_institution_id, created_at, started_at, heartbeat_at, finished_at")


def enqueue(conn: Connection, kind: str, parameters: dict, requested_by: int | None, role: str,
            institution_id: int | None) -> dict:
    return one(conn.execute(
        f"INSERT INTO jobs (kind, parameters, requested_by, requester_role, requester_institution_id)"
        f" VALUES (%s, %s, %s, %s, %s) RETURNING {_COLUMNS}",
        (kind, Jsonb(parameters), requested_by, role, institution_id)))


def claim_next(conn: Connection, kinds: list[str]) -> dict | None:
    """The oldest queued job of one of ``kinds`` that no other worker is claiming, marked running."""
    return conn.execute(
        f"""UPDATE jobs SET status = 'running', started_at = now(), heartbeat_at = now()
            WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind = ANY(%s)
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {_COLUMNS}""", (kinds,)).fetchone()


def claim(conn: Connection, job_id: int) -> dict | None:
    """That job, marked running, if it is queued and no one else is claiming it."""
    return conn.execute(
        f"""UPDATE jobs SET status = 'running', started_at = now(), heartbeat_at = now()
            WHERE id = (SELECT id FROM jobs WHERE id = %s AND status = 'queued' FOR UPDATE SKIP LOCKED)
            RETURNING {_COLUMNS}""", (job_id,)).fetchone()


def record_progress(conn: Connection, job_id: int, done: int, total: int | None) -> None:
    conn.execute("UPDATE jobs SET progress_done = %s, progress_total = %s, heartbeat_at = now()"
                 " WHERE id = %s AND status = 'running'", (done, total, job_id))


def finish(conn: Connection, job_id: int, result: dict) -> None:
    # Done is every step done: a job too short for its heartbeat to have written a total counts as one step.
    conn.execute("UPDATE jobs SET status = 'done', result = %s, finished_at = now(), heartbeat_at = now(),"
                 " progress_total = coalesce(progress_total, greatest(progress_done, 1)),"
                 " progress_done = coalesce(progress_total, greatest(progress_done, 1)) WHERE id = %s", (Jsonb(result), job_id))


def fail(conn: Connection, job_id: int, code: str, params: dict) -> None:
    conn.execute("UPDATE jobs SET status = 'failed', error_code = %s, error_params = %s, finished_at = now()"
                 " WHERE id = %s AND status IN ('queued', 'running')", (code, Jsonb(params), job_id))


def fail_stale(conn: Connection, stale_after_s: float, code: str) -> list[int]:
    """Running jobs whose worker has not written for ``stale_after_s`` (it stopped or died): failed with ``code``."""
    rows = conn.execute(
        "UPDATE jobs SET status = 'failed', error_code = %s, error_params = '{}', finished_at = now()"
        " WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => %s) RETURNING id",
        (code, stale_after_s)).fetchall()
    return [r["id"] for r in rows]


def get(conn: Connection, job_id: int) -> dict | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = %s", (job_id,)).fetchone()


def latest(conn: Connection, kind: str, role: str, institution_id: int | None, status: str | None = None) -> dict | None:
    """The newest job of ``kind`` readable by this role (and institution), of ``status`` if given."""
    return conn.execute(
        f"SELECT {_COLUMNS} FROM jobs WHERE kind = %s AND requester_role = %s"
        " AND requester_institution_id IS NOT DISTINCT FROM %s AND (%s::text IS NULL OR status = %s)"
        " ORDER BY id DESC LIMIT 1", (kind, role, institution_id, status, status)).fetchone()


def pending_like(conn: Connection, kind: str, parameters: dict, role: str, institution_id: int | None) -> dict | None:
    """A queued or running job of this kind with these parameters for the same readers, if there is one."""
    return conn.execute(
        f"SELECT {_COLUMNS} FROM jobs WHERE kind = %s AND parameters = %s AND requester_role = %s"
        " AND requester_institution_id IS NOT DISTINCT FROM %s AND status IN ('queued', 'running')"
        " ORDER BY id DESC LIMIT 1", (kind, Jsonb(parameters), role, institution_id)).fetchone()
