"""What the allocation's eligibility reads of positions and candidates."""
from service.queries import Connection


def position_facts(conn: Connection, ids: list[int]) -> dict[int, dict]:
    rows = conn.execute("SELECT id, career_stage, salary_gross_eur_year, region, remote, fields, languages FROM positions"
                        " WHERE id = ANY(%s)", (ids,))
    return {r["id"]: r for r in rows}


def candidate_facts(conn: Connection, ids: list[int]) -> dict[int, dict]:
    rows = conn.execute(
        "SELECT id, career_stage, expected_salary_eur_year, current_country, current_region, mobility_regions,"
        " fields, languages FROM candidates WHERE id = ANY(%s)", (ids,))
    return {r["id"]: r for r in rows}


def position_labels(conn: Connection, ids: list[int]) -> dict[int, dict]:
    """What names a position to a reader: its titles and its institution (positions are no personal data)."""
    rows = conn.execute("SELECT p.id, p.title_it, p.title_en, i.name AS institution_name FROM positions p"
                        " JOIN institutions i ON i.id = p.institution_id WHERE p.id = ANY(%s)", (ids,))
    return {r["id"]: r for r in rows}
