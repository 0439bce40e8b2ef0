"""A real SMTP server on a free local port (aiosmtpd), for tests that deliver e-mail: not a mock.

``smtp_server.answers`` is a queue of replies to give to the next messages' DATA ("451 ..." to make
one wait, "550 ..." to refuse one for good); when it is empty a message is accepted and kept in
``smtp_server.messages`` (parsed, with the envelope's recipients)."""
import email
import email.policy
import socket
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    recipients: list[str]
    message: email.message.EmailMessage
    raw: bytes  # as it came over the wire


@dataclass
class SinkHandler:
    messages: list[Received] = field(default_factory=list)
    answers: deque[str] = field(default_factory=deque)

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.answers:
            return self.answers.popleft()
        raw = envelope.original_content or envelope.content
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        self.messages.append(Received(list(envelope.rcpt_tos), parsed, raw))  # type: ignore[arg-type]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_sink() -> Iterator[SinkHandler]:
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.host, handler.port = controller.hostname, controller.port  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp_server():
    with running_sink() as handler:
        yield handler
