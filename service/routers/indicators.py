"""Impact indicators: partners and the hub record them with evidence; the hub reads and exports."""
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import PlainTextResponse
from pydantic import Field, field_validator

from models.indicators import RECORDED, parse_quarter
from service import indicators
from service.deps import Conn, CurrentUser, HubUser
from service.queries import indicators as queries
from service.queries import institutions
from service.schemas.common import FIRST_DAY, LAST_DAY, DatabaseId, Input, LongText, ShortText, check_day

router = APIRouter(tags=["indicators"])


class IndicatorRecord(Input):
    indicator: Literal[tuple(RECORDED)]
    quarter: str = Field(description="e.g. 2026-Q3")
    value: Annotated[float, Field(ge=0, le=1e13)]
    description: ShortText
    evidence: LongText = Field(description="where the figure can be checked: a contract, an invoice, a report")
    partner_ids: list[DatabaseId] = Field(default_factory=list, max_length=50,
                                          description="the partner institutions involved (synergy: at least two)")
    institution_id: DatabaseId | None = Field(default=None, description="hub only; HR officers record for their own")

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        quarter_start(value)
        return value


def quarter_start(text: str) -> date:
    """The first day of a quarter written like 2026-Q3, within the days the service reports on."""
    try:
        return check_day(parse_quarter(text))
    except ValueError:
        raise ValueError(f"write quarters like 2026-Q3, from {_quarter_of(FIRST_DAY)} to {_quarter_of(LAST_DAY)}") from None


def _quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@router.post("/indicators", status_code=status.HTTP_201_CREATED, summary="Record an impact indicator, with its evidence")
def record(conn: Conn, user: CurrentUser, body: IndicatorRecord) -> dict:
    if user.role not in ("hub", "hr"):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the hub and HR officers record impact indicators")
    institution_id = body.institution_id if user.role == "hub" else user.institution_id
    if user.role == "hr" and body.institution_id not in (None, user.institution_id):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you record indicators for your own institution only")
    family, code, unit = RECORDED[body.indicator]
    partners = sorted(set(body.partner_ids) | ({institution_id} if institution_id else set()))
    missing = [p for p in partners if institutions.get_institution(conn, p) is None]
    if missing:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"no institution with id {missing[0]}")
    if family == "synergy" and len(partners) < 2:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            "a collaboration needs at least two different partners: list them in partner_ids")
    row = queries.record(conn, {"family": family, "indicator": body.indicator, "eu_code": code,
                                "quarter": quarter_start(body.quarter), "value": body.value, "unit": unit,
                                "institution_id": institution_id, "partner_ids": partners,
                                "description": body.description, "evidence": body.evidence, "recorded_by": user.id})
    return row


@router.get("/hub/indicators", summary="Quarterly impact indicators (JSON or CSV), with EU codes where one fits")
def quarterly(
    conn: Conn, _: HubUser,
    first: Annotated[str, Query(alias="from", description="first quarter, e.g. 2025-Q1")],
    last: Annotated[str, Query(alias="to", description="last quarter, e.g. 2026-Q4")],
    format: Literal["json", "csv"] = "json",
):
    try:
        first_day, last_day = quarter_start(first), quarter_start(last)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    if first_day > last_day or (last_day.year - first_day.year) > 10:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "give from <= to, at most ten years apart")
    rows = indicators.series(conn, first_day, last_day)
    if format == "csv":
        return PlainTextResponse(indicators.as_csv(rows), media_type="text/csv",
                                 headers={"Content-Disposition": f'attachment; filename="indicators-{first}-{last}.csv"'})
    return {"from": first, "to": last, "rows": rows}
