"""HR invites (issue 13, item 5): an office invites a ranked candidate to apply to its open position; the
candidate sees it beside their applications, may turn invitations off, and an application from the
invitation's link counts for the "invite" channel."""
from html import unescape

import pytest

from service import outbox
from service.config import Settings
from service.mail import SmtpMailer
from tests.factories import (
    bearer,
    csrf,
    make_application,
    make_candidate,
    make_ecosystem,
    make_institution,
    make_position,
    make_user,
    sign_in_pages,
)
from tests.mail_server import smtp_server  # noqa: F401 (a fixture)


@pytest.fixture
def office(app, conn):
    eco = make_ecosystem(conn)
    institution = make_institution(conn, eco["id"], "University A")
    position = make_position(conn, institution["id"], title_it="Assegno in apprendimento automatico")
    user = make_user(conn, "hr", "hr@invites.example", institution_id=institution["id"])
    candidate, candidate_id = make_candidate(conn, "invited@invites.example", skills=["python", "machine learning"],
                                             fields=["computer_science"], career_stage="R2")
    return {"position": position, "hr": bearer(app, user), "hr_user": user, "candidate": candidate,
            "candidate_id": candidate_id, "institution": institution}


def _invite(client, office, **body):
    return client.post(f"/positions/{office['position']['id']}/invitations",
                       json={"candidate_id": office["candidate_id"]} | body, headers=office["hr"])


def test_an_office_invites_a_candidate_once_and_the_candidate_sees_it(app, client, office):
    made = _invite(client, office, message="Your thesis on grids fits us well.")
    assert made.status_code == 201, made.text
    assert made.json()["position_id"] == office["position"]["id"] and made.json()["applied"] is False
    again = _invite(client, office)
    assert again.status_code == 409 and again.json()["code"] == "invitation.duplicate"
    mine = client.get("/candidates/me/invitations", headers=bearer(app, office["candidate"])).json()
    assert [(v["position_id"], v["institution_name"], v["message"]) for v in mine] == [
        (office["position"]["id"], "University A", "Your thesis on grids fits us well.")]
    listed = client.get(f"/positions/{office['position']['id']}/invitations", headers=office["hr"]).json()
    assert [v["candidate_id"] for v in listed] == [office["candidate_id"]]


def test_a_candidate_who_turned_invitations_off_is_not_invited(app, client, office):
    headers = bearer(app, office["candidate"])
    assert client.patch("/candidates/me", json={"accepts_invitations": False}, headers=headers).json()["accepts_invitations"] is False
    refused = _invite(client, office)
    assert refused.status_code == 409 and refused.json()["code"] == "invitation.turned_off"
    assert client.get("/candidates/me/invitations", headers=headers).json() == []
    cleared = client.patch("/candidates/me", json={"accepts_invitations": None}, headers=headers)
    assert cleared.status_code == 422 and "accepts_invitations" in cleared.text


def test_no_invitation_to_a_closed_position_or_to_someone_who_applied(app, conn, client, office):
    make_application(conn, office["position"]["id"], office["candidate_id"], office["candidate"]["id"])
    assert _invite(client, office).json()["code"] == "invitation.already_applied"
    closed = make_position(conn, office["institution"]["id"], status="closed")
    refused = client.post(f"/positions/{closed['id']}/invitations", json={"candidate_id": office["candidate_id"]},
                          headers=office["hr"])
    assert refused.status_code == 409 and refused.json()["code"] == "invitation.position_not_open"
    nobody = client.post(f"/positions/{office['position']['id']}/invitations", json={"candidate_id": 987654},
                         headers=office["hr"])
    assert nobody.status_code == 404
    too_long = _invite(client, office, message="x" * 2001)
    assert too_long.status_code == 422


def test_erasing_the_profile_takes_its_invitations_and_e_mails(app, conn, client, office):
    assert _invite(client, office).status_code == 201
    assert conn.execute("SELECT count(*) AS n FROM mail_outbox WHERE recipient = 'invited@invites.example'"
                        ).fetchone()["n"] == 1
    assert client.get("/candidates/me/export", headers=bearer(app, office["candidate"])).json()["invitations"][0][
        "position_id"] == office["position"]["id"]
    assert client.delete("/candidates/me", headers=bearer(app, office["candidate"])).status_code == 200
    assert client.get(f"/positions/{office['position']['id']}/invitations", headers=office["hr"]).json() == []
    assert conn.execute("SELECT count(*) AS n FROM mail_outbox WHERE recipient = 'invited@invites.example'"
                        ).fetchone()["n"] == 0


