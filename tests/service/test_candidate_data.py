"""A candidate's own data: export everything, erase it, and the hub's counts stay right."""
import pytest

from tests.factories import (
    bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user,
)


@pytest.fixture
def hiring(app, conn, client):
    """Seven candidates in all: six apply to one position (candidate 0 is hired, candidate 1
    rejected), the seventh has not applied yet."""
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "Institution A")
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    position = make_position(conn, inst["id"], openings=3)
    people = []
    for i in range(6):
        user, candidate_id = make_candidate(conn, f"c{i}@test.example", full_name=f"Person {i}",
                                            gender="woman", birth_year=1995, nationality="FR", career_stage="R2")
        app_id = make_application(conn, position["id"], candidate_id, user["id"])
        people.append({"user": user, "candidate_id": candidate_id, "application_id": app_id, "headers": bearer(app, user)})
    for stage in ("screening", "interview", "offer"):
        client.post(f"/applications/{people[0]['application_id']}/stage", json={"stage": stage}, headers=hr)
    client.post(f"/applications/{people[0]['application_id']}/stage",
                json={"stage": "hired", "start_date": "2026-12-01", "note": "Welcome, Person 0"}, headers=hr)
    client.post(f"/applications/{people[1]['application_id']}/stage", json={"stage": "rejected"}, headers=hr)
    make_candidate(conn, "c6@test.example", full_name="Person 6")
    return {"people": people, "hub": bearer(app, make_user(conn, "hub", "hub@test.example")), "hr": hr,
            "position": position}


def test_export_holds_profile_history_and_applications(client, hiring):
    person = hiring["people"][0]
    response = client.get("/candidates/me/export", headers=person["headers"])
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    data = response.json()
    assert data["profile"]["full_name"] == "Person 0"
    assert data["account"]["email"] == "c0@test.example"
    [application] = data["applications"]
    assert application["stage"] == "hired"
    assert [e["to_stage"] for e in application["events"]] == ["applied", "screening", "interview", "offer", "hired"]


def test_erasure_removes_personal_data_and_keeps_hub_counts(client, conn, hiring):
    before = client.get("/hub/overview", headers=hiring["hub"]).json()
    person = hiring["people"][0]
    response = client.delete("/candidates/me", headers=person["headers"])
    assert response.status_code == 200 and response.json()["applications_anonymised"] == 1

    after = client.get("/hub/overview", headers=hiring["hub"]).json()
    assert after["applications"] == before["applications"]
    assert after["applications"]["total"] == 6
    assert after["hires"] == before["hires"]
    assert after["candidates"] == before["candidates"] - 1 == 6

    # Nothing personal is left: no profile, no account, no free text on the application or its events.
    assert conn.execute("SELECT count(*) AS n FROM candidates WHERE id = %s", (person["candidate_id"],)).fetchone()["n"] == 0
    assert conn.execute("SELECT count(*) AS n FROM users WHERE email = 'c0@test.example'").fetchone()["n"] == 0
    row = conn.execute("SELECT candidate_id, cover_letter, anonymous_facts FROM applications WHERE id = %s",
                       (person["application_id"],)).fetchone()
    assert row["candidate_id"] is None and row["cover_letter"] is None
    assert row["anonymous_facts"] == {"career_stage": "R2", "gender": "woman", "age_band": "under_36", "nationality": "foreign",
                                      "origin": "unknown"}  # no residence history was given
    notes = conn.execute("SELECT note FROM application_events WHERE application_id = %s", (person["application_id"],)).fetchall()
    assert all(n["note"] is None for n in notes)

    # The old token no longer works, and signing in fails.
    assert client.get("/candidates/me", headers=person["headers"]).status_code == 401
    assert client.post("/auth/token", data={"username": "c0@test.example", "password": "correct horse battery"}).status_code == 401
    # The HR office still sees the hire, without a person behind it.
    seen = client.get(f"/applications/{person['application_id']}", headers=hiring["hr"]).json()
    assert seen["stage"] == "hired" and seen["candidate_id"] is None and seen["candidate"] is None


def test_hub_overview_suppresses_small_cells(client, hiring):
    overview = client.get("/hub/overview", headers=hiring["hub"]).json()
    # 6 applications: 4 applied, 1 hired, 1 rejected. The small cells are hidden, and since the
    # total is shown, hiding them leaves nothing to recover by subtraction.
    assert overview["applications"] == {"total": 6, "cells": {"applied": None, "hired": None, "rejected": None}}
    # One hire: the cell is hidden and so is the total, which would give it back.
    assert overview["hires"] == {"total": None, "cells": {"Institution A": None}}


def test_hiring_fills_position_when_openings_are_taken(client, conn, hiring):
    position_id = hiring["position"]["id"]
    hr = hiring["hr"]
    for person in hiring["people"][2:4]:
        for stage in ("offer",):
            client.post(f"/applications/{person['application_id']}/stage", json={"stage": stage}, headers=hr)
        status_before = client.get(f"/positions/{position_id}", headers=hr).json()["status"]
        assert status_before == "open"
        response = client.post(f"/applications/{person['application_id']}/stage",
                               json={"stage": "hired", "start_date": "2027-01-10"}, headers=hr)
        assert response.status_code == 200, response.text
    assert client.get(f"/positions/{position_id}", headers=hr).json()["status"] == "filled"


def test_events_record_every_stage_change_in_order(client, hiring):
    person = hiring["people"][0]
    events = client.get(f"/applications/{person['application_id']}/events", headers=person["headers"]).json()
    assert [(e["from_stage"], e["to_stage"]) for e in events] == [
        (None, "applied"), ("applied", "screening"), ("screening", "interview"), ("interview", "offer"), ("offer", "hired")]
    assert events[-1]["note"] == "Welcome, Person 0"
    times = [e["changed_at"] for e in events]
    assert times == sorted(times)


def test_candidate_withdraws_own_application(client, hiring):
    person = hiring["people"][2]
    response = client.post(f"/applications/{person['application_id']}/stage", json={"stage": "withdrawn"},
                           headers=person["headers"])
    assert response.status_code == 200 and response.json()["stage"] == "withdrawn"
