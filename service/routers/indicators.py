"""Impact indicators: partners and the hub record them with evidence; the hub reads and exports (service.indicators)."""
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status
from fastapi.responses import PlainTextResponse

from service import indicators
from service.deps import Conn, CurrentUser, HubUser
from service.schemas.indicators import IndicatorRecord

router = APIRouter(tags=["indicators"])


@router.post("/indicators", status_code=status.HTTP_201_CREATED, summary="Record an impact indicator, with its evidence")
def record(conn: Conn, user: CurrentUser, body: IndicatorRecord) -> dict:
    return indicators.record(conn, user, body)


@router.get("/hub/indicators", summary="Quarterly impact indicators (JSON or CSV), with EU codes where one fits")
def quarterly(
    conn: Conn, user: HubUser,
    first: Annotated[str, Query(alias="from", description="first quarter, e.g. 2025-Q1")],
    last: Annotated[str, Query(alias="to", description="last quarter, e.g. 2026-Q4")],
    format: Literal["json", "csv"] = "json",
):
    rows = indicators.quarterly(conn, user, first, last)
    if format == "csv":
        return PlainTextResponse(indicators.as_csv(rows), media_type="text/csv",
                                 headers={"Content-Disposition": f'attachment; filename="indicators-{first}-{last}.csv"'})
    return {"from": first, "to": last, "rows": rows}
