"""Applications: candidates apply and withdraw; HR offices move applications to their positions."""
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from models.taxonomy import ApplicationStage, stage_transition_error
from service.access import is_open_for_applications
from service.deps import CandidateUser, Conn, CurrentUser, not_found
from service.queries import applications, positions
from service.schemas.applications import ApplicationCreate, ApplicationEventRead, ApplicationRead, StageChange
from service.schemas.auth import UserRead
from service.schemas.common import DatabaseId, Offset, Page

router = APIRouter(prefix="/applications", tags=["applications"])

_HUB_SEES_AGGREGATES = "the hub sees applications only as aggregates: GET /hub/overview"


def _refuse_non_parties(user: UserRead) -> None:
    """Applications are seen by the candidate and the HR office only (deny by default: a new role sees none)."""
    if user.role == "hub":
        raise HTTPException(status.HTTP_403_FORBIDDEN, _HUB_SEES_AGGREGATES)
    if user.role not in ("candidate", "hr"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"only candidates and HR officers see applications; you are signed in as '{user.role}'")


def _owned(conn, user: UserRead, application_id: int) -> dict:
    """The application if it is the user's own (candidate) or to their institution (HR)."""
    _refuse_non_parties(user)
    row = applications.get_application(conn, application_id, with_candidate=user.role == "hr")
    if row is None or not (
        (user.role == "candidate" and row["candidate_id"] == user.candidate_id)
        or (user.role == "hr" and row["institution_id"] == user.institution_id)
    ):
        raise not_found("application", application_id)
    return row


@router.post("", response_model=ApplicationRead, status_code=status.HTTP_201_CREATED, summary="Apply to an open position")
def apply(conn: Conn, user: CandidateUser, body: ApplicationCreate) -> dict:
    position = positions.get_position(conn, body.position_id)
    if position is None or not is_open_for_applications(position):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"position {body.position_id} does not exist or is not open for applications")
    existing = applications.find_application(conn, body.position_id, user.candidate_id)
    if existing:
        raise HTTPException(status.HTTP_409_CONFLICT, f"you applied to this position already (application {existing['id']})")
    application_id = applications.create_application(conn, body.position_id, user.candidate_id, body.cover_letter, user.id)
    return applications.get_application(conn, application_id)


@router.get("", response_model=Page[ApplicationRead], summary="Your applications (candidate) or those to your institution (HR, with who applied)")
def list_applications(
    conn: Conn, user: CurrentUser,
    position_id: DatabaseId | None = None, stage: ApplicationStage | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[Offset, Query()] = 0,
) -> dict:
    _refuse_non_parties(user)
    rows, total = applications.list_applications(
        conn, candidate_id=user.candidate_id if user.role == "candidate" else None,
        institution_id=user.institution_id if user.role == "hr" else None,
        position_id=position_id, stage=stage, limit=limit, offset=offset,
    )
    if user.role == "hr":  # the office sees who applied, as on a single application
        applications.attach_candidates(conn, rows)
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


@router.get("/{application_id}", response_model=ApplicationRead)
def get_application(conn: Conn, user: CurrentUser, application_id: DatabaseId) -> dict:
    return _owned(conn, user, application_id)


@router.get("/{application_id}/events", response_model=list[ApplicationEventRead], summary="Every stage change, oldest first")
def list_events(conn: Conn, user: CurrentUser, application_id: DatabaseId) -> list[dict]:
    _owned(conn, user, application_id)
    return applications.list_events(conn, application_id)


@router.post("/{application_id}/stage", response_model=ApplicationRead,
             summary="Move an application (HR), or withdraw it (candidate)")
def change_stage(conn: Conn, user: CurrentUser, application_id: DatabaseId, body: StageChange) -> dict:
    current = _owned(conn, user, application_id)
    problem = stage_transition_error(current["stage"], body.stage, user.role)
    if problem:
        raise HTTPException(status.HTTP_409_CONFLICT, problem)
    moved = applications.change_stage(conn, application_id, current["stage"], body.stage,
                                      note=body.note, start_date=body.start_date, actor_user_id=user.id)
    if not moved:
        raise HTTPException(status.HTTP_409_CONFLICT, "the application was changed by someone else meanwhile: reload it and retry")
    if body.stage == "hired":
        applications.mark_filled_when_complete(conn, current["position_id"])
    return applications.get_application(conn, application_id, with_candidate=user.role == "hr")
