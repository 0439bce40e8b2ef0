"""Who may see which position: the rules in one place, for routers and pages alike."""
from datetime import date

from models.taxonomy import position_is_open
from service.schemas.auth import UserRead


def position_visibility(user: UserRead | None) -> dict:
    """Hub: every position. HR: open ones and all of its own institution's. Others: open ones.
    Returned as the keyword arguments of queries.positions.list_positions."""
    return {"see_all": user is not None and user.role == "hub",
            "own_institution_id": user.institution_id if user is not None and user.role == "hr" else None}


def is_open_for_applications(position: dict) -> bool:
    """queries.positions.PUBLIC for a position already loaded (models.taxonomy.position_is_open)."""
    return position_is_open(position["status"], position["deadline"], date.today())


def can_read_position(user: UserRead | None, position: dict) -> bool:
    visibility = position_visibility(user)
    return (visibility["see_all"] or is_open_for_applications(position)
            or position["institution_id"] == visibility["own_institution_id"])
