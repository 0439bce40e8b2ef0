"""The hub opens the talent flows from its dashboard, in English and in Italian: a Sankey diagram
per flow with its table beside it, on the demo ecosystem."""
import pytest
from playwright.sync_api import expect

from tests.web.actions import sign_in

WORDS = {"en-GB": ("Talent flows", "Where hires came from", "Hub dashboard"),
         "it-IT": ("Flussi di talenti", "Da dove vengono le assunzioni", "Cruscotto dell'hub")}


@pytest.mark.parametrize("locale", ["en-GB", "it-IT"])
def test_hub_opens_the_talent_flows_as_sankey_diagrams_with_their_tables(new_page, screenshot, locale):
    title, origin, _ = WORDS[locale]
    page = new_page(locale=locale, height=1400)
    sign_in(page, "hub@demo.example")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.evaluate("document.documentElement.lang") == locale[:2]
    section = page.locator("section#origin")
    expect(section.get_by_role("heading", level=2)).to_have_text(origin)
    expect(section.locator("svg.sankey")).to_be_visible()
    assert section.locator("svg.sankey rect.node").count() >= 2, "the origin flows should draw their nodes as bars"
    hidden = section.locator("figcaption")  # the demo's year hides links: their hires are stated, not drawn
    assert section.locator("svg.sankey path.band").count() > 0 or hidden.count() == 1
    expect(section.locator("table").first).to_contain_text("Università Demo di Genova")
    expect(page.locator("svg.sankey")).to_have_count(3)
    screenshot(page, f"hub-flows-{locale[:2]}")
