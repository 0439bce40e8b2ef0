"""Every page POST needs this browser's anti-forgery token for this session; a site elsewhere cannot forge one."""
import pathlib
import re

from service.web.csrf import CSRF_COOKIE
from service.web.session import SESSION_COOKIE
from tests.factories import PASSWORD, csrf, make_candidate, make_user, sign_in_pages

TEMPLATES = pathlib.Path(__file__).parents[2] / "service" / "web" / "templates"


def test_a_cross_site_sign_in_without_the_token_is_refused_and_signs_nobody_in(client, conn):
    make_user(conn, "hub", "hub@csrf.example")
    response = client.post("/app/signin", data={"email": "hub@csrf.example", "password": PASSWORD},
                           headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403 and response.headers["content-type"].startswith("text/html")
    assert "did not come from this site" in response.text
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


def test_a_token_from_another_browser_is_refused(client, conn, app):
    make_user(conn, "hub", "hub@csrf.example")
    theirs = csrf(client)  # the attacker's own browser: a valid token, for its own cookie
    client.cookies.clear()
    client.get("/app/signin")  # the victim's browser gets its own cookie
    response = client.post("/app/signin", data={"email": "hub@csrf.example", "password": PASSWORD, **theirs},
                           follow_redirects=False)
    assert response.status_code == 403


def test_a_token_shown_in_one_session_is_no_use_in_the_next(client, conn, app):
    user, _ = make_candidate(conn, "c@csrf.example")
    anonymous = csrf(client)
    sign_in_pages(client, app, user)
    assert client.post("/app/signout", data=anonymous, follow_redirects=False).status_code == 403
    assert client.post("/app/signout", data=csrf(client, "/app/profile"), follow_redirects=False).status_code == 303


def test_the_refusal_is_in_the_users_language(client, conn):
    client.cookies.set("lang", "it")
    response = client.post("/app/register", data={"email": "x@csrf.example"})
    assert response.status_code == 403 and "non proviene da questo sito" in response.text


def test_pages_give_the_browser_an_httponly_anti_forgery_cookie_once(client):
    first = client.get("/app/signin")
    assert CSRF_COOKIE in first.headers["set-cookie"] and "httponly" in first.headers["set-cookie"].lower()
    assert CSRF_COOKIE not in client.get("/app/register").headers.get("set-cookie", "")


def test_every_posted_form_in_the_templates_carries_the_token():
    forms = []
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for match in re.finditer(r'<form\b[^>]*method="post"', text, flags=re.IGNORECASE):
            following = text[match.start():text.find("</form>", match.start())]
            forms.append((template.name, "csrf_field()" in following))
    assert len(forms) >= 12 and all(has for _, has in forms), [name for name, has in forms if not has]
