"""Accounts and tokens."""
from pydantic import BaseModel

from models.taxonomy import Role
from service.schemas.candidates import Email, Password


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class UserRead(BaseModel):
    id: int
    email: str
    role: Role
    institution_id: int | None
    candidate_id: int | None


class PasswordChange(BaseModel):
    current_password: str
    new_password: Password


class ResetRequest(BaseModel):
    email: Email


class ResetConfirm(BaseModel):
    token: str
    new_password: Password
