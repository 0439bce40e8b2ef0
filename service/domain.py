"""The refusals of the use-case layer (issue 11): what went wrong, as a message code with parameters.

Use-case functions (``service/<resource>.py``) raise these; they know nothing of HTTP or pages.
``service.errors`` maps them to HTTP once (status by kind; ``code``, ``params`` and the English
``detail`` in the body); ``service.web.render`` maps them to pages once (the message in the reader's
language). A not-found answer is the same for "does not exist" and "not yours to see", so ids
cannot be probed.
"""
from typing import Any

from service.messages import Message, english


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
