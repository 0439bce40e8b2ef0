"""Hostile input answers 4xx with a message a person can act on: never a 500, never a leak."""
import json
from datetime import date, timedelta

import pytest

from tests.factories import (
    bearer, csrf, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user,
    sign_in_pages,
)

HUGE_ID = "9" * 5000


@pytest.fixture
def world(app, conn):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "Institution A")
    hr = make_user(conn, "hr", "hr@hostile.example", institution_id=inst["id"])
    candidate, candidate_id = make_candidate(conn, "c1@hostile.example")
    other, other_id = make_candidate(conn, "c2@hostile.example", full_name="Marco Bianchi")
    hub = make_user(conn, "hub", "hub@hostile.example")
    position = make_position(conn, inst["id"])
    application_id = make_application(conn, position["id"], other_id, other["id"])
    return {"hr": hr, "candidate": candidate, "other": other, "hub": hub, "position": position,
            "others_application": application_id}


def _assert_clear_4xx(response, *words, status: int | None = None):
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    if status is not None:
        assert response.status_code == status, response.text[:500]
    for word in words:
        assert word in response.text, f"{word!r} not in {response.text[:500]}"


def _strict_json(response):
    """The body as JSON that any client can read: NaN and Infinity are not JSON."""
    def refuse(constant):
        raise AssertionError(f"{constant} in the response: not valid JSON")
    return json.loads(response.text, parse_constant=refuse)


def _raw_json(body: str) -> dict:
    return {"content": body.encode(), "headers": {"content-type": "application/json"}}


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_anonymous_registration_with_a_non_finite_number_is_a_422(client, number):
    response = client.post("/auth/register", **_raw_json(
        f'{{"email": {number}, "password": "long enough password", "full_name": "X", "consent": true}}'))
    _assert_clear_4xx(response, "email", status=422)
    _strict_json(response)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400"])
def test_application_with_a_non_finite_position_id_is_a_422(app, client, world, number):
    request = _raw_json(f'{{"position_id": {number}}}')
    response = client.post("/applications", content=request["content"],
                           headers=request["headers"] | bearer(app, world["candidate"]))
    _assert_clear_4xx(response, "position_id", status=422)
    _strict_json(response)


@pytest.mark.parametrize("path", ["/positions", "/positions/salary-check"])
@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400"])
def test_position_with_a_non_finite_salary_is_a_422_that_names_the_field(app, client, world, path, number):
    body = (f'{{"title_en": "Postdoc", "description_en": "Robots.", "career_stage": "R2",'
            f' "contract_type": "contratto_di_ricerca", "salary_max": {number}}}')
    response = client.post(path, content=body.encode(),
                           headers={"content-type": "application/json"} | bearer(app, world["hr"]))
    _assert_clear_4xx(response, "salary_max", "finite", status=422)
    _strict_json(response)


def test_patch_position_with_null_languages_clears_them(app, client, conn, world):
    position = make_position(conn, world["position"]["institution_id"],
                             languages=[{"language": "en", "level": "C1"}], status="draft")
    response = client.patch(f"/positions/{position['id']}", json={"languages": None, "required_skills": None},
                            headers=bearer(app, world["hr"]))
    assert response.status_code == 200, response.text
    assert response.json()["languages"] == [] and response.json()["required_skills"] == []


def test_patch_position_with_null_for_a_required_field_is_a_422_that_names_it(app, client, world):
    response = client.patch(f"/positions/{world['position']['id']}", json={"career_stage": None},
                            headers=bearer(app, world["hr"]))
    _assert_clear_4xx(response, "career_stage", status=422)


def test_patch_profile_with_null_lists_clears_them(app, client, world):
    headers = bearer(app, world["candidate"])
    client.patch("/candidates/me", json={"languages": [{"language": "it", "level": "C2"}], "skills": ["python"]},
                 headers=headers)
    response = client.patch("/candidates/me", json={"languages": None, "skills": None, "fields": None,
                                                    "mobility_regions": None}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["languages"] == [] and body["skills"] == [] and body["fields"] == [] and body["mobility_regions"] == []


def _import(client, app, world, content: bytes, name: str = "positions.json"):
    return client.post("/positions/import", files={"file": (name, content, "application/json")},
                       headers=bearer(app, world["hr"]))


def test_import_of_json_nested_too_deep_is_a_422_that_says_so(app, client, world):
    response = _import(client, app, world, b"[" * 5000 + b"]" * 5000)
    _assert_clear_4xx(response, "nested", status=422)


def test_import_of_an_integer_with_thousands_of_digits_is_a_422(app, client, world):
    response = _import(client, app, world, b'[{"openings": ' + b"9" * 5000 + b"}]")
    _assert_clear_4xx(response, "digits", status=422)


def test_import_just_over_the_file_limit_is_a_413_that_gives_the_limit(app, client, world):
    from service.routers.positions import MAX_UPLOAD_BYTES
    response = _import(client, app, world, b" " * (MAX_UPLOAD_BYTES + 1))
    _assert_clear_4xx(response, "MiB", status=413)


def test_import_far_over_the_limit_is_refused_before_the_body_is_read(app, client, world):
    from service.routers.positions import MAX_UPLOAD_BYTES
    response = _import(client, app, world, b" " * (MAX_UPLOAD_BYTES + 1024 * 1024))
    assert response.status_code == 413


def test_json_body_over_a_mebibyte_is_a_413(app, client, world):
    body = {"title_en": "Postdoc", "description_en": "x" * (1024 * 1024)}
    response = client.post("/positions", json=body, headers=bearer(app, world["hr"]))
    assert response.status_code == 413


@pytest.mark.parametrize("path", [f"/app/positions/{HUGE_ID}", f"/app/hr/positions/{HUGE_ID}",
                                  f"/app/hr/positions/{HUGE_ID}/edit", "/app/positions/9223372036854775808",
                                  "/app/positions/9999999999999999999"])
def test_page_for_an_id_beyond_any_row_is_not_found(app, client, world, path):
    sign_in_pages(client, app, world["hr"])
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", [f"/positions/{HUGE_ID}", f"/applications/{HUGE_ID}",
                                  "/positions/9223372036854775808", "/institutions/0"])
