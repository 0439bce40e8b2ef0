"""What an HR office reads and records when it judges applicants: ratings, the stage history with who
moved it, and its positions with their applicant counts."""
from service.queries import Connection, one

# How the office's list of positions may be ordered (a closed set: the key is never SQL from a request).
POSITION_ORDERS = {
    "newest": "p.created_at DESC, p.id DESC",
    "applications": "applications DESC, p.id DESC",
    "deadline": "p.deadline ASC NULLS LAST, p.id DESC",
}


def office_positions(conn: Connection, institution_id: int, *, status: str | None, order: str,
                     limit: int, offset: int) -> tuple[list[dict], int]:
    """A page of the institution's positions, each with its applications (all and those still in the
    funnel), ordered by ``order`` (a key of POSITION_ORDERS), and the total."""
    params = {"institution": institution_id, "status": status, "limit": limit, "offset": offset}
    where = "p.institution_id = %(institution)s AND (%(status)s::text IS NULL OR p.status = %(status)s)"
    rows = conn.execute(
        f"""
        SELECT p.id, p.title_it, p.title_en, p.contract_type, p.status, p.deadline, p.openings, p.created_at,
               count(a.id) AS applications,
               count(a.id) FILTER (WHERE a.stage NOT IN ('hired', 'rejected', 'withdrawn')) AS in_progress
        FROM positions p LEFT JOIN applications a ON a.position_id = p.id
        WHERE {where}
        GROUP BY p.id
        ORDER BY {POSITION_ORDERS[order]} LIMIT %(limit)s OFFSET %(offset)s
        """, params).fetchall()
    total = one(conn.execute(f"SELECT count(*) AS n FROM positions p WHERE {where}", params))["n"]
    return rows, total


def rating_of(conn: Connection, application_id: int) -> dict:
    return one(conn.execute(
        "SELECT a.rating, a.rated_at, u.email AS rated_by_email FROM applications a"
        " LEFT JOIN users u ON u.id = a.rated_by WHERE a.id = %s", (application_id,)))


def ratings_of(conn: Connection, application_ids: list[int]) -> dict[int, int]:
    """application id -> its rating, for those rated."""
    rows = conn.execute("SELECT id, rating FROM applications WHERE id = ANY(%s) AND rating IS NOT NULL",
                        (application_ids,)).fetchall()
    return {r["id"]: r["rating"] for r in rows}


def set_rating(conn: Connection, application_id: int, rating: int | None, actor_user_id: int) -> None:
    conn.execute(
        "UPDATE applications SET rating = %s, rated_by = %s, rated_at = CASE WHEN %s::smallint IS NULL THEN NULL"
        " ELSE now() END WHERE id = %s",
        (rating, actor_user_id if rating is not None else None, rating, application_id))


def history(conn: Connection, application_id: int) -> list[dict]:
    """Every stage change, oldest first, with who made it (their role and e-mail, while the account exists)."""
    return conn.execute(
        "SELECT e.from_stage, e.to_stage, e.changed_at, e.note, u.role AS changed_by_role,"
        " u.email AS changed_by_email FROM application_events e LEFT JOIN users u ON u.id = e.changed_by"
        " WHERE e.application_id = %s ORDER BY e.changed_at, e.id",
        (application_id,)).fetchall()


def applicant_profile(conn: Connection, candidate_id: int) -> dict | None:
    """What an office weighs of someone who applied: their professional profile and contacts; not their
    gender, age or nationality (these feed the hub's anonymous counts only)."""
    return conn.execute(
        "SELECT id, full_name, email, phone, headline, cv_text, skills, fields, career_stage, degree, years_experience,"
        " languages, current_country, current_region, mobility_regions, remote_preference, expected_salary_eur_year,"
        " available_from FROM candidates WHERE id = %s", (candidate_id,)).fetchone()
