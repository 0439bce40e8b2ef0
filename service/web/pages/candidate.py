"""A candidate's pages: profile, matches and search, an opening, applying, own applications, own data."""
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import ValidationError

from models.taxonomy import (
    REGIONS,
    RESEARCH_FIELDS,
    CareerStage,
    Channel,
    ContractType,
    EducationLevel,
    Gender,
    LanguageLevel,
    PlaceKind,
    RemoteOption,
    RemotePreference,
    values,
)
from service import applications, candidates, cv_files, invitations, matching, positions
from service.deps import Conn, Embedder, SettingsDep
from service.links import position_url
from service.schemas.applications import ApplicationCreate, StageChange
from service.schemas.candidates import ProfileUpdate
from service.schemas.matching import PositionMatchFilters
from service.schemas.positions import PositionRead
from service.web import jsonld
from service.web.i18n import N_, gettext, language_of
from service.web.render import (
    PostedForm,
    attempt,
    field_errors,
    language_rows,
    page,
    page_offset,
    text,
    word_list,
)
from service.web.session import SESSION_COOKIE, CandidatePage, PageError, WebUser
from service.web.syndication import search_params

router = APIRouter(prefix="/app")

PAGE_SIZE = 10
EXTRA_ROWS = 2  # empty rows offered for new languages and places
CHOICES = {
    "career_stage": values(CareerStage), "degree": values(EducationLevel), "gender": values(Gender),
    "remote_preference": values(RemotePreference), "level": values(LanguageLevel), "kind": values(PlaceKind),
    "fields": RESEARCH_FIELDS, "regions": tuple(REGIONS), "contract_type": values(ContractType),
    "remote": values(RemoteOption),
}
_SCALARS = ("full_name", "email", "phone", "headline", "cv_text", "career_stage", "degree", "years_experience",
            "nationality", "gender", "birth_year", "current_country", "current_region", "expected_salary_eur_year",
            "remote_preference", "available_from")


def profile_from_form(form) -> dict:
    """The profile form as a ProfileUpdate payload: every field sent, empty ones as None (cleared)."""
    data: dict[str, Any] = {name: text(form, name) for name in _SCALARS}
    for upper in ("nationality", "current_country"):
        data[upper] = data[upper].upper() if data[upper] else None
    data["skills"] = word_list(text(form, "skills"))
    data["fields"] = form.getlist("fields")
    data["mobility_regions"] = form.getlist("mobility_regions")
    data["languages"] = language_rows(form, _rows(form, "language"))
    # A hidden "off" precedes the checkbox, so a form sent without it (an older page) keeps the choice
    # instead of turning invitations off; the last value sent wins.
    choice = form.getlist("accepts_invitations")
    if choice:
        data["accepts_invitations"] = choice[-1] == "on"
    if text(form, "language"):  # kept as it is when a form does not hold it
        data["language"] = text(form, "language")
    data["places"] = [
        {"kind": text(form, f"place-{i}-kind"), "country": (text(form, f"place-{i}-country") or "").upper(),
         "region": text(form, f"place-{i}-region"), "start_date": text(form, f"place-{i}-start_date"),
         "end_date": text(form, f"place-{i}-end_date")}
        for i in range(_rows(form, "place")) if text(form, f"place-{i}-country") or text(form, f"place-{i}-start_date")
    ]
    return data


def _rows(form, prefix: str) -> int:
    try:
        return min(int(form.get(f"{prefix}-rows", 0)), 60)
    except ValueError:
        return 0


def _profile_page(request, user, profile: dict, errors: dict, status_code: int = 200, saved: bool = False, **extra):
    return page(request, "candidate/profile.html", user, status_code=status_code, profile=profile, errors=errors,
                choices=CHOICES, extra_rows=EXTRA_ROWS, saved=saved, welcome=request.query_params.get("welcome"), **extra)


@router.get("/profile")
def profile_form(request: Request, conn: Conn, user: CandidatePage):
    return _profile_page(request, user, candidates.read(conn, user), {}, saved=bool(request.query_params.get("saved")),
                         cv_file=cv_files.metadata_of(conn, user), cv_saved=request.query_params.get("cv"))


