"""Which channel works (issue 13): an application keeps the channel of the link its candidate followed,
and the hub sees applications, hires and attracted hires by channel, protected like every count of people."""
import re
from datetime import date, timedelta
from html import unescape

import pytest

from models.indicators import quarter_start
from service.queries import candidates
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


@pytest.fixture
def ecosystem(app, conn):
    eco = make_ecosystem(conn)  # regions ITC3, ITC4
    institution = make_institution(conn, eco["id"], "University A")
    position = make_position(conn, institution["id"], openings=40)
    hr = bearer(app, make_user(conn, "hr", "hr@channels.example", institution_id=institution["id"]))
    hub_user = make_user(conn, "hub", "hub@channels.example")
    return {"position": position, "hr": hr, "hub": bearer(app, hub_user), "hub_user": hub_user}


def test_an_application_records_the_channel_it_came_through(app, conn, client, ecosystem):
    user, _ = make_candidate(conn, "alerted@channels.example")
    position_id = ecosystem["position"]["id"]
    refused = client.post("/applications", json={"position_id": position_id, "channel": "pigeon"}, headers=bearer(app, user))
    assert refused.status_code == 422 and "channel" in refused.text
    assert client.get("/applications", headers=bearer(app, user)).json()["total"] == 0  # nothing half-written
    made = client.post("/applications", json={"position_id": position_id, "channel": "alert"}, headers=bearer(app, user))
    assert made.status_code == 201, made.text
    assert made.json()["channel"] == "alert"
    other, _ = make_candidate(conn, "typed@channels.example")
    assert client.post("/applications", json={"position_id": position_id}, headers=bearer(app, other)).json()["channel"] == "direct"


def test_the_position_page_hands_the_link_s_channel_to_the_application(app, conn, client, ecosystem):
    position_id = ecosystem["position"]["id"]
    anonymous = client.get(f"/app/positions/{position_id}?channel=feed")
    assert f"/app/signin?next=/app/positions/{position_id}%3Fchannel%3Dfeed" in unescape(anonymous.text)
    user, _ = make_candidate(conn, "feed@channels.example")
    sign_in_pages(client, app, user)
    shown = client.get(f"/app/positions/{position_id}?channel=feed")
    assert 'name="channel" value="feed"' in shown.text
    # A made-up channel is read as direct: the reader still sees the position.
    assert 'name="channel" value="direct"' in client.get(f"/app/positions/{position_id}?channel=%3Cscript%3E").text
    applied = client.post(f"/app/positions/{position_id}/apply", follow_redirects=False,
                          data={"channel": "feed", "cover_letter": "", **csrf(client, f"/app/positions/{position_id}")})
    assert applied.status_code == 303
    mine = client.get("/applications", headers=bearer(app, user)).json()["items"]
    assert [(a["position_id"], a["channel"]) for a in mine] == [(position_id, "feed")]


def test_registering_from_a_position_returns_to_it_with_its_channel(conn, client, ecosystem):
    position_id = ecosystem["position"]["id"]
    next_url = f"/app/positions/{position_id}?channel=search_engine"
    form = client.get("/app/register", params={"next": next_url})
    assert f'name="next" value="/app/positions/{position_id}?channel=search_engine"' in unescape(form.text)
    made = client.post("/app/register", follow_redirects=False, data={
        "full_name": "Ana Costa", "email": "ana@channels.example", "password": "a long enough password",
        "consent": "on", "next": next_url, **csrf(client, "/app/register")})
    assert made.status_code == 303 and made.headers["location"] == next_url
    # An address off the site is not followed.
    form = client.get("/app/register", params={"next": "//evil.example/x"})
    assert 'name="next"' not in form.text


def _hire(app, client, conn, ecosystem, n: int, channel: str, abroad: bool, start: date) -> None:
    for _ in range(n):
        email = f"c{next(_counter)}@channels.example"
        user, candidate_id = make_candidate(conn, email, nationality="FR" if abroad else "IT")
        country, region = ("FR", None) if abroad else ("IT", "ITC3")
        candidates.replace_places(conn, candidate_id, [
            {"kind": "residence", "country": country, "region": region, "start_date": date(2015, 1, 1),
             "end_date": start - timedelta(days=1)},
            {"kind": "residence", "country": "IT", "region": "ITC3", "start_date": start}])
        application_id = make_application(conn, ecosystem["position"]["id"], candidate_id, user["id"], channel)
        for body in ({"stage": "offer"}, {"stage": "hired", "start_date": start.isoformat()}):
            assert client.post(f"/applications/{application_id}/stage", json=body, headers=ecosystem["hr"]).status_code == 200


_counter = iter(range(10_000))


def test_the_hub_sees_applications_hires_and_attracted_hires_by_channel_with_small_counts_hidden(app, conn, client, ecosystem):
    start = quarter_start(date.today())
    _hire(app, client, conn, ecosystem, 6, "alert", abroad=True, start=start)
    _hire(app, client, conn, ecosystem, 7, "portal", abroad=False, start=start)
    _hire(app, client, conn, ecosystem, 6, "search_engine", abroad=False, start=start)
    for i, channel in enumerate(["alert"] * 5 + ["feed"] * 2):  # applied, not hired
        user, candidate_id = make_candidate(conn, f"applied{i}@channels.example")
        make_application(conn, ecosystem["position"]["id"], candidate_id, user["id"], channel)

    report = client.get("/hub/channels", headers=ecosystem["hub"])
    assert report.status_code == 200, report.text
    quarter = next(q for q in report.json()["quarters"] if q["quarter"] == start.isoformat())
    by = quarter["channels"]
    assert by["alert"] == {"applications": 11, "hires": 6, "attracted_hires": 6}
    assert by["portal"] == {"applications": 7, "hires": 7, "attracted_hires": 0}
    assert by["direct"] == {"applications": 0, "hires": 0, "attracted_hires": 0}  # zero names nobody
    # Two applications from feeds: hidden, and so is the smallest neighbour (search engines, 6), so
    # that the quarter's total minus what is shown cannot give them back.
    assert by["feed"] == {"applications": None, "hires": 0, "attracted_hires": 0}
    assert by["search_engine"] == {"applications": None, "hires": 6, "attracted_hires": 0}
    assert quarter["applications"] == 26 and quarter["hires"] == 19
    # Months are totals across channels only; they add up to the quarter.
    assert sum(m["applications"] for m in quarter["months"]) == 26
    totals = report.json()["totals"]["channels"]
    assert totals["alert"]["applications"] == 11 and totals["feed"]["applications"] is None
    # The dashboard says "hidden" for a hidden count (not "–", which it writes for what does not apply).
    sign_in_pages(client, app, ecosystem["hub_user"])
    row = re.search(r'<tr data-quarter="%s">(.*?)</tr>' % start.isoformat(), client.get("/app/hub").text, re.S).group(1)
    assert re.search(r'data-channel="feed"><span class="muted">hidden</span>', row)
    assert re.search(r'data-channel="alert">11<', row)


def test_only_the_hub_sees_the_channels(app, conn, client, ecosystem):
    assert client.get("/hub/channels", headers=ecosystem["hr"]).status_code == 403
    assert client.get("/hub/channels").status_code == 401
    assert client.get("/hub/channels", params={"start": "2026-05-01", "end": "2026-01-01"},
                      headers=ecosystem["hub"]).status_code == 422
