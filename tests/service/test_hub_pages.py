"""The hub dashboard's pages (issue 14, item 4): each test would have caught one defect the issue lists."""
import csv
import io
import re
from datetime import date

import pytest

from models.indicators import quarter_label
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
from tests.service.test_allocation import run_all_jobs
from tests.service.test_matching import embed_all

THIS_QUARTER = quarter_label(date.today())


@pytest.fixture
def world(app, conn, client):
    eco = make_ecosystem(conn)
    genova = make_institution(conn, eco["id"], "Università di Genova")
    hr = bearer(app, make_user(conn, "hr", "hr@unige.example", institution_id=genova["id"]))
    position = make_position(conn, genova["id"], title_en="Postdoc in marine robotics", title_it="Assegno in robotica marina",
                             openings=5)
    return {"eco": eco, "genova": genova, "hr": hr, "position": position, "hub": make_user(conn, "hub", "hub@hub.example")}


def hire(client, conn, world, n: int) -> None:
    """``n`` hires through the world's position, recorded today."""
    for i in range(n):
        user, candidate_id = make_candidate(conn, f"hired{i}@test.example")
        application_id = make_application(conn, world["position"]["id"], candidate_id, user["id"])
        for change in ({"stage": "offer"}, {"stage": "hired", "start_date": date.today().isoformat()}):
            assert client.post(f"/applications/{application_id}/stage", json=change, headers=world["hr"]).status_code == 200


def italian(client, app, user) -> None:
    sign_in_pages(client, app, user)
    client.cookies.set("lang", "it")


def test_dates_in_the_wrong_order_show_the_form_again_with_the_error_in_italian(client, app, world):
    italian(client, app, world["hub"])
    response = client.get("/app/hub", params={"start": "2026-05-01", "end": "2026-01-01"})
    assert response.status_code == 422
    body = response.text
    assert "Qualcosa non ha funzionato" not in body  # not the error page
    assert 'id="f-period-error"' in body and "Il periodo inizia (1 mag 2026) dopo la sua fine (1 gen 2026)" in body
    assert 'name="start" type="date" value="2026-05-01" aria-invalid="true"' in body  # the form keeps what was typed
    assert 'id="channels"' in body and 'id="indicators"' in body  # the rest of the dashboard is there


def test_a_date_that_is_no_date_shows_the_form_with_the_error_in_italian(client, app, world):
    italian(client, app, world["hub"])
    response = client.get("/app/hub", params={"start": "1 maggio", "end": ""})
    assert response.status_code == 422
    assert 'id="f-period-error"' in response.text and "Le date si scrivono AAAA-MM-GG." in response.text


def test_openings_opened_in_the_period_and_vacant_today_are_told_apart(client, app, world):
    sign_in_pages(client, app, world["hub"])
    english = client.get("/app/hub").text
    assert "Openings opened in the period" in english and "Vacant today, in all open positions" in english
    client.cookies.set("lang", "it")
    body = client.get("/app/hub").text
    assert "Posti aperti nel periodo" in body and "Vacanti oggi, in tutte le posizioni aperte" in body
    assert "Posti vacanti ora" not in body and ">Posti aperti<" not in body


def test_the_ratio_of_openings_to_candidates_is_said_in_words(client, conn, app, world):
    for i in range(20):
        make_candidate(conn, f"looking{i}@test.example")
    italian(client, app, world["hub"])
    said = re.search(r"<p data-ratio>(.*?)</p>", client.get("/app/hub").text, re.DOTALL).group(1)
    # 5 vacant openings, 20 candidates still looking
    assert "5 posti sono vacanti oggi e 20 candidati" in said and "circa 4,0 candidati per ogni posto vacante" in said
    assert "0,250 posti vacanti per ogni candidato" in said


def test_months_hidden_for_privacy_are_not_drawn_as_zero(client, conn, app, world):
    hire(client, conn, world, 2)  # two hires this quarter: its months' hires are hidden (under 5)
    italian(client, app, world["hub"])
    body = client.get("/app/hub").text
    svg = body[body.index("<svg"):body.index("</svg>")]
    month = date.today().strftime("%Y-%m")
    assert not re.search(rf'<rect class="s1"[^>]*><title>{month} · ', svg), "a hidden month drawn as a bar"
    assert re.search(rf'<rect class="hidden-value" data-series="1"[^>]*><title>{month} · Assunzioni: nascosto', svg)
    assert re.search(r'<rect class="s1"[^>]*><title>\d{4}-\d\d · Assunzioni: 0</title>', svg)  # other quarters show 0
    row = re.search(rf'<tr data-month="{month}">(.*?)</tr>', body).group(1)
    cells = re.findall(r'<td class="num">(.*?)</td>', row)  # openings opened, hires, unfilled past the deadline
    assert cells[1] == '<span class="muted">nascosto</span>'



