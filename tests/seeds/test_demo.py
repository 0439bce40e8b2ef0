"""The demo ecosystem generator: deterministic, valid by the API's own rules, and showing the
hiring gap and salary differences it is meant to show."""
import random
import statistics
from datetime import date

import pytest
from pydantic import ValidationError

from models.salary import normalise, normalise_position
from models.taxonomy import ContractType, values
from seeds import demo, load
from service.schemas.candidates import ProfileUpdate
from service.schemas.positions import PositionCreate

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def data() -> demo.DemoData:
    return demo.generate(seed=7, today=date.today())


def test_same_seed_gives_same_data_and_another_seed_does_not():
    first, again = demo.generate(seed=7, today=TODAY), demo.generate(seed=7, today=TODAY)
    assert again.positions == first.positions and again.candidates == first.candidates
    assert again.applications == first.applications and again.events == first.events
    assert demo.generate(seed=8, today=TODAY).positions != first.positions


def test_every_position_and_profile_passes_the_api_validation(data):
    for position in data.positions:
        row = {k: v for k, v in position.items()
               if k in load.COLUMNS["positions"] and k not in ("id", "institution_id") and v is not None}
        if row["status"] == "open":
            PositionCreate.model_validate(row)
        else:  # a closed call may have a deadline in the past; everything else must hold
            PositionCreate.model_validate(row | {"status": "closed"})
    for candidate in data.candidates:
        profile = {k: v for k, v in candidate.items()
                   if k in ProfileUpdate.model_fields and v is not None}
        places = [{k: p[k] for k in ("kind", "country", "region", "start_date", "end_date")}
                  for p in data.places if p["candidate_id"] == candidate["id"]]
        try:
            ProfileUpdate.model_validate(profile | {"places": places})
        except ValidationError as exc:
            pytest.fail(f"candidate {candidate['id']}: {exc}")


def test_demo_is_clearly_labelled(data):
    assert "DEMO" in data.ecosystem["name"] and "fictional" in data.ecosystem["name"]
    assert all("(demo)" in inst["name"] for inst in data.institutions)
    assert all(account["email"].endswith("@demo.example") for account in data.accounts)
    assert {a["role"] for a in data.accounts} == {"hub", "hr", "candidate"}


def test_positions_come_in_both_languages_and_many_kinds(data):
    both = sum(1 for p in data.positions if p["title_it"] and p["title_en"])
    italian_only = sum(1 for p in data.positions if p["title_it"] and not p["title_en"])
    english_only = sum(1 for p in data.positions if p["title_en"] and not p["title_it"])
    assert both > 200 and italian_only > 20 and english_only > 20
    assert len({p["contract_type"] for p in data.positions}) >= 8
    assert {p["career_stage"] for p in data.positions} == {"R1", "R2", "R3", "R4"}
    assert sum(1 for p in data.positions if p["status"] == "open") > 50


def test_company_pay_follows_the_regional_market(data):
    """Company engineers in Milano are paid more than in Napoli and Catania (North-South gap).

    Pay is compared as gross per year and full time, whatever form each call states it in, with each
    institution's planted premium divided out: what is left is the regional market, 33,452 / 30,830
    (Lombardia) against 0.90 and 0.88 of the national average (Campania, Sicilia), a gap of about 22%."""
    premium = {inst["id"]: inst["premium"] for inst in data.institutions}
    company = [p for p in data.positions if p["contract_type"] == "company_employee"]
    assert {p["salary_period"] for p in company} == {"month", "year"}  # both forms are compared

    def market_pay(p):
        return normalise_position(p).gross_fte_eur_year / (1 + premium[p["institution_id"]])
    north = statistics.mean(market_pay(p) for p in company if p["region"] == "ITC4")
    south = statistics.mean(market_pay(p) for p in company if p["region"] in ("ITF3", "ITG1"))
    assert north > south * 1.15


@pytest.mark.parametrize("contract", values(ContractType))
def test_every_posted_form_normalises_back_to_the_pay_drawn(contract):
    """The generator states a pay per month over 12, 13 or 14 payments, or as the employer's cost:
    models.salary undoes each form back to the 30,000 a year drawn (the generator uses its ratios)."""
    forms = set()
    for seed in range(40):
        posted = demo._posted_salary(random.Random(seed), contract, 30_000.0)
        forms.add((posted["salary_period"], posted["salary_basis"], posted["monthly_payments"]))
        amount = posted["salary_max"] / 1.08 if posted["salary_max"] else posted["salary_min"]  # a range's middle
        gross = normalise(amount, contract_type=contract, period=posted["salary_period"], basis=posted["salary_basis"],
                          monthly_payments=posted["monthly_payments"]).gross_eur_year
        assert gross == pytest.approx(30_000.0, abs=0.1), (contract, posted)  # cents rounded, up to 14 times
    expected_forms = {"phd_scholarship": 2, "research_body_researcher": 2, "technologist": 2, "company_employee": 2,
                      "contratto_di_ricerca": 2}
    assert len(forms) == expected_forms.get(contract, 1), forms


def test_history_shows_a_hiring_gap_and_hires(data):
    closed = [p for p in data.positions if p["status"] in ("closed", "filled")]
    filled = [p for p in closed if p["status"] == "filled"]
    assert 0.2 < len(filled) / len(closed) < 0.7, "many calls must stay unfilled, and some must fill"
    hires = [a for a in data.applications if a["stage"] == "hired"]
    assert all(a["hire_start_date"] for a in hires)
    no_applicant = {p["id"] for p in closed} - {a["position_id"] for a in data.applications}
    assert len(no_applicant) > 30, "some calls drew no applicant at all"


def test_candidates_come_from_the_region_other_regions_and_abroad(data):
    regions = set(demo.ECOSYSTEM["regions"])
    foreign = sum(1 for c in data.candidates if c["nationality"] != "IT")
    abroad_now = sum(1 for c in data.candidates if c["current_country"] != "IT")
    elsewhere_in_italy = sum(1 for c in data.candidates if c["current_country"] == "IT" and c["current_region"] not in regions)
    assert foreign > 300 and abroad_now > 200 and elsewhere_in_italy > 300


def test_events_follow_each_application_in_time(data):
    by_application = {}
    for event in data.events:
        by_application.setdefault(event["application_id"], []).append(event)
    for application in data.applications:
        events = by_application[application["id"]]
        assert events[0]["from_stage"] is None and events[0]["to_stage"] == "applied"
        assert events[-1]["to_stage"] == application["stage"]
        assert [e["changed_at"] for e in events] == sorted(e["changed_at"] for e in events)
