"""Shared pieces of the request and response models."""
import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from models.taxonomy import REGIONS, RESEARCH_FIELDS, LanguageLevel
from service.validation import rule_broken

if TYPE_CHECKING:  # a Literal built from the taxonomy's data is beyond mypy: to it these are plain strings
    RegionCode = str
    ResearchField = str
else:
    RegionCode = Literal[tuple(REGIONS)]
    ResearchField = Literal[RESEARCH_FIELDS]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), Field(description="ISO 3166-1 alpha-2, e.g. IT")]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Skill = Annotated[str, StringConstraints(min_length=1, max_length=80)]
MAX_DATABASE_ID = 2**63 - 1  # ids are PostgreSQL bigints
DatabaseId = Annotated[int, Field(ge=1, le=MAX_DATABASE_ID)]
MAX_OFFSET = 1_000_000
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="how many rows to skip")]

# The days the service reports on (periods, quarters): wide enough for any ecosystem's life, narrow
# enough that date arithmetic on them (a period's default start, a quarter's last day) never overflows.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_day(day: date) -> date:
    """The day if the service reports on it; else a ValueError that gives the range."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise rule_broken("day.out_of_range", first=FIRST_DAY, last=LAST_DAY, day=day)
    return day


def iso_day(value: object) -> date:
    """A day written YYYY-MM-DD (nothing else: not a timestamp, not a week date), within the range."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return check_day(value)
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise rule_broken("day.format")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise rule_broken("day.no_such_day") from None
    return check_day(day)


# A day in a query string or a body that the service reports on.
ReportDay = Annotated[date, BeforeValidator(iso_day)]


# 12, 13 or 14 monthly payments a year. A range of whole numbers, not a Literal, so that a CSV cell ("13")
# is read as the number it says, as for every other numeric field of a bulk import.
MonthlyPayments = Annotated[int, Field(ge=12, le=14, description="monthly payments a year: 12, 13 or 14")]


class Input(BaseModel):
    """Base of every request body: unknown fields are an error, so a typo is reported, not ignored;
    numbers are finite (JSON has no NaN or Infinity, though Python's parser lets them through)."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class LanguageSkill(Input):
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")] = Field(
        description="ISO 639-1 code, e.g. 'it' or 'en'"
    )
    level: LanguageLevel


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


def validation_messages(exc: ValidationError) -> list[str]:
    """Pydantic's errors as short sentences: 'field.sub: what is wrong'."""
    messages = []
    for err in exc.errors():
        where = ".".join(str(part) for part in err["loc"])
        what = err["msg"].removeprefix("Value error, ")
        messages.append(f"{where}: {what}" if where else what)
    return messages


class FieldError(BaseModel):
    """One thing wrong with a request, as pydantic finds it; the value sent is never echoed back."""
    loc: list[str | int] = Field(description="where: 'body', 'query' or 'path', then the field's path")
    msg: str
    type: str = Field(description="pydantic's error type, e.g. missing, greater_than, finite_number")
    ctx: dict | None = Field(default=None, description="the rule's parameters, e.g. {'le': 100}")
    code: str = Field(description="the message code, e.g. field.required or position.salary_range")
    params: dict = Field(description="the message's parameters")


class MessageRead(BaseModel):
    """A message as the API gives it beside its English: the code and its parameters (service.messages),
    and the input field it is about when it is about one."""
    code: str
    params: dict = Field(default_factory=dict)
    field: str | None = None


class ErrorAnswer(BaseModel):
    """Every 4xx answer: a sentence, or a list of them (some as field errors). A refusal of the
    service's rules also names its message code and parameters (service.messages), for clients that
    word it themselves, and the input field it is about when it is about one."""
    detail: str | list[FieldError | str]
    code: str | None = Field(default=None, description="the message code, e.g. position.not_found")
    params: dict | None = Field(default=None, description="the message's parameters (numbers, dates, names)")
    field: str | None = Field(default=None, description="the input field the refusal is about")
