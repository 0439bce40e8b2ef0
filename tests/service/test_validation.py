"""Bad input on every write endpoint gets a 4xx with a message, and writes nothing."""
from datetime import date, timedelta

import pytest

from tests.factories import (
    bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user,
)

GOOD_POSITION = {"title_en": "Postdoc in robotics", "description_en": "Work on underwater robots.",
                 "career_stage": "R2", "contract_type": "contratto_di_ricerca", "salary_min": 28283.94}


@pytest.fixture
def hr(app, conn):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "Institution A")
    user = make_user(conn, "hr", "hr@test.example", institution_id=inst["id"])
    return {"headers": bearer(app, user), "institution_id": inst["id"], "ecosystem_id": eco["id"]}


def _count(conn, table: str) -> int:
    return conn.execute(f"SELECT count(*) AS n FROM {table}").fetchone()["n"]


def _assert_actionable(response, *words):
    assert 400 <= response.status_code < 500, response.text
    text = response.text
    for word in words:
        assert word in text, f"{word!r} not in {text}"


@pytest.mark.parametrize("change, words", [
    ({"title_en": None}, ["title"]),
    ({"description_en": None}, ["description"]),
    ({"contract_type": "permanent"}, ["contract_type", "phd_scholarship"]),
    ({"career_stage": "R5"}, ["career_stage"]),
    ({"salary_min": 50000, "salary_max": 30000}, ["salary_min", "above salary_max"]),
    ({"salary_min": -5}, ["salary_min"]),
    ({"opening_date": "2026-05-01", "deadline": "2026-04-01"}, ["deadline", "before opening_date"]),
    ({"status": "open", "deadline": "2020-01-01", "opening_date": "2019-12-01"}, ["deadline in the past"]),
    ({"openings": 10**12}, ["openings"]),
    ({"region": "Liguria"}, ["region", "ITC3"]),
    ({"fields": ["astrology"]}, ["fields"]),
    ({"languages": [{"language": "english", "level": "C1"}]}, ["languages"]),
    ({"settore_concorsuale": "nine"}, ["settore_concorsuale"]),
    ({"deadline": "next week"}, ["deadline"]),
    ({"colour": "blue"}, ["colour", "Extra inputs"]),
    ({"title_en": "Bad\x00title"}, ["not accepted"]),
])
def test_bad_position_is_rejected_with_reason_and_not_written(client, conn, hr, change, words):
    before = _count(conn, "positions")
    body = {k: v for k, v in (GOOD_POSITION | change).items() if v is not None}
    response = client.post("/positions", json=body, headers=hr["headers"])
    _assert_actionable(response, *words)
    assert _count(conn, "positions") == before


def test_good_position_is_created_for_the_officers_institution(client, hr):
    response = client.post("/positions", json=GOOD_POSITION, headers=hr["headers"])
    assert response.status_code == 201, response.text
    assert response.json()["institution_id"] == hr["institution_id"]
    assert response.json()["status"] == "draft"


def test_hr_officer_cannot_post_for_another_institution(client, conn, hr):
    response = client.post("/positions", json=GOOD_POSITION | {"institution_id": 999}, headers=hr["headers"])
    _assert_actionable(response, "institution_id")
    assert _count(conn, "positions") == 0


def test_malformed_json_is_a_4xx(client, hr):
    response = client.post("/positions", content=b"{not json", headers=hr["headers"] | {"content-type": "application/json"})
    _assert_actionable(response, "json")


def test_patch_that_breaks_consistency_is_rejected_and_leaves_position_unchanged(client, conn, hr):
    position = make_position(conn, hr["institution_id"], salary_min=30000, salary_max=35000)
    response = client.patch(f"/positions/{position['id']}", json={"salary_max": 20000}, headers=hr["headers"])
    _assert_actionable(response, "salary_min", "above salary_max")
    again = client.get(f"/positions/{position['id']}", headers=hr["headers"]).json()
    assert again["salary_max"] == 35000


def test_patch_can_clear_an_optional_field_and_change_status(client, conn, hr):
    position = make_position(conn, hr["institution_id"], status="draft", salary_max=40000)
    response = client.patch(f"/positions/{position['id']}", json={"salary_max": None, "status": "open"}, headers=hr["headers"])
    assert response.status_code == 200, response.text
    assert response.json()["salary_max"] is None and response.json()["status"] == "open"


@pytest.mark.parametrize("path", ["/positions/0", "/positions/99999999999999999999", "/positions/abc"])
def test_bad_path_ids_are_4xx(client, path):
    assert client.get(path).status_code in (404, 422)


@pytest.mark.parametrize("params", ["limit=0", "limit=100000", "offset=-1", "career_stage=R9", "region=Mars"])
def test_bad_search_filters_are_422(client, params):
    _assert_actionable(client.get(f"/positions?{params}"))


def test_bad_institution_is_rejected(client, conn, app, hr):
    hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    body = {"ecosystem_id": hr["ecosystem_id"], "name": "New", "kind": "university", "role": "spoke",
            "region": "ITC3", "city": "Genova"}
    _assert_actionable(client.post("/institutions", json=body | {"region": "XX"}, headers=hub), "region")
    _assert_actionable(client.post("/institutions", json=body | {"ecosystem_id": 424242}, headers=hub), "ecosystem 424242")
    _assert_actionable(client.post("/institutions", json=body | {"name": "Institution A"}, headers=hub), "already exists")
    assert client.post("/institutions", json=body, headers=hub).status_code == 201


