"""The hub opens its dashboard (gap, salaries, attracted talent, indicators), runs an allocation
with a what-if, and exports the indicators."""
import csv
import io
import re

from playwright.sync_api import expect

from tests.web.actions import sign_in


def test_hub_reads_dashboard_runs_allocation_and_exports_indicators(new_page, screenshot):
    page = new_page(height=1400)
    sign_in(page, "hub@demo.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hub dashboard")

    gap = page.locator("#gap")
    expect(gap.locator(".stat").first).to_contain_text(re.compile(r"Openings opened in the period\s*\d"))
    bars = gap.locator("svg.chart rect")
    assert bars.count() > 12, "the monthly chart should draw bars for a year of months"
    expect(gap.locator("table[data-cut]")).to_contain_text("Università Demo di Genova")
    for image in page.locator("#salaries img.plot").all():  # the salary charts render (served by the app)
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 300
    expect(page.locator("#attracted .quota")).to_have_count(3)
    expect(page.locator("#attracted")).to_contain_text("From another Italian region")
    expect(page.locator("#attracted table").nth(1)).to_contain_text("Università Demo di Genova")  # by institution
    screenshot(page, "hub-dashboard")

    page.get_by_label("Break down by").select_option("region")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("#gap table[data-cut]")).to_contain_text("Liguria")

    page.get_by_label("From quarter").fill("2025-Q1")
    page.get_by_label("To quarter").fill("2026-Q4")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export the indicators (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "indicators-2025-Q1-2026-Q4.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert rows and {"quarter", "indicator", "value"} <= set(rows[0])
    # Counts of people are protected (models.privacy): a hidden value is empty, a shown one 0 or at least 5.
    assert all(r["value"] == "" or not 0 < float(r["value"]) < 5 for r in rows if r["indicator"] == "talents_attracted")
    assert any(r["indicator"] == "jobs_created" and r["value"] and float(r["value"]) > 0 for r in rows)

    page.get_by_label("What if every salary rose by (%)").fill("10")
    page.get_by_role("button", name="Run the allocation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocation")
    vacant = int(page.locator(".stat", has_text="Vacant openings").locator("strong").inner_text().replace(",", ""))
    filled = int(page.locator(".stat", has_text="Filled by the allocation").locator("strong").inner_text().replace(",", ""))
    assert 0 < filled <= vacant
    expect(page.get_by_label("What if every salary rose by (%)")).to_have_value("10")


def test_hub_pages_are_closed_to_candidates_and_to_anonymous_users(new_page):
    page = new_page()
    page.goto("/app/hub")
    expect(page).to_have_url(re.compile(r"/app/signin\?next=/app/hub"))
    sign_in(page, "candidate1@demo.example")
    response = page.goto("/app/hub/indicators.csv?first=2025-Q1&last=2025-Q4")
    assert response.status == 403
