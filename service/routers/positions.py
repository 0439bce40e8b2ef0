"""Positions: anyone may search open ones; HR offices write their own institution's."""
from typing import Annotated, Literal

import psycopg
from fastapi import APIRouter, HTTPException, Query, Request, UploadFile, status
from pydantic import ValidationError

from service import access, position_import
from service.deps import Conn, HROfficer, OptionalUser, not_found
from service.queries import positions
from service.routers.salaries import salary_check
from service.schemas.auth import UserRead
from service.schemas.common import DatabaseId, Page, validation_messages
from service.schemas.positions import (
    ImportRefused, ImportReport, PositionCreate, PositionFilters, PositionRead, PositionUpdate, RejectedRow,
)

MAX_JSON_BYTES = 1024 * 1024  # a position is at most a few tens of kB
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_MULTIPART_BYTES = 64 * 1024  # the form's boundaries and headers around the file

router = APIRouter(prefix="/positions", tags=["positions"], max_body_size=MAX_JSON_BYTES)


def _readable(conn, user: UserRead | None, position_id: int) -> dict:
    row = positions.get_position(conn, position_id)
    if row is None or not access.can_read_position(user, row):
        raise not_found("position", position_id)
    return row


@router.get("", response_model=Page[PositionRead], summary="Search positions (anonymous users see open ones)")
def list_positions(conn: Conn, user: OptionalUser, filters: Annotated[PositionFilters, Query()]) -> dict:
    rows, total = positions.list_positions(conn, filters.model_dump(), **access.position_visibility(user))
    return {"items": rows, "total": total, "limit": filters.limit, "offset": filters.offset}


@router.get("/{position_id}", response_model=PositionRead)
def get_position(conn: Conn, user: OptionalUser, position_id: DatabaseId) -> dict:
    return _readable(conn, user, position_id)


@router.post("", response_model=PositionRead, status_code=status.HTTP_201_CREATED,
             summary="Post a position for your institution")
def create_position(request: Request, conn: Conn, user: HROfficer, body: PositionCreate) -> dict:
    position_id = positions.insert_position(conn, user.institution_id, body.model_dump(exclude_none=True))
    created = positions.get_position(conn, position_id)
    return created | {"salary_check": salary_check(conn, request, user.institution_id, created)}


@router.patch("/{position_id}", response_model=PositionRead, summary="Change some fields of your institution's position")
def update_position(request: Request, conn: Conn, user: HROfficer, position_id: DatabaseId, body: PositionUpdate) -> dict:
    current = _readable(conn, user, position_id)
    if current["institution_id"] != user.institution_id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you can only change positions of your own institution")
    changes = body.model_dump(exclude_unset=True)
    # A field sent as null is checked as null: clearing a required field is an error, not a default.
    merged = {k: current[k] for k in positions.WRITABLE if current[k] is not None} | changes
    try:
        PositionCreate.model_validate(merged)
    except ValidationError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, validation_messages(exc)) from None
    positions.update_position(conn, position_id, changes)
    updated = positions.get_position(conn, position_id)
    return updated | {"salary_check": salary_check(conn, request, user.institution_id, updated)}


@router.post("/import", response_model=ImportReport,
             summary="Import positions for your institution from a CSV or JSON file",
             description=position_import.__doc__, max_body_size=MAX_UPLOAD_BYTES + _MULTIPART_BYTES,
             responses={422: {"model": ImportRefused, "description": "The file, or (all_or_nothing) a row, was refused"}})
def import_positions(
    conn: Conn, user: HROfficer, file: UploadFile,
    mode: Annotated[Literal["all_or_nothing", "per_row"], Query(
        description="all_or_nothing: one bad row rejects the whole file; per_row: good rows are kept")] = "all_or_nothing",
) -> ImportReport:
    content = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"the file is over {MAX_UPLOAD_BYTES // 2**20} MiB")
    try:
        rows = position_import.read_rows(content, file.filename or "")
    except position_import.UnreadableUpload as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None

    created_ids: list[int] = []
    rejected: list[RejectedRow] = []
    for number, row in enumerate(rows, start=1):
        position, errors = position_import.check_row(row)
        if position is not None:
            try:
                with conn.transaction():  # a savepoint: a row the database refuses leaves no trace
                    created_ids.append(positions.insert_position(conn, user.institution_id, position.model_dump(exclude_none=True)))
            except psycopg.Error as exc:
                errors = [exc.diag.message_primary or str(exc)]
        if errors:
            rejected.append(RejectedRow(row=number, errors=errors))

    report = ImportReport(mode=mode, received=len(rows), created=len(created_ids), created_ids=created_ids, rejected=rejected)
    if mode == "all_or_nothing" and rejected:
        # Raising rolls the request's transaction back: none of the rows is kept.
        report.created, report.created_ids = 0, []
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, report.model_dump())
    return report
