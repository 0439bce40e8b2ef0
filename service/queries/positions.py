"""Positions."""
from psycopg import sql
from psycopg.types.json import Jsonb

from service.queries import Connection, one
from service.queries.words import typed_match, typed_params, typed_query, words_matched

# Columns an API client may set; anything else is never written.
WRITABLE = (
    "title_it", "title_en", "description_it", "description_en", "fields", "settore_concorsuale", "ssd",
    "career_stage", "contract_type", "salary_min", "salary_max", "salary_period", "salary_basis",
    "monthly_payments", "hours_per_week", "duration_months", "city", "region", "remote", "openings",
    "opening_date", "deadline", "status", "funding_programme", "funding_mission", "spoke",
    "required_skills", "languages", "education_level", "min_years_experience", "call_url", "contact_email",
)
_SELECT = (
    "SELECT p.id, p.institution_id, i.name AS institution_name, i.city AS institution_city, "
    + ", ".join(f"p.{c}" for c in WRITABLE)
    + ", p.created_at, p.updated_at FROM positions p JOIN institutions i ON i.id = p.institution_id"
)
# Open and still accepting applications: what anonymous users and candidates may see (the rule is
# migration 0009's function, inlined by the planner, so the partial indexes on open positions still serve).
PUBLIC = "ecotalent_position_is_open(p.status, p.deadline, current_date)"


def _visibility(see_all: bool, own_institution_id: int | None) -> tuple[str, dict]:
    if see_all:
        return "TRUE", {}
    if own_institution_id is not None:
        return f"({PUBLIC} OR p.institution_id = %(own)s)", {"own": own_institution_id}
    return PUBLIC, {}


def list_positions(
    conn: Connection, filters: dict, *, see_all: bool, own_institution_id: int | None
) -> tuple[list[dict], int]:
    """A page of positions matching ``filters`` among those the caller may see, and the total."""
    clause, params = _visibility(see_all, own_institution_id)
    where = [clause]
    for column in ("institution_id", "region", "career_stage", "contract_type", "status", "remote"):
        if filters.get(column) is not None:
            where.append(f"p.{column} = %({column})s")
            params[column] = filters[column]
    if filters.get("field"):
        where.append("%(field)s = ANY(p.fields)")
        params["field"] = filters["field"]
    order = "p.id DESC"
    if filters.get("q"):
        # Any of the words, in either language, most of them first (migration 0010).
        typed = typed_query(conn, filters["q"], "position")
        if not typed:
            return [], 0
        match, match_params = typed_match("p", typed)
        where.append(match)
        params |= match_params | typed_params(typed)
        order = f"{words_matched('p')} DESC, ts_rank_cd(p.search_tsv, %(any_stems)s::tsquery, 32) DESC, p.id DESC"
    where_sql = " AND ".join(where)
    params.update(limit=filters["limit"], offset=filters["offset"])
    rows = conn.execute(
        f"{_SELECT} WHERE {where_sql} ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s", params
    ).fetchall()
    total = one(conn.execute(
        f"SELECT count(*) AS n FROM positions p WHERE {where_sql}", params
    ))["n"]
    return rows, total


def get_position(conn: Connection, position_id: int) -> dict | None:
    return conn.execute(f"{_SELECT} WHERE p.id = %s", (position_id,)).fetchone()


def open_positions_of(conn: Connection, institution_id: int) -> list[dict]:
    """The institution's positions that are open and accepting applications, oldest first."""
    return conn.execute(f"{_SELECT} WHERE p.institution_id = %s AND {PUBLIC} ORDER BY p.id", (institution_id,)).fetchall()


def _values(data: dict) -> dict:
    unknown = set(data) - set(WRITABLE)
    if unknown:
        raise ValueError(f"not position columns: {sorted(unknown)}")
    return {k: Jsonb(v) if k == "languages" else v for k, v in data.items()}


def insert_position(conn: Connection, institution_id: int, data: dict) -> int:
    values = _values(data) | {"institution_id": institution_id}
    query = sql.SQL("INSERT INTO positions ({}) VALUES ({}) RETURNING id").format(
        sql.SQL(", ").join(map(sql.Identifier, values)),
        sql.SQL(", ").join(map(sql.Placeholder, values)),
    )
    return one(conn.execute(query, values))["id"]


def update_position(conn: Connection, position_id: int, data: dict) -> None:
    values = _values(data)
    if not values:
        return
    query = sql.SQL("UPDATE positions SET {}, updated_at = now() WHERE id = {}").format(
        sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(k), sql.Placeholder(k)) for k in values),
        sql.Placeholder("_id"),
    )
    conn.execute(query, values | {"_id": position_id})


def count_hires(conn: Connection, position_id: int) -> int:
    return one(conn.execute(
        "SELECT count(*) AS n FROM applications WHERE position_id = %s AND stage = 'hired'", (position_id,)
    ))["n"]


def open_positions_changed(conn: Connection, limit: int) -> list[dict]:
    """Open and accepting positions (id and last change), for the sitemap; oldest id first."""
    return conn.execute(
        f"SELECT p.id, p.updated_at FROM positions p WHERE {PUBLIC} ORDER BY p.id LIMIT %s", (limit,)
    ).fetchall()


def newest_open(conn: Connection, where: str, params: dict, limit: int) -> list[dict]:
    """Positions meeting ``where`` (on alias p, e.g. queries.matching.position_filters, which holds the
    open rule), newest opening first."""
    return conn.execute(
        f"{_SELECT} WHERE {where} ORDER BY p.opening_date DESC, p.id DESC LIMIT %(newest_limit)s",
        params | {"newest_limit": limit},
    ).fetchall()


def open_by_ids_newest_first(conn: Connection, ids: list[int]) -> list[dict]:
    """The open and accepting ones of these positions, newest opening first."""
    return conn.execute(
        f"{_SELECT} WHERE p.id = ANY(%(ids)s) AND {PUBLIC} ORDER BY p.opening_date DESC, p.id DESC", {"ids": ids}
    ).fetchall()
