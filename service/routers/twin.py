"""The hub's digital twin of recruitment (service.twin): scenarios by quarter with 80% bands, as JSON
or CSV, and its one-year backtest. The hub only; the figures are simulated, the backtest's actual
hires are counts of people and protected (models.privacy)."""
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Response, status

from service import twin, twin_runs
from service.deps import Conn, HubUser, Jobs
from service.schemas.common import ReportDay

router = APIRouter(prefix="/hub/twin", tags=["hub"])
API_MAX_RUNS = 200  # a request waits for its runs: longer ones are the CLI's or a background job's

Months = Annotated[int, Query(ge=twin.MIN_MONTHS, le=twin.MAX_MONTHS, description="months to simulate")]
Runs = Annotated[int, Query(ge=1, le=API_MAX_RUNS, description="Monte Carlo runs per scenario")]
Seed = Annotated[int, Query(ge=0, le=2**31 - 1, description="the same seed gives the same figures")]
Scenarios = Annotated[list[str], Query(max_length=twin.MAX_SCENARIOS, description=(
    "repeat for several: pay_raise:PERCENT[:ID,ID], abroad[:ID,ID], extend:DAYS[:ID,ID], shared:ID,ID"))]
Start = Annotated[ReportDay | None, Query(description="first day of a month; default this month's")]


def _params(months: int, runs: int, seed: int, scenario: list[str], start: date | None) -> twin.TwinParams:
    return twin.TwinParams(months=months, runs=runs, seed=seed, scenarios=tuple(scenario), start=start)


@router.get("", summary="Simulate the next months: openings filled, unfilled and attracted hires per quarter, per scenario")
def simulate(conn: Conn, user: HubUser, months: Months = 12, runs: Runs = 100, seed: Seed = 1,
             scenario: Scenarios = [], start: Start = None) -> dict:  # noqa: B006 (FastAPI copies defaults)
    return twin.hub_run(conn, user, _params(months, runs, seed, scenario, start))


@router.get(".csv", summary="The same simulation as CSV: a row per scenario, quarter and measure")
def simulate_csv(conn: Conn, user: HubUser, months: Months = 12, runs: Runs = 100, seed: Seed = 1,
                 scenario: Scenarios = [], start: Start = None, lang: Literal["en", "it"] = "en") -> Response:  # noqa: B006
    report = twin.hub_run(conn, user, _params(months, runs, seed, scenario, start))
    return Response(twin.as_csv(report, italian=lang == "it").encode(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="twin.csv"'})


@router.get("/backtest", summary="The twin started a year back against the hires recorded each month since")
def backtest(conn: Conn, user: HubUser, runs: Runs = 200, seed: Seed = 1) -> dict:
    return twin.hub_backtest(conn, user, runs, seed)


@router.post("/runs", status_code=status.HTTP_202_ACCEPTED,
             summary="Start a long twin simulation as a background job; poll GET /jobs/{id} for its progress and result")
def queue_run(conn: Conn, user: HubUser, registry: Jobs,
              run: Annotated[twin_runs.TwinRun, Body(description="what to simulate; {} for the defaults")]) -> dict:
    """Answers at once with the queued job (the same job when one with these parameters is already queued or
    running). Its result is what ``GET /hub/twin`` answers, for up to 1,000 runs per scenario."""
    return twin_runs.queue_run(conn, registry, user, run)
