"""An HR office's pages: its positions (list, draft with the salary check, edit, close, import),
ranked candidates for a position, and the application pipeline up to the hire."""
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from models.taxonomy import (
    FUNNEL,
    REGIONS,
    RESEARCH_FIELDS,
    TERMINAL_STAGES,
    ApplicationStage,
    CareerStage,
    ContractType,
    EducationLevel,
    LanguageLevel,
    PositionStatus,
    RemoteOption,
    SalaryBasis,
    SalaryPeriod,
    values,
)
from service import applications, forecast, invitations, matching, positions, reviews, salaries
from service.deps import Conn, Embedder, ForecastsDep, SalaryModelsDep, SettingsDep
from service.domain import Conflict, DomainError, InvalidFields, Unavailable
from service.messages import Message
from service.positions import ImportMode
from service.schemas.applications import StageChange
from service.schemas.invitations import InvitationCreate
from service.schemas.matching import CandidateMatchFilters
from service.schemas.positions import PositionCreate, PositionRead, PositionUpdate
from service.schemas.salaries import SalaryDraft
from service.web.i18n import N_, gettext, language_of
from service.web.render import (
    PostedForm,
    attempt,
    field_errors,
    field_errors_of,
    language_rows,
    page,
    page_offset,
    text,
    word_list,
)
from service.web.session import HRPage, PageError

router = APIRouter(prefix="/app/hr")

PAGE_SIZE = 20
CHOICES = {
    "career_stage": values(CareerStage), "contract_type": values(ContractType), "status": values(PositionStatus),
    "salary_period": values(SalaryPeriod), "salary_basis": values(SalaryBasis), "remote": values(RemoteOption),
    "education_level": values(EducationLevel), "fields": RESEARCH_FIELDS, "regions": tuple(REGIONS),
    "level": values(LanguageLevel), "stage": values(ApplicationStage), "monthly_payments": ("12", "13", "14"),
}
_TEXTS = ("title_it", "title_en", "description_it", "description_en", "settore_concorsuale", "ssd", "career_stage",
          "contract_type", "salary_min", "salary_max", "salary_period", "salary_basis", "monthly_payments",
          "hours_per_week", "duration_months", "city", "region", "remote", "openings", "opening_date", "deadline",
          "status", "funding_programme", "funding_mission", "spoke", "education_level", "min_years_experience",
          "call_url", "contact_email")
# Columns a position may leave empty; an empty form field for any other keeps its default.
_CLEARABLE = {"title_it", "title_en", "description_it", "description_en", "settore_concorsuale", "ssd", "salary_min",
              "salary_max", "duration_months", "city", "region", "deadline", "funding_programme", "funding_mission",
              "spoke", "education_level", "call_url", "contact_email"}
NEW_POSITION = {"salary_period": "year", "salary_basis": "gross_person", "monthly_payments": 12, "hours_per_week": 36,
                "remote": "onsite", "openings": 1, "status": "open", "min_years_experience": 0, "fields": [],
                "required_skills": [], "languages": []}


def position_from_form(form) -> dict:
    """The position form as an API payload: cleared optional fields as None, others left out when empty."""
    data: dict[str, Any] = {name: text(form, name) for name in _TEXTS}
    data = {k: v for k, v in data.items() if v is not None or k in _CLEARABLE}
    if (data.get("monthly_payments") or "").isdigit():  # a choice among the numbers 12, 13, 14
        data["monthly_payments"] = int(data["monthly_payments"])
    data["fields"] = form.getlist("fields")
    data["required_skills"] = word_list(text(form, "required_skills"))
    data["languages"] = language_rows(form, 3)
    return data


def own_position(conn, user, position_id: int) -> dict:
    """The position, only if it belongs to the officer's institution: another's is 'not found' here."""
    try:
        return PositionRead.model_validate(positions.own(conn, user, position_id)).model_dump()
    except DomainError:
        raise PageError(404, N_("This position does not exist or is not visible to you.")) from None


def _form_page(request, user, position: dict, errors: dict, check=None, status_code: int = 200, position_id=None):
    return page(request, "hr/position_form.html", user, status_code=status_code, position=position, errors=errors,
                check=check, choices=CHOICES, position_id=position_id)


