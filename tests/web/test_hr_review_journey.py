"""Issue 14's review journey in Chromium: a candidate uploads a PDF CV and confirms its text; three apply;
the HR officer sorts the list by applications, opens an application and reads the CV, the cover letter and
the explanation, downloads the file, rates it, and rejects two applicants in one action (partly by
keyboard). axe-core finds no WCAG 2.1 AA violation on the new pages, in English and Italian."""
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.pdfs import pdf_with_text
from tests.web.actions import register, sign_in
from tests.web.test_accessibility import WCAG_AA
from tests.web.test_hr_journey import _draft

CV_LINES = ["Postdoctoral researcher in robot learning", "Python, PyTorch, computer vision, robotics",
            "PhD in computer engineering, Genova"]
NEWCOMERS = ("luca.recensione@example.org", "sara.recensione@example.org")
LETTER = "I built grasping systems for three years and would love to continue at your lab."


def _no_violations(axe: Axe, page) -> None:
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    violations = axe.run(page, options=WCAG_AA).response["violations"]
    assert not violations, [f"{v['id']}: {v['help']} ({v['nodes'][0]['html'][:120]})" for v in violations]


def _card(page, email: str):
    return page.locator(".board .card", has_text=email)


def test_hr_reads_rates_and_rejects_two_in_one_action(new_page, screenshot):
    axe = Axe()
    maker = new_page(locale="it-IT")
    sign_in(maker, "hr.unige@demo.example")
    _draft(maker, "32000")
    maker.get_by_role("button", name="Salva la posizione").click()
    expect(maker).to_have_url(re.compile(r"/app/hr/positions/\d+\?saved=1"))
    position_id = int(re.search(r"/positions/(\d+)", maker.url).group(1))

    pdf = pdf_with_text(CV_LINES)
    first = new_page()
    sign_in(first, "candidate3@demo.example")
    first.goto("/app/profile")
    first.get_by_label("PDF file").set_input_files({"name": "my-cv.pdf", "mimeType": "application/pdf", "buffer": pdf})
    first.get_by_role("button", name="Upload and read my CV").click()
    expect(first.get_by_role("heading", level=1)).to_have_text("Check the text of your CV")
    expect(first.get_by_label("CV", exact=True)).to_have_value("\n".join(CV_LINES))
    _no_violations(axe, first)
    first.get_by_role("button", name="Confirm this text as my CV").click()
    expect(first.get_by_role("status").first).to_contain_text("The text read from your CV is now your profile's CV text")
    expect(first.get_by_label("CV", exact=True)).to_have_value("\n".join(CV_LINES))
    first.goto(f"/app/positions/{position_id}")
    first.get_by_label("Cover letter").fill(LETTER)
    first.get_by_role("button", name="Send my application").click()
    expect(first.get_by_role("status")).to_contain_text("Your application is sent")
    for name, email in (("Luca Recensione", NEWCOMERS[0]), ("Sara Recensione", NEWCOMERS[1])):
        other = new_page()
        register(other, name, email)  # the demo's candidate accounts are three: two newcomers apply too
        other.goto(f"/app/positions/{position_id}")
        other.get_by_role("button", name="Send my application").click()
        expect(other.get_by_role("status")).to_contain_text("Your application is sent")

    hr = new_page()
    sign_in(hr, "hr.unige@demo.example")
    hr.get_by_label("Sort by").select_option("applications")
    hr.get_by_role("button", name="Show", exact=True).click()
    expect(hr).to_have_url(re.compile(r"sort=applications"))
    counts = [int(c) for c in hr.locator("td[data-applications]").evaluate_all("cells => cells.map(c => c.dataset.applications)")]
    assert counts == sorted(counts, reverse=True) and len(counts) > 1, counts

    hr.goto(f"/app/hr/positions/{position_id}/applications")
    expect(hr.locator(".board .card")).to_have_count(3)
    _no_violations(axe, hr)
    _card(hr, "candidate3@demo.example").locator("a[href^='/app/hr/applications/']").click()
    expect(hr.locator("#cv-text")).to_contain_text("Postdoctoral researcher in robot learning")
    expect(hr.locator("#cover-letter")).to_have_text(LETTER)
    fit = hr.locator("#fit")
    expect(fit.locator(".score")).to_have_text(re.compile(r"^\d+\s?%$"))
    expect(fit).to_contain_text("Why this score")
    with hr.expect_download() as download:
        hr.get_by_role("link", name=re.compile("Download the CV file")).click()
    assert Path(download.value.path()).read_bytes() == pdf
    hr.get_by_label("4 stars").check()
    hr.get_by_role("button", name="Save the rating").click()
    expect(hr.get_by_role("status")).to_have_text("Rating saved.")
    expect(hr.locator("#rating")).to_contain_text("4 stars of 5")
    _no_violations(axe, hr)
    screenshot(hr, "hr-review")

    hr.get_by_role("link", name=re.compile("^Applications")).click()
    expect(_card(hr, "candidate3@demo.example").locator(".stars")).to_have_attribute("aria-label", "4 stars of 5")
    _card(hr, NEWCOMERS[0]).get_by_role("checkbox").check()
    _card(hr, NEWCOMERS[1]).get_by_role("checkbox").focus()
    hr.keyboard.press("Space")  # the board works by keyboard: plain checkboxes and buttons
    expect(_card(hr, NEWCOMERS[1]).get_by_role("checkbox")).to_be_checked()
    hr.get_by_label("Move the ticked applications to").select_option("rejected")
    hr.get_by_label("Message or note").fill("We chose profiles closer to the call; thank you.")
    hr.get_by_role("button", name="Apply to the ticked applications").click()
    expect(hr.get_by_role("status")).to_have_text("2 applications moved to “Rejected”.")
    rejected = hr.locator(".board section", has=hr.get_by_role("heading", name=re.compile("^Rejected"))).locator(".card")
    expect(rejected).to_have_count(2)
    expect(_card(hr, "candidate3@demo.example").get_by_role("checkbox")).to_be_visible()  # still in the funnel

    italian = new_page(locale="it-IT")
    sign_in(italian, "hr.unige@demo.example")
    italian.goto(hr.url.split("?")[0])
    _card(italian, NEWCOMERS[0]).locator("a[href^='/app/hr/applications/']").click()
    expect(italian.locator("ol.history")).to_contain_text("We chose profiles closer to the call")
    expect(italian.get_by_role("heading", name="Storico")).to_be_visible()
    _no_violations(axe, italian)
