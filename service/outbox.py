"""Every e-mail ecotalent sends: queued in the outbox table by a use case, delivered by a worker.

A use case calls ``enqueue`` inside its own transaction, so a message exists only if what caused
it was committed, and its ``dedupe_key`` makes queueing it again a no-op. ``OutboxWorker`` (a
thread of the service, or ``ecotalent worker``) claims due messages with FOR UPDATE SKIP LOCKED,
so several workers never send one message twice, and retries failures with exponential backoff
until ``mail_max_attempts``; a permanent refusal (SMTP 5xx) fails at once. Failures are listed for
the hub and admins (``report``).
"""
import email.policy
import logging
import threading
import time
from email.message import EmailMessage
from typing import TYPE_CHECKING, Literal

import psycopg
from psycopg_pool import ConnectionPool

from service.config import Settings
from service.mail import Mailer, PermanentMailError
from service.queries import Connection
from service.queries import outbox as queue

if TYPE_CHECKING:
    from service.matching import MatchOptions

log = logging.getLogger("ecotalent.outbox")

Kind = Literal["alert", "invite"]  # the CHECK of mail_outbox.kind (migration 0012)
MAX_RETRY_DELAY_S = 6 * 3600


def enqueue(conn: Connection, *, to: str, subject: str, text: str, kind: Kind, dedupe_key: str,
            html: str | None = None, headers: dict[str, str] | None = None) -> bool:
    """Queues one e-mail; False when a message with ``dedupe_key`` was queued before (nothing is queued)."""
    return queue.enqueue(conn, to, subject, text, kind, dedupe_key, html, headers)


def retry_delay_s(attempts: int, base_s: float) -> float:
    """The wait before the next try after ``attempts`` failed ones: base, 2 x base, 4 x base... at most six hours."""
    return min(MAX_RETRY_DELAY_S, base_s * 2 ** max(0, attempts - 1))


# Headers are folded at RFC 5322's limit, not 78 characters: a long List-Unsubscribe URL folded at 78
# would be written as encoded words, which mail clients do not read as a URL.
POLICY = email.policy.default.clone(max_line_length=998)


def as_email(row: dict, sender: str) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    message["From"], message["To"], message["Subject"] = sender, row["recipient"], row["subject"]
    for name, value in (row["headers"] or {}).items():
        message[name] = value
    message.set_content(row["body_text"])
    if row["body_html"]:
        message.add_alternative(row["body_html"], subtype="html")
    return message


def deliver_due(conn: Connection, mailer: Mailer, settings: Settings, batch_size: int = 50) -> int:
    """Sends up to ``batch_size`` due messages and records each outcome; returns how many were tried.
    The caller commits (the claimed rows stay locked until then)."""
    rows = queue.claim_due(conn, batch_size)
    for row in rows:
        try:
            mailer.send(as_email(row, settings.mail_from))
        except PermanentMailError as exc:
            queue.mark_failed(conn, row["id"], str(exc)[:1000])
            log.warning("e-mail %s refused for good: %s", row["id"], exc)
        except Exception as exc:  # a 4xx, a dropped connection, a server down: try again later
            error = f"{type(exc).__name__}: {exc}"[:1000]
            attempts = row["attempts"] + 1
            if attempts >= settings.mail_max_attempts:
                queue.mark_failed(conn, row["id"], error)
                log.warning("e-mail %s failed after %s attempts: %s", row["id"], attempts, error)
            else:
                queue.mark_retry(conn, row["id"], error, retry_delay_s(attempts, settings.mail_retry_base_seconds))
        else:
            queue.mark_sent(conn, row["id"])
    return len(rows)


def masked(address: str) -> str:
    """An address with its mailbox hidden (the hub sees no personal data): ***@example.org."""
    return "***@" + address.rpartition("@")[2]


def report(conn: Connection, limit: int, offset: int, *, mask_recipients: bool) -> dict:
    """Messages by status, and the failed ones without their bodies (for the hub and admins)."""
    items, total = queue.failed(conn, limit, offset)
    if mask_recipients:
        items = [item | {"recipient": masked(item["recipient"])} for item in items]
    return {"counts": queue.counts_by_status(conn), "failed": {"items": items, "total": total, "limit": limit, "offset": offset}}


class OutboxWorker(threading.Thread):
    """Delivers due messages until stopped, resting ``idle_seconds`` when none is due; every
    ``alerts_every_seconds`` it also runs the due saved-search alerts (service.alerts)."""

    def __init__(self, pool: ConnectionPool[Connection], mailer: Mailer, settings: Settings,
                 alerts: tuple["MatchOptions", str] | None = None, idle_seconds: float = 2.0,
                 alerts_every_seconds: float = 60):
        """``alerts``: the match options and signing key the alert runs use (None: no alert runs)."""
        super().__init__(name="outbox-worker", daemon=True)
        self.pool, self.mailer, self.settings, self.alerts = pool, mailer, settings, alerts
        self.idle_seconds, self.alerts_every_seconds = idle_seconds, alerts_every_seconds
        self._stopping = threading.Event()

    def run(self) -> None:
        last_alerts = float("-inf")
        while not self._stopping.is_set():
            if self.alerts is not None and time.monotonic() - last_alerts >= self.alerts_every_seconds:
                self._run_alerts()
                last_alerts = time.monotonic()
            try:
                with self.pool.connection() as conn:
                    done = deliver_due(conn, self.mailer, self.settings)
            except psycopg.OperationalError as exc:
                log.warning("mail paused, the database is unavailable: %s", (str(exc).strip() or type(exc).__name__).splitlines()[0])
                done = 0
            except Exception:
                log.exception("mail batch failed")
                done = 0
            if done == 0:
                self._stopping.wait(self.idle_seconds)

    def _run_alerts(self) -> None:
        from service import alerts  # it imports the matching and page modules: only a worker that runs alerts needs them
        assert self.alerts is not None
        try:
            with self.pool.connection() as conn:
                summary = alerts.run_due(conn, self.settings, *self.alerts)
            if summary.emails:
                log.info("alerts: %s", summary)
        except Exception:
            log.exception("alert run failed")

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)
