"""Attracted talent for the hub: every hire classified by models.attraction, counted by a cut,
with the PNRR quotas beside the actuals. Counts of people are protected by models.privacy: periods
are whole quarters, each quarter's tables for every cut protected together, and a figure over
several quarters shown only when every quarter showed it."""
from datetime import date, timedelta
from functools import lru_cache

from models.attraction import CLASSES
from models.indicators import RESEARCH_CONTRACTS, quarter_start
from models.privacy import combine, protect_counts, safe_share, share
from service import hub_data
from service.hub_data import AGGREGATES, Source
from service.queries import Connection
from service.queries import hub as queries

CUTS = hub_data.HIRE_CUTS
# PNRR rules: at least 30% of additional hires under 36 and women; 40% women among researchers in national centres.
GROUPS = {"attracted": tuple(c for c in CLASSES if c.startswith("from_")),
          "not_attracted": tuple(c for c in CLASSES if not c.startswith("from_"))}
QUOTAS = {"under_36": 0.30, "women": 0.30, "women_researchers_national_centres": 0.40}
origin = hub_data.origin


def quarter_end(day: date) -> date:
    """The last day of the quarter ``day`` falls in."""
    start = quarter_start(day)
    return date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1) - timedelta(days=1)


@lru_cache(maxsize=512)
def _protected(tables: tuple) -> dict:
    """One quarter's tables for every cut, protected together (models.privacy); the same quarter
    always gives the same answer, whichever cut or range asked for it."""
    return protect_counts(tables, CUTS, CLASSES, groups=GROUPS)


def protected_quarters(conn: Connection, first: date | None, last: date | None,
                       source: Source = AGGREGATES) -> dict[date, dict]:
    """Each quarter's protected tables, for the hires starting from ``first`` to ``last`` (None: no bound)."""
    return {quarter: _protected(tables) for quarter, tables in source.hire_tables(conn, first, last).items()}


def _over(quarters: list[dict], figure) -> int | None:
    """A figure over several quarters: published only when every quarter published it."""
    return combine([{0: figure(q)} for q in quarters], [0])[0]


def report(conn: Connection, start_from: date, start_to: date, by: str, source: Source = AGGREGATES) -> dict:
    start_from, start_to = quarter_start(start_from), quarter_end(start_to)
    quarters = list(protected_quarters(conn, start_from, start_to, source).values())
    values = sorted({v for q in quarters for v in q["cuts"][by]}, key=str)

    def row(cut: str, value: str):
        return lambda q: q["cuts"][cut].get(value, {"total": 0})["total"]

    def cell(value: str, cls: str):
        return lambda q: q["cuts"][by][value]["cells"][cls] if value in q["cuts"][by] else 0

    total = _over(quarters, lambda q: q["total"])
    researchers = [j for j in source.hire_jobs(conn, start_from, start_to) if j["contract_type"] in RESEARCH_CONTRACTS]
    women_researchers = sum(j["n"] for j in researchers if j["gender"] == "woman")
    return {
        "period": {"start_from": start_from, "start_to": start_to}, "by": by,
        "totals": {"total": total, "cells": {c: _over(quarters, lambda q, c=c: q["columns"][c]) for c in CLASSES}},
        "attracted": {"total": total, "cells": {g: _over(quarters, lambda q, g=g: q["groups"][g]) for g in GROUPS}},
        "cells": {v: {"total": _over(quarters, row(by, v)), "cells": {c: _over(quarters, cell(v, c)) for c in CLASSES}}
                  for v in values},
        "quotas": {
            "under_36": {"actual": share(_over(quarters, row("age_band", "under_36")), total), "target": QUOTAS["under_36"]},
            "women": {"actual": share(_over(quarters, row("gender", "woman")), total), "target": QUOTAS["women"]},
            "women_researchers_national_centres": {
                "actual": safe_share(women_researchers, sum(j["n"] for j in researchers)), "target": QUOTAS["women_researchers_national_centres"],
                "applies_to": "national centres; shown for every ecosystem's research contracts"},
            "note": "a share is hidden when it would reveal a group under 5 people",
        },
        "rule": "attracted: lived or mainly worked outside the ecosystem's regions for more than 12 of the 36 months "
                "before starting; 'unknown' when gaps in the history could change that",
        "suppression": "periods are whole quarters; a count of people is null when it is under 5 or would give one back, "
                       "in this table, another cut or another period",
    }


def origins_before_erasure(conn: Connection, candidate_id: int) -> dict[int, str]:
    """Each of a candidate's hires classified now, to keep the class once the history is erased."""
    return {row["id"]: origin(row) for row in queries.hires(conn, "-infinity", "infinity", candidate_id=candidate_id)}
