"""Shared request dependencies: the connection (the request's transaction), the signed-in user, and
what the lifespan opened (settings, embedder, salary models, the accounts' context), each read from the
app's state here only, so a test overrides it with ``app.dependency_overrides[get_...]``."""
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from psycopg_pool import ConnectionPool

from models.embeddings import Embedder as TextEmbedder
from service import accounts
from service.admission import admitted
from service.config import Settings
from service.domain import Forbidden, Unauthenticated, Unavailable
from service.forecast import ForecastModels
from service.jobs import JobRegistry
from service.queries import Connection, sessions
from service.salaries import SalaryModels
from service.schemas.auth import UserRead
from service.security import PasswordsBusy, claims_of_token


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
    if claims is None or user is None:  # user is None whenever claims is
        raise Unauthenticated("auth.token_invalid")
    request.state.session_id = claims.session_id  # for sign-out and password change
    return UserRead.model_validate(user)


OptionalUser = Annotated[UserRead | None, Depends(get_optional_user)]


def get_current_user(user: OptionalUser) -> UserRead:
    if user is None:
        raise Unauthenticated("auth.sign_in_first")
    return user


CurrentUser = Annotated[UserRead, Depends(get_current_user)]


def _require(roles: tuple[str, ...], code: str):
    def check(user: CurrentUser) -> UserRead:
        if user.role not in roles:
            raise Forbidden(code, role=user.role)
        return user
    return check


HubUser = Annotated[UserRead, Depends(_require(("hub",), "role.hub_only"))]
HROfficer = Annotated[UserRead, Depends(_require(("hr",), "role.hr_only"))]
CandidateUser = Annotated[UserRead, Depends(_require(("candidate",), "role.candidate_only"))]
# The administrator sets the deployment up (ecosystems, institutions, accounts) and sees no personal data.
AdminUser = Annotated[UserRead, Depends(_require(("admin",), "role.admin_only"))]
# Partner institutions join over an ecosystem's life: its hub office may add them too.
AdminOrHub = Annotated[UserRead, Depends(_require(("admin", "hub"), "role.admin_or_hub_only"))]


# --- what the lifespan opened, one dependency each ---

def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_embedder(request: Request) -> TextEmbedder:
    return request.app.state.embedder


def get_salary_models(request: Request) -> SalaryModels:
    return request.app.state.salaries


def get_forecasts(request: Request) -> ForecastModels:
    return request.app.state.forecasts


def get_pool(request: Request) -> ConnectionPool[Connection]:
    """The pool itself, for work that outlives the request (a background refit); requests use Conn."""
    return request.app.state.pool


def get_accounts(request: Request) -> accounts.Context:
    return request.app.state.accounts


def get_job_registry(request: Request) -> JobRegistry:
    return request.app.state.jobs


SettingsDep = Annotated[Settings, Depends(get_settings)]
Embedder = Annotated[TextEmbedder, Depends(get_embedder)]
SalaryModelsDep = Annotated[SalaryModels, Depends(get_salary_models)]
ForecastsDep = Annotated[ForecastModels, Depends(get_forecasts)]
AccountsContext = Annotated[accounts.Context, Depends(get_accounts)]
Pool = Annotated[ConnectionPool[Connection], Depends(get_pool)]
Jobs = Annotated[JobRegistry, Depends(get_job_registry)]


def get_client_address(request: Request) -> str:
    # Behind a reverse proxy, run uvicorn with --proxy-headers so this is the client's, not the proxy's.
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(get_client_address)]

BUSY_RETRY_AFTER_S = 5


async def _password_slot(ctx: AccountsContext) -> AsyncIterator[None]:
    """Waits on the event loop for a turn on the Argon2 threads, before the request takes a
    database connection: queued sign-ins hold neither a request thread nor a connection."""
    try:
        await ctx.passwords.take_turn()
    except PasswordsBusy:
        busy = Unavailable("auth.busy")
        busy.retry_after_s = BUSY_RETRY_AFTER_S
        raise busy from None
    try:
        yield
    finally:
        ctx.passwords.end_turn()


# Declared before Conn in a handler's parameters, so the turn comes before the connection.
PasswordTurn = Annotated[None, Depends(_password_slot, scope="function")]
