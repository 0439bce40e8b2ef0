"""Saved searches in the candidate's pages (save from the results, list, delete), and the one-click
unsubscribe link of the alert e-mails, which works without signing in (its signature is the proof)."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from pydantic import ValidationError

from service import saved_searches
from service.deps import Conn
from service.domain import BadToken
from service.schemas.alerts import SavedSearchCreate
from service.web.i18n import N_, language_of
from service.web.render import PostedForm, attempt, field_errors, page, text
from service.web.session import CandidatePage, PageError

router = APIRouter(prefix="/app")
# No anti-forgery check here: mail clients post the one-click unsubscribe (RFC 8058) without a page's
# token; the signed link in the URL is what authorises it, and it does nothing but unsubscribe.
unsubscribe_router = APIRouter(prefix="/app/alerts")

FREQUENCIES = ("instant", "daily", "weekly")
INVALID_LINK = N_("This unsubscribe link is not valid: copy the whole link from the e-mail.")


def _listing(request: Request, conn, user, errors: dict | None = None, status_code: int = 200):
    return page(request, "candidate/saved_searches.html", user, status_code=status_code,
                searches=saved_searches.list_own(conn, user), errors=errors or {},
                saved=bool(request.query_params.get("saved")))


@router.get("/saved-searches")
def listing(request: Request, conn: Conn, user: CandidatePage):
    return _listing(request, conn, user)


@router.post("/saved-searches")
def save(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    """The "save this search" form of the search and matches pages: their words and filters."""
    data = {"q": text(form, "q") if text(form, "mode") == "search" else None,
            "regions": [r for r in form.getlist("regions") if r] or None,
            **{name: text(form, name) for name in ("remote", "contract_type", "field", "min_salary_eur_year")},
            "frequency": text(form, "frequency") or "daily", "language": language_of(request)}
    try:
        body = SavedSearchCreate.model_validate(data)
    except ValidationError as exc:
        return _listing(request, conn, user, field_errors(exc), status_code=422)
    _made, problem = attempt(conn, saved_searches.create, conn, user, body)
    if problem:
        return _listing(request, conn, user, {"": problem}, status_code=409)
    return RedirectResponse("/app/saved-searches?saved=1", status_code=303)


@router.post("/saved-searches/{saved_search_id:id}/delete")
def delete(conn: Conn, user: CandidatePage, saved_search_id: int):
    _done, problem = attempt(conn, saved_searches.delete, conn, user, saved_search_id)
    if problem:
        raise PageError(404, problem)
    return RedirectResponse("/app/saved-searches", status_code=303)


def _named(conn, request: Request, token: str) -> dict | None:
    try:
        return saved_searches.from_unsubscribe_token(conn, token, request.app.state.signing_key)
    except BadToken:
        raise PageError(400, INVALID_LINK) from None


@unsubscribe_router.get("/unsubscribe")
def unsubscribe_confirm(request: Request, conn: Conn, token: str = ""):
    search = _named(conn, request, token)
    if search is None:
        return page(request, "candidate/unsubscribed.html", None)
    return page(request, "confirm.html", None, title=N_("Stop these e-mail alerts?"),
                item=search["q"] or "", detail=None if search["q"] else N_("Your saved search of the openings that fit your profile."),
                action=f"/app/alerts/unsubscribe?token={token}", button=N_("Unsubscribe"), back="/app",
                confirm_word=None)


@unsubscribe_router.post("/unsubscribe")
def unsubscribe(request: Request, conn: Conn, token: str = ""):
    _named(conn, request, token)  # a forged link is refused before anything changes
    saved_searches.unsubscribe(conn, token, request.app.state.signing_key)
    return page(request, "candidate/unsubscribed.html", None)
