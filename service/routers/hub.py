"""The hub's aggregate view. People counts under 5 are suppressed (models.privacy)."""
from fastapi import APIRouter

from models.privacy import SMALL_CELL_THRESHOLD, suppress_small_cells
from service.deps import Conn, HubUser
from service.queries import hub

router = APIRouter(prefix="/hub", tags=["hub"])


@router.get("/overview", summary="Positions by status, applications by stage, hires by institution")
def overview(conn: Conn, _: HubUser) -> dict:
    applications = hub.applications_by_stage(conn)
    hires = hub.hires_by_institution(conn)
    return {
        "positions_by_status": hub.positions_by_status(conn),
        "candidates": hub.count_candidates(conn),
        "applications_total": sum(applications.values()),
        "applications_by_stage": suppress_small_cells(applications),
        "hires_total": sum(hires.values()),
        "hires_by_institution": suppress_small_cells(hires),
        "suppressed_below": SMALL_CELL_THRESHOLD,
    }
