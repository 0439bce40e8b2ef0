"""Applications and their stage changes."""
from datetime import date, datetime

from pydantic import BaseModel, Field, model_validator

from models.taxonomy import ApplicationStage, Channel
from service.schemas.candidates import CandidateBrief
from service.schemas.common import DatabaseId, Input, LongText, ShortText
from service.validation import rule_broken


class ApplicationCreate(Input):
    position_id: DatabaseId
    cover_letter: LongText | None = None
    channel: Channel = Field(default="direct", description="the channel named by the link the candidate followed "
                                                           "(its ?channel=...); direct when none")


class StageChange(Input):
    stage: ApplicationStage
    note: ShortText | None = None
    start_date: date | None = Field(default=None, description="Required when the stage is 'hired'")

    @model_validator(mode="after")
    def _hire_has_start(self) -> "StageChange":
        if self.stage == "hired" and self.start_date is None:
            raise rule_broken("application.hire_needs_start_date")
        if self.stage != "hired" and self.start_date is not None:
            raise rule_broken("application.start_date_only_for_hire")
        return self


class CandidateSummary(CandidateBrief):
    """What an HR office sees of a candidate who applied to one of its positions: also how to reach them."""
    email: str


class ApplicationRead(BaseModel):
    id: int
    position_id: int
    position_title: str
    institution_id: int
    institution_name: str
    candidate_id: int | None
    stage: str
    channel: str
    cover_letter: str | None
    hire_start_date: date | None
    created_at: datetime
    updated_at: datetime
    candidate: CandidateSummary | None = None


class ApplicationEventRead(BaseModel):
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    note: str | None
