"""Issue 13's journey: a candidate saves a search; an HR officer publishes a position that matches it;
the service's worker delivers one alert e-mail to a real SMTP server; its link opens the position with
the alert channel; the candidate applies; the hub sees one more application from e-mail alerts."""
import re
import time
from datetime import date, timedelta

from playwright.sync_api import expect

from models.indicators import quarter_start
from tests.web.actions import register, sign_in

QUERY = "green hydrogen electrolysers"


def _alert_applications(hub) -> int:
    hub.goto("/app/hub")  # (with a #fragment, a second visit would only scroll, not reload)
    cell = hub.locator(f"tr[data-quarter='{quarter_start(date.today())}'] td[data-channel='alert']")
    return int(cell.inner_text().replace(".", "").replace(",", ""))


def _wait_for_mail(sink, to: str, timeout_s: float = 180):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        mine = [m for m in sink.messages if to in m.recipients]
        if mine:
            return mine
        time.sleep(0.5)
    raise AssertionError(f"no e-mail to {to} within {timeout_s} s")


def test_saved_search_alert_brings_an_application_the_hub_counts_by_channel(new_page, mail_sink):
    hub = new_page()
    sign_in(hub, "hub@demo.example")
    before = _alert_applications(hub)

    candidate = new_page()
    register(candidate, "Ilse Vogel", "ilse.vogel@alerts.example")
    candidate.goto(f"/app/search?q={QUERY.replace(' ', '+')}")
    save = candidate.locator("form[data-save-search]")
    save.get_by_label("E-mail me new openings like these").select_option("instant")
    save.get_by_role("button", name="Save this search").click()
    expect(candidate.get_by_text(QUERY).first).to_be_visible()

    hr = new_page()
    sign_in(hr, "hr.unige@demo.example")
    hr.goto("/app/hr/positions/new")
    hr.get_by_label("Title (English)").fill("Postdoc on electrolysers for green hydrogen")
    hr.get_by_label("Description (English)").fill(
        "Two-year postdoc on PEM electrolysers and catalysts for green hydrogen production from renewables.")
    hr.get_by_label("Skills asked for").fill("electrochemistry, catalysis, hydrogen")
    hr.get_by_label("Chemistry").check()
    hr.get_by_label("Contract *").select_option("contratto_di_ricerca")
    hr.get_by_label("Career stage *").select_option("R2")
    hr.get_by_label("Salary from (EUR)").fill("32000")
    hr.get_by_label("Region", exact=True).select_option("ITC3")
    hr.get_by_label("Deadline").fill((date.today() + timedelta(days=45)).isoformat())
    hr.get_by_label("Status").select_option("open")
    hr.get_by_role("button", name="Save the position").click()
    expect(hr).to_have_url(re.compile(r"/app/hr/positions/\d+\?saved=1"))
    position_id = int(re.search(r"/positions/(\d+)", hr.url).group(1))

    [mail] = _wait_for_mail(mail_sink, "ilse.vogel@alerts.example")
    text = mail.message.get_body(preferencelist=("plain",)).get_content()
    assert "Postdoc on electrolysers for green hydrogen" in text
    link = re.search(rf"https?://\S+(/app/positions/{position_id}\?channel=alert)", text)
    assert link, text
    assert mail.message["List-Unsubscribe"]

    candidate.goto(link.group(1))  # the e-mail's link, on this server
    expect(candidate.get_by_role("heading", level=1)).to_contain_text("electrolysers")
    candidate.get_by_role("button", name="Send my application").click()
    expect(candidate.get_by_role("status")).to_contain_text("Your application is sent")

    assert _alert_applications(hub) == before + 1
    time.sleep(5)  # two more alert runs and deliveries: still one e-mail
    assert len([m for m in mail_sink.messages if "ilse.vogel@alerts.example" in m.recipients]) == 1
