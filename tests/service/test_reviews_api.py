"""HR review of applications through the API (issue 14, item 1): the review with the fit and the history,
ratings, bulk stage changes all or nothing; only the office the application was sent to, never the hub."""
import pytest

from tests.factories import bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user


@pytest.fixture
def office(app, conn):
    eco = make_ecosystem(conn)
    institution = make_institution(conn, eco["id"], "University A")
    other = make_institution(conn, eco["id"], "University B")
    position = make_position(conn, institution["id"])
    hr = make_user(conn, "hr", "hr@reviews.example", institution_id=institution["id"])
    other_hr = make_user(conn, "hr", "hr@other.example", institution_id=other["id"])
    hub = make_user(conn, "hub", "hub@reviews.example")
    people = []
    for n, name in enumerate(("Anna Bianchi", "Bruno Verdi", "Carla Neri")):
        user, candidate_id = make_candidate(conn, f"c{n}@reviews.example", full_name=name, skills=["python"],
                                            fields=["computer_science"], career_stage="R2", cv_text="Grids and python.")
        people.append({"user": user, "candidate_id": candidate_id,
                       "application_id": make_application(conn, position["id"], candidate_id, user["id"])})
    return {"position": position, "hr": bearer(app, hr), "hr_user": hr, "other": bearer(app, other_hr),
            "hub": bearer(app, hub), "people": people}


def test_the_review_shows_profile_fit_and_who_moved_it(client, office):
    first = office["people"][0]["application_id"]
    moved = client.post(f"/applications/{first}/stage", json={"stage": "screening", "note": "Strong thesis"},
                        headers=office["hr"])
    assert moved.status_code == 200, moved.text
    review = client.get(f"/applications/{first}/review", headers=office["hr"])
    assert review.status_code == 200, review.text
    body = review.json()
    assert body["profile"]["full_name"] == "Anna Bianchi" and body["profile"]["cv_text"] == "Grids and python."
    assert "gender" not in body["profile"] and "birth_year" not in body["profile"]
    assert body["explanation"]["matched_skills"] == ["python"] and body["explanation"]["missing_skills"] == ["machine learning"]
    assert [(e["to_stage"], e["changed_by_role"], e["note"]) for e in body["history"]] == [
        ("applied", "candidate", None), ("screening", "hr", "Strong thesis")]
    assert body["history"][1]["changed_by_email"] == "hr@reviews.example"
    assert body["rating"]["rating"] is None and body["cv_file"] is None


def test_only_the_office_applied_to_reviews_and_rates(client, office):
    first = office["people"][0]["application_id"]
    for path in (f"/applications/{first}/review",):
        assert client.get(path, headers=office["other"]).status_code == 404
        assert client.get(path, headers=office["hub"]).status_code == 403
    assert client.put(f"/applications/{first}/rating", json={"rating": 4}, headers=office["other"]).status_code == 404
    assert client.put(f"/applications/{first}/rating", json={"rating": 4}, headers=office["hub"]).status_code == 403
    candidate = bearer(client.app, office["people"][0]["user"])
    assert client.put(f"/applications/{first}/rating", json={"rating": 4}, headers=candidate).status_code == 403
    assert client.get(f"/applications/{first}/review", headers=candidate).status_code == 403


def test_a_rating_is_one_to_five_stars_and_can_be_cleared(client, office):
    first = office["people"][0]["application_id"]
    rated = client.put(f"/applications/{first}/rating", json={"rating": 4}, headers=office["hr"])
    assert rated.status_code == 200 and rated.json()["rating"] == 4 and rated.json()["rated_by_email"] == "hr@reviews.example"
    for wrong in (0, 6, "five", 2.5):
        refused = client.put(f"/applications/{first}/rating", json={"rating": wrong}, headers=office["hr"])
        assert refused.status_code == 422, wrong
    assert client.get(f"/applications/{first}/review", headers=office["hr"]).json()["rating"]["rating"] == 4
    cleared = client.put(f"/applications/{first}/rating", json={"rating": None}, headers=office["hr"])
    assert cleared.json()["rating"] is None and cleared.json()["rated_at"] is None
    # the candidate does not see the office's rating on their application
    assert "rating" not in client.get(f"/applications/{first}", headers=bearer(client.app, office["people"][0]["user"])).json()


