"""Applications and their stage history."""
from datetime import date

from service.queries import Connection, one

_SELECT = """
    SELECT a.id, a.position_id, coalesce(p.title_en, p.title_it) AS position_title, p.title_it, p.title_en,
           p.institution_id, i.name AS institution_name, a.candidate_id, a.stage, a.channel, a.cover_letter,
           a.hire_start_date, a.created_at, a.updated_at
    FROM applications a
    JOIN positions p ON p.id = a.position_id
    JOIN institutions i ON i.id = p.institution_id
"""
_CANDIDATE_SUMMARY = """
    SELECT id, full_name, email, headline, career_stage, skills, fields, years_experience,
           current_country, current_region
    FROM candidates WHERE id = ANY(%s)
"""


def create_application(
    conn: Connection, position_id: int, candidate_id: int, cover_letter: str | None, channel: str, actor_user_id: int
) -> int:
    application_id = one(conn.execute(
        "INSERT INTO applications (position_id, candidate_id, cover_letter, channel) VALUES (%s, %s, %s, %s) RETURNING id",
        (position_id, candidate_id, cover_letter, channel),
    ))["id"]
    conn.execute(
        "INSERT INTO application_events (application_id, from_stage, to_stage, changed_by) VALUES (%s, NULL, 'applied', %s)",
        (application_id, actor_user_id),
    )
    return application_id


def find_application(conn: Connection, position_id: int, candidate_id: int) -> dict | None:
    return conn.execute(
        "SELECT id FROM applications WHERE position_id = %s AND candidate_id = %s", (position_id, candidate_id)
    ).fetchone()


def get_application(conn: Connection, application_id: int, *, with_candidate: bool = False) -> dict | None:
    row = conn.execute(f"{_SELECT} WHERE a.id = %s", (application_id,)).fetchone()
    if row is not None and with_candidate and row["candidate_id"] is not None:
        attach_candidates(conn, [row])
    return row


def attach_candidates(conn: Connection, rows: list[dict]) -> list[dict]:
    """Adds each application's candidate summary (for the HR office it was sent to), in one query."""
    ids = [row["candidate_id"] for row in rows if row["candidate_id"] is not None]
    summaries = {c["id"]: c for c in conn.execute(_CANDIDATE_SUMMARY, (ids,)).fetchall()} if ids else {}
    for row in rows:
        row["candidate"] = summaries.get(row["candidate_id"])
    return rows


def list_applications(
    conn: Connection, *, candidate_id: int | None = None, institution_id: int | None = None,
    position_id: int | None = None, stage: str | None = None, limit: int, offset: int,
) -> tuple[list[dict], int]:
    """A page of applications; the caller narrows it to what the user may see."""
    where = """
        WHERE (%(candidate)s::bigint IS NULL OR a.candidate_id = %(candidate)s)
          AND (%(institution)s::bigint IS NULL OR p.institution_id = %(institution)s)
          AND (%(position)s::bigint IS NULL OR a.position_id = %(position)s)
          AND (%(stage)s::text IS NULL OR a.stage = %(stage)s)
    """
    params = {"candidate": candidate_id, "institution": institution_id, "position": position_id,
              "stage": stage, "limit": limit, "offset": offset}
    rows = conn.execute(
        f"{_SELECT} {where} ORDER BY a.id DESC LIMIT %(limit)s OFFSET %(offset)s", params
    ).fetchall()
    total = one(conn.execute(
        f"SELECT count(*) AS n FROM applications a JOIN positions p ON p.id = a.position_id {where}", params
    ))["n"]
    return rows, total


def change_stage(
    conn: Connection, application_id: int, from_stage: str, to_stage: str, *,
    note: str | None, start_date: date | None, actor_user_id: int,
) -> bool:
    """Move an application on and record the change; False when it was no longer in ``from_stage``
    (another request moved it first)."""
    updated = conn.execute(
        "UPDATE applications SET stage = %s, hire_start_date = coalesce(%s, hire_start_date), updated_at = now()"
        " WHERE id = %s AND stage = %s",
        (to_stage, start_date, application_id, from_stage),
    ).rowcount
    if updated:
        conn.execute(
            "INSERT INTO application_events (application_id, from_stage, to_stage, changed_by, note)"
            " VALUES (%s, %s, %s, %s, %s)",
            (application_id, from_stage, to_stage, actor_user_id, note),
        )
    return bool(updated)


def mark_filled_when_complete(conn: Connection, position_id: int) -> bool:
    """Set a position to 'filled' once its hires reach its openings; True when it changed."""
    return bool(conn.execute(
        """
        UPDATE positions p SET status = 'filled', updated_at = now()
        WHERE p.id = %s AND p.status IN ('open', 'closed')
          AND (SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired') >= p.openings
        """,
        (position_id,),
    ).rowcount)


def list_events(conn: Connection, application_id: int) -> list[dict]:
    return conn.execute(
        "SELECT from_stage, to_stage, changed_at, note FROM application_events"
        " WHERE application_id = %s ORDER BY changed_at, id",
        (application_id,),
    ).fetchall()
