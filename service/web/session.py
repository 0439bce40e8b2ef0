"""Who is signed in to the pages: the same signed token as the API, kept in an HttpOnly cookie.

The token names a server-side session, so signing out ends it at once. Forms are protected
from cross-site request forgery by a per-form token (service/web/csrf.py) on top of SameSite=Lax.
"""
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from service.deps import Conn
from service.messages import Message
from service.queries import sessions
from service.schemas.auth import UserRead
from service.security import claims_of_token
from service.web.i18n import N_

SESSION_COOKIE = "ecotalent_session"


class PageError(Exception):
    """Shown to the user as an error page with this status and message (already in their language)."""

    def __init__(self, status_code: int, message: str | Message):
        self.status_code, self.message = status_code, message


class SignInRequired(Exception):
    """The page needs a signed-in user: the handler sends the browser to sign in, then back."""

    def __init__(self, next_url: str):
        self.next_url = next_url


def web_user(request: Request, conn: Conn) -> UserRead | None:
    token = request.cookies.get(SESSION_COOKIE)
    claims = claims_of_token(token, request.app.state.signing_key) if token else None
    user = sessions.user_of_session(conn, claims.user_id, claims.session_id) if claims else None  # one query
    request.state.session_id = claims.session_id if claims and user else None  # user is None whenever claims is
    request.state.web_user = UserRead.model_validate(user) if user else None  # for the error page's menu
    return request.state.web_user


WebUser = Annotated[UserRead | None, Depends(web_user)]


def _require(role: str, message: str):
    def check(request: Request, user: WebUser) -> UserRead:
        if user is None:
            raise SignInRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if user.role != role:
            raise PageError(403, message)
        return user
    return check


# The messages are English message ids (N_ marks them for the catalog); the error page translates them.
HubPage = Annotated[UserRead, Depends(_require("hub", N_("Only the hub office can open this page.")))]
HRPage = Annotated[UserRead, Depends(_require("hr", N_("Only an HR officer can open this page.")))]
CandidatePage = Annotated[UserRead, Depends(_require("candidate", N_("Only a candidate can open this page.")))]


def sign_in_redirect(next_url: str) -> RedirectResponse:
    return RedirectResponse(f"/app/signin?next={quote(next_url)}", status_code=303)


def signed_in(request: Request, access_token: str, target: str) -> RedirectResponse:
    """A redirect to ``target`` that carries the API's access token as the session cookie."""
    settings = request.app.state.settings
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, access_token, max_age=settings.token_ttl_minutes * 60, httponly=True,
                        samesite="lax", secure=request.url.scheme == "https")
    return response


def safe_next(next_url: str | None, default: str = "/app") -> str:
    """Only a path on this site, so the sign-in form cannot send people elsewhere."""
    # "//host" and "/\\host" both leave the site in browsers
    if next_url and next_url.startswith("/") and next_url[1:2] not in ("/", "\\"):
        return next_url
    return default
