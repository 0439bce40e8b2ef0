"""The web pages: server-rendered, in Italian and English, on top of the API's own handlers."""
import inspect
import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.staticfiles import StaticFiles

from service.web.pages import account, candidate, hr, hub
from service.web.render import messages_of, page
from service.web.session import PageError, SignInRequired, sign_in_redirect

STATIC = Path(__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Adds the pages, their static files and an API docs page that needs no outside network."""
    api_handlers = list(app.exception_handlers.items())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (account, candidate, hr, hub):
        app.include_router(module.router, include_in_schema=False)

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
        return get_swagger_ui_html(openapi_url=app.openapi_url, title=f"{app.title} - API",
                                   swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")


def _as_page(api_handler):
    async def handle(request: Request, exc: Exception):
        response = api_handler(request, exc)
        response = await response if inspect.isawaitable(response) else response
        path = request.url.path
        if not (path == "/app" or path.startswith("/app/")) or response.media_type != "application/json":
            return response
        detail = json.loads(response.body).get("detail", "")
        shown = page(request, "error.html", getattr(request.state, "web_user", None), status_code=response.status_code,
                     message=" ".join(messages_of(detail)))
        if "retry-after" in response.headers:  # a 503 (busy, database down) tells browsers and proxies when to retry
            shown.headers["Retry-After"] = response.headers["retry-after"]
        return shown
    return handle