def test_api_path_id_beyond_bigint_is_a_422(app, client, world, path):
    _assert_clear_4xx(client.get(path, headers=bearer(app, world["hr"])), status=422)


@pytest.mark.parametrize("offset", ["1000001", "-5", "9" * 40])
def test_hr_positions_page_with_an_offset_out_of_range_still_answers(app, client, world, offset):
    sign_in_pages(client, app, world["hr"])
    response = client.get("/app/hr/positions", params={"offset": offset})
    assert response.status_code in (200, 422), response.text[:300]


@pytest.mark.parametrize("path, params", [
    ("/applications", {"offset": "9" * 30}),
    ("/institutions", {"offset": "9" * 30}),
    ("/positions", {"offset": "1000001"}),
])
def test_api_offset_beyond_the_bound_is_a_422(app, client, world, path, params):
    _assert_clear_4xx(client.get(path, params=params, headers=bearer(app, world["hr"])), "offset", status=422)


@pytest.mark.parametrize("path, params", [
    ("/hub/gap", {"start": "9999-01-01", "end": "9999-12-31"}),
    ("/hub/gap", {"start": "0001-01-01", "end": "0001-12-31"}),
    ("/hub/attracted", {"start_from": "9999-01-01", "start_to": "9999-12-31"}),
    ("/hub/indicators", {"from": "9999-Q1", "to": "9999-Q4"}),
    ("/hub/indicators", {"from": "0001-Q1", "to": "0001-Q4"}),
])
def test_hub_period_far_from_now_is_a_422_that_gives_the_range(app, client, world, path, params):
    response = client.get(path, params=params, headers=bearer(app, world["hub"]))
    _assert_clear_4xx(response, "2000", "2100", status=422)


@pytest.mark.parametrize("path, params", [
    ("/app/hub", {"start": "9999-01-01", "end": "9999-12-31"}),
    ("/app/hub/indicators.csv", {"first": "9999-Q1", "last": "9999-Q4"}),
])
def test_hub_pages_for_a_period_far_from_now_answer_422(app, client, world, path, params):
    sign_in_pages(client, app, world["hub"])
    response = client.get(path, params=params)
    _assert_clear_4xx(response, "2100", status=422)


@pytest.mark.parametrize("value", ["0", "1700000000", "20260101", "2026-W01-1", "2026-01-01T00:00:00"])
def test_hub_dates_must_be_iso_dates(app, client, world, value):
    response = client.get("/hub/attracted", params={"start_to": value}, headers=bearer(app, world["hub"]))
    _assert_clear_4xx(response, "start_to", "YYYY-MM-DD", status=422)


def test_hub_iso_dates_in_range_still_work(app, client, world):
    response = client.get("/hub/attracted", params={"start_from": "2024-01-01", "start_to": "2025-12-31"},
                          headers=bearer(app, world["hub"]))
    assert response.status_code == 200, response.text


def test_integrity_error_does_not_echo_the_failing_row(app, client, world):
    # A NUL byte is refused by PostgreSQL after the schemas accepted the text.
    response = client.patch("/candidates/me", json={"headline": "a\x00b"}, headers=bearer(app, world["candidate"]))
    _assert_clear_4xx(response, status=422)
    assert "Failing row" not in response.text


def test_errors_module_names_the_constraint_not_the_row(conn):
    """Any integrity error, as the handler words it: the column and the rule, never the row's values."""
    import asyncio

    import psycopg
    from service import errors
    eco = make_ecosystem(conn)
    try:
        with conn.transaction():
            conn.execute("INSERT INTO institutions (ecosystem_id, name, kind, role, region, city)"
                         " VALUES (%s, 'Secret name', 'university', 'spoke', 'ITC3', NULL)", (eco["id"],))
    except psycopg.IntegrityError as exc:
        handler = errors._integrity
        response = asyncio.run(handler(None, exc))
    text = response.body.decode()
    assert response.status_code == 422 and "city" in text
    assert "Secret name" not in text and "Failing row" not in text


def test_withdrawing_another_candidates_application_on_the_page_is_not_found(app, client, world):
    sign_in_pages(client, app, world["candidate"])
    response = client.post(f"/app/applications/{world['others_application']}/withdraw", data=csrf(client),
                           follow_redirects=False)
    assert response.status_code == 404, response.text[:300]


def test_pages_carry_security_headers(client):
    response = client.get("/app/signin")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_docs_carry_a_csp_that_allows_only_their_own_inline_script(client):
    response = client.get("/docs")
    csp = response.headers["content-security-policy"]
    assert "'sha256-" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"
