"""Positions: what an HR office posts."""
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, computed_field, field_validator, model_validator

from models.salary import normalise_position
from models.taxonomy import (
    CareerStage,
    ContractType,
    EducationLevel,
    PositionStatus,
    RemoteOption,
    SalaryBasis,
    SalaryPeriod,
)
from service.schemas.common import (
    DatabaseId,
    FieldError,
    Input,
    LanguageSkill,
    LongText,
    MessageRead,
    MonthlyPayments,
    Offset,
    RegionCode,
    ResearchField,
    ShortText,
    Skill,
)
from service.validation import rule_broken

SalaryAmount = Annotated[float, Field(gt=0, le=10_000_000)]


class PositionFields(Input):
    """Every field of a position; all optional so a partial update (PATCH) can reuse them."""
    title_it: ShortText | None = None
    title_en: ShortText | None = None
    description_it: LongText | None = None
    description_en: LongText | None = None
    fields: list[ResearchField] | None = Field(default=None, max_length=10)
    settore_concorsuale: Annotated[str, StringConstraints(pattern=r"^\d{2}/[A-Z]\d$")] | None = Field(
        default=None, description="e.g. 09/H1")
    ssd: Annotated[str, StringConstraints(max_length=20)] | None = Field(default=None, description="e.g. ING-INF/05")
    career_stage: CareerStage | None = None
    contract_type: ContractType | None = None
    salary_min: SalaryAmount | None = None
    salary_max: SalaryAmount | None = None
    salary_period: SalaryPeriod | None = None
    salary_basis: SalaryBasis | None = None
    monthly_payments: MonthlyPayments | None = None
    hours_per_week: Annotated[float, Field(gt=0, le=60)] | None = None
    duration_months: Annotated[int, Field(ge=1, le=120)] | None = None
    city: ShortText | None = None
    region: RegionCode | None = None
    remote: RemoteOption | None = None
    openings: Annotated[int, Field(ge=1, le=1000)] | None = None
    opening_date: date | None = None
    deadline: date | None = None
    status: PositionStatus | None = None
    funding_programme: ShortText | None = None
    funding_mission: ShortText | None = None
    spoke: Annotated[int, Field(ge=1, le=50)] | None = None
    required_skills: list[Skill] | None = Field(default=None, max_length=50)
    languages: list[LanguageSkill] | None = Field(default=None, max_length=10)
    education_level: EducationLevel | None = None
    min_years_experience: Annotated[float, Field(ge=0, le=60)] | None = None
    call_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)] | None = Field(
        default=None, description="the official call's page (the institution's albo, the national portal), if any")
    contact_email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)] | None = Field(
        default=None, description="an office's address for questions about the post")


class PositionUpdate(PositionFields):
    """A partial update: only the fields sent change; null clears a field (a list becomes empty)."""

    @field_validator("fields", "required_skills", "languages")
    @classmethod
    def _null_list_is_empty(cls, value: list | None) -> list:
        return [] if value is None else value


class PositionCreate(PositionFields):
    """A new position. Required: a title and a description (Italian, English or both), career stage
    and contract type. The whole position is checked for consistency, also after an update."""
    career_stage: CareerStage
    contract_type: ContractType
    fields: list[ResearchField] = Field(default_factory=list, max_length=10)
    salary_period: SalaryPeriod = "year"
    salary_basis: SalaryBasis = "gross_person"
    monthly_payments: MonthlyPayments = 12
    hours_per_week: Annotated[float, Field(gt=0, le=60)] = 36
    remote: RemoteOption = "onsite"
    openings: Annotated[int, Field(ge=1, le=1000)] = 1
    status: PositionStatus = "draft"
    required_skills: list[Skill] = Field(default_factory=list, max_length=50)
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=10)
    min_years_experience: Annotated[float, Field(ge=0, le=60)] = 0

    @model_validator(mode="after")
    def _consistent(self) -> "PositionCreate":
        if not (self.title_it or self.title_en):
            raise rule_broken("position.title_required")
        if not (self.description_it or self.description_en):
            raise rule_broken("position.description_required")
        if self.salary_min and self.salary_max and self.salary_min > self.salary_max:
            raise rule_broken("position.salary_range", low=self.salary_min, high=self.salary_max)
        if self.deadline and self.opening_date and self.deadline < self.opening_date:
            raise rule_broken("position.deadline_before_opening", deadline=self.deadline, opening=self.opening_date)
        if self.status == "open" and self.deadline and self.deadline < date.today():
            raise rule_broken("position.open_past_deadline", deadline=self.deadline)
        return self


class PositionRead(BaseModel):
    id: int
    institution_id: int
    institution_name: str
    institution_city: str | None = Field(default=None, description="where the institution's HR office is")
    title_it: str | None
    title_en: str | None
    description_it: str | None
    description_en: str | None
    fields: list[str]
    settore_concorsuale: str | None
    ssd: str | None
    career_stage: str
    contract_type: str
    salary_min: float | None
    salary_max: float | None
    salary_period: str
    salary_basis: str
    monthly_payments: int
    hours_per_week: float
    duration_months: int | None
    city: str | None
    region: str | None
    remote: str
    openings: int
    opening_date: date
    deadline: date | None
    status: str
    funding_programme: str | None
    funding_mission: str | None
    spoke: int | None
    required_skills: list[str]
    languages: list[dict]
    education_level: str | None
    min_years_experience: float
    call_url: str | None = None
    contact_email: str | None = None
    created_at: datetime
    updated_at: datetime
    salary_check: dict | None = Field(default=None, description="on create and update: the going rate for the role, "
                                      "and a warning when the posting is below it")

    # mypy does not support decorators over @property; pydantic's documented form is this one.
    @computed_field(description="the posted pay as comparable yearly figures (upper end of a range)")  # type: ignore[prop-decorator]
    @property
    def salary_normalised(self) -> dict | None:
        normalised = normalise_position(self.model_dump(include={
            "salary_min", "salary_max", "contract_type", "salary_period", "salary_basis", "monthly_payments", "hours_per_week"}))
        return None if normalised is None else asdict(normalised)


class PositionFilters(BaseModel):
    """Query-string filters of the position list."""
    q: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="Words to find in titles and descriptions (Italian or English)")
    institution_id: DatabaseId | None = None
    region: RegionCode | None = None
    career_stage: CareerStage | None = None
    contract_type: ContractType | None = None
    field: ResearchField | None = None
    status: PositionStatus | None = None
    remote: RemoteOption | None = None
    limit: int = Field(default=50, ge=1, le=200)
    offset: Offset = 0


class RejectedRow(BaseModel):
    row: int = Field(description="1-based row number in the uploaded file (after the CSV header)")
    errors: list[str] = Field(description="what is wrong, in English")
    error_messages: list[MessageRead] = Field(default_factory=list,
                                              description="the same problems as message codes, in the same order")


class ImportReport(BaseModel):
    mode: Literal["all_or_nothing", "per_row"]
    received: int
    created: int
    created_ids: list[int]
    salary_checks: list[dict | None] = Field(default_factory=list, description=(
        "one per created position, in the order of created_ids: the going rate for the role and a warning "
        "when the posting is below it; null while no salary model is ready"))
    rejected: list[RejectedRow]


class ImportRefused(BaseModel):
    """A refused import: why the file could not be read, or (all_or_nothing) the report of its rows;
    ``code`` and ``params`` say the same as a message (e.g. import.no_rows, import.rejected)."""
    detail: str | list[FieldError | str] | ImportReport
    code: str | None = None
    params: dict | None = None
    field: str | None = None
