"""Accounts and tokens."""
from pydantic import BaseModel

from models.taxonomy import Role


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class UserRead(BaseModel):
    id: int
    email: str
    role: Role
    institution_id: int | None
    candidate_id: int | None
