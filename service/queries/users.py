"""Accounts."""
from service.queries import Connection, one

_COLUMNS = "id, email, password_hash, role, institution_id, candidate_id"


def get_user(conn: Connection, user_id: int) -> dict | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM users WHERE id = %s", (user_id,)).fetchone()


def get_user_by_email(conn: Connection, email: str) -> dict | None:
    return conn.execute(f"SELECT {_COLUMNS} FROM users WHERE lower(email) = lower(%s)", (email,)).fetchone()


def create_user(
    conn: Connection, email: str, password_hash: str, role: str,
    institution_id: int | None = None, candidate_id: int | None = None,
) -> dict:
    return one(conn.execute(
        f"INSERT INTO users (email, password_hash, role, institution_id, candidate_id)"
        f" VALUES (%s, %s, %s, %s, %s) RETURNING {_COLUMNS}",
        (email, password_hash, role, institution_id, candidate_id),
    ))


def set_password(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute("UPDATE users SET password_hash = %s WHERE id = %s", (password_hash, user_id))