@router.get("/positions")
def positions_list(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, forecasts: ForecastsDep,
                   embedder: Embedder, status: str | None = None, sort: str = "newest", offset: int = 0):
    """The office's positions with their applicant counts, newest first or by applications or deadline;
    open ones whose fill forecast is low carry an "at risk" badge."""
    status = status if status in CHOICES["status"] else None
    sort = sort if sort in reviews.POSITION_ORDERS else "newest"
    listing = reviews.office_positions(conn, user, status=status, order=sort, limit=PAGE_SIZE, offset=page_offset(offset))
    query = urlencode({k: v for k, v in {"status": status, "sort": sort}.items() if v})
    at_risk = {position_id: Message("forecast.summary", {"percent": round(probability * 100)})
               for position_id, probability in forecast.at_risk_badges(conn, user, models, forecasts, embedder).items()}
    return page(request, "hr/positions.html", user, listing=listing, status=status, sort=sort, choices=CHOICES,
                orders=reviews.POSITION_ORDERS, base=f"/app/hr/positions?{query}&", at_risk=at_risk)


@router.get("/positions/new")
def new_position_form(request: Request, user: HRPage):
    return _form_page(request, user, dict(NEW_POSITION), {})


@router.post("/positions/new")
def create_position(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, form: PostedForm):
    data = position_from_form(form)
    _ = gettext(language_of(request))
    try:
        body = PositionCreate.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        return _form_page(request, user, data, field_errors(exc), status_code=422)
    if form.get("action") == "check":
        return _form_page(request, user, data, {}, check=_salary_check(conn, user, models, body.model_dump()))
    created, problem = attempt(conn, positions.create, conn, user, body, models)
    if problem:
        return _form_page(request, user, data, {"": problem}, status_code=422)
    return RedirectResponse(f"/app/hr/positions/{created['id']}?saved=1", status_code=303)


def _salary_check(conn, user, models, draft: dict) -> dict | None:
    """The API's salary check of a draft, or why there is none yet; None while the draft lacks what
    the check needs (contract and career stage, valid figures)."""
    try:
        body = SalaryDraft.model_validate({k: v for k, v in draft.items() if k in SalaryDraft.model_fields and v is not None})
    except ValidationError:
        return None
    check, problem = attempt(conn, salaries.check_draft, conn, user, models, body)
    return check if problem is None else {"unavailable": problem}


@router.post("/salary-check")
def salary_check_fragment(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, form: PostedForm):
    """The salary check of the position form as it stands, as a piece of page (static/salary-check.js);
    nothing while the form lacks what the check needs."""
    check = _salary_check(conn, user, models, position_from_form(form))
    return HTMLResponse("") if check is None else page(request, "hr/salary_check.html", user, check=check)


@router.get("/positions/{position_id:id}")
def position_page(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, forecasts: ForecastsDep,
                  embedder: Embedder, position_id: int):
    position = own_position(conn, user, position_id)
    check = salaries.salary_check(conn, models, user.own_institution_id, position)
    outlook: dict | None = None
    try:
        outlook = forecast.position_forecast(conn, user, position_id, models, forecasts, embedder)
    except Conflict:  # not open: nothing to forecast
        pass
    except Unavailable as exc:
        outlook = {"unavailable": exc.message}
    return page(request, "hr/position.html", user, position=position, check=check, outlook=outlook,
                saved=request.query_params.get("saved"))


@router.get("/positions/{position_id:id}/edit")
def edit_form(request: Request, conn: Conn, user: HRPage, position_id: int):
    return _form_page(request, user, own_position(conn, user, position_id), {}, position_id=position_id)


@router.post("/positions/{position_id:id}/edit")
def edit(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, position_id: int, form: PostedForm):
    own_position(conn, user, position_id)
    data = position_from_form(form)
    _ = gettext(language_of(request))
    try:
        body = PositionUpdate.model_validate(data)
    except ValidationError as exc:
        return _form_page(request, user, data, field_errors(exc), status_code=422, position_id=position_id)
    if form.get("action") == "check":
        merged = own_position(conn, user, position_id) | body.model_dump(exclude_unset=True)
        return _form_page(request, user, data, {}, check=_salary_check(conn, user, models, merged), position_id=position_id)
    problem: Message | None
    try:
        with conn.transaction():  # a savepoint: a refused change leaves nothing behind
            positions.update(conn, user, position_id, body, models)
    except InvalidFields as exc:  # the merged position breaks field rules: shown at its fields
        return _form_page(request, user, data, {".".join(str(p) for p in e["loc"][1:]): field_errors_of(e) for e in exc.errors},
                          status_code=422, position_id=position_id)
    except DomainError as exc:
        problem = exc.message
    else:
        problem = None
    if problem:
        return _form_page(request, user, data, {"": problem}, status_code=422, position_id=position_id)
    return RedirectResponse(f"/app/hr/positions/{position_id}?saved=1", status_code=303)


