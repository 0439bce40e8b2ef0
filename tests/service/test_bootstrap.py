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
