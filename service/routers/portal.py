"""The MUR calls portal's XML (rmp.dtd): export an institution's open positions, import a file of calls."""
from typing import Annotated

from fastapi import APIRouter, Query, UploadFile, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from service import positions
from service.deps import Conn, CurrentUser, HROfficer, SalaryModelsDep, SettingsDep
from service.errors import domain_answer
from service.portal import calls, reading
from service.schemas.common import DatabaseId
from service.schemas.positions import ImportRefused, ImportReport

_MULTIPART_BYTES = 64 * 1024  # the form's boundaries and headers around the file
XML = "application/xml"

router = APIRouter(tags=["portal"])


@router.get("/institutions/{institution_id}/positions.xml", response_class=Response,
            summary="The institution's open positions as the MUR calls portal's XML (rmp.dtd)",
            description="For the institution's HR officers and the hub office. Each call's application-website is "
                        "its page on ecotalent, marked as coming from the portal.",
            responses={200: {"content": {XML: {}}, "description": "a job-opportunity document"}})
def export_positions(conn: Conn, user: CurrentUser, settings: SettingsDep, institution_id: DatabaseId) -> Response:
    document = calls.export_xml(conn, user, institution_id, settings.public_url)
    return Response(document, media_type=XML,
                    headers={"Content-Disposition": f'attachment; filename="positions-{institution_id}.xml"'})


@router.post("/institutions/{institution_id}/positions.xml", response_model=ImportReport,
             summary="Import the MUR calls portal's XML (rmp.dtd) into your institution's positions",
             description=reading.__doc__, max_body_size=positions.MAX_UPLOAD_BYTES + _MULTIPART_BYTES,
             responses={422: {"model": ImportRefused, "description": "The file, or (all_or_nothing) a call, was refused"}})
def import_positions(
    conn: Conn, user: HROfficer, models: SalaryModelsDep, institution_id: DatabaseId, file: UploadFile,
    mode: Annotated[positions.ImportMode, Query(
        description="all_or_nothing: one bad call rejects the whole file; per_row: good calls are kept")] = "all_or_nothing",
) -> ImportReport | JSONResponse:
    content = positions.read_upload(file.file)
    try:
        return calls.import_xml(conn, user, institution_id, content, mode, models)
    except positions.ImportRejected as exc:  # nothing was kept (the use case rolled its rows back)
        return JSONResponse(domain_answer(exc) | {"detail": jsonable_encoder(exc.report)},
                            status.HTTP_422_UNPROCESSABLE_CONTENT)
