"""Bulk import: all-or-nothing keeps nothing when one row is bad; per-row keeps the good rows."""
import json

import pytest

from tests.factories import bearer, make_ecosystem, make_institution, make_user

HEADER = "title_en,title_it,description_en,career_stage,contract_type,salary_min,fields,required_skills,languages,deadline\n"
GOOD_ROW = 'Postdoc in NLP,,Research on language models.,R2,contratto_di_ricerca,28283.94,computer_science,python;nlp,en:C1;it:B2,\n'
GOOD_ITALIAN_ROW = ',Assegno di ricerca in robotica,Robot subacquei.,R1,research_grant,19367,engineering,ros,,\n'
BAD_ROW = 'Engineer,,Build things.,R7,permanent,-3,,,,\n'


@pytest.fixture
def hr(app, conn):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "Institution A")
    return {"headers": bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"])),
            "institution_id": inst["id"]}


def _positions(conn) -> int:
    return conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"]


def _upload(client, hr, name: str, content: str, mode: str | None = None):
    params = {"mode": mode} if mode else {}
    return client.post("/positions/import", params=params, files={"file": (name, content.encode(), "text/plain")},
                       headers=hr["headers"])


def test_all_or_nothing_keeps_nothing_when_one_row_is_bad(client, conn, hr):
    response = _upload(client, hr, "calls.csv", HEADER + GOOD_ROW + BAD_ROW + GOOD_ITALIAN_ROW)
    assert response.status_code == 422
    report = response.json()["detail"]
    assert report["created"] == 0 and report["received"] == 3
    assert [r["row"] for r in report["rejected"]] == [2]
    messages = " ".join(report["rejected"][0]["errors"])
    assert "career_stage" in messages and "contract_type" in messages and "salary_min" in messages
    assert _positions(conn) == 0


def test_all_or_nothing_keeps_every_row_when_all_are_good(client, conn, hr):
    response = _upload(client, hr, "calls.csv", HEADER + GOOD_ROW + GOOD_ITALIAN_ROW)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2 and _positions(conn) == 2
    first = client.get(f"/positions/{response.json()['created_ids'][0]}", headers=hr["headers"]).json()
    assert first["required_skills"] == ["python", "nlp"]
    assert first["languages"] == [{"language": "en", "level": "C1"}, {"language": "it", "level": "B2"}]
    assert first["institution_id"] == hr["institution_id"]


def test_per_row_keeps_good_rows_and_reports_bad_ones(client, conn, hr):
    response = _upload(client, hr, "calls.csv", HEADER + GOOD_ROW + BAD_ROW + GOOD_ITALIAN_ROW, mode="per_row")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["created"] == 2 and [r["row"] for r in report["rejected"]] == [2]
    assert _positions(conn) == 2


def test_json_import_reports_rows_by_number(client, conn, hr):
    rows = [{"title_en": "A", "description_en": "a", "career_stage": "R1", "contract_type": "phd_scholarship"},
            {"title_en": "B", "career_stage": "R1", "contract_type": "phd_scholarship"},
            "not an object"]
    response = _upload(client, hr, "calls.json", json.dumps(rows), mode="per_row")
    report = response.json()
    assert report["created"] == 1
    assert {r["row"]: r["errors"][0] for r in report["rejected"]} == {
        2: "give a description in Italian (description_it), English (description_en) or both",
        3: "each row must be an object with position fields",
    }


@pytest.mark.parametrize("name, content, words", [
    ("calls.txt", HEADER + GOOD_ROW, "*.csv or *.json"),
    ("calls.json", "{\"title_en\": 1}", "must be a list"),
    ("calls.json", "[{,]", "not valid"),
    ("calls.csv", HEADER, "no rows"),
    ("calls.csv", "", "no header"),
])
def test_unreadable_file_is_rejected_whole(client, conn, hr, name, content, words):
    response = _upload(client, hr, name, content)
    assert response.status_code == 422 and words in response.text
    assert _positions(conn) == 0


def test_row_with_extra_cells_is_reported(client, conn, hr):
    response = _upload(client, hr, "calls.csv", HEADER + GOOD_ROW.rstrip("\n") + ",surplus\n", mode="per_row")
    assert response.json()["rejected"][0]["errors"] == ["the row has more cells than the header's 10"]


def test_non_utf8_file_is_rejected(client, hr):
    response = client.post("/positions/import", files={"file": ("calls.csv", b"\xff\xfe\x00bad", "text/csv")},
                           headers=hr["headers"])
    assert response.status_code == 422 and "UTF-8" in response.json()["detail"]


def test_a_csv_row_sets_its_monthly_payments_and_a_wrong_number_is_named(client, conn, hr):
    header = "title_en,description_en,career_stage,contract_type,monthly_payments\n"
    fine = _upload(client, hr, "calls.csv", header + "Technologist,Run the lab.,R2,technologist,13\n")
    assert fine.status_code == 200 and fine.json()["created"] == 1, fine.text
    assert conn.execute("SELECT monthly_payments FROM positions ORDER BY id DESC LIMIT 1").fetchone()["monthly_payments"] == 13
    refused = _upload(client, hr, "calls.csv", header + "Technologist,Run the lab.,R2,technologist,15\n")
    assert refused.status_code == 422 and "monthly_payments" in refused.text