def test_pages_invite_from_the_ranking_and_the_candidate_applies_through_the_invitation(app, conn, client, office):
    position_id = office["position"]["id"]
    sign_in_pages(client, app, office["hr_user"])
    ranking = client.get(f"/app/hr/positions/{position_id}/candidates")
    assert f'name="candidate_id" value="{office["candidate_id"]}"' in ranking.text
    sent = client.post(f"/app/hr/positions/{position_id}/invitations", follow_redirects=False, data={
        "candidate_id": str(office["candidate_id"]), "message": "Do apply", "back": "career_stage=R2&invited=9&offset=0",
        **csrf(client, f"/app/hr/positions/{position_id}/candidates")})
    assert sent.status_code == 303, sent.text
    # back to the ranking as it was filtered, the invitation's notice in view
    assert sent.headers["location"] == (f"/app/hr/positions/{position_id}/candidates?career_stage=R2&offset=0"
                                        f"&invited={office['candidate_id']}#candidate-{office['candidate_id']}")
    after = client.get(sent.headers["location"])
    assert f'data-invited="{office["candidate_id"]}"' in after.text
    assert f'name="candidate_id" value="{office["candidate_id"]}"' not in after.text  # no second invitation offered
    twice = client.post(f"/app/hr/positions/{position_id}/invitations", data={
        "candidate_id": str(office["candidate_id"]), **csrf(client, f"/app/hr/positions/{position_id}/candidates")})
    assert twice.status_code == 409
    assert client.post(f"/app/hr/positions/{position_id}/invitations", data={
        "candidate_id": "not a number", **csrf(client, f"/app/hr/positions/{position_id}/candidates")}).status_code == 422

    client.cookies.clear()
    sign_in_pages(client, app, office["candidate"])
    client.cookies.set("lang", "it")
    applications_page = unescape(client.get("/app/applications").text)
    assert f'href="/app/positions/{position_id}?channel=invite"' in applications_page
    assert "Assegno in apprendimento automatico" in applications_page and "Do apply" in applications_page
    link = f"/app/positions/{position_id}?channel=invite"
    assert 'name="channel" value="invite"' in client.get(link).text
    applied = client.post(f"/app/positions/{position_id}/apply", follow_redirects=False,
                          data={"channel": "invite", **csrf(client, link)})
    assert applied.status_code == 303
    assert client.get("/applications", headers=bearer(app, office["candidate"])).json()["items"][0]["channel"] == "invite"
    assert '<span class="tag good">' in client.get("/app/applications").text  # the invitation now says they applied


def test_the_invitation_e_mail_goes_out_once_in_the_candidate_s_language(app, conn, client, office, smtp_server):  # noqa: F811
    headers = bearer(app, office["candidate"])
    assert client.patch("/candidates/me", json={"language": "fr"}, headers=headers).status_code == 422
    assert client.patch("/candidates/me", json={"language": "it"}, headers=headers).json()["language"] == "it"
    assert _invite(client, office, message="Ci piacerebbe conoscerti.").status_code == 201
    mailer = SmtpMailer(smtp_server.host, smtp_server.port, starttls=False, timeout_s=5)
    settings = Settings(mail_from="ecotalent <hr@test.example>")
    assert outbox.deliver_due(conn, mailer, settings) == 1
    assert outbox.deliver_due(conn, mailer, settings) == 0  # nothing twice
    [received] = smtp_server.messages
    assert received.recipients == ["invited@invites.example"]
    assert received.message["Subject"] == "University A ti invita a candidarti: Assegno in apprendimento automatico"
    text = received.message.get_content()
    assert f"/app/positions/{office['position']['id']}?channel=invite" in text
    assert "Ci piacerebbe conoscerti." in text and "Giulia Rossi" in text


def test_registration_keeps_the_page_s_language_for_e_mails(app, conn, client):
    client.cookies.set("lang", "it")
    made = client.post("/app/register", follow_redirects=False, data={
        "full_name": "Lucia Neri", "email": "lucia@invites.example", "password": "a long enough password",
        "consent": "on", **csrf(client, "/app/register")})
    assert made.status_code == 303
    assert conn.execute("SELECT language FROM candidates WHERE email = 'lucia@invites.example'").fetchone()["language"] == "it"


def test_italian_pages_name_the_position_by_its_italian_title(app, conn, client, office):
    make_application(conn, office["position"]["id"], office["candidate_id"], office["candidate"]["id"])
    sign_in_pages(client, app, office["candidate"])
    client.cookies.set("lang", "it")
    assert "Assegno in apprendimento automatico" in client.get("/app/applications").text
    client.cookies.clear()
    sign_in_pages(client, app, office["hr_user"])
    client.cookies.set("lang", "it")
    for path in (f"/app/hr/positions/{office['position']['id']}/candidates",
                 f"/app/hr/positions/{office['position']['id']}/applications"):
        assert "Assegno in apprendimento automatico" in client.get(path).text, path