@router.post("/profile")
def save_profile(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    data = profile_from_form(form)
    _ = gettext(language_of(request))
    try:
        body = ProfileUpdate.model_validate(data)
    except ValidationError as exc:
        return _profile_page(request, user, data, field_errors(exc), status_code=422)
    _saved, problem = attempt(conn, candidates.update, conn, user, body)
    if problem:
        return _profile_page(request, user, data, {"": problem}, status_code=422)
    return RedirectResponse("/app/profile?saved=1", status_code=303)


def match_filters(request: Request, limit: int = PAGE_SIZE) -> tuple[PositionMatchFilters, dict]:
    """The filters of the matches and search pages (and the search feed), from the query string; bad values
    are dropped and reported."""
    query = request.query_params
    asked = {"regions": [r for r in query.getlist("regions") if r] or None, "remote": query.get("remote") or None,
             "contract_type": query.get("contract_type") or None, "field": query.get("field") or None,
             "min_salary_eur_year": query.get("min_salary_eur_year") or None,
             "institution_id": query.get("institution_id") or None, "sort": query.get("sort") or "relevance",
             "limit": limit, "offset": query.get("offset") or 0}
    try:
        return PositionMatchFilters.model_validate(asked), {}
    except ValidationError as exc:
        errors = field_errors(exc)
        kept = {k: v for k, v in asked.items() if k not in {path.split(".")[0] for path in errors}}
        return PositionMatchFilters.model_validate(kept), errors


def list_link(mode: str, q: str | None, filters: PositionMatchFilters) -> str:
    """The address of a matches or search page with its words, filters and order (shareable, and the base of
    its pager's links, which add the offset)."""
    pairs = search_params(q, filters) + ([("sort", filters.sort)] if filters.sort != "relevance" else [])
    return f"/app/{mode}?{urlencode(pairs)}"


def _results_page(request, user, results, filters, errors, q, mode):
    return page(request, "candidate/results.html", user, results=results, filters=filters, errors=errors,
                choices=CHOICES, sorts=SORTS_OFFERED[mode if q or mode == "matches" else "browse"], q=q, mode=mode,
                here=list_link(mode, q, filters))


# The orders each list offers: relevance means the profile's fit on matches, the query's relevance on a search;
# browsing without words has no relevance (it lists the newest first).
SORTS_OFFERED = {"matches": ("relevance", "deadline", "pay", "newest"), "search": ("relevance", "deadline", "pay", "newest"),
                 "browse": ("newest", "deadline", "pay")}


@router.get("/matches")
def my_matches(request: Request, conn: Conn, user: CandidatePage, settings: SettingsDep, embedder: Embedder):
    filters, errors = match_filters(request)
    results = matching.my_matches(conn, user, filters, settings, embedder)
    return _results_page(request, user, results, filters, errors, None, "matches")


@router.get("/search")
def search(request: Request, conn: Conn, user: WebUser, settings: SettingsDep, embedder: Embedder):
    """A search by words, or (without words) browsing the open positions by the filters alone, newest first."""
    filters, errors = match_filters(request)
    q = (request.query_params.get("q") or "").strip()
    if len(q) == 1:
        errors["q"] = N_("Type at least two characters.")  # a message id: the template writes it in the page's language
    q = q if len(q) >= 2 else ""
    results, problem = attempt(conn, matching.search_open_positions, conn, user, q[:500] or None, filters, settings,
                               embedder)
    if problem:
        errors[""] = problem
    return _results_page(request, user, results, filters, errors, q, "search")


def readable_position(conn, user, position_id: int) -> dict:
    """The position as the API shows it to this user, or the not-found page."""
    row, problem = attempt(conn, positions.readable, conn, user, position_id)
    if problem:
        raise PageError(404, N_("This position does not exist or is not visible to you."))
    return PositionRead.model_validate(row).model_dump()


@router.get("/positions/{position_id:id}")
def position_page(request: Request, conn: Conn, user: WebUser, settings: SettingsDep, embedder: Embedder,
                  position_id: int):
    position = readable_position(conn, user, position_id)
    application, fit = None, None
    if user is not None and user.role == "candidate":
        mine = applications.list_visible(conn, user, position_id=position_id, limit=1)
        application = mine["items"][0] if mine["items"] else None
        fit = matching.my_fit(conn, user, position_id, settings, embedder)
    return page(request, "position.html", user, position=position, application=application,
                applied=request.query_params.get("applied"), error=None, fit=fit,
                channel=channel_of(request.query_params.get("channel")),
                share_url=position_url(settings.public_url, position_id, "direct"),
                job_posting=jsonld.for_page(position, language_of(request), settings.public_url))


def channel_of(value: str | None) -> str:
    """The channel a link named; anything else (none, a mangled or made-up one) counts as direct, not as an error:
    the reader followed a link and should see the position."""
    return value if value in values(Channel) else "direct"


@router.post("/positions/{position_id:id}/apply")
def apply(request: Request, conn: Conn, user: CandidatePage, position_id: int, form: PostedForm):
    channel = channel_of(text(form, "channel"))
    _created, problem = attempt(conn, applications.apply, conn, user, ApplicationCreate(
        position_id=position_id, cover_letter=text(form, "cover_letter"), channel=channel))
    if problem:
        position = readable_position(conn, user, position_id)
        return page(request, "position.html", user, status_code=409, position=position, application=None, applied=None,
                    error=problem, channel=channel, fit=None, share_url=None)
    return RedirectResponse(f"/app/positions/{position_id}?applied=1", status_code=303)


@router.get("/applications")
def my_applications(request: Request, conn: Conn, user: CandidatePage, offset: int = 0):
    listing = applications.list_visible(conn, user, limit=PAGE_SIZE, offset=page_offset(offset))
    invited = invitations.mine(conn, user)
    return page(request, "candidate/applications.html", user, listing=listing, invitations=invited)


@router.get("/applications/{application_id:id}/withdraw")
def withdraw_confirm(request: Request, conn: Conn, user: CandidatePage, application_id: int):
    application, problem = attempt(conn, applications.get, conn, user, application_id)
    if problem:
        raise PageError(404, N_("This application does not exist or is not yours."))
    return page(request, "confirm.html", user, title=N_("Withdraw your application?"),
                item=application["position_title"], action=f"/app/applications/{application_id}/withdraw",
                button=N_("Withdraw"), back="/app/applications", confirm_word=None)


@router.post("/applications/{application_id:id}/withdraw")
def withdraw(conn: Conn, user: CandidatePage, application_id: int):
    _application, problem = attempt(conn, applications.get, conn, user, application_id)
    if problem:  # as in the API: another's application is 'not found', so its existence does not leak
        raise PageError(404, N_("This application does not exist or is not yours."))
    _moved, problem = attempt(conn, applications.change_stage, conn, user, application_id, StageChange(stage="withdrawn"))
    if problem:
        raise PageError(409, problem)
    return RedirectResponse("/app/applications", status_code=303)


@router.get("/profile/export")
def export(conn: Conn, user: CandidatePage) -> JSONResponse:
    return JSONResponse(jsonable_encoder(candidates.export(conn, user)),
                        headers={"Content-Disposition": f'attachment; filename="{candidates.EXPORT_FILENAME}"'})


ERASE_WORD = {"en": "ERASE", "it": "CANCELLA"}


@router.get("/profile/erase")
def erase_confirm(request: Request, user: CandidatePage):
    return page(request, "confirm.html", user, title=N_("Erase your profile and account?"),
                detail=N_("Your profile, CV and account are deleted for good. Your applications remain only as anonymous counts."),
                action="/app/profile/erase", button=N_("Erase everything"), back="/app/profile",
                confirm_word=ERASE_WORD[language_of(request)])


@router.post("/profile/erase")
def erase(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    word = ERASE_WORD[language_of(request)]
    _ = gettext(language_of(request))
    if (text(form, "confirm") or "").upper() != word:
        return page(request, "confirm.html", user, status_code=422, title=N_("Erase your profile and account?"),
                    detail=N_("Your profile, CV and account are deleted for good. Your applications remain only as anonymous counts."),
                    action="/app/profile/erase", button=N_("Erase everything"), back="/app/profile", confirm_word=word,
                    error=_("Type {word} to confirm.", word=word))
    candidates.erase(conn, user)
    response = page(request, "erased.html", None)
    response.delete_cookie(SESSION_COOKIE)
    return response
