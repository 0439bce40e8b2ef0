"""An opening's page links the official call and gives the office's contact when the HR office gave them
(issue 14, item 3); a link that is not http(s) is refused, so no script can hide behind it."""
from html import unescape

from tests.factories import bearer, csrf, make_ecosystem, make_institution, make_position, make_user, sign_in_pages

POSITION = {"title_en": "Technologist in photonics", "description_en": "Run the photonics lab.", "career_stage": "R2",
            "contract_type": "technologist", "status": "open"}


def test_the_opening_page_links_the_call_and_the_contact(app, conn, client):
    institution = make_institution(conn, make_ecosystem(conn)["id"], "Politecnico di Milano")
    hr = make_user(conn, "hr", "hr@calls.example", institution_id=institution["id"])
    made = client.post("/positions", headers=bearer(app, hr), json=POSITION | {
        "call_url": "https://www.polimi.it/albo/bando-123", "contact_email": "concorsi@polimi.example"})
    assert made.status_code == 201, made.text
    assert made.json()["call_url"] == "https://www.polimi.it/albo/bando-123"
    page = unescape(client.get(f"/app/positions/{made.json()['id']}").text)
    assert 'href="https://www.polimi.it/albo/bando-123"' in page
    assert 'href="mailto:concorsi@polimi.example"' in page
    plain = make_position(conn, institution["id"])
    assert "data-call" not in client.get(f"/app/positions/{plain['id']}").text


def test_a_call_link_must_be_a_web_address(app, conn, client):
    institution = make_institution(conn, make_ecosystem(conn)["id"], "Politecnico di Milano")
    hr = make_user(conn, "hr", "hr@calls.example", institution_id=institution["id"])
    for bad in ("javascript:alert(1)", "https://a b", "ftp://x.example/y"):
        refused = client.post("/positions", headers=bearer(app, hr), json=POSITION | {"call_url": bad})
        assert refused.status_code == 422 and "call_url" in refused.text, bad
    assert client.post("/positions", headers=bearer(app, hr), json=POSITION | {"contact_email": "nobody"}).status_code == 422
    sign_in_pages(client, app, hr)
    form = client.get("/app/hr/positions/new").text
    assert 'name="call_url"' in form and 'name="contact_email"' in form
    saved = client.post("/app/hr/positions/new", follow_redirects=False, data={
        **{k: v for k, v in POSITION.items()}, "call_url": "https://albo.example/1", "action": "save",
        **csrf(client, "/app/hr/positions/new")})
    assert saved.status_code == 303, saved.text[:500]
    position_id = int(saved.headers["location"].split("/")[-1].split("?")[0])
    assert conn.execute("SELECT call_url FROM positions WHERE id = %s", (position_id,)).fetchone()["call_url"] == "https://albo.example/1"
