"""A candidate's CV file on the pages: upload a PDF, confirm (or change) the text read from it before it
becomes the profile's CV text, download or delete the file (service.cv_files)."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from service import candidates, cv_files
from service.deps import Conn
from service.domain import DomainError
from service.routers.cv_files import pdf_response
from service.schemas.candidates import ProfileUpdate
from service.web.i18n import N_
from service.web.pages.candidate import _profile_page
from service.web.render import PostedForm, attempt, field_errors, page, text
from service.web.session import CandidatePage, PageError

router = APIRouter(prefix="/app/profile/cv")


def _refused(request, conn, user, message, status_code: int):
    """The profile page again, the refusal at the upload field."""
    return _profile_page(request, user, candidates.read(conn, user), {"file": message}, status_code=status_code,
                         cv_file=cv_files.metadata_of(conn, user))


@router.post("")
def upload(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    """Keeps the PDF and shows the text read from it, for the candidate to confirm."""
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _refused(request, conn, user, N_("Choose your CV as a PDF file."), 422)
    try:
        with conn.transaction():
            found = cv_files.upload(conn, user, file.filename, cv_files.read_limited(file.file))
    except DomainError as exc:
        return _refused(request, conn, user, exc.message, 413 if exc.code == "cv.too_large" else 422)
    return page(request, "candidate/cv_confirm.html", user, cv_file=found, proposed=found["extracted_text"] or "",
                current=candidates.read(conn, user).get("cv_text"), errors={})


@router.post("/confirm")
def confirm(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    """The text as the candidate confirmed it (changed or not) becomes the profile's CV text."""
    proposed = text(form, "cv_text")
    try:
        body = ProfileUpdate.model_validate({"cv_text": proposed})
    except ValidationError as exc:
        return page(request, "candidate/cv_confirm.html", user, status_code=422, cv_file=cv_files.metadata_of(conn, user),
                    proposed=proposed or "", current=candidates.read(conn, user).get("cv_text"),
                    errors={"cv_text": next(iter(field_errors(exc).values()))})
    _saved, problem = attempt(conn, candidates.update, conn, user, body)
    if problem:
        raise PageError(422, problem)
    return RedirectResponse("/app/profile?cv=confirmed#f-cv_text", status_code=303)


@router.get("")
def download(conn: Conn, user: CandidatePage) -> Response:
    found, problem = attempt(conn, cv_files.own_file, conn, user)
    if problem:
        raise PageError(404, N_("There is no CV file here."))
    return pdf_response(found)


@router.post("/delete")
def delete(conn: Conn, user: CandidatePage):
    _done, problem = attempt(conn, cv_files.remove, conn, user)
    if problem:
        raise PageError(404, N_("There is no CV file here."))
    return RedirectResponse("/app/profile?cv=deleted#cv-file", status_code=303)
