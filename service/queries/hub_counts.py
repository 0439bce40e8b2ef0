"""The hub's figures read from the counts the triggers of migration 0019 keep current: a few hundred
rows whatever the number of positions, candidates and applications. Each function answers what its
namesake over the raw rows answers (service.queries.gap, service.queries.hub), for periods of whole
months (the hub's periods are whole quarters)."""
from datetime import date

from service.queries import Connection, one
from service.queries.gap import month_table


def monthly(conn: Connection, start: date, end: date, cut: str) -> list[dict]:
    """As queries.gap.monthly, from the counts."""
    params = {"start": start, "end": end, "cut": cut}
    opened = conn.execute(
        """SELECT day AS month, value AS cut, sum(positions)::bigint AS opened, sum(openings)::bigint AS openings
           FROM hub_position_counts WHERE kind = 'opened' AND cut = %(cut)s AND day BETWEEN %(start)s AND %(end)s
           GROUP BY 1, 2 HAVING sum(positions) <> 0""", params).fetchall()
    unfilled = conn.execute(
        """SELECT date_trunc('month', day)::date AS month, value AS cut, sum(positions)::bigint AS unfilled_past_deadline
           FROM hub_position_counts WHERE kind = 'deadline' AND cut = %(cut)s AND day BETWEEN %(start)s AND %(end)s
             AND day < current_date
           GROUP BY 1, 2 HAVING sum(positions) <> 0""", params).fetchall()
    events = conn.execute(
        """SELECT month, value AS cut,
                  sum(n) FILTER (WHERE measure = 'applications')::bigint AS applications,
                  sum(n) FILTER (WHERE measure = 'offers')::bigint AS offers,
                  sum(n) FILTER (WHERE measure = 'hires')::bigint AS hires,
                  sum(n) FILTER (WHERE measure = 'offers_declined')::bigint AS offers_declined
           FROM hub_event_counts WHERE cut = %(cut)s AND month BETWEEN %(start)s AND %(end)s AND n <> 0
           GROUP BY 1, 2""", params).fetchall()
    days: dict[tuple, dict[str, list[int]]] = {}
    for r in conn.execute(
            """SELECT month, value AS cut, measure, array_agg(days) AS days, array_agg(n) AS n FROM hub_event_days
               WHERE cut = %(cut)s AND month BETWEEN %(start)s AND %(end)s AND n > 0 GROUP BY 1, 2, 3""", params):
        lists = days.setdefault((r["month"], r["cut"]), {"days_to_fill": [], "days_to_offer": []})
        lists["days_to_fill" if r["measure"] == "hires" else "days_to_offer"] = [
            d for d, n in zip(r["days"], r["n"], strict=True) for d in [d] * n]
    for row in events:
        row |= days.get((row["month"], row["cut"]), {"days_to_fill": [], "days_to_offer": []})
        for name in ("applications", "offers", "hires", "offers_declined"):
            row[name] = row[name] or 0
    cuts = {r["cut"] for r in conn.execute(
        "SELECT value AS cut FROM hub_position_counts WHERE kind = 'all' AND cut = %(cut)s AND positions > 0", params)
        if r["cut"] is not None}
    return month_table(start, end, cuts, opened, unfilled, events)


_OPEN_NOW = "kind = 'open' AND cut = %(cut)s AND (day IS NULL OR day >= current_date)"


def open_now(conn: Connection, cut: str) -> list[dict]:
    """As queries.gap.open_now: open positions, their openings and the hires through them, by cut value."""
    return conn.execute(
        f"""SELECT value AS cut, sum(positions)::bigint AS open_positions, sum(openings)::bigint AS openings,
                   sum(hired)::bigint AS hired
            FROM hub_position_counts WHERE {_OPEN_NOW} GROUP BY 1 HAVING sum(positions) > 0 ORDER BY 1""",
        {"cut": cut}).fetchall()


def hired_now(conn: Connection, cut: str) -> dict:
    """As queries.gap.hired_now: hires through the positions open now, by cut value (those with any)."""
    rows = conn.execute(f"SELECT value AS cut, sum(hired)::bigint AS hired FROM hub_position_counts WHERE {_OPEN_NOW}"
                        " GROUP BY 1 HAVING sum(hired) > 0", {"cut": cut}).fetchall()
    return {r["cut"]: r["hired"] for r in rows}


def people_counts(conn: Connection, start: date, end: date) -> list[dict]:
    """Events that count a person in [start, end], by measure, month and the value of each cut
    (the positions' and the channel): what queries.gap.people_events lists one by one."""
    return conn.execute(
        """SELECT measure, month, cut, value, sum(n)::bigint AS n FROM hub_event_counts
           WHERE month BETWEEN %(start)s AND %(end)s GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0""",
        {"start": start, "end": end}).fetchall()


def hire_counts(conn: Connection, first_quarter: date | None, last: date | None) -> list[dict]:
    """Hires starting in the quarters from ``first_quarter`` to the one of ``last`` (None: no bound),
    by quarter, attracted-talent cut value and origin class."""
    return conn.execute(
        """SELECT quarter, cut, value, origin, sum(n)::bigint AS n FROM hub_hire_counts
           WHERE (%(first)s::date IS NULL OR quarter >= %(first)s) AND (%(last)s::date IS NULL OR quarter <= %(last)s)
           GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0""", {"first": first_quarter, "last": last}).fetchall()


def hire_jobs(conn: Connection, first_quarter: date | None, last: date | None) -> list[dict]:
    """Hires by quarter, contract type, hours a week and gender, over the same quarters."""
    return conn.execute(
        """SELECT quarter, contract_type, hours_per_week, gender, sum(n)::bigint AS n FROM hub_hire_jobs
           WHERE (%(first)s::date IS NULL OR quarter >= %(first)s) AND (%(last)s::date IS NULL OR quarter <= %(last)s)
           GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4""", {"first": first_quarter, "last": last}).fetchall()


def applications_by_stage(conn: Connection) -> dict[str, int]:
    return {r["stage"]: r["n"] for r in conn.execute("SELECT stage, n FROM hub_stage_counts WHERE n > 0")}


def positions_by_status(conn: Connection) -> dict[str, dict]:
    rows = conn.execute("SELECT value AS status, positions, openings FROM hub_position_counts"
                        " WHERE kind = 'status' AND positions > 0").fetchall()
    return {r["status"]: {"positions": r["positions"], "openings": int(r["openings"])} for r in rows}


def candidate_counts(conn: Connection) -> tuple[int, int]:
    """(every candidate, those not hired anywhere): one count over the candidates and one over the
    hires' partial index, as queries.hub.count_candidates and queries.gap.active_candidates answer."""
    row = one(conn.execute(
        "SELECT (SELECT count(*) FROM candidates) AS everyone, (SELECT count(DISTINCT candidate_id) FROM applications"
        " WHERE stage = 'hired' AND candidate_id IS NOT NULL) AS hired"))
    return row["everyone"], row["everyone"] - row["hired"]
