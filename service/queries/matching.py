"""Retrieval for matching: eligible rows by vector (pgvector HNSW) and by words (full-text search).

Hard constraints are SQL filters. Vector searches run with iterative index scans
(``hnsw.iterative_scan = relaxed_order``), so a filter that rejects most neighbours still gets
``k`` rows instead of the few that survive one pass of the index.
"""
from psycopg.types.json import Jsonb

from service.queries import Connection, one
from service.queries.positions import PUBLIC
from service.queries.words import TypedQuery, typed_match, typed_params, words_matched

_LANGUAGES_MET = """NOT EXISTS (
    SELECT 1 FROM jsonb_array_elements({need}) need
    WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements({have}) have
        WHERE have->>'language' = need->>'language'
          AND ecotalent_cefr_rank(have->>'level') >= ecotalent_cefr_rank(need->>'level')))"""
# A profile's skills as one OR query (web-search syntax, phrases quoted), with both stemmers.
_QUERY = "(websearch_to_tsquery('ecotalent_english', %(words)s) || websearch_to_tsquery('ecotalent_italian', %(words)s))"


def tune_vector_search(conn: Connection, ef_search: int, walk_index: bool = True) -> None:
    """For this transaction: iterative HNSW scans, the candidate list size and, with ``walk_index``,
    no sorting.

    The planner cannot estimate the eligibility filters (career stage arithmetic, language checks
    on JSON) and, misled, prefers to filter all open positions exactly and sort them by distance:
    230 ms at 100k positions against 5-30 ms walking the HNSW index (benchmarks/speed.py). Without
    sorts it walks the index. When the user's own filters are selective (a contract type, a region),
    the planner is left free: it then scores the few eligible rows exactly, through the filter indexes.
    """
    conn.execute("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true),"
                 " set_config('hnsw.ef_search', %s, true), set_config('enable_sort', %s, true)",
                 (str(ef_search), "off" if walk_index else "on"))


def position_filters(candidate: dict | None, filters: dict) -> tuple[str, dict]:
    """WHERE clause (on alias p) for positions a candidate may be shown, with the user's own filters."""
    where, params = [PUBLIC], {}
    if candidate and candidate.get("career_stage"):
        where.append("ecotalent_stages_compatible(p.career_stage, %(stage)s)")
        params["stage"] = candidate["career_stage"]
    if candidate and candidate.get("languages"):
        where.append(_LANGUAGES_MET.format(need="p.languages", have="%(languages)s::jsonb"))
        params["languages"] = Jsonb(candidate["languages"])
    if filters.get("regions"):
        where.append("p.region = ANY(%(regions)s)")
        params["regions"] = list(filters["regions"])
    for column in ("remote", "contract_type", "institution_id"):
        if filters.get(column) is not None:
            where.append(f"p.{column} = %({column})s")
            params[column] = filters[column]
    if filters.get("field"):
        where.append("p.fields @> ARRAY[%(field)s]::text[]")
        params["field"] = filters["field"]
    if filters.get("min_salary_eur_year"):
        where.append("p.salary_gross_eur_year >= %(min_salary)s")
        params["min_salary"] = filters["min_salary_eur_year"]
    return " AND ".join(where), params


# The orders of a list of positions other than relevance (schemas.matching.PositionSort), on alias p; ties
# keep the order the ids came in (their relevance), or the newest first when browsing.
SORTS = {"deadline": "p.deadline ASC NULLS LAST", "pay": "p.salary_gross_eur_year DESC NULLS LAST",
         # newest: the day it opened, as every list and the feed show it (then the later post first)
         "newest": "p.opening_date DESC, p.created_at DESC"}


def sorted_ids(conn: Connection, ids: list[int], sort: str) -> list[int]:
    """``ids`` (in relevance order) in the order ``sort`` names, ties kept in relevance order."""
    rows = conn.execute(
        f"SELECT p.id FROM positions p WHERE p.id = ANY(%(ids)s)"
        f" ORDER BY {SORTS[sort]}, array_position(%(ids)s::bigint[], p.id)", {"ids": ids}).fetchall()
    return [r["id"] for r in rows]


