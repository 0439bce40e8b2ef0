"""Server-side sessions, password reset tokens and the attempts counted by throttling.

Secrets (session ids, reset tokens) are stored as their SHA-256: the database alone signs nobody in.
"""
import hashlib
from datetime import datetime

from service.queries import Connection, one


def _sha256(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


def create_session(conn: Connection, user_id: int, session_id: str, expires_at: datetime) -> None:
    # Ended sessions of this user are of no more use: drop them as a new one starts.
    conn.execute("DELETE FROM sessions WHERE user_id = %s AND (revoked_at IS NOT NULL OR expires_at < now())",
                 (user_id,))
    conn.execute("INSERT INTO sessions (id_sha256, user_id, expires_at) VALUES (%s, %s, %s)",
                 (_sha256(session_id), user_id, expires_at))


def user_of_session(conn: Connection, user_id: int, session_id: str) -> dict | None:
    """The account of a live session (not revoked, not expired), in one query."""
    return conn.execute(
        "SELECT u.id, u.email, u.password_hash, u.role, u.institution_id, u.candidate_id FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.id_sha256 = %s AND s.user_id = %s AND s.revoked_at IS NULL AND s.expires_at > clock_timestamp()",
        (_sha256(session_id), user_id),
    ).fetchone()


def revoke_session(conn: Connection, session_id: str) -> None:
    conn.execute("UPDATE sessions SET revoked_at = now() WHERE id_sha256 = %s AND revoked_at IS NULL",
                 (_sha256(session_id),))


def revoke_user_sessions(conn: Connection, user_id: int, keep_session_id: str | None = None) -> int:
    """Ends every live session of the user but ``keep_session_id``; returns how many were ended."""
    keep = _sha256(keep_session_id) if keep_session_id else None
    return conn.execute(
        "UPDATE sessions SET revoked_at = now()"
        " WHERE user_id = %s AND revoked_at IS NULL AND id_sha256 IS DISTINCT FROM %s",
        (user_id, keep),
    ).rowcount


def create_password_reset(conn: Connection, user_id: int, token: str, expires_at: datetime) -> None:
    conn.execute("INSERT INTO password_resets (token_sha256, user_id, expires_at) VALUES (%s, %s, %s)",
                 (_sha256(token), user_id, expires_at))


def use_password_reset(conn: Connection, token: str) -> int | None:
    """Marks an unused, unexpired reset token as used; returns its user id, or None for any other token."""
    row = conn.execute(
        "UPDATE password_resets SET used_at = now()"
        " WHERE token_sha256 = %s AND used_at IS NULL AND expires_at > clock_timestamp() RETURNING user_id",
        (_sha256(token),),
    ).fetchone()
    return row["user_id"] if row else None


def record_attempt(conn: Connection, subject: str, window_s: int) -> None:
    conn.execute("DELETE FROM login_attempts WHERE subject = %s AND attempted_at < now() - make_interval(secs => %s)",
                 (subject, window_s))
    conn.execute("INSERT INTO login_attempts (subject) VALUES (%s)", (subject,))


def clear_attempts(conn: Connection, subject: str) -> None:
    conn.execute("DELETE FROM login_attempts WHERE subject = %s", (subject,))


def attempts_since(conn: Connection, subject: str, window_s: int) -> tuple[int, datetime | None]:
    """(how many attempts in the window, when the oldest of them was made)."""
    row = one(conn.execute(
        "SELECT count(*) AS n, min(attempted_at) AS oldest FROM login_attempts"
        " WHERE subject = %s AND attempted_at > clock_timestamp() - make_interval(secs => %s)",
        (subject, window_s),
    ))
    return row["n"], row["oldest"]
