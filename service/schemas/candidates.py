"""Candidate profiles: the candidate's own data, read and written only by them."""
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator, model_validator

from models.taxonomy import CareerStage, EducationLevel, Gender, PlaceKind, RemotePreference
from service.schemas.common import (
    CountryCode,
    Input,
    LanguageSkill,
    LongText,
    RegionCode,
    ResearchField,
    ShortText,
    Skill,
)
from service.validation import rule_broken

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254, to_lower=True)]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
Language = Literal["en", "it"]  # the pages' languages (service.web.i18n.LANGUAGES)


class Place(Input):
    """A period lived (residence) or mainly worked (work) somewhere; what the attracted-talent rule reads."""
    kind: PlaceKind
    country: CountryCode
    region: RegionCode | None = Field(default=None, description="NUTS-2 code, for places in Italy")
    start_date: date
    end_date: date | None = Field(default=None, description="Empty while it goes on")

    @model_validator(mode="after")
    def _consistent(self) -> "Place":
        if self.end_date and self.end_date < self.start_date:
            raise rule_broken("place.ends_before_start", start=self.start_date, end=self.end_date)
        if self.region and self.country != "IT":
            raise rule_broken("place.region_abroad")
        return self


class ProfileFields(Input):
    full_name: ShortText | None = None
    email: Email | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{6,20}$")] | None = None
    headline: ShortText | None = None
    cv_text: LongText | None = None
    skills: list[Skill] | None = Field(default=None, max_length=100)
    fields: list[ResearchField] | None = Field(default=None, max_length=10)
    career_stage: CareerStage | None = None
    degree: EducationLevel | None = None
    years_experience: Annotated[float, Field(ge=0, le=60)] | None = None
    languages: list[LanguageSkill] | None = Field(default=None, max_length=20)
    nationality: CountryCode | None = None
    gender: Gender | None = None
    birth_year: Annotated[int, Field(ge=1930, le=2015)] | None = None
    current_country: CountryCode | None = None
    current_region: RegionCode | None = None
    expected_salary_eur_year: Annotated[float, Field(gt=0, le=10_000_000)] | None = None
    mobility_regions: list[RegionCode] | None = Field(default=None, max_length=21)
    remote_preference: RemotePreference | None = None
    available_from: date | None = None
    accepts_invitations: bool | None = Field(default=None, description="HR offices may invite you to apply (true by default)")
    language: Language | None = Field(default=None, description="the language of the e-mails ecotalent sends you")
    places: list[Place] | None = Field(default=None, max_length=50, description="Replaces the whole history when sent")


class ProfileUpdate(ProfileFields):
    """A partial update of the candidate's own profile: only the fields sent change; null clears a
    field (a list becomes empty)."""

    @field_validator("skills", "fields", "languages", "mobility_regions")
    @classmethod
    def _null_list_is_empty(cls, value: list | None) -> list:
        return [] if value is None else value

    @model_validator(mode="after")
    def _region_in_italy(self) -> "ProfileUpdate":
        if self.current_region and self.current_country and self.current_country != "IT":
            raise rule_broken("candidate.region_abroad")
        return self


class CandidateRegister(Input):
    email: Email
    password: Password
    full_name: ShortText
    consent: bool = Field(description="Agreement to the processing of the profile's data; required")
    language: Language = Field(default="en", description="the language of the e-mails ecotalent sends you")

    @model_validator(mode="after")
    def _consented(self) -> "CandidateRegister":
        if not self.consent:
            raise rule_broken("candidate.consent_required")
        return self


class PlaceRead(BaseModel):
    kind: str
    country: str
    region: str | None
    start_date: date
    end_date: date | None


class CandidateRead(BaseModel):
    id: int
    full_name: str
    email: str
    phone: str | None
    consent_at: datetime
    headline: str | None
    cv_text: str | None
    skills: list[str]
    fields: list[str]
    career_stage: str | None
    degree: str | None
    years_experience: float | None
    languages: list[dict]
    nationality: str | None
    gender: str | None
    birth_year: int | None
    current_country: str | None
    current_region: str | None
    expected_salary_eur_year: float | None
    mobility_regions: list[str]
    remote_preference: str | None
    available_from: date | None
    accepts_invitations: bool
    language: str
    places: list[PlaceRead]
    created_at: datetime
    updated_at: datetime


class CandidateBrief(BaseModel):
    """What an HR office sees of a candidate in a match list."""
    id: int
    full_name: str
    headline: str | None
    career_stage: str | None
    skills: list[str]
    fields: list[str]
    years_experience: float | None
    current_country: str | None
    current_region: str | None
    accepts_invitations: bool = Field(default=True, description="HR offices may invite them to apply")
