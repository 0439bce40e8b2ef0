"""What the allocation reads: open positions and active candidates with their vectors and the facts its eligibility reads."""
from collections.abc import Iterator

from service.queries import Connection, one
from service.queries.positions import PUBLIC


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


def open_positions(conn: Connection, model: str) -> list[dict]:
    """Open positions with a current vector (id order): id, openings, embedding and the facts the
    eligibility reads. Binary transfer: the vectors arrive as float32 without parsing text."""
    with conn.cursor(binary=True) as cur:
        return cur.execute(
            "SELECT p.id, p.openings, pe.embedding, p.career_stage, p.salary_gross_eur_year::float8 AS salary_gross_eur_year,"
            " p.region, p.remote, p.fields, p.languages FROM positions p"
            " JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %s AND pe.text_hash = md5(p.embedding_text)"
            f" WHERE {PUBLIC} ORDER BY p.id", (model,)).fetchall()


_ACTIVE = ("FROM candidates c JOIN candidate_embeddings ce ON ce.candidate_id = c.id AND ce.model = %(model)s"
           " AND ce.text_hash = md5(c.embedding_text)"
           " WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.stage = 'hired')")


def count_active_candidates(conn: Connection, model: str) -> int:
    return one(conn.execute(f"SELECT count(*) AS n {_ACTIVE}", {"model": model}))["n"]


def active_candidates(conn: Connection, model: str, seed: float, batch_size: int) -> Iterator[list[dict]]:
    """Candidates still looking (not hired anywhere) with current vectors, in batches of ``batch_size``,
    in a random order fixed by ``seed`` (the order of queries.embeddings.active_candidate_vectors),
    read through a server-side cursor: only one batch is in memory at a time."""
    conn.execute("SELECT setseed(%s)", (seed,))
    with conn.cursor(name="allocation_candidates", binary=True) as cur:
        cur.itersize = batch_size
        cur.execute(
            "SELECT c.id, ce.embedding, c.career_stage, c.expected_salary_eur_year::float8 AS expected_salary_eur_year,"
            f" c.current_country, c.current_region, c.mobility_regions, c.fields, c.languages {_ACTIVE} ORDER BY random()",
            {"model": model})
        while batch := cur.fetchmany(batch_size):
            yield batch