def _title(request: Request, position: dict) -> str:
    """The title in the page's language when the position has it, else in the other."""
    if language_of(request) == "it":
        return position["title_it"] or position["title_en"]
    return position["title_en"] or position["title_it"]


@router.get("/positions/{position_id:id}/close")
def close_confirm(request: Request, conn: Conn, user: HRPage, position_id: int):
    position = own_position(conn, user, position_id)
    return page(request, "confirm.html", user, title=N_("Close this position?"),
                item=_title(request, position), action=f"/app/hr/positions/{position_id}/close",
                button=N_("Close the position"), back=f"/app/hr/positions/{position_id}", confirm_word=None,
                note=N_("Candidates can no longer apply. Applications already received stay in the pipeline."))


@router.post("/positions/{position_id:id}/close")
def close(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, position_id: int):
    own_position(conn, user, position_id)
    _updated, problem = attempt(conn, positions.close, conn, user, position_id, models)
    if problem:
        raise PageError(409, problem)
    return RedirectResponse(f"/app/hr/positions/{position_id}?saved=1", status_code=303)


RANKING_ORDERS = ("fit", "experience")


def ranking_filters(request: Request) -> tuple[CandidateMatchFilters, dict, str]:
    """The ranking's filters and order from the query string (bad values dropped and reported), and the
    query string that keeps them in the pager's links."""
    query = request.query_params
    asked = {"career_stage": query.get("career_stage") or None, "field": query.get("field") or None,
             "regions": [query["region"]] if query.get("region") else None,
             "min_years_experience": query.get("min_years_experience") or None,
             "limit": 10, "offset": min(max(_int(query.get("offset")), 0), 190)}
    try:
        filters, errors = CandidateMatchFilters.model_validate(asked), {}
    except ValidationError as exc:
        errors = field_errors(exc)
        dropped = {path.split(".")[0] for path in errors}
        filters = CandidateMatchFilters.model_validate({k: v for k, v in asked.items() if k not in dropped})
    sort = sort_of(request)
    kept = {"career_stage": filters.career_stage, "field": filters.field,
            "region": filters.regions[0] if filters.regions else None,
            "min_years_experience": query.get("min_years_experience") if filters.min_years_experience is not None else None,
            "sort": sort if sort != "fit" else None}
    return filters, errors, urlencode({k: v for k, v in kept.items() if v is not None})


def sort_of(request: Request) -> str:
    asked = request.query_params.get("sort") or "fit"
    return asked if asked in RANKING_ORDERS else "fit"


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


@router.get("/positions/{position_id:id}/candidates")
def ranked_candidates(request: Request, conn: Conn, user: HRPage, settings: SettingsDep, embedder: Embedder,
                      position_id: int):
    position = own_position(conn, user, position_id)
    filters, errors, query = ranking_filters(request)
    sort = sort_of(request)
    ranking = matching.position_matches(conn, user, position_id, filters, settings, embedder, order=sort)
    invited = {v["candidate_id"]: v for v in invitations.of_position(conn, user, position_id)}
    return page(request, "hr/candidates.html", user, position=position, ranking=ranking, invited=invited,
                offset=filters.offset, problem=None, filters=filters, errors=errors, sort=sort,
                orders=RANKING_ORDERS, choices=CHOICES, base=f"/app/hr/positions/{position_id}/candidates?"
                + (f"{query}&" if query else ""))


@router.post("/positions/{position_id:id}/invitations")
def invite(request: Request, conn: Conn, user: HRPage, settings: SettingsDep, position_id: int, form: PostedForm):
    """Invites one ranked candidate, then back to the same page of the ranking, with its filters and order."""
    own_position(conn, user, position_id)
    # The ranking's query string as it was (re-encoded, so only its own parameters come back, on this path).
    kept = [(k, v) for k, v in parse_qsl(text(form, "back") or "")[:20] if k != "invited"]
    try:
        body = InvitationCreate.model_validate({"candidate_id": text(form, "candidate_id"), "message": text(form, "message")})
    except ValidationError:
        raise PageError(422, N_("Choose a candidate from the ranking to invite.")) from None
    _made, problem = attempt(conn, invitations.invite, conn, user, position_id, body, settings.public_url)
    if problem:
        raise PageError(409, problem)
    query = urlencode([*kept, ("invited", body.candidate_id)])
    return RedirectResponse(f"/app/hr/positions/{position_id}/candidates?{query}#candidate-{body.candidate_id}",
                            status_code=303)


