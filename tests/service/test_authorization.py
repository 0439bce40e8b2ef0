"""Every role against every endpoint it must not reach, and the owner's control call that must work.

One world is built per test: institutions A and B, each with an HR officer; at A an open and a
draft position; candidate C1 has applied to A's open position; C2 is another candidate; a hub user;
an administrator (sets the deployment up, sees no personal data).
"""
from dataclasses import dataclass

import pytest

from tests.factories import (
    bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user,
)

VALID_POSITION = {"title_en": "Engineer", "description_en": "Build robots.", "career_stage": "R2",
                  "contract_type": "company_employee"}
VALID_ECOSYSTEM = {"name": "Another ecosystem", "hub_city": "Torino", "regions": ["ITC1"]}
VALID_INSTITUTION = {"ecosystem_id": "{eco}", "name": "Institution C", "kind": "foundation", "role": "affiliate",
                     "region": "ITC3", "city": "Genova"}
INDICATOR = {"indicator": "company_investment", "quarter": "2025-Q1", "value": 1000, "description": "Matching funds",
             "evidence": "Contract 12/2025"}
VALID_ACCOUNT = {"email": "new.hr@test.example", "password": "long enough", "role": "hr", "institution_id": "{inst_a}"}


@dataclass
class World:
    headers: dict
    ids: dict


@pytest.fixture
def world(app, conn) -> World:
    eco = make_ecosystem(conn)
    inst_a = make_institution(conn, eco["id"], "Institution A")
    inst_b = make_institution(conn, eco["id"], "Institution B", kind="company", region="ITC4", city="Milano")
    open_a = make_position(conn, inst_a["id"])
    draft_a = make_position(conn, inst_a["id"], status="draft", title_en="Draft position")
    hr_a = make_user(conn, "hr", "hr.a@test.example", institution_id=inst_a["id"])
    hr_b = make_user(conn, "hr", "hr.b@test.example", institution_id=inst_b["id"])
    hub = make_user(conn, "hub", "hub@test.example")
    admin = make_user(conn, "admin", "admin@test.example")
    c1, c1_id = make_candidate(conn, "c1@test.example")
    c2, c2_id = make_candidate(conn, "c2@test.example", full_name="Marco Bianchi")
    app_id = make_application(conn, open_a["id"], c1_id, c1["id"])
    return World(
        headers={"anonymous": {}, "hr_a": bearer(app, hr_a), "hr_b": bearer(app, hr_b), "hub": bearer(app, hub),
                 "admin": bearer(app, admin), "c1": bearer(app, c1), "c2": bearer(app, c2)},
        ids={"open": open_a["id"], "draft": draft_a["id"], "app": app_id, "eco": eco["id"], "inst_a": inst_a["id"],
             "c2": c2_id},
    )


