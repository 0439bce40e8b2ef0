"""Home, sign-in and sign-out, candidate registration, password reset, and the language switch."""
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from service import accounts, publishing
from service.deps import Conn, PasswordTurn
from service.deps import get_accounts as context
from service.deps import get_client_address as client_address
from service.schemas.auth import ResetConfirm, ResetRequest
from service.schemas.candidates import CandidateRegister
from service.web.i18n import LANGUAGE_COOKIE, LANGUAGES, N_, language_of
from service.web.render import PostedForm, field_errors, page, text
from service.web.session import SESSION_COOKIE, WebUser, safe_next, signed_in

router = APIRouter()

# The administrator has no pages: it works with the command line and the API (documented at /docs).
HOME_BY_ROLE = {"candidate": "/app/matches", "hr": "/app/hr/positions", "hub": "/app/hub", "admin": "/docs"}


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/app", status_code=307)


@router.get("/app")
def home(request: Request, conn: Conn, user: WebUser):
    if user is not None:
        return RedirectResponse(HOME_BY_ROLE[user.role], status_code=303)
    return page(request, "home.html", user, **publishing.landing(conn))


@router.get("/app/language/{language}")
def choose_language(language: str, next: str | None = None) -> RedirectResponse:
    response = RedirectResponse(safe_next(next), status_code=303)
    if language in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _too_many(request: Request, template: str, exc: accounts.Throttled, **context):
    """The form again, with 429, Retry-After and the wait in words (the refusal's message, auth.throttled)."""
    response = page(request, template, None, status_code=429, error=exc.message, **context)
    response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


@router.get("/app/signin")
def sign_in_form(request: Request, user: WebUser, next: str | None = None):
    return page(request, "signin.html", user, next=safe_next(next, ""), email="", error=None)


@router.post("/app/signin")
def sign_in(request: Request, turn: PasswordTurn, conn: Conn, email: Annotated[str, Form()] = "",
            password: Annotated[str, Form()] = "", next: Annotated[str, Form()] = ""):
    try:
        token = accounts.sign_in(conn, context(request), email, password, client_address(request))
    except accounts.Throttled as exc:
        return _too_many(request, "signin.html", exc, next=safe_next(next, ""), email=email)
    if token is None:  # a page, not an exception: the failure just counted is committed
        return page(request, "signin.html", None, status_code=401, next=safe_next(next, ""), email=email,
                    error=N_("Wrong email or password."))
    return signed_in(request, token, safe_next(next))  # /app sends each role to its own pages


@router.post("/app/signout")
def sign_out(request: Request, conn: Conn, user: WebUser) -> RedirectResponse:
    if user is not None:
        accounts.sign_out(conn, request.state.session_id)
    response = RedirectResponse("/app", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/app/register")
def register_form(request: Request, user: WebUser, next: str | None = None):
    return page(request, "register.html", user, values={}, errors={}, next=safe_next(next, ""))


@router.post("/app/register")
def register(request: Request, turn: PasswordTurn, conn: Conn, form: PostedForm):
    # Where the newcomer was going (a position reached from an alert or a feed keeps its channel).
    next = safe_next(text(form, "next"), "")
    values = {"full_name": form.get("full_name", ""), "email": form.get("email", ""),
              "password": form.get("password", ""), "consent": form.get("consent") == "on"}
    try:
        # A field left empty is missing ("required", at its name), not text of the wrong form.
        body = CandidateRegister.model_validate({k: v for k, v in values.items() if v != ""} | {"language": language_of(request)})
    except ValidationError as exc:
        return page(request, "register.html", None, status_code=422, values=values, errors=field_errors(exc),
                    next=next)
    try:
        token = accounts.register(conn, context(request), body, client_address(request))
    except accounts.Throttled as exc:
        response = page(request, "register.html", None, status_code=429, values=values, errors={"": exc.message},
                        next=next)
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    except accounts.EmailTaken:  # a page, not an exception: the attempt just counted is committed
        return page(request, "register.html", None, status_code=409, values=values, next=next, errors={
            "": N_("An account with this email exists already: sign in, or reset your password if you forgot it.")})
    return signed_in(request, token, next or "/app/profile?welcome=1")


@router.get("/app/forgot")
def forgot_form(request: Request, user: WebUser):
    return page(request, "forgot.html", user, email="", error=None, sent=False)


@router.post("/app/forgot")
def forgot(request: Request, conn: Conn, email: Annotated[str, Form()] = ""):
    try:
        ResetRequest.model_validate({"email": email.strip()})  # the API's rule for an e-mail
    except ValidationError:
        return page(request, "forgot.html", None, status_code=422, email=email, error=N_("Enter your email."), sent=False)
    try:
        accounts.request_reset(conn, context(request), email, client_address(request), language_of(request))
    except accounts.Throttled as exc:
        return _too_many(request, "forgot.html", exc, email=email, sent=False)
    return page(request, "forgot.html", None, email=email, error=None, sent=True)


@router.get("/app/reset")
def reset_form(request: Request, user: WebUser, token: str = ""):
    return page(request, "reset.html", user, token=token, error=None)


@router.post("/app/reset")
def reset(request: Request, turn: PasswordTurn, conn: Conn, token: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = ""):
    try:
        ResetConfirm.model_validate({"token": token, "new_password": password})  # the API's rule for a password
    except ValidationError:
        return page(request, "reset.html", None, status_code=422, token=token, error=N_("At least 8 characters"))
    try:
        accounts.confirm_reset(conn, context(request), token, password)
    except accounts.InvalidResetToken:
        return page(request, "reset.html", None, status_code=400, token="",
                    error=N_("This link is unknown, used already or expired: ask for a new one."))
    response = RedirectResponse("/app/signin?reset=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE)  # every session of the account has ended
    return response
