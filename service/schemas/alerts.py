"""Saved searches (with their e-mail alerts) and the outbox report."""
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from models.taxonomy import ContractType, RemoteOption
from service.schemas.common import DatabaseId, RegionCode, ResearchField

Frequency = Literal["instant", "daily", "weekly"]
SearchWords = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


class SavedSearchCreate(BaseModel):
    """Words and the filters of the search page, or no words for "my matches" (positions fitting your profile)."""
    model_config = ConfigDict(extra="forbid")
    q: SearchWords | None = Field(default=None, description="the words searched; none: my matches")
    regions: list[RegionCode] | None = Field(default=None, max_length=30, description="only positions in these NUTS-2 regions")
    remote: RemoteOption | None = None
    contract_type: ContractType | None = None
    field: ResearchField | None = None
    institution_id: DatabaseId | None = None
    min_salary_eur_year: Annotated[float, Field(gt=0, le=10_000_000)] | None = Field(
        default=None, description="gross per year to the person")
    frequency: Frequency = Field(default="daily", description="instant: within minutes; daily or weekly: one e-mail a day or week")
    language: Literal["en", "it"] = Field(default="en", description="the language of the alert e-mails")


class SavedSearchUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    frequency: Frequency | None = None
    language: Literal["en", "it"] | None = None


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