@router.get("/positions/{position_id:id}/applications")
def pipeline(request: Request, conn: Conn, user: HRPage, position_id: int):
    return pipeline_page(request, conn, user, position_id)


def pipeline_page(request, conn, user, position_id: int, error: dict | None = None, status_code: int = 200,
                  bulk_error: dict | None = None):
    """The position's applications as a board of stages: a column each, a card each (with its rating),
    and the bulk form whose tick boxes sit on the cards (plain forms: no script needed)."""
    position = own_position(conn, user, position_id)
    listing = applications.list_visible(conn, user, position_id=position_id, limit=200)
    by_stage = {stage: [a for a in listing["items"] if a["stage"] == stage] for stage in CHOICES["stage"]}
    ratings = reviews.ratings(conn, user, [a["id"] for a in listing["items"]])
    moved = _int(request.query_params.get("moved")) if status_code == 200 else 0
    moved_to = request.query_params.get("stage") if request.query_params.get("stage") in CHOICES["stage"] else None
    return page(request, "hr/pipeline.html", user, status_code=status_code, position=position, by_stage=by_stage,
                total=listing["total"], funnel=FUNNEL, error=error, bulk_error=bulk_error, ratings=ratings,
                moved=moved, moved_to=moved_to, bulk_stages=("screening", "interview", "offer", "rejected"))


@router.post("/applications/{application_id:id}/stage")
def change_stage(request: Request, conn: Conn, user: HRPage, application_id: int, form: PostedForm):
    application, problem = attempt(conn, applications.get, conn, user, application_id)
    if problem:
        raise PageError(404, N_("This application does not exist or is not visible to you."))
    back = f"/app/hr/positions/{application['position_id']}/applications"
    _ = gettext(language_of(request))
    try:
        body = StageChange.model_validate({"stage": text(form, "stage"), "note": text(form, "note"),
                                           "start_date": text(form, "start_date")})
    except ValidationError as exc:
        return _pipeline_error(request, conn, user, application, next(iter(field_errors(exc).values())))
    unconfirmed = body.stage in TERMINAL_STAGES and form.get("confirmed") != "yes"
    if unconfirmed and not applications.refusal(application["stage"], body.stage, user):  # final: ask once more
        candidate = (application.get("candidate") or {}).get("full_name") or ""
        title, button = CONFIRM_STAGE[body.stage]
        return page(request, "confirm.html", user, title=title, item=candidate,
                    action=f"/app/hr/applications/{application_id}/stage", button=button,
                    back=back, confirm_word=None, note=N_("This is final: the application cannot change afterwards."),
                    hidden={"stage": body.stage, "note": body.note or "", "confirmed": "yes",
                            "start_date": body.start_date.isoformat() if body.start_date else ""})
    _moved, problem = attempt(conn, applications.change_stage, conn, user, application_id, body)
    if problem:
        return _pipeline_error(request, conn, user, application, problem)
    return RedirectResponse(f"{back}#application-{application_id}", status_code=303)


CONFIRM_STAGE = {"hired": (N_("Record the hire?"), N_("Record the hire")),
                 "rejected": (N_("Reject the application?"), N_("Reject"))}


def _pipeline_error(request, conn, user, application: dict, message: str | Message):
    return pipeline_page(request, conn, user, application["position_id"], status_code=422,
                          error={"application": application["id"], "message": message})


@router.get("/import")
def import_form(request: Request, user: HRPage):
    return page(request, "hr/import.html", user, report=None, error=None, mode="all_or_nothing")


@router.post("/import")
def import_positions(request: Request, conn: Conn, user: HRPage, models: SalaryModelsDep, form: PostedForm):
    upload = form.get("file")
    mode: ImportMode = "per_row" if form.get("mode") == "per_row" else "all_or_nothing"
    if not isinstance(upload, UploadFile) or not upload.filename:
        return page(request, "hr/import.html", user, status_code=422, report=None, mode=mode,
                    error=N_("Choose a CSV or JSON file to import."))
    try:
        with conn.transaction():
            report = positions.import_file(conn, user, positions.read_upload(upload.file), upload.filename, mode, models)
    except positions.ImportRejected as exc:  # nothing kept: the report says which rows and why
        return page(request, "hr/import.html", user, status_code=422, report=exc.report.model_dump(), mode=mode, error=None)
    except DomainError as exc:
        return page(request, "hr/import.html", user, status_code=422, report=None, mode=mode, error=exc.message)
    return page(request, "hr/import.html", user, report=report.model_dump(), mode=mode, error=None)
