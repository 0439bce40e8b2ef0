"""Aggregates for the hub. Counts of people pass through models.privacy before they leave."""
from psycopg import Connection


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
    return conn.execute("SELECT count(*) AS n FROM candidates").fetchone()["n"]
