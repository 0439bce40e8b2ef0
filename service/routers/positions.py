"""Positions: anyone may search open ones; HR offices write their own institution's (service.positions)."""
from typing import Annotated

from fastapi import APIRouter, Query, UploadFile, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from service import position_import
from service import positions as use_cases
from service.deps import Conn, HROfficer, OptionalUser, SalaryModelsDep
from service.errors import domain_answer
from service.schemas.common import DatabaseId, Page
from service.schemas.positions import ImportRefused, ImportReport, PositionCreate, PositionFilters, PositionRead, PositionUpdate

MAX_JSON_BYTES = 1024 * 1024  # a position is at most a few tens of kB
MAX_UPLOAD_BYTES = use_cases.MAX_UPLOAD_BYTES
_MULTIPART_BYTES = 64 * 1024  # the form's boundaries and headers around the file

router = APIRouter(prefix="/positions", tags=["positions"], max_body_size=MAX_JSON_BYTES)


@router.get("", response_model=Page[PositionRead], summary="Search positions (anonymous users see open ones)")
def list_positions(conn: Conn, user: OptionalUser, filters: Annotated[PositionFilters, Query()]) -> dict:
    return use_cases.list_visible(conn, user, filters)


@router.get("/{position_id}", response_model=PositionRead)
def get_position(conn: Conn, user: OptionalUser, position_id: DatabaseId) -> dict:
    return use_cases.readable(conn, user, position_id)


@router.post("", response_model=PositionRead, status_code=status.HTTP_201_CREATED,
             summary="Post a position for your institution")
def create_position(conn: Conn, user: HROfficer, models: SalaryModelsDep, body: PositionCreate) -> dict:
    return use_cases.create(conn, user, body, models)


@router.patch("/{position_id}", response_model=PositionRead, summary="Change some fields of your institution's position",
              description="The whole position is checked again after the change: a 422 lists its field errors "
                          "as for a request's own fields.")
def update_position(conn: Conn, user: HROfficer, models: SalaryModelsDep, position_id: DatabaseId,
                    body: PositionUpdate) -> dict:
    return use_cases.update(conn, user, position_id, body, models)


@router.post("/import", response_model=ImportReport,
             summary="Import positions for your institution from a CSV or JSON file",
             description=position_import.__doc__, max_body_size=MAX_UPLOAD_BYTES + _MULTIPART_BYTES,
             responses={422: {"model": ImportRefused, "description": "The file, or (all_or_nothing) a row, was refused"}})
def import_positions(
    conn: Conn, user: HROfficer, models: SalaryModelsDep, file: UploadFile,
    mode: Annotated[use_cases.ImportMode, Query(
        description="all_or_nothing: one bad row rejects the whole file; per_row: good rows are kept")] = "all_or_nothing",
) -> ImportReport | JSONResponse:
    content = use_cases.read_upload(file.file)
    try:
        return use_cases.import_file(conn, user, content, file.filename or "", mode, models)
    except use_cases.ImportRejected as exc:  # nothing was kept (the use case rolled its rows back)
        return JSONResponse(domain_answer(exc) | {"detail": jsonable_encoder(exc.report)},
                            status.HTTP_422_UNPROCESSABLE_CONTENT)
