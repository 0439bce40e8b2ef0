"""What a user does in the browser, shared by the journeys."""
import re

from seeds import demo


def sign_in(page, email: str, password: str = demo.DEMO_PASSWORD) -> None:
    page.goto("/app/signin")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(password)
    page.locator("form[action='/app/signin'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/app/signin" not in url)


def register(page, full_name: str, email: str, password: str = "a long enough password") -> None:
    """Registers a new candidate through the page (English labels) and lands on the profile."""
    page.goto("/app/register")
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(re.compile("/app/profile"))
