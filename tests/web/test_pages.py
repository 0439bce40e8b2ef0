"""Page behaviour that needs no browser: the access rules, form errors, and that a refused change
leaves nothing behind (pages call the API's handlers inside a savepoint)."""
import io

import pytest

from tests.factories import (
    csrf,
    make_application,
    make_candidate,
    make_ecosystem,
    make_institution,
    make_position,
    make_user,
    sign_in_pages,
)


@pytest.fixture
def world(conn):
    ecosystem = make_ecosystem(conn)
    genova = make_institution(conn, ecosystem["id"], "Università di Genova")
    milano = make_institution(conn, ecosystem["id"], "Politecnico di Milano", region="ITC4", city="Milano")
    return {
        "genova": genova, "milano": milano,
        "hr_genova": make_user(conn, "hr", "hr@unige.example", institution_id=genova["id"]),
        "open_milano": make_position(conn, milano["id"], title_en="Open call in Milano"),
        "draft_milano": make_position(conn, milano["id"], title_en="Draft call in Milano", status="draft"),
        "own": make_position(conn, genova["id"], title_en="Genova call"),
    }


def count_positions(conn, institution_id: int) -> int:
    return conn.execute("SELECT count(*) AS n FROM positions WHERE institution_id = %s", (institution_id,)).fetchone()["n"]


