"""The hub's aggregate view. Counts of people under 5 are suppressed (models.privacy)."""
from fastapi import APIRouter

from models.privacy import SMALL_CELL_THRESHOLD, publish_counts
from service.deps import Conn, HubUser
from service.queries import hub

router = APIRouter(prefix="/hub", tags=["hub"])


@router.get("/overview", summary="Positions by status, applications by stage, hires by institution")
def overview(conn: Conn, _: HubUser) -> dict:
    """Positions are not people and are shown whole; counts of people pass through small-cell
    suppression (a hidden count is null) with their totals."""
    return {
        "positions_by_status": hub.positions_by_status(conn),
        "candidates": publish_counts({"all": hub.count_candidates(conn)})["total"],
        "applications": publish_counts(hub.applications_by_stage(conn)),
        "hires": publish_counts(hub.hires_by_institution(conn)),
        "suppressed_below": SMALL_CELL_THRESHOLD,
    }
