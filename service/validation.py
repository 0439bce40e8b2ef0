"""What pydantic finds wrong with an input, as messages: a code with parameters per field path.

Schema validators that check a rule of the service raise ``PydanticCustomError(code, english, params)``
with a code of ``service.messages``: such an error is its own message. Pydantic's built-in checks map
to the ``field.*`` codes below; the value that was sent is never part of a message.
"""
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from service.messages import MESSAGES, Message

# pydantic's error type -> our code (pydantic's own parameters, e.g. ``ge``, are the message's)
FIELD_CODES = {
    "missing": "field.required", "string_too_short": "field.too_short", "string_too_long": "field.too_long",
    "too_long": "field.too_many", "literal_error": "field.choose_option", "enum": "field.choose_option",
    "float_parsing": "field.number", "float_type": "field.number", "decimal_parsing": "field.number",
    "finite_number": "field.finite_number", "int_parsing": "field.whole_number", "int_type": "field.whole_number",
    "int_from_float": "field.whole_number", "int_parsing_size": "field.whole_number",
    "greater_than": "field.above", "greater_than_equal": "field.at_least", "less_than_equal": "field.at_most",
    "less_than": "field.below", "date_parsing": "field.date", "date_from_datetime_parsing": "field.date",
    "date_type": "field.date", "date_from_datetime_inexact": "field.date", "string_pattern_mismatch": "field.format",
    "bool_parsing": "field.yes_or_no", "bool_type": "field.yes_or_no", "list_type": "field.list",
    "dict_type": "field.object", "model_type": "field.object", "model_attributes_type": "field.object",
    "string_type": "field.text", "extra_forbidden": "field.unexpected",
}


def _plain(value: object) -> bool:
    return isinstance(value, (str, bool, int, date)) or (isinstance(value, float) and math.isfinite(value))


def rule_broken(code: str, **params: object) -> PydanticCustomError:
    """What a schema validator raises when the input breaks a rule of ours: pydantic reports it as an error
    of type ``code`` with its English and parameters, and ``field_message`` turns it back into the message."""
    return PydanticCustomError(code, MESSAGES[code].singular, params)


def field_message(error: Mapping[str, Any]) -> Message:
    """One pydantic error (an item of ``ValidationError.errors()``) as a message."""
    params = {k: v for k, v in (error.get("ctx") or {}).items() if _plain(v)}
    if error["type"] in MESSAGES:  # a rule of ours, raised as PydanticCustomError(code, ...)
        return Message(error["type"], params)
    if error["type"] == "value_error" and "email" in error["msg"]:
        return Message("field.email")
    code = FIELD_CODES.get(error["type"], "field.invalid")
    wanted = {name for name in ("gt", "ge", "lt", "le", "min_length", "max_length") if "{" + name + "}" in MESSAGES[code].singular}
    return Message(code, {k: v for k, v in params.items() if k in wanted})


def path_of(error: Mapping[str, Any], skip: int = 0) -> str:
    """'salary_min', 'places.0.start_date'; '' for the whole input. ``skip`` drops leading parts ('body')."""
    return ".".join(str(part) for part in error["loc"][skip:])


def field_messages(exc: ValidationError, skip: int = 0) -> dict[str, Message]:
    """The first message of each field path ('' holds those about the whole input)."""
    found: dict[str, Message] = {}
    for error in exc.errors():
        found.setdefault(path_of(error, skip), field_message(error))
    return found
