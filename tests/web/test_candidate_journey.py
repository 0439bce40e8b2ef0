"""A candidate registers, fills a profile (fixing a form error on the way), searches, reads why an
opening fits, applies, and finds the application under their applications."""
import re

from playwright.sync_api import expect

from tests.web.actions import register, sign_in


def test_candidate_registers_fills_profile_searches_and_applies(new_page, screenshot):
    page = new_page()
    register(page, "Chiara Esposito", "chiara.esposito@example.org")

    expect(page).to_have_url(re.compile("/app/profile"))
    expect(page.get_by_role("status")).to_contain_text("Welcome")
    page.get_by_label("Headline").fill("Postdoc in machine learning for robotics")
    page.get_by_label("CV", exact=True).fill(
        "PhD in computer engineering. Four years of research on deep learning, reinforcement learning and "
        "computer vision for autonomous robots; Python and PyTorch; papers on robot grasping.")
    page.get_by_label("Skills").fill("python, machine learning, deep learning, computer vision, robotics")
    page.get_by_label("Computer science").check()
    page.get_by_label("Career stage").select_option("R2")
    page.locator("#f-language-0").fill("en")
    page.locator("#f-level-0").select_option("C1")
    page.get_by_label("Country you live in").fill("DE")
    page.locator("#f-place-0-country").fill("DE")
    page.locator("#f-place-0-start_date").fill("2021-01-01")
    page.get_by_label("Expected salary (EUR gross a year)").fill("-5")  # a mistake, reported next to the field
    page.get_by_role("button", name="Save my profile").click()

    salary = page.locator("#f-expected_salary_eur_year")
    expect(salary).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-expected_salary_eur_year-error")).to_contain_text("above 0")
    expect(page.get_by_label("Headline")).to_have_value("Postdoc in machine learning for robotics")  # nothing typed is lost
    salary.fill("36000")
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_role("status")).to_contain_text("Profile saved")
    expect(page.locator("#f-place-0-country")).to_have_value("DE")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Search openings").click()
    page.get_by_label("Words", exact=True).fill("machine learning for robots")
    page.get_by_role("button", name="Show openings").click()
    results = page.locator("li.result")
    expect(results.first).to_be_visible()
    first = results.first
    first.get_by_text("Why this score").click()
    expect(first.locator(".parts li").first).to_be_visible()
    expect(first.locator(".parts li")).to_have_count(9)  # eight signals and the competition for the post
    expect(first).to_contain_text("Salary:")
    expect(first).to_contain_text("Location:")
    screenshot(page, "candidate-search")

    title = first.locator("h2 a").inner_text()
    first.locator("h2 a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Gross a year to the person")).to_be_visible()
    page.get_by_label("Cover letter").fill("Robot learning is what I do.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("status")).to_contain_text("Your application is sent")

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="My applications").click()
    row = page.get_by_role("row", name=re.compile(re.escape(title)))
    expect(row).to_contain_text("Applied")


def test_candidate_matches_explain_and_suggest(new_page):
    page = new_page()
    sign_in(page, "candidate1@demo.example")
    expect(page).to_have_url(re.compile("/app/matches"))
    expect(page.locator("li.result").first).to_be_visible()
    expect(page.locator("li.result .score").first).to_have_text(re.compile(r"^\d+%$"))
    page.get_by_label("Contract").select_option("phd_scholarship")
    page.get_by_role("button", name="Show openings").click()
    expect(page.locator("li.result").first).to_be_visible()
    metas = page.locator("li.result .meta").all_inner_texts()
    assert metas and all("PhD scholarship" in meta for meta in metas)


def test_erasing_a_profile_needs_the_typed_confirmation(new_page):
    page = new_page()
    register(page, "To Be Erased", "erase.me@example.org")
    page.get_by_role("link", name="Erase my profile").click()
    page.get_by_label("Type ERASE to confirm.").fill("yes")
    page.get_by_role("button", name="Erase everything").click()
    expect(page.locator("#f-confirm-error")).to_be_visible()
    page.get_by_label("Type ERASE to confirm.").fill("ERASE")
    page.get_by_role("button", name="Erase everything").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data is erased")
    page.goto("/app/signin")
    page.locator("#f-email").fill("erase.me@example.org")
    page.locator("#f-password").fill("a long enough password")
    page.locator("form[action='/app/signin'] button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password")
