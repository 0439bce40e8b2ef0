"""The recruitment twin on the demo ecosystem: its one-year backtest, the hub-only API as JSON and
CSV, refusals a person can act on, and the page."""
from datetime import date

import pytest

from seeds import demo, load
from service import jobs, twin
from service.queries import jobs as job_queries
from tests.factories import bearer, make_ecosystem, make_institution, make_user, sign_in_pages


@pytest.fixture
def demo_loaded(conn):
    load.load(conn, demo.generate(seed=7), "not-a-real-hash", show_progress=False)
    return conn


def test_the_backtest_covers_the_monthly_fills_of_the_last_year_in_at_least_8_of_12_months(demo_loaded):
    # Run by the lead on whatever demo is loaded: the twin started a year back, calibrated on the year before.
    report = twin.backtest(demo_loaded, runs=200, seed=1)
    assert len(report["months"]) == 12
    assert report["calibration"]["calibrated_to"] < report["start"]
    assert sum(m["actual"] for m in report["months"]) > 0
    assert report["months_inside"] >= 8, [(m["month"], m["low"], m["high"], m["actual"]) for m in report["months"]]


def test_the_hub_gets_quarters_with_bands_per_scenario_as_json_and_csv(client, demo_loaded, app):
    hub = bearer(app, make_user(demo_loaded, "hub", "hub.twin@test.example"))
    params = {"months": 6, "runs": 40, "scenario": ["pay_raise:25", "extend:30:1,2"]}
    report = client.get("/hub/twin", params=params, headers=hub).json()
    assert [s["scenario"] for s in report["scenarios"]] == ["baseline", "pay_raise:25", "extend:30:1,2"]
    first = report["scenarios"][0]["quarters"][0]
    for measure in ("filled", "unfilled", "attracted"):
        assert first[measure]["low"] <= first[measure]["mean"] <= first[measure]["high"]
    assert sum(q["months"] for q in report["scenarios"][0]["quarters"]) == 6
    baseline, raised = (s["total"]["filled"]["mean"] for s in report["scenarios"][:2])
    assert raised >= baseline
    assert client.get("/hub/twin", params=params, headers=hub).json() == report  # the same seed, the same figures
    csv = client.get("/hub/twin.csv", params=params | {"lang": "it"}, headers=hub)
    assert csv.status_code == 200 and csv.text.startswith("\ufeffscenario;quarter;months;measure")
    assert len(csv.text.strip().splitlines()) == 1 + 3 * len(report["scenarios"][0]["quarters"]) * 3


def test_others_are_refused_and_bad_scenarios_say_what_to_write(client, conn, app):
    institution = make_institution(conn, make_ecosystem(conn, "Twin test ecosystem")["id"], "Twin test university")
    hr = bearer(app, make_user(conn, "hr", "hr.twin@test.example", institution_id=institution["id"]))
    hub = bearer(app, make_user(conn, "hub", "hub.twin2@test.example"))
    assert client.get("/hub/twin").status_code == 401
    assert client.get("/hub/twin", headers=hr).status_code == 403
    assert client.get("/hub/twin.csv", headers=hr).status_code == 403
    assert client.get("/hub/twin/backtest", headers=hr).status_code == 403
    for bad, code in (("raise:10", "twin.scenario_unknown"), ("pay_raise:-5", "twin.scenario_bad_figure"),
                      (f"shared:{institution['id']}", "twin.shared_needs_two"), ("abroad:999999", "twin.scenario_unknown_institution"),
                      ("extend:x", "twin.scenario_bad_figure")):
        answer = client.get("/hub/twin", params={"scenario": bad, "runs": 5}, headers=hub)
        assert answer.status_code == 422, bad
        assert code in answer.text, (bad, answer.text)
    assert client.get("/hub/twin", params={"runs": 100000}, headers=hub).status_code == 422
    assert client.get("/hub/twin", params={"start": date(2026, 3, 5).isoformat(), "runs": 5}, headers=hub).status_code == 422


