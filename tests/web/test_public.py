"""What search engines and feed readers get (issue 13 items 2 and 3): JobPosting JSON-LD on a rendered
position page, sitemap.xml and robots.txt, and the Atom feed of a search."""
import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree as ET

import feedparser
import pytest

from service.web.jsonld import employment_type, job_posting
from service.web.syndication import timestamp
from tests.factories import make_ecosystem, make_institution, make_position, make_user, sign_in_pages
from tests.service.test_matching import embed_all

PUBLIC_URL = "http://127.0.0.1:8000"  # the test app's Settings.public_url (the default)
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def job_postings(html: str) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(html)]


@pytest.fixture
def world(conn):
    eco = make_ecosystem(conn)
    genova = make_institution(conn, eco["id"], "Università di Genova")
    today = date.today()
    bilingual = make_position(
        conn, genova["id"], title_en="Postdoc in battery chemistry", title_it="Assegnista in chimica delle batterie",
        description_en="Work on solid-state batteries.", description_it="Lavoro sulle batterie allo stato solido.",
        salary_min=28_000, salary_max=34_000, salary_period="year", contract_type="contratto_di_ricerca",
        opening_date=today - timedelta(days=5), deadline=today + timedelta(days=40), region="ITC3", city="Genova",
        fields=["chemistry"], required_skills=["electrochemistry"])
    english_only = make_position(conn, genova["id"], title_en="Software engineer for sensor networks",
                                 description_en="Build the data platform.", contract_type="technologist",
                                 fields=["computer_science"], opening_date=today - timedelta(days=1))
    others = {status: make_position(conn, genova["id"], title_en=f"A {status} call in battery chemistry", status=status)
              for status in ("draft", "closed", "filled", "cancelled")}
    others["past_deadline"] = make_position(conn, genova["id"], title_en="A lapsed call in battery chemistry",
                                            deadline=today - timedelta(days=1), opening_date=today - timedelta(days=60))
    hr = make_user(conn, "hr", "hr@unige.example", institution_id=genova["id"])
    return {"bilingual": bilingual, "english_only": english_only, "others": others, "hr": hr}


# --- JSON-LD on the position page ---

def test_open_position_page_carries_a_job_posting_with_every_property(client, world):
    position = world["bilingual"]
    response = client.get(f"/app/positions/{position['id']}", headers={"Cookie": "lang=en"})
    assert response.status_code == 200
    [posting] = job_postings(response.text)
    assert posting["@context"] == "https://schema.org" and posting["@type"] == "JobPosting"
    assert posting["title"] == "Postdoc in battery chemistry"
    assert posting["description"] == "Work on solid-state batteries."
    assert posting["datePosted"] == position["opening_date"].isoformat()
    assert posting["validThrough"] == position["deadline"].isoformat()
    assert posting["hiringOrganization"] == {"@type": "Organization", "name": "Università di Genova"}
    assert posting["jobLocation"] == {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Genova", "addressRegion": "Liguria", "addressCountry": "IT"}}
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "EUR", "value": {
        "@type": "QuantitativeValue", "minValue": 28_000, "maxValue": 34_000, "unitText": "YEAR"}}
    assert posting["employmentType"] == ["FULL_TIME", "TEMPORARY"]  # a contratto di ricerca, 36 hours
    assert posting["directApply"] is True
    assert posting["identifier"] == {"@type": "PropertyValue", "name": "ecotalent", "value": str(position["id"])}
    assert posting["url"] == f"{PUBLIC_URL}/app/positions/{position['id']}?channel=search_engine"


def test_italian_page_has_the_italian_text_and_falls_back_to_english(client, world):
    page = client.get(f"/app/positions/{world['bilingual']['id']}", headers={"Cookie": "lang=it"}).text
    [posting] = job_postings(page)
    assert posting["title"] == "Assegnista in chimica delle batterie"
    assert posting["description"] == "Lavoro sulle batterie allo stato solido."
    [english] = job_postings(client.get(f"/app/positions/{world['english_only']['id']}", headers={"Cookie": "lang=it"}).text)
    assert english["title"] == "Software engineer for sensor networks"


def test_a_title_holding_a_script_end_tag_cannot_break_out(client, conn, world):
    hostile = 'Postdoc </script><script>alert("x")</script> <!-- & more'
    position = make_position(conn, world["hr"]["institution_id"], title_en=hostile)
    page = client.get(f"/app/positions/{position['id']}", headers={"Cookie": "lang=en"}).text
    assert '<script>alert("x")' not in page
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "&" not in block  # nothing an HTML parser could read as markup or a reference
    assert json.loads(block)["title"] == hostile


@pytest.mark.parametrize("status", ["draft", "closed", "past_deadline"])
def test_a_position_that_is_not_open_has_no_job_posting_even_for_its_hr_office(client, app, world, status):
    sign_in_pages(client, app, world["hr"])
    response = client.get(f"/app/positions/{world['others'][status]['id']}")
    assert response.status_code == 200 and world["others"][status]["title_en"] in response.text  # its own call
    assert job_postings(response.text) == []


def test_employment_type_follows_the_contract_and_the_hours():
    assert employment_type("rtt", 36, 72) == ["FULL_TIME"]  # a tenure track leads to a permanent post
    assert employment_type("research_grant", 18, None) == ["PART_TIME", "TEMPORARY"]
    assert employment_type("company_employee", 36, None) == ["PART_TIME"]  # a company's full week is 40 hours
    assert employment_type("company_employee", 40, 24) == ["FULL_TIME", "TEMPORARY"]
    assert employment_type("phd_scholarship", 36, 36) == ["FULL_TIME", "INTERN"]
    assert employment_type("other", 40, None) == ["FULL_TIME", "OTHER"]


