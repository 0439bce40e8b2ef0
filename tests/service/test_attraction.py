"""The hub's attracted-talent view on a hand-built fixture: classes, cuts, suppression, erasure."""
from datetime import date, timedelta

import pytest

from service.queries import candidates
from tests.factories import (
    bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user,
)

START = date.today() - timedelta(days=30)


@pytest.fixture
def hires(app, conn, client):
    eco = make_ecosystem(conn)  # regions ITC3, ITC4
    inst = make_institution(conn, eco["id"], "University A")
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    position = make_position(conn, inst["id"], openings=10)
    people = []
    # Six from France, five local, one from Campania.
    histories = [("FR", [("FR", None)])] * 6 + [("IT", [("IT", "ITC3")])] * 5 + [("IT", [("IT", "ITF3")])]
    for i, (nationality, places) in enumerate(histories):
        user, candidate_id = make_candidate(conn, f"h{i}@test.example", nationality=nationality, gender="woman",
                                            birth_year=START.year - 30)
        candidates.replace_places(conn, candidate_id, [
            {"kind": "residence", "country": country, "region": region, "start_date": date(2015, 1, 1),
             "end_date": START - timedelta(days=1)} for country, region in places] + [
            {"kind": "residence", "country": "IT", "region": "ITC3", "start_date": START}])
        application_id = make_application(conn, position["id"], candidate_id, user["id"])
        for stage in ("offer",):
            client.post(f"/applications/{application_id}/stage", json={"stage": stage}, headers=hr)
        client.post(f"/applications/{application_id}/stage", json={"stage": "hired", "start_date": START.isoformat()}, headers=hr)
        people.append(bearer(app, user))
    return {"hub": bearer(app, make_user(conn, "hub", "hub@test.example")), "people": people}


def test_hires_are_classified_and_small_cells_hidden(client, hires):
    report = client.get("/hub/attracted", headers=hires["hub"]).json()
    totals = report["totals"]
    assert totals["cells"]["from_other_region"] is None  # one person: hidden
    # and a neighbour: 7 attracted are shown, so showing 6 from abroad would give the one back (7 - 6 - 0).
    assert totals["cells"]["from_abroad_foreign"] is None
    assert totals["cells"]["local"] == 5 and totals["total"] == 12
    assert report["attracted"]["cells"] == {"attracted": 7, "not_attracted": 5}
    # A class total is hidden, so the cuts show their row totals only (cells could be combined against it).
    assert report["cells"]["University A"]["total"] == 12
    assert set(report["cells"]["University A"]["cells"].values()) == {None}
    assert report["quotas"]["women"]["actual"] == 1.0  # 12 of 12, and no small group behind it
    assert report["quotas"]["under_36"]["target"] == 0.30
    # The fixture's contratto di ricerca is a research contract: 12 women researchers of 12.
    assert report["quotas"]["women_researchers_national_centres"] == {
        "actual": 1.0, "target": 0.40, "applies_to": "national centres; shown for every ecosystem's research contracts"}


def test_erasure_keeps_the_class(client, hires):
    before = client.get("/hub/attracted", headers=hires["hub"]).json()
    assert client.delete("/candidates/me", headers=hires["people"][0]).status_code == 200
    after = client.get("/hub/attracted", headers=hires["hub"]).json()
    assert after["totals"] == before["totals"]


@pytest.mark.parametrize("params", ["by=colour", "start_from=2026-05-01&start_to=2026-01-01", "start_from=yesterday"])
def test_bad_parameters_are_422(client, hires, params):
    assert client.get(f"/hub/attracted?{params}", headers=hires["hub"]).status_code == 422


def test_only_the_hub_sees_it(client, hires):
    assert client.get("/hub/attracted", headers=hires["people"][1]).status_code == 403
    assert client.get("/hub/attracted").status_code == 401
