"""Shared request dependencies: the connection (the request's transaction) and the signed-in user."""
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from psycopg import Connection

from service.admission import admitted
from service.queries import users
from service.schemas.auth import UserRead
from service.security import user_id_from_token


def get_conn(request: Request, _slot: Annotated[None, Depends(admitted, scope="function")]) -> Iterator[Connection]:
    """One pooled connection per request; it commits when the handler returns, rolls back if it raises.
    The request is admitted first (service.admission), so the connection is free and no thread waits for it."""
    with request.app.state.pool.connection() as conn:
        yield conn


# scope="function": commit before the response is sent, so a client never sees a success
# for a write that then fails to commit.
Conn = Annotated[Connection, Depends(get_conn, scope="function")]

_oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


def get_optional_user(request: Request, conn: Conn, token: Annotated[str | None, Depends(_oauth2)]) -> UserRead | None:
    if token is None:
        return None
    user_id = user_id_from_token(token, request.app.state.signing_key)
    user = users.get_user(conn, user_id) if user_id is not None else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the access token is invalid or has expired: sign in again at POST /auth/token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return UserRead.model_validate(user)


OptionalUser = Annotated[UserRead | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> UserRead:
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "sign in first: POST /auth/token with your email and password, then send the token as 'Authorization: Bearer ...'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[UserRead, Depends(get_current_user)]


def _require(role: str, what: str):
    def check(user: CurrentUser) -> UserRead:
        if user.role != role:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"only {what} can do this; you are signed in as '{user.role}'")
        return user
    return check


HubUser = Annotated[UserRead, Depends(_require("hub", "the hub office"))]
HROfficer = Annotated[UserRead, Depends(_require("hr", "an HR officer"))]
CandidateUser = Annotated[UserRead, Depends(_require("candidate", "a candidate"))]


def not_found(what: str, identifier: int) -> HTTPException:
    """The same answer for 'does not exist' and 'not yours to see', so ids cannot be probed."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} {identifier} does not exist or is not visible to you")
