"""Candidates' CV files (issue 14, item 2): a PDF whose text is proposed, served to the candidate and the
offices applied to only, refused with a message when it is no PDF, protected or too large, erased with the
profile and listed in the data export."""
from pathlib import Path

import pytest

from service.cv_files import MAX_CV_BYTES
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
    with_session,
)
from tests.pdfs import pdf_with_text

CV_LINES = ["Giulia Rossi", "Postdoctoral researcher in power systems", "Skills: Python, optimisation (MILP)"]


@pytest.fixture
def people(app, conn):
    eco = make_ecosystem(conn)
    institution = make_institution(conn, eco["id"], "University A")
    other = make_institution(conn, eco["id"], "University B")
    position = make_position(conn, institution["id"])
    other_position = make_position(conn, other["id"])
    candidate, candidate_id = make_candidate(conn, "giulia@cv.example")
    someone, _ = make_candidate(conn, "someone@cv.example", full_name="Someone Else")
    application_id = make_application(conn, position["id"], candidate_id, candidate["id"])
    return {"candidate": bearer(app, candidate), "someone": bearer(app, someone), "application_id": application_id,
            "hr": bearer(app, make_user(conn, "hr", "hr@cv.example", institution_id=institution["id"])),
            "other_hr": bearer(app, make_user(conn, "hr", "hr@cvother.example", institution_id=other["id"])),
            "hub": bearer(app, make_user(conn, "hub", "hub@cv.example")), "other_position": other_position}


def _upload(client, headers, content: bytes, name: str = "cv.pdf"):
    return client.post("/candidates/me/cv", files={"file": (name, content, "application/pdf")}, headers=headers)


def test_the_text_is_proposed_and_saved_only_when_confirmed(client, people):
    pdf = pdf_with_text(CV_LINES)
    made = _upload(client, people["candidate"], pdf, "Rossi CV.pdf")
    assert made.status_code == 201, made.text
    assert made.json()["extracted_text"] == "\n".join(CV_LINES)
    assert made.json()["size_bytes"] == len(pdf) and made.json()["filename"] == "Rossi CV.pdf"
    assert client.get("/candidates/me", headers=people["candidate"]).json()["cv_text"] is None  # not yet confirmed
    confirmed = client.patch("/candidates/me", json={"cv_text": made.json()["extracted_text"]}, headers=people["candidate"])
    assert confirmed.json()["cv_text"].startswith("Giulia Rossi\nPostdoctoral researcher")
    download = client.get("/candidates/me/cv/file", headers=people["candidate"])
    assert download.status_code == 200 and download.content == pdf
    assert download.headers["content-type"] == "application/pdf" and "attachment" in download.headers["content-disposition"]


def test_the_file_goes_to_the_office_applied_to_only(client, people):
    pdf = pdf_with_text(CV_LINES)
    assert _upload(client, people["candidate"], pdf).status_code == 201
    path = f"/applications/{people['application_id']}/cv"
    assert client.get(path, headers=people["hr"]).content == pdf
    assert client.get(path, headers=people["candidate"]).content == pdf
    assert client.get(path, headers=people["other_hr"]).status_code == 404
    assert client.get(path, headers=people["someone"]).status_code == 404
    assert client.get(path, headers=people["hub"]).status_code == 403
    assert client.get("/candidates/me/cv/file", headers=people["someone"]).status_code == 404
    assert client.get("/candidates/me/cv", headers=people["hr"]).status_code == 403


@pytest.mark.parametrize(("content", "status", "code"), [
    (b"", 422, "cv.empty"),
    (b"GIF89a not a pdf at all", 422, "cv.not_pdf"),
    (b"%PDF-1.7\n garbage, no objects, no trailer", 422, "cv.unreadable"),
    (pdf_with_text(["secret"], password="s3cret"), 422, "cv.encrypted"),
    (b"%PDF-1.4\n" + b"0" * MAX_CV_BYTES, 413, "cv.too_large"),
])
def test_no_pdf_a_protected_or_an_oversized_one_is_refused_with_a_message(client, people, content, status, code):
    refused = _upload(client, people["candidate"], content)
    assert refused.status_code == status, refused.text
    assert refused.json()["code"] == code and refused.json()["detail"]
    assert client.get("/candidates/me/cv", headers=people["candidate"]).status_code == 404  # nothing kept


