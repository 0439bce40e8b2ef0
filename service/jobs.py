"""Background jobs: long computations run outside the request, with their progress and their result kept.

A use case queues a job of a registered kind (``submit``); a request answers 202 with it at once.
``JobWorker`` (a thread of the service) claims queued jobs with FOR UPDATE SKIP LOCKED, so several
instances never run one twice, and runs each kind's function ``run(conn, parameters, progress)``
in one transaction that also records the result. The function calls ``progress(done, total)`` as it
goes; a heartbeat thread writes the latest figures every few seconds on a connection of its own, so
readers (``GET /jobs/{id}``, the pages) see them while the job's transaction is still open. A job
that raises is recorded as failed with a message code (a DomainError's own, else ``job.failed``)
and the worker goes on. A running job whose heartbeat stopped (its service died) is marked failed
(``job.interrupted``) by the next worker that starts or idles; queued jobs simply wait for one.

A kind is registered in the lifespan (``JobRegistry``): the allocation (service.allocation) is one;
another module adds its own the same way.
"""
import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass

import psycopg
from psycopg_pool import ConnectionPool
from pydantic import BaseModel, ValidationError

from service.domain import DomainError, Forbidden, InvalidFields, NotFound
from service.messages import Message, for_api
from service.queries import Connection
from service.queries import jobs as queries
from service.schemas.auth import UserRead

log = logging.getLogger("ecotalent.jobs")

Progress = Callable[[int, int | None], None]  # progress(done, total): call it as often as you like
Connect = Callable[[], AbstractContextManager[Connection]]
INTERRUPTED = "job.interrupted"
FAILED = "job.failed"


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Connection, BaseModel, Progress], dict]  # returns the result (JSON-able)
    parameters: type[BaseModel]  # validates what a request asks for (a 422 names the field)
    roles: frozenset[str]        # who may queue it


class JobRegistry:
    def __init__(self, kinds: Iterable[JobKind] = ()):
        self._kinds: dict[str, JobKind] = {}
        for kind in kinds:
            self.register(kind)

    def register(self, kind: JobKind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"job kind {kind.name!r} is registered twice")
        self._kinds[kind.name] = kind

    def get(self, name: str) -> JobKind:
        if name not in self._kinds:
            raise NotFound("job.unknown_kind", kind=name)
        return self._kinds[name]

    @property
    def names(self) -> list[str]:
        return list(self._kinds)


def _audience(user: UserRead | None) -> tuple[str, int | None]:
    """Whose job it is: the role (and institution, for HR) of the user; the command line acts as the hub."""
    if user is None:
        return "hub", None
    return user.role, user.institution_id


def submit(conn: Connection, registry: JobRegistry, user: UserRead | None, kind_name: str, parameters: BaseModel | dict) -> dict:
    """Queues a job (``user`` None: the command line); the same kind and parameters already queued or running
    for the same readers is returned instead of a second one. The caller commits."""
    kind = registry.get(kind_name)
    if user is not None and user.role not in kind.roles:
        raise Forbidden("job.role_not_allowed", kind=kind.name, role=user.role)
    try:
        checked = kind.parameters.model_validate(parameters.model_dump() if isinstance(parameters, BaseModel) else parameters)
    except ValidationError as exc:
        raise InvalidFields(exc.errors(), prefix=("body",)) from None
    role, institution_id = _audience(user)
    values = checked.model_dump(mode="json")
    pending = queries.pending_like(conn, kind.name, values, role, institution_id)
    if pending is not None:
        return public(pending)
    return public(queries.enqueue(conn, kind.name, values, user.id if user else None, role, institution_id))


def _visible(job: dict, user: UserRead) -> bool:
    if job["requester_role"] != user.role or job["requester_institution_id"] != user.institution_id:
        return False
    return user.role in ("hub", "hr", "admin") or job["requested_by"] == user.id  # a candidate: only their own


def get(conn: Connection, user: UserRead, job_id: int) -> dict:
    """The job, to users of its requester's role (and institution); anyone else is told it does not exist."""
    job = queries.get(conn, job_id)
    if job is None or not _visible(job, user):
        raise NotFound("job.not_found", job_id=job_id)
    return public(job)


def latest(conn: Connection, user: UserRead | None, kind: str, *, finished: bool = False) -> dict | None:
    """The newest job of ``kind`` this user may read (``finished``: the newest one done)."""
    role, institution_id = _audience(user)
    job = queries.latest(conn, kind, role, institution_id, "done" if finished else None)
    return None if job is None or (user is not None and not _visible(job, user)) else public(job)