def browse(conn: Connection, where: str, params: dict, sort: str, limit: int, offset: int) -> tuple[list[int], int]:
    """A page of the ids of positions passing ``where`` (no words: browsing), in ``sort``'s order, and their count."""
    rows = conn.execute(
        f"SELECT p.id FROM positions p WHERE {where} ORDER BY {SORTS[sort]}, p.id DESC LIMIT %(limit)s OFFSET %(offset)s",
        params | {"limit": limit, "offset": offset}).fetchall()
    total = one(conn.execute(f"SELECT count(*) AS n FROM positions p WHERE {where}", params))["n"]
    return [r["id"] for r in rows], total


def passes(conn: Connection, position_id: int, where: str, params: dict) -> bool:
    """Whether one position passes a WHERE clause of position_filters."""
    return conn.execute(f"SELECT 1 FROM positions p WHERE p.id = %(position_id)s AND {where}",
                        params | {"position_id": position_id}).fetchone() is not None


def open_counts_by_field(conn: Connection) -> list[dict]:
    """Open positions per research field (a position counts once in each of its fields), most first."""
    return conn.execute(
        f"""SELECT f.field, count(*) AS positions FROM positions p, unnest(p.fields) AS f(field)
            WHERE {PUBLIC} GROUP BY f.field ORDER BY count(*) DESC, f.field""").fetchall()


def candidate_filters(position: dict | None, filters: dict) -> tuple[str, dict]:
    """WHERE clause (on alias c) for candidates an HR office may be shown for a position."""
    where, params = ["TRUE"], {}
    if position is not None:
        where.append("ecotalent_stages_compatible(c.career_stage, %(stage)s)")
        params["stage"] = position["career_stage"]
        if position.get("languages"):
            languages_met = _LANGUAGES_MET.format(need="%(needed)s::jsonb", have="c.languages")
            where.append(f"(c.languages = '[]'::jsonb OR {languages_met})")
            params["needed"] = Jsonb(position["languages"])
        # Someone already hired through this position is not a match for it any more.
        where.append("NOT EXISTS (SELECT 1 FROM applications a WHERE a.candidate_id = c.id"
                     " AND a.position_id = %(position_id)s AND a.stage IN ('hired', 'rejected', 'withdrawn'))")
        params["position_id"] = position["id"]
    if filters.get("regions"):
        where.append("c.current_region = ANY(%(regions)s)")
        params["regions"] = list(filters["regions"])
    if filters.get("career_stage"):
        where.append("c.career_stage = %(career_stage)s")
        params["career_stage"] = filters["career_stage"]
    if filters.get("field"):
        where.append("c.fields @> ARRAY[%(field)s]::text[]")
        params["field"] = filters["field"]
    if filters.get("min_years_experience"):
        where.append("c.years_experience >= %(min_years)s")
        params["min_years"] = filters["min_years_experience"]
    return " AND ".join(where), params


# kind: (table, alias used by the filters, vector table, its key). The vector tables hold copies of the
# columns the filters read, under the same names (migration 0021), so a WHERE clause written on the
# table's alias runs on its vector table given that alias: an index walk then tests each neighbour on
# the tuple it has just read, with no join.
_SIDES = {"position": ("positions", "p", "position_embeddings", "position_id"),
          "candidate": ("candidates", "c", "candidate_embeddings", "candidate_id")}


def _current_vectors(kind: str) -> str:
    """Each row's id and the cosine similarity of its vector to %(vector)s, for rows of ``kind`` with a
    vector of %(model)s made from their current text (an edited text's old vector never counts)."""
    _, t, vectors, _ = _SIDES[kind]
    return (f"SELECT {t}.id, 1 - ({t}.embedding <=> %(vector)s) AS cosine FROM {vectors} {t}"
            f" WHERE {t}.model = %(model)s AND {t}.current")


def _nearest_sql(kind: str, where: str) -> str:
    t = _SIDES[kind][1]
    return f"{_current_vectors(kind)} AND {where} ORDER BY {t}.embedding <=> %(vector)s LIMIT %(k)s"


