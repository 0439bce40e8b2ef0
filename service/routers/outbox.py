"""The mail outbox as admins and the hub see it: messages by status and the ones that failed for good."""
from typing import Annotated

from fastapi import APIRouter, Query

from service import outbox
from service.deps import AdminOrHub, Conn
from service.schemas.alerts import OutboxReport
from service.schemas.common import MAX_OFFSET

router = APIRouter(prefix="/outbox", tags=["outbox"])


@router.get("", response_model=OutboxReport, summary="E-mails by status, and the failed ones (without their text)")
def report(conn: Conn, user: AdminOrHub, limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> dict:
    """The hub sees a failed message's recipient masked (its domain only); an administrator sees it whole."""
    return outbox.report(conn, limit, offset, mask_recipients=user.role != "admin")
