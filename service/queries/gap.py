"""Hiring-gap figures: what was opened, filled and left unfilled, month by month and by a cut."""
from datetime import date

from service.queries import Connection, one
from service.queries.positions import PUBLIC

# The cut's SQL expression, on positions p joined to institutions i.
CUT_COLUMNS = {
    "institution": "i.name", "spoke": "coalesce(p.spoke, i.spoke)::text", "region": "p.region",
    "field": "p.fields[1]", "career_stage": "p.career_stage", "contract_type": "p.contract_type",
}


def monthly(conn: Connection, start: date, end: date, cut: str) -> list[dict]:
    """One row per month and cut value: positions and openings opened, positions whose deadline
    passed unfilled, applications, offers, hires, declined offers, and the days each hire and
    first offer took from the opening. Three grouped scans, whatever the number of months and cuts."""
    key = CUT_COLUMNS[cut]
    params = {"start": start, "end": end}
    scoped = "positions p JOIN institutions i ON i.id = p.institution_id WHERE p.status <> 'draft'"
    opened = conn.execute(
        f"""SELECT date_trunc('month', p.opening_date)::date AS month, {key} AS cut, count(*) AS opened,
                   sum(p.openings) AS openings
            FROM {scoped} AND p.opening_date BETWEEN %(start)s AND %(end)s GROUP BY 1, 2""", params).fetchall()
    unfilled = conn.execute(
        f"""SELECT date_trunc('month', p.deadline)::date AS month, {key} AS cut, count(*) AS unfilled_past_deadline
            FROM {scoped} AND p.deadline BETWEEN %(start)s AND %(end)s AND p.deadline < current_date
              AND p.status IN ('open', 'closed') GROUP BY 1, 2""", params).fetchall()
    events = conn.execute(
        f"""SELECT date_trunc('month', e.changed_at)::date AS month, {key} AS cut,
                   count(*) FILTER (WHERE e.to_stage = 'applied') AS applications,
                   count(*) FILTER (WHERE e.to_stage = 'offer') AS offers,
                   count(*) FILTER (WHERE e.to_stage = 'hired') AS hires,
                   count(*) FILTER (WHERE e.from_stage = 'offer' AND e.to_stage IN ('withdrawn', 'rejected')) AS offers_declined,
                   coalesce(array_agg(e.changed_at::date - p.opening_date) FILTER (WHERE e.to_stage = 'hired'),
                            '{{}}') AS days_to_fill,
                   coalesce(array_agg(e.changed_at::date - p.opening_date) FILTER (WHERE e.to_stage = 'offer'),
                            '{{}}') AS days_to_offer
            FROM application_events e JOIN applications a ON a.id = e.application_id
            JOIN positions p ON p.id = a.position_id JOIN institutions i ON i.id = p.institution_id
            WHERE p.status <> 'draft' AND e.changed_at::date BETWEEN %(start)s AND %(end)s
            GROUP BY 1, 2""",
        params).fetchall()
    cuts = {r["cut"] for r in conn.execute(f"SELECT DISTINCT {key} AS cut FROM {scoped}") if r["cut"] is not None}
    return month_table(start, end, cuts, opened, unfilled, events)


def open_now(conn: Connection, cut: str) -> list[dict]:
    """Per cut value: open positions and their openings still to fill, and hires made through them."""
    key = CUT_COLUMNS[cut]
    return conn.execute(
        f"""SELECT {key} AS cut, count(*) AS open_positions, sum(p.openings) AS openings,
                   sum((SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired')) AS hired
            FROM positions p JOIN institutions i ON i.id = p.institution_id
            WHERE {PUBLIC}
            GROUP BY 1 ORDER BY 1""").fetchall()


def active_candidates(conn: Connection) -> int:
    """Candidates not hired anywhere: those who could still fill a position."""
    return one(conn.execute(
        "SELECT count(*) AS n FROM candidates c WHERE NOT EXISTS"
        " (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.stage = 'hired')"))["n"]


def people_events(conn: Connection, start: date, end: date) -> list[dict]:
    """One row per event that counts a person (an application, an offer, a hire, a declined offer)
    in [start, end], with its month and the position's value in every cut: what the hub's counts of
    people are protected from (service.gap)."""
    keys = ", ".join(f"{expression} AS {cut}" for cut, expression in CUT_COLUMNS.items())
    return conn.execute(
        f"""SELECT date_trunc('month', e.changed_at)::date AS month, {keys}, a.channel,
                   CASE WHEN e.to_stage = 'applied' THEN 'applications' WHEN e.to_stage = 'offer' THEN 'offers'
                        WHEN e.to_stage = 'hired' THEN 'hires' ELSE 'offers_declined' END AS measure
            FROM application_events e JOIN applications a ON a.id = e.application_id
            JOIN positions p ON p.id = a.position_id JOIN institutions i ON i.id = p.institution_id
            WHERE p.status <> 'draft' AND e.changed_at::date BETWEEN %(start)s AND %(end)s
              AND (e.to_stage IN ('applied', 'offer', 'hired')
                   OR (e.from_stage = 'offer' AND e.to_stage IN ('withdrawn', 'rejected')))
            ORDER BY e.id""", {"start": start, "end": end}).fetchall()


def hired_now(conn: Connection, cut: str) -> dict:
    """Per cut value: hires made through the positions open now (people, protected by service.gap)."""
    key = CUT_COLUMNS[cut]
    rows = conn.execute(
        f"""SELECT {key} AS cut, count(a.id) AS hired
            FROM positions p JOIN institutions i ON i.id = p.institution_id
            JOIN applications a ON a.position_id = p.id AND a.stage = 'hired'
            WHERE {PUBLIC}
            GROUP BY 1""").fetchall()
    return {r["cut"]: r["hired"] for r in rows}


def month_table(start: date, end: date, cuts: set, *row_sets) -> list[dict]:
    """One row per month of the period and cut value, zeros where nothing happened, filled from
    ``row_sets`` (rows keyed by "month" and "cut"); ordered by month, then cut."""
    empty = {"opened": 0, "openings": 0, "unfilled_past_deadline": 0, "applications": 0, "offers": 0, "hires": 0,
             "offers_declined": 0, "days_to_fill": [], "days_to_offer": []}
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    table = {(m, c): {"month": m, "cut": c} | empty for m in months for c in sorted(cuts)}
    for rows in row_sets:
        for row in rows:
            if (row["month"], row["cut"]) in table:
                table[(row["month"], row["cut"])].update({k: v for k, v in row.items() if k not in ("month", "cut")})
    return [table[k] for k in sorted(table, key=lambda k: (k[0], k[1]))]