# (who, method, path, json body, expected status). Paths use {open}, {draft}, {app}, {eco}.
FORBIDDEN = [
    # anonymous: only position search and sign-in/registration are open to them
    ("anonymous", "GET", "/auth/me", None, 401),
    ("anonymous", "GET", "/ecosystems", None, 401),
    ("anonymous", "GET", "/institutions", None, 401),
    ("anonymous", "GET", "/institutions/{inst_a}", None, 401),
    ("anonymous", "POST", "/institutions", {}, 401),
    ("anonymous", "GET", "/positions/{draft}", None, 404),
    ("anonymous", "POST", "/positions", VALID_POSITION, 401),
    ("anonymous", "PATCH", "/positions/{open}", {"openings": 2}, 401),
    ("anonymous", "GET", "/candidates/me", None, 401),
    ("anonymous", "PATCH", "/candidates/me", {"headline": "x"}, 401),
    ("anonymous", "GET", "/candidates/me/export", None, 401),
    ("anonymous", "DELETE", "/candidates/me", None, 401),
    ("anonymous", "POST", "/applications", {"position_id": "{open}"}, 401),
    ("anonymous", "GET", "/applications", None, 401),
    ("anonymous", "GET", "/applications/{app}", None, 401),
    ("anonymous", "GET", "/applications/{app}/events", None, 401),
    ("anonymous", "POST", "/applications/{app}/stage", {"stage": "screening"}, 401),
    ("anonymous", "GET", "/hub/overview", None, 401),
    # a candidate: not positions, not institutions, not someone else's application, not the hub
    ("c2", "POST", "/institutions", {}, 403),
    ("c2", "POST", "/positions", VALID_POSITION, 403),
    ("c2", "PATCH", "/positions/{open}", {"openings": 2}, 403),
    ("c2", "GET", "/positions/{draft}", None, 404),
    ("c2", "GET", "/applications/{app}", None, 404),
    ("c2", "GET", "/applications/{app}/events", None, 404),
    ("c2", "POST", "/applications/{app}/stage", {"stage": "withdrawn"}, 404),
    ("c2", "GET", "/hub/overview", None, 403),
    ("c1", "POST", "/applications/{app}/stage", {"stage": "screening"}, 409),  # only withdraw
    # an HR officer of another institution
    ("hr_b", "GET", "/positions/{draft}", None, 404),
    ("hr_b", "PATCH", "/positions/{draft}", {"openings": 2}, 404),
    ("hr_b", "PATCH", "/positions/{open}", {"openings": 2}, 403),
    ("hr_b", "GET", "/applications/{app}", None, 404),
    ("hr_b", "GET", "/applications/{app}/events", None, 404),
    ("hr_b", "POST", "/applications/{app}/stage", {"stage": "screening"}, 404),
    ("hr_b", "GET", "/candidates/me", None, 403),
    ("hr_b", "POST", "/applications", {"position_id": "{open}"}, 403),
    ("hr_b", "POST", "/institutions", {}, 403),
    ("hr_b", "GET", "/hub/overview", None, 403),
    ("hr_a", "POST", "/applications/{app}/stage", {"stage": "withdrawn"}, 409),  # only the candidate withdraws
    # the hub: aggregates only, no personal data, no posting
    ("hub", "POST", "/positions", VALID_POSITION, 403),
    ("hub", "PATCH", "/positions/{open}", {"openings": 2}, 403),
    ("hub", "GET", "/applications", None, 403),
    ("hub", "GET", "/applications/{app}", None, 403),
    ("hub", "GET", "/applications/{app}/events", None, 403),
    ("hub", "POST", "/applications/{app}/stage", {"stage": "screening"}, 403),
    ("hub", "GET", "/candidates/me", None, 403),
    ("hub", "POST", "/applications", {"position_id": "{open}"}, 403),
    # the administrator: the deployment's structure and accounts, never personal data or hub figures
    ("admin", "GET", "/candidates/me", None, 403),
    ("admin", "GET", "/candidates/me/export", None, 403),
    ("admin", "GET", "/applications", None, 403),
    ("admin", "GET", "/applications/{app}", None, 403),
    ("admin", "GET", "/applications/{app}/events", None, 403),
    ("admin", "POST", "/applications/{app}/stage", {"stage": "screening"}, 403),
    ("admin", "POST", "/applications", {"position_id": "{open}"}, 403),
    ("admin", "GET", "/positions/{draft}", None, 404),
    ("admin", "POST", "/positions", VALID_POSITION, 403),
    ("admin", "PATCH", "/positions/{open}", {"openings": 2}, 403),
    ("admin", "GET", "/positions/{open}/matches", None, 403),
    ("admin", "GET", "/search/candidates?q=python", None, 403),
    ("admin", "GET", "/candidates/me/matches", None, 403),
    ("admin", "GET", "/hub/overview", None, 403),
    ("admin", "GET", "/hub/attracted", None, 403),
    ("admin", "GET", "/hub/gap", None, 403),
    ("admin", "POST", "/hub/allocation", None, 403),
    ("admin", "GET", "/hub/salaries", None, 403),
    ("admin", "GET", "/hub/indicators?from=2025-Q1&to=2025-Q4", None, 403),
    ("admin", "POST", "/indicators", INDICATOR, 403),
    ("admin", "GET", "/hub/channels", None, 403),
    # invitations: HR offices invite to their own positions; candidates read their own
    ("anonymous", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 401),
    ("c2", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 403),
    ("hub", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 403),
    ("admin", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 403),
    ("hr_b", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 404),
    ("hr_b", "GET", "/positions/{open}/invitations", None, 404),
    ("hr_a", "GET", "/candidates/me/invitations", None, 403),
    ("hub", "GET", "/candidates/me/invitations", None, 403),
    ("c2", "GET", "/hub/channels", None, 403),
    ("hr_a", "GET", "/hub/channels", None, 403),
    # everyone else on the administrator's endpoints
    ("anonymous", "POST", "/ecosystems", VALID_ECOSYSTEM, 401),
    ("anonymous", "POST", "/users", VALID_ACCOUNT, 401),
    ("c2", "POST", "/ecosystems", VALID_ECOSYSTEM, 403),
    ("c2", "POST", "/users", VALID_ACCOUNT, 403),
    ("hr_a", "POST", "/ecosystems", VALID_ECOSYSTEM, 403),
    ("hr_a", "POST", "/users", VALID_ACCOUNT, 403),
    ("hr_a", "POST", "/institutions", VALID_INSTITUTION, 403),
    ("hub", "POST", "/ecosystems", VALID_ECOSYSTEM, 403),
    ("hub", "POST", "/users", VALID_ACCOUNT, 403),
]

