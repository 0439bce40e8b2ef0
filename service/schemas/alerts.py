"""Saved searches (with their e-mail alerts) and the outbox report."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from service.schemas.candidates import Language
from service.schemas.matching import PositionFilterFields

Frequency = Literal["instant", "daily", "weekly"]
SearchWords = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


class SavedSearchCreate(PositionFilterFields):
    """Words and the filters of the search page, or no words for "my matches" (positions fitting your profile)."""
    model_config = ConfigDict(extra="forbid")
    q: SearchWords | None = Field(default=None, description="the words searched; none: my matches")
    frequency: Frequency = Field(default="daily", description="instant: within minutes; daily or weekly: one e-mail a day or week")
    language: Language = Field(default="en", description="the language of the alert e-mails")


class SavedSearchUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    frequency: Frequency | None = None
    language: Language | None = None


class SavedSearchRead(BaseModel):
    id: int
    q: str | None
    regions: list[str] | None
    remote: str | None
    contract_type: str | None
    field: str | None
    institution_id: int | None
    min_salary_eur_year: float | None
    frequency: Frequency
    language: str
    created_at: datetime
    last_run_at: datetime | None
    next_run_at: datetime


class SavedSearchList(BaseModel):
    items: list[SavedSearchRead]


class FailedMail(BaseModel):
    id: int
    recipient: str
    subject: str
    kind: str
    attempts: int
    last_error: str | None
    created_at: datetime


class FailedMailPage(BaseModel):
    items: list[FailedMail]
    total: int
    limit: int
    offset: int


class OutboxReport(BaseModel):
    counts: dict[str, int] = Field(description="messages by status: queued, sent, failed")
    failed: FailedMailPage
