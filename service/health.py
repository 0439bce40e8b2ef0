"""/health: does the database answer, and how much embedding work is queued.

A load balancer or an operator asks this often and needs an answer within a second even when the
database is gone: the connection is waited for briefly, the query runs under a statement timeout,
and when the pool gives nothing a direct connection attempt tells "down" from "busy".
"""
import psycopg
from fastapi import FastAPI, status
from fastapi.responses import JSONResponse
from psycopg_pool import PoolTimeout

from service.queries import embeddings
from service.queries.health import limit_statement_time


def _why_no_connection(conninfo: str) -> str:
    try:
        with psycopg.connect(conninfo, connect_timeout=2):
            pass
    except psycopg.Error as exc:
        # What failed (refused, no socket, starting up, ...), without the host or socket path before it.
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"the database does not accept connections ({first_line.rsplit('failed: ', 1)[-1].strip()})"
    return "the database answers, but no pooled connection was ready in time (reconnecting, or every connection is busy)"


def report(app: FastAPI) -> JSONResponse:
    settings, pool = app.state.settings, app.state.pool
    timeout_s = settings.health_timeout_seconds
    body = {"status": "ok", "database": "ok", "embedding_queue": None, "requests": app.state.admission.stats()}
    try:
        with pool.connection(timeout=timeout_s) as conn:
            limit_statement_time(conn, timeout_s * 1000)
            body["embedding_queue"] = {"pending_jobs": embeddings.pending(conn)}
        return JSONResponse(body)
    except PoolTimeout:
        body["database"] = _why_no_connection(pool.conninfo)
    except psycopg.Error as exc:
        body["database"] = f"the database failed to answer: {type(exc).__name__}"
    body["status"] = "unavailable"
    return JSONResponse(body, status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": str(settings.retry_after_seconds)})
