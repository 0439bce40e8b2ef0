"""The hub's hiring-gap view through the API, on the demo ecosystem."""
from datetime import date, timedelta

from models.indicators import quarter_start
from seeds import demo, load
from tests.factories import bearer, make_user


def test_gap_on_the_demo(client, conn, app):
    data = demo.generate(seed=7)
    load.load(conn, data, "not-a-real-hash", show_progress=False)
    hub = bearer(app, make_user(conn, "hub", "hub.gap@test.example"))
    report = client.get("/hub/gap", params={"by": "institution", "start": (date.today() - timedelta(days=730)).isoformat()},
                        headers=hub).json()
    # The period is widened to whole quarters (models.privacy): 27 months, some still to come.
    first, last = date.fromisoformat(report["period"]["start"]), date.fromisoformat(report["period"]["end"])
    assert first == quarter_start(date.today() - timedelta(days=730)) and last >= date.today()
    opened = sum(1 for p in data.positions if p["status"] != "draft" and first <= p["opening_date"] <= last)
    assert report["total"]["positions_opened"] == opened
    assert set(report["by_cut"]) == {i["name"] for i in data.institutions}
    assert len(report["monthly"]) == 27
    assert sum(m["positions_opened"] for m in report["monthly"]) == opened
    # Hires over the period are shown only when every quarter shows its own (models.privacy, periods).
    per_quarter = conn.execute(
        "SELECT date_trunc('quarter', changed_at)::date AS q, count(*) AS n FROM application_events"
        " WHERE to_stage = 'hired' AND changed_at::date BETWEEN %s AND %s GROUP BY 1", (first, last)).fetchall()
    small_quarter = any(0 < r["n"] < 5 for r in per_quarter)
    assert (report["total"]["hires"] is None) == small_quarter
    if not small_quarter:
        assert 0 < report["total"]["fill_rate"] < 1
    recent = client.get("/hub/gap", params={"start": (date.today() - timedelta(days=200)).isoformat()}, headers=hub).json()
    assert 0 < recent["total"]["fill_rate"] < 1
    assert report["total"]["unfilled_past_deadline"] > 0
    assert report["total"]["openings_per_active_candidate"] is not None


def test_gap_access_and_bad_input(client, conn, app):
    hub = bearer(app, make_user(conn, "hub", "hub.gap@test.example"))
    assert client.get("/hub/gap").status_code == 401
    assert client.get("/hub/gap", params={"by": "colour"}, headers=hub).status_code == 422
    assert client.get("/hub/gap", params={"start": "2026-05-01", "end": "2026-01-01"}, headers=hub).status_code == 422
