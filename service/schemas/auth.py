"""Accounts and tokens."""
from pydantic import BaseModel

from models.taxonomy import Role
from service.domain import Forbidden
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

    # The users table holds an institution for every hr account and only for those, and a profile for
    # every candidate account and only for those (CHECK constraints): code reached only by that role
    # (deps.HROfficer, deps.CandidateUser, the pages' HRPage and CandidatePage) reads the id from these.

    @property
    def own_institution_id(self) -> int:
        """The HR officer's institution."""
        if self.institution_id is None:
            raise Forbidden("role.hr_only", role=self.role)
        return self.institution_id

    @property
    def own_candidate_id(self) -> int:
        """The candidate's own profile."""
        if self.candidate_id is None:
            raise Forbidden("role.candidate_only", role=self.role)
        return self.candidate_id


class PasswordChange(BaseModel):
    current_password: str
    new_password: Password


class ResetRequest(BaseModel):
    email: Email


class ResetConfirm(BaseModel):
    token: str
    new_password: Password
