"""An HR office judges applications to its positions (service.reviews): the review, the rating, stage
changes of several at once, the applicant's CV file."""
from fastapi import APIRouter
from fastapi.responses import Response

from service import cv_files, matching, reviews
from service.deps import Conn, CurrentUser, Embedder, HROfficer, SettingsDep
from service.routers.cv_files import pdf_response
from service.schemas.common import DatabaseId
from service.schemas.reviews import BulkResult, BulkStageChange, RatingChange, RatingRead

router = APIRouter(prefix="/applications", tags=["applications"])


@router.get("/{application_id}/review", summary="HR: the application with the candidate's profile, CV file, "
                                                  "fit explanation, history (who moved it) and rating")
def review(conn: Conn, user: HROfficer, settings: SettingsDep, embedder: Embedder, application_id: DatabaseId) -> dict:
    found = reviews.review(conn, user, application_id, matching.options_for(settings, embedder))
    if found["cv_file"]:
        found["cv_file"] = {k: v for k, v in found["cv_file"].items() if k != "extracted_text"}
    return found


@router.put("/{application_id}/rating", response_model=RatingRead, summary="HR: rate the application, 1 to 5 stars")
def rate(conn: Conn, user: HROfficer, application_id: DatabaseId, body: RatingChange) -> dict:
    return reviews.rate(conn, user, application_id, body)


@router.post("/bulk-stage", response_model=BulkResult,
             summary="HR: move several applications at once (all or nothing; a rejection's message in the note)")
def bulk_stage(conn: Conn, user: HROfficer, body: BulkStageChange) -> dict:
    return {"moved": reviews.bulk_change(conn, user, body)}


@router.get("/{application_id}/cv", summary="The applicant's CV file: to the office applied to and the candidate",
            response_class=Response, responses={200: {"content": {"application/pdf": {}}}})
def cv_file(conn: Conn, user: CurrentUser, application_id: DatabaseId) -> Response:
    return pdf_response(cv_files.file_of_application(conn, user, application_id))
