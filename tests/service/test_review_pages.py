"""The HR review pages (issue 14, items 1 and 2): an application's page, ratings, the board's bulk actions,
applicant counts and sorting in the positions list, the ranking's filters kept in the pager, and the
candidate's CV upload with the text confirmed before it is saved."""
import re
from html import unescape

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
from tests.pdfs import pdf_with_text


@pytest.fixture
def office(app, conn):
    eco = make_ecosystem(conn)
    institution = make_institution(conn, eco["id"], "University A")
    other = make_institution(conn, eco["id"], "University B")
    position = make_position(conn, institution["id"], title_en="Postdoc in grids")
    quiet = make_position(conn, institution["id"], title_en="Quiet post")
    hr = make_user(conn, "hr", "hr@rp.example", institution_id=institution["id"])
    other_hr = make_user(conn, "hr", "hr@rpother.example", institution_id=other["id"])
    hub = make_user(conn, "hub", "hub@rp.example")
    people = []
    for n, name in enumerate(("Anna Bianchi", "Bruno Verdi", "Carla Neri")):
        user, candidate_id = make_candidate(conn, f"p{n}@rp.example", full_name=name, skills=["python"],
                                            fields=["computer_science"], career_stage="R2", current_region="ITC3",
                                            years_experience=n * 4, cv_text=f"CV of {name}: grids and python.")
        application_id = make_application(conn, position["id"], candidate_id, user["id"])
        people.append({"user": user, "candidate_id": candidate_id, "application_id": application_id})
    conn.execute("UPDATE applications SET cover_letter = 'I love power grids.' WHERE id = %s",
                 (people[0]["application_id"],))
    return {"position": position, "quiet": quiet, "hr": hr, "other_hr": other_hr, "hub": hub, "people": people}


def test_the_review_page_shows_cv_letter_fit_history_and_takes_a_rating(app, client, office):
    sign_in_pages(client, app, office["hr"])
    first = office["people"][0]["application_id"]
    page = client.get(f"/app/hr/applications/{first}")
    assert page.status_code == 200, page.text
    text = unescape(page.text)
    assert "CV of Anna Bianchi: grids and python." in text and "I love power grids." in text
    assert "Fit to the position" in text and "Missing skills" in text and "machine learning" in text
    assert "by the candidate" in text and "Download the CV file" not in text
    rated = client.post(f"/app/hr/applications/{first}/rating", data={"rating": "4", **csrf(client, f"/app/hr/applications/{first}")},
                        follow_redirects=False)
    assert rated.status_code == 303
    again = unescape(client.get(rated.headers["location"]).text)
    assert "4 stars of 5" in again and "by hr@rp.example" in again
    assert 'value="4" checked' in again
    refused = client.post(f"/app/hr/applications/{first}/rating", data={"rating": "9", **csrf(client, f"/app/hr/applications/{first}")})
    assert refused.status_code == 422 and "one to five stars" in refused.text
    board = unescape(client.get(f"/app/hr/positions/{office['position']['id']}/applications").text)
    assert 'aria-label="4 stars of 5"' in board and f'href="/app/hr/applications/{first}"' in board


def test_another_office_gets_404_and_the_hub_403(app, client, office):
    first = office["people"][0]["application_id"]
    sign_in_pages(client, app, office["other_hr"])
    for path in (f"/app/hr/applications/{first}", f"/app/hr/applications/{first}/cv"):
        assert client.get(path).status_code == 404, path
    token = csrf(client, "/app/hr/positions")
    assert client.post(f"/app/hr/applications/{first}/rating", data={"rating": "2", **token}).status_code == 404
    bulk = client.post(f"/app/hr/positions/{office['position']['id']}/applications/bulk",
                       data={"application_ids": [str(first)], "stage": "rejected", **token})
    assert bulk.status_code == 404
    client.cookies.clear()
    sign_in_pages(client, app, office["hub"])
    assert client.get(f"/app/hr/applications/{first}").status_code == 403


def test_the_board_rejects_two_in_one_action_with_the_message(app, client, conn, office):
    sign_in_pages(client, app, office["hr"])
    board_path = f"/app/hr/positions/{office['position']['id']}/applications"
    board = client.get(board_path).text
    ids = [p["application_id"] for p in office["people"]]
    assert all(f'form="bulk" name="application_ids" value="{i}"' in board for i in ids)
    done = client.post(f"{board_path}/bulk", follow_redirects=False, data={
        "application_ids": [str(ids[0]), str(ids[1])], "stage": "rejected", "note": "Closer profiles chosen",
        **csrf(client, board_path)})
    assert done.status_code == 303, done.text
    after = unescape(client.get(done.headers["location"]).text)
    assert "2 applications moved to “Rejected”." in after
    stages = {r["id"]: r["stage"] for r in conn.execute("SELECT id, stage FROM applications WHERE id = ANY(%s)", (ids,))}
    assert stages == {ids[0]: "rejected", ids[1]: "rejected", ids[2]: "applied"}
    notes = conn.execute("SELECT note FROM application_events WHERE application_id = %s AND to_stage = 'rejected'",
                         (ids[1],)).fetchone()
    assert notes["note"] == "Closer profiles chosen"


