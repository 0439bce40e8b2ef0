"""Salary heterogeneity: the hub's report and charts, HR offices' suggestions while drafting."""
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import Field

from models.salary import full_time_hours
from models.taxonomy import CareerStage, ContractType, SalaryBasis, SalaryPeriod
from service import plots, salaries
from service.deps import Conn, HROfficer, HubUser
from service.queries import salaries as queries
from service.schemas.common import Input, RegionCode, ResearchField

router = APIRouter(tags=["salaries"])


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
    monthly_payments: Literal[12, 13, 14] = 12
    hours_per_week: Annotated[float, Field(gt=0, le=60)] | None = None


def _analysis(request: Request) -> salaries.SalaryAnalysis:
    models: salaries.SalaryModels = request.app.state.salaries
    if models.analysis is None:
        detail = models.error or "the salary models are being fitted: retry in a minute"
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail, headers={"Retry-After": "60"})
    return models.analysis


def salary_check(conn, request: Request, institution_id: int, draft: dict) -> dict | None:
    """A suggestion for a drafted position, or None while no model is ready (used by the positions router)."""
    analysis = request.app.state.salaries.analysis
    if analysis is None:
        return None
    context = queries.institution_context(conn, institution_id)
    return salaries.suggestion(analysis, draft | {
        "field": (draft.get("fields") or [None])[0],
        "institution_kind": context["institution_kind"],
        "region": draft.get("region") or context["region"],
        "hours_per_week": draft.get("hours_per_week") or full_time_hours(draft["contract_type"]),
    })


@router.post("/positions/salary-check", summary="The going rate for a role you are drafting, and a warning if you post below it")
def check_draft(request: Request, conn: Conn, user: HROfficer, body: SalaryDraft) -> dict:
    _analysis(request)
    return salary_check(conn, request, user.institution_id, body.model_dump())


@router.get("/hub/salaries", summary="Salary heterogeneity report: premiums, spread by role, does pay explain unfilled posts")
def report(request: Request, _: HubUser) -> dict:
    analysis = _analysis(request)
    return {"fitted_on": analysis.fingerprint} | analysis.report


@router.get("/hub/salaries/premiums.png", response_class=Response, summary="Chart: institution pay premiums")
def premiums_png(request: Request, _: HubUser) -> Response:
    return Response(plots.premiums_chart(_analysis(request).report["institution_premiums"]), media_type="image/png")


@router.get("/hub/salaries/roles.png", response_class=Response, summary="Chart: pay by comparable role")
def roles_png(request: Request, _: HubUser) -> Response:
    return Response(plots.roles_chart(_analysis(request).report["roles"]), media_type="image/png")


@router.post("/hub/salaries/refit", status_code=status.HTTP_202_ACCEPTED, summary="Refit the salary models now (in the background)")
def refit(request: Request, _: HubUser) -> dict:
    request.app.state.salaries.start_background_fit(request.app.state.pool)
    return {"status": "fitting", "see": "/hub/salaries"}