def test_bulk_reject_moves_all_with_the_message_in_each_history(client, office):
    ids = [p["application_id"] for p in office["people"][:2]]
    done = client.post("/applications/bulk-stage", json={"application_ids": ids, "stage": "rejected",
                                                          "note": "We chose a profile closer to the call."},
                       headers=office["hr"])
    assert done.status_code == 200, done.text
    assert [a["stage"] for a in done.json()["moved"]] == ["rejected", "rejected"]
    events = client.get(f"/applications/{ids[1]}/events", headers=office["hr"]).json()
    assert events[-1]["note"] == "We chose a profile closer to the call."
    assert client.get(f"/applications/{office['people'][2]['application_id']}", headers=office["hr"]).json()["stage"] == "applied"


def test_bulk_is_all_or_nothing_and_names_the_one_that_cannot_move(client, office):
    ids = [p["application_id"] for p in office["people"]]
    assert client.post(f"/applications/{ids[1]}/stage", json={"stage": "rejected"}, headers=office["hr"]).status_code == 200
    refused = client.post("/applications/bulk-stage", json={"application_ids": ids, "stage": "interview"},
                          headers=office["hr"])
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert body["code"] == "application.bulk_refused" and body["params"]["application_id"] == ids[1]
    assert body["params"]["name"] == "Bruno Verdi" and body["params"]["reason_code"] == "application.already_final"
    assert client.get(f"/applications/{ids[0]}", headers=office["hr"]).json()["stage"] == "applied"  # undone


def test_bulk_refuses_other_offices_applications_hires_repeats_and_the_hub(client, office):
    ids = [p["application_id"] for p in office["people"]]
    assert client.post("/applications/bulk-stage", json={"application_ids": ids, "stage": "rejected"},
                       headers=office["other"]).status_code == 404
    assert client.post("/applications/bulk-stage", json={"application_ids": ids, "stage": "rejected"},
                       headers=office["hub"]).status_code == 403
    for wrong in ({"application_ids": ids, "stage": "hired"}, {"application_ids": [], "stage": "rejected"},
                  {"application_ids": [ids[0], ids[0]], "stage": "rejected"},
                  {"application_ids": ids, "stage": "rejected", "note": "x" * 301}):
        answer = client.post("/applications/bulk-stage", json=wrong, headers=office["hr"])
        assert answer.status_code == 422, (wrong, answer.text)
    repeated = client.post("/applications/bulk-stage", json={"application_ids": [ids[0], ids[0]], "stage": "rejected"},
                           headers=office["hr"])
    assert repeated.json()["detail"][0]["code"] == "application.bulk_repeated"
    assert {client.get(f"/applications/{i}", headers=office["hr"]).json()["stage"] for i in ids} == {"applied"}


def test_erasure_takes_the_rating_and_an_erased_applicant_is_not_rated(client, conn, office):
    first = office["people"][0]
    assert client.put(f"/applications/{first['application_id']}/rating", json={"rating": 5}, headers=office["hr"]).status_code == 200
    assert client.delete("/candidates/me", headers=bearer(client.app, first["user"])).status_code == 200
    row = conn.execute("SELECT rating, rated_by, rated_at FROM applications WHERE id = %s", (first["application_id"],)).fetchone()
    assert row == {"rating": None, "rated_by": None, "rated_at": None}
    again = client.put(f"/applications/{first['application_id']}/rating", json={"rating": 3}, headers=office["hr"])
    assert again.status_code == 409 and again.json()["code"] == "review.erased"
    review = client.get(f"/applications/{first['application_id']}/review", headers=office["hr"]).json()
    assert review["profile"] is None and review["explanation"] is None and review["history"][0]["to_stage"] == "applied"
