"""Applications, the use cases: candidates apply and withdraw; HR offices move applications to their
positions through the funnel. Only the two parties see an application (the hub sees aggregates)."""
from models.taxonomy import stage_transition_error
from service.access import is_open_for_applications
from service.domain import Conflict, Forbidden, NotFound, not_found
from service.queries import Connection, applications, positions
from service.schemas.applications import ApplicationCreate, StageChange
from service.schemas.auth import UserRead


def _refuse_non_parties(user: UserRead) -> None:
    """Applications are seen by the candidate and the HR office only (deny by default: a new role sees none)."""
    if user.role == "hub":
        raise Forbidden("application.hub_sees_aggregates")
    if user.role not in ("candidate", "hr"):
        raise Forbidden("application.parties_only", role=user.role)


def get(conn: Connection, user: UserRead, application_id: int) -> dict:
    """The application if it is the user's own (candidate) or to their institution (HR, with who applied)."""
    _refuse_non_parties(user)
    row = applications.get_application(conn, application_id, with_candidate=user.role == "hr")
    if row is None or not (
        (user.role == "candidate" and row["candidate_id"] == user.candidate_id)
        or (user.role == "hr" and row["institution_id"] == user.institution_id)
    ):
        raise not_found("application", application_id)
    return row


def apply(conn: Connection, user: UserRead, body: ApplicationCreate) -> dict:
    """The candidate's application to an open position; Conflict when they applied already."""
    position = positions.get_position(conn, body.position_id)
    if position is None or not is_open_for_applications(position):
        raise NotFound("position.not_open", id=body.position_id)
    existing = applications.find_application(conn, body.position_id, user.own_candidate_id)
    if existing:
        raise Conflict("application.duplicate", id=existing["id"])
    application_id = applications.create_application(conn, body.position_id, user.own_candidate_id, body.cover_letter,
                                                        body.channel, user.id)
    created = applications.get_application(conn, application_id)
    assert created is not None  # inserted just above, in this transaction
    return created


def list_visible(conn: Connection, user: UserRead, *, position_id: int | None = None, stage: str | None = None,
                 limit: int = 50, offset: int = 0) -> dict:
    """The candidate's own applications, or those to the officer's institution (with who applied)."""
    _refuse_non_parties(user)
    rows, total = applications.list_applications(
        conn, candidate_id=user.candidate_id if user.role == "candidate" else None,
        institution_id=user.institution_id if user.role == "hr" else None,
        position_id=position_id, stage=stage, limit=limit, offset=offset,
    )
    if user.role == "hr":  # the office sees who applied, as on a single application
        applications.attach_candidates(conn, rows)
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


def events(conn: Connection, user: UserRead, application_id: int) -> list[dict]:
    get(conn, user, application_id)
    return applications.list_events(conn, application_id)


def refusal(current_stage: str, target: str, user: UserRead) -> Conflict | None:
    """Why this user may not move an application from ``current_stage`` to ``target`` (None when they may)."""
    problem = stage_transition_error(current_stage, target, user.role)
    return None if problem is None else Conflict(problem[0], **problem[1])


def change_stage(conn: Connection, user: UserRead, application_id: int, body: StageChange) -> dict:
    """Moves the application (HR) or withdraws it (candidate); a hire marks the position filled
    once all its openings are taken."""
    current = get(conn, user, application_id)
    problem = refusal(current["stage"], body.stage, user)
    if problem:
        raise problem
    moved = applications.change_stage(conn, application_id, current["stage"], body.stage,
                                      note=body.note, start_date=body.start_date, actor_user_id=user.id)
    if not moved:
        raise Conflict("application.changed_meanwhile")
    if body.stage == "hired":
        applications.mark_filled_when_complete(conn, current["position_id"])
    moved_row = applications.get_application(conn, application_id, with_candidate=user.role == "hr")
    assert moved_row is not None  # read and changed above, in this transaction
    return moved_row
