"""Invitations to apply."""
from datetime import date, datetime

from pydantic import BaseModel, Field

from service.schemas.common import DatabaseId, Input


class InvitationCreate(Input):
    candidate_id: DatabaseId = Field(description="a candidate from the position's ranking (GET /positions/{id}/matches)")
    message: str | None = Field(default=None, max_length=2000, description="a few words from the HR office, sent with it")


class InvitationRead(BaseModel):
    id: int
    position_id: int
    position_title: str
    institution_id: int
    institution_name: str
    candidate_id: int
    message: str | None
    created_at: datetime
    deadline: date | None
    applied: bool = Field(description="the candidate has applied to the position since")