@pytest.mark.parametrize("body, words", [
    ({"email": "not-an-email", "password": "long enough", "full_name": "A", "consent": True}, ["email"]),
    ({"email": "a@b.example", "password": "short", "full_name": "A", "consent": True}, ["password", "8"]),
    ({"email": "a@b.example", "password": "long enough", "full_name": "A", "consent": False}, ["consent"]),
    ({"email": "a@b.example", "password": "long enough", "full_name": "A"}, ["consent"]),
])
def test_bad_registration_is_rejected(client, conn, body, words):
    before = _count(conn, "candidates")
    _assert_actionable(client.post("/auth/register", json=body), *words)
    assert _count(conn, "candidates") == before


def test_registration_with_taken_email_is_409(client, conn):
    make_candidate(conn, "taken@test.example")
    response = client.post("/auth/register", json={"email": "Taken@test.example", "password": "long enough",
                                                   "full_name": "B", "consent": True})
    assert response.status_code == 409 and "exists already" in response.json()["detail"]


def test_sign_in_with_wrong_password_is_401(client, conn):
    make_candidate(conn, "who@test.example")
    response = client.post("/auth/token", data={"username": "who@test.example", "password": "wrong password"})
    assert response.status_code == 401 and response.json()["detail"] == "wrong email or password"
    good = client.post("/auth/token", data={"username": "who@test.example", "password": "correct horse battery"})
    assert good.status_code == 200 and good.json()["token_type"] == "bearer"


@pytest.mark.parametrize("change, words", [
    ({"current_country": "DE", "current_region": "ITC3"}, ["current_region"]),
    ({"places": [{"kind": "residence", "country": "IT", "region": "ITC3", "start_date": "2024-01-01",
                  "end_date": "2023-01-01"}]}, ["end_date"]),
    ({"places": [{"kind": "residence", "country": "FR", "region": "ITC3", "start_date": "2024-01-01"}]}, ["region"]),
    ({"places": [{"kind": "holiday", "country": "FR", "start_date": "2024-01-01"}]}, ["kind"]),
    ({"birth_year": 1800}, ["birth_year"]),
    ({"nationality": "italian"}, ["nationality"]),
    ({"expected_salary_eur_year": 0}, ["expected_salary_eur_year"]),
    ({"full_name": None}, ["full_name"]),
    ({"skills": ["x" * 200]}, ["skills"]),
])
def test_bad_profile_update_is_rejected_and_not_written(client, conn, app, change, words):
    user, candidate_id = make_candidate(conn, "c@test.example", current_country="IT", current_region="ITC4")
    headers = bearer(app, user)
    before = client.get("/candidates/me", headers=headers).json()
    _assert_actionable(client.patch("/candidates/me", json=change, headers=headers), *words)
    assert client.get("/candidates/me", headers=headers).json() == before


def test_profile_update_replaces_places(client, conn, app):
    user, _ = make_candidate(conn, "c@test.example")
    headers = bearer(app, user)
    places = [{"kind": "residence", "country": "DE", "start_date": "2020-01-01", "end_date": "2024-06-30"},
              {"kind": "residence", "country": "IT", "region": "ITC3", "start_date": "2024-07-01"}]
    response = client.patch("/candidates/me", json={"places": places, "skills": ["python"], "current_country": "IT",
                                                    "current_region": "ITC3"}, headers=headers)
    assert response.status_code == 200, response.text
    assert [p["country"] for p in response.json()["places"]] == ["DE", "IT"]
    response = client.patch("/candidates/me", json={"places": places[1:]}, headers=headers)
    assert [p["country"] for p in response.json()["places"]] == ["IT"]


def test_bad_applications_are_rejected(client, conn, app, hr):
    user, candidate_id = make_candidate(conn, "c@test.example")
    headers = bearer(app, user)
    closed = make_position(conn, hr["institution_id"], status="closed")
    expired = make_position(conn, hr["institution_id"], status="open", opening_date=date.today() - timedelta(days=60),
                            deadline=date.today() - timedelta(days=1))
    open_position = make_position(conn, hr["institution_id"])
    _assert_actionable(client.post("/applications", json={"position_id": 987654321}, headers=headers), "987654321")
    _assert_actionable(client.post("/applications", json={"position_id": closed["id"]}, headers=headers), "not open")
    _assert_actionable(client.post("/applications", json={"position_id": expired["id"]}, headers=headers), "not open")
    _assert_actionable(client.post("/applications", json={}, headers=headers), "position_id")
    assert client.post("/applications", json={"position_id": open_position["id"]}, headers=headers).status_code == 201
    again = client.post("/applications", json={"position_id": open_position["id"]}, headers=headers)
    assert again.status_code == 409 and "already" in again.json()["detail"]
    assert _count(conn, "applications") == 1


@pytest.mark.parametrize("path, body, words", [
    (["screening", "interview", "offer"], {"stage": "hired"}, ["start_date"]),
    ([], {"stage": "hired", "start_date": "2027-01-01"}, ["only after an 'offer'"]),
    (["screening", "interview"], {"stage": "screening"}, ["move back"]),
    ([], {"stage": "screening", "start_date": "2027-01-01"}, ["start_date"]),
    (["rejected"], {"stage": "screening"}, ["cannot change any more"]),
    ([], {"stage": "promoted"}, ["stage"]),
])
def test_bad_stage_changes_are_rejected(client, conn, app, hr, path, body, words):
    position = make_position(conn, hr["institution_id"])
    user, candidate_id = make_candidate(conn, "c@test.example")
    application_id = make_application(conn, position["id"], candidate_id, user["id"])
    for stage in path:
        assert client.post(f"/applications/{application_id}/stage", json={"stage": stage}, headers=hr["headers"]).status_code == 200
    events_before = _count(conn, "application_events")
    _assert_actionable(client.post(f"/applications/{application_id}/stage", json=body, headers=hr["headers"]), *words)
    assert _count(conn, "application_events") == events_before
