"""An HR office judges the applications to its positions, the use cases: the review of one application
(profile, CV, cover letter, fit, history, rating), its rating, and stage changes of several at once."""
from service import applications, matching
from service.domain import Conflict, DomainError, Forbidden, NotFound
from service.messages import Message
from service.queries import Connection, cv_files, reviews
from service.schemas.applications import StageChange
from service.schemas.auth import UserRead
from service.schemas.reviews import BulkStageChange, RatingChange

POSITION_ORDERS = tuple(reviews.POSITION_ORDERS)  # newest, applications, deadline


def office_positions(conn: Connection, user: UserRead, *, status: str | None, order: str, limit: int,
                     offset: int) -> dict:
    """A page of the officer's institution's positions, each with how many applied (and how many are
    still in the funnel), in the order asked (one of POSITION_ORDERS)."""
    if user.role != "hr":
        raise Forbidden("review.hr_only", role=user.role)
    rows, total = reviews.office_positions(conn, user.own_institution_id, status=status, order=order,
                                           limit=limit, offset=offset)
    return {"items": rows, "total": total, "limit": limit, "offset": offset}


class BulkRefused(Conflict):
    """One application of a bulk action cannot change: nothing changed. ``reason`` is why that one cannot."""

    def __init__(self, application_id: int, name: str, reason: Message):
        self.reason = reason
        super().__init__("application.bulk_refused", application_id=application_id, name=name,
                         reason_code=reason.code, reason_params=dict(reason.params))


def _office_application(conn: Connection, user: UserRead, application_id: int) -> dict:
    """An application to the officer's institution (others: not found, as for a single application)."""
    if user.role != "hr":
        raise Forbidden("review.hr_only", role=user.role)
    return applications.get(conn, user, application_id)


def review(conn: Connection, user: UserRead, application_id: int, options: matching.MatchOptions) -> dict:
    """Everything the office weighs: the application, the candidate's whole profile and CV file (as
    metadata), the fit explained as in the ranking, the history with who moved it, and the rating."""
    application = _office_application(conn, user, application_id)
    candidate_id = application["candidate_id"]
    return {
        "application": application,
        "profile": reviews.applicant_profile(conn, candidate_id) if candidate_id else None,
        "cv_file": cv_files.metadata(conn, candidate_id) if candidate_id else None,
        "explanation": matching.candidate_fit(conn, application["position_id"], candidate_id, options) if candidate_id else None,
        "history": reviews.history(conn, application_id),
        "rating": reviews.rating_of(conn, application_id) | {"application_id": application_id},
    }


def rate(conn: Connection, user: UserRead, application_id: int, body: RatingChange) -> dict:
    """Sets (or clears) the office's rating of the application; an erased candidate's is not rated."""
    application = _office_application(conn, user, application_id)
    if application["candidate_id"] is None:
        raise Conflict("review.erased")
    reviews.set_rating(conn, application_id, body.rating, user.id)
    return reviews.rating_of(conn, application_id) | {"application_id": application_id}


def ratings(conn: Connection, user: UserRead, application_ids: list[int]) -> dict[int, int]:
    """The ratings of applications the caller has just listed as the office's own."""
    if user.role != "hr":
        raise Forbidden("review.hr_only", role=user.role)
    return reviews.ratings_of(conn, application_ids)


def bulk_change(conn: Connection, user: UserRead, body: BulkStageChange, *, position_id: int | None = None) -> list[dict]:
    """Moves every application given through the one-by-one use case (so every rule holds), all or
    nothing: the first that cannot move refuses the whole action, naming it and why. ``position_id``:
    only applications to that position (a board's action)."""
    if user.role != "hr":
        raise Forbidden("review.hr_only", role=user.role)
    moved = []
    with conn.transaction():  # a savepoint: a refusal half-way undoes the moves before it
        for application_id in body.application_ids:
            try:
                if position_id is not None and applications.get(conn, user, application_id)["position_id"] != position_id:
                    raise Conflict("review.other_position", position_id=position_id)
                moved.append(applications.change_stage(conn, user, application_id,
                                                       StageChange(stage=body.stage, note=body.note)))
            except NotFound:  # another office's, or none: not found, as for a single application
                raise
            except DomainError as exc:
                raise BulkRefused(application_id, _name_of(conn, user, application_id), exc.message) from exc
    return moved


def _name_of(conn: Connection, user: UserRead, application_id: int) -> str:
    """The applicant's name for a refusal (the office sees it), or the application's number once erased."""
    candidate = applications.get(conn, user, application_id).get("candidate") or {}
    return candidate.get("full_name") or f"#{application_id}"
