"""Issue 14 in the browser: the hub's period error at its form in Italian, recording an indicator on the
page, and an HR office importing the positions template it downloaded."""
import re

from playwright.sync_api import expect

from tests.web.actions import sign_in


def test_the_hub_sees_its_period_error_at_the_form_and_records_a_collaboration(new_page, screenshot):
    page = new_page(locale="it-IT", height=1200)
    sign_in(page, "hub@demo.example")
    page.get_by_label("Dal", exact=True).fill("2026-05-01")
    page.get_by_label("Al", exact=True).fill("2026-01-01")
    page.get_by_role("button", name="Mostra", exact=True).click()
    error = page.locator("#f-period-error")
    expect(error).to_contain_text("Il periodo inizia")
    expect(page.get_by_label("Dal", exact=True)).to_have_value("2026-05-01")
    expect(page.locator("#channels")).to_be_visible()

    page.get_by_role("link", name="Registra un indicatore, con la sua documentazione").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicatori di impatto")
    # the labels end with " *" (required): the fields by their ids
    page.locator("#f-indicator").select_option("collaboration_project")
    page.locator("#f-quarter").fill("2026-Q3")
    page.locator("#f-value").fill("2")
    page.locator("#f-description").fill("Progetto congiunto sulla robotica marina")
    page.locator("#f-evidence").fill("Accordo quadro n. 12/2026")
    page.get_by_role("button", name="Registra l'indicatore").click()
    expect(page.locator("#f-partner_ids-error")).to_contain_text("almeno due")  # no partners named yet
    partners = page.locator("#f-partner_ids input[type=checkbox]")
    partners.nth(0).check()
    partners.nth(1).check()
    page.get_by_role("button", name="Registra l'indicatore").click()
    expect(page.locator(".notice.good")).to_contain_text("L'indicatore è registrato.")
    expect(page.locator("table[data-records] tbody tr").first).to_contain_text("Accordo quadro n. 12/2026")
    screenshot(page, "hub-indicators")


def test_an_hr_office_imports_the_template_it_downloaded(new_page, tmp_path):
    page = new_page()
    sign_in(page, "hr.unige@demo.example")
    page.goto("/app/hr/import")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV template").click()
    template = tmp_path / "positions-template.csv"
    download_info.value.save_as(template)
    page.locator("#f-file").set_input_files(str(template))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".notice.good")).to_contain_text(re.compile(r"1 position imported \(of 1 in the file\)"))
