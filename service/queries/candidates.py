"""Candidate profiles, their residence and work history, export and erasure."""
from psycopg import sql
from psycopg.types.json import Jsonb

from service.queries import Connection, one

WRITABLE = (
    "full_name", "email", "phone", "headline", "cv_text", "skills", "fields", "career_stage", "degree",
    "years_experience", "languages", "nationality", "gender", "birth_year", "current_country",
    "current_region", "expected_salary_eur_year", "mobility_regions", "remote_preference", "available_from",
    "accepts_invitations", "language",
)
_SELECT = "SELECT id, " + ", ".join(WRITABLE) + ", consent_at, created_at, updated_at FROM candidates"


def create_candidate(conn: Connection, full_name: str, email: str, language: str = "en") -> int:
    """A new profile; registering is the moment of consent."""
    return one(conn.execute(
        "INSERT INTO candidates (full_name, email, consent_at, language) VALUES (%s, %s, now(), %s) RETURNING id",
        (full_name, email, language),
    ))["id"]


def get_candidate(conn: Connection, candidate_id: int) -> dict | None:
    row = conn.execute(f"{_SELECT} WHERE id = %s", (candidate_id,)).fetchone()
    if row is not None:
        row["places"] = conn.execute(
            "SELECT kind, country, region, start_date, end_date FROM candidate_places"
            " WHERE candidate_id = %s ORDER BY start_date, id",
            (candidate_id,),
        ).fetchall()
    return row


def update_candidate(conn: Connection, candidate_id: int, data: dict) -> None:
    unknown = set(data) - set(WRITABLE)
    if unknown:
        raise ValueError(f"not candidate columns: {sorted(unknown)}")
    if not data:
        return
    values = {k: Jsonb(v) if k == "languages" else v for k, v in data.items()}
    query = sql.SQL("UPDATE candidates SET {}, updated_at = now() WHERE id = {}").format(
        sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values),
        sql.Placeholder("_id"),
    )
    conn.execute(query, values | {"_id": candidate_id})


def replace_places(conn: Connection, candidate_id: int, places: list[dict]) -> None:
    conn.execute("DELETE FROM candidate_places WHERE candidate_id = %s", (candidate_id,))
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO candidate_places (candidate_id, kind, country, region, start_date, end_date)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [(candidate_id, p["kind"], p["country"], p.get("region"), p["start_date"], p.get("end_date"))
             for p in places],
        )


def export_candidate(conn: Connection, candidate_id: int) -> dict:
    """Everything ecotalent holds about one candidate (GDPR art. 15 and 20)."""
    profile = get_candidate(conn, candidate_id)
    account = conn.execute(
        "SELECT email, role, created_at FROM users WHERE candidate_id = %s", (candidate_id,)
    ).fetchone()
    applications = conn.execute(
        "SELECT a.id, a.position_id, coalesce(p.title_en, p.title_it) AS position_title, a.stage,"
        " a.cover_letter, a.hire_start_date, a.created_at, a.updated_at,"
        " (SELECT coalesce(jsonb_agg(jsonb_build_object('from_stage', e.from_stage, 'to_stage', e.to_stage,"
        "   'changed_at', e.changed_at, 'note', e.note) ORDER BY e.changed_at, e.id), '[]')"
        "  FROM application_events e WHERE e.application_id = a.id) AS events"
        " FROM applications a JOIN positions p ON p.id = a.position_id"
        " WHERE a.candidate_id = %s ORDER BY a.id",
        (candidate_id,),
    ).fetchall()
    invitations = conn.execute(
        "SELECT v.position_id, coalesce(p.title_en, p.title_it) AS position_title, i.name AS institution_name,"
        " v.message, v.created_at FROM invitations v JOIN positions p ON p.id = v.position_id"
        " JOIN institutions i ON i.id = p.institution_id WHERE v.candidate_id = %s ORDER BY v.id",
        (candidate_id,),
    ).fetchall()
    cv_file = conn.execute(  # the uploaded CV file as metadata (the file itself: GET /candidates/me/cv)
        "SELECT filename, content_type, size_bytes, uploaded_at, extracted_text FROM cv_files WHERE candidate_id = %s",
        (candidate_id,),
    ).fetchone()
    return {"account": account, "profile": profile, "applications": applications, "invitations": invitations,
            "cv_file": cv_file}


def erase_candidate(conn: Connection, candidate_id: int, origins: dict[int, str] | None = None) -> int:
    """Delete the profile, its history and its account; keep its applications as anonymous records.

    Each application keeps only coarse facts the hub's counts need (career stage, gender, age band,
    Italian or foreign nationality, and for a hire its attracted-talent class from ``origins``),
    never a name, a contact or a free text. Returns how many
    applications were anonymised.
    """
    anonymised = conn.execute(
        """
        UPDATE applications a SET
            candidate_id = NULL,
            cover_letter = NULL,
            rating = NULL, rated_by = NULL, rated_at = NULL,
            anonymised_at = now(),
            anonymous_facts = jsonb_build_object(
                'career_stage', c.career_stage,
                'gender', coalesce(c.gender, 'undisclosed'),
                'age_band', CASE
                    WHEN c.birth_year IS NULL THEN 'unknown'
                    WHEN extract(year FROM coalesce(a.hire_start_date, a.created_at::date)) - c.birth_year < 36
                        THEN 'under_36'
                    ELSE '36_and_over' END,
                'nationality', CASE
                    WHEN c.nationality IS NULL THEN 'unknown'
                    WHEN c.nationality = 'IT' THEN 'italian'
                    ELSE 'foreign' END)
        FROM candidates c
        WHERE c.id = a.candidate_id AND a.candidate_id = %s
        """,
        (candidate_id,),
    ).rowcount
    # Where each hire came from (models.attraction), classified before the history goes.
    for application_id, origin in (origins or {}).items():
        conn.execute("UPDATE applications SET anonymous_facts = anonymous_facts || jsonb_build_object('origin', %s::text)"
                     " WHERE id = %s", (origin, application_id))
    # Notes on stage changes may name the person; the stages and their times stay.
    conn.execute(
        "UPDATE application_events e SET note = NULL FROM applications a"
        " WHERE a.id = e.application_id AND a.candidate_id IS NULL AND e.note IS NOT NULL",
    )
    # E-mails to them, sent or still queued (alerts, invitations), name them and what they looked for.
    conn.execute("DELETE FROM mail_outbox m USING candidates c WHERE c.id = %s AND m.recipient = c.email", (candidate_id,))
    # The account, the residence history, the CV file, saved searches and invitations go with the profile
    # (ON DELETE CASCADE).
    conn.execute("DELETE FROM candidates WHERE id = %s", (candidate_id,))
    return anonymised
