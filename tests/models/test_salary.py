"""Salary normalisation against hand-worked examples, one per contract type."""
import pytest

from models.salary import EMPLOYER_COST_RATIO, normalise, normalise_position


@pytest.mark.parametrize("contract, kwargs, gross, cost, gross_fte", [
    # PhD scholarship, 16,243 a year gross: employer cost 16,243 x 18,843 / 16,243 = 18,843.
    ("phd_scholarship", dict(amount=16_243), 16_243.00, 18_843.00, 16_243.00),
    # The same posted as 1,353.58 a month over 12 payments.
    ("phd_scholarship", dict(amount=1_353.58, period="month"), 16_242.96, 18_842.95, 16_242.96),
    # Research grant at the legal minimum 19,367: cost 23,890.
    ("research_grant", dict(amount=19_367), 19_367.00, 23_890.00, 19_367.00),
    # Contratto di ricerca posted as its employer cost 39,547.14: gross 28,283.94.
    ("contratto_di_ricerca", dict(amount=39_547.14, basis="employer_cost"), 28_283.94, 39_547.14, 28_283.94),
    # RTD-A at 34,898 gross: cost 48,000.
    ("rtd_a", dict(amount=34_898), 34_898.00, 48_000.00, 34_898.00),
    # RTT at 3,000 a month over 13 payments: 39,000 gross; cost 39,000 x 48,000 / 34,898 = 53,642.04.
    ("rtt", dict(amount=3_000, period="month", monthly_payments=13), 39_000.00, 53_642.04, 39_000.00),
    # Research body researcher, 2,960.85 a month over 13 payments = 38,491.05; cost x 48,000 / 34,898 = 52,942.01.
    ("research_body_researcher", dict(amount=2_960.85, period="month", monthly_payments=13), 38_491.05, 52_942.01, 38_491.05),
    # Technologist half time, 18 of 36 hours, 20,000 a year: full-time equivalent 40,000.
    ("technologist", dict(amount=20_000, hours_per_week=18), 20_000.00, 27_508.74, 40_000.00),
    # Company engineer, 2,500 a month over 14 payments: 35,000 gross; cost x 1.35 = 47,250.
    ("company_employee", dict(amount=2_500, period="month", monthly_payments=14), 35_000.00, 47_250.00, 35_000.00),
    # Company, part time 20 of 40 hours, 17,500 a year: full-time equivalent 35,000.
    ("company_employee", dict(amount=17_500, hours_per_week=20), 17_500.00, 23_625.00, 35_000.00),
    # Tech-transfer officer posted as employer cost 54,000: gross 54,000 / 1.35 = 40,000.
    ("tech_transfer_officer", dict(amount=54_000, basis="employer_cost"), 40_000.00, 54_000.00, 40_000.00),
    ("other", dict(amount=30_000), 30_000.00, 40_500.00, 30_000.00),
])
def test_hand_worked_examples(contract, kwargs, gross, cost, gross_fte):
    result = normalise(contract_type=contract, **kwargs)
    assert result.gross_eur_year == pytest.approx(gross, abs=0.02)
    assert result.employer_cost_eur_year == pytest.approx(cost, abs=0.02)
    assert result.gross_fte_eur_year == pytest.approx(gross_fte, abs=0.02)


def test_every_contract_type_has_a_ratio():
    from models.taxonomy import ContractType, values
    assert set(EMPLOYER_COST_RATIO) == set(values(ContractType))


def test_position_uses_upper_end_of_range_and_none_without_salary():
    position = {"salary_min": 30_000, "salary_max": 36_000, "contract_type": "company_employee", "salary_period": "year",
                "salary_basis": "gross_person", "monthly_payments": 12, "hours_per_week": 40}
    assert normalise_position(position).gross_eur_year == 36_000
    assert normalise_position(position | {"salary_min": None, "salary_max": None}) is None


@pytest.mark.parametrize("kwargs", [dict(amount=0), dict(amount=100, period="week"), dict(amount=100, basis="net")])
def test_bad_input_is_refused(kwargs):
    with pytest.raises(ValueError):
        normalise(contract_type="other", **kwargs)
