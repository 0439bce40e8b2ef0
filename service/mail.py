"""Outgoing e-mail behind a one-method interface.

Nothing here delivers mail yet: delivery over SMTP is issue 13. Until it lands, the only
implementation writes each message as a ``.eml`` file into ``data_dir/outbox/``, where an
operator (or issue 13's worker) can pick it up.
"""
import os
import tempfile
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


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
        os.chmod(part.name, 0o600)  # it holds a reset link
        os.replace(part.name, self.directory / name)
