"""Invitations to apply, from an HR office to a candidate."""
from service.queries import Connection

_SELECT = """
    SELECT v.id, v.position_id, coalesce(p.title_en, p.title_it) AS position_title, p.title_it, p.title_en,
           p.institution_id, i.name AS institution_name, v.candidate_id, v.message, v.created_at,
           p.deadline, (a.id IS NOT NULL) AS applied
    FROM invitations v
    JOIN positions p ON p.id = v.position_id
    JOIN institutions i ON i.id = p.institution_id
    LEFT JOIN applications a ON a.position_id = v.position_id AND a.candidate_id = v.candidate_id
"""


def create(conn: Connection, position_id: int, candidate_id: int, invited_by: int, message: str | None) -> int | None:
    """The new invitation's id, or None when this candidate was invited to this position already."""
    row = conn.execute(
        "INSERT INTO invitations (position_id, candidate_id, invited_by, message) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (position_id, candidate_id) DO NOTHING RETURNING id",
        (position_id, candidate_id, invited_by, message)).fetchone()
    return row["id"] if row else None


def get(conn: Connection, invitation_id: int) -> dict | None:
    return conn.execute(_SELECT + " WHERE v.id = %s", (invitation_id,)).fetchone()


def of_position(conn: Connection, position_id: int) -> list[dict]:
    return conn.execute(_SELECT + " WHERE v.position_id = %s ORDER BY v.created_at DESC, v.id DESC",
                        (position_id,)).fetchall()


def of_candidate(conn: Connection, candidate_id: int, limit: int = 200) -> list[dict]:
    return conn.execute(_SELECT + " WHERE v.candidate_id = %s ORDER BY v.created_at DESC, v.id DESC LIMIT %s",
                        (candidate_id, limit)).fetchall()


def invitee(conn: Connection, candidate_id: int) -> dict | None:
    """Who is invited: their name, e-mail, language and whether they take invitations."""
    return conn.execute("SELECT id, full_name, email, accepts_invitations, language FROM candidates WHERE id = %s",
                        (candidate_id,)).fetchone()
