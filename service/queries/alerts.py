"""The alert run's SQL: due saved searches, the positions opened since, and which match, by batches.

A few statements serve a whole batch of saved searches against all the new positions: the batch's
candidate vectors are read at once (and compared with the new positions' vectors by one matrix
product, models.alerts); each distinct saved typed query meets, once a run, only the new positions
sharing one of its lexemes. Cheap tests first (nearness, words), the eligibility rules of
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
def _ids(ids: list[int]) -> str:
    """Many ids as one array literal: psycopg adapts a long list of ints element by element, ten times slower."""
    return "{" + ",".join(map(str, ids)) + "}"


# Never before the search was saved (what was open then, its owner saw in the search itself: on the demo,
# posts loaded weeks ago were announced as new); after a run, from an hour before it.
_SINCE = f"greatest(ss.created_at, ss.last_run_at - {LOOK_BACK})"


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


def search_vectors(conn: Connection, ids: list[int], model: str) -> list[dict]:
    """The saved searches of ``ids`` with their window start, whether they are word searches, and their
    candidate's current vector (None while it waits to be embedded)."""
    return conn.execute(
        f"""SELECT ss.id, {_SINCE} AS since, ss.q IS NOT NULL AS words, ce.embedding
            FROM saved_searches ss JOIN candidates c ON c.id = ss.candidate_id
            LEFT JOIN candidate_embeddings ce ON ce.candidate_id = c.id AND ce.model = %s AND ce.text_hash = md5(c.embedding_text)
            WHERE ss.id = ANY(%s::bigint[]) ORDER BY ss.id""", (model, _ids(ids)), binary=True).fetchall()


def position_vectors(conn: Connection, ids: list[int], model: str) -> list[dict]:
    """The current vectors of positions ``ids`` (one not embedded yet is left out) and when each opened."""
    return conn.execute(
        """SELECT p.id, p.opened_at, pe.embedding FROM positions p
           JOIN position_embeddings pe ON pe.position_id = p.id AND pe.model = %s AND pe.text_hash = md5(p.embedding_text)
           WHERE p.id = ANY(%s) ORDER BY p.id""", (model, ids), binary=True).fetchall()


def eligible(conn: Connection, search_ids: list[int], position_ids: list[int]) -> set[tuple[int, int]]:
    """Which (saved search, position) pairs pass the search's filters and its candidate's eligibility, and
    are unannounced positions opened in the search's window."""
    rows = conn.execute(
        f"""SELECT pair.search_id, pair.position_id
            FROM unnest(%s::bigint[], %s::bigint[]) AS pair(search_id, position_id)
            JOIN saved_searches ss ON ss.id = pair.search_id JOIN candidates c ON c.id = ss.candidate_id
            JOIN positions p ON p.id = pair.position_id WHERE p.opened_at > {_SINCE} AND {_ELIGIBLE}""",
        (_ids(search_ids), _ids(position_ids))).fetchall()
    return {(r["search_id"], r["position_id"]) for r in rows}


# The lexemes of one word's stems (tsquery text such as 'energ' | 'energia'), a quote inside one doubled.
_LEXEMES = (r"SELECT DISTINCT replace(m[1], '''''', '''') AS lexeme"
            r" FROM regexp_matches(w.stem, '''((?:[^'']|'''')+)''', 'g') AS m")


def word_hits(conn: Connection, ids: list[int], positions: list[int], min_share: float) -> list[dict]:
    """For the word searches among ``ids``: each distinct typed query (matched once, whoever saved it),
    the saved searches that hold it, and the positions of ``positions`` holding at least ``min_share``
    of its weighted words (ecotalent_words_matched, the search page's share) with that share.

    Queries and positions meet on their lexemes (a hash join), and the share of weighted words found
    anywhere, an upper bound of ecotalent_words_matched's, drops most pairs before that function runs.
    A typo's closeness to a title (the search page's extra arm) is not looked for here."""
    return conn.execute(
        f"""WITH q AS MATERIALIZED (
                SELECT row_number() OVER () AS qid, d.*, (SELECT sum(x) FROM unnest(d.typed_weights) x) AS total
                FROM (SELECT typed_words, typed_stems, typed_weights, typed_unknown, array_agg(id) AS searches
                      FROM saved_searches WHERE id = ANY(%(ids)s::bigint[]) AND q IS NOT NULL AND cardinality(typed_stems) > 0
                      GROUP BY typed_words, typed_stems, typed_weights, typed_unknown) d),
            ql AS MATERIALIZED (
                SELECT q.qid, w.i, w.weight, l.lexeme FROM q,
                       unnest(q.typed_stems, q.typed_weights) WITH ORDINALITY AS w(stem, weight, i), LATERAL ({_LEXEMES}) l),
            np AS MATERIALIZED (
                SELECT p.id, unnest(tsvector_to_array(p.search_tsv)) AS lexeme FROM positions p WHERE p.id = ANY(%(positions)s)),
            held AS (
                SELECT qid, position_id, sum(weight) AS weight
                FROM (SELECT DISTINCT ql.qid, np.id AS position_id, ql.i, ql.weight FROM ql JOIN np ON np.lexeme = ql.lexeme) found
                GROUP BY qid, position_id),
            scored AS MATERIALIZED (
                SELECT held.qid, held.position_id,
                       ecotalent_words_matched(p.search_tsv, p.search_title_tsv, p.search_title, q.typed_words,
                                               q.typed_stems::tsquery[], q.typed_weights, q.typed_unknown) AS share
                FROM held JOIN q ON q.qid = held.qid JOIN positions p ON p.id = held.position_id
                WHERE held.weight >= %(min_share)s * q.total)
            SELECT q.searches, array_agg(s.position_id ORDER BY s.share DESC, s.position_id) AS positions,
                   array_agg(s.share ORDER BY s.share DESC, s.position_id) AS shares
            FROM scored s JOIN q ON q.qid = s.qid WHERE s.share >= %(min_share)s GROUP BY q.qid, q.searches""",
        {"ids": _ids(ids), "positions": positions, "min_share": min_share},
    ).fetchall()


def record_announced(conn: Connection, pairs: list[tuple[int, int]]) -> None:
    """Records what each saved search announced, by COPY (a run may announce a million pairs): the pairs
    are unannounced (``eligible``) and one run at a time records them (``take_run_lock``)."""
    if pairs:
        with conn.cursor().copy("COPY saved_search_announced (saved_search_id, position_id) FROM STDIN") as copy:
            copy.write("".join(f"{search_id}\t{position_id}\n" for search_id, position_id in pairs))


def take_run_lock(conn: Connection) -> bool:
    """One alert run at a time (the service's worker, `ecotalent alerts run`): False when another holds it."""
    return one(conn.execute("SELECT pg_try_advisory_xact_lock(hashtext('ecotalent.alerts')) AS taken"))["taken"]


def mark_run(conn: Connection, ids: list[int], started_at) -> None:
    """The searches ran at ``started_at``: their next run is one period on."""
    conn.execute(f"UPDATE saved_searches SET last_run_at = %s, next_run_at = %s::timestamptz + {NEXT_RUN}"
                 " WHERE id = ANY(%s)", (started_at, started_at, ids))


def now(conn: Connection):
    return one(conn.execute("SELECT now() AS now"))["now"]
