"""The alert run's SQL: due saved searches, the positions opened since, and which match, by batches.

One statement serves a whole batch of saved searches against all the new positions: "my matches"
compares each candidate's vector with the new positions' vectors (pgvector, an exact scan of a few
hundred rows per candidate), a word search tests its saved typed query against only the new
positions' text. Cheap tests first (distance, words), the eligibility rules of
``service.queries.matching.position_filters`` (here in join form, on the candidate's own columns)
only on the pairs that pass them.
"""
from service.queries import Connection, one
from service.queries.matching import _LANGUAGES_MET
from service.queries.saved_searches import NEXT_RUN

# Positions opened this long before a search's last run are looked at again (and skipped if announced):
# a position opened in a transaction that committed after the run began, or embedded late, is not lost.
LOOK_BACK = "interval '1 hour'"

# The same rules as position_filters(candidate, filters), with the candidate's and the saved search's columns.
_ELIGIBLE = " AND ".join([
    "ecotalent_position_is_open(p.status, p.deadline, current_date)",
    "(c.career_stage IS NULL OR ecotalent_stages_compatible(p.career_stage, c.career_stage))",
    "(c.languages = '[]'::jsonb OR " + _LANGUAGES_MET.format(need="p.languages", have="c.languages") + ")",
    "(ss.regions IS NULL OR p.region = ANY(ss.regions))",
    "(ss.remote IS NULL OR p.remote = ss.remote)",
    "(ss.contract_type IS NULL OR p.contract_type = ss.contract_type)",
    "(ss.institution_id IS NULL OR p.institution_id = ss.institution_id)",
    "(ss.field IS NULL OR p.fields @> ARRAY[ss.field])",
    "(ss.min_salary_eur_year IS NULL OR p.salary_gross_eur_year >= ss.min_salary_eur_year)",
    "NOT EXISTS (SELECT 1 FROM saved_search_announced a WHERE a.saved_search_id = ss.id AND a.position_id = p.id)",
])
_SINCE = f"coalesce(ss.last_run_at, ss.created_at) - {LOOK_BACK}"


def due(conn: Connection) -> list[dict]:
    """Saved searches whose run is due, with the time from which they look for positions."""
    return conn.execute(f"SELECT id, {_SINCE} AS since FROM saved_searches ss WHERE next_run_at <= now() ORDER BY id").fetchall()


def opened_since(conn: Connection, since) -> list[int]:
    return [r["id"] for r in conn.execute(
        "SELECT p.id FROM positions p WHERE p.status = 'open' AND p.opened_at > %s"
        " AND ecotalent_position_is_open(p.status, p.deadline, current_date) ORDER BY p.id", (since,)).fetchall()]


def searches(conn: Connection, ids: list[int]) -> list[dict]:
    """The saved searches of a batch with their candidate and where to write to."""
    return conn.execute(
        """SELECT ss.id, ss.candidate_id, ss.q, ss.language, ss.frequency, coalesce(u.email, c.email) AS email
           FROM saved_searches ss JOIN candidates c ON c.id = ss.candidate_id
           LEFT JOIN users u ON u.candidate_id = c.id WHERE ss.id = ANY(%s) ORDER BY ss.id""", (ids,)).fetchall()


