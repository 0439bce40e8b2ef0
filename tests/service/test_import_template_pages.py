"""The positions import's templates (issue 14, item 5): downloaded from the import page, they import as they are."""
import csv
import io
import json

import pytest

from service.schemas.positions import PositionCreate
from tests.factories import csrf, make_ecosystem, make_institution, make_user, sign_in_pages


@pytest.fixture
def hr(client, conn, app):
    institution = make_institution(conn, make_ecosystem(conn)["id"], "Università di Genova")
    user = make_user(conn, "hr", "hr@unige.example", institution_id=institution["id"])
    sign_in_pages(client, app, user)
    return institution


def count(conn, institution_id: int) -> int:
    return conn.execute("SELECT count(*) AS n FROM positions WHERE institution_id = %s", (institution_id,)).fetchone()["n"]


def test_the_import_page_links_both_templates(client, hr):
    page = client.get("/app/hr/import").text
    assert 'href="/app/hr/import/template.csv"' in page and 'href="/app/hr/import/template.json"' in page


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_template_imports_as_it_is_through_the_import_page(client, conn, hr, kind):
    response = client.get(f"/app/hr/import/template.{kind}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="positions-template.{kind}"'
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == 1 and list(rows[0]) == list(PositionCreate.model_fields)  # every field, one example
    else:
        assert len(json.loads(response.text)) == 1
    imported = client.post("/app/hr/import", data={"mode": "all_or_nothing", **csrf(client, "/app/hr/import")},
                           files={"file": (f"positions-template.{kind}", response.content)})
    assert imported.status_code == 200, imported.text
    assert count(conn, hr["id"]) == 1
    title = conn.execute("SELECT title_en, status, required_skills FROM positions WHERE institution_id = %s", (hr["id"],)).fetchone()
    assert title == {"title_en": "Postdoc in machine learning for energy grids", "status": "draft",
                     "required_skills": ["python", "time series"]}


def test_only_hr_officers_download_templates(client, conn, app, hr):
    sign_in_pages(client, app, make_user(conn, "hub", "hub@hub.example"))
    assert client.get("/app/hr/import/template.csv").status_code == 403
    sign_in_pages(client, app, make_user(conn, "hr", "hr2@unige.example", institution_id=hr["id"]))
    assert client.get("/app/hr/import/template.xlsx").status_code == 404
