"""Invitations to apply, the use cases: an HR office invites a candidate from a position's ranking; the
candidate sees it beside their applications and may turn invitations off in their profile."""
from service import outbox, positions
from service.access import is_open_for_applications
from service.domain import Conflict, not_found
from service.invitation_mail import compose
from service.queries import Connection, applications
from service.queries import invitations as queries
from service.schemas.auth import UserRead
from service.schemas.invitations import InvitationCreate


def invite(conn: Connection, user: UserRead, position_id: int, body: InvitationCreate, public_url: str) -> dict:
    """The new invitation; its e-mail to the candidate is queued in the same transaction (service.outbox)."""
    position = positions.own(conn, user, position_id)
    if not is_open_for_applications(position):
        raise Conflict("invitation.position_not_open", position_id=position_id)
    candidate = queries.invitee(conn, body.candidate_id)
    if candidate is None:
        raise not_found("candidate", body.candidate_id)
    if not candidate["accepts_invitations"]:
        raise Conflict("invitation.turned_off")
    if applications.find_application(conn, position_id, body.candidate_id):
        raise Conflict("invitation.already_applied")
    invitation_id = queries.create(conn, position_id, body.candidate_id, user.id, body.message)
    if invitation_id is None:
        raise Conflict("invitation.duplicate")
    invitation = queries.get(conn, invitation_id)
    assert invitation is not None  # inserted just above, in this transaction
    subject, text = compose(public_url, candidate["language"], invitation, candidate)
    outbox.enqueue(conn, to=candidate["email"], subject=subject, text=text, kind="invite",
                   dedupe_key=f"invite:{invitation_id}")
    return invitation


def of_position(conn: Connection, user: UserRead, position_id: int) -> list[dict]:
    """Whom the office invited to its position, newest first."""
    positions.own(conn, user, position_id)
    return queries.of_position(conn, position_id)


def mine(conn: Connection, user: UserRead) -> list[dict]:
    """The candidate's own invitations, newest first."""
    return queries.of_candidate(conn, user.own_candidate_id)