# The owner's call on the same resources: proves the refusals above are about who asks.
ALLOWED = [
    ("anonymous", "GET", "/positions/{open}", None, 200),
    ("hr_a", "GET", "/positions/{draft}", None, 200),
    ("hr_a", "PATCH", "/positions/{draft}", {"openings": 2}, 200),
    ("hr_a", "GET", "/applications/{app}", None, 200),
    ("hr_a", "GET", "/applications/{app}/events", None, 200),
    ("hr_a", "POST", "/applications/{app}/stage", {"stage": "screening"}, 200),
    ("c1", "GET", "/applications/{app}", None, 200),
    ("c1", "POST", "/applications/{app}/stage", {"stage": "withdrawn"}, 200),
    ("c2", "POST", "/applications", {"position_id": "{open}"}, 201),
    ("c2", "GET", "/candidates/me", None, 200),
    ("hub", "GET", "/hub/overview", None, 200),
    ("hub", "GET", "/positions/{draft}", None, 200),
    ("hub", "GET", "/institutions", None, 200),
    ("hub", "POST", "/institutions", VALID_INSTITUTION, 201),
    ("admin", "POST", "/ecosystems", VALID_ECOSYSTEM, 201),
    ("admin", "POST", "/institutions", VALID_INSTITUTION, 201),
    ("admin", "POST", "/users", VALID_ACCOUNT, 201),
    ("admin", "GET", "/ecosystems", None, 200),
    ("admin", "GET", "/institutions/{inst_a}", None, 200),
    ("admin", "GET", "/positions/{open}", None, 200),
    ("admin", "GET", "/auth/me", None, 200),
    ("hr_a", "POST", "/positions/{open}/invitations", {"candidate_id": "{c2}"}, 201),
    ("hr_a", "GET", "/positions/{open}/invitations", None, 200),
    ("c2", "GET", "/candidates/me/invitations", None, 200),
    ("hub", "GET", "/hub/channels", None, 200),
]


def _fill(value, ids):
    if isinstance(value, str):
        return int(value.format(**ids)) if value.startswith("{") and value.endswith("}") else value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("who, method, path, body, expected", FORBIDDEN + ALLOWED,
                         ids=[f"{w}-{m}-{p}" for w, m, p, _, _ in FORBIDDEN + ALLOWED])
def test_role_reaches_only_what_it_may(client, world, who, method, path, body, expected):
    response = client.request(method, _fill(path, world.ids), json=_fill(body, world.ids), headers=world.headers[who])
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert response.json()["detail"], "a refusal must say why"


def test_hr_officer_lists_only_own_institutions_applications(client, world):
    other = client.get("/applications", headers=world.headers["hr_b"]).json()
    own = client.get("/applications", headers=world.headers["hr_a"]).json()
    assert other["total"] == 0 and other["items"] == []
    assert own["total"] == 1 and own["items"][0]["id"] == world.ids["app"]
    assert own["items"][0]["candidate"]["email"]  # the office sees who applied to it


def test_candidate_lists_only_own_applications(client, world):
    assert client.get("/applications", headers=world.headers["c2"]).json()["total"] == 0
    mine = client.get("/applications", headers=world.headers["c1"]).json()
    assert mine["total"] == 1 and mine["items"][0]["candidate"] is None  # no summary of oneself needed


def test_anonymous_search_shows_open_positions_only(client, world):
    listed = {p["id"] for p in client.get("/positions").json()["items"]}
    assert world.ids["open"] in listed and world.ids["draft"] not in listed
    hr_listed = {p["id"] for p in client.get("/positions", headers=world.headers["hr_a"]).json()["items"]}
    assert world.ids["draft"] in hr_listed
    other_hr = {p["id"] for p in client.get("/positions", headers=world.headers["hr_b"]).json()["items"]}
    assert world.ids["draft"] not in other_hr


def test_hr_officer_sees_applicant_profile_but_candidate_does_not_see_others(client, world):
    seen = client.get(f"/applications/{world.ids['app']}", headers=world.headers["hr_a"]).json()
    assert seen["candidate"]["email"] == "c1@test.example"


def test_tampered_token_is_rejected(client, world):
    token = world.headers["hub"]["Authorization"] + "x"
    response = client.get("/hub/overview", headers={"Authorization": token})
    assert response.status_code == 401
    assert "sign in again" in response.json()["detail"]
