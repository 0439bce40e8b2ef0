"""Talent flows for the hub (issue 17): hires by origin into partners, spokes and the ecosystem;
moves between partners; moves between academia and companies. Drawn as Sankey diagrams.

Protection (models.privacy, models.flows): each calendar quarter's finest table is protected on its
own with ``models.flows.flows`` (origin -> partner for origins, partner -> partner for moves).
Everything else is a sum of figures that table shows, shown only when every part is shown
(``models.flows.coarsen`` for spokes, the ecosystem and sectors; ``over_periods`` for several
quarters), so no range, level or total published here can be subtracted from another to give back a
hidden count. A move is a hire whose same person's latest earlier hire in the ecosystem was at
another partner; academia <-> company moves are those moves by the two partners' sectors.
Person-level rows stay inside this module: the report holds counts only.
"""
from collections.abc import Callable
from datetime import date

from models import flows as fl
from models.attraction import Period
from models.indicators import quarter_label, quarter_start
from service import attraction
from service.domain import Forbidden
from service.hub import period
from service.queries import Connection, institutions
from service.queries import flows as queries
from service.schemas.auth import UserRead

KINDS = ("origin", "partners", "sectors")
LEVELS = ("partner", "spoke", "ecosystem")
DEFAULT_DAYS = 365


def _origin(row: dict) -> str:
    """A hire's flow origin: its attracted-talent class (service.attraction) with, for hires from
    abroad, the country group of where it mostly was; an erased hire keeps its class only."""
    cls = attraction.origin(row)
    if row["anonymous_facts"] is not None:
        return fl.origin(cls, None)  # the country went with the history
    periods = [Period(p["country"].strip(), p["region"], date.fromisoformat(p["start"]),
                      date.fromisoformat(p["end"]) if p["end"] else None) for p in row["places"]]
    return fl.origin(cls, fl.country_before(periods, row["hire_start_date"]))


def _pairs(rows: list[dict], kind: str) -> list[tuple[str, str]]:
    """One (source, target) pair per hire (per move for partners), at the partner level."""
    if kind == "origin":
        return [(f"origin:{_origin(r)}", f"partner:{r['institution_id']}") for r in rows]
    return [(f"partner:{r['before_id']}", f"partner:{r['institution_id']}") for r in rows
            if r["before_id"] is not None and r["before_id"] != r["institution_id"]]


def _quarter_table(rows: list[dict], kind: str) -> fl.Flows:
    sources = [f"origin:{o}" for o in fl.ORIGINS] if kind == "origin" else None
    return fl.flows(_pairs(rows, kind), sources)


def _level_maps(kind: str, level: str, ecosystem_id: int, partners: dict[str, dict]) -> tuple[Callable, Callable]:
    """How partner nodes merge at ``level`` (targets, and the sources of moves)."""
    def spoke(key: str) -> str:
        number = partners[key]["spoke"] if key in partners else None
        return f"spoke:{number if number is not None else 'none'}"

    def sector(key: str) -> str:
        return f"sector:{fl.sector(partners[key]['kind'])}" if key.startswith("partner:") else key
    at_level = {"partner": lambda key: key, "spoke": spoke, "ecosystem": lambda key: f"ecosystem:{ecosystem_id}"}[level]
    if kind == "origin":
        return (lambda key: key), at_level
    if kind == "sectors":
        return sector, (sector if level == "ecosystem" else at_level)
    return at_level, at_level


def _as_report(table: fl.Flows) -> dict:
    return {"total": table.total, "sources": table.sources, "targets": table.targets,
            "links": [{"source": s, "target": t, "count": n} for (s, t), n in table.links.items()],
            "hidden_links": sum(n is None for n in table.links.values()), "hidden_total": fl.hidden_total(table)}


def report(conn: Connection, ecosystem_id: int, kind: str, level: str, first: date, last: date) -> dict:
    """The flows of ``kind`` at ``level`` over the quarters [first, last] touches: each quarter's
    table and the whole period's, every count protected (see the module's docstring)."""
    first, last = quarter_start(first), attraction.quarter_end(last)
    rows = queries.hires(conn, ecosystem_id, first, last)
    partners = {f"partner:{r['institution_id']}": {"name": r["institution"], "kind": r["kind"], "spoke": r["spoke"]} for r in rows}
    partners |= {f"partner:{r['before_id']}": {"name": r["before_name"], "kind": r["before_kind"], "spoke": r["before_spoke"]}
                 for r in rows if r["before_id"] is not None}
    by_quarter: dict[date, list[dict]] = {}
    for row in rows:
        by_quarter.setdefault(quarter_start(row["hire_start_date"]), []).append(row)
    source_of, target_of = _level_maps(kind, level, ecosystem_id, partners)
    quarters = {q: fl.coarsen(_quarter_table(by_quarter[q], kind), source_of, target_of) for q in sorted(by_quarter)}
    ecosystem = institutions.get_ecosystem(conn, ecosystem_id)
    names = {key: p["name"] for key, p in partners.items()} | {f"ecosystem:{ecosystem_id}": ecosystem["name"] if ecosystem else ""}
    return {
        "kind": kind, "level": level, "ecosystem_id": ecosystem_id,
        "period": {"start": first, "end": last},
        "names": names,
        "combined": _as_report(fl.over_periods(list(quarters.values()))),
        "quarters": [{"quarter": quarter_label(q), "start": q, "end": attraction.quarter_end(q), **_as_report(t)}
                     for q, t in quarters.items()],
        "suppression": "periods are whole quarters; a count is null when under 5 or when it would give one back; "
                       "spokes, the ecosystem, sectors and several quarters are sums of shown figures only",
    }


def hub_report(conn: Connection, user: UserRead, kind: str, level: str, start: date | None, end: date | None) -> dict:
    """The hub office's flows, for its own ecosystem."""
    if user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    first, last = period(start, end, default_days=DEFAULT_DAYS)
    ecosystem_id = queries.hub_ecosystem(conn)
    if ecosystem_id is None:
        return {"kind": kind, "level": level, "ecosystem_id": None, "period": {"start": first, "end": last}, "names": {},
                "combined": _as_report(fl.flows([])), "quarters": []}
    return report(conn, ecosystem_id, kind, level, first, last)