def test_a_new_upload_replaces_the_old_and_delete_removes_it(client, people):
    assert _upload(client, people["candidate"], pdf_with_text(["First"])).status_code == 201
    assert _upload(client, people["candidate"], pdf_with_text(["Second version"])).json()["extracted_text"] == "Second version"
    assert client.delete("/candidates/me/cv", headers=people["candidate"]).status_code == 204
    assert client.get("/candidates/me/cv", headers=people["candidate"]).status_code == 404
    assert client.delete("/candidates/me/cv", headers=people["candidate"]).status_code == 404


def test_the_export_lists_the_file_and_erasure_deletes_it(client, conn, people):
    pdf = pdf_with_text(CV_LINES)
    assert _upload(client, people["candidate"], pdf).status_code == 201
    exported = client.get("/candidates/me/export", headers=people["candidate"]).json()["cv_file"]
    assert exported["filename"] == "cv.pdf" and exported["size_bytes"] == len(pdf) and "content" not in exported
    assert client.delete("/candidates/me", headers=people["candidate"]).status_code == 200
    assert conn.execute("SELECT count(*) AS n FROM cv_files").fetchone()["n"] == 0
    assert client.get(f"/applications/{people['application_id']}/cv", headers=people["hr"]).status_code == 404


EUROPASS = (Path(__file__).parent / "europass_cv.xml").read_bytes()  # written for this test, in the editor's format


def _europass(client, headers, content: bytes):
    return client.post("/candidates/me/cv/europass", files={"file": ("cv.xml", content, "application/xml")}, headers=headers)


def test_a_europass_cv_is_read_into_proposed_fields_and_nothing_is_saved(client, people):
    read = _europass(client, people["candidate"], EUROPASS)
    assert read.status_code == 200, read.text
    assert read.json() == {
        "full_name": "Marco Ferrari", "headline": "Research engineer in hydrology", "skills": ["Python", "R", "QGIS"],
        "languages": [{"language": "it", "level": "native"}, {"language": "en", "level": "B2"}],
        "cv_text": "03/2021–now Research fellow — Università di Genova\nFlood models for the Po basin\n\n"
                   "2016–2020 PhD in civil engineering — Politecnico di Milano"}
    profile = client.get("/candidates/me", headers=people["candidate"]).json()
    assert profile["full_name"] == "Giulia Rossi" and profile["cv_text"] is None


def test_a_europass_file_cannot_reach_out_or_be_something_else(client, people):
    reaching = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
                b"<SkillsPassport><LearnerInfo><Headline><Description><Label>&secret;</Label></Description></Headline>"
                b"</LearnerInfo></SkillsPassport>")
    answer = _europass(client, people["candidate"], reaching)
    assert answer.status_code == 200 and answer.json()["headline"] is None  # the entity stays unresolved
    not_xml = _europass(client, people["candidate"], b"%PDF-1.4 not xml")
    assert not_xml.status_code == 422 and not_xml.json()["code"] == "europass.not_xml"
    other = _europass(client, people["candidate"], b"<html><body>hello</body></html>")
    assert other.status_code == 422 and other.json()["code"] == "europass.not_europass"
    assert _europass(client, people["hr"], EUROPASS).status_code == 403


def test_the_profile_page_imports_a_europass_cv_after_confirmation(app, client, conn, people):
    user = conn.execute("SELECT id, email, candidate_id FROM users WHERE email = 'giulia@cv.example'").fetchone()
    sign_in_pages(client, app, with_session(conn, dict(user)))
    token = csrf(client, "/app/profile")
    read = client.post("/app/profile/cv/europass", data=token, files={"file": ("cv.xml", EUROPASS, "text/xml")})
    assert read.status_code == 200, read.text
    assert 'value="Marco Ferrari"' in read.text and 'name="keep-skills"' in read.text
    confirmed = client.post("/app/profile/cv/confirm", follow_redirects=False, data={
        **token, "cv_text": "Research fellow in Genova", "keep-headline": "on", "headline": "Research engineer in hydrology",
        "keep-languages": "on", "language-rows": "2", "language-0": "it", "level-0": "native",
        "language-1": "en", "level-1": "B2", "full_name": "Marco Ferrari"})  # the name was unticked: it stays
    assert confirmed.status_code == 303, confirmed.text
    profile = conn.execute("SELECT full_name, headline, cv_text, languages FROM candidates WHERE id = %s",
                           (user["candidate_id"],)).fetchone()
    assert profile["full_name"] == "Giulia Rossi" and profile["headline"] == "Research engineer in hydrology"
    assert profile["cv_text"] == "Research fellow in Genova" and {x["language"] for x in profile["languages"]} == {"it", "en"}
    refused = client.post("/app/profile/cv/europass", data=token, files={"file": ("cv.xml", b"<nope", "text/xml")})
    assert refused.status_code == 422 and "not well-formed XML" in refused.text
