"""Impact indicators recorded with their evidence."""
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, field_validator

from models.indicators import RECORDED, parse_quarter, quarter_label
from service.schemas.common import FIRST_DAY, LAST_DAY, DatabaseId, Input, LongText, ShortText, check_day
from service.validation import rule_broken


def quarter_day(text: str) -> date:
    """The first day of a quarter written like 2026-Q3, within the days the service reports on; else the
    rule indicator.quarter_format (a pydantic error a schema reports, or a use case turns into a refusal)."""
    try:
        return check_day(parse_quarter(text))
    except ValueError:
        raise rule_broken("indicator.quarter_format", first=quarter_label(FIRST_DAY), last=quarter_label(LAST_DAY)) from None


if TYPE_CHECKING:  # a Literal built from data is beyond mypy: to it this is a plain string
    RecordedIndicator = str
else:
    RecordedIndicator = Literal[tuple(RECORDED)]


class IndicatorRecord(Input):
    indicator: RecordedIndicator
    quarter: str = Field(description="e.g. 2026-Q3")
    value: Annotated[float, Field(ge=0, le=1e13)]
    description: ShortText
    evidence: LongText = Field(description="where the figure can be checked: a contract, an invoice, a report")
    partner_ids: list[DatabaseId] = Field(default_factory=list, max_length=50,
                                          description="the partner institutions involved (synergy: at least two)")
    institution_id: DatabaseId | None = Field(default=None, description="hub only; HR officers record for their own")

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        quarter_day(value)
        return value
