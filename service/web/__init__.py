"""The web pages: server-rendered, in Italian and English, on top of the API's own handlers."""
import base64
import hashlib
import inspect
import json
import re
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.domain import DomainError
from service.web import csrf
from service.web.pages import (
    account,
    alerts,
    candidate,
    cv,
    flows,
    hr,
    hub,
    hub_allocation,
    impact,
    import_template,
    public,
    review,
    twin,
)
from service.web.render import messages_of, page
from service.web.session import PageError, SignInRequired, sign_in_redirect

STATIC = Path(__file__).parent / "static"

# The pages load scripts and styles from /static only; style attributes (bar widths, a few margins)
# are allowed, inline scripts are not. No page may be framed (clickjacking), no form may post elsewhere.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Adds the browser protections to every answer that does not set its own Content-Security-Policy."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", PAGE_CSP)
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _inline_script_hashes(html: str) -> str:
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL)
    return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)


def install(app: FastAPI) -> None:
    """Adds the pages, their static files and an API docs page that needs no outside network."""
    api_handlers = list(app.exception_handlers.items())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (account, candidate, alerts, cv, hr, review, twin, flows, hub, hub_allocation, impact, import_template, public):
        app.include_router(module.router, include_in_schema=False, dependencies=[Depends(csrf.check)])  # every POST
    app.include_router(alerts.unsubscribe_router, include_in_schema=False)  # the signed link is the check (RFC 8058)

    @app.exception_handler(SignInRequired)
    def _sign_in(request: Request, exc: SignInRequired):
        return sign_in_redirect(exc.next_url)

    @app.exception_handler(PageError)
    def _page_error(request: Request, exc: PageError):
        return page(request, "error.html", getattr(request.state, "web_user", None), status_code=exc.status_code,
                    message=exc.message)

    # The API's error handlers answer JSON; on a page the same answer becomes an error page.
    for exc_class, api_handler in api_handlers:
        app.add_exception_handler(exc_class, _as_page(api_handler))

    @app.get("/docs", include_in_schema=False)
    def docs():
        response = get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} - API",
                                       swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                       swagger_css_url="/static/swagger/swagger-ui.css",
                                       swagger_favicon_url="/static/favicon.svg")
        # Swagger UI starts from one inline script: allow exactly that script, by its hash.
        hashes = _inline_script_hashes(response.body.decode())
        response.headers["Content-Security-Policy"] = PAGE_CSP.replace(
            "script-src 'self'", f"script-src 'self' {hashes}").replace(
            "style-src 'self';", "style-src 'self' 'unsafe-inline';")
        return response

    app.add_middleware(SecurityHeaders)


def _as_page(api_handler):
    async def handle(request: Request, exc: Exception):
        response = api_handler(request, exc)
        response = await response if inspect.isawaitable(response) else response
        path = request.url.path
        if not (path == "/app" or path.startswith("/app/")) or response.media_type != "application/json":
            return response
        # A use case's refusal is shown from its code, in the page's language; other answers by their text.
        message = exc.message if isinstance(exc, DomainError) else " ".join(
            messages_of(json.loads(response.body).get("detail", "")))
        shown = page(request, "error.html", getattr(request.state, "web_user", None), status_code=response.status_code,
                     message=message)
        if "retry-after" in response.headers:  # a 503 (busy, database down) tells browsers and proxies when to retry
            shown.headers["Retry-After"] = response.headers["retry-after"]
        return shown
    return handle
