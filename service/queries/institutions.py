"""Ecosystems and institutions."""
from service.queries import Connection, one

_COLUMNS = "id, ecosystem_id, name, kind, role, spoke, region, city"


def list_ecosystems(conn: Connection) -> list[dict]:
    return conn.execute("SELECT id, name, hub_city, regions FROM ecosystems ORDER BY id").fetchall()


def get_ecosystem(conn: Connection, ecosystem_id: int) -> dict | None:
    return conn.execute(
        "SELECT id, name, hub_city, regions FROM ecosystems WHERE id = %s", (ecosystem_id,)
    ).fetchone()


def get_ecosystem_by_name(conn: Connection, name: str) -> dict | None:
    return conn.execute("SELECT id, name, hub_city, regions FROM ecosystems WHERE name = %s", (name,)).fetchone()


def create_ecosystem(conn: Connection, data: dict) -> dict:
    return one(conn.execute(
        "INSERT INTO ecosystems (name, hub_city, regions) VALUES (%(name)s, %(hub_city)s, %(regions)s)"
        " RETURNING id, name, hub_city, regions", data,
    ))


def list_institutions(
    conn: Connection, *, ecosystem_id: int | None, kind: str | None, limit: int, offset: int
) -> tuple[list[dict], int]:
    where = "WHERE (%(eco)s::bigint IS NULL OR ecosystem_id = %(eco)s) AND (%(kind)s::text IS NULL OR kind = %(kind)s)"
    params = {"eco": ecosystem_id, "kind": kind, "limit": limit, "offset": offset}
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM institutions {where} ORDER BY id LIMIT %(limit)s OFFSET %(offset)s", params
    ).fetchall()
    total = one(conn.execute(f"SELECT count(*) AS n FROM institutions {where}", params))["n"]
    return rows, total


def get_institution(conn: Connection, institution_id: int) -> dict | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM institutions WHERE id = %s", (institution_id,)).fetchone()


def institutions_named(conn: Connection, name: str, ecosystem_id: int | None = None) -> list[dict]:
    """Every institution of that exact name (one partner may belong to several ecosystems), oldest first."""
    return conn.execute(
        f"SELECT {_COLUMNS} FROM institutions WHERE name = %s AND (%s::bigint IS NULL OR ecosystem_id = %s) ORDER BY id",
        (name, ecosystem_id, ecosystem_id),
    ).fetchall()


def create_institution(conn: Connection, data: dict) -> dict:
    return one(conn.execute(
        f"INSERT INTO institutions (ecosystem_id, name, kind, role, spoke, region, city)"
        f" VALUES (%(ecosystem_id)s, %(name)s, %(kind)s, %(role)s, %(spoke)s, %(region)s, %(city)s)"
        f" RETURNING {_COLUMNS}",
        data,
    ))
