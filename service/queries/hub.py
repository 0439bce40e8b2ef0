"""Aggregates for the hub. Counts of people pass through models.privacy before they leave."""
from service.queries import Connection, one


def positions_by_status(conn: Connection) -> dict[str, dict]:
    rows = conn.execute(
        "SELECT status, count(*) AS positions, sum(openings) AS openings FROM positions GROUP BY status"
    ).fetchall()
    return {r["status"]: {"positions": r["positions"], "openings": int(r["openings"])} for r in rows}


def applications_by_stage(conn: Connection) -> dict[str, int]:
    rows = conn.execute("SELECT stage, count(*) AS n FROM applications GROUP BY stage").fetchall()
    return {r["stage"]: r["n"] for r in rows}


def hires_by_institution(conn: Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT i.name, count(a.id) AS n FROM institutions i"
        " JOIN positions p ON p.institution_id = i.id"
        " JOIN applications a ON a.position_id = p.id AND a.stage = 'hired'"
        " GROUP BY i.name"
    ).fetchall()
    return {r["name"]: r["n"] for r in rows}


def count_candidates(conn: Connection) -> int:
    return one(conn.execute("SELECT count(*) AS n FROM candidates"))["n"]


def hires(conn: Connection, start_from, start_to, candidate_id: int | None = None) -> list[dict]:
    """Hires starting in [start_from, start_to], with what the attracted-talent rule and the cuts need.
    Erased candidates come back as their anonymous facts only."""
    return conn.execute(
        """
        SELECT a.id, a.hire_start_date, i.name AS institution, coalesce(p.spoke, i.spoke) AS spoke,
               p.fields[1] AS field, p.career_stage, p.contract_type, p.hours_per_week, e.regions AS ecosystem_regions,
               c.gender, c.birth_year, c.nationality, a.anonymous_facts, a.channel,
               (SELECT coalesce(jsonb_agg(jsonb_build_object('country', cp.country, 'region', cp.region,
                        'start', cp.start_date, 'end', cp.end_date)), '[]')
                FROM candidate_places cp WHERE cp.candidate_id = c.id) AS places
        FROM applications a
        JOIN positions p ON p.id = a.position_id
        JOIN institutions i ON i.id = p.institution_id
        JOIN ecosystems e ON e.id = i.ecosystem_id
        LEFT JOIN candidates c ON c.id = a.candidate_id
        WHERE a.stage = 'hired' AND a.hire_start_date BETWEEN %(from)s AND %(to)s
          AND (%(candidate)s::bigint IS NULL OR a.candidate_id = %(candidate)s)
        ORDER BY a.id
        """, {"from": start_from, "to": start_to, "candidate": candidate_id},
    ).fetchall()


