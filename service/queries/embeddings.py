"""The embedding job queue and the stored vectors."""
from collections.abc import Iterable

import numpy as np
from psycopg import sql

from service.queries import Connection, one
from service.queries.positions import PUBLIC

_TABLES = {  # kind: (entity table, vector table, key column)
    "position": ("positions", "position_embeddings", "position_id"),
    "candidate": ("candidates", "candidate_embeddings", "candidate_id"),
}


def claim_jobs(conn: Connection, limit: int) -> list[dict]:
    """Lock up to ``limit`` jobs (id, kind, entity_id) that no other worker holds: positions first,
    then the oldest. A new post is searched for at once; a backlog of thousands of profiles (a bulk
    import, a model change) must not hide it until it drains.

    An entity may have two jobs: one held by a worker and one queued by an edit made meanwhile
    (migration 0006). The worker finishes only the jobs it claimed, so the second one survives.
    """
    return conn.execute(
        "SELECT id, kind, entity_id FROM embedding_jobs ORDER BY kind <> 'position', id LIMIT %s FOR UPDATE SKIP LOCKED", (limit,),
    ).fetchall()


def texts_to_embed(conn: Connection, kind: str, ids: list[int], model: str) -> list[dict]:
    """id, text and md5 of each entity that still exists and has no vector of this text and model."""
    table, vectors, key = _TABLES[kind]
    return conn.execute(sql.SQL(
        "SELECT t.id, t.embedding_text AS text, md5(t.embedding_text) AS text_hash FROM {table} t"
        " LEFT JOIN {vectors} v ON v.{key} = t.id AND v.model = %s AND v.text_hash = md5(t.embedding_text)"
        " WHERE t.id = ANY(%s) AND v.{key} IS NULL"
    ).format(table=sql.Identifier(table), vectors=sql.Identifier(vectors), key=sql.Identifier(key)), (model, ids)).fetchall()


def store(conn: Connection, kind: str, model: str, rows: list[dict], vectors: Iterable[np.ndarray]) -> None:
    """Upsert one vector per row (rows as returned by ``texts``)."""
    _, table, key = _TABLES[kind]
    query = sql.SQL(
        "INSERT INTO {table} ({key}, model, text_hash, embedding, embedded_at) VALUES (%s, %s, %s, %s, now())"
        " ON CONFLICT ({key}) DO UPDATE SET model = EXCLUDED.model, text_hash = EXCLUDED.text_hash,"
        " embedding = EXCLUDED.embedding, embedded_at = now()"
    ).format(table=sql.Identifier(table), key=sql.Identifier(key))
    with conn.cursor() as cur:
        cur.executemany(query, [(r["id"], model, r["text_hash"], v) for r, v in zip(rows, vectors, strict=True)])


def finish_jobs(conn: Connection, job_ids: list[int]) -> None:
    """Delete the claimed jobs, by job id: never a job queued for the same entity since the claim."""
    conn.execute("DELETE FROM embedding_jobs WHERE id = ANY(%s)", (job_ids,))


# Queue an entity unless a job for it is queued already (a job a worker holds counts too: this is
# for model changes and missing vectors, not edits, which the trigger of migration 0006 queues).
_NOT_QUEUED = "NOT EXISTS (SELECT 1 FROM embedding_jobs j WHERE j.kind = %s AND j.entity_id = t.id)"


def enqueue_stale(conn: Connection, model: str) -> int:
    """Queue every entity whose vector is missing, from another model, or of an older text."""
    queued = 0
    for kind, (table, vectors, key) in _TABLES.items():
        queued += conn.execute(sql.SQL(
            "INSERT INTO embedding_jobs (kind, entity_id)"
            " SELECT %s, t.id FROM {table} t LEFT JOIN {vectors} v ON v.{key} = t.id"
            " WHERE (v.{key} IS NULL OR v.model <> %s OR v.text_hash <> md5(t.embedding_text)) AND " + _NOT_QUEUED
        ).format(table=sql.Identifier(table), vectors=sql.Identifier(vectors), key=sql.Identifier(key)),
            (kind, model, kind)).rowcount
    return queued


