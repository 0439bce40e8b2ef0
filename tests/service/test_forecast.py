"""The fill forecast on the demo ecosystem: who may read it, what it says, the levers, the at-risk badge."""
from datetime import date, timedelta

import psycopg
import pytest
from psycopg.rows import dict_row

from seeds import demo, load
from service import forecast, salaries
from service.queries import forecast as queries
from tests.factories import (
    bearer,
    make_application,
    make_candidate,
    make_ecosystem,
    make_institution,
    make_position,
    make_user,
    sign_in_pages,
    with_session,
)


@pytest.fixture(scope="module")
def demo_fit(db_url, embedder):
    """Fitting is the slow part: the salary analysis and the forecast, once, on the demo in a rolled-back transaction."""
    data = demo.generate(seed=7)
    with psycopg.connect(db_url, row_factory=dict_row) as conn, conn.transaction(force_rollback=True):
        load.load(conn, data, "not-a-real-hash", show_progress=False)
        analysis = salaries.fit(conn)
        models = forecast.ForecastModels()
        models.current(conn, analysis.model, analysis.fingerprint, embedder.name, embedder.similarity_range)
        return data, analysis, models


@pytest.fixture
def fitted(app, conn, demo_fit):
    data, analysis, models = demo_fit
    load.load(conn, data, "not-a-real-hash", show_progress=False)
    app.state.salaries.analysis, app.state.forecasts = analysis, models
    yield {"data": data, "analysis": analysis}
    app.state.salaries.analysis, app.state.forecasts = None, forecast.ForecastModels()


def _hr(app, conn, code: str) -> tuple[dict, dict]:
    user = conn.execute("SELECT id, institution_id FROM users WHERE email = %s", (f"hr.{code}@demo.example",)).fetchone()
    return bearer(app, with_session(conn, user)), user


def _open_of(conn, institution_id: int) -> list[int]:
    return queries.open_position_ids(conn, institution_id)


def test_hr_office_reads_the_forecast_of_its_open_position_with_its_levers(client, app, conn, fitted):
    headers, user = _hr(app, conn, "unige")
    position_id = _open_of(conn, user["institution_id"])[0]
    body = client.get(f"/positions/{position_id}/forecast", headers=headers).json()
    assert 0 < body["probability"] < 1 and body["at_risk"] == (body["probability"] < 0.5)
    assert body["summary"] == f"{round(body['probability'] * 100)}% likely to be filled by its deadline"
    assert body["expected_applicants"] >= body["applicants_so_far"] >= 0 and body["pool"] >= 0
    assert body["trained_on_positions"] > 100
    levers = body["levers"]
    assert "extend_deadline" in [lever["lever"] for lever in levers]
    for lever in levers:
        low, high = lever["interval_points"]
        assert low <= lever["gain_points"] <= high
        excludes_zero = (low >= 0 and high > 0) or (high <= 0 and low < 0)  # as rounded to 0.1 points
        assert lever["supported"] <= excludes_zero
        assert lever["supported"] or not (low > 0 or high < 0) or abs(lever["gain_points"]) < 0.5
        assert lever["statement_message"]["code"] == f"lever.{lever['lever']}" + ("" if lever["supported"] else ".unsupported")
    supported_gains = [lever for lever in levers if lever["supported"] and lever["gain_points"] > 0]
    assert body["best_lever"] == (supported_gains[0]["lever"] if supported_gains else None)
    assert all(a["gain_points"] >= b["gain_points"] for a, b in zip(supported_gains, supported_gains[1:], strict=False))


def test_on_the_demo_paying_the_median_raises_the_forecast_of_an_underpaid_post(client, app, conn, fitted):
    """The demo plants a fill chance that rises with pay (seeds/demo.py) and nothing for languages or
    publication abroad: for its most underpaid open post, pay to the median raises the forecast, and the
    levers the demo plants nothing for are not claimed. (On the demo shaped like the shortage, most calls
    have several openings and few fill them all, so the pay gain's interval reaches just below zero:
    +7 points, -0.3 to +17 at 95%. The test holds the direction, not a significance the data lacks.)"""
    reference = fitted["analysis"].model
    rows = queries.open_positions(conn, [p["id"] for p in conn.execute(
        "SELECT id FROM positions WHERE status = 'open' AND deadline >= current_date")])
    premiums = dict(zip([r["id"] for r in rows], forecast.log_premiums(reference, rows), strict=True))
    underpaid = min((pid for pid, premium in premiums.items() if premium is not None), key=lambda pid: premiums[pid])
    assert premiums[underpaid] < -0.05
    hub = bearer(app, make_user(conn, "hub", "hub-forecast@test.example"))
    body = client.get(f"/positions/{underpaid}/forecast", headers=hub).json()
    levers = {lever["lever"]: lever for lever in body["levers"]}
    pay = levers["pay_to_median"]
    low, high = pay["interval_points"]
    assert pay["gain_points"] > 0 and low < pay["gain_points"] < high and high > 0, levers
    assert pay["probability"] > body["probability"]
    for planted_nothing in ("drop_language", "publish_abroad"):
        assert planted_nothing not in levers or not levers[planted_nothing]["supported"], levers[planted_nothing]


