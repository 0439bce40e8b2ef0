"""A candidate's CV file on the pages: upload a PDF (or a Europass XML CV), confirm (or change) what was
read from it before it goes into the profile, download or delete the PDF (service.cv_files, service.europass)."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from service import candidates, cv_files, europass
from service.deps import Conn
from service.domain import DomainError
from service.routers.cv_files import pdf_response
from service.schemas.candidates import ProfileUpdate
from service.web.i18n import N_
from service.web.pages.candidate import _profile_page, _rows
from service.web.render import PostedForm, attempt, field_errors, language_rows, page, text, word_list
from service.web.session import CandidatePage, PageError

router = APIRouter(prefix="/app/profile/cv")


def _refused(request, conn, user, message, status_code: int, field: str = "file"):
    """The profile page again, the refusal at the upload field."""
    return _profile_page(request, user, candidates.read(conn, user), {field: message}, status_code=status_code,
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


@router.post("/europass")
def europass_import(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    """Reads a Europass XML CV and shows the profile fields found, for the candidate to confirm."""
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return _refused(request, conn, user, N_("Choose your Europass CV as an XML file."), 422, field="europass")
    try:
        proposal = europass.read(cv_files.read_limited(file.file))
    except DomainError as exc:
        return _refused(request, conn, user, exc.message, 413 if exc.code == "cv.too_large" else 422, field="europass")
    return page(request, "candidate/cv_confirm.html", user, cv_file=None, proposed=proposal["cv_text"] or "",
                proposal=proposal, current=candidates.read(conn, user).get("cv_text"), errors={})


_PROPOSED = ("full_name", "headline", "skills")  # besides the CV text: what a Europass CV proposes


def _confirmed(form) -> dict:
    """The confirmed fields: the CV text, and those of a Europass proposal the form carried."""
    data: dict = {"cv_text": text(form, "cv_text")}
    for name in _PROPOSED:
        if f"keep-{name}" in form:
            data[name] = word_list(text(form, name)) if name == "skills" else text(form, name)
    if "keep-languages" in form:
        data["languages"] = language_rows(form, _rows(form, "language"))
    return data


@router.post("/confirm")
def confirm(request: Request, conn: Conn, user: CandidatePage, form: PostedForm):
    """The text (and a Europass CV's fields) as the candidate confirmed them, changed or not, go into the profile."""
    data = _confirmed(form)
    try:
        body = ProfileUpdate.model_validate(data)
    except ValidationError as exc:
        errors = field_errors(exc)
        proposal = data | {"languages": data.get("languages", [])} if len(data) > 1 else None
        return page(request, "candidate/cv_confirm.html", user, status_code=422, cv_file=cv_files.metadata_of(conn, user),
                    proposed=data["cv_text"] or "", proposal=proposal, current=candidates.read(conn, user).get("cv_text"),
                    errors=errors)
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
