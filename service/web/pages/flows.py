"""The hub's talent flows page: one Sankey diagram per kind of flow over the period (origin ->
partner, partner -> partner, academia <-> company), each with the table of its figures beside it,
then a table per quarter. The figures are service.flows' protected counts; hidden links are not
drawn and their total is stated."""
from datetime import date

from fastapi import APIRouter, Request

from service import flows
from service.deps import Conn
from service.messages import Message
from service.web import sankey
from service.web.i18n import N_, gettext, language_of
from service.web.render import attempt, page
from service.web.session import HubPage

router = APIRouter(prefix="/app/hub/flows")
ORIGIN_NAMES = {"abroad_eu": N_("Abroad: European Union"), "abroad_europe_other": N_("Abroad: rest of Europe"),
                "abroad_world": N_("Abroad: rest of the world"), "other_region": N_("Another Italian region"),
                "same_region": N_("The ecosystem's regions"), "unknown": N_("Origin unknown")}
SECTOR_NAMES = {"academia": N_("Academia"), "company": N_("Companies")}
TITLES = {"origin": N_("Where hires came from"), "partners": N_("Moves between partners"),
          "sectors": N_("Moves between academia and companies")}


def _labeller(request: Request, names: dict[str, str]):
    _ = gettext(language_of(request))

    def label(key: str) -> str:
        kind, _sep, value = key.partition(":")
        if kind == "origin":
            return _(ORIGIN_NAMES.get(value, value))
        if kind == "sector":
            return _(SECTOR_NAMES.get(value, value))
        if kind == "spoke":
            return _("No spoke") if value == "none" else _("Spoke {n}", n=value)
        return names.get(key, key)
    return label


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _diagram(table: dict) -> dict:
    """The diagram's geometry; sources and targets drawn apart even when a key is both (a partner)."""
    sources = [s for s, n in table["sources"].items() if n != 0]
    targets = list(table["targets"])
    links = [{**link, "target": "to:" + link["target"]} for link in table["links"]]
    d = sankey.layout(sources, ["to:" + t for t in targets], links,
                      table["sources"] | {"to:" + t: n for t, n in table["targets"].items()})
    for node in d["targets"]:
        node["key"] = node["key"].removeprefix("to:")
    for band in d["bands"]:
        band["target"] = band["target"].removeprefix("to:")
    return d


def _links(table: dict) -> list[dict]:
    """The links a table lists: not zero, and never a partner to itself (a move is to another partner)."""
    return [link for link in table["links"] if link["count"] != 0
            and not (link["source"] == link["target"] and link["source"].startswith("partner:"))]


@router.get("")
def flows_page(request: Request, conn: Conn, user: HubPage):
    level = request.query_params.get("level", "partner")
    form = {"level": level, "start": request.query_params.get("start", ""), "end": request.query_params.get("end", "")}
    problem: Message | str | None = None
    if level not in flows.LEVELS:
        problem, level = N_("Choose partners, spokes or the whole ecosystem."), "partner"
    try:
        start, end = _day(form["start"]), _day(form["end"])
    except ValueError:
        problem, start, end = N_("Write the dates as year-month-day, e.g. 2026-01-31."), None, None
    reports: dict[str, dict] = {}
    for kind in flows.KINDS:
        report, refused = attempt(conn, flows.hub_report, conn, user, kind, level, start, end)
        if report is None:
            problem = problem or refused
            report = flows.hub_report(conn, user, kind, level, None, None)
        reports[kind] = report
    names = next(iter(reports.values()))["names"] | {k: v for r in reports.values() for k, v in r["names"].items()}
    return page(request, "hub/flows.html", user, status_code=422 if problem else 200, form=form, problem=problem,
                reports=reports, diagrams={k: _diagram(r["combined"]) for k, r in reports.items()},
                node=_labeller(request, names), titles=TITLES, levels=flows.LEVELS, links=_links)