def test_another_office_anonymous_users_and_candidates_cannot_read_a_forecast(client, app, conn, fitted):
    _, unige = _hr(app, conn, "unige")
    other, _ = _hr(app, conn, "polimi")
    position_id = _open_of(conn, unige["institution_id"])[0]
    assert client.get(f"/positions/{position_id}/forecast", headers=other).status_code == 404
    assert client.get(f"/positions/{position_id}/forecast").status_code == 401
    candidate, _ = make_candidate(conn, "forecast-candidate@test.example")
    refused = client.get(f"/positions/{position_id}/forecast", headers=bearer(app, candidate))
    assert refused.status_code == 403 and refused.json()["code"] == "forecast.hr_or_hub_only"


def test_the_hub_reads_any_forecast_with_small_counts_of_people_hidden(client, app, conn, fitted):
    hub = bearer(app, make_user(conn, "hub", "hub-forecast@test.example"))
    _, unige = _hr(app, conn, "unige")
    position_id = _open_of(conn, unige["institution_id"])[0]
    office, _ = _hr(app, conn, "unige")
    seen_by_office = client.get(f"/positions/{position_id}/forecast", headers=office).json()
    seen_by_hub = client.get(f"/positions/{position_id}/forecast", headers=hub).json()
    assert seen_by_hub["probability"] == seen_by_office["probability"]
    for key in ("applicants_so_far", "pool", "expected_applicants"):
        assert seen_by_hub[key] == (None if seen_by_office[key] < 5 else seen_by_office[key])


def test_a_closed_position_has_no_forecast(client, app, conn, fitted):
    headers, user = _hr(app, conn, "unige")
    closed = conn.execute("SELECT id FROM positions WHERE institution_id = %s AND deadline < current_date LIMIT 1",
                          (user["institution_id"],)).fetchone()["id"]
    refused = client.get(f"/positions/{closed}/forecast", headers=headers)
    assert refused.status_code == 409 and refused.json()["code"] == "forecast.position_not_open"


def test_the_positions_list_badges_exactly_the_open_posts_at_risk_in_both_languages(client, app, conn, fitted):
    headers, user = _hr(app, conn, "unige")
    probabilities = {pid: client.get(f"/positions/{pid}/forecast", headers=headers).json()["probability"]
                     for pid in _open_of(conn, user["institution_id"])}
    sign_in_pages(client, app, with_session(conn, user))
    html = client.get("/app/hr/positions?status=open", headers={"Accept-Language": "en"}).text
    for pid, probability in probabilities.items():
        row = html.split(f'href="/app/hr/positions/{pid}"', 1)[1].split("</td>", 1)[0]
        assert ("data-at-risk" in row) == (probability < 0.5), (pid, probability)
    if any(p < 0.5 for p in probabilities.values()):
        client.cookies.set("lang", "it")
        assert "a rischio" in client.get("/app/hr/positions?status=open&lang=it").text


def test_the_position_page_shows_the_forecast_and_the_best_lever(client, app, conn, fitted):
    headers, user = _hr(app, conn, "unige")
    position_id = _open_of(conn, user["institution_id"])[0]
    body = client.get(f"/positions/{position_id}/forecast", headers=headers).json()
    sign_in_pages(client, app, with_session(conn, user))
    html = client.get(f"/app/hr/positions/{position_id}", headers={"Accept-Language": "en"}).text
    assert 'id="fill-forecast"' in html and f"{round(body['probability'] * 100)}% likely to be filled" in html
    assert html.count("data-lever=") == len(body["levers"])
    if body["best_lever"]:
        assert f'data-lever="{body["best_lever"]}" data-best' in html


def test_the_pool_counts_candidates_who_fit_were_registered_and_not_yet_hired(conn, embedder):
    ecosystem = make_ecosystem(conn)
    institution = make_institution(conn, ecosystem["id"], "Forecast University")
    position = make_position(conn, institution["id"])
    fit = {"skills": ["python", "machine learning"], "fields": ["computer_science"], "career_stage": "R2",
           "years_experience": 3, "current_region": "ITC3", "current_country": "IT", "expected_salary_eur_year": 28000}
    ids = [make_candidate(conn, f"fit{i}@test.example", **fit)[1] for i in range(3)]
    far = make_candidate(conn, "far@test.example", **fit | {"career_stage": "R4"})[1]  # three stages away: blocked
    hood = forecast.neighbourhood(conn, queries.open_positions(conn, [position["id"]]), embedder.name, embedder.similarity_range)
    fits = forecast.fitting(queries.open_positions(conn, [position["id"]])[0], hood)
    assert set(fits) == set(ids) and far not in fits
    # one was hired elsewhere yesterday; two registered ten days ago, the third today
    other = make_position(conn, institution["id"], title_en="Another post")
    hr = make_user(conn, "hr", "hr-forecast@test.example", institution_id=institution["id"])
    application = make_application(conn, other["id"], ids[0], hr["id"])
    conn.execute("UPDATE applications SET stage = 'hired', hire_start_date = current_date WHERE id = %s", (application,))
    conn.execute("INSERT INTO application_events (application_id, from_stage, to_stage, changed_at)"
                 " VALUES (%s, 'offer', 'hired', now() - interval '1 day')", (application,))
    conn.execute("UPDATE candidates SET consent_at = now() - interval '10 days' WHERE id = ANY(%s)", (ids[:2],))
    people = {c["id"]: c for c in queries.candidates(conn, ids)}
    assert forecast.pool_on(ids, people, date.today()) == 2
    assert forecast.pool_on(ids, people, date.today() - timedelta(days=7)) == 2  # the third had not registered yet
    assert forecast.pool_on(ids, people, date.today() - timedelta(days=11)) == 0
