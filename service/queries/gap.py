"""Hiring-gap figures: what was opened, filled and left unfilled, month by month and by a cut."""
from datetime import date

from psycopg import Connection

# The cut's SQL expression, on positions p joined to institutions i.
CUT_COLUMNS = {
    "institution": "i.name", "spoke": "coalesce(p.spoke, i.spoke)::text", "region": "p.region",
    "field": "p.fields[1]", "career_stage": "p.career_stage", "contract_type": "p.contract_type",
}


def monthly(conn: Connection, start: date, end: date, cut: str) -> list[dict]:
    """One row per month and cut value: positions and openings opened, positions whose deadline
    passed unfilled, applications, offers, hires, declined offers, and the days each hire and
    first offer took from the opening."""
    key = CUT_COLUMNS[cut]
    return conn.execute(
        f"""
        WITH months AS (
            SELECT generate_series(date_trunc('month', %(start)s::date), date_trunc('month', %(end)s::date),
                                   interval '1 month')::date AS month),
        scoped AS (
            SELECT p.*, {key} AS cut FROM positions p JOIN institutions i ON i.id = p.institution_id
            WHERE p.status <> 'draft'),
        events AS (
            SELECT e.to_stage, e.from_stage, date_trunc('month', e.changed_at)::date AS month, s.cut,
                   e.changed_at::date - s.opening_date AS days_from_opening, e.application_id
            FROM application_events e JOIN applications a ON a.id = e.application_id JOIN scoped s ON s.id = a.position_id
            WHERE e.changed_at::date BETWEEN %(start)s AND %(end)s)
        SELECT m.month, c.cut,
            (SELECT count(*) FROM scoped s WHERE s.cut = c.cut AND date_trunc('month', s.opening_date) = m.month) AS opened,
            (SELECT coalesce(sum(openings), 0) FROM scoped s WHERE s.cut = c.cut AND date_trunc('month', s.opening_date) = m.month) AS openings,
            (SELECT count(*) FROM scoped s WHERE s.cut = c.cut AND date_trunc('month', s.deadline) = m.month
                AND s.deadline < current_date AND s.status IN ('open', 'closed')) AS unfilled_past_deadline,
            (SELECT count(*) FROM events e WHERE e.cut = c.cut AND e.month = m.month AND e.to_stage = 'applied') AS applications,
            (SELECT count(*) FROM events e WHERE e.cut = c.cut AND e.month = m.month AND e.to_stage = 'offer') AS offers,
            (SELECT count(*) FROM events e WHERE e.cut = c.cut AND e.month = m.month AND e.to_stage = 'hired') AS hires,
            (SELECT count(*) FROM events e WHERE e.cut = c.cut AND e.month = m.month
                AND e.from_stage = 'offer' AND e.to_stage IN ('withdrawn', 'rejected')) AS offers_declined,
            (SELECT coalesce(array_agg(e.days_from_opening), '{{}}') FROM events e
                WHERE e.cut = c.cut AND e.month = m.month AND e.to_stage = 'hired') AS days_to_fill,
            (SELECT coalesce(array_agg(e.days_from_opening), '{{}}') FROM events e
                WHERE e.cut = c.cut AND e.month = m.month AND e.to_stage = 'offer') AS days_to_offer
        FROM months m CROSS JOIN (SELECT DISTINCT cut FROM scoped WHERE cut IS NOT NULL) c
        ORDER BY m.month, c.cut
        """, {"start": start, "end": end},
    ).fetchall()


def open_now(conn: Connection, cut: str) -> list[dict]:
    """Per cut value: open positions and their openings still to fill, and hires made through them."""
    key = CUT_COLUMNS[cut]
    return conn.execute(
        f"""SELECT {key} AS cut, count(*) AS open_positions, sum(p.openings) AS openings,
                   sum((SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired')) AS hired
            FROM positions p JOIN institutions i ON i.id = p.institution_id
            WHERE p.status = 'open' AND (p.deadline IS NULL OR p.deadline >= current_date)
            GROUP BY 1 ORDER BY 1""").fetchall()


def active_candidates(conn: Connection) -> int:
    """Candidates not hired anywhere: those who could still fill a position."""
    return conn.execute(
        "SELECT count(*) AS n FROM candidates c WHERE NOT EXISTS"
        " (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.stage = 'hired')").fetchone()["n"]
