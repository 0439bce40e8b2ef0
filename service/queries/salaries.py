"""What the salary models learn from and report on."""
from service.queries import Connection, one

_POSITIONS = """
    SELECT p.id, p.institution_id, i.name AS institution, i.kind AS institution_kind, p.region, p.contract_type,
           p.career_stage, p.fields[1] AS field, p.min_years_experience, p.salary_min, p.salary_max, p.salary_period,
           p.salary_basis, p.monthly_payments, p.hours_per_week, p.status, p.openings, p.deadline,
           (SELECT count(*) FROM applications a WHERE a.position_id = p.id) AS applicants,
           (SELECT count(*) FROM applications a WHERE a.position_id = p.id AND a.stage = 'hired') AS hires
    FROM positions p JOIN institutions i ON i.id = p.institution_id
    WHERE coalesce(p.salary_max, p.salary_min) IS NOT NULL AND p.status <> 'draft'
    ORDER BY p.id
"""


def positions_with_salary(conn: Connection) -> list[dict]:
    return conn.execute(_POSITIONS).fetchall()


def fingerprint(conn: Connection) -> str:
    """Changes whenever a position is added, edited or removed, or an application moves."""
    row = one(conn.execute(
        "SELECT (SELECT count(*) FROM positions) AS n, (SELECT max(updated_at) FROM positions) AS changed,"
        " (SELECT max(updated_at) FROM applications) AS moved"))
    return f"{row['n']}:{row['changed']}:{row['moved']}"


def expected_salaries_by_stage(conn: Connection) -> list[dict]:
    """Candidates' expectations per career stage: personal data, so only counts and quartiles."""
    return conn.execute(
        "SELECT coalesce(career_stage, 'unknown') AS career_stage, count(*) AS candidates,"
        " percentile_cont(0.25) WITHIN GROUP (ORDER BY expected_salary_eur_year) AS q1,"
        " percentile_cont(0.5) WITHIN GROUP (ORDER BY expected_salary_eur_year) AS median,"
        " percentile_cont(0.75) WITHIN GROUP (ORDER BY expected_salary_eur_year) AS q3"
        " FROM candidates WHERE expected_salary_eur_year IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()


def institution_context(conn: Connection, institution_id: int) -> dict:
    """An existing institution's (a position's, an HR officer's) name, kind and region."""
    return one(conn.execute("SELECT name AS institution, kind AS institution_kind, region FROM institutions WHERE id = %s",
                            (institution_id,)))
