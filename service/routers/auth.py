"""Sign-in (OAuth2 password flow) and candidate self-registration."""
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from service.deps import Conn, CurrentUser
from service.queries import candidates, users
from service.schemas.auth import Token, UserRead
from service.schemas.candidates import CandidateRegister
from service.security import create_access_token, hash_password, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])


def _token_for(request: Request, user_id: int) -> Token:
    settings = request.app.state.settings
    return Token(access_token=create_access_token(user_id, request.app.state.signing_key, settings.token_ttl_minutes))


@router.post("/token", response_model=Token, summary="Sign in with email (as username) and password")
def sign_in(request: Request, conn: Conn, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    user = users.get_user_by_email(conn, form.username)
    if user is None or not verify_password(form.password, user["password_hash"]):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "wrong email or password", headers={"WWW-Authenticate": "Bearer"}
        )
    return _token_for(request, user["id"])


@router.post("/register", response_model=Token, status_code=status.HTTP_201_CREATED,
             summary="Register as a candidate; returns a token for the new account")
def register(request: Request, conn: Conn, body: CandidateRegister) -> Token:
    if users.get_user_by_email(conn, body.email):
        raise HTTPException(status.HTTP_409_CONFLICT, f"an account with email {body.email} exists already: sign in instead")
    candidate_id = candidates.create_candidate(conn, body.full_name, body.email)
    user = users.create_user(conn, body.email, hash_password(body.password), "candidate", candidate_id=candidate_id)
    return _token_for(request, user["id"])


@router.get("/me", response_model=UserRead, summary="Who the token belongs to")
def me(user: CurrentUser) -> UserRead:
    return user
