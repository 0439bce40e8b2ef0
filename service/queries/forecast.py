"""What the fill forecast reads: positions with their facts and outcomes, when their applications
came, the candidates who could fill them (with when they registered and were hired), and each
position's nearest candidate vectors."""
from service.queries import Connection, one
from service.queries.positions import PUBLIC

_FACTS = """
    SELECT p.id, p.institution_id, i.kind AS institution_kind, p.region, p.contract_type, p.career_stage,
           p.fields[1] AS field, p.fields, p.min_years_experience, p.salary_min, p.salary_max, p.salary_period,
           p.salary_basis, p.monthly_payments, p.hours_per_week, p.salary_gross_eur_year, p.remote, p.languages,
           p.required_skills, p.title_en, p.description_en, p.openings, p.opening_date, p.deadline, p.status,
           (SELECT count(*) FROM applications a WHERE a.position_id = p.id) AS applicants,
           (SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired') AS hires
    FROM positions p JOIN institutions i ON i.id = p.institution_id
"""
# Closed for learning: past its deadline long enough for the hires to be recorded (they come weeks
# after the deadline), and neither a draft nor cancelled.
_CLOSED = "p.status IN ('open', 'closed', 'filled') AND p.deadline < current_date - %(grace_days)s::int"


def closed_positions(conn: Connection, grace_days: int) -> list[dict]:
    return conn.execute(f"{_FACTS} WHERE {_CLOSED} ORDER BY p.deadline, p.id", {"grace_days": grace_days}).fetchall()


def open_positions(conn: Connection, ids: list[int]) -> list[dict]:
    """The open positions (accepting applications today) among ``ids``."""
    return conn.execute(f"{_FACTS} WHERE {PUBLIC} AND p.id = ANY(%s) ORDER BY p.id", (ids,)).fetchall()


def open_position_ids(conn: Connection, institution_id: int) -> list[int]:
    return [r["id"] for r in conn.execute(f"SELECT p.id FROM positions p WHERE {PUBLIC} AND p.institution_id = %s",
                                          (institution_id,))]


def application_dates(conn: Connection, position_ids: list[int]) -> list[dict]:
    """(position_id, applied_on) of every application to the positions."""
    return conn.execute("SELECT position_id, created_at::date AS applied_on FROM applications WHERE position_id = ANY(%s)",
                        (position_ids,)).fetchall()


def candidates(conn: Connection, ids: list[int] | None = None) -> list[dict]:
    """Candidates' matching facts, the day they registered (their consent, or the row's creation if
    earlier) and the day they were first hired (None if never): whether they were in the pool on a day."""
    where = "" if ids is None else "WHERE c.id = ANY(%(ids)s)"
    return conn.execute(
        f"""SELECT c.id, c.skills, c.fields, c.career_stage, c.years_experience, c.expected_salary_eur_year,
                   c.current_country, c.current_region, c.mobility_regions, c.remote_preference,
                   least(c.created_at, c.consent_at)::date AS registered_on,
                   (SELECT min(e.changed_at)::date FROM applications a JOIN application_events e ON e.application_id = a.id
                    WHERE a.candidate_id = c.id AND e.to_stage = 'hired') AS hired_on
            FROM candidates c {where}""", {"ids": ids}).fetchall()


def candidates_in_field(conn: Connection, field: str | None, limit: int) -> list[int]:
    """Candidates sharing a research field (for a position with no vector yet)."""
    return [r["id"] for r in conn.execute("SELECT id FROM candidates WHERE %s = ANY(fields) ORDER BY id LIMIT %s",
                                          (field, limit))]


def nearest_candidates(conn: Connection, position_ids: list[int], model: str, k: int) -> list[dict]:
    """(position_id, candidate_id, cosine) for each position's ``k`` nearest current candidate vectors
    (HNSW, iterative scan: vectors of another model or stale text are skipped, not returned short)."""
    conn.execute("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', %s, true)",
                 (str(max(40, k)),))
    return conn.execute(
        """SELECT p.id AS position_id, n.candidate_id, n.cosine
           FROM positions p
           JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %(model)s AND pe.text_hash = md5(p.embedding_text)
           CROSS JOIN LATERAL (
               SELECT ce.candidate_id, 1 - (ce.embedding <=> pe.embedding) AS cosine
               FROM candidate_embeddings ce JOIN candidates c ON c.id = ce.candidate_id
               WHERE ce.model = %(model)s AND ce.text_hash = md5(c.embedding_text)
               ORDER BY ce.embedding <=> pe.embedding LIMIT %(k)s) n
           WHERE p.id = ANY(%(ids)s)""", {"ids": position_ids, "model": model, "k": k}).fetchall()


def fingerprint(conn: Connection, grace_days: int) -> str:
    """Changes when what the forecast learns from changes: a closed position, or an application to one."""
    row = one(conn.execute(
        f"""SELECT count(*) AS n, max(p.updated_at) AS changed,
                   (SELECT max(a.updated_at) FROM applications a JOIN positions p ON p.id = a.position_id WHERE {_CLOSED}) AS moved
            FROM positions p WHERE {_CLOSED}""", {"grace_days": grace_days}))
    return f"{row['n']}:{row['changed']}:{row['moved']}"
