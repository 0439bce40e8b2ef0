"""Staff accounts as the administrator creates them."""
from typing import Literal

from pydantic import Field, model_validator

from service.schemas.candidates import Email, Password
from service.schemas.common import DatabaseId, Input
from service.validation import rule_broken


class StaffAccountCreate(Input):
    email: Email
    password: Password = Field(description="at least 8 characters; tell it to its owner by a separate channel")
    # Administrators are created on the server only (`ecotalent users create --role admin`), so that an
    # administrator's token can never make another one; candidates register themselves.
    role: Literal["hub", "hr"]
    institution_id: DatabaseId | None = Field(default=None, description="required for an HR officer; none for the hub")

    @model_validator(mode="after")
    def _institution_fits_role(self) -> "StaffAccountCreate":
        if self.role == "hr" and self.institution_id is None:
            raise rule_broken("account.hr_needs_institution")
        if self.role == "hub" and self.institution_id is not None:
            raise rule_broken("account.hub_has_no_institution")
        return self
