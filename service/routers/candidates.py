"""A candidate's own profile: read, change, export, erase (service.candidates). Nobody else reads it here."""
from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from service import candidates as use_cases
from service.deps import CandidateUser, Conn
from service.schemas.candidates import CandidateRead, ProfileUpdate

router = APIRouter(prefix="/candidates/me", tags=["candidates"])


@router.get("", response_model=CandidateRead, summary="Your profile")
def read_profile(conn: Conn, user: CandidateUser) -> dict:
    return use_cases.read(conn, user)


@router.patch("", response_model=CandidateRead, summary="Change some fields of your profile")
def update_profile(conn: Conn, user: CandidateUser, body: ProfileUpdate) -> dict:
    return use_cases.update(conn, user, body)


@router.get("/export", summary="Download everything ecotalent holds about you, as JSON")
def export_data(conn: Conn, user: CandidateUser) -> JSONResponse:
    return JSONResponse(jsonable_encoder(use_cases.export(conn, user)),
                        headers={"Content-Disposition": f'attachment; filename="{use_cases.EXPORT_FILENAME}"'})


@router.delete("", summary="Erase your profile and account; your applications stay only as anonymous counts")
def erase(conn: Conn, user: CandidateUser) -> dict:
    return use_cases.erase(conn, user)
