"""Job-site basics (issue 14, item 3) and the candidate pages' defects (item 4): orders, filters kept in every
link, browsing without words, the landing page, the opening page, and the defects each test would have caught."""
import re
from datetime import date, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import (
    bearer,
    csrf,
    make_candidate,
    make_ecosystem,
    make_institution,
    make_position,
    make_user,
    sign_in_pages,
)
from tests.service.test_matching import embed_all

TODAY = date.today()
LANGUAGE_COOKIE = "lang"


@pytest.fixture
def board(app, conn, embedder):
    """Fourteen open machine-learning posts with distinct pay, deadlines and ages, a physics post, a closed and a
    draft one, and a candidate who fits the machine-learning ones."""
    eco = make_ecosystem(conn, "NOVA test ecosystem")
    uni = make_institution(conn, eco["id"], "University A", city="Genova")
    ml = []
    for i in range(14):
        p = make_position(conn, uni["id"], title_en=f"Postdoc {i} in machine learning",
                          description_en=f"Machine learning project {i} for energy grids.",
                          salary_min=20_000 + 1_000 * ((i * 5) % 14), deadline=TODAY + timedelta(days=5 + (i * 3) % 14))
        conn.execute("UPDATE positions SET created_at = now() - make_interval(days => %s) WHERE id = %s",
                     ((i * 11) % 14, p["id"]))
        ml.append(p["id"])
    physics = make_position(conn, uni["id"], title_en="Researcher in quantum optics", fields=["physics"],
                            description_en="Quantum optics laboratory.", required_skills=["optics"],
                            deadline=TODAY + timedelta(days=3))
    closed = make_position(conn, uni["id"], title_en="Closed machine learning post", status="closed")
    draft = make_position(conn, uni["id"], title_en="Draft machine learning post", status="draft")
    user, candidate_id = make_candidate(
        conn, "ml@jobsite.example", skills=["python", "machine learning"], fields=["computer_science"],
        career_stage="R2", years_experience=3, current_region="ITC3", cv_text="Machine learning for power grids.")
    embed_all(conn, embedder)
    return {"ml": ml, "physics": physics["id"], "closed": closed["id"], "draft": draft["id"], "candidate": user,
            "candidate_id": candidate_id, "institution": uni, "hr": make_user(conn, "hr", "hr@jobsite.example",
                                                                            institution_id=uni["id"])}


def _sort_values(conn, ids: list[int], column: str) -> list:
    rows = {r["id"]: r[column] for r in conn.execute(
        f"SELECT id, {column} FROM positions WHERE id = ANY(%s)", (ids,)).fetchall()}
    return [rows[i] for i in ids]


def _ids(page: dict) -> list[int]:
    return [item["position"]["id"] for item in page["items"]]


ORDERS = {"deadline": ("deadline", False), "pay": ("salary_gross_eur_year", True), "newest": ("created_at", True)}


@pytest.mark.parametrize("sort", ORDERS)
def test_each_order_sorts_the_search_and_keeps_the_relevance_floor(client, conn, board, sort):
    relevant = client.get("/search/positions", params={"q": "machine learning", "limit": 100}).json()
    ordered = client.get("/search/positions", params={"q": "machine learning", "limit": 100, "sort": sort}).json()
    # The same results (those above the relevance floor), in another order.
    assert sorted(_ids(ordered)) == sorted(_ids(relevant)) and ordered["total"] == relevant["total"]
    assert set(board["ml"]) <= set(_ids(ordered)) and board["closed"] not in _ids(ordered)
    column, descending = ORDERS[sort]
    values = _sort_values(conn, _ids(ordered), column)
    assert values == sorted(values, reverse=descending) and _ids(ordered) != _ids(relevant)


def test_matches_sort_by_pay_and_page_alike(client, conn, board):
    headers = bearer(client.app, board["candidate"])
    first = client.get("/candidates/me/matches", params={"sort": "pay", "limit": 5}, headers=headers).json()
    second = client.get("/candidates/me/matches", params={"sort": "pay", "limit": 5, "offset": 5}, headers=headers).json()
    pay = _sort_values(conn, _ids(first) + _ids(second), "salary_gross_eur_year")
    assert len(pay) == 10 and pay == sorted(pay, reverse=True)
    assert client.get("/candidates/me/matches", params={"sort": "cheapest"}, headers=headers).status_code == 422


