"""The real app served by uvicorn on loopback in a thread of the test process (as tests/web does)."""
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from service.app import create_app
from service.config import Settings

SECRET = "resilience-test-signing-key-of-32-bytes"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_app(url: str, data_dir, embedder, **settings) -> FastAPI:
    """An app on database ``url`` with no background work unless asked for."""
    defaults = {"embedding_worker": False, "salary_fit_at_startup": False}
    return create_app(Settings(database_url=url, data_dir=data_dir, secret_key=SECRET, **(defaults | settings)),
                      embedder=embedder)


@contextmanager
def serving(app: FastAPI, start_timeout_s: float = 120) -> Iterator[str]:
    """Runs ``app`` (lifespan included) until the block ends; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
