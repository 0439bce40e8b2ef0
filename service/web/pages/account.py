"""Home, sign-in and sign-out, candidate registration, and the language switch."""
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import ValidationError

from service.deps import Conn
from service.routers import auth
from service.schemas.candidates import CandidateRegister
from service.web.i18n import LANGUAGE_COOKIE, LANGUAGES, gettext, language_of
from service.web.render import PostedForm, attempt, field_errors, messages_of, page
from service.web.session import SESSION_COOKIE, WebUser, safe_next, signed_in

router = APIRouter()

# The administrator has no pages: it works with the command line and the API (documented at /docs).
HOME_BY_ROLE = {"candidate": "/app/matches", "hr": "/app/hr/positions", "hub": "/app/hub", "admin": "/docs"}


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/app", status_code=307)


@router.get("/app")
def home(request: Request, user: WebUser):
    if user is not None:
        return RedirectResponse(HOME_BY_ROLE[user.role], status_code=303)
    return page(request, "home.html", user)


@router.get("/app/language/{language}")
def choose_language(language: str, next: str | None = None) -> RedirectResponse:
    response = RedirectResponse(safe_next(next), status_code=303)
    if language in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
    return response


@router.get("/app/signin")
def sign_in_form(request: Request, user: WebUser, next: str | None = None):
    return page(request, "signin.html", user, next=safe_next(next, ""), email="", error=None)


@router.post("/app/signin")
def sign_in(request: Request, conn: Conn, email: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
            next: Annotated[str, Form()] = ""):
    credentials = OAuth2PasswordRequestForm(username=email.strip().lower(), password=password)
    token, problem = attempt(conn, auth.sign_in, request, conn, credentials)
    if problem:
        _ = gettext(language_of(request))
        return page(request, "signin.html", None, status_code=401, next=safe_next(next, ""), email=email,
                    error=_("Wrong email or password."))
    return signed_in(request, token.access_token, safe_next(next))  # /app sends each role to its own pages


@router.post("/app/signout")
def sign_out() -> RedirectResponse:
    response = RedirectResponse("/app", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/app/register")
def register_form(request: Request, user: WebUser):
    return page(request, "register.html", user, values={}, errors={})


@router.post("/app/register")
def register(request: Request, conn: Conn, form: PostedForm):
    values = {"full_name": form.get("full_name", ""), "email": form.get("email", ""),
              "password": form.get("password", ""), "consent": form.get("consent") == "on"}
    _ = gettext(language_of(request))
    try:
        body = CandidateRegister.model_validate(values)
    except ValidationError as exc:
        return page(request, "register.html", None, status_code=422, values=values, errors=field_errors(exc, _))
    token, problem = attempt(conn, auth.register, request, conn, body)
    if problem:
        return page(request, "register.html", None, status_code=409, values=values, errors={"": " ".join(messages_of(problem))})
    return signed_in(request, token.access_token, "/app/profile?welcome=1")
