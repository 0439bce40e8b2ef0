"""Outgoing e-mail behind a one-method interface: real SMTP, or ``.eml`` files in a folder.

Nothing calls a mailer directly but the outbox worker (service.outbox): use cases queue messages.
Without an SMTP host (the demo, the default) each message is written into ``data_dir/outbox/``.
"""
import os
import smtplib
import tempfile
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from service.config import Settings


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class PermanentMailError(Exception):
    """The server refused the message for good (an SMTP 5xx): sending it again will not help."""


class OutboxDirectoryMailer:
    """Writes each message to ``directory`` as ``<UTC time>-<random>.eml``; it does not send anything."""

    def __init__(self, directory: Path):
        self.directory = directory

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
        # Written under a temporary name, then renamed: a reader never sees half a message.
        with tempfile.NamedTemporaryFile("wb", dir=self.directory, suffix=".part", delete=False) as part:
            part.write(message.as_bytes())
        os.chmod(part.name, 0o600)  # it may hold a reset link
        os.replace(part.name, self.directory / name)


class SmtpMailer:
    """Delivers over SMTP (STARTTLS and login when configured). A 5xx answer raises PermanentMailError;
    anything else that fails (4xx, a refused or dropped connection) raises as it is, to be retried."""

    def __init__(self, host: str, port: int, username: str | None = None, password: str | None = None,
                 starttls: bool = False, timeout_s: float = 30):
        self.host, self.port, self.username, self.password = host, port, username, password
        self.starttls, self.timeout_s = starttls, timeout_s

    def send(self, message: EmailMessage) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if codes and all(500 <= code < 600 for code in codes):
                raise PermanentMailError(f"recipient refused: {exc.recipients}") from exc
            raise
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentMailError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
            raise


def mailer_for(settings: Settings) -> Mailer:
    """SMTP when ``smtp_host`` is set, else the outbox folder in the data directory."""
    if settings.smtp_host:
        return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.smtp_username, settings.smtp_password,
                          settings.smtp_starttls)
    return OutboxDirectoryMailer(settings.data_dir / "outbox")
