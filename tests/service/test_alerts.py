"""Saved searches and their alerts: the positions opened since a search's last run that match it, in
one e-mail per search in the candidate's language, with why each fits and its link, never twice."""
import pytest

from service import alerts, outbox
from service.config import Settings
from service.embedding_worker import embed_pending
from service.mail import SmtpMailer
from service.matching import options_for
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_position
from tests.mail_server import smtp_server  # noqa: F401 (a fixture)

ML = dict(title_en="Postdoc in machine learning for energy grids",
          description_en="Deep learning models that forecast electricity demand on smart grids.",
          required_skills=["python", "machine learning", "pytorch"], fields=["computer_science"])
MARINE = dict(title_en="Researcher in marine biodiversity genomics",
              description_en="Sequencing of fish populations and coastal ecosystems in the Ligurian sea.",
              required_skills=["genomics", "bioinformatics", "field sampling"], fields=["biological_sciences"])


def embed_all(conn, embedder) -> None:
    while embed_pending(conn, embedder):
        pass


@pytest.fixture
def world(app, client, conn, embedder):
    eco = make_ecosystem(conn)
    uni = make_institution(conn, eco["id"], "University A")
    old = make_position(conn, uni["id"], **ML | {"title_en": "Older post in machine learning"})
    conn.execute("UPDATE positions SET opened_at = now() - interval '1 day' WHERE id = %s", (old["id"],))
    user, candidate_id = make_candidate(
        conn, "ml@alerts.example", full_name="Giulia Rossi", headline="Machine learning researcher",
        cv_text="PhD on neural networks for forecasting electricity load; python and pytorch every day.",
        skills=["python", "pytorch", "time series"], fields=["computer_science"], career_stage="R2",
        current_region="ITC3", languages=[{"language": "en", "level": "C1"}])
    embed_all(conn, embedder)
    return {"uni": uni, "old": old, "headers": bearer(app, user), "candidate_id": candidate_id}


def run(conn, app, embedder) -> alerts.RunSummary:
    settings = app.state.settings
    return alerts.run_due(conn, settings, options_for(settings, embedder, crowding=False), app.state.signing_key)


def queued(conn) -> list[dict]:
    return conn.execute("SELECT * FROM mail_outbox WHERE kind = 'alert' ORDER BY id").fetchall()


def make_due(conn) -> None:
    conn.execute("UPDATE saved_searches SET next_run_at = now()")


def test_saved_searches_are_the_candidates_own(client, app, conn, world):
    made = client.post("/candidates/me/saved-searches", headers=world["headers"],
                       json={"q": "machine learning", "regions": ["ITC3"], "frequency": "weekly", "language": "it"})
    assert made.status_code == 201, made.text
    saved = made.json()
    assert saved["q"] == "machine learning" and saved["regions"] == ["ITC3"] and saved["frequency"] == "weekly"
    listed = client.get("/candidates/me/saved-searches", headers=world["headers"]).json()["items"]
    assert [s["id"] for s in listed] == [saved["id"]]
    changed = client.patch(f"/candidates/me/saved-searches/{saved['id']}", headers=world["headers"], json={"frequency": "instant"})
    assert changed.status_code == 200 and changed.json()["frequency"] == "instant"
    other, _ = make_candidate(conn, "other@alerts.example")
    for method in ("get", "delete"):
        refused = getattr(client, method)(f"/candidates/me/saved-searches/{saved['id']}", headers=bearer(app, other))
        assert refused.status_code == 404 and refused.json()["code"] == "saved_search.not_found"
    bad = client.post("/candidates/me/saved-searches", headers=world["headers"], json={"q": "x", "frequency": "hourly"})
    assert bad.status_code == 422
    assert client.delete(f"/candidates/me/saved-searches/{saved['id']}", headers=world["headers"]).status_code == 204
    assert client.get("/candidates/me/saved-searches", headers=world["headers"]).json()["items"] == []


