"""Sign-in, registration and reset requests are throttled per account and per client address
(counted in the database, so every instance agrees), and a missing account costs the same work."""
import pytest

from tests.factories import PASSWORD, csrf, make_user


@pytest.fixture
def limits(app, monkeypatch):
    """Small limits, so a test needs few slow Argon2 checks to reach them."""
    settings = app.state.settings
    for name, value in {"throttle_account_failures": 3, "throttle_address_failures": 5, "throttle_address_requests": 2}.items():
        monkeypatch.setattr(settings, name, value)
    return settings


def token_request(client, email: str, password: str):
    return client.post("/auth/token", data={"username": email, "password": password})


def test_wrong_passwords_for_one_account_lead_to_429_with_retry_after(client, conn, limits):
    make_user(conn, "hub", "hub@throttle.example")
    for _ in range(3):
        wrong = token_request(client, "hub@throttle.example", "wrong password")
        assert wrong.status_code == 401 and wrong.json()["code"] == "auth.wrong_credentials"
        assert wrong.headers["WWW-Authenticate"] == "Bearer"
    refused = token_request(client, "hub@throttle.example", PASSWORD)  # even the right one, until the wait is over
    assert refused.status_code == 429 and "too many attempts: try again in 15 minutes" in refused.json()["detail"]
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert refused.json()["code"] == "auth.throttled" and refused.json()["params"] == {"minutes": 15}


def test_a_successful_sign_in_clears_the_accounts_failures(client, conn, limits):
    make_user(conn, "hub", "hub@throttle.example")
    for _ in range(2):
        assert token_request(client, "hub@throttle.example", "wrong password").status_code == 401
    assert token_request(client, "hub@throttle.example", PASSWORD).status_code == 200
    for _ in range(2):
        assert token_request(client, "hub@throttle.example", "wrong password").status_code == 401
    assert token_request(client, "hub@throttle.example", PASSWORD).status_code == 200


def test_failures_from_one_address_are_throttled_across_accounts(client, conn, limits):
    for n in range(5):
        assert token_request(client, f"nobody{n}@throttle.example", "guess").status_code == 401
    refused = token_request(client, "someone.else@throttle.example", "guess")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


def test_the_sign_in_page_answers_429_in_the_users_language(client, conn, limits):
    client.cookies.set("lang", "it")
    make_user(conn, "hub", "hub@throttle.example")
    for _ in range(3):
        form = {"email": "hub@throttle.example", "password": "wrong password", **csrf(client)}
        assert client.post("/app/signin", data=form).status_code == 401
    refused = client.post("/app/signin", data={"email": "hub@throttle.example", "password": PASSWORD, **csrf(client)})
    assert refused.status_code == 429 and "Troppi tentativi" in refused.text and int(refused.headers["Retry-After"]) > 0


def test_registrations_and_reset_requests_are_throttled_per_address(client, conn, limits):
    taken = {"email": "taken@throttle.example", "password": "long enough", "full_name": "A", "consent": True}
    make_user(conn, "hub", "taken@throttle.example")
    answer = client.post("/auth/register", json=taken)
    assert answer.status_code == 409 and answer.json()["code"] == "auth.email_taken"  # a staff e-mail: the same answer as any taken one
    assert client.post("/auth/reset-request", json={"email": "any@throttle.example"}).status_code == 202
    refused = client.post("/auth/reset-request", json={"email": "other@throttle.example"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert client.post("/auth/register", json=taken | {"email": "new@throttle.example"}).status_code == 429


def test_a_missing_account_is_verified_against_a_dummy_hash(client, conn, app):
    make_user(conn, "hub", "hub@throttle.example")
    passwords = app.state.accounts.passwords
    before = passwords.verifications
    missing = token_request(client, "missing@throttle.example", "some password")
    after_missing = passwords.verifications
    existing = token_request(client, "hub@throttle.example", "some password")
    assert missing.status_code == existing.status_code == 401 and missing.json() == existing.json()
    assert after_missing - before == 1 and passwords.verifications - after_missing == 1
