"""The hub's aggregate view. Counts of people are protected by models.privacy (hidden as null)."""
from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, status

from service import allocation, attraction, gap
from service import overview as overview_service
from service.deps import Conn, HubUser
from service.schemas.common import FIRST_DAY, ReportDay, check_day

router = APIRouter(prefix="/hub", tags=["hub"])


@router.get("/overview", summary="Positions by status, applications by stage, hires by institution")
def overview(conn: Conn, _: HubUser) -> dict:
    """Positions are not people and are shown whole; counts of people are protected
    (models.privacy; a hidden count is null) together with their totals."""
    return overview_service.report(conn)


def _period(first: date | None, last: date | None, default_days: int) -> tuple[date, date]:
    """The period asked for: up to today and back ``default_days`` unless given; at most ten years.
    The pages call this with the days they read, so the range is checked here too."""
    last = last or date.today()
    first = first or max(last - timedelta(days=default_days), FIRST_DAY)
    try:
        check_day(first), check_day(last)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    if first > last:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"the period starts ({first}) after it ends ({last})")
    if (last - first).days > 3660:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "ask for at most ten years at a time")
    return first, last


@router.get("/attracted", summary="Attracted talent: hires by origin class, by a cut, with the PNRR quotas")
def attracted(
    conn: Conn, _: HubUser,
    start_from: Annotated[ReportDay | None, Query(description="hires starting on or after; default two years ago")] = None,
    start_to: Annotated[ReportDay | None, Query(description="hires starting on or before; default today")] = None,
    by: Annotated[Literal[attraction.CUTS], Query(description="the cut")] = "institution",
) -> dict:
    start_from, start_to = _period(start_from, start_to, default_days=730)
    return attraction.report(conn, start_from, start_to, by)


@router.get("/gap", summary="The hiring gap: opened, filled, unfilled, rates and monthly series, by a cut")
def hiring_gap(
    conn: Conn, _: HubUser,
    start: Annotated[ReportDay | None, Query(description="first day; default a year ago")] = None,
    end: Annotated[ReportDay | None, Query(description="last day; default today")] = None,
    by: Annotated[Literal[gap.CUTS], Query(description="the cut")] = "institution",
) -> dict:
    start, end = _period(start, end, default_days=365)
    return gap.report(conn, start, end, by)


@router.post("/allocation", summary="Allocate active candidates to open positions ecosystem-wide; what stays unfilled and why")
def run_allocation(
    request: Request, conn: Conn, _: HubUser,
    salary_raise: Annotated[float, Query(ge=0, le=2, description="what if every salary rose by this share (0.1 = +10%)")] = 0.0,
    widen_abroad: Annotated[bool, Query(description="what if candidates abroad would move anywhere in the ecosystem")] = False,
) -> dict:
    """Positions are shown by id and counts only: the allocation's candidates stay anonymous to the hub."""
    return allocation.run(conn, request.app.state.embedder.name, salary_raise=salary_raise, widen_abroad=widen_abroad)
