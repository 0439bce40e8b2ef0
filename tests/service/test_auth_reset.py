"""Password reset by e-mail: the same answer whether the account exists; a single-use, expiring,
hashed token; confirming it ends every session. Messages go to data_dir/outbox as .eml files."""
import email
import email.policy
import re
from datetime import UTC, datetime, timedelta

from service.queries import sessions
from tests.factories import PASSWORD, csrf, make_user


def outbox_messages(app, to: str) -> list[email.message.EmailMessage]:
    outbox = app.state.settings.data_dir / "outbox"
    found = []
    for path in sorted(outbox.glob("*.eml")) if outbox.exists() else []:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"] == to:
            found.append(message)
    return found


def reset_token(message) -> str:
    link = re.search(r"https?://\S+/app/reset\?token=(\S+)", message.get_content())
    assert link, message.get_content()
    return link.group(1)


def test_reset_by_email_end_to_end(client, conn, app):
    make_user(conn, "hub", "hub@reset.example")
    old = client.post("/auth/token", data={"username": "hub@reset.example", "password": PASSWORD}).json()["access_token"]
    asked = client.post("/auth/reset-request", json={"email": "Hub@Reset.example"})
    missing = client.post("/auth/reset-request", json={"email": "nobody@reset.example"})
    assert asked.status_code == missing.status_code == 202 and asked.json() == missing.json()
    assert outbox_messages(app, "nobody@reset.example") == []
    [message] = outbox_messages(app, "hub@reset.example")
    assert "reset your password" in message["Subject"]
    token = reset_token(message)
    assert conn.execute("SELECT count(*) AS n FROM password_resets WHERE token_sha256 = sha256(%s::bytea)",
                        (token.encode(),)).fetchone()["n"] == 1  # stored hashed, never as sent

    assert client.post("/auth/reset", json={"token": token, "new_password": "a brand new one"}).status_code == 204
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert client.post("/auth/token", data={"username": "hub@reset.example", "password": PASSWORD}).status_code == 401
    assert client.post("/auth/token", data={"username": "hub@reset.example", "password": "a brand new one"}).status_code == 200
    again = client.post("/auth/reset", json={"token": token, "new_password": "yet another one"})
    assert again.status_code == 400 and "used already" in again.json()["detail"]
    assert again.json()["code"] == "auth.reset_token_invalid"


def test_an_expired_reset_token_is_refused(client, conn):
    user = make_user(conn, "hub", "hub@reset.example")
    sessions.create_password_reset(conn, user["id"], "expired-token", datetime.now(UTC) - timedelta(minutes=1))
    assert client.post("/auth/reset", json={"token": "expired-token", "new_password": "a brand new one"}).status_code == 400


def test_reset_through_the_pages(client, conn, app):
    make_user(conn, "hub", "hub.pages@reset.example")
    client.cookies.set("lang", "it")
    sent = client.post("/app/forgot", data={"email": "hub.pages@reset.example", **csrf(client, "/app/forgot")})
    assert sent.status_code == 200 and "Se esiste un account con questa email" in sent.text
    [message] = outbox_messages(app, "hub.pages@reset.example")
    assert "reimposta la password" in message["Subject"]
    token = reset_token(message)
    form = client.get(f"/app/reset?token={token}")
    assert form.status_code == 200 and f'value="{token}"' in form.text
    done = client.post("/app/reset", data={"token": token, "password": "a brand new one", **csrf(client, "/app/forgot")},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/app/signin?reset=1"
    assert "accedi con quella nuova" in client.get("/app/signin?reset=1").text
    reused = client.post("/app/reset", data={"token": token, "password": "another one", **csrf(client, "/app/forgot")})
    assert reused.status_code == 400 and "già usato" in reused.text
