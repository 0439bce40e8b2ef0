"""Browser tests: the real app served by uvicorn on the demo ecosystem, driven by Playwright in
Debian's headless Chromium (installed by .ci/run; Playwright's own browser download is never used).

The server runs in this process on its own committed database, with the embedding worker and the
salary fit running as in production: tests wait for them to finish before the first page opens.
"""
import os
import shutil
import socket
import threading
import time
from datetime import date
from pathlib import Path

import psycopg
import pytest
import uvicorn

from seeds import demo, load
from service.app import create_app
from service.config import Settings
from service.migrate import migrate
from service.queries import embeddings
from service.security import hash_password
from tests.mail_server import running_sink

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a closed network and a root user (see the machine notes): no sandbox, no background fetches.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = os.environ.get("ECOTALENT_SCREENSHOTS")  # a directory: the README's screenshots are written there
READY_TIMEOUT_S = 900
# The demo's 400 positions with 1,200 of its candidates: the 4-bit e5 engine embeds ~20 texts a
# second on two cores, and every page is exercised as well by 1,200 profiles as by 3,000.
DEMO_CANDIDATES = 1200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(condition, what: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the demo server did not get ready: {what}")
        time.sleep(0.2)


@pytest.fixture(scope="session")
def mail_sink():
    """A real SMTP server (aiosmtpd) the live server delivers to: what it sent is in ``mail_sink.messages``."""
    with running_sink() as sink:
        yield sink


@pytest.fixture(scope="session")
def live_server(fresh_database, embedder, tmp_path_factory, mail_sink) -> str:
    """The base URL of a running ecotalent with the demo ecosystem loaded, embedded and its salaries fitted."""
    url = fresh_database("ecotalent_web")
    migrate(url)
    with psycopg.connect(url) as conn:
        load.load(conn, demo.generate(seed=7, n_candidates=DEMO_CANDIDATES, today=date.today()), hash_password(demo.DEMO_PASSWORD), show_progress=False)
    settings = Settings(database_url=url, data_dir=tmp_path_factory.mktemp("web"),
                        secret_key="browser-test-signing-key-of-32-bytes-or-more",
                        smtp_host=mail_sink.host, smtp_port=mail_sink.port, smtp_starttls=False,
                        alerts_every_seconds=2)  # instant alerts within seconds, not a minute
    app = create_app(settings, embedder=embedder)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    _wait(lambda: server.started, "uvicorn start")

    def embedded() -> bool:
        with app.state.pool.connection() as conn:
            return embeddings.pending(conn) == 0
    _wait(embedded, "embedding the demo profiles and positions")
    _wait(lambda: app.state.salaries.analysis is not None or app.state.salaries.error, "fitting the salary models")
    assert app.state.salaries.error is None, app.state.salaries.error
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium), "
                           "as .ci/run does, or set CHROMIUM_PATH")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a page in a fresh browser context (its own cookies), in a language and at a width."""
    contexts = []

    def make(locale: str = "en-GB", width: int = 1280, height: int = 900):
        context = browser.new_context(base_url=live_server, locale=locale, viewport={"width": width, "height": height},
                                      accept_downloads=True)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(tmp_path):
    """Saves a screenshot: into ECOTALENT_SCREENSHOTS when set (the README's), else the test's tmp dir."""
    def take(page, name: str) -> Path:
        path = Path(SCREENSHOTS or tmp_path) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(path))  # what the user sees first, at the context's viewport
        assert path.stat().st_size > 10_000, f"the screenshot {path} is suspiciously small"
        return path
    return take
