"""An HR officer, in Italian (the browser's language), drafts a position and sees the salary warning,
ranks candidates, and takes an application from 'applied' to 'hired'; a candidate applies in between.
Another institution's position page stays closed to the officer."""
import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.web.actions import sign_in


def _draft(page, salary: str) -> None:
    page.goto("/app/hr/positions/new")
    page.get_by_label("Titolo (inglese)").fill("Postdoc in robot learning and computer vision")
    page.get_by_label("Descrizione (inglese)").fill(
        "Two-year postdoc on deep learning and computer vision for robot grasping, with Python and PyTorch.")
    page.get_by_label("Competenze richieste").fill("python, machine learning, computer vision, robotics")
    page.get_by_label("Informatica").check()
    page.get_by_label("Contratto *").select_option("contratto_di_ricerca")
    page.get_by_label("Profilo di carriera *").select_option("R2")
    page.get_by_label("Retribuzione da (EUR)").fill(salary)
    page.get_by_label("Regione", exact=True).select_option("ITC3")
    page.get_by_label("Scadenza").fill((date.today() + timedelta(days=40)).isoformat())
    page.get_by_label("Stato").select_option("open")


def test_hr_officer_posts_sees_salary_warning_ranks_and_hires(new_page, screenshot):
    hr = new_page(locale="it-IT")
    sign_in(hr, "hr.unige@demo.example")
    expect(hr.get_by_role("heading", level=1)).to_have_text("Le nostre posizioni")

    _draft(hr, "15000")
    hr.get_by_role("button", name="Confronta la retribuzione con l'ecosistema").click()
    warning = hr.locator("#salary-warning")
    expect(warning).to_contain_text("Sotto il mercato dell'ecosistema per questo ruolo")
    expect(warning).to_contain_text(re.compile(r"15\.000\s€"))  # Italian digit grouping, the unit after the sum
    expect(hr.get_by_label("Titolo (inglese)")).to_have_value("Postdoc in robot learning and computer vision")
    hr.get_by_role("button", name="Salva la posizione").click()
    expect(hr).to_have_url(re.compile(r"/app/hr/positions/\d+\?saved=1"))
    position_id = int(re.search(r"/positions/(\d+)", hr.url).group(1))
    expect(hr.locator("#salary-warning")).to_be_visible()  # still below market once saved

    hr.get_by_role("link", name="Candidati in ordine di affinità").click()
    ranked = hr.locator("li.result")
    expect(ranked.first).to_be_visible()
    expect(ranked.first.locator(".score")).to_have_text(re.compile(r"^\d+\s?%$"))
    ranked.first.get_by_text("Perché questo punteggio").click()
    expect(ranked.first.locator(".parts li").first).to_be_visible()

    candidate = new_page()
    sign_in(candidate, "candidate2@demo.example")
    candidate.goto(f"/app/positions/{position_id}")
    candidate.get_by_role("button", name="Send my application").click()
    expect(candidate.get_by_role("status")).to_contain_text("Your application is sent")

    hr.goto(f"/app/hr/positions/{position_id}/applications")
    card = hr.locator(".pipeline section", has=hr.get_by_role("heading", name=re.compile("^Candidato"))).locator(".card")
    expect(card).to_have_count(1)
    card.get_by_label("Sposta a").select_option("offer")
    card.get_by_role("button", name="Sposta").click()

    offer = hr.locator(".pipeline section", has=hr.get_by_role("heading", name=re.compile("^Offerta"))).locator(".card")
    expect(offer).to_have_count(1)
    offer.get_by_label("Sposta a").select_option("hired")
    offer.get_by_role("button", name="Sposta").click()  # no start date: refused, next to the application
    expect(hr.get_by_role("alert")).to_contain_text("start_date")
    offer = hr.locator(".pipeline section", has=hr.get_by_role("heading", name=re.compile("^Offerta"))).locator(".card")
    offer.get_by_label("Sposta a").select_option("hired")
    offer.get_by_label("Data di inizio (per un'assunzione)").fill((date.today() + timedelta(days=60)).isoformat())
    offer.get_by_role("button", name="Sposta").click()
    expect(hr.get_by_role("heading", level=1)).to_have_text("Registrare l'assunzione?")  # a final step is confirmed
    hr.get_by_role("button", name="Registra l'assunzione").click()

    hired = hr.locator(".pipeline section", has=hr.get_by_role("heading", name=re.compile("^Assunto"))).locator(".card")
    expect(hired).to_have_count(1)
    expect(hired).to_contain_text("candidate2@demo.example")
    hr.goto(f"/app/hr/positions/{position_id}")
    expect(hr.locator(".stat").first).to_contain_text("Coperta")  # one opening, one hire: filled
    screenshot(hr, "hr-position")


def test_hr_officer_cannot_open_another_institutions_position_page(new_page):
    hr = new_page()
    sign_in(hr, "hr.polimi@demo.example")
    hr.goto("/app/hr/positions")
    own = int(re.search(r"/app/hr/positions/(\d+)", hr.locator("table a").first.get_attribute("href")).group(1))
    hr.get_by_role("button", name="Sign out").click()

    sign_in(hr, "hr.unige@demo.example")
    for url in (f"/app/hr/positions/{own}", f"/app/hr/positions/{own}/candidates", f"/app/hr/positions/{own}/applications",
                f"/app/hr/positions/{own}/edit"):
        response = hr.goto(url)
        assert response.status == 404, url
        expect(hr.get_by_role("alert")).to_contain_text("does not exist or is not visible to you")
    response = hr.goto("/app/hub")
    assert response.status == 403


def test_salary_check_follows_the_draft_as_it_is_typed(new_page):
    hr = new_page()
    sign_in(hr, "hr.unige@demo.example")
    hr.goto("/app/hr/positions/new")
    expect(hr.locator("#salary-check")).to_have_count(0)  # nothing to check yet
    hr.get_by_label("Contract *").select_option("contratto_di_ricerca")
    hr.get_by_label("Career stage *").select_option("R2")
    hr.get_by_label("Salary from (EUR)").fill("15000")
    hr.get_by_label("Salary from (EUR)").blur()  # a change event, as when moving to the next field
    expect(hr.locator("#salary-warning")).to_contain_text("Below the ecosystem's market")  # no button pressed
    hr.get_by_label("Salary from (EUR)").fill("60000")
    hr.get_by_label("Salary from (EUR)").blur()
    expect(hr.locator("#salary-warning")).to_have_count(0)
    expect(hr.locator("#salary-check")).to_contain_text("in line with the ecosystem")
