"""Database errors the schemas could not catch become 4xx answers a person can act on, never a 500.

The request's transaction has already been rolled back by the connection dependency when these run.
"""
import logging

import psycopg
from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from psycopg import errors
from psycopg_pool import PoolTimeout

from service.admission import DatabaseBusy


def _detail(exc: psycopg.Error) -> str:
    diag = exc.diag
    return " ".join(part for part in (diag.message_primary, diag.message_detail) if part) or str(exc)


async def _integrity(_: Request, exc: psycopg.IntegrityError) -> JSONResponse:
    if isinstance(exc, errors.UniqueViolation):
        return JSONResponse({"detail": f"this already exists: {_detail(exc)}"}, status.HTTP_409_CONFLICT)
    if isinstance(exc, errors.ForeignKeyViolation):
        return JSONResponse({"detail": f"this refers to something that does not exist: {_detail(exc)}"},
                            status.HTTP_422_UNPROCESSABLE_CONTENT)
    return JSONResponse({"detail": f"the data is not consistent: {_detail(exc)}"}, status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _data(_: Request, exc: psycopg.DataError) -> JSONResponse:
    return JSONResponse({"detail": f"a value was not accepted: {_detail(exc)}"}, status.HTTP_422_UNPROCESSABLE_CONTENT)


# --- Database down or service overloaded (issue 10): 503 with Retry-After, never a 500 ---
log = logging.getLogger("ecotalent.errors")
DEFAULT_RETRY_AFTER_SECONDS = 2


def unavailable(request: Request, message: str) -> JSONResponse:
    settings = getattr(request.app.state, "settings", None)
    retry_after_s = settings.retry_after_seconds if settings else DEFAULT_RETRY_AFTER_SECONDS
    return JSONResponse({"detail": f"{message}: try again in {retry_after_s} s"}, status.HTTP_503_SERVICE_UNAVAILABLE,
                        headers={"Retry-After": str(retry_after_s)})


async def _busy(request: Request, exc: DatabaseBusy) -> JSONResponse:
    return unavailable(request, exc.reason)


async def _database_unavailable(request: Request, exc: psycopg.OperationalError) -> JSONResponse:
    # The driver's text can name hosts and sockets: it goes to the log, not to the client.
    log.warning("database unavailable for %s %s: %s", request.method, request.url.path, exc)
    if isinstance(exc, PoolTimeout):  # also TooManyRequests
        return unavailable(request, "the database did not give a connection in time (it may be down or restarting)")
    if isinstance(exc, errors.QueryCanceled):
        return unavailable(request, "the database took too long to answer")
    return unavailable(request, "the database is unavailable")


def install(app: FastAPI) -> None:
    app.add_exception_handler(psycopg.IntegrityError, _integrity)
    app.add_exception_handler(psycopg.DataError, _data)
    app.add_exception_handler(DatabaseBusy, _busy)
    app.add_exception_handler(psycopg.OperationalError, _database_unavailable)
