"""A candidate's CV file (service.cv_files): upload a PDF, read what was found in it, download, delete."""
from urllib.parse import quote

from fastapi import APIRouter, UploadFile, status
from fastapi.responses import Response

from service import cv_files as use_cases
from service import europass
from service.deps import CandidateUser, Conn
from service.schemas.reviews import CvFileRead, EuropassProposal

router = APIRouter(prefix="/candidates/me/cv", tags=["candidates"])


def pdf_response(found: dict) -> Response:
    """A stored CV file as a download (the API's and the pages' alike); never sniffed as anything else."""
    name = found["filename"]
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    return Response(bytes(found["content"]), media_type="application/pdf", headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
        "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


@router.post("", response_model=CvFileRead, status_code=status.HTTP_201_CREATED,
             summary="Upload your CV as a PDF (at most 5 MiB): its text is proposed, not saved, as your CV text")
def upload(conn: Conn, user: CandidateUser, file: UploadFile) -> dict:
    return use_cases.upload(conn, user, file.filename, use_cases.read_limited(file.file))


@router.post("/europass", response_model=EuropassProposal,
             summary="Read a Europass XML CV into proposed profile fields (nothing is saved)")
def europass_import(user: CandidateUser, file: UploadFile) -> dict:
    return europass.read(use_cases.read_limited(file.file))


@router.get("", response_model=CvFileRead, summary="Your CV file: its name, size and the text read from it")
def read(conn: Conn, user: CandidateUser) -> dict:
    return use_cases.mine(conn, user)


@router.get("/file", summary="Download your CV file", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def download(conn: Conn, user: CandidateUser) -> Response:
    return pdf_response(use_cases.own_file(conn, user))


@router.delete("", status_code=status.HTTP_204_NO_CONTENT, summary="Delete your CV file (your CV text stays)")
def delete(conn: Conn, user: CandidateUser) -> Response:
    use_cases.remove(conn, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
