"""Database errors the schemas could not catch become 4xx answers a person can act on, never a 500.

The request's transaction has already been rolled back by the connection dependency when these run.
"""
import psycopg
from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from psycopg import errors


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


def install(app: FastAPI) -> None:
    app.add_exception_handler(psycopg.IntegrityError, _integrity)
    app.add_exception_handler(psycopg.DataError, _data)
