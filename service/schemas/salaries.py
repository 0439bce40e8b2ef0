"""Salary checks of a drafted position."""
from typing import Annotated

from pydantic import Field

from models.taxonomy import CareerStage, ContractType, SalaryBasis, SalaryPeriod
from service.schemas.common import Input, MonthlyPayments, RegionCode, ResearchField


class SalaryDraft(Input):
    """The parts of a position that set its going rate, and optionally the salary you plan to post."""
    contract_type: ContractType
    career_stage: CareerStage
    fields: list[ResearchField] = Field(default_factory=list, max_length=10)
    region: RegionCode | None = Field(default=None, description="default: your institution's region")
    min_years_experience: Annotated[float, Field(ge=0, le=60)] = 0
    salary_min: Annotated[float, Field(gt=0, le=10_000_000)] | None = None
    salary_max: Annotated[float, Field(gt=0, le=10_000_000)] | None = None
    salary_period: SalaryPeriod = "year"
    salary_basis: SalaryBasis = "gross_person"
    monthly_payments: MonthlyPayments = 12
    hours_per_week: Annotated[float, Field(gt=0, le=60)] | None = None
