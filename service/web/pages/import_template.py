"""The files an HR office fills in for the bulk import of positions (issue 14, item 5): the CSV's header
row with one example row, or a JSON list of one example, both what service.position_import reads. Kept
apart from the HR pages (service/web/pages/hr.py), which only link here."""
from datetime import date

from fastapi import APIRouter, Response

from service import position_import
from service.web.i18n import N_
from service.web.session import HRPage, PageError

router = APIRouter(prefix="/app/hr/import")


@router.get("/template.{kind}")
def import_template(user: HRPage, kind: str) -> Response:
    if kind not in ("csv", "json"):
        raise PageError(404, N_("There is no such template."))
    today = date.today()
    body = position_import.template_csv(today) if kind == "csv" else position_import.template_json(today)
    return Response(body.encode(), media_type="text/csv; charset=utf-8" if kind == "csv" else "application/json",
                    headers={"Content-Disposition": f'attachment; filename="positions-template.{kind}"'})
