"""Salary heterogeneity: the hub's report and charts, HR offices' suggestions while drafting (service.salaries)."""
from fastapi import APIRouter, Response, status

from service import plots, salaries
from service.deps import Conn, HROfficer, HubUser, Pool, SalaryModelsDep
from service.schemas.salaries import SalaryDraft

router = APIRouter(tags=["salaries"])


@router.post("/positions/salary-check", summary="The going rate for a role you are drafting, and a warning if you post below it")
def check_draft(conn: Conn, user: HROfficer, models: SalaryModelsDep, body: SalaryDraft) -> dict | None:
    return salaries.check_draft(conn, user, models, body)


@router.get("/hub/salaries", summary="Salary heterogeneity report: premiums, spread by role, does pay explain unfilled posts")
def report(_: HubUser, models: SalaryModelsDep) -> dict:
    return salaries.hub_report(models)


@router.get("/hub/salaries/premiums.png", response_class=Response, summary="Chart: institution pay premiums")
def premiums_png(_: HubUser, models: SalaryModelsDep) -> Response:
    return Response(plots.premiums_chart(salaries.ready_analysis(models).report["institution_premiums"]), media_type="image/png")


@router.get("/hub/salaries/roles.png", response_class=Response, summary="Chart: pay by comparable role")
def roles_png(_: HubUser, models: SalaryModelsDep) -> Response:
    return Response(plots.roles_chart(salaries.ready_analysis(models).report["roles"]), media_type="image/png")


@router.post("/hub/salaries/refit", status_code=status.HTTP_202_ACCEPTED, summary="Refit the salary models now (in the background)")
def refit(_: HubUser, models: SalaryModelsDep, pool: Pool) -> dict:
    models.start_background_fit(pool)
    return {"status": "fitting", "see": "/hub/salaries"}
