"""Anti-forgery tokens for every form the pages post (cross-site request forgery, login CSRF included).

A signed double-submit cookie bound to the session: each browser gets a random HttpOnly cookie;
a form carries HMAC(signing key, cookie + session id) in a hidden field. A site elsewhere can
make a browser post, but cannot read the cookie or a page, so it cannot write the field; and a
field shown in one session is no use in another. Templates add the field with ``{{ csrf_field() }}``;
``check`` runs on every page POST as a dependency of the web routers, never per handler.
"""
import hashlib
import hmac

from fastapi import Request
from jinja2 import pass_context
from markupsafe import Markup
from starlette.responses import Response

from service.security import claims_of_token, new_secret
from service.web.i18n import N_
from service.web.session import SESSION_COOKIE, PageError

CSRF_COOKIE = "ecotalent_csrf"
CSRF_FIELD = "csrf_token"
REFUSED = N_("This form has expired or did not come from this site: go back, reload the page and send it again.")


def _browser_secret(request: Request) -> str:
    """The browser's anti-forgery cookie; a browser without one gets a new one with this response."""
    secret = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if not secret:
        secret = request.state.new_csrf_cookie = new_secret()
    return secret


def _session_of(request: Request) -> str:
    token = request.cookies.get(SESSION_COOKIE)
    claims = claims_of_token(token, request.app.state.signing_key) if token else None
    return claims.session_id if claims else ""


def token_for(request: Request) -> str:
    message = f"csrf|{_browser_secret(request)}|{_session_of(request)}".encode()
    return hmac.new(request.app.state.signing_key.encode(), message, hashlib.sha256).hexdigest()


@pass_context
def csrf_field(context) -> Markup:
    """The hidden field of a form (a template global): ``{{ csrf_field() }}`` inside every ``<form method="post">``."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, token_for(context["request"]))


def remember(request: Request, response: Response) -> None:
    """Sets the browser's anti-forgery cookie when this page made a new one."""
    secret = getattr(request.state, "new_csrf_cookie", None)
    if secret:
        response.set_cookie(CSRF_COOKIE, secret, httponly=True, samesite="lax", secure=request.url.scheme == "https")


async def check(request: Request) -> None:
    """Refuses (403, in the user's language) a page POST without this browser's token for this session."""
    if request.method != "POST":
        return
    sent = (await request.form()).get(CSRF_FIELD)  # parsed once: handlers read the same cached form
    if not (request.cookies.get(CSRF_COOKIE) and isinstance(sent, str) and hmac.compare_digest(sent, token_for(request))):
        raise PageError(403, REFUSED)
