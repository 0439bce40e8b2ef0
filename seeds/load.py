"""Loads a generated demo ecosystem into the database, table by table, with a progress bar."""
from tqdm import tqdm

from seeds.demo import DemoData
from service.queries import Connection
from service.queries import seed as seed_queries

COLUMNS = {
    "ecosystems": ["id", "name", "hub_city", "regions"],
    "institutions": ["id", "ecosystem_id", "name", "kind", "role", "spoke", "region", "city"],
    "positions": [
        "id", "institution_id", "title_it", "title_en", "description_it", "description_en", "fields",
        "career_stage", "contract_type", "salary_min", "salary_max", "salary_period", "salary_basis",
        "monthly_payments", "hours_per_week", "duration_months", "city", "region", "remote", "openings",
        "opening_date", "deadline", "status", "funding_programme", "funding_mission", "spoke",
        "required_skills", "languages", "education_level", "min_years_experience"],
    "candidates": [
        "id", "full_name", "email", "phone", "consent_at", "headline", "cv_text", "skills", "fields",
        "career_stage", "degree", "years_experience", "languages", "nationality", "gender", "birth_year",
        "current_country", "current_region", "expected_salary_eur_year", "mobility_regions",
        "remote_preference", "available_from"],
    "candidate_places": ["candidate_id", "kind", "country", "region", "start_date", "end_date"],
    "applications": ["id", "position_id", "candidate_id", "stage", "cover_letter", "hire_start_date",
                     "created_at", "updated_at", "channel"],
    "application_events": ["application_id", "from_stage", "to_stage", "changed_at"],
    "users": ["email", "password_hash", "role", "institution_id", "candidate_id"],
}


def load(conn: Connection, data: DemoData, password_hash: str, *, show_progress: bool = True) -> dict[str, int]:
    """COPY every table of ``data`` into an empty database; returns the row counts."""
    accounts = [a | {"password_hash": password_hash} for a in data.accounts]
    tables = {
        "ecosystems": [data.ecosystem], "institutions": data.institutions, "positions": data.positions,
        "candidates": data.candidates, "candidate_places": data.places, "applications": data.applications,
        "application_events": data.events, "users": accounts,
    }
    counts = {}
    total = sum(len(rows) for rows in tables.values())
    # The hub's counts are rebuilt once at the end rather than row by row (migration 0019).
    seed_queries.pause_hub_counts(conn)
    with tqdm(total=total, unit="rows", desc="seeding", disable=not show_progress) as bar:
        for table, rows in tables.items():
            bar.set_postfix_str(table)
            counts[table] = seed_queries.copy_rows(conn, table, COLUMNS[table], rows, bar.update)
    seed_queries.rebuild_hub_counts(conn)
    seed_queries.move_sequences_past_loaded_ids(conn)
    seed_queries.analyze(conn)
    return counts
