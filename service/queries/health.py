"""What /health asks the database, under a short statement timeout."""
from psycopg import sql

from service.queries import Connection


def limit_statement_time(conn: Connection, milliseconds: int) -> None:
    """For the rest of this transaction only: a statement running longer is cancelled."""
    conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(sql.Literal(int(milliseconds))))
