"""A candidate's own profile: read, change, export, erase. Nobody else reads it here."""
from fastapi import APIRouter, HTTPException, status
from fastapi.responses import JSONResponse
from fastapi.encoders import jsonable_encoder

from service import attraction
from service.deps import CandidateUser, Conn
from service.queries import candidates
from service.schemas.candidates import CandidateRead, ProfileUpdate

router = APIRouter(prefix="/candidates/me", tags=["candidates"])


@router.get("", response_model=CandidateRead, summary="Your profile")
def read_profile(conn: Conn, user: CandidateUser) -> dict:
    return candidates.get_candidate(conn, user.candidate_id)


@router.patch("", response_model=CandidateRead, summary="Change some fields of your profile")
def update_profile(conn: Conn, user: CandidateUser, body: ProfileUpdate) -> dict:
    changes = body.model_dump(exclude_unset=True)
    places = changes.pop("places", None)
    current = candidates.get_candidate(conn, user.candidate_id)
    country = changes.get("current_country", current["current_country"])
    region = changes.get("current_region", current["current_region"])
    if region and country and country != "IT":
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            "current_region is a NUTS-2 code of Italy: clear it, or set current_country to IT")
    for required in ("full_name", "email"):
        if required in changes and changes[required] is None:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"{required} cannot be removed")
    candidates.update_candidate(conn, user.candidate_id, changes)
    if places is not None:
        candidates.replace_places(conn, user.candidate_id, places)
    return candidates.get_candidate(conn, user.candidate_id)


@router.get("/export", summary="Download everything ecotalent holds about you, as JSON")
def export_data(conn: Conn, user: CandidateUser) -> JSONResponse:
    data = candidates.export_candidate(conn, user.candidate_id)
    return JSONResponse(
        jsonable_encoder(data),
        headers={"Content-Disposition": 'attachment; filename="ecotalent-my-data.json"'},
    )


@router.delete("", summary="Erase your profile and account; your applications stay only as anonymous counts")
def erase(conn: Conn, user: CandidateUser) -> dict:
    anonymised = candidates.erase_candidate(conn, user.candidate_id, attraction.origins_before_erasure(conn, user.candidate_id))
    return {"erased": True, "applications_anonymised": anonymised}
