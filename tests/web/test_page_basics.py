"""What every page owes its users: their language, a phone's width, keyboard use, clear empty states."""
import re

import pytest
from playwright.sync_api import expect

from tests.web.actions import register, sign_in


def test_browser_language_chooses_italian_and_the_switch_remembers_english(new_page):
    page = new_page(locale="it-IT")
    page.goto("/app")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lavoro nella ricerca nell'ecosistema dell'innovazione")
    page.get_by_role("link", name="EN", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/app/search")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search openings")


def test_money_and_dates_follow_the_language(new_page):
    page = new_page(locale="it-IT")
    sign_in(page, "candidate1@demo.example")
    first = page.locator("li.result").first
    expect(first).to_contain_text(re.compile(r"Retribuzione:\s+\d{1,3}(\.\d{3})*\s€\s+lordi l'anno"))
    expect(first.locator(".meta")).to_contain_text(re.compile(r"scadenza \d{1,2} [a-z]{3} \d{4}"))
    page.get_by_role("link", name="EN", exact=True).click()
    first = page.locator("li.result").first
    expect(first).to_contain_text(re.compile(r"Salary:\s+€\d{1,3}(,\d{3})*\s+gross a year"))


@pytest.mark.parametrize(("account", "urls"), [
    ("hub@demo.example", ["/app/hub", "/app/search?q=energia", "{open}"]),
    ("candidate1@demo.example", ["/app/matches", "/app/profile", "/app/applications"]),
    ("hr.unige@demo.example", ["/app/hr/positions", "/app/hr/positions/new", "/app/hr/import"]),
], ids=["hub", "candidate", "hr"])
def test_pages_fit_a_phone_screen(new_page, account, urls):
    page = new_page(width=375, height=800)
    sign_in(page, account)
    for url in urls:
        if url == "{open}":  # an open position's page: the first the search finds
            page.goto("/app/search?q=energia")
            url = page.locator("li.result h2 a").first.get_attribute("href")
            assert url.startswith("/app/positions/"), url
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"


def test_keyboard_users_can_skip_to_the_content_and_search(new_page):
    page = new_page()
    page.goto("/app")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the content")).to_be_focused()
    page.keyboard.press("Enter")
    page.locator("#f-q").focus()
    page.keyboard.type("photonics")  # the demo has photonics posts (and none on robotics: that search is empty)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/app/search\?q=photonics"))
    expect(page.locator("li.result").first).to_be_visible()


def test_a_new_candidate_sees_what_to_do_when_nothing_is_there_yet(new_page):
    page = new_page()
    register(page, "Nuovo Arrivato", "nuovo.arrivato@example.org")
    page.goto("/app/applications")
    expect(page.locator(".notice")).to_contain_text("You have not applied yet")
    expect(page.locator(".notice").get_by_role("link", name="My matches")).to_be_visible()
