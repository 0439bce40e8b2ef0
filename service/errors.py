"""Errors become 4xx answers a person can act on, never a 500 and never a leak.

Database errors the schemas could not catch are worded from PostgreSQL's main message only: its
detail ("Failing row contains (...)") would echo a whole row, search vectors included. Validation
errors are pydantic's, without the value that was sent (it may be a password, or a NaN that is not
JSON). The OpenAPI document describes the error answers as they really are.

The request's transaction has already been rolled back by the connection dependency when these run.
"""
import logging
import math
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import psycopg
from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from psycopg import errors
from psycopg_pool import PoolTimeout

from service.admission import DatabaseBusy
from service.domain import (
    BadToken,
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    InvalidFields,
    NotFound,
    TooLarge,
    TooManyAttempts,
    Unauthenticated,
    Unavailable,
)
from service.messages import Message, english, for_api
from service.schemas.common import ErrorAnswer
from service.validation import field_message


def _detail(exc: psycopg.Error) -> str:
    return exc.diag.message_primary or type(exc).__name__


def said(message: Message, http_status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    """A message as the API answers it: its English as ``detail``, its ``code`` and ``params``."""
    return JSONResponse({"detail": english(message)} | jsonable_encoder(for_api(message)), http_status, headers=headers)


async def _integrity(_: Request, exc: psycopg.IntegrityError) -> JSONResponse:
    reason = {"reason": _detail(exc)}
    if isinstance(exc, errors.UniqueViolation):
        return said(Message("data.duplicate", reason), status.HTTP_409_CONFLICT)
    if isinstance(exc, errors.ForeignKeyViolation):
        return said(Message("data.unknown_reference", reason), status.HTTP_422_UNPROCESSABLE_CONTENT)
    return said(Message("data.inconsistent", reason), status.HTTP_422_UNPROCESSABLE_CONTENT)


async def _data(_: Request, exc: psycopg.DataError) -> JSONResponse:
    return said(Message("data.value_refused", {"reason": _detail(exc)}), status.HTTP_422_UNPROCESSABLE_CONTENT)


_DOMAIN_STATUS = {NotFound: status.HTTP_404_NOT_FOUND, Forbidden: status.HTTP_403_FORBIDDEN,
                  Conflict: status.HTTP_409_CONFLICT, Invalid: status.HTTP_422_UNPROCESSABLE_CONTENT,
                  Unauthenticated: status.HTTP_401_UNAUTHORIZED, TooLarge: status.HTTP_413_CONTENT_TOO_LARGE,
                  Unavailable: status.HTTP_503_SERVICE_UNAVAILABLE, TooManyAttempts: status.HTTP_429_TOO_MANY_REQUESTS,
                  BadToken: status.HTTP_400_BAD_REQUEST}


def domain_answer(exc: DomainError) -> dict:
    """A use case's refusal as the API answers it: the English, the code and its parameters."""
    answer = {"detail": str(exc), "code": exc.code, "params": jsonable_encoder(exc.params)}
    return answer | ({"field": exc.field} if exc.field else {})


def _headers(exc: DomainError) -> dict[str, str]:
    if isinstance(exc, Unauthenticated):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, Unavailable | TooManyAttempts):
        return {"Retry-After": str(exc.retry_after_s)}
    return {}


def refusal(exc: DomainError) -> JSONResponse:
    """A use case's refusal as the API answers it. Handlers return it instead of raising when the
    request's transaction must still commit (a failed sign-in that was just counted)."""
    http_status = next((code for kind, code in _DOMAIN_STATUS.items() if isinstance(exc, kind)),
                       status.HTTP_422_UNPROCESSABLE_CONTENT)
    if isinstance(exc, InvalidFields):  # answered like the request's own validation: a list of field errors
        return JSONResponse({"detail": [field_error(e) for e in exc.errors]}, http_status)
    return JSONResponse(domain_answer(exc), http_status, headers=_headers(exc))


async def _refused(_: Request, exc: DomainError) -> JSONResponse:
    return refusal(exc)


def _plain(value) -> bool:
    return isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value))


def field_error(error: Mapping[str, Any]) -> dict:
    """A pydantic error as answered: where, what and which rule, and its message code with parameters;
    not the input, not exception objects."""
    message = field_message(error)
    answer = {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"],
              "code": message.code, "params": jsonable_encoder(dict(message.params))}
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

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to extend the schema


# --- Database down or service overloaded (issue 10): 503 with Retry-After, never a 500 ---
log = logging.getLogger("ecotalent.errors")
DEFAULT_RETRY_AFTER_SECONDS = 2


def unavailable(request: Request, code: str, **params) -> JSONResponse:
    settings = getattr(request.app.state, "settings", None)
    retry_after_s = settings.retry_after_seconds if settings else DEFAULT_RETRY_AFTER_SECONDS
    return said(Message(code, params | {"seconds": retry_after_s}), status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": str(retry_after_s)})


async def _busy(request: Request, exc: DatabaseBusy) -> JSONResponse:
    return unavailable(request, exc.code, **exc.params)


async def _database_unavailable(request: Request, exc: psycopg.OperationalError) -> JSONResponse:
    # The driver's text can name hosts and sockets: it goes to the log, not to the client.
    log.warning("database unavailable for %s %s: %s", request.method, request.url.path, exc)
    if isinstance(exc, PoolTimeout):  # also TooManyRequests
        return unavailable(request, "database.no_connection")
    if isinstance(exc, errors.QueryCanceled):
        return unavailable(request, "database.too_slow")
    return unavailable(request, "database.unavailable")


E = TypeVar("E", bound=Exception)


def _handle(app: FastAPI, kind: type[E], handler: Callable[[Request, E], Awaitable[Response]]) -> None:
    """app.add_exception_handler, with the handler's exception type checked against ``kind``."""
    # Starlette types every handler as taking any Exception; it calls this one only with a ``kind``.
    app.add_exception_handler(kind, handler)  # type: ignore[arg-type]


def install(app: FastAPI) -> None:
    _handle(app, psycopg.IntegrityError, _integrity)
    _handle(app, psycopg.DataError, _data)
    _handle(app, RequestValidationError, _invalid_request)
    _handle(app, DomainError, _refused)
    _document_errors(app)
    _handle(app, DatabaseBusy, _busy)
    _handle(app, psycopg.OperationalError, _database_unavailable)
