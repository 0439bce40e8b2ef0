"""Candidates' saved searches (migration 0012)."""
from service.queries import Connection, one

COLUMNS = ("q", "regions", "remote", "contract_type", "field", "institution_id", "min_salary_eur_year",
           "frequency", "language", "typed_words", "typed_stems", "typed_weights", "typed_unknown")
_READ = ("id, candidate_id, q, regions, remote, contract_type, field, institution_id, min_salary_eur_year::float"
         " AS min_salary_eur_year, frequency, language, created_at, last_run_at, next_run_at")
# When a saved search runs next after a run: instant ones every minute, the others a day or a week on.
NEXT_RUN = ("CASE frequency WHEN 'instant' THEN interval '1 minute' WHEN 'daily' THEN interval '1 day'"
            " ELSE interval '7 days' END")


def create(conn: Connection, candidate_id: int, data: dict) -> dict:
    """The new saved search; its first run is one period away (instant: now), covering positions opened since."""
    names = ", ".join(COLUMNS)
    values = ", ".join(f"%({c})s" for c in COLUMNS)
    return one(conn.execute(
        f"""INSERT INTO saved_searches (candidate_id, {names}, next_run_at)
            VALUES (%(candidate_id)s, {values},
                    now() + CASE %(frequency)s WHEN 'instant' THEN interval '0' WHEN 'daily' THEN interval '1 day'
                                 ELSE interval '7 days' END)
            RETURNING {_READ}""", {c: data.get(c) for c in COLUMNS} | {"candidate_id": candidate_id}))


def list_for_candidate(conn: Connection, candidate_id: int) -> list[dict]:
    return conn.execute(f"SELECT {_READ} FROM saved_searches WHERE candidate_id = %s ORDER BY id",
                        (candidate_id,)).fetchall()


def get(conn: Connection, saved_search_id: int) -> dict | None:
    return conn.execute(f"SELECT {_READ} FROM saved_searches WHERE id = %s", (saved_search_id,)).fetchone()


def update(conn: Connection, saved_search_id: int, changes: dict) -> dict:
    """Sets ``frequency`` and/or ``language``; a new frequency reschedules the next run from the last one."""
    frequency, language = changes.get("frequency"), changes.get("language")
    return one(conn.execute(
        f"""UPDATE saved_searches SET frequency = coalesce(%(frequency)s, frequency), language = coalesce(%(language)s, language),
                   next_run_at = CASE WHEN %(frequency)s::text IS NULL THEN next_run_at
                                      ELSE coalesce(last_run_at, created_at) + {NEXT_RUN.replace('frequency', '%(frequency)s::text')} END
            WHERE id = %(id)s RETURNING {_READ}""", {"frequency": frequency, "language": language, "id": saved_search_id}))


def delete(conn: Connection, saved_search_id: int) -> bool:
    return conn.execute("DELETE FROM saved_searches WHERE id = %s", (saved_search_id,)).rowcount == 1
