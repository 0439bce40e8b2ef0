"""Errors become 4xx answers a person can act on, never a 500 and never a leak.

Database errors the schemas could not catch are worded from PostgreSQL's main message only: its
detail ("Failing row contains (...)") would echo a whole row, search vectors included. Validation
errors are pydantic's, without the value that was sent (it may be a password, or a NaN that is not
JSON). The OpenAPI document describes the error answers as they really are.

The request's transaction has already been rolled back by the connection dependency when these run.
"""
import math

import psycopg
from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg import errors

from service.schemas.common import ErrorAnswer


def _detail(exc: psycopg.Error) -> str:
    return exc.diag.message_primary or type(exc).__name__


async def _integrity(_: Request, exc: psycopg.IntegrityError) -> JSONResponse:
    if isinstance(exc, errors.UniqueViolation):
        return JSONResponse({"detail": f"this already exists: {_detail(exc)}"}, status.HTTP_409_CONFLICT)
    if isinstance(exc, errors.ForeignKeyViolation):
        return JSONResponse({"detail": f"this refers to something that does not exist: {_detail(exc)}"},
                            status.HTTP_422_UNPROCESSABLE_CONTENT)
    return JSONResponse({"detail": f"the data is not consistent: {_detail(exc)}"}, status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _data(_: Request, exc: psycopg.DataError) -> JSONResponse:
    return JSONResponse({"detail": f"a value was not accepted: {_detail(exc)}"}, status.HTTP_422_UNPROCESSABLE_CONTENT)


def _plain(value) -> bool:
    return isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value))


def field_error(error: dict) -> dict:
    """A pydantic error as answered: where, what and which rule; not the input, not exception objects."""
    answer = {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if _plain(v)}
    return answer | ({"ctx": ctx} if ctx else {})


async def _invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse({"detail": [field_error(e) for e in exc.errors()]}, status.HTTP_422_UNPROCESSABLE_CONTENT)


def _document_errors(app: FastAPI) -> None:
    """FastAPI documents every 422 as a list of field errors; ours may also be one sentence (a rule the
    handler checks) or a list of sentences. Describe them as they are."""
    generate = app.openapi

    def openapi() -> dict:
        document = generate()
        schema = ErrorAnswer.model_json_schema(ref_template="#/components/schemas/{model}")
        components = document.setdefault("components", {}).setdefault("schemas", {})
        components.update(schema.pop("$defs", {}))
        components["HTTPValidationError"] = schema | {"title": "HTTPValidationError"}
        components.pop("ValidationError", None)
        return document

    app.openapi = openapi


def install(app: FastAPI) -> None:
    app.add_exception_handler(psycopg.IntegrityError, _integrity)
    app.add_exception_handler(psycopg.DataError, _data)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    _document_errors(app)
