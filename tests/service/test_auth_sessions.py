"""Server-side sessions: a token works only while its session is live, so sign-out, sign-out
everywhere, a password change and erasure end it at once, for the API and for the pages."""
from datetime import UTC, datetime, timedelta

import jwt

from service.web.session import SESSION_COOKIE
from tests.factories import PASSWORD, csrf, make_candidate, make_user


def sign_in(client, email: str, password: str = PASSWORD) -> dict:
    response = client.post("/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_signing_out_ends_the_bearer_token_at_once(client, conn):
    make_user(conn, "hub", "hub@sessions.example")
    headers = sign_in(client, "hub@sessions.example")
    assert client.get("/auth/me", headers=headers).status_code == 200
    assert client.post("/auth/signout", headers=headers).status_code == 204
    refused = client.get("/auth/me", headers=headers)
    assert refused.status_code == 401 and "sign in again" in refused.json()["detail"]


def test_signing_out_of_the_pages_ends_the_cookie_and_the_same_token_as_bearer(client, conn):
    make_user(conn, "hub", "hub@sessions.example")
    signed_in = client.post("/app/signin", data={"email": "hub@sessions.example", "password": PASSWORD, **csrf(client)},
                            follow_redirects=False)
    assert signed_in.status_code == 303
    token = client.cookies.get(SESSION_COOKIE)
    assert client.get("/app/hub", follow_redirects=False).status_code == 200
    assert client.post("/app/signout", data=csrf(client), follow_redirects=False).status_code == 303
    client.cookies.set(SESSION_COOKIE, token)  # a copy of the old cookie, kept by whoever took it
    assert client.get("/app/hub", follow_redirects=False).status_code == 303  # to sign in
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_signing_out_everywhere_ends_every_session_of_the_account(client, conn):
    make_user(conn, "hub", "hub@sessions.example")
    laptop, phone = sign_in(client, "hub@sessions.example"), sign_in(client, "hub@sessions.example")
    assert client.post("/auth/signout-everywhere", headers=phone).status_code == 204
    assert client.get("/auth/me", headers=laptop).status_code == 401
    assert client.get("/auth/me", headers=phone).status_code == 401


def test_changing_the_password_needs_the_current_one_and_ends_the_other_sessions(client, conn):
    make_user(conn, "hub", "hub@sessions.example")
    laptop, phone = sign_in(client, "hub@sessions.example"), sign_in(client, "hub@sessions.example")
    wrong = client.post("/auth/password", json={"current_password": "not the password", "new_password": "a new long one"},
                        headers=phone)
    assert wrong.status_code == 403 and "current password" in wrong.json()["detail"]
    assert wrong.json()["code"] == "auth.wrong_password"
    assert client.get("/auth/me", headers=laptop).status_code == 200
    changed = client.post("/auth/password", json={"current_password": PASSWORD, "new_password": "a new long one"},
                          headers=phone)
    assert changed.status_code == 204
    assert client.get("/auth/me", headers=laptop).status_code == 401
    assert client.get("/auth/me", headers=phone).status_code == 200  # the session that changed it goes on
    assert client.post("/auth/token", data={"username": "hub@sessions.example", "password": PASSWORD}).status_code == 401
    sign_in(client, "hub@sessions.example", "a new long one")


def test_erasing_a_candidate_ends_their_sessions(client, conn):
    make_candidate(conn, "gone@sessions.example")
    headers = sign_in(client, "gone@sessions.example")
    user_id = client.get("/auth/me", headers=headers).json()["id"]
    assert client.delete("/candidates/me", headers=headers).status_code == 200
    assert client.get("/auth/me", headers=headers).status_code == 401
    assert conn.execute("SELECT count(*) AS n FROM sessions WHERE user_id = %s", (user_id,)).fetchone()["n"] == 0


def test_a_token_without_expiry_is_refused_even_for_a_live_session(client, conn, app):
    make_user(conn, "hub", "hub@sessions.example")
    headers = sign_in(client, "hub@sessions.example")
    claims = jwt.decode(headers["Authorization"].removeprefix("Bearer "), app.state.signing_key, algorithms=["HS256"])
    assert claims.pop("exp") and claims["sid"]
    forever = jwt.encode(claims, app.state.signing_key, algorithm="HS256")
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {forever}"}).status_code == 401


def test_a_signed_token_for_a_session_that_never_existed_is_refused(client, conn, app):
    user = make_user(conn, "hub", "hub@sessions.example")
    now = datetime.now(UTC)
    forged = jwt.encode({"sub": str(user["id"]), "sid": "made-up", "iat": now, "exp": now + timedelta(hours=1)},
                        app.state.signing_key, algorithm="HS256")
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
