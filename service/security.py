"""Password hashing on a small bounded executor, and signed bearer tokens tied to server-side sessions."""
import asyncio
import hashlib
import hmac
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt
from pwdlib import PasswordHash

from service.config import Settings

_ALGORITHM = "HS256"


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()  # Argon2id


def hash_password(password: str) -> str:
    """Hashes on the calling thread: for the command line, seeds and tests. Requests use PasswordWorkers."""
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    return _hasher().verify(password, password_hash)


class PasswordsBusy(Exception):
    """More requests wait for the Argon2 threads than the queue may hold."""


class PasswordWorkers:
    """Argon2 hashing and verification on a few dedicated threads, and the queue in front of them.

    Argon2 is slow on purpose (about half a second on two cores). A request that will hash first
    waits for a turn (``take_turn``), on the event loop, holding neither a request thread nor a
    database connection; so a flood of sign-ins queues here and other requests go on. A missing
    account is verified against a fixed dummy hash: a wrong e-mail costs as much as a wrong password.
    """

    def __init__(self, workers: int, queue_max: int):
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2")
        self._workers, self._queue_max = workers, queue_max
        self._turns: asyncio.Semaphore | None = None  # made on first use, inside the server's event loop
        self._waiting = 0
        self._dummy_hash = hash_password(secrets.token_urlsafe(16))
        self._lock = threading.Lock()
        self.verifications = 0  # how many verifications ran, dummy ones included (tests count them)

    async def take_turn(self) -> None:
        """Waits for a turn on the Argon2 threads; PasswordsBusy when the queue is full. Give it back with end_turn."""
        if self._turns is None:
            self._turns = asyncio.Semaphore(self._workers)
        if self._turns.locked() and self._waiting >= self._queue_max:
            raise PasswordsBusy
        self._waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self._waiting -= 1

    def end_turn(self) -> None:
        assert self._turns is not None  # take_turn made it
        self._turns.release()

    def hash(self, password: str) -> str:
        return self._executor.submit(hash_password, password).result()

    def verify(self, password: str, password_hash: str | None) -> bool:
        """True when ``password`` matches; ``password_hash`` None (no such account) costs the same and is False."""
        with self._lock:
            self.verifications += 1
        matches = self._executor.submit(verify_password, password, password_hash or self._dummy_hash).result()
        return matches and password_hash is not None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def signing_key(settings: Settings) -> str:
    """The configured key, or a random one created once and kept in the data directory,
    so tokens stay valid across restarts of the same installation."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def new_secret() -> str:
    """A random, URL-safe secret (session ids, reset tokens, anti-forgery cookies)."""
    return secrets.token_urlsafe(32)


def create_access_token(user_id: int, session_id: str, key: str, expires_at: datetime) -> str:
    claims = {"sub": str(user_id), "sid": session_id, "iat": datetime.now(UTC), "exp": expires_at}
    return jwt.encode(claims, key, algorithm=_ALGORITHM)


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: str


def claims_of_token(token: str, key: str) -> TokenClaims | None:
    """Who a well-signed, unexpired token names, and its session; None for anything else, a token
    without an expiry or a session id included. Whether the session is still live is the database's call."""
    try:
        claims = jwt.decode(token, key, algorithms=[_ALGORITHM], options={"require": ["exp", "sub", "sid"]})
        return TokenClaims(int(claims["sub"]), str(claims["sid"]))
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        return None


def session_expiry(ttl_minutes: int) -> datetime:
    return datetime.now(UTC) + timedelta(minutes=ttl_minutes)


def signed_token(purpose: str, value: str, key: str) -> str:
    """``value`` with an HMAC of it for one ``purpose`` (an unsubscribe link, say): it needs no session,
    cannot be forged without the key and is of no use for another purpose."""
    mac = hmac.new(key.encode(), f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"{value}.{mac}"


def value_of_signed(purpose: str, token: str, key: str) -> str | None:
    """The value a token of ``signed_token`` carries when its signature holds, else None."""
    value, _, _mac = token.rpartition(".")
    if not value or not hmac.compare_digest(signed_token(purpose, value, key), token):
        return None
    return value
