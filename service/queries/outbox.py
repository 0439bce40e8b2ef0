"""The mail outbox (migration 0012): queue, claim with SKIP LOCKED, record the outcome."""
from psycopg.types.json import Jsonb

from service.queries import Connection


def enqueue(conn: Connection, recipient: str, subject: str, body_text: str, kind: str, dedupe_key: str,
            body_html: str | None = None, headers: dict[str, str] | None = None) -> bool:
    """Queues one message; False (and nothing queued) when ``dedupe_key`` was queued before."""
    row = conn.execute(
        """INSERT INTO mail_outbox (recipient, subject, body_text, body_html, headers, kind, dedupe_key)
           VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id""",
        (recipient, subject, body_text, body_html, Jsonb(headers or {}), kind, dedupe_key)).fetchone()
    return row is not None


def enqueue_many(conn: Connection, rows: list[tuple]) -> None:
    """Queues many messages in one statement: (recipient, subject, body_text, body_html, headers, kind,
    dedupe_key) tuples; keys queued before are skipped."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    conn.execute(
        """INSERT INTO mail_outbox (recipient, subject, body_text, body_html, headers, kind, dedupe_key)
           SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::jsonb[], %s::text[], %s::text[])
           ON CONFLICT (dedupe_key) DO NOTHING""",
        [list(columns[0]), list(columns[1]), list(columns[2]), list(columns[3]),
         [Jsonb(h or {}) for h in columns[4]], list(columns[5]), list(columns[6])])


def claim_due(conn: Connection, limit: int) -> list[dict]:
    """Up to ``limit`` queued messages whose next attempt is due, locked for this transaction; rows
    another worker holds are skipped, not waited for."""
    return conn.execute(
        """SELECT id, recipient, subject, body_text, body_html, headers, kind, attempts FROM mail_outbox
           WHERE status = 'queued' AND next_attempt_at <= now()
           ORDER BY next_attempt_at, id LIMIT %s FOR UPDATE SKIP LOCKED""", (limit,)).fetchall()


def mark_sent(conn: Connection, message_id: int) -> None:
    conn.execute("UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL"
                 " WHERE id = %s", (message_id,))


def mark_retry(conn: Connection, message_id: int, error: str, delay_s: float) -> None:
    conn.execute("UPDATE mail_outbox SET attempts = attempts + 1, last_error = %s,"
                 " next_attempt_at = now() + make_interval(secs => %s) WHERE id = %s", (error, delay_s, message_id))


def mark_failed(conn: Connection, message_id: int, error: str) -> None:
    conn.execute("UPDATE mail_outbox SET status = 'failed', attempts = attempts + 1, last_error = %s WHERE id = %s",
                 (error, message_id))


def counts_by_status(conn: Connection) -> dict[str, int]:
    rows = conn.execute("SELECT status, count(*) AS n FROM mail_outbox GROUP BY status").fetchall()
    return {"queued": 0, "sent": 0, "failed": 0} | {r["status"]: r["n"] for r in rows}


def failed(conn: Connection, limit: int, offset: int) -> tuple[list[dict], int]:
    """Permanently failed messages, newest first, without their bodies."""
    rows = conn.execute(
        """SELECT id, recipient, subject, kind, attempts, last_error, created_at, count(*) OVER () AS total
           FROM mail_outbox WHERE status = 'failed' ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s""",
        (limit, offset)).fetchall()
    return [{k: v for k, v in r.items() if k != "total"} for r in rows], (rows[0]["total"] if rows else 0)


def get(conn: Connection, message_id: int) -> dict | None:
    return conn.execute("SELECT * FROM mail_outbox WHERE id = %s", (message_id,)).fetchone()
