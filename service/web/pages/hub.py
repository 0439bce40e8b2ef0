"""The hub's dashboard: hiring gap, allocation, salary heterogeneity, attracted talent, impact indicators."""
from datetime import date

from fastapi import APIRouter, Request, Response

from models.indicators import by_family
from service import allocation, hub, indicators, plots, salaries
from service.attraction import CUTS as ATTRACTION_CUTS
from service.deps import Conn, SalaryModelsDep
from service.domain import DomainError
from service.gap import CUTS as GAP_CUTS
from service.messages import Message
from service.queries import Connection
from service.salaries import SalaryModels
from service.schemas.auth import UserRead
from service.web.charts import grouped_bars
from service.web.i18n import N_, gettext, labeller, language_of
from service.web.render import attempt, page
from service.web.session import HubPage, PageError

router = APIRouter(prefix="/app/hub")

GAP_SERIES = ["openings_opened", "hires", "unfilled_past_deadline"]


def _quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _day(value: str | None) -> date | None:
    """A date the form sent (YYYY-MM-DD), None when left empty; ValueError when it is no date."""
    return date.fromisoformat(value) if value else None


@router.get("")
def dashboard(request: Request, conn: Conn, user: HubPage, models: SalaryModelsDep, by: str = "institution", start: str | None = None,
              end: str | None = None):
    return _dashboard(request, conn, user, models, by, start, end)


def _dashboard(request: Request, conn: Connection, user: UserRead, models: SalaryModels, by: str, start: str | None, end: str | None,
               export: dict | None = None):
    """The dashboard; ``export``: the quarters an export of the indicators was refused for, and why."""
    by = by if by in GAP_CUTS else "institution"
    attracted_by = by if by in ATTRACTION_CUTS else "institution"
    today = date.today()
    first_quarter = _quarter_of(date(today.year - 1, 1, 1))
    # A period the hub cannot have (no date, or the end before the start) is shown at the form, in the
    # page's language, over the dashboard of the default period (answered 422, as the API does).
    period_problem: Message | str | None = None
    try:
        first_day, last_day = _day(start), _day(end)
    except ValueError:
        period_problem, first_day, last_day = N_("Dates are written YYYY-MM-DD."), None, None
    gap = None
    if period_problem is None:
        gap, period_problem = attempt(conn, hub.hiring_gap, conn, user, first_day, last_day, by)
    # One after another on the request's own connection: each view uses one connection, so dashboards
    # cannot starve the pool (run at once on three more, ten views took all of it: issue 10).
    try:
        gap = gap or hub.hiring_gap(conn, user, None, None, by)
        attracted = hub.attracted(conn, user, None, None, attracted_by)
        # The gap's period when it was accepted, else the default one the dashboard shows.
        chosen = (first_day, last_day) if period_problem is None else (None, None)
        channels = hub.channel_report(conn, user, *chosen)
        quarters = indicators.quarterly(conn, user, first_quarter, _quarter_of(today))
    except DomainError as exc:
        raise PageError(422, exc.message) from None
    months = [m | {"label": m["month"][:7] if isinstance(m["month"], str) else m["month"].strftime("%Y-%m")} for m in gap["monthly"]]
    report, salaries_problem = attempt(conn, salaries.hub_report, models)
    return page(request, "hub/dashboard.html", user, status_code=422 if period_problem or export else 200, export=export,
                gap=gap, by=by, cuts=GAP_CUTS, start=start or "", end=end or "", period_problem=period_problem,
                months=months, chart=grouped_bars(months, "label", GAP_SERIES), attracted=attracted, attracted_by=attracted_by,
                channels=channels,
                salaries=report, salaries_problem=salaries_problem,
                indicators={"from": first_quarter, "to": _quarter_of(today)} | by_family(quarters),
                allocation_run=allocation.latest_run(conn, user), allocation_done=allocation.latest_run(conn, user, finished=True),
                what_if={})


@router.get("/indicators.csv")
def indicators_csv(request: Request, conn: Conn, user: HubPage, models: SalaryModelsDep, first: str = "", last: str = "") -> Response:
    rows, problem = attempt(conn, indicators.quarterly, conn, user, first, last)
    if problem:  # the dashboard again, the refusal at the export form
        return _dashboard(request, conn, user, models, "institution", None, None,
                          export={"first": first, "last": last, "problem": problem})
    italian = language_of(request) == "it"  # Italian spreadsheet programs split on ';' and read 0,5
    return Response(indicators.as_csv(rows, italian=italian).encode(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="indicators-{first}-{last}.csv"'})


@router.get("/charts/{name}.png")
def salary_chart(request: Request, user: HubPage, models: SalaryModelsDep, name: str) -> Response:
    _ = gettext(language_of(request))
    analysis = models.analysis
    if analysis is None:
        raise PageError(503, N_("The salary models are being fitted: reload in a minute."))
    if name == "premiums":
        image = plots.premiums_chart(analysis.report["institution_premiums"], title=_("Institution pay premiums"),
                                     xlabel=_("pay against the ecosystem for the same role, % (interval at 95%)"))
    elif name == "roles":
        label = labeller(_)
        image = plots.roles_chart(analysis.report["roles"], title=_("Pay by comparable role"),
                                  xlabel=_("gross full-time pay, EUR per year (bar: interquartile range; red: outlying institutions)"),
                                  label=lambda role: f"{label(role['contract_type'])}, {role['career_stage']} (n={role['positions']})")
    else:
        raise PageError(404, N_("There is no such chart."))
    return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})
