"""The twin as a background job (service.jobs): runs too long for a request (up to twin.MAX_RUNS per
scenario) are queued by the hub, show their progress at GET /jobs/{id}, and keep their result there.
The scenarios are checked when the run is queued, so a wrong one is a 422 then, not a failed job later."""
import json
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from service import twin
from service.domain import Forbidden
from service.jobs import JobKind, JobRegistry, Progress, submit
from service.queries import Connection
from service.schemas.auth import UserRead

KIND = "twin"


class TwinRun(BaseModel):
    """What a background run of the twin simulates."""
    model_config = ConfigDict(extra="forbid")

    months: int = Field(12, ge=twin.MIN_MONTHS, le=twin.MAX_MONTHS, description="months to simulate")
    runs: int = Field(200, ge=1, le=twin.MAX_RUNS, description="Monte Carlo runs per scenario")
    seed: int = Field(1, ge=0, le=2**31 - 1, description="the same seed gives the same figures")
    scenarios: list[str] = Field(default_factory=list, max_length=twin.MAX_SCENARIOS,
                                 description="pay_raise:PERCENT[:ID,ID], abroad[:ID,ID], extend:DAYS[:ID,ID], shared:ID,ID")
    start: date | None = Field(None, description="first day of a month; default this month's")


def _params(conn: Connection, run: TwinRun) -> twin.TwinParams:
    return twin.TwinParams(months=run.months, runs=run.runs, seed=run.seed, scenarios=tuple(run.scenarios),
                           start=run.start, institutions=twin.partner_ids(conn))


def job_kind() -> JobKind:
    def run_job(conn: Connection, parameters: BaseModel, progress: Progress) -> dict:
        assert isinstance(parameters, TwinRun)
        report = twin.run(conn, _params(conn, parameters), progress)
        return json.loads(json.dumps(report, default=str))  # its dates as ISO text, as the API writes them
    return JobKind(KIND, run_job, TwinRun, frozenset({"hub"}))


def queue_run(conn: Connection, registry: JobRegistry, user: UserRead | None, run: TwinRun) -> dict:
    """Queues a twin run for the hub (``user`` None: the command line); returns the job."""
    if user is not None and user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    twin.check(_params(conn, run))
    return submit(conn, registry, user, KIND, run)