def test_base_salary_is_gross_to_the_person_per_the_calls_period(world):
    monthly_cost = world["bilingual"] | {"salary_min": None, "salary_max": 3_000, "salary_period": "month",
                                         "salary_basis": "employer_cost", "contract_type": "company_employee"}
    value = job_posting(monthly_cost, "en", PUBLIC_URL)["baseSalary"]["value"]
    assert value == {"@type": "QuantitativeValue", "minValue": 2222.22, "maxValue": 2222.22, "unitText": "MONTH"}
    unpaid = job_posting(world["bilingual"] | {"salary_min": None, "salary_max": None}, "en", PUBLIC_URL)
    assert "baseSalary" not in unpaid


# --- sitemap.xml and robots.txt ---

def test_sitemap_lists_open_positions_and_not_the_others(client, world):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.headers["content-type"] == "application/xml; charset=utf-8"
    urls = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text
            for u in ET.fromstring(response.content).iter(f"{SITEMAP}url")}
    loc = f"{PUBLIC_URL}/app/positions/{{}}?channel=search_engine".format
    assert loc(world["bilingual"]["id"]) in urls and loc(world["english_only"]["id"]) in urls
    for status, position in world["others"].items():
        assert loc(position["id"]) not in urls, status
    assert urls[loc(world["bilingual"]["id"])] == timestamp(world["bilingual"]["updated_at"])


def test_a_closed_position_leaves_the_sitemap(client, conn, world):
    loc = f"{PUBLIC_URL}/app/positions/{world['bilingual']['id']}?channel=search_engine"
    assert loc in client.get("/sitemap.xml").text
    conn.execute("UPDATE positions SET status = 'closed' WHERE id = %s", (world["bilingual"]["id"],))
    assert loc not in client.get("/sitemap.xml").text


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {PUBLIC_URL}/sitemap.xml" in response.text.splitlines()


# --- the Atom feed of a search ---

def parsed_feed(client, **params):
    response = client.get("/feeds/positions.atom", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def entry_ids(feed) -> list[int]:
    return [int(re.search(r"/positions/(\d+)", e.link).group(1)) for e in feed.entries]


def test_feed_of_all_open_positions_is_valid_atom_newest_first_in_english(client, world):
    feed = parsed_feed(client, lang="en")
    assert feed.feed.title == "Open positions on ecotalent" and feed.feed.language == "en"
    assert feed.feed.id and feed.feed.updated and feed.feed.author == "ecotalent"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{PUBLIC_URL}/feeds/positions.atom?lang=en"
    assert links["alternate"].startswith(f"{PUBLIC_URL}/app/search")
    assert entry_ids(feed) == [world["english_only"]["id"], world["bilingual"]["id"]]  # newest opening first
    chemistry = feed.entries[1]
    assert chemistry.title == "Postdoc in battery chemistry"
    assert chemistry.link == f"{PUBLIC_URL}/app/positions/{world['bilingual']['id']}?channel=feed"
    assert chemistry.author == "Università di Genova" and chemistry.updated and chemistry.id
    assert "Università di Genova" in chemistry.summary and "Liguria" in chemistry.summary
    assert chemistry.content[0].value == "Work on solid-state batteries."


def test_feed_in_italian(client, world):
    feed = parsed_feed(client, lang="it")
    assert feed.feed.language == "it" and feed.feed.title == "Posizioni aperte su ecotalent"
    chemistry = next(e for e in feed.entries if "chimica" in e.title)
    assert chemistry.title == "Assegnista in chimica delle batterie"
    assert chemistry.content[0].value == "Lavoro sulle batterie allo stato solido."


def test_a_filter_excludes_a_position_that_does_not_match(client, world):
    feed = parsed_feed(client, lang="en", field="chemistry", regions="ITC3")
    assert entry_ids(feed) == [world["bilingual"]["id"]]
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert "field=chemistry" in self_link and "regions=ITC3" in self_link
    assert entry_ids(parsed_feed(client, lang="en", contract_type="rtt")) == []


def test_feed_of_a_search_holds_its_relevant_open_positions(client, conn, embedder, world):
    embed_all(conn, embedder)
    feed = parsed_feed(client, lang="it", q="battery chemistry")
    assert feed.feed.title == "Posizioni aperte su ecotalent per 'battery chemistry'"
    # The closed, filled, cancelled, draft and lapsed calls about battery chemistry are not in it (the
    # search's lenient meaning floor may add the other open post, newer, so first).
    ids = entry_ids(feed)
    assert world["bilingual"]["id"] in ids and ids == sorted(ids, reverse=True)
    assert not {p["id"] for p in world["others"].values()} & set(ids)


def test_text_xml_cannot_hold_does_not_spoil_the_feed(client, conn, world):
    make_position(conn, world["hr"]["institution_id"], title_en="Call pasted with a \x0bvertical tab & <tags>",
                  description_en="Line one\x0c\nline two")
    feed = parsed_feed(client, lang="en")
    assert "Call pasted with a vertical tab & <tags>" in [e.title for e in feed.entries]


@pytest.mark.parametrize("params", [{"lang": "de"}, {"contract_type": "nonsense"}, {"q": "x"}])
def test_a_bad_feed_request_is_refused_with_a_reason(client, params):
    response = client.get("/feeds/positions.atom", params=params)
    assert response.status_code == 422
    assert 'role="alert"' in response.text


def test_the_search_page_offers_its_feed(client, world):
    page = client.get("/app/search", params={"q": "battery", "field": "chemistry"}, headers={"Cookie": "lang=en"}).text
    feed = "/feeds/positions.atom?q=battery&amp;field=chemistry&amp;lang=en"
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in page
    assert re.search(rf'<a href="{re.escape(feed)}"[^>]*>Follow this search in a feed reader', page)