def test_a_bulk_action_that_cannot_all_happen_changes_nothing_and_says_why(app, client, conn, office):
    sign_in_pages(client, app, office["hr"])
    board_path = f"/app/hr/positions/{office['position']['id']}/applications"
    ids = [p["application_id"] for p in office["people"]]
    conn.execute("UPDATE applications SET stage = 'withdrawn' WHERE id = %s", (ids[2],))
    refused = client.post(f"{board_path}/bulk", data={"application_ids": [str(i) for i in ids], "stage": "interview",
                                                      **csrf(client, board_path)})
    assert refused.status_code == 409
    text = unescape(refused.text)
    assert "Nothing was changed: the application of Carla Neri" in text and "withdrawn" in text
    assert {r["stage"] for r in conn.execute("SELECT stage FROM applications WHERE id = ANY(%s)", (ids[:2],))} == {"applied"}
    nothing = client.post(f"{board_path}/bulk", data={"stage": "rejected", **csrf(client, board_path)})
    assert nothing.status_code == 422 and "Tick the applications" in nothing.text
    other_position = client.post(f"/app/hr/positions/{office['quiet']['id']}/applications/bulk",
                                 data={"application_ids": [str(ids[0])], "stage": "rejected", **csrf(client, board_path)})
    assert other_position.status_code == 409 and "another position" in unescape(other_position.text)
    hire = client.post(f"{board_path}/bulk", data={"application_ids": [str(ids[0])], "stage": "hired", **csrf(client, board_path)})
    assert hire.status_code == 422


def test_the_positions_list_counts_applications_and_sorts_by_them(app, client, office):
    sign_in_pages(client, app, office["hr"])
    listed = client.get("/app/hr/positions?sort=applications").text
    counts = re.findall(r'data-applications="(\d+)"', listed)
    assert counts == ["3", "0"]
    assert listed.index("Postdoc in grids") < listed.index("Quiet post")
    newest = client.get("/app/hr/positions?sort=newest").text
    assert newest.index("Quiet post") < newest.index("Postdoc in grids")
    assert client.get("/app/hr/positions?sort=nonsense").status_code == 200  # an unknown order: the default


def test_the_ranking_filters_and_keeps_them_in_the_pager(app, client, conn, office):
    for n in range(12):
        make_candidate(conn, f"extra{n}@rp.example", full_name=f"Extra {n}", skills=["python"], fields=["computer_science"],
                       career_stage="R2", current_region="ITC3", years_experience=5)
    sign_in_pages(client, app, office["hr"])
    path = f"/app/hr/positions/{office['position']['id']}/candidates"
    filtered = client.get(f"{path}?career_stage=R2&region=ITC3&min_years_experience=4&sort=experience")
    assert filtered.status_code == 200
    text = unescape(filtered.text)
    assert "Anna Bianchi" not in text  # 0 years: under the minimum
    assert "Carla Neri" in text and text.index("Carla Neri") < text.index("Extra")  # 8 years first
    assert 'href="/app/hr/positions/{}/candidates?career_stage=R2&amp;region=ITC3&amp;min_years_experience=4&amp;sort=experience&amp;offset=10"'.format(
        office["position"]["id"]) in filtered.text
    bad = client.get(f"{path}?min_years_experience=-3&region=XX")
    assert bad.status_code == 200 and "Anna Bianchi" in unescape(bad.text)


def test_a_candidate_uploads_a_pdf_and_confirms_its_text(app, client, conn, office):
    candidate = office["people"][0]
    sign_in_pages(client, app, candidate["user"])
    pdf = pdf_with_text(["Anna Bianchi", "Researcher in smart grids", "Python, Julia"])
    token = csrf(client, "/app/profile")
    read = client.post("/app/profile/cv", data=token, files={"file": ("anna.pdf", pdf, "application/pdf")})
    assert read.status_code == 200, read.text
    assert "Researcher in smart grids" in read.text and 'action="/app/profile/cv/confirm"' in read.text
    stored = conn.execute("SELECT cv_text FROM candidates WHERE id = %s", (candidate["candidate_id"],)).fetchone()
    assert stored["cv_text"] == "CV of Anna Bianchi: grids and python."  # not until confirmed
    confirmed = client.post("/app/profile/cv/confirm", follow_redirects=False,
                            data={"cv_text": "Anna Bianchi\nResearcher in smart grids\nPython, Julia", **token})
    assert confirmed.status_code == 303
    profile = unescape(client.get(confirmed.headers["location"]).text)
    assert "Researcher in smart grids" in profile and "anna.pdf" in profile
    assert client.get("/app/profile/cv").content == pdf

    client.cookies.clear()
    sign_in_pages(client, app, office["hr"])
    review = unescape(client.get(f"/app/hr/applications/{candidate['application_id']}").text)
    assert "Download the CV file (anna.pdf" in review
    assert client.get(f"/app/hr/applications/{candidate['application_id']}/cv").content == pdf


@pytest.mark.parametrize(("content", "status", "says"), [
    (b"just text", 422, "not a PDF"),
    (pdf_with_text(["x"], password="pw"), 422, "protected by a password"),
    (b"%PDF-1.4\n" + b"1" * (5 * 1024 * 1024), 413, "over 5 MiB"),
])
def test_a_refused_upload_says_why_on_the_profile(app, client, conn, office, content, status, says):
    sign_in_pages(client, app, office["people"][1]["user"])
    refused = client.post("/app/profile/cv", data=csrf(client, "/app/profile"),
                          files={"file": ("cv.pdf", content, "application/pdf")})
    assert refused.status_code == status
    assert says in unescape(refused.text) and 'aria-invalid="true"' in refused.text
    assert conn.execute("SELECT count(*) AS n FROM cv_files").fetchone()["n"] == 0


def test_the_italian_review_page_is_translated(app, client, office):
    sign_in_pages(client, app, office["hr"])
    client.cookies.set("lang", "it")
    text = unescape(client.get(f"/app/hr/applications/{office['people'][0]['application_id']}").text)
    assert "Lettera di presentazione" in text and "Valuta questa candidatura" in text