def test_the_matches_pager_keeps_every_filter(app, client, board):
    sign_in_pages(client, app, board["candidate"])
    page = client.get("/app/matches", params={"min_salary_eur_year": 21000, "field": "computer_science", "sort": "deadline"})
    assert page.status_code == 200
    # A browser must be able to send a round minimum: a step counted from min="1" refused 20000 (found in Chromium).
    salary_input = re.search(r'<input id="f-min_salary_eur_year"[^>]*>', page.text).group(0)
    assert 'step="any"' in salary_input
    following = re.search(r'<a href="([^"]+)" rel="next">', page.text)
    assert following, "a second page of matches"
    asked = parse_qs(urlsplit(unescape(following.group(1))).query)
    assert asked == {"field": ["computer_science"], "min_salary_eur_year": ["21000"], "sort": ["deadline"], "offset": ["10"]}
    second = client.get(unescape(following.group(1)))
    assert 'value="21000"' in second.text and re.search(r'<option value="deadline" selected', second.text)
    back = re.search(r'<a href="([^"]+)" rel="prev">', second.text)
    assert "min_salary_eur_year=21000" in unescape(back.group(1)) and "offset=0" in back.group(1)


def test_the_search_pager_and_share_link_keep_the_words_and_filters(client, board):
    page = client.get("/app/search", params={"q": "machine learning", "regions": "ITC3", "sort": "pay"})
    share = unescape(re.search(r'<a href="([^"]+)" data-share>', page.text).group(1))
    assert parse_qs(urlsplit(share).query) == {"q": ["machine learning"], "regions": ["ITC3"], "sort": ["pay"]}
    following = unescape(re.search(r'<a href="([^"]+)" rel="next">', page.text).group(1))
    assert parse_qs(urlsplit(following).query) == {"q": ["machine learning"], "regions": ["ITC3"], "sort": ["pay"],
                                                   "offset": ["10"]}


def test_browsing_without_words_lists_open_positions_newest_first(client, conn, board):
    page = client.get("/app/search", params={"field": "computer_science"})
    assert page.status_code == 200
    listed = [int(i) for i in re.findall(r'<h2 style="margin: 0 0 4px"><a href="/app/positions/(\d+)"', page.text)]
    assert len(listed) == 10 and set(listed) <= set(board["ml"])  # open, in the field; not closed, draft or physics
    created = _sort_values(conn, listed, "created_at")
    assert created == sorted(created, reverse=True)
    assert "14 open positions" in page.text
    physics = client.get("/app/search", params={"field": "physics"}).text
    assert f'/app/positions/{board["physics"]}"' in physics and "1 open position" in physics
    api = client.get("/search/positions", params={"field": "computer_science", "limit": 100}).json()
    assert api["total"] == 14 and board["closed"] not in _ids(api) and board["draft"] not in _ids(api)
    assert all(item["explanation"] is None for item in api["items"])  # nobody signed in: no fit to show
    mine = client.get("/search/positions", params={"field": "computer_science", "sort": "pay", "limit": 3},
                      headers=bearer(client.app, board["candidate"])).json()
    assert all(item["explanation"]["score"] > 0 for item in mine["items"])
    pay = _sort_values(conn, _ids(mine), "salary_gross_eur_year")
    assert pay == sorted(pay, reverse=True) and len(pay) == 3


def test_the_landing_page_lists_the_newest_openings_counts_by_field_and_the_ecosystem(client, conn, board):
    page = client.get("/app")
    assert page.status_code == 200
    assert "NOVA test ecosystem" in page.text
    newest = section(page.text, "data-newest")
    listed = [int(i) for i in re.findall(r'href="/app/positions/(\d+)"', newest)]
    assert len(listed) == 6
    created = _sort_values(conn, listed, "created_at")
    assert created == sorted(created, reverse=True) and board["closed"] not in listed
    assert "Browse all 15 open positions" in newest
    fields = dict(re.findall(r'href="/app/search\?field=(\w+)" data-field="\w+">[^<]+</a> <span class="muted">\((\d+)\)',
                             page.text))
    assert fields == {"computer_science": "14", "physics": "1"}


def section(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start:html.index("</section>", start)]