def test_indicators_are_grouped_by_family_and_quarter(client, conn, app, world):
    sign_in_pages(client, app, world["hub"])
    recorded = client.post("/indicators", headers=bearer(app, world["hub"]), json={
        "indicator": "company_investment", "quarter": THIS_QUARTER, "value": 1234.5, "description": "Matching funds",
        "evidence": "Contract 7/2026", "institution_id": world["genova"]["id"]})
    assert recorded.status_code == 201
    body = client.get("/app/hub").text
    table = body[body.index("<table data-indicators>"):]
    table = table[:table.index("</table>")]
    assert re.findall(r'<tbody data-family="(\w+)">', table) == ["wealth", "sustainability", "synergy", "efficiency"]
    quarters = re.findall(r'<th scope="col" class="num">(\d{4}-Q\d)</th>', table)
    assert quarters[-1] == THIS_QUARTER and len(quarters) == len(set(quarters)) >= 5
    line = re.search(r'<tr data-indicator="company_investment">(.*?)</tr>', table, re.DOTALL).group(1)
    values = re.findall(r'<td class="num">(.*?)</td>', line)
    assert len(values) == len(quarters) and values[-1] == "1,234.5" and set(values[:-1]) == {"0"}
    assert table.count("<tr data-indicator=") == 9  # one line per indicator, not one per quarter and indicator


def test_the_csv_in_italian_opens_in_columns_with_the_same_numbers(client, conn, app, world):
    hub = bearer(app, world["hub"])
    for value in (1234.5, 0.25):
        assert client.post("/indicators", headers=hub, json={
            "indicator": "company_investment", "quarter": THIS_QUARTER, "value": value, "description": "Matching funds",
            "evidence": "Contract 7/2026", "institution_id": world["genova"]["id"]}).status_code == 201
    first = f"{date.today().year - 1}-Q1"
    expected = client.get("/hub/indicators", params={"from": first, "to": THIS_QUARTER}, headers=hub).json()["rows"]
    italian(client, app, world["hub"])
    response = client.get("/app/hub/indicators.csv", params={"first": first, "last": THIS_QUARTER})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(expected) and set(rows[0]) == {"quarter", "family", "indicator", "eu_code", "unit", "value", "source"}
    for row, want in zip(rows, expected, strict=True):
        assert (row["quarter"], row["indicator"]) == (want["quarter"], want["indicator"])
        got = None if row["value"] == "" else float(row["value"].replace(",", "."))
        assert got == want["value"]
    investment = next(r for r in rows if r["quarter"] == THIS_QUARTER and r["indicator"] == "company_investment")
    assert investment["value"] == "1234,75"
    client.cookies.set("lang", "en")  # English keeps plain comma-separated CSV
    plain = client.get("/app/hub/indicators.csv", params={"first": first, "last": THIS_QUARTER}).content
    assert not plain.startswith(b"\xef\xbb\xbf") and plain.splitlines()[0] == b"quarter,family,indicator,eu_code,unit,value,source"


def test_unfilled_positions_in_the_allocation_are_named_with_their_institution(client, conn, app, embedder, world):
    embed_all(conn, embedder)
    italian(client, app, world["hub"])
    queued = client.post("/app/hub/allocation", data={"salary_raise_percent": "0", **csrf(client, "/app/hub")}, follow_redirects=False)
    assert queued.status_code == 303 and queued.headers["location"].startswith("/app/hub/allocation/runs/")
    run_all_jobs(conn, app)
    response = client.get(queued.headers["location"])
    assert response.status_code == 200
    link = f'<a href="/app/positions/{world["position"]["id"]}">Assegno in robotica marina</a>'
    assert link in response.text and "<td>Università di Genova</td>" in response.text
    assert f">#{world['position']['id']}<" not in response.text


def test_an_export_for_quarters_in_the_wrong_order_shows_the_form_again_in_italian(client, app, world):
    italian(client, app, world["hub"])
    response = client.get("/app/hub/indicators.csv", params={"first": "2026-Q4", "last": "2025-Q1"})
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert 'id="f-export-error"' in response.text and "Qualcosa non ha funzionato" not in response.text
    assert 'name="first" value="2026-Q4"' in response.text and 'id="indicators"' in response.text
