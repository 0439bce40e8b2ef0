"""Applications: candidates apply and withdraw; HR offices move applications to their positions
(service.applications)."""
from typing import Annotated

from fastapi import APIRouter, Query, status

from models.taxonomy import ApplicationStage
from service import applications as use_cases
from service.deps import CandidateUser, Conn, CurrentUser
from service.schemas.applications import ApplicationCreate, ApplicationEventRead, ApplicationRead, StageChange
from service.schemas.common import DatabaseId, Offset, Page

router = APIRouter(prefix="/applications", tags=["applications"])


@router.post("", response_model=ApplicationRead, status_code=status.HTTP_201_CREATED, summary="Apply to an open position")
def apply(conn: Conn, user: CandidateUser, body: ApplicationCreate) -> dict:
    return use_cases.apply(conn, user, body)


@router.get("", response_model=Page[ApplicationRead], summary="Your applications (candidate) or those to your institution (HR, with who applied)")
def list_applications(
    conn: Conn, user: CurrentUser,
    position_id: DatabaseId | None = None, stage: ApplicationStage | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[Offset, Query()] = 0,
) -> dict:
    return use_cases.list_visible(conn, user, position_id=position_id, stage=stage, limit=limit, offset=offset)


@router.get("/{application_id}", response_model=ApplicationRead)
def get_application(conn: Conn, user: CurrentUser, application_id: DatabaseId) -> dict:
    return use_cases.get(conn, user, application_id)


@router.get("/{application_id}/events", response_model=list[ApplicationEventRead], summary="Every stage change, oldest first")
def list_events(conn: Conn, user: CurrentUser, application_id: DatabaseId) -> list[dict]:
    return use_cases.events(conn, user, application_id)


@router.post("/{application_id}/stage", response_model=ApplicationRead,
             summary="Move an application (HR), or withdraw it (candidate)")
def change_stage(conn: Conn, user: CurrentUser, application_id: DatabaseId, body: StageChange) -> dict:
    return use_cases.change_stage(conn, user, application_id, body)
