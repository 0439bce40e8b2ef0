"""The refusals of the use-case layer (issue 11): what went wrong, as a message code with parameters.

Use-case functions (``service/<resource>.py``) raise these; they know nothing of HTTP or pages.
``service.errors`` maps them to HTTP once (status by kind; ``code``, ``params`` and the English
``detail`` in the body); ``service.web.render`` maps them to pages once (the message in the reader's
language). A not-found answer is the same for "does not exist" and "not yours to see", so ids
cannot be probed.
"""
from typing import Any

from pydantic_core import ErrorDetails, PydanticCustomError

from service.messages import Message, english
from service.validation import field_message


class DomainError(Exception):
    """A refusal a person can act on. ``field`` names the input it is about, when it is about one."""

    def __init__(self, code: str, *, field: str | None = None, **params: Any):
        self.message = Message(code, params)
        self.field = field
        super().__init__(english(self.message))

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.message.params)


class NotFound(DomainError):
    """It does not exist, or the acting user may not see it (the same answer, on purpose)."""


class Forbidden(DomainError):
    """The acting user may see it but not do this."""


class Conflict(DomainError):
    """Not now: the state of things forbids it (a final stage, a duplicate, a full position)."""


class Invalid(DomainError):
    """The input breaks a rule a schema cannot check alone (a period that ends before it starts)."""


class InvalidFields(Invalid):
    """An input that breaks field rules once merged with what is stored (a PATCH that clears a required
    field): pydantic's errors, answered like a request's own validation errors (a list of field errors)."""

    def __init__(self, errors: list[ErrorDetails], *, prefix: tuple[str, ...] = ("body",)):
        self.errors = [error | {"loc": (*prefix, *error["loc"])} for error in errors]
        first = field_message(errors[0])  # the refusal's own message: its first problem
        super().__init__(first.code, field=".".join(str(p) for p in errors[0]["loc"]) or None, **dict(first.params))


class Unauthenticated(DomainError):
    """No valid sign-in: the request must carry a live token (answered 401 with WWW-Authenticate)."""


class TooLarge(DomainError):
    """The upload is bigger than the service reads (413)."""


class Unavailable(DomainError):
    """What the use case needs is not ready yet (the salary models while they are fitted): 503, retry later."""

    retry_after_s = 60


class TooManyAttempts(DomainError):
    """Too many attempts from this address or for this account (sign-ins, registrations, resets): 429,
    try again in ``retry_after_s`` seconds (the message says it in minutes)."""

    def __init__(self, retry_after_s: int):
        self.retry_after_s = retry_after_s
        super().__init__("auth.throttled", minutes=-(-retry_after_s // 60))


class BadToken(DomainError):
    """A single-use token (a password reset link) that is unknown, used already or expired (400)."""


def not_found(what: str, identifier: int) -> NotFound:
    """The same answer for 'does not exist' and 'not yours to see', so ids cannot be probed
    (``what``: position, application or institution; the code is ``<what>.not_found``)."""
    params: dict[str, Any] = {f"{what}_id": identifier}
    return NotFound(f"{what}.not_found", **params)


def rule_refusal(exc: PydanticCustomError, field: str | None = None) -> "Invalid":
    """A rule of ours that a schema raised (service.validation.rule_broken), as the use case's refusal."""
    return Invalid(exc.type, field=field, **(exc.context or {}))
