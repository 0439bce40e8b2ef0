"""Recording the non-hiring impact indicators on pages (issue 14, item 5)."""
import re
from datetime import date

import pytest

from models.indicators import quarter_label
from tests.factories import csrf, make_candidate, make_ecosystem, make_institution, make_user, sign_in_pages

THIS_QUARTER = quarter_label(date.today())


@pytest.fixture
def world(conn):
    eco = make_ecosystem(conn)
    genova = make_institution(conn, eco["id"], "Università di Genova")
    milano = make_institution(conn, eco["id"], "Politecnico di Milano", region="ITC4", city="Milano")
    return {"genova": genova, "milano": milano,
            "hr_genova": make_user(conn, "hr", "hr@unige.example", institution_id=genova["id"]),
            "hr_milano": make_user(conn, "hr", "hr@polimi.example", institution_id=milano["id"]),
            "hub": make_user(conn, "hub", "hub@hub.example")}


def records(conn) -> list[dict]:
    return conn.execute("SELECT indicator, value, institution_id, partner_ids, evidence FROM impact_records ORDER BY id").fetchall()


def post(client, data: dict):
    return client.post("/app/indicators", data={**data, **csrf(client, "/app/indicators")}, follow_redirects=False)


GOOD = {"indicator": "company_investment", "quarter": THIS_QUARTER, "value": "12.500,50",
        "description": "Matching funds for the marine robotics lab", "evidence": "Contract 7/2026, signed 3 March"}


def test_an_hr_officer_records_an_investment_and_sees_it_listed(client, conn, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    client.cookies.set("lang", "it")
    response = post(client, GOOD)
    assert response.status_code == 303 and response.headers["location"].startswith("/app/indicators?recorded=")
    [record] = records(conn)
    assert record["indicator"] == "company_investment" and float(record["value"]) == 12500.5
    assert record["institution_id"] == world["genova"]["id"] and record["evidence"] == GOOD["evidence"]
    listed = client.get(response.headers["location"])
    assert listed.status_code == 200 and "L&#39;indicatore è registrato." in listed.text
    row = re.search(r"<tr data-record=\"\d+\">(.*?)</tr>", listed.text, re.DOTALL).group(1)
    assert "12.500,5" in row and "Università di Genova" in row and "Contract 7/2026" in row
    # An office sees its own records only.
    sign_in_pages(client, app, world["hr_milano"])
    assert "<tr data-record=" not in client.get("/app/indicators").text


def test_bad_input_is_shown_at_its_field_in_the_pages_language(client, conn, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    client.cookies.set("lang", "it")
    response = post(client, GOOD | {"quarter": "2026-5", "value": "-3", "evidence": ""})
    assert response.status_code == 422 and records(conn) == []
    body = response.text
    for name in ("quarter", "value", "evidence"):
        assert f'id="f-{name}-error"' in body, name
        assert re.search(rf'id="f-{name}"[^>]*aria-invalid="true"', body), name
    quarter_error = re.search(r'id="f-quarter-error">(.*?)</p>', body).group(1)
    assert "2026-Q3" in quarter_error and "trimestri" in quarter_error
    assert "Campo obbligatorio." == re.search(r'id="f-evidence-error">(.*?)</p>', body).group(1)
    assert 'value="2026-5"' in body and 'value="-3"' in body  # what was typed stays in the form
    assert 'id="f-description"' in body and GOOD["description"] in body


def test_a_collaboration_needs_two_partners_and_says_so_at_the_partners(client, conn, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    client.cookies.set("lang", "it")
    collaboration = GOOD | {"indicator": "collaboration_project", "value": "1"}
    response = post(client, collaboration)
    assert response.status_code == 422 and records(conn) == []
    assert 'id="f-partner_ids-error"' in response.text and "almeno due" in response.text
    response = post(client, collaboration | {"partner_ids": [str(world["milano"]["id"])]})
    assert response.status_code == 303
    assert records(conn)[0]["partner_ids"] == sorted([world["genova"]["id"], world["milano"]["id"]])


def test_an_hr_officer_cannot_record_for_another_institution(client, conn, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    response = post(client, GOOD | {"institution_id": str(world["milano"]["id"])})
    assert response.status_code == 403 and records(conn) == []
    assert "you record indicators for your own institution only" in response.text
    # and the form offers no such choice to an HR office
    assert 'name="institution_id"' not in client.get("/app/indicators").text


def test_the_hub_records_for_an_institution_and_sees_every_record(client, conn, app, world):
    sign_in_pages(client, app, world["hr_genova"])
    assert post(client, GOOD).status_code == 303
    sign_in_pages(client, app, world["hub"])
    assert post(client, GOOD | {"indicator": "revenue_stream", "value": "40000",
                                "institution_id": str(world["milano"]["id"])}).status_code == 303
    assert [(r["indicator"], r["institution_id"]) for r in records(conn)] == [
        ("company_investment", world["genova"]["id"]), ("revenue_stream", world["milano"]["id"])]
    assert client.get("/app/indicators").text.count("<tr data-record=") == 2


def test_candidates_cannot_open_the_indicator_pages(client, conn, app, world):
    user, _ = make_candidate(conn, "c@test.example")
    sign_in_pages(client, app, user)
    assert client.get("/app/indicators").status_code == 403
    assert post(client, GOOD).status_code == 403 and records(conn) == []
    client.cookies.clear()
    assert client.get("/app/indicators", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("language, typed, value", [("it", "12.500,50", 12500.5), ("it", "1234,5", 1234.5), ("it", "1234.5", 1234.5),
                                                    ("en", "12,500.50", 12500.5), ("en", "1,234", 1234), ("en", "0.25", 0.25)])
def test_a_figure_is_read_as_the_pages_language_writes_it(client, conn, app, world, language, typed, value):
    sign_in_pages(client, app, world["hr_genova"])
    client.cookies.set("lang", language)
    assert post(client, GOOD | {"value": typed}).status_code == 303
    assert float(records(conn)[0]["value"]) == value
