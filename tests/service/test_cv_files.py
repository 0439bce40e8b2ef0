"""Candidates' CV files (issue 14, item 2): a PDF whose text is proposed, served to the candidate and the
offices applied to only, refused with a message when it is no PDF, protected or too large, erased with the
profile and listed in the data export."""
import pytest

from service.cv_files import MAX_CV_BYTES
from tests.factories import bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user
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
