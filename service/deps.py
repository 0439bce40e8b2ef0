"""Shared request dependencies: the connection (the request's transaction) and the signed-in user."""
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from psycopg import Connection

from service.admission import admitted
from service.queries import sessions
from service.schemas.auth import UserRead
from service.security import claims_of_token


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
    """The user of a well-signed token with an expiry whose server-side session is live (one query)."""
    if token is None:
        return None
    claims = claims_of_token(token, request.app.state.signing_key)
    user = sessions.user_of_session(conn, claims.user_id, claims.session_id) if claims else None
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the access token is invalid, has expired or was signed out: sign in again at POST /auth/token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    request.state.session_id = claims.session_id  # for sign-out and password change
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


def _require(roles: tuple[str, ...], what: str):
    def check(user: CurrentUser) -> UserRead:
        if user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"only {what} can do this; you are signed in as '{user.role}'")
        return user
    return check


HubUser = Annotated[UserRead, Depends(_require(("hub",), "the hub office"))]
HROfficer = Annotated[UserRead, Depends(_require(("hr",), "an HR officer"))]
CandidateUser = Annotated[UserRead, Depends(_require(("candidate",), "a candidate"))]
# The administrator sets the deployment up (ecosystems, institutions, accounts) and sees no personal data.
AdminUser = Annotated[UserRead, Depends(_require(("admin",), "an administrator"))]
# Partner institutions join over an ecosystem's life: its hub office may add them too.
AdminOrHub = Annotated[UserRead, Depends(_require(("admin", "hub"), "an administrator or the hub office"))]


def not_found(what: str, identifier: int) -> HTTPException:
    """The same answer for 'does not exist' and 'not yours to see', so ids cannot be probed."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"{what} {identifier} does not exist or is not visible to you")
