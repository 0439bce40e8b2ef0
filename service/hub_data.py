"""Where the hub's reports get their counts: the maintained aggregates (migration 0019, the
default), or the raw rows (today's queries, kept as the reference the aggregates are tested and
benchmarked against). Both answer in the same shapes, so everything after them (models.privacy
above all) runs the same code on the same numbers.

A quarter's counts of people are given as ``models.privacy.protect_counts`` reads them: for each
cut, the sorted ((value, column), count) pairs of its non-empty cells.
"""
from collections import Counter
from datetime import date

from models.attraction import Period, classify
from models.indicators import quarter_start
from models.privacy import crosstab_counts
from service.queries import Connection, hub_counts
from service.queries import gap as gap_queries
from service.queries import hub as hub_queries

GAP_CUTS = tuple(gap_queries.CUT_COLUMNS)
# Counts of people in the hiring gap are protected by the positions' cuts and the application's channel.
PEOPLE_CUTS = (*GAP_CUTS, "channel")
HIRE_CUTS = ("institution", "spoke", "field", "career_stage", "gender", "age_band", "channel")

Tables = tuple[tuple, ...]


def _tables(cells: dict[str, Counter], cuts: tuple[str, ...]) -> Tables:
    return tuple(tuple(sorted(cells.get(cut, Counter()).items(), key=str)) for cut in cuts)


def origin(row: dict) -> str:
    """The class of one hire row (queries.hub.hires); an erased hire keeps the class it had."""
    if row["anonymous_facts"] is not None:
        return row["anonymous_facts"].get("origin", "unknown")
    periods = [Period(p["country"].strip(), p["region"], date.fromisoformat(p["start"]),
                      date.fromisoformat(p["end"]) if p["end"] else None) for p in row["places"]]
    nationality = row["nationality"].strip() if row["nationality"] else None
    return classify(periods, row["hire_start_date"], row["ecosystem_regions"], nationality)


def facts(row: dict) -> dict:
    """A hire row's gender and age band (an erased hire's as it kept them)."""
    anonymous = row["anonymous_facts"] or {}
    if row["anonymous_facts"] is not None:
        return {"gender": anonymous.get("gender", "undisclosed"), "age_band": anonymous.get("age_band", "unknown")}
    age_band = "unknown" if row["birth_year"] is None else (
        "under_36" if row["hire_start_date"].year - row["birth_year"] < 36 else "36_and_over")
    return {"gender": row["gender"] or "undisclosed", "age_band": age_band}


class RawRows:
    """Today's queries over the raw rows, every hire classified in Python: the reference."""

    monthly = staticmethod(gap_queries.monthly)
    open_now = staticmethod(gap_queries.open_now)
    hired_now = staticmethod(gap_queries.hired_now)
    applications_by_stage = staticmethod(hub_queries.applications_by_stage)
    positions_by_status = staticmethod(hub_queries.positions_by_status)

    @staticmethod
    def candidate_counts(conn: Connection) -> tuple[int, int]:
        return hub_queries.count_candidates(conn), gap_queries.active_candidates(conn)

    @staticmethod
    def people_tables(conn: Connection, start: date, end: date) -> dict[tuple[str, date], Tables]:
        grouped: dict[tuple, list] = {}
        for event in gap_queries.people_events(conn, start, end):
            key = (event["measure"], quarter_start(event["month"]))
            grouped.setdefault(key, []).append(tuple(str(event[c]) if event[c] is not None else None for c in PEOPLE_CUTS)
                                               + (event["month"],))
        return {key: crosstab_counts(records, len(PEOPLE_CUTS)) for key, records in grouped.items()}

    @staticmethod
    def _hires(conn: Connection, first: date | None, last: date | None) -> list[dict]:
        return hub_queries.hires(conn, first or "-infinity", last or "infinity")

    @classmethod
    def hire_tables(cls, conn: Connection, first: date | None, last: date | None) -> dict[date, Tables]:
        quarters: dict[date, list] = {}
        for row in cls._hires(conn, first, last):
            hire = facts(row)
            values = tuple(str(hire.get(cut, row.get(cut)) or "unknown") for cut in HIRE_CUTS)
            quarters.setdefault(quarter_start(row["hire_start_date"]), []).append(values + (origin(row),))
        return {quarter: crosstab_counts(records, len(HIRE_CUTS)) for quarter, records in sorted(quarters.items())}

    @classmethod
    def hire_jobs(cls, conn: Connection, first: date | None, last: date | None) -> list[dict]:
        jobs = Counter((quarter_start(r["hire_start_date"]), r["contract_type"], r["hours_per_week"], facts(r)["gender"])
                       for r in cls._hires(conn, first, last))
        return [{"quarter": q, "contract_type": c, "hours_per_week": h, "gender": g, "n": n}
                for (q, c, h, g), n in sorted(jobs.items())]


class Aggregates:
    """The counts the triggers keep (service.queries.hub_counts): the default."""

    monthly = staticmethod(hub_counts.monthly)
    open_now = staticmethod(hub_counts.open_now)
    hired_now = staticmethod(hub_counts.hired_now)
    candidate_counts = staticmethod(hub_counts.candidate_counts)
    applications_by_stage = staticmethod(hub_counts.applications_by_stage)
    positions_by_status = staticmethod(hub_counts.positions_by_status)

    @staticmethod
    def hire_jobs(conn: Connection, first: date | None, last: date | None) -> list[dict]:
        return hub_counts.hire_jobs(conn, first and quarter_start(first), last)

    @staticmethod
    def people_tables(conn: Connection, start: date, end: date) -> dict[tuple[str, date], Tables]:
        cells: dict[tuple[str, date], dict[str, Counter]] = {}
        for row in hub_counts.people_counts(conn, start, end):
            by_cut = cells.setdefault((row["measure"], quarter_start(row["month"])), {})
            by_cut.setdefault(row["cut"], Counter())[(row["value"], row["month"])] += row["n"]
        return {key: _tables(by_cut, PEOPLE_CUTS) for key, by_cut in cells.items()}

    @staticmethod
    def hire_tables(conn: Connection, first: date | None, last: date | None) -> dict[date, Tables]:
        cells: dict[date, dict[str, Counter]] = {}
        for row in hub_counts.hire_counts(conn, first and quarter_start(first), last):
            cells.setdefault(row["quarter"], {}).setdefault(row["cut"], Counter())[(row["value"], row["origin"])] += row["n"]
        return {quarter: _tables(by_cut, HIRE_CUTS) for quarter, by_cut in sorted(cells.items())}


Source = type[RawRows] | type[Aggregates]
AGGREGATES: Source = Aggregates
RAW_ROWS: Source = RawRows