def test_the_opening_page_says_how_to_apply_whom_to_contact_and_the_days_left(client, board):
    page = client.get(f"/app/positions/{board['physics']}")
    assert page.status_code == 200
    assert 'data-days-left="3"' in page.text and "3 days left" in page.text
    assert "How to apply" in page.text and "The HR office of University A" in section(page.text, "data-contact")
    assert f'href="/app/search?institution_id={board["institution"]["id"]}"' in page.text
    copy = re.search(r'<a href="([^"]+)" data-copy>', page.text)
    assert copy and copy.group(1).endswith(f"/app/positions/{board['physics']}")  # a plain link without JavaScript
    assert "data-fit" not in page.text  # nobody signed in: no fit
    assert 'type="application/ld+json"' in page.text  # the JSON-LD include is kept
    listed = client.get("/app/search", params={"field": "physics"}).text
    assert "3 days left" in listed


def test_a_signed_in_candidate_sees_their_fit_on_the_opening_page(app, client, board):
    sign_in_pages(client, app, board["candidate"])
    page = client.get(f"/app/positions/{board['ml'][0]}?channel=feed")
    fit = section(page.text, "data-fit")
    assert "How you fit this position" in fit and 'data-signal="skills"' in fit
    assert '<input type="hidden" name="channel" value="feed">' in page.text  # the apply form's channel is kept


def test_score_bars_say_their_scale(app, client, board):
    sign_in_pages(client, app, board["candidate"])
    page = client.get("/app/matches").text
    skills = re.search(r'<li data-signal="skills">.*?</li>', page, re.S).group(0)
    # The candidate has both skills asked for: all 20 points of the skills line.
    assert '<span class="num">20 of 20</span>' in skills and "Skills: 20 of 20 points" in skills
    assert 'style="width: 100.0%"' in skills or 'style="width: 100%"' in skills


def test_a_profile_waiting_for_its_vector_shows_the_meaning_as_pending(app, client, conn, board):
    newcomer, _ = make_candidate(conn, "new@jobsite.example", skills=["python"], fields=["computer_science"],
                                 career_stage="R2", cv_text="Not read yet.")
    sign_in_pages(client, app, newcomer)
    page = client.get("/app/matches").text
    assert "Your profile is being read" in page
    semantic = re.search(r'<li data-signal="semantic"[^>]*>.*?</li>', page, re.S).group(0)
    assert "data-pending" in semantic and "pending" in semantic and "0 of 35" not in semantic
    api = client.get("/candidates/me/matches", headers=bearer(app, newcomer)).json()
    assert api["items"][0]["explanation"]["pending"] == ["semantic"]


def test_the_filters_and_tips_fold_into_details_on_small_screens(app, client, board):
    sign_in_pages(client, app, board["candidate"])
    page = client.get("/app/matches").text
    folds = re.findall(r'<details class="[^"]*collapsible"[^>]*data-collapse-small>', page)
    assert len(folds) >= 1 and re.search(r'<details[^>]*data-collapse-small>\s*<summary>Filters and order</summary>', page)
    assert '<script src="/static/collapse.js" defer></script>' in page
    assert client.get("/static/collapse.js").status_code == 200


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_position_form_tab_title_is_plain_text(app, client, conn, board, language):
    client.cookies.set(LANGUAGE_COOKIE, language)
    sign_in_pages(client, app, board["hr"])
    for path in ("/app/hr/positions/new", f"/app/hr/positions/{board['physics']}/edit"):
        title = re.search(r"<title>(.*?)</title>", client.get(path).text, re.S).group(1)
        assert "<" not in title and ">" not in title, title
        assert title.split(" · ")[0] in {"New position", "Edit the position", "Nuova posizione", "Modifica la posizione"}


@pytest.mark.parametrize(("language", "names"), [("en", ("Full name", "Email", "Password")),
                                                 ("it", ("Nome e cognome", "Email", "Password"))])
def test_the_registration_errors_name_their_fields(client, language, names):
    client.cookies.set(LANGUAGE_COOKIE, language)
    page = client.post("/app/register", data={"full_name": "", "email": "", "password": ""} | csrf(client, "/app/register"))
    assert page.status_code == 422
    summary = re.search(r'id="error-summary">(.*?)</div>', page.text, re.S).group(1)
    items = re.findall(r'<li><a href="#f-(\w+)">([^<]+)</a></li>', summary)
    named = {field: unescape(text) for field, text in items}
    assert set(named) == {"full_name", "email", "password"}
    for field, name in zip(("full_name", "email", "password"), names, strict=True):
        assert named[field].startswith(f"{name}: "), named
    assert len(set(named.values())) == 3  # no sentence repeated without its field
