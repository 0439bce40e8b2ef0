"""The hiring gap for the hub: what stays unfilled, where, as monthly series and by a cut.

Positions and openings are shown whole. Counts of people (applications, offers, hires, declined
offers) are protected by models.privacy: the period is whole quarters; in each quarter, each count's
monthly totals, its totals by every cut and its quarter total are protected together; a count over
several quarters is shown only when every quarter showed it; a rate only when its counts are shown.
"""
from datetime import date
from functools import lru_cache

from models.gap import summarise
from models.indicators import quarter_start
from models.privacy import SMALL_CELL_THRESHOLD, combine, protect, protect_counts, share
from service import hub_data, overview
from service.attraction import quarter_end
from service.hub_data import AGGREGATES, Source
from service.queries import Connection

CUTS = hub_data.GAP_CUTS
# The report's cuts are the positions'; counts of people are also protected by the application's channel,
# with the same shared totals, so service.channels publishes them without a second protection to play against.
PROTECTED_CUTS = hub_data.PEOPLE_CUTS
MEASURES = ("applications", "offers", "hires", "offers_declined")


def _months(quarter: date) -> tuple[date, ...]:
    return tuple(date(quarter.year, quarter.month + i, 1) for i in range(3))


@lru_cache(maxsize=1024)
def _protected(quarter: date, tables: tuple) -> dict:
    """One quarter of one count: its monthly totals, its totals by every cut, protected together."""
    return protect_counts(tables, PROTECTED_CUTS, _months(quarter), cells_published=False)


def protected_counts(conn: Connection, start: date, end: date, source: Source = AGGREGATES) -> dict[str, list[dict]]:
    """For each count of people, its protected tables quarter by quarter."""
    tables = source.people_tables(conn, start, end)
    quarters = [quarter_start(start)]
    while quarter_end(quarters[-1]) < end:
        quarters.append(quarter_start(date.fromordinal(quarter_end(quarters[-1]).toordinal() + 1)))
    nothing = tuple(() for _ in PROTECTED_CUTS)
    return {measure: [_protected(q, tables.get((measure, q), nothing)) for q in quarters] for measure in MEASURES}


def _people(summary: dict, counts: dict) -> dict:
    """A summary's counts of people and the rates built on them, from protected counts."""
    hires, openings, applications = counts["hires"], summary["openings_opened"], counts["applications"]
    declined = counts["offers_declined"]
    return summary | {
        "applications": applications, "offers": counts["offers"], "hires": hires,
        "fill_rate": share(hires, openings) if hires is not None and openings >= hires else None,
        "applicants_per_opening": round(applications / openings, 2) if applications is not None and openings else None,
        "offer_acceptance_rate": share(hires, None if hires is None or declined is None else hires + declined),
    }


def _hired_now(conn: Connection, by: str, source: Source) -> dict:
    """Hires through the positions open now, by cut value, protected as a one-way table with its total."""
    hired = source.hired_now(conn, by)
    keys = sorted(hired, key=str)
    total = sum(hired.values())
    figures = {("cell", k): [[i]] for i, k in enumerate(keys)} | {"total": [list(range(len(keys)))]}
    small_total = 0 < total < SMALL_CELL_THRESHOLD
    hidden = protect([hired[k] for k in keys], figures, fixed={"total"}, hidden={"total"} if small_total else ())
    return {k: None if ("cell", k) in hidden else hired[k] for k in keys}


def report(conn: Connection, start: date, end: date, by: str, source: Source = AGGREGATES) -> dict:
    start, end = quarter_start(start), quarter_end(end)
    rows = source.monthly(conn, start, end, by)
    months = sorted({r["month"] for r in rows})
    cuts = sorted({r["cut"] for r in rows})
    protected = protected_counts(conn, start, end, source)
    open_now = {r["cut"]: r for r in source.open_now(conn, by)}
    hired_now = _hired_now(conn, by, source)
    candidates = overview.candidate_counts(conn, source)
    active = candidates["active"]
    open_openings = sum(int(r["openings"]) - int(r["hired"]) for r in open_now.values())

    def over_period(figure) -> dict:
        return {m: combine([{0: figure(q)} for q in protected[m]], [0])[0] for m in MEASURES}

    by_cut = {}
    for cut in cuts:
        now = open_now.get(cut)
        vacant = int(now["openings"]) - int(now["hired"]) if now else 0
        hired = hired_now.get(cut, 0) if now else 0
        counts = over_period(lambda q, cut=str(cut): q["cuts"][by].get(cut, {"total": 0})["total"])
        by_cut[cut] = _people(summarise([r for r in rows if r["cut"] == cut]), counts) | {
            "open_positions_now": int(now["open_positions"]) if now else 0,
            "vacant_openings_now": vacant,
            "vacancy_rate_now": share(vacant, None if hired is None else vacant + hired) if now else None,
        }
    monthly = []
    for month in months:
        quarter_index = (month.year - start.year) * 4 + (month.month - start.month) // 3
        counts = {m: protected[m][quarter_index]["columns"][month] for m in MEASURES}
        monthly.append({"month": month} | _people(summarise([r for r in rows if r["month"] == month]), counts))
    return {
        "period": {"start": start, "end": end}, "by": by,
        "total": _people(summarise(rows), over_period(lambda q: q["total"])) | {
            "vacant_openings_now": open_openings, "active_candidates": active,
            "openings_per_active_candidate": round(open_openings / active, 3) if active else None,
            "active_candidates_per_vacant_opening": round(active / open_openings, 1) if active and open_openings else None},
        "by_cut": by_cut,
        "monthly": monthly,
        "definitions": {
            "fill_rate": "hires / openings opened in the period",
            "offer_acceptance_rate": "hires / (hires + offers declined or withdrawn)",
            "median_days_to_fill": "opening date to the hire, in days",
            "vacancy_rate_now": "vacant openings / (vacant + filled) among open positions",
            "openings_per_active_candidate": "vacant openings today / candidates still looking (not hired)",
            "active_candidates_per_vacant_opening": "candidates still looking / vacant openings today",
            "suppression": "periods are whole quarters; a count of people is null when it is under 5 or would give one "
                           "back (in this table, another cut or another period), and so is a rate built on it",
        },
    }
