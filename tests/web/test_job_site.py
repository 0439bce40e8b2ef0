"""Job-site basics in the browser (issue 14): paging keeps the filters, the landing page lists openings and
browses a field, the filters fold on a phone, and the new and changed pages stay free of WCAG 2.1 AA violations."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.web.actions import sign_in
from tests.web.test_accessibility import WCAG_AA

CANDIDATE = "candidate1@demo.example"


def _query(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_paging_the_matches_keeps_the_filters_and_the_order(new_page, screenshot):
    page = new_page()
    sign_in(page, CANDIDATE)
    page.goto("/app/matches")
    page.locator("#f-min_salary_eur_year").fill("20000")
    page.locator("#f-sort").select_option("deadline")
    page.get_by_role("button", name="Show openings").click()
    page.wait_for_url(re.compile("min_salary_eur_year=20000"))
    page.get_by_role("link", name=re.compile("Next")).click()
    page.wait_for_url(re.compile("offset=10"))
    assert _query(page.url) | {"offset": ["10"]} == {"min_salary_eur_year": ["20000"], "sort": ["deadline"], "offset": ["10"]}
    expect(page.locator("#f-min_salary_eur_year")).to_have_value("20000")
    expect(page.locator("#f-sort")).to_have_value("deadline")
    expect(page.locator("ol.results")).to_have_attribute("start", "11")
    page.get_by_role("link", name=re.compile("Previous")).click()
    page.wait_for_url(re.compile("offset=0"))
    assert _query(page.url)["min_salary_eur_year"] == ["20000"]


def test_the_landing_page_lists_openings_and_browses_a_field(new_page, screenshot):
    page = new_page()
    page.goto("/app")
    expect(page.locator("[data-ecosystem]")).to_contain_text("NOVA")
    expect(page.locator("[data-newest] li")).to_have_count(6)
    screenshot(page, "landing")
    field = page.locator("a[data-field]").first
    name, count = field.inner_text(), int(re.sub(r"\D", "", field.locator("xpath=following-sibling::span").inner_text()))
    field.click()
    page.wait_for_url(re.compile(r"/app/search\?field="))
    expect(page.locator("#f-field option:checked")).to_have_text(name)
    expect(page.locator("p.muted", has_text="open position")).to_contain_text(f"{count:,}")
    assert page.locator("li.result").count() == min(count, 10)


def test_on_a_phone_the_filters_fold_away(new_page):
    page = new_page(width=390, height=844)
    sign_in(page, CANDIDATE)
    page.goto("/app/matches")
    expect(page.locator("details[data-collapse-small]").first).not_to_have_attribute("open", "")
    assert page.locator("li.result").first.bounding_box()["y"] < 844 * 2
    wide = new_page()
    sign_in(wide, CANDIDATE)
    wide.goto("/app/matches")
    expect(wide.locator("details[data-collapse-small]").first).to_have_attribute("open", "")


@pytest.mark.parametrize("locale", ["en-GB", "it-IT"])
def test_the_job_site_pages_have_no_wcag_aa_violations(new_page, locale):
    axe = Axe()
    page = new_page(locale=locale)
    found = {}

    def check(url: str) -> None:
        assert page.goto(url).ok, url
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        violations = axe.run(page, options=WCAG_AA).response["violations"]
        if violations:
            found[url] = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in violations]

    for url in ("/app", "/app/search?field=computer_science", "/app/search?q=energia&sort=deadline"):
        check(url)
    page.goto("/app/search?sort=deadline")
    opening = page.locator("li.result h2 a").first.get_attribute("href")
    check(opening)
    sign_in(page, CANDIDATE)
    check("/app/matches?sort=pay&min_salary_eur_year=20000")
    fitting = page.locator("li.result h2 a").first.get_attribute("href")
    check(fitting)
    expect(page.locator("[data-fit]")).to_be_visible()
    assert not found, found
