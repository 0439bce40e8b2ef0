"""The hub's overview: positions as they are, and counts of people protected (models.privacy).

Hires are the same people the attracted-talent report counts by quarter, so they are taken from
its protected quarters (a count over all time is shown only when every quarter showed it); the
applications' "hired" stage is that same count, and the other stages are protected around it.
"""
from models.privacy import SMALL_CELL_THRESHOLD, combine, protect
from service import attraction
from service.hub_data import AGGREGATES, Source
from service.queries import Connection


def _small(n: int) -> bool:
    return 0 < n < SMALL_CELL_THRESHOLD


def candidate_counts(conn: Connection, source: Source = AGGREGATES) -> dict[str, int | None]:
    """All candidates and those not hired anywhere (who could still fill a position): each shown
    only when it, and the difference between them (the candidates hired), are not small."""
    everyone, active = source.candidate_counts(conn)
    hidden = _small(everyone) or _small(active) or _small(everyone - active)
    return {"all": None if _small(everyone) else everyone, "active": None if hidden else active}


def hires(conn: Connection, source: Source = AGGREGATES) -> tuple[dict, list[dict]]:
    """Hires over all time by institution: ({"total", "cells"}, the protected quarters)."""
    quarters = list(attraction.protected_quarters(conn, None, None, source).values())
    institutions = sorted({v for q in quarters for v in q["cuts"]["institution"]})
    parts = [{"total": q["total"]} | {v: row["total"] for v, row in q["cuts"]["institution"].items()} for q in quarters]
    combined = combine(parts, ["total", *institutions])
    return {"total": combined["total"], "cells": {v: combined[v] for v in institutions}}, quarters


def report(conn: Connection, source: Source = AGGREGATES) -> dict:
    hired, _ = hires(conn, source)
    stages = source.applications_by_stage(conn)
    keys = sorted(stages)
    figures = {("stage", k): [[i]] for i, k in enumerate(keys)} | {"total": [list(range(len(keys)))]}
    fixed = {("stage", "hired")} & set(figures)
    hidden = protect([stages[k] for k in keys], figures, SMALL_CELL_THRESHOLD, fixed=fixed,
                     hidden=fixed if hired["total"] is None else ())
    return {
        "positions_by_status": source.positions_by_status(conn),
        "candidates": candidate_counts(conn)["all"],
        "applications": {"total": None if "total" in hidden else sum(stages.values()),
                         "cells": {k: None if ("stage", k) in hidden else stages[k] for k in keys}},
        "hires": hired,
        "suppressed_below": SMALL_CELL_THRESHOLD,
    }
