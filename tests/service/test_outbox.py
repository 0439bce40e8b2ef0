"""The outbox: queued once per dedupe key, delivered over real SMTP (a local aiosmtpd server), retried
with backoff after a temporary refusal, failed for good after a 5xx or too many attempts, and reported."""
from service import outbox
from service.config import Settings
from service.mail import SmtpMailer
from tests.factories import bearer, make_candidate, make_user
from tests.mail_server import free_port, smtp_server  # noqa: F401 (a fixture)


def settings(**overrides) -> Settings:
    return Settings(mail_from="ecotalent <alerts@test.example>", mail_max_attempts=3, mail_retry_base_seconds=60,
                    **overrides)


def mailer(server) -> SmtpMailer:
    return SmtpMailer(server.host, server.port, starttls=False, timeout_s=5)


def make_due(conn) -> None:
    conn.execute("UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'queued'")


def test_a_message_is_queued_once_per_key_and_delivered_over_smtp(conn, smtp_server):  # noqa: F811
    assert outbox.enqueue(conn, to="giulia@example.org", subject="Hello", text="Body text", kind="alert",
                          dedupe_key="test:1", headers={"List-Unsubscribe": "<http://x/u>"})
    assert not outbox.enqueue(conn, to="giulia@example.org", subject="Again", text="Other", kind="alert", dedupe_key="test:1")
    assert outbox.deliver_due(conn, mailer(smtp_server), settings()) == 1
    [received] = smtp_server.messages
    assert received.recipients == ["giulia@example.org"]
    assert received.message["Subject"] == "Hello" and received.message["List-Unsubscribe"] == "<http://x/u>"
    assert received.message.get_content().strip() == "Body text"
    row = conn.execute("SELECT status, attempts, sent_at FROM mail_outbox WHERE dedupe_key = 'test:1'").fetchone()
    assert row["status"] == "sent" and row["attempts"] == 1 and row["sent_at"] is not None
    assert outbox.deliver_due(conn, mailer(smtp_server), settings()) == 0  # nothing is sent twice
    assert len(smtp_server.messages) == 1


def test_a_temporary_refusal_is_retried_later_with_a_growing_delay(conn, smtp_server):  # noqa: F811
    outbox.enqueue(conn, to="a@example.org", subject="S", text="T", kind="alert", dedupe_key="test:retry")
    smtp_server.answers.extend(["451 4.3.0 try again later", "451 4.3.0 still busy"])
    outbox.deliver_due(conn, mailer(smtp_server), settings())
    first = conn.execute("SELECT status, attempts, last_error, next_attempt_at - now() AS wait FROM mail_outbox"
                         " WHERE dedupe_key = 'test:retry'").fetchone()
    assert first["status"] == "queued" and first["attempts"] == 1 and "451" in first["last_error"]
    assert 55 <= first["wait"].total_seconds() <= 65
    assert outbox.deliver_due(conn, mailer(smtp_server), settings()) == 0  # not due yet
    make_due(conn)
    outbox.deliver_due(conn, mailer(smtp_server), settings())
    second = conn.execute("SELECT attempts, next_attempt_at - now() AS wait FROM mail_outbox WHERE dedupe_key = 'test:retry'").fetchone()
    assert second["attempts"] == 2 and 115 <= second["wait"].total_seconds() <= 125  # doubled
    make_due(conn)
    outbox.deliver_due(conn, mailer(smtp_server), settings())
    assert conn.execute("SELECT status FROM mail_outbox WHERE dedupe_key = 'test:retry'").fetchone()["status"] == "sent"
    assert [m.message["Subject"] for m in smtp_server.messages] == ["S"]


def test_a_permanent_refusal_fails_at_once_and_is_reported(conn, client, app, smtp_server):  # noqa: F811
    outbox.enqueue(conn, to="nobody@example.org", subject="S", text="T", kind="alert", dedupe_key="test:perm")
    smtp_server.answers.append("550 5.1.1 no such mailbox")
    outbox.deliver_due(conn, mailer(smtp_server), settings())
    row = conn.execute("SELECT status, attempts, last_error FROM mail_outbox WHERE dedupe_key = 'test:perm'").fetchone()
    assert row["status"] == "failed" and row["attempts"] == 1 and "550" in row["last_error"]

    hub = make_user(conn, "hub", "hub@outbox.example")
    report = client.get("/outbox", headers=bearer(app, hub)).json()
    assert report["counts"]["failed"] >= 1
    [failed] = [f for f in report["failed"]["items"] if f["subject"] == "S" and "550" in (f["last_error"] or "")]
    assert failed["recipient"] == "***@example.org" and "body_text" not in failed and "550" in failed["last_error"]
    admin = make_user(conn, "admin", "admin@outbox.example")
    items = client.get("/outbox", headers=bearer(app, admin)).json()["failed"]["items"]
    assert "nobody@example.org" in [f["recipient"] for f in items]
    candidate, _ = make_candidate(conn, "c@outbox.example")
    assert client.get("/outbox", headers=bearer(app, candidate)).status_code == 403


def test_a_server_that_is_down_counts_attempts_until_the_message_fails(conn):
    outbox.enqueue(conn, to="a@example.org", subject="S", text="T", kind="alert", dedupe_key="test:down")
    down = SmtpMailer("127.0.0.1", free_port(), starttls=False, timeout_s=2)  # nothing listens there
    for _ in range(3):
        make_due(conn)
        outbox.deliver_due(conn, down, settings())
    row = conn.execute("SELECT status, attempts, last_error FROM mail_outbox WHERE dedupe_key = 'test:down'").fetchone()
    assert row["status"] == "failed" and row["attempts"] == 3 and "Connection" in row["last_error"]


def test_retry_delays_double_and_are_capped():
    assert [outbox.retry_delay_s(n, 30) for n in (1, 2, 3)] == [30, 60, 120]
    assert outbox.retry_delay_s(30, 30) == outbox.MAX_RETRY_DELAY_S


def test_the_worker_thread_delivers_committed_messages(fresh_database, smtp_server):  # noqa: F811
    import time

    import psycopg
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    from service.migrate import migrate
    url = fresh_database("ecotalent_outbox_worker")
    migrate(url)
    with ConnectionPool(url, min_size=1, max_size=2, kwargs={"row_factory": dict_row}) as pool:
        with pool.connection() as conn:
            outbox.enqueue(conn, to="w@example.org", subject="From the worker", text="T", kind="alert", dedupe_key="w:1")
        worker = outbox.OutboxWorker(pool, mailer(smtp_server), settings(), idle_seconds=0.1)
        worker.start()
        try:
            for _ in range(100):
                if smtp_server.messages:
                    break
                time.sleep(0.1)
        finally:
            worker.stop()
    assert [m.message["Subject"] for m in smtp_server.messages] == ["From the worker"]
    with psycopg.connect(url, row_factory=dict_row) as conn:
        assert conn.execute("SELECT status FROM mail_outbox").fetchone()["status"] == "sent"
