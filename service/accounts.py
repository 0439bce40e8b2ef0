"""Sign-in, sessions, password changes and resets, and the throttling that guards them.

Plain functions on a connection, called by the API (service/routers/auth.py) and the pages
(service/web/pages/account.py); each raises a domain error that the caller words for its audience.
"""
import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from service.config import Settings
from service.domain import BadToken, Conflict, Forbidden, TooManyAttempts
from service.mail import Mailer, mailer_for
from service.queries import Connection, candidates, sessions, users
from service.schemas.candidates import CandidateRegister
from service.security import PasswordWorkers, create_access_token, new_secret, session_expiry

log = logging.getLogger("ecotalent.accounts")

RESETS_PER_ACCOUNT = 3  # per throttle window: enough for a lost e-mail, too few to flood a mailbox


class Throttled(TooManyAttempts):
    """Too many attempts from this address or for this account; try again in ``retry_after_s``."""


class EmailTaken(Conflict):
    """Registration with an e-mail that has an account already (of any role)."""

    def __init__(self) -> None:
        super().__init__("auth.email_taken", field="email")


class WrongPassword(Forbidden):
    """The current password given to change it is wrong."""

    def __init__(self) -> None:
        super().__init__("auth.wrong_password", field="current_password")


class InvalidResetToken(BadToken):
    """The reset token is unknown, used already or expired."""

    def __init__(self) -> None:
        super().__init__("auth.reset_token_invalid", field="token")


@dataclass(frozen=True)
class Context:
    """What the use cases need from the running service."""
    settings: Settings
    signing_key: str
    passwords: PasswordWorkers
    mailer: Mailer

    def close(self) -> None:
        self.passwords.close()


def open_context(settings: Settings, signing_key: str) -> Context:
    return Context(settings, signing_key, PasswordWorkers(settings.password_hash_workers, settings.password_queue_max),
                   mailer_for(settings))


def _check(conn: Connection, settings: Settings, limits: dict[str, int]) -> None:
    """Raises Throttled when any subject has reached its limit in the window."""
    window_s = settings.throttle_window_minutes * 60
    waits = []
    for subject, limit in limits.items():
        count, oldest = sessions.attempts_since(conn, subject, window_s)
        if count >= limit:
            assert oldest is not None  # limit >= 1 (Settings), so the window holds an attempt
            waits.append((oldest + timedelta(seconds=window_s) - datetime.now(UTC)).total_seconds())
    if waits:
        raise Throttled(max(1, math.ceil(max(waits))))


def _record(conn: Connection, settings: Settings, *subjects: str) -> None:
    for subject in subjects:
        sessions.record_attempt(conn, subject, settings.throttle_window_minutes * 60)


def issue_token(conn: Connection, user_id: int, signing_key: str, ttl_minutes: int) -> str:
    """A new server-side session for the user, and the signed token that names it (also for benchmarks)."""
    session_id, expires_at = new_secret(), session_expiry(ttl_minutes)
    sessions.create_session(conn, user_id, session_id, expires_at)
    return create_access_token(user_id, session_id, signing_key, expires_at)


def start_session(conn: Connection, ctx: Context, user_id: int) -> str:
    return issue_token(conn, user_id, ctx.signing_key, ctx.settings.token_ttl_minutes)


def sign_in(conn: Connection, ctx: Context, email: str, password: str, address: str) -> str | None:
    """A token for a new session; None for a wrong e-mail or password (the failure is counted,
    so the caller must commit rather than raise). A missing account costs the same Argon2 work."""
    email = email.strip().lower()
    account, client = f"signin:account:{email}", f"signin:address:{address}"
    _check(conn, ctx.settings, {account: ctx.settings.throttle_account_failures,
                                client: ctx.settings.throttle_address_failures})
    user = users.get_user_by_email(conn, email)
    if not ctx.passwords.verify(password, user["password_hash"] if user else None):
        _record(conn, ctx.settings, account, client)
        return None
    assert user is not None  # verify() is never true without a hash
    sessions.clear_attempts(conn, account)
    return start_session(conn, ctx, user["id"])