def forget_vectors(conn: Connection) -> None:
    """Drop every stored vector, so the next embedding pass redoes them all."""
    conn.execute("TRUNCATE position_embeddings, candidate_embeddings")


def enqueue_all(conn: Connection) -> int:
    queued = 0
    for kind, (table, _, _) in _TABLES.items():
        queued += conn.execute(sql.SQL(
            "INSERT INTO embedding_jobs (kind, entity_id) SELECT %s, t.id FROM {table} t WHERE " + _NOT_QUEUED
        ).format(table=sql.Identifier(table)), (kind, kind)).rowcount
    return queued


def pending(conn: Connection) -> int:
    return one(conn.execute("SELECT count(*) AS n FROM embedding_jobs"))["n"]


def current_vector(conn: Connection, kind: str, entity_id: int, model: str) -> np.ndarray | None:
    """The entity's vector if it is of this model and of its current text; else None."""
    _, vectors, key = _TABLES[kind]
    row = conn.execute(sql.SQL(  # current: of the row's current text (migration 0021)
        "SELECT v.embedding FROM {vectors} v WHERE v.{key} = %s AND v.model = %s AND v.current"
    ).format(vectors=sql.Identifier(vectors), key=sql.Identifier(key)), (entity_id, model)).fetchone()
    return None if row is None else row["embedding"]


def open_position_vectors(conn: Connection, model: str) -> list[dict]:
    """Open positions with a current vector: id, openings, embedding."""
    return conn.execute(
        "SELECT p.id, p.openings, pe.embedding FROM positions p"
        " JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %s AND pe.text_hash = md5(p.embedding_text)"
        f" WHERE {PUBLIC} ORDER BY p.id", (model,),
    ).fetchall()


def active_candidate_vectors(conn: Connection, model: str, sample_size: int, seed: float) -> tuple[list[dict], int]:
    """A random sample of candidates still looking (not hired anywhere) with current vectors, and how many there are."""
    where = ("FROM candidates c JOIN candidate_embeddings ce ON ce.candidate_id = c.id AND ce.model = %(model)s"
             " AND ce.text_hash = md5(c.embedding_text)"
             " WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id AND a.stage = 'hired')")
    total = one(conn.execute(f"SELECT count(*) AS n {where}", {"model": model}))["n"]
    conn.execute("SELECT setseed(%s)", (seed,))
    rows = conn.execute(f"SELECT c.id, ce.embedding {where} ORDER BY random() LIMIT %(n)s",
                        {"model": model, "n": sample_size}).fetchall()
    return rows, total


def replace_congestion(conn: Connection, prices: dict[int, float]) -> None:
    conn.execute("DELETE FROM position_congestion")
    with conn.cursor() as cur, cur.copy("COPY position_congestion (position_id, price) FROM STDIN") as copy:
        for position_id, price in prices.items():
            copy.write_row((position_id, price))


_VECTOR_INDEXES = {"position_embeddings_hnsw": "position_embeddings", "candidate_embeddings_hnsw": "candidate_embeddings"}


def drop_vector_indexes(conn: Connection) -> None:
    """Before a bulk load: inserting into a large HNSW graph row by row costs more than rebuilding it."""
    for name in _VECTOR_INDEXES:
        conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(name)))


def create_vector_indexes(conn: Connection, maintenance_work_mem: str = "1GB") -> None:
    """(Re)build the HNSW cosine indexes (m 16, ef_construction 64: pgvector's defaults)."""
    conn.execute("SELECT set_config('maintenance_work_mem', %s, true)", (maintenance_work_mem,))
    for name, table in _VECTOR_INDEXES.items():
        conn.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} USING hnsw (embedding vector_cosine_ops)")
                     .format(sql.Identifier(name), sql.Identifier(table)))

