"""Shared pieces of the request and response models."""
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from models.taxonomy import REGIONS, RESEARCH_FIELDS, LanguageLevel

RegionCode = Literal[tuple(REGIONS)]
ResearchField = Literal[RESEARCH_FIELDS]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"), Field(description="ISO 3166-1 alpha-2, e.g. IT")]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Skill = Annotated[str, StringConstraints(min_length=1, max_length=80)]
DatabaseId = Annotated[int, Field(ge=1, le=2**63 - 1)]


class Input(BaseModel):
    """Base of every request body: unknown fields are an error, so a typo is reported, not ignored."""
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


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