def nearest(conn: Connection, kind: str, vector, model: str, where: str, params: dict, k: int) -> dict[int, float]:
    """Up to k eligible rows of ``kind`` by cosine similarity, using only vectors of their current text."""
    rows = conn.execute(_nearest_sql(kind, where), params | {"vector": vector, "model": model, "k": k}).fetchall()
    return {r["id"]: r["cosine"] for r in rows}


def nearest_for_scoring(conn: Connection, kind: str, vector, model: str, where: str, params: dict, k: int,
                        words: str = "") -> list[dict]:
    """``nearest`` and ``positions_for_scoring`` (or ``candidates_for_scoring``) in one statement: the
    scoring rows of the k nearest eligible rows, each with its ``cosine``, nearest first."""
    t = _SIDES[kind][1]
    rows = conn.execute(
        f"""WITH near AS MATERIALIZED ({_nearest_sql(kind, where)})
            SELECT near.cosine, {_SCORING[kind]} JOIN near ON near.id = {t}.id ORDER BY near.cosine DESC, {t}.id""",
        params | {"vector": vector, "model": model, "k": k, "words": words}).fetchall()
    return rows


def cosines(conn: Connection, kind: str, vector, model: str, ids: list[int]) -> dict[int, float]:
    """Cosine similarity of ``vector`` to each of ``ids`` that has a vector of its current text."""
    if not ids:
        return {}
    t = _SIDES[kind][1]
    rows = conn.execute(f"{_current_vectors(kind)} AND {t}.id = ANY(%(ids)s)",
                        {"vector": vector, "model": model, "ids": ids}).fetchall()
    return {r["id"]: r["cosine"] for r in rows}


def text_ranked(conn: Connection, kind: str, words: str, where: str, params: dict, k: int) -> dict[int, float]:
    """Up to k eligible rows of ``kind`` whose text matches ``words`` (web-search syntax), rank in [0, 1)."""
    if not words.strip():
        return {}
    table, t, _, _ = _SIDES[kind]
    rows = conn.execute(
        f"""SELECT {t}.id, ts_rank_cd({t}.search_tsv, {_QUERY}, 32) AS rank FROM {table} {t}
            WHERE {t}.search_tsv @@ {_QUERY} AND {where} ORDER BY rank DESC, {t}.id LIMIT %(k)s""",
        params | {"words": words, "k": k},
    ).fetchall()
    return {r["id"]: r["rank"] for r in rows}


def typed_ranked(conn: Connection, kind: str, typed: TypedQuery, where: str, params: dict, k: int) -> dict[int, float]:
    """Up to k eligible rows of ``kind`` holding any of the typed words, by the share they hold (then
    by full-text rank): one word that matches nothing does not erase the others."""
    if not typed:
        return {}
    table, t, _, _ = _SIDES[kind]
    match, match_params = typed_match(t, typed)
    rows = conn.execute(
        f"""SELECT {t}.id, {words_matched(t)} AS share FROM {table} {t}
            WHERE {match} AND {where}
            ORDER BY share DESC, ts_rank_cd({t}.search_tsv, %(any_stems)s::tsquery, 32) DESC, {t}.id LIMIT %(k)s""",
        params | match_params | typed_params(typed) | {"k": k},
    ).fetchall()
    return {r["id"]: r["share"] for r in rows}


def typed_shares(conn: Connection, kind: str, typed: TypedQuery, ids: list[int]) -> dict[int, float]:
    """The share of the typed words each of ``ids`` holds (0 included), for rows another signal found."""
    if not typed or not ids:
        return {}
    table, t, _, _ = _SIDES[kind]
    rows = conn.execute(f"SELECT {t}.id, {words_matched(t)} AS share FROM {table} {t} WHERE {t}.id = ANY(%(ids)s)",
                        typed_params(typed) | {"ids": ids}).fetchall()
    return {r["id"]: r["share"] for r in rows}