def test_a_new_matching_position_is_announced_once_in_one_email(client, app, conn, embedder, world):
    for body in ({"frequency": "instant"}, {"q": "machine learning", "frequency": "instant", "language": "it"}):
        assert client.post("/candidates/me/saved-searches", headers=world["headers"], json=body).status_code == 201
    new = make_position(conn, world["uni"]["id"], **ML)
    marine = make_position(conn, world["uni"]["id"], **MARINE)
    embed_all(conn, embedder)

    summary = run(conn, app, embedder)
    assert summary.searches == 2 and summary.emails == 2
    mails = queued(conn)
    matches, words = mails
    assert matches["recipient"] == "ml@alerts.example" and "1 new position" in matches["subject"]
    for mail in mails:  # the new post, with its link for the alert channel and why it fits; not the old one nor the marine one
        assert f"/app/positions/{new['id']}?channel=alert" in mail["body_text"]
        assert f"/app/positions/{marine['id']}" not in mail["body_text"]
        assert "Older post" not in mail["body_text"]
        assert mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/app/alerts/unsubscribe?token=" in mail["headers"]["List-Unsubscribe"]
    assert "Skills you have: python, pytorch." in matches["body_text"] and "Fit:" in matches["body_text"]
    assert "Location: " in matches["body_text"]
    assert "nuova posizione" in words["subject"] and "Competenze che hai: python, pytorch." in words["body_text"]

    make_due(conn)
    again = run(conn, app, embedder)  # nothing new: nothing sent
    assert again.searches == 2 and again.emails == 0 and len(queued(conn)) == 2

    newer = make_position(conn, world["uni"]["id"], **ML | {"title_en": "Research engineer in machine learning"})
    embed_all(conn, embedder)
    assert run(conn, app, embedder).emails == 0  # not due yet (instant: a minute after the last run)
    make_due(conn)
    assert run(conn, app, embedder).emails == 2
    latest = queued(conn)[2:]
    assert all(f"/app/positions/{newer['id']}" in m["body_text"] and f"/app/positions/{new['id']}?" not in m["body_text"]
               for m in latest)


def test_filters_of_a_saved_search_apply(client, app, conn, embedder, world):
    client.post("/candidates/me/saved-searches", headers=world["headers"],
                json={"q": "machine learning", "regions": ["ITC4"], "frequency": "instant"})
    make_position(conn, world["uni"]["id"], **ML)  # in ITC3
    embed_all(conn, embedder)
    assert run(conn, app, embedder).emails == 0


def test_the_alert_reaches_a_real_smtp_server_and_unsubscribes_in_one_click(client, app, conn, embedder, world,
                                                                             smtp_server):  # noqa: F811
    client.post("/candidates/me/saved-searches", headers=world["headers"], json={"frequency": "instant"})
    make_position(conn, world["uni"]["id"], **ML)
    embed_all(conn, embedder)
    run(conn, app, embedder)
    outbox.deliver_due(conn, SmtpMailer(smtp_server.host, smtp_server.port, starttls=False, timeout_s=5), Settings())
    [received] = smtp_server.messages
    assert received.recipients == ["ml@alerts.example"]
    link = received.message["List-Unsubscribe"].strip("<>")
    assert f"List-Unsubscribe: <{link}>".encode() in received.raw  # a URL mail clients can read, not encoded words
    path = link.removeprefix(app.state.settings.public_url.rstrip("/"))
    client.cookies.clear()  # the link works without signing in
    confirm = client.get(path)
    assert confirm.status_code == 200 and "<form" in confirm.text
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.get("/candidates/me/saved-searches", headers=world["headers"]).json()["items"] == []
    forged = client.post(path[:-3] + "abc", data={"List-Unsubscribe": "One-Click"})
    assert forged.status_code == 400


def test_an_email_lists_ten_counts_the_others_and_none_comes_back(client, app, conn, embedder, world):
    client.post("/candidates/me/saved-searches", headers=world["headers"], json={"q": "machine learning", "frequency": "instant"})
    made = [make_position(conn, world["uni"]["id"], **ML | {"title_en": f"Machine learning post {n}"})["id"] for n in range(12)]
    summary = run(conn, app, embedder)
    assert summary.emails == 1 and summary.announced == 12
    [mail] = queued(conn)
    assert "12 new positions" in mail["subject"] and "And 2 more new positions match" in mail["body_text"]
    assert sum(f"/app/positions/{i}?channel=alert" in mail["body_text"] for i in made) == 10
    make_due(conn)
    assert run(conn, app, embedder).emails == 0  # the two counted ones were announced too


def test_a_new_search_announces_only_positions_opened_after_it_was_saved(client, app, conn, embedder, world):
    recent = make_position(conn, world["uni"]["id"], **ML | {"title_en": "Machine learning post of half an hour ago"})
    conn.execute("UPDATE positions SET opened_at = now() - interval '30 minutes' WHERE id = %s", (recent["id"],))
    embed_all(conn, embedder)
    assert client.post("/candidates/me/saved-searches", headers=world["headers"],
                       json={"q": "machine learning", "frequency": "instant"}).status_code == 201
    make_due(conn)
    run(conn, app, embedder)
    assert queued(conn) == []  # what was open when the search was saved, its owner saw in the search itself
    fresh = make_position(conn, world["uni"]["id"], **ML | {"title_en": "Machine learning post opened just now"})
    embed_all(conn, embedder)
    make_due(conn)
    run(conn, app, embedder)
    [mail] = queued(conn)
    assert "opened just now" in mail["body_text"] and "half an hour ago" not in mail["body_text"]
    assert f"/app/positions/{fresh['id']}?channel=alert" in mail["body_text"]
