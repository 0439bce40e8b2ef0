"""Sign-in (OAuth2 password flow), sessions, passwords and candidate self-registration."""
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from service import accounts
from service.deps import AccountsContext, ClientAddress, Conn, CurrentUser, PasswordTurn
from service.domain import Unauthenticated
from service.errors import refusal
from service.messages import Message, english, for_api
from service.schemas.auth import PasswordChange, ResetConfirm, ResetRequest, Token, UserRead
from service.schemas.candidates import CandidateRegister

router = APIRouter(prefix="/auth", tags=["auth"])


def session_id(request: Request) -> str:
    return request.state.session_id  # set by get_optional_user with the signed-in user


_ERRORS: dict[int | str, dict[str, Any]] = {  # FastAPI's type of ``responses``
    429: {"description": "Too many attempts; wait for Retry-After seconds"},
    503: {"description": "Too many password checks queued; retry after Retry-After seconds"},
}


@router.post("/token", response_model=Token, summary="Sign in with email (as username) and password",
             responses={401: {"description": "Wrong email or password"}, **_ERRORS})
def sign_in(_: PasswordTurn, conn: Conn, ctx: AccountsContext, address: ClientAddress,
            form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    token = accounts.sign_in(conn, ctx, form.username, form.password, address)  # throttled: 429 (service.errors)
    if token is None:  # answered, not raised: the failure just counted must be committed
        return refusal(Unauthenticated("auth.wrong_credentials"))
    return Token(access_token=token)


@router.post("/register", response_model=Token, status_code=status.HTTP_201_CREATED,
             summary="Register as a candidate; returns a token for the new account",
             responses={409: {"description": "The email has an account already"}, **_ERRORS})
def register(_: PasswordTurn, conn: Conn, ctx: AccountsContext, address: ClientAddress, body: CandidateRegister):
    try:
        return Token(access_token=accounts.register(conn, ctx, body, address))
    except accounts.EmailTaken as exc:
        return refusal(exc)  # answered, not raised: the attempt counted is committed


@router.get("/me", response_model=UserRead, summary="Who the token belongs to")
def me(user: CurrentUser) -> UserRead:
    return user


@router.post("/signout", status_code=status.HTTP_204_NO_CONTENT, summary="End this token's session at once")
def sign_out(request: Request, conn: Conn, user: CurrentUser) -> Response:
    accounts.sign_out(conn, session_id(request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/signout-everywhere", status_code=status.HTTP_204_NO_CONTENT,
             summary="End every session of your account, this one included")
def sign_out_everywhere(conn: Conn, user: CurrentUser) -> Response:
    accounts.sign_out_everywhere(conn, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT,
             summary="Change your password; every other session of your account ends",
             responses={403: {"description": "The current password is wrong"}, 503: _ERRORS[503]})
def change_password(request: Request, _: PasswordTurn, conn: Conn, ctx: AccountsContext, user: CurrentUser,
                    body: PasswordChange) -> Response:
    accounts.change_password(conn, ctx, user.id, session_id(request), body.current_password,
                             body.new_password)  # a wrong current password: 403 (service.errors)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


RESET_REQUESTED = Message("auth.reset_requested")


@router.post("/reset-request", status_code=status.HTTP_202_ACCEPTED, responses={429: _ERRORS[429]},
             summary="E-mail a single-use link to choose a new password (the same answer whether the account exists)")
def request_reset(conn: Conn, ctx: AccountsContext, address: ClientAddress, body: ResetRequest) -> dict:
    accounts.request_reset(conn, ctx, body.email, address)  # throttled: 429 (service.errors)
    return {"detail": english(RESET_REQUESTED)} | for_api(RESET_REQUESTED)


@router.post("/reset", status_code=status.HTTP_204_NO_CONTENT, responses={400: {"description": "Unknown, used or expired token"}},
             summary="Choose a new password with the e-mailed token; every session of the account ends")
def confirm_reset(_: PasswordTurn, conn: Conn, ctx: AccountsContext, body: ResetConfirm) -> Response:
    accounts.confirm_reset(conn, ctx, body.token, body.new_password)  # a bad token: 400 (service.errors)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
