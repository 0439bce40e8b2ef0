"""The hub's aggregate view (service.hub). Counts of people are protected by models.privacy (hidden as null)."""
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Body, Query, status

from service import allocation, attraction, gap, hub
from service.deps import Conn, Embedder, HubUser, Jobs
from service.schemas.common import ReportDay

router = APIRouter(prefix="/hub", tags=["hub"])

if TYPE_CHECKING:  # a Literal built from data is beyond mypy: to it the cuts are plain strings
    AttractionCut = str
    GapCut = str
else:
    AttractionCut = Literal[attraction.CUTS]
    GapCut = Literal[gap.CUTS]


@router.get("/overview", summary="Positions by status, applications by stage, hires by institution")
def overview(conn: Conn, user: HubUser) -> dict:
    """Positions are not people and are shown whole; counts of people are protected
    (models.privacy; a hidden count is null) together with their totals."""
    return hub.overview_report(conn, user)


@router.get("/attracted", summary="Attracted talent: hires by origin class, by a cut, with the PNRR quotas")
def attracted(
    conn: Conn, user: HubUser,
    start_from: Annotated[ReportDay | None, Query(description="hires starting on or after; default two years ago")] = None,
    start_to: Annotated[ReportDay | None, Query(description="hires starting on or before; default today")] = None,
    by: Annotated[AttractionCut, Query(description="the cut")] = "institution",
) -> dict:
    return hub.attracted(conn, user, start_from, start_to, by)


@router.get("/channels", summary="Which channel works: applications, hires and attracted hires by channel, by quarter")
def channels(
    conn: Conn, user: HubUser,
    start: Annotated[ReportDay | None, Query(description="first day; default a year ago")] = None,
    end: Annotated[ReportDay | None, Query(description="last day; default today")] = None,
) -> dict:
    """The channel is the one named by the link a candidate followed (portal XML, JSON-LD, feed, alert,
    invitation); direct when none. Counts of people are protected like every hub figure (null when hidden)."""
    return hub.channel_report(conn, user, start, end)


@router.get("/gap", summary="The hiring gap: opened, filled, unfilled, rates and monthly series, by a cut")
def hiring_gap(
    conn: Conn, user: HubUser,
    start: Annotated[ReportDay | None, Query(description="first day; default a year ago")] = None,
    end: Annotated[ReportDay | None, Query(description="last day; default today")] = None,
    by: Annotated[GapCut, Query(description="the cut")] = "institution",
) -> dict:
    return hub.hiring_gap(conn, user, start, end, by)


@router.post("/allocation", summary="Allocate active candidates to open positions ecosystem-wide; what stays unfilled and why")
def run_allocation(
    conn: Conn, user: HubUser, embedder: Embedder,
    salary_raise: Annotated[float, Query(ge=0, le=2, description="what if every salary rose by this share (0.1 = +10%)")] = 0.0,
    widen_abroad: Annotated[bool, Query(description="what if candidates abroad would move anywhere in the ecosystem")] = False,
) -> dict:
    """Positions are shown by id and counts only: the allocation's candidates stay anonymous to the hub."""
    return hub.run_allocation(conn, user, embedder.name, salary_raise=salary_raise, widen_abroad=widen_abroad)


@router.post("/allocation/runs", status_code=status.HTTP_202_ACCEPTED,
             summary="Start the allocation as a background job; poll GET /jobs/{id} for its progress and result")
def queue_allocation(conn: Conn, user: HubUser, registry: Jobs,
                     what_if: Annotated[allocation.WhatIf, Body(description="the what-if levers; {} for none")]) -> dict:
    """Answers at once with the queued job (the same job when a run with these levers is already queued or
    running). Its result is the allocation's answer, as ``POST /hub/allocation`` gives it, plus ``timings_s``."""
    return allocation.queue_run(conn, registry, user, what_if)


@router.get("/allocation/runs/latest", summary="The newest allocation run (any status), or null when none was started")
def latest_allocation(conn: Conn, user: HubUser) -> dict | None:
    return allocation.latest_run(conn, user)
