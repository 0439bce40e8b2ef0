"""axe-core (Deque's accessibility engine, bundled by axe-playwright-python) finds no WCAG 2.1 A or AA
violation on the main pages of each user, in both languages."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.web.actions import sign_in

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGES = {
    None: ["/app", "/app/signin", "/app/register", "/app/search?q=energia+rinnovabile", "{open}"],
    "candidate1@demo.example": ["/app/matches", "/app/profile", "/app/applications", "/app/profile/erase"],
    "hr.unige@demo.example": ["/app/hr/positions", "/app/hr/positions/new", "/app/hr/import", "{own}",
                              "{own}/edit", "{own}/candidates", "{own}/applications", "/app/indicators"],
    "hub@demo.example": ["/app/hub", "/app/indicators"],
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("locale", ["en-GB", "it-IT"])
@pytest.mark.parametrize("account", list(PAGES), ids=lambda a: a.split("@")[0] if a else "anonymous")
def test_pages_have_no_wcag_aa_violations(new_page, axe, account, locale):
    page = new_page(locale=locale)
    if account:
        sign_in(page, account)
    own = opened = None
    if account and account.startswith("hr."):  # the first position of the officer's own list
        page.goto("/app/hr/positions")
        own = page.locator("table a").first.get_attribute("href")
    if "{open}" in PAGES[account]:  # an open position anyone may see: the first the search finds
        page.goto("/app/search?q=energia+rinnovabile")
        opened = page.locator("li.result h2 a").first.get_attribute("href")
        assert opened.startswith("/app/positions/"), opened
    found = {}
    for url in (u.format(own=own, open=opened) for u in PAGES[account]):
        response = page.goto(url)
        assert response.ok, url
        for details in page.locator("details").all():  # the explanations' inside too
            details.evaluate("d => d.open = true")
        violations = axe.run(page, options=WCAG_AA).response["violations"]
        if violations:
            found[url] = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in violations]
    assert not found, found


def test_the_check_catches_a_violation_when_there_is_one(new_page, axe):
    page = new_page()
    page.goto("/app/signin")
    page.evaluate("document.querySelector('label[for=f-email]').remove()")  # an input without its label
    violations = {v["id"] for v in axe.run(page, options=WCAG_AA).response["violations"]}
    assert "label" in violations
