"""An HR office's review of applications: one application's page (profile, CV and its file, cover letter,
fit, history, rating) and bulk actions on a position's pipeline (service.reviews)."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from service import cv_files, matching, reviews
from service.deps import Conn, Embedder, SettingsDep
from service.domain import DomainError
from service.routers.cv_files import pdf_response
from service.schemas.reviews import BulkStageChange, RatingChange
from service.web.i18n import N_
from service.web.pages import hr
from service.web.render import PostedForm, attempt, field_errors, page, text
from service.web.session import HRPage, PageError

router = APIRouter(prefix="/app/hr")
NOT_VISIBLE = N_("This application does not exist or is not visible to you.")


@router.get("/applications/{application_id:id}")
def review_page(request: Request, conn: Conn, user: HRPage, settings: SettingsDep, embedder: Embedder,
                application_id: int):
    found, problem = attempt(conn, reviews.review, conn, user, application_id, matching.options_for(settings, embedder))
    if problem:
        raise PageError(404, NOT_VISIBLE)
    return page(request, "hr/application.html", user, **found, choices=hr.CHOICES,
                rated=request.query_params.get("rated"), error=None)


@router.post("/applications/{application_id:id}/rating")
def rate(request: Request, conn: Conn, user: HRPage, application_id: int, form: PostedForm):
    try:
        body = RatingChange.model_validate({"rating": text(form, "rating")})
    except ValidationError:
        raise PageError(422, N_("Choose from one to five stars.")) from None
    _rated, problem = attempt(conn, reviews.rate, conn, user, application_id, body)
    if problem:
        raise PageError(404 if problem.code == "application.not_found" else 409, problem)
    return RedirectResponse(f"/app/hr/applications/{application_id}?rated=1#rating", status_code=303)


@router.get("/applications/{application_id:id}/cv")
def cv_file(conn: Conn, user: HRPage, application_id: int) -> Response:
    found, problem = attempt(conn, cv_files.file_of_application, conn, user, application_id)
    if problem:
        raise PageError(404, N_("There is no CV file here."))
    return pdf_response(found)


@router.post("/positions/{position_id:id}/applications/bulk")
def bulk(request: Request, conn: Conn, user: HRPage, position_id: int, form: PostedForm):
    """Moves the applications ticked on the board (all or nothing), then back to the board."""
    hr.own_position(conn, user, position_id)
    ids = [value for value in form.getlist("application_ids") if isinstance(value, str)]
    if not ids:
        return _board(request, conn, user, position_id, N_("Tick the applications to change first."))
    try:
        body = BulkStageChange.model_validate({"application_ids": ids, "stage": text(form, "stage"),
                                               "note": text(form, "note")})
    except ValidationError as exc:
        return _board(request, conn, user, position_id, next(iter(field_errors(exc).values())))
    try:
        with conn.transaction():  # a savepoint: nothing of a refused action stays
            moved = reviews.bulk_change(conn, user, body, position_id=position_id)
    except reviews.BulkRefused as exc:
        return _board(request, conn, user, position_id, exc.message, reason=exc.reason, status_code=409)
    except DomainError as exc:
        return _board(request, conn, user, position_id, exc.message, status_code=404)
    return RedirectResponse(f"/app/hr/positions/{position_id}/applications?moved={len(moved)}&stage={body.stage}",
                            status_code=303)


def _board(request, conn, user, position_id: int, message, reason=None, status_code: int = 422):
    return hr.pipeline_page(request, conn, user, position_id, status_code=status_code,
                            bulk_error={"message": message, "reason": reason})