def test_the_backtest_api_hides_small_monthly_counts(client, demo_loaded, app):
    hub = bearer(app, make_user(demo_loaded, "hub", "hub.twin3@test.example"))
    report = client.get("/hub/twin/backtest", params={"runs": 50}, headers=hub).json()
    assert all(m["actual"] is None or m["actual"] >= 5 for m in report["months"])


def test_the_hub_page_shows_the_scenarios_and_the_backtest_in_italian(client, demo_loaded, app):
    sign_in_pages(client, app, make_user(demo_loaded, "hub", "hub.twin4@test.example"))
    page = client.get("/app/hub/twin", params={"raise_percent": "20", "months": "6"}, headers={"Accept-Language": "it"})
    assert page.status_code == 200
    assert "Gemello" in page.text and "pay_raise:20" in page.text
    chart = client.get("/app/hub/twin/chart.png", params={"raise_percent": "20", "months": "6"})
    assert chart.status_code == 200 and chart.content[:4] == b"\x89PNG"
    assert client.get("/app/hub/twin/backtest.png").content[:4] == b"\x89PNG"
    assert client.get("/app/hub/twin", params={"extend_days": "999"}).status_code == 422


def test_an_ecosystem_without_history_simulates_nothing_and_does_not_fail(client, conn, app):
    hub = bearer(app, make_user(conn, "hub", "hub.twin5@test.example"))
    report = client.get("/hub/twin", params={"runs": 10, "months": 3, "scenario": "pay_raise:10"}, headers=hub)
    assert report.status_code == 200, report.text
    assert all(q["filled"]["mean"] >= 0 for s in report.json()["scenarios"] for q in s["quarters"])
    assert client.get("/hub/twin/backtest", params={"runs": 10}, headers=hub).status_code == 200


def test_a_long_run_is_a_background_job_whose_result_is_the_simulation(client, demo_loaded, app):
    hub_row = make_user(demo_loaded, "hub", "hub.twinjob@test.example")
    hub = bearer(app, hub_row)
    queued = client.post("/hub/twin/runs", json={"months": 3, "runs": 20, "scenarios": ["pay_raise:10"]}, headers=hub)
    assert queued.status_code == 202 and queued.json()["status"] == "queued", queued.text
    claimed = job_queries.claim_next(demo_loaded, app.state.jobs.names)
    assert claimed["id"] == queued.json()["id"]
    ticks: list[tuple[int, int | None]] = []
    assert jobs.perform(demo_loaded, claimed, app.state.jobs, lambda done, total: ticks.append((done, total)))
    assert ticks and ticks[-1][0] == ticks[-1][1]  # the progress reaches its total
    done = client.get(f"/jobs/{claimed['id']}", headers=hub).json()
    assert done["status"] == "done", done
    direct = client.get("/hub/twin", params={"months": 3, "runs": 20, "scenario": ["pay_raise:10"]}, headers=hub).json()
    assert done["result"]["scenarios"] == direct["scenarios"] and done["result"]["start"] == direct["start"]


def test_a_twin_job_with_a_wrong_scenario_is_refused_when_queued(client, conn, app):
    institution = make_institution(conn, make_ecosystem(conn, "Twin job ecosystem")["id"], "Twin job university")
    hr = bearer(app, make_user(conn, "hr", "hr.twinjob@test.example", institution_id=institution["id"]))
    hub = bearer(app, make_user(conn, "hub", "hub.twinjob2@test.example"))
    assert client.post("/hub/twin/runs", json={}, headers=hr).status_code == 403
    wrong = client.post("/hub/twin/runs", json={"scenarios": ["raise:10"]}, headers=hub)
    assert wrong.status_code == 422 and "twin.scenario_unknown" in wrong.text
    assert client.post("/hub/twin/runs", json={"runs": 5000}, headers=hub).status_code == 422
    assert client.post("/hub/twin/runs", json={"months": 3, "colour": "red"}, headers=hub).status_code == 422
    assert job_queries.claim_next(conn, app.state.jobs.names) is None  # nothing was queued
