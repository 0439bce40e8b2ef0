"""What the allocation's eligibility reads of positions and candidates."""
from service.queries import Connection


def position_facts(conn: Connection, ids: list[int]) -> dict[int, dict]:
    rows = conn.execute("SELECT id, career_stage, salary_gross_eur_year, region, remote FROM positions WHERE id = ANY(%s)", (ids,))
    return {r["id"]: r for r in rows}


def candidate_facts(conn: Connection, ids: list[int]) -> dict[int, dict]:
    rows = conn.execute(
        "SELECT id, career_stage, expected_salary_eur_year, current_country, current_region, mobility_regions"
        " FROM candidates WHERE id = ANY(%s)", (ids,))
    return {r["id"]: r for r in rows}