def register(conn: Connection, ctx: Context, body: CandidateRegister, address: str) -> str:
    """A new candidate account and a token for its first session; EmailTaken (after counting the attempt:
    the caller must commit) when the e-mail has an account of any role.

    Registration says that an e-mail is taken, as people need to know to sign in instead; the
    attempts count against the address, so listing accounts this way is slow."""
    subject = f"requests:address:{address}"
    _check(conn, ctx.settings, {subject: ctx.settings.throttle_address_requests})
    _record(conn, ctx.settings, subject)
    if users.get_user_by_email(conn, body.email):
        raise EmailTaken
    candidate_id = candidates.create_candidate(conn, body.full_name, body.email, body.language)
    user = users.create_user(conn, body.email, ctx.passwords.hash(body.password), "candidate", candidate_id=candidate_id)
    return start_session(conn, ctx, user["id"])


def sign_out(conn: Connection, session_id: str) -> None:
    sessions.revoke_session(conn, session_id)


def sign_out_everywhere(conn: Connection, user_id: int) -> int:
    return sessions.revoke_user_sessions(conn, user_id)


def change_password(conn: Connection, ctx: Context, user_id: int, session_id: str, current: str, new: str) -> None:
    """Needs the current password; every other session of the account ends."""
    user = users.get_user(conn, user_id)
    assert user is not None, user_id  # the signed-in user
    if not ctx.passwords.verify(current, user["password_hash"]):
        raise WrongPassword
    users.set_password(conn, user_id, ctx.passwords.hash(new))
    sessions.revoke_user_sessions(conn, user_id, keep_session_id=session_id)


def request_reset(conn: Connection, ctx: Context, email: str, address: str, language: str = "en") -> None:
    """E-mails a single-use reset link when the account exists; does the same visible work either way."""
    email = email.strip().lower()
    account, client = f"reset:account:{email}", f"requests:address:{address}"
    _check(conn, ctx.settings, {account: RESETS_PER_ACCOUNT, client: ctx.settings.throttle_address_requests})
    _record(conn, ctx.settings, account, client)
    user = users.get_user_by_email(conn, email)
    if user is None:
        return
    token = new_secret()
    sessions.create_password_reset(conn, user["id"], token,
                                   datetime.now(UTC) + timedelta(minutes=ctx.settings.password_reset_ttl_minutes))
    # Sent at once, not through the outbox table (service.outbox): the link is a live credential, which
    # the database keeps only hashed. A mail server that fails is logged; the answer is the same.
    try:
        ctx.mailer.send(reset_message(ctx.settings, user["email"], token, language))
    except Exception:
        log.exception("the password reset e-mail could not be sent")


def reset_message(settings: Settings, to: str, token: str, language: str) -> EmailMessage:
    link = f"{settings.public_url.rstrip('/')}/app/reset?token={token}"
    message = EmailMessage()
    message["From"], message["To"] = settings.mail_from, to
    if language == "it":
        message["Subject"] = "ecotalent: reimposta la password"
        message.set_content(
            f"Per scegliere una nuova password apri questo link entro {settings.password_reset_ttl_minutes} minuti "
            f"(vale una volta sola):\n\n{link}\n\nSe non l'hai chiesto tu, ignora questo messaggio.\n")
    else:
        message["Subject"] = "ecotalent: reset your password"
        message.set_content(
            f"To choose a new password, open this link within {settings.password_reset_ttl_minutes} minutes "
            f"(it works once):\n\n{link}\n\nIf you did not ask for this, ignore this message.\n")
    return message


def confirm_reset(conn: Connection, ctx: Context, token: str, new_password: str) -> None:
    """Sets the new password and ends every session of the account."""
    user_id = sessions.use_password_reset(conn, token)
    if user_id is None:
        raise InvalidResetToken
    users.set_password(conn, user_id, ctx.passwords.hash(new_password))
    sessions.revoke_user_sessions(conn, user_id)
