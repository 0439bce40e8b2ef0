"""An HR office's review of applications: ratings, stage changes of several at once, and the review itself."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from service.schemas.applications import ApplicationRead
from service.schemas.common import DatabaseId, Input, ShortText
from service.validation import rule_broken

MAX_BULK = 100  # applications in one bulk action


class RatingChange(Input):
    rating: Annotated[int, Field(ge=1, le=5)] | None = Field(description="1 to 5 stars; null clears the rating")


class BulkStageChange(Input):
    application_ids: list[DatabaseId] = Field(min_length=1, max_length=MAX_BULK,
                                              description="applications to the office's own positions")
    stage: Literal["screening", "interview", "offer", "rejected"] = Field(
        description="a hire is recorded one application at a time, with its start date")
    note: ShortText | None = Field(default=None, description="kept in each application's history (a rejection's message)")

    @field_validator("application_ids")
    @classmethod
    def _distinct(cls, ids: list[int]) -> list[int]:
        if len(set(ids)) != len(ids):
            raise rule_broken("application.bulk_repeated")
        return ids


class RatingRead(BaseModel):
    application_id: int
    rating: int | None
    rated_at: datetime | None
    rated_by_email: str | None


class BulkResult(BaseModel):
    moved: list[ApplicationRead]


class HistoryEvent(BaseModel):
    from_stage: str | None
    to_stage: str
    changed_at: datetime
    note: str | None
    changed_by_role: str | None = Field(description="candidate or hr; null once that account is gone")
    changed_by_email: str | None


class CvFileRead(BaseModel):
    filename: str
    content_type: str
    size_bytes: int
    uploaded_at: datetime
    extracted_text: str | None = Field(description="the text read from the file: saved as the CV text only when "
                                                   "the candidate confirms it (PATCH /candidates/me with cv_text)")


class LanguageProposal(BaseModel):
    language: str
    level: str


class EuropassProposal(BaseModel):
    """Profile fields read from a Europass CV, not saved: PATCH /candidates/me with those you keep."""
    full_name: str | None
    headline: str | None
    skills: list[str]
    languages: list[LanguageProposal]
    cv_text: str | None = Field(description="the work and education history, one line each")