def texts_matched(conn: Connection, typed: TypedQuery, ids: list[int]) -> dict[int, dict]:
    """For each position of ``ids``: the languages whose title holds any of the typed words (titles,
    not descriptions: analysing each description twice per result cost 10 ms a page), and the
    language of the text its vector was made from (its English text where it has one, migration 0002)."""
    if not ids:
        return {}
    held = "ecotalent_tsv(p.title_{l}) @@ %(any_stems)s::tsquery"
    rows = conn.execute(
        f"""SELECT p.id, {held.format(l="it") if typed else "false"} AS words_it,
                   {held.format(l="en") if typed else "false"} AS words_en,
                   CASE WHEN p.title_en IS NOT NULL THEN 'en' ELSE 'it' END AS meaning_of
            FROM positions p WHERE p.id = ANY(%(ids)s)""", typed_params(typed) | {"ids": ids}).fetchall()
    return {r["id"]: {"words_in": [lang for lang in ("it", "en") if r[f"words_{lang}"]], "meaning_of": r["meaning_of"]}
            for r in rows}


def _text_rank(alias: str) -> str:
    """The full-text rank of %(words)s in a row, NULL when the words do not match it (or are none)."""
    return (f"CASE WHEN %(words)s <> '' AND {alias}.search_tsv @@ {_QUERY}"
            f" THEN ts_rank_cd({alias}.search_tsv, {_QUERY}, 32) END AS text_rank")


_SCORING = {  # what scoring needs of each row, with %(words)s' full-text rank in it: "SELECT" this "WHERE ..."
    "position": f"""p.id, p.institution_id, i.name AS institution_name, p.title_it, p.title_en, p.career_stage,
                  p.contract_type, p.fields, p.required_skills, p.languages, p.min_years_experience,
                  p.salary_gross_eur_year, p.region, p.city, p.remote, p.openings, p.deadline, p.created_at,
                  coalesce(pc.price, 0) AS congestion_price, {_text_rank("p")}
           FROM positions p JOIN institutions i ON i.id = p.institution_id
           LEFT JOIN position_congestion pc ON pc.position_id = p.id""",
    "candidate": f"""c.id, c.full_name, c.headline, c.career_stage, c.skills, c.fields, c.years_experience, c.languages,
                  c.current_country, c.current_region, c.mobility_regions, c.remote_preference,
                  c.expected_salary_eur_year, c.accepts_invitations, {_text_rank("c")}
           FROM candidates c""",
}


def positions_for_scoring(conn: Connection, ids: list[int], words: str = "") -> list[dict]:
    """What scoring needs of each position, with ``words``' full-text rank in it (a re-scoring signal)."""
    return conn.execute(f"SELECT {_SCORING['position']} WHERE p.id = ANY(%(ids)s)", {"ids": ids, "words": words}).fetchall()


def candidates_for_scoring(conn: Connection, ids: list[int], words: str = "") -> list[dict]:
    return conn.execute(f"SELECT {_SCORING['candidate']} WHERE c.id = ANY(%(ids)s)", {"ids": ids, "words": words}).fetchall()


def profile_and_vector(conn: Connection, kind: str, entity_id: int, model: str) -> tuple[dict | None, object]:
    """One row's scoring profile (as ``positions_for_scoring``) and its vector of ``model`` for its current
    text (None when it has none), in one statement."""
    _, t, vectors, key = _SIDES[kind]
    row = conn.execute(
        f"SELECT v.embedding AS vector, {_SCORING[kind]}"
        f" LEFT JOIN {vectors} v ON v.{key} = {t}.id AND v.model = %(model)s AND v.current WHERE {t}.id = %(id)s",
        {"id": entity_id, "model": model, "words": ""}).fetchone()
    if row is None:
        return None, None
    vector = row.pop("vector")
    return row, vector


def candidate_profile(conn: Connection, candidate_id: int) -> dict | None:
    rows = candidates_for_scoring(conn, [candidate_id])
    return rows[0] if rows else None


def position_profile(conn: Connection, position_id: int) -> dict | None:
    rows = positions_for_scoring(conn, [position_id])
    return rows[0] if rows else None

