"""The hiring gap for the hub: what stays unfilled, where, as monthly series and by a cut."""
from datetime import date

from psycopg import Connection

from models.gap import summarise, vacancy_rate
from service.queries import gap as queries

CUTS = tuple(queries.CUT_COLUMNS)


def report(conn: Connection, start: date, end: date, by: str) -> dict:
    rows = queries.monthly(conn, start, end, by)
    months = sorted({r["month"] for r in rows})
    cuts = sorted({r["cut"] for r in rows})
    open_now = {r["cut"]: r for r in queries.open_now(conn, by)}
    active = queries.active_candidates(conn)
    open_openings = sum(int(r["openings"]) - int(r["hired"]) for r in open_now.values())
    by_cut = {}
    for cut in cuts:
        now = open_now.get(cut)
        vacant = int(now["openings"]) - int(now["hired"]) if now else 0
        by_cut[cut] = summarise([r for r in rows if r["cut"] == cut]) | {
            "open_positions_now": int(now["open_positions"]) if now else 0,
            "vacant_openings_now": vacant,
            "vacancy_rate_now": vacancy_rate(vacant, int(now["hired"])) if now else None,
        }
    return {
        "period": {"start": start, "end": end}, "by": by,
        "total": summarise(rows) | {"vacant_openings_now": open_openings, "active_candidates": active,
                                    "openings_per_active_candidate": round(open_openings / active, 3) if active else None},
        "by_cut": by_cut,
        "monthly": [{"month": month} | summarise([r for r in rows if r["month"] == month]) for month in months],
        "definitions": {
            "fill_rate": "hires / openings opened in the period",
            "offer_acceptance_rate": "hires / (hires + offers declined or withdrawn)",
            "median_days_to_fill": "opening date to the hire, in days",
            "vacancy_rate_now": "vacant openings / (vacant + filled) among open positions",
            "suppression": "counts of people under 5, and rates built on them, are null",
        },
    }
