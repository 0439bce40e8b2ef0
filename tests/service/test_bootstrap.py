"""README "Start a real ecosystem", step by step, against an empty database: the commands, then the API."""
import getpass
import sys

import pytest
from fastapi.testclient import TestClient

from service import cli
from service.app import create_app
from service.config import Settings, get_settings

PASSWORDS = {"admin@raise.example": "admin password 1", "office@raise.example": "hub password 1",
             "hr@unige.example": "hr password 1"}
POSITION = {"title_en": "Postdoc in marine robotics", "description_en": "Autonomous vehicles for harbour monitoring.",
            "career_stage": "R2", "contract_type": "contratto_di_ricerca", "salary_min": 28283.94,
            "status": "open", "region": "ITC3", "city": "Genova"}


class _Terminal:
    def isatty(self) -> bool:
        return True


@pytest.fixture
def empty_deployment(fresh_database, monkeypatch):
    url = fresh_database("ecotalent_bootstrap")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


@pytest.fixture
def typed(monkeypatch):
    """What the operator types at the password prompts (each password twice), in order."""
    answers: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": answers.pop(0))
    return answers


def _sign_in(client: TestClient, email: str, password: str) -> dict:
    response = client.post("/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _user_creates(typed: list[str], email: str, *args: str) -> None:
    typed += [PASSWORDS[email]] * 2
    assert cli.main(["users", "create", *args]) == 0
    assert not typed, "every prompt answered"


def test_readme_steps_take_an_empty_database_to_an_hr_officer_posting(empty_deployment, typed, tmp_path, embedder, capsys):
    # On the server.
    _user_creates(typed, "admin@raise.example", "--role", "admin", "--email", "admin@raise.example")
    assert cli.main(["ecosystems", "create", "--name", "RAISE", "--hub-city", "Genova", "--regions", "ITC3"]) == 0
    assert cli.main(["institutions", "create", "--ecosystem", "RAISE", "--name", "Università di Genova",
                     "--kind", "university", "--role", "hub", "--region", "ITC3", "--city", "Genova"]) == 0
    _user_creates(typed, "office@raise.example", "--role", "hub", "--email", "office@raise.example")
    _user_creates(typed, "hr@unige.example", "--role", "hr", "--email", "hr@unige.example",
                  "--institution", "Università di Genova")
    out = capsys.readouterr().out
    assert "created ecosystem RAISE (id 1; hub in Genova; regions ITC3)" in out
    assert "created institution Università di Genova (id 1; hub of RAISE)" in out
    assert "created hr account hr@unige.example" in out

    # `ecotalent serve`, then the HR officer over HTTP.
    settings = Settings(database_url=empty_deployment, data_dir=tmp_path, embedding_worker=False,
                        salary_fit_at_startup=False)
    with TestClient(create_app(settings, embedder=embedder)) as client:
        hr = _sign_in(client, "hr@unige.example", PASSWORDS["hr@unige.example"])
        posted = client.post("/positions", json=POSITION, headers=hr)
        assert posted.status_code == 201, posted.text
        assert posted.json()["institution_id"] == 1
        assert posted.json()["id"] in {p["id"] for p in client.get("/positions").json()["items"]}
        hub = _sign_in(client, "office@raise.example", PASSWORDS["office@raise.example"])
        assert client.get("/hub/overview", headers=hub).status_code == 200

        # The administrator, through the API.
        admin = _sign_in(client, "admin@raise.example", PASSWORDS["admin@raise.example"])
        partner = client.post("/institutions", headers=admin, json={
            "ecosystem_id": 1, "name": "Ansaldo Energia", "kind": "company", "role": "spoke", "spoke": 2,
            "region": "ITC3", "city": "Genova"})
        assert partner.status_code == 201, partner.text
        assert partner.json()["id"] == 2
        account = client.post("/users", headers=admin, json={
            "email": "hr@ansaldo.example", "password": "a first password", "role": "hr", "institution_id": 2})
        assert account.status_code == 201, account.text
        assert "password_hash" not in account.json() and "password" not in account.json()
        nodes = client.post("/ecosystems", headers=admin, json={
            "name": "NODES", "hub_city": "Torino", "regions": ["ITC1", "ITC2", "ITC4"]})
        assert nodes.status_code == 201, nodes.text
        assert [e["name"] for e in client.get("/ecosystems", headers=admin).json()] == ["RAISE", "NODES"]

        ansaldo = _sign_in(client, "hr@ansaldo.example", "a first password")
        assert client.post("/positions", json=POSITION | {"title_en": "Turbine engineer"}, headers=ansaldo).status_code == 201


@pytest.fixture
def admin_headers(app, conn) -> dict:
    from tests.factories import bearer, make_user
    return bearer(app, make_user(conn, "admin", "admin@test.example"))


@pytest.mark.parametrize("body, status, message", [
    ({"name": "X", "hub_city": "Y", "regions": ["ITC3", "IT99"]}, 422, "ITG2"),  # names the valid codes
    ({"name": "X", "hub_city": "Y", "regions": []}, 422, "regions"),
    ({"name": "X", "hub_city": "Y"}, 422, "regions"),
    ({"name": "", "hub_city": "Y", "regions": ["ITC3"]}, 422, "name"),
    ({"name": "X", "hub_city": "Y", "regions": ["ITC3"], "spokes": 5}, 422, "spokes"),
    ({"name": "Test ecosystem", "hub_city": "Genova", "regions": ["ITC3"]}, 409, "an ecosystem named 'Test ecosystem' already exists"),
])
def test_post_ecosystems_refuses_with_a_reason(client, conn, admin_headers, body, status, message):
    from tests.factories import make_ecosystem
    make_ecosystem(conn)
    response = client.post("/ecosystems", json=body, headers=admin_headers)
    assert response.status_code == status, response.text
    assert message in response.text


@pytest.mark.parametrize("body, status, message", [
    ({"email": "x@test.example", "password": "long enough", "role": "hr"}, 422, "an HR officer belongs to one institution"),
    ({"email": "x@test.example", "password": "long enough", "role": "hub", "institution_id": "{inst}"}, 422,
     "a hub account belongs to no institution"),
    ({"email": "x@test.example", "password": "long enough", "role": "admin"}, 422, "role"),
    ({"email": "x@test.example", "password": "long enough", "role": "candidate"}, 422, "role"),
    ({"email": "x@test.example", "password": "short", "role": "hub"}, 422, "password"),
    ({"email": "not an email", "password": "long enough", "role": "hub"}, 422, "email"),
    ({"email": "x@test.example", "password": "long enough", "role": "hr", "institution_id": 424242}, 422,
     "institution 424242 does not exist"),
    ({"email": "Admin@Test.example", "password": "long enough", "role": "hub"}, 409, "exists already"),
])
def test_post_users_refuses_with_a_reason(client, conn, admin_headers, body, status, message):
    from tests.factories import make_ecosystem, make_institution
    inst = make_institution(conn, make_ecosystem(conn)["id"], "Institution A")
    body = body | ({"institution_id": inst["id"]} if body.get("institution_id") == "{inst}" else {})
    response = client.post("/users", json=body, headers=admin_headers)
    assert response.status_code == status, response.text
    assert message in response.text


def test_admin_account_made_by_api_signs_in_as_hr(client, conn, admin_headers):
    from tests.factories import make_ecosystem, make_institution
    inst = make_institution(conn, make_ecosystem(conn)["id"], "Institution A")
    made = client.post("/users", headers=admin_headers, json={"email": "New.HR@Test.example", "password": "long enough",
                                                              "role": "hr", "institution_id": inst["id"]})
    assert made.status_code == 201, made.text
    assert made.json() == {"id": made.json()["id"], "email": "new.hr@test.example", "role": "hr",
                           "institution_id": inst["id"], "candidate_id": None}
    me = client.get("/auth/me", headers=_sign_in(client, "new.hr@test.example", "long enough")).json()
    assert me["role"] == "hr" and me["institution_id"] == inst["id"]


def test_admin_signing_in_on_the_pages_lands_on_the_api_docs(client, conn, app):
    from tests.factories import make_user, sign_in_pages
    sign_in_pages(client, app, make_user(conn, "admin", "admin@test.example"))
    response = client.get("/app", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/docs"
    assert client.get("/app/hub").status_code == 403
