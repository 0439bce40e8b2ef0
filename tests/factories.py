"""Small functions that build test data through the same query layer the service uses."""
from datetime import date, timedelta
from functools import lru_cache

from service.queries import applications, candidates, institutions, positions, sessions, users
from service.security import create_access_token, hash_password, new_secret, session_expiry

PASSWORD = "correct horse battery"


@lru_cache
def password_hash() -> str:
    """Argon2 is slow on purpose: hash the one test password once."""
    return hash_password(PASSWORD)


def make_ecosystem(conn, name: str = "Test ecosystem") -> dict:
    return conn.execute(
        "INSERT INTO ecosystems (name, hub_city, regions) VALUES (%s, 'Genova', %s) RETURNING id, name",
        (name, ["ITC3", "ITC4"]),
    ).fetchone()


def make_institution(conn, ecosystem_id: int, name: str, **overrides) -> dict:
    data = {"ecosystem_id": ecosystem_id, "name": name, "kind": "university", "role": "spoke", "spoke": 1,
            "region": "ITC3", "city": "Genova"} | overrides
    return institutions.create_institution(conn, data)


def make_position(conn, institution_id: int, **overrides) -> dict:
    data = {
        "title_en": "Postdoc in machine learning", "description_en": "Research on machine learning for energy grids.",
        "career_stage": "R2", "contract_type": "contratto_di_ricerca", "salary_min": 28_283.94,
        "status": "open", "opening_date": date.today() - timedelta(days=10),
        "deadline": date.today() + timedelta(days=30), "required_skills": ["python", "machine learning"],
        "fields": ["computer_science"], "region": "ITC3", "city": "Genova",
    } | overrides
    return positions.get_position(conn, positions.insert_position(conn, institution_id, data))


def make_user(conn, role: str, email: str, *, institution_id: int | None = None, candidate_id: int | None = None) -> dict:
    """The account, with a live session of an hour under "session_id" (for ``bearer`` and ``sign_in_pages``)."""
    user = users.create_user(conn, email, password_hash(), role, institution_id=institution_id, candidate_id=candidate_id)
    return with_session(conn, user)


def with_session(conn, user: dict) -> dict:
    """``user`` (a row with its id) with a new live session of an hour under "session_id"."""
    session_id = new_secret()
    sessions.create_session(conn, user["id"], session_id, session_expiry(60))
    return user | {"session_id": session_id}


def _token(app, user: dict) -> str:
    return create_access_token(user["id"], user["session_id"], app.state.signing_key, session_expiry(60))


def make_candidate(conn, email: str, full_name: str = "Giulia Rossi", **profile) -> tuple[dict, int]:
    """A candidate profile with its account; returns (user, candidate_id)."""
    candidate_id = candidates.create_candidate(conn, full_name, email)
    if profile:
        candidates.update_candidate(conn, candidate_id, profile)
    return make_user(conn, "candidate", email, candidate_id=candidate_id), candidate_id


def make_application(conn, position_id: int, candidate_id: int, user_id: int, channel: str = "direct") -> int:
    return applications.create_application(conn, position_id, candidate_id, None, channel, user_id)


def bearer(app, user: dict) -> dict:
    """Authorization header for ``user``, signed with the app's key (skips the slow password check)."""
    return {"Authorization": f"Bearer {_token(app, user)}"}


def sign_in_pages(client, app, user: dict) -> None:
    """Gives the test client the pages' session cookie for ``user``."""
    from service.web.session import SESSION_COOKIE
    client.cookies.set(SESSION_COOKIE, _token(app, user))


def csrf(client, path: str = "/app/signin") -> dict:
    """The pages' anti-forgery field for the client's current cookies, read from a page's form."""
    import re
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    return {"csrf_token": found.group(1)} if found else {}