def profile_matches(conn: Connection, ids: list[int], positions: list[int], model: str, min_cosine: float,
                    per_search: int) -> list[dict]:
    """For "my matches" searches of ``ids``: the new positions (of ``positions``) nearest the candidate's
    current vector, at least ``min_cosine`` alike and eligible, up to ``per_search`` each."""
    return conn.execute(
        f"""WITH s AS MATERIALIZED (
                SELECT ss.id, ss.candidate_id, {_SINCE} AS since, ce.embedding
                FROM saved_searches ss JOIN candidates c ON c.id = ss.candidate_id
                JOIN candidate_embeddings ce ON ce.candidate_id = c.id AND ce.model = %(model)s
                                            AND ce.text_hash = md5(c.embedding_text)
                WHERE ss.id = ANY(%(ids)s) AND ss.q IS NULL),
            np AS MATERIALIZED (
                SELECT p.id, p.opened_at, pe.embedding FROM positions p
                JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %(model)s
                                           AND pe.text_hash = md5(p.embedding_text)
                WHERE p.id = ANY(%(positions)s)),
            near AS MATERIALIZED (
                SELECT s.id AS search_id, np.id AS position_id, 1 - (s.embedding <=> np.embedding) AS cosine
                FROM s JOIN np ON np.opened_at > s.since
                WHERE s.embedding <=> np.embedding <= %(max_distance)s),
            eligible AS (
                SELECT near.*, row_number() OVER (PARTITION BY near.search_id ORDER BY near.cosine DESC, near.position_id) AS nth
                FROM near JOIN saved_searches ss ON ss.id = near.search_id JOIN candidates c ON c.id = ss.candidate_id
                JOIN positions p ON p.id = near.position_id WHERE {_ELIGIBLE})
            SELECT search_id, position_id, cosine, NULL::real AS share FROM eligible WHERE nth <= %(per_search)s""",
        {"ids": ids, "positions": positions, "model": model, "max_distance": 1 - min_cosine, "per_search": per_search},
    ).fetchall()


def word_matches(conn: Connection, ids: list[int], positions: list[int], model: str, min_share: float,
                 per_search: int) -> list[dict]:
    """For word searches of ``ids``: the new positions holding at least ``min_share`` of the saved
    query's (weighted) words and eligible, with the candidate's cosine to each (for the fit), up to
    ``per_search`` each, most words first."""
    return conn.execute(
        f"""WITH hits AS MATERIALIZED (
                SELECT ss.id AS search_id, p.id AS position_id,
                       ecotalent_words_matched(p.search_tsv, p.search_title_tsv, p.search_title, ss.typed_words,
                                               ss.typed_stems::tsquery[], ss.typed_weights, ss.typed_unknown) AS share
                FROM saved_searches ss JOIN positions p ON p.id = ANY(%(positions)s) AND p.opened_at > {_SINCE}
                WHERE ss.id = ANY(%(ids)s) AND ss.q IS NOT NULL AND cardinality(ss.typed_stems) > 0
                  AND p.search_tsv @@ (SELECT string_agg('(' || stem || ')', ' | ') FROM unnest(ss.typed_stems) stem)::tsquery),
            eligible AS (
                SELECT hits.*, row_number() OVER (PARTITION BY hits.search_id ORDER BY hits.share DESC, hits.position_id) AS nth
                FROM hits JOIN saved_searches ss ON ss.id = hits.search_id JOIN candidates c ON c.id = ss.candidate_id
                JOIN positions p ON p.id = hits.position_id WHERE hits.share >= %(min_share)s AND {_ELIGIBLE})
            SELECT e.search_id, e.position_id, e.share,
                   1 - (ce.embedding <=> pe.embedding) AS cosine
            FROM eligible e JOIN saved_searches ss ON ss.id = e.search_id JOIN candidates c ON c.id = ss.candidate_id
            LEFT JOIN candidate_embeddings ce ON ce.candidate_id = c.id AND ce.model = %(model)s AND ce.text_hash = md5(c.embedding_text)
            LEFT JOIN positions p ON p.id = e.position_id
            LEFT JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %(model)s AND pe.text_hash = md5(p.embedding_text)
            WHERE e.nth <= %(per_search)s""",
        {"ids": ids, "positions": positions, "model": model, "min_share": min_share, "per_search": per_search},
    ).fetchall()


def record_announced(conn: Connection, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        conn.execute("""INSERT INTO saved_search_announced (saved_search_id, position_id)
                        SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING""",
                     ([s for s, _ in pairs], [p for _, p in pairs]))


def mark_run(conn: Connection, ids: list[int], started_at) -> None:
    """The searches ran at ``started_at``: their next run is one period on."""
    conn.execute(f"UPDATE saved_searches SET last_run_at = %s, next_run_at = %s::timestamptz + {NEXT_RUN}"
                 " WHERE id = ANY(%s)", (started_at, started_at, ids))


def now(conn: Connection):
    return one(conn.execute("SELECT now() AS now"))["now"]