def public(job: dict) -> dict:
    """What a reader sees of a job: no account ids."""
    total, done = job["progress_total"], job["progress_done"]
    error = Message(job["error_code"], job["error_params"] or {}) if job["error_code"] else None
    return {
        "id": job["id"], "kind": job["kind"], "parameters": job["parameters"], "status": job["status"],
        "progress": {"done": done, "total": total, "share": round(min(done / total, 1.0), 3) if total else None},
        "result": job["result"], "error": for_api(error) if error else None,
        "created_at": job["created_at"], "started_at": job["started_at"], "finished_at": job["finished_at"],
    }


def perform(conn: Connection, job: dict, registry: JobRegistry, progress: Progress) -> bool:
    """Runs a claimed job on ``conn`` and records its outcome there: its result with the work in one
    transaction (a savepoint inside the caller's), or, when it raises, its error (the work undone).
    True when it is done. The caller commits."""
    try:
        kind = registry.get(job["kind"])
        with conn.transaction():
            result = kind.run(conn, kind.parameters.model_validate(job["parameters"]), progress)
            queries.finish(conn, job["id"], result)
        return True
    except DomainError as exc:
        queries.fail(conn, job["id"], exc.code, exc.params)
    except psycopg.OperationalError:
        raise  # the database is gone: nothing can be recorded; the job goes stale and is marked interrupted
    except Exception:
        log.exception("job %s (%s) failed", job["id"], job["kind"])
        queries.fail(conn, job["id"], FAILED, {"job_id": job["id"]})
    return False


class Heartbeat(threading.Thread):
    """The running job's progress and liveness, written every ``every_seconds`` on a connection of its own.
    Use it as the job's ``progress`` callable inside ``with``."""

    def __init__(self, connect: Connect, job_id: int, every_seconds: float = 2.0, also: Progress | None = None):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.connect, self.job_id, self.every_seconds, self.also = connect, job_id, every_seconds, also
        self._figures: tuple[int, int | None] = (0, None)
        self._lock, self._stopping = threading.Lock(), threading.Event()

    def __call__(self, done: int, total: int | None = None) -> None:
        with self._lock:
            self._figures = (done, total if total is not None else self._figures[1])
        if self.also is not None:
            self.also(done, total)

    def _write(self) -> None:
        with self._lock:
            done, total = self._figures
        try:
            with self.connect() as conn:
                queries.record_progress(conn, self.job_id, done, total)
        except Exception as exc:  # a missed beat is no failure of the job
            log.warning("job %s: progress not recorded: %s", self.job_id, exc)

    def run(self) -> None:
        while not self._stopping.wait(self.every_seconds):
            self._write()

    def __enter__(self) -> "Heartbeat":
        self.start()
        return self

    def __exit__(self, *_) -> None:
        self._stopping.set()
        self.join(timeout=30)


def run_claimed(connect: Connect, job: dict, registry: JobRegistry, *, heartbeat_seconds: float = 2.0,
                also: Progress | None = None) -> bool:
    """Runs a job already claimed (and committed as running), with its heartbeat; True when done."""
    with Heartbeat(connect, job["id"], heartbeat_seconds, also) as progress, connect() as conn:
        return perform(conn, job, registry, progress)


class JobWorker(threading.Thread):
    """Claims and runs queued jobs until stopped, resting ``idle_seconds`` when none is queued; marks
    running jobs whose heartbeat is older than ``stale_after_seconds`` as interrupted, at start and when idle."""

    def __init__(self, pool: ConnectionPool[Connection], registry: JobRegistry, idle_seconds: float = 1.0,
                 heartbeat_seconds: float = 2.0, stale_after_seconds: float = 60.0):
        super().__init__(name="job-worker", daemon=True)
        self.pool, self.registry = pool, registry
        self.idle_seconds, self.heartbeat_seconds, self.stale_after_seconds = idle_seconds, heartbeat_seconds, stale_after_seconds
        self._stopping = threading.Event()

    def run_next(self) -> bool:
        """Marks stale jobs, then claims and runs the oldest queued one; False when none was queued."""
        with self.pool.connection() as conn:
            for job_id in queries.fail_stale(conn, self.stale_after_seconds, INTERRUPTED):
                log.warning("job %s was running on a worker that stopped: marked interrupted", job_id)
            job = queries.claim_next(conn, self.registry.names)
        if job is None:
            return False
        log.info("job %s (%s) started", job["id"], job["kind"])
        run_claimed(self.pool.connection, job, self.registry, heartbeat_seconds=self.heartbeat_seconds)
        return True

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                ran = self.run_next()
            except psycopg.OperationalError as exc:
                log.warning("jobs paused, the database is unavailable: %s", (str(exc).strip() or type(exc).__name__).splitlines()[0])
                ran = False
            except Exception:  # the worker outlives anything a job or the database does
                log.exception("job worker step failed")
                ran = False
            if not ran:
                self._stopping.wait(self.idle_seconds)

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)
