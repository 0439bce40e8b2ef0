"""The hub's digital twin page: the levers as a plain GET form, the quarters of each scenario with
their 80% bands, the chart, the one-year backtest, and the CSV. Small runs, answered at once; longer
ones go through the API (GET /hub/twin, runs up to its cap) or the CLI (``ecotalent twin``)."""
from fastapi import APIRouter, Request, Response

from service import twin, twin_plots
from service.deps import Conn
from service.messages import Message
from service.queries import Connection
from service.schemas.auth import UserRead
from service.web.i18n import gettext, language_of
from service.web.render import attempt, page
from service.web.session import HubPage

router = APIRouter(prefix="/app/hub/twin")
PAGE_RUNS = 100  # runs per scenario the page simulates while the hub waits (about a second each on the demo)
LEVERS = ("raise_percent", "raise_ids", "abroad", "abroad_ids", "extend_days", "extend_ids", "shared_ids", "months")


def _scenarios(form: dict) -> list[str]:
    """The scenario texts (service.twin) the form's levers say."""
    chosen = []
    if form.get("raise_percent"):
        chosen.append(f"pay_raise:{form['raise_percent']}:{form.get('raise_ids', '')}".rstrip(":"))
    if form.get("abroad"):
        chosen.append(f"abroad:{form.get('abroad_ids', '')}".rstrip(":"))
    if form.get("extend_days"):
        chosen.append(f"extend:{form['extend_days']}:{form.get('extend_ids', '')}".rstrip(":"))
    if form.get("shared_ids"):
        chosen.append(f"shared:{form['shared_ids']}")
    return chosen


def _params(request: Request) -> tuple[dict, twin.TwinParams | None, Message | str | None]:
    form = {k: request.query_params.get(k, "").strip() for k in LEVERS}
    try:
        months = int(form["months"] or 12)
    except ValueError:
        return form, None, Message("twin.months_range", {"low": twin.MIN_MONTHS, "high": twin.MAX_MONTHS})
    return form, twin.TwinParams(months=months, runs=PAGE_RUNS, seed=1, scenarios=tuple(_scenarios(form))), None


def _run(conn: Connection, user: UserRead, request: Request) -> tuple[dict, dict | None, Message | str | None]:
    form, params, problem = _params(request)
    if params is None:
        return form, None, problem
    report, problem = attempt(conn, twin.hub_run, conn, user, params)
    return form, report, problem


@router.get("")
def twin_page(request: Request, conn: Conn, user: HubPage):
    form, report, problem = _run(conn, user, request)
    backtest = twin.hub_backtest(conn, user, PAGE_RUNS, 1)
    query = request.url.query
    return page(request, "hub/twin.html", user, status_code=422 if problem else 200, form=form, report=report,
                problem=problem, backtest=backtest, query=query)


def _words(request: Request) -> tuple:
    _ = gettext(language_of(request))
    return _, {"filled": _("Openings filled"), "unfilled": _("Openings left unfilled"), "attracted": _("Attracted hires"),
               "openings": _("openings per quarter (bar: mean; line: 8 runs in 10)"), "baseline": _("As things are"),
               "title": _("Recruitment twin: the next quarters by scenario")}


@router.get("/chart.png")
def chart(request: Request, conn: Conn, user: HubPage) -> Response:
    _, report, problem = _run(conn, user, request)
    _, words = _words(request)
    if report is None:  # the page shows the refusal; the chart shows the baseline
        report = twin.hub_run(conn, user, twin.TwinParams(runs=PAGE_RUNS))
    return Response(twin_plots.scenarios_chart(report, words), media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/backtest.png")
def backtest_chart(request: Request, conn: Conn, user: HubPage) -> Response:
    _ = gettext(language_of(request))
    report = twin.hub_backtest(conn, user, PAGE_RUNS, 1)
    words = {"band": _("simulated, 8 runs in 10"), "mean": _("simulated mean"), "actual": _("hires recorded"),
             "hires": _("hires per month"), "title": _("The twin started a year ago, against what happened")}
    return Response(twin_plots.backtest_chart(report, words), media_type="image/png", headers={"Cache-Control": "private, max-age=300"})
