"""Invitations to apply: HR offices invite candidates from a position's ranking (service.invitations)."""
from fastapi import APIRouter, status

from service import invitations
from service.deps import CandidateUser, Conn, HROfficer, SettingsDep
from service.schemas.common import DatabaseId
from service.schemas.invitations import InvitationCreate, InvitationRead

router = APIRouter(tags=["invitations"])


@router.post("/positions/{position_id}/invitations", response_model=InvitationRead, status_code=status.HTTP_201_CREATED,
             summary="Invite a candidate to apply to your institution's open position (they get an e-mail)")
def invite(conn: Conn, user: HROfficer, settings: SettingsDep, position_id: DatabaseId, body: InvitationCreate) -> dict:
    return invitations.invite(conn, user, position_id, body, settings.public_url)


@router.get("/positions/{position_id}/invitations", response_model=list[InvitationRead],
            summary="Whom your office invited to this position, newest first")
def position_invitations(conn: Conn, user: HROfficer, position_id: DatabaseId) -> list[dict]:
    return invitations.of_position(conn, user, position_id)


@router.get("/candidates/me/invitations", response_model=list[InvitationRead],
            summary="The invitations to apply you received, newest first (turn them off with accepts_invitations)")
def my_invitations(conn: Conn, user: CandidateUser) -> list[dict]:
    return invitations.mine(conn, user)
