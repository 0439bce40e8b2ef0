"""Bulk loading of generated data with COPY (the demo ecosystem and the benchmark scales)."""
from collections.abc import Callable, Iterable

from psycopg import sql
from psycopg.types.json import Jsonb

from service.queries import Connection, one

TABLES = ("ecosystems", "institutions", "positions", "candidates", "candidate_places",
          "applications", "application_events", "users")
_JSON_COLUMNS = {"languages"}


def is_empty(conn: Connection) -> bool:
    return one(conn.execute("SELECT NOT EXISTS (SELECT 1 FROM ecosystems) AS empty"))["empty"]


def wipe(conn: Connection) -> None:
    """Delete every row of every table (demo reset)."""
    conn.execute(sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(
        sql.SQL(", ").join(map(sql.Identifier, TABLES))))


def pause_hub_counts(conn: Connection) -> None:
    """Turns the hub's count triggers off until ``rebuild_hub_counts`` (this transaction only)."""
    conn.execute("SELECT set_config('ecotalent.hub_aggregates_off', 'on', true)")


def rebuild_hub_counts(conn: Connection) -> None:
    """Recomputes the hub's counts from the rows (after a bulk load) and turns their triggers back on."""
    conn.execute("SELECT set_config('ecotalent.hub_aggregates_off', 'off', true)")
    conn.execute("SELECT hub_rebuild()")


def copy_rows(conn: Connection, table: str, columns: list[str], rows: Iterable[dict],
              progress: Callable[[int], None] = lambda n: None) -> int:
    """COPY ``rows`` (dicts with at least ``columns``) into ``table``; returns the count."""
    count = 0
    query = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
    with conn.cursor() as cur, cur.copy(query) as copy:
        for row in rows:
            copy.write_row([Jsonb(row[c]) if c in _JSON_COLUMNS else row[c] for c in columns])
            count += 1
            if count % 1000 == 0:
                progress(1000)
    progress(count % 1000)
    return count


def move_sequences_past_loaded_ids(conn: Connection) -> None:
    """After COPY with explicit ids, the next generated id must come after them."""
    for table in TABLES:
        conn.execute(sql.SQL(
            "SELECT setval(pg_get_serial_sequence({t}, 'id'), coalesce((SELECT max(id) FROM {i}), 0) + 1, false)"
        ).format(t=sql.Literal(table), i=sql.Identifier(table)))


def analyze(conn: Connection) -> None:
    conn.execute("ANALYZE")