def test_pages_need_sign_in_and_come_back_after_it(client):
    response = client.get("/app/profile?welcome=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/app/signin?next=/app/profile%3Fwelcome%3D1"


def test_sign_in_never_sends_the_browser_to_another_site(client, conn, app):
    from tests.factories import PASSWORD
    make_user(conn, "hub", "hub@hub.example")
    response = client.post("/app/signin", follow_redirects=False,
                           data={"email": "hub@hub.example", "password": PASSWORD, "next": "//evil.example/x", **csrf(client)})
    assert response.status_code == 303 and response.headers["location"] == "/app"  # which sends the hub to /app/hub
    assert "httponly" in response.headers["set-cookie"].lower() and "samesite=lax" in response.headers["set-cookie"].lower()
    response = client.post("/app/signin", follow_redirects=False,
                           data={"email": "hub@hub.example", "password": PASSWORD, "next": "/\\evil.example", **csrf(client)})
    assert response.headers["location"] == "/app"


def test_hr_officer_sees_other_institutions_only_as_the_public_does(client, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    assert client.get(f"/app/positions/{world['open_milano']['id']}").status_code == 200  # public, as in the API
    assert client.get(f"/app/positions/{world['draft_milano']['id']}").status_code == 404
    for path in ("", "/edit", "/candidates", "/applications", "/close"):
        assert client.get(f"/app/hr/positions/{world['open_milano']['id']}{path}").status_code == 404, path
    response = client.post(f"/app/hr/positions/{world['open_milano']['id']}/close", data=csrf(client))
    assert response.status_code == 404
    listing = client.get("/app/hr/positions").text
    assert "Genova call" in listing and "Milano" not in listing


def test_roles_cannot_open_each_others_pages(client, app, conn, world):
    user, _ = make_candidate(conn, "c@example.org")
    sign_in_pages(client, app, user)
    for path in ("/app/hub", "/app/hr/positions", "/app/hr/import", "/app/hub/charts/roles.png"):
        response = client.get(path)
        assert response.status_code == 403 and "Only" in response.text, path


def test_the_menu_offers_each_role_only_pages_it_may_open(client, app, conn):
    menus = {}
    for role in ("hub", "admin"):
        client.cookies.clear()
        sign_in_pages(client, app, make_user(conn, role, f"{role}@example.org"))
        menus[role] = client.get("/app/signin?next=/app").text.split("</nav>")[0]
    assert 'href="/app/hub"' in menus["hub"] and 'href="/docs"' not in menus["hub"]
    assert 'href="/app/hub"' not in menus["admin"] and 'href="/docs"' in menus["admin"]


def test_a_refused_all_or_nothing_import_leaves_no_position(client, app, conn, world):
    sign_in_pages(client, app, world["hr_genova"])
    before = count_positions(conn, world["genova"]["id"])
    csv = ("title_en,description_en,career_stage,contract_type,salary_min\n"
           "Good row,A fine description,R2,rtt,40000\n"
           "Bad row,Another description,R9,rtt,40000\n")
    response = client.post("/app/hr/import", data={"mode": "all_or_nothing", **csrf(client)},
                           files={"file": ("calls.csv", io.BytesIO(csv.encode()), "text/csv")})
    assert response.status_code == 422
    assert "Nothing was imported" in response.text and "career_stage" in response.text
    assert count_positions(conn, world["genova"]["id"]) == before

    response = client.post("/app/hr/import", data={"mode": "per_row", **csrf(client)},
                           files={"file": ("calls.csv", io.BytesIO(csv.encode()), "text/csv")})
    assert response.status_code == 200 and "1 position imported (of 2 in the file)" in response.text
    assert count_positions(conn, world["genova"]["id"]) == before + 1


def test_position_form_errors_stand_next_to_their_fields_and_keep_the_input(client, app, conn, world):
    sign_in_pages(client, app, world["hr_genova"])
    before = count_positions(conn, world["genova"]["id"])
    form = {"title_en": "Kept title", "description_en": "Kept description", "career_stage": "R2", "contract_type": "rtt",
            "salary_min": "-3", "monthly_payments": "12", "action": "save"}
    response = client.post("/app/hr/positions/new", data=form | csrf(client))
    assert response.status_code == 422
    assert 'id="f-salary_min-error"' in response.text and "Enter a number above 0." in response.text
    assert 'value="Kept title"' in response.text
    form |= {"salary_min": "50000", "salary_max": "40000"}
    response = client.post("/app/hr/positions/new", data=form | csrf(client))
    assert response.status_code == 422 and "salary_min (50,000) is above salary_max (40,000)" in response.text
    assert count_positions(conn, world["genova"]["id"]) == before


def test_profile_errors_point_at_the_history_row_and_save_nothing(client, app, conn):
    user, candidate_id = make_candidate(conn, "c@example.org", headline="Before")
    sign_in_pages(client, app, user)
    form = {"full_name": "Giulia Rossi", "email": "c@example.org", "headline": "After", "place-rows": "1",
            "place-0-kind": "residence", "place-0-country": "FR", "place-0-start_date": "2024-05-01",
            "place-0-end_date": "2023-01-01", "language-rows": "0"}
    response = client.post("/app/profile", data=form | csrf(client))
    assert response.status_code == 422 and "end_date (1 Jan 2023) is before start_date (1 May 2024)" in response.text  # dates the page language's way
    headline = conn.execute("SELECT headline FROM candidates WHERE id = %s", (candidate_id,)).fetchone()["headline"]
    assert headline == "Before"
    form["place-0-end_date"] = ""
    assert client.post("/app/profile", data=form | csrf(client), follow_redirects=False).status_code == 303
    places = conn.execute("SELECT country FROM candidate_places WHERE candidate_id = %s", (candidate_id,)).fetchall()
    assert [p["country"] for p in places] == ["FR"]


def test_pipeline_shows_who_applied_and_moves_them(client, app, conn, world):
    candidate, candidate_id = make_candidate(conn, "anna@example.org", full_name="Anna Bianchi")
    application_id = make_application(conn, world["own"]["id"], candidate_id, candidate["id"])
    sign_in_pages(client, app, world["hr_genova"])
    page = client.get(f"/app/hr/positions/{world['own']['id']}/applications")
    assert "Anna Bianchi" in page.text and "anna@example.org" in page.text
    response = client.post(f"/app/hr/applications/{application_id}/stage", data={"stage": "interview", **csrf(client)},
                           follow_redirects=False)
    assert response.status_code == 303
    stage = conn.execute("SELECT stage FROM applications WHERE id = %s", (application_id,)).fetchone()["stage"]
    assert stage == "interview"
    refused = client.post(f"/app/hr/applications/{application_id}/stage", data={"stage": "hired", "start_date": "2027-01-01", **csrf(client)})
    assert refused.status_code == 422 and 'role="alert"' in refused.text  # a hire needs an offer first: no confirmation asked
    asked = client.post(f"/app/hr/applications/{application_id}/stage", data={"stage": "rejected", "note": "not now", **csrf(client)})
    assert asked.status_code == 200 and "Reject the application?" in asked.text and 'value="not now"' in asked.text
    assert conn.execute("SELECT stage FROM applications WHERE id = %s", (application_id,)).fetchone()["stage"] == "interview"
    confirmed = client.post(f"/app/hr/applications/{application_id}/stage",
                            data={"stage": "rejected", "note": "not now", "confirmed": "yes", **csrf(client)},
                            follow_redirects=False)
    assert confirmed.status_code == 303
    assert conn.execute("SELECT stage FROM applications WHERE id = %s", (application_id,)).fetchone()["stage"] == "rejected"


def test_candidates_see_only_their_own_applications(client, app, conn, world):
    anna, anna_id = make_candidate(conn, "anna@example.org")
    bruno, _ = make_candidate(conn, "bruno@example.org")
    application_id = make_application(conn, world["own"]["id"], anna_id, anna["id"])
    sign_in_pages(client, app, bruno)
    assert "Genova call" not in client.get("/app/applications").text
    assert client.get(f"/app/applications/{application_id}/withdraw").status_code == 404
    assert client.post(f"/app/applications/{application_id}/withdraw", data=csrf(client)).status_code == 404
    stage = conn.execute("SELECT stage FROM applications WHERE id = %s", (application_id,)).fetchone()["stage"]
    assert stage == "applied"


def test_signing_out_needs_a_post_and_clears_the_session(client, app, conn):
    user, _ = make_candidate(conn, "c@example.org")
    sign_in_pages(client, app, user)
    assert client.get("/app/signout").status_code == 405
    response = client.post("/app/signout", data=csrf(client), follow_redirects=False)
    assert response.status_code == 303 and 'ecotalent_session=""' in response.headers["set-cookie"]


def test_a_page_that_fails_answers_with_a_page_not_json(client):
    missing = client.get("/app/no-such-page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "Not found" in missing.text
    bad_query = client.get("/app/applications?offset=many", follow_redirects=False)
    assert bad_query.status_code in (303, 422)  # signed out: to sign in first
    api = client.get("/no-such-endpoint")
    assert api.status_code == 404 and api.json() == {"detail": "Not Found"}  # the API still answers JSON


def test_a_bad_query_on_a_page_is_explained_on_a_page(client, app, conn):
    user, _ = make_candidate(conn, "c@example.org")
    sign_in_pages(client, app, user)
    response = client.get("/app/applications?offset=many")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "valid integer" in response.text


def test_hr_officer_edits_then_closes_own_position(client, app, conn, world):
    sign_in_pages(client, app, world["hr_genova"])
    position_id = world["own"]["id"]
    form = client.get(f"/app/hr/positions/{position_id}/edit").text
    assert 'value="Genova call"' in form
    edited = {"title_en": "Genova call, renamed", "description_en": "Research on machine learning for energy grids.",
              "career_stage": "R2", "contract_type": "contratto_di_ricerca", "salary_min": "30000",
              "salary_period": "year", "salary_basis": "gross_person", "monthly_payments": "13", "status": "open",
              "deadline": world["own"]["deadline"].isoformat(), "fields": ["computer_science"], "action": "save"}
    response = client.post(f"/app/hr/positions/{position_id}/edit", data=edited | csrf(client), follow_redirects=False)
    assert response.status_code == 303
    row = conn.execute("SELECT title_en, monthly_payments, status FROM positions WHERE id = %s", (position_id,)).fetchone()
    assert row == {"title_en": "Genova call, renamed", "monthly_payments": 13, "status": "open"}

    assert "Close this position?" in client.get(f"/app/hr/positions/{position_id}/close").text
    assert client.post(f"/app/hr/positions/{position_id}/close", data=csrf(client), follow_redirects=False).status_code == 303
    assert conn.execute("SELECT status FROM positions WHERE id = %s", (position_id,)).fetchone()["status"] == "closed"


def test_hub_export_explains_a_wrong_quarter(client, app, conn):
    sign_in_pages(client, app, make_user(conn, "hub", "hub@hub.example"))
    response = client.get("/app/hub/indicators.csv?first=2026-Q5&last=2026-Q4")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    exported = client.get("/app/hub/indicators.csv?first=2026-Q1&last=2026-Q2")
    assert exported.status_code == 200 and exported.text.startswith("quarter,")


def test_salary_check_fragment_waits_for_what_it_needs(client, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    incomplete = client.post("/app/hr/salary-check", data={"title_en": "Only a title", "salary_min": "20000", **csrf(client)})
    assert incomplete.status_code == 200 and incomplete.text == ""
    complete = client.post("/app/hr/salary-check", data={"contract_type": "rtt", "career_stage": "R2", "salary_min": "20000",
                                                         "monthly_payments": "12", **csrf(client)})

    assert complete.status_code == 200 and "Salary check" in complete.text and "<html" not in complete.text
