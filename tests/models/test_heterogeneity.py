"""Heterogeneity measures on data with known answers."""
import numpy as np
import pytest

from models.heterogeneity import gini, institution_premiums, role_spread

ROLES = [("contratto_di_ricerca", "R2", 28_300), ("rtd_a", "R2", 34_900), ("company_employee", "R2", 35_000),
         ("phd_scholarship", "R1", 16_250), ("technologist", "R3", 40_000)]


def planted(premium_of_x: float, n: int = 600, noise: float = 0.05, seed: int = 0):
    """Positions at six institutions; institution X pays ``premium_of_x`` log points more for the same role."""
    rng = np.random.default_rng(seed)
    rows, pay = [], []
    for i in range(n):
        contract, stage, base = ROLES[rng.integers(len(ROLES))]
        institution = "X" if i % 6 == 0 else f"I{i % 6}"
        field = ["physics", "engineering", "economics"][rng.integers(3)]
        years = int(rng.integers(4))
        rows.append({"institution": institution, "contract_type": contract, "career_stage": stage, "field": field,
                     "min_years_experience": years})
        effect = premium_of_x if institution == "X" else 0.0
        pay.append(base * np.exp(effect + 0.01 * years + rng.normal(0, noise)))
    return rows, np.array(pay)


@pytest.mark.parametrize("truth", [0.15, -0.10, 0.0])
def test_planted_premium_is_recovered_within_its_interval(truth):
    rows, pay = planted(truth)
    premiums = {p.institution: p for p in institution_premiums(rows, pay)}
    # X is 1/6 of the positions; centring on the weighted average moves it by 1/6 of the truth.
    expected = truth * (1 - 1 / 6)
    low, high = premiums["X"].interval
    assert low <= expected <= high
    assert premiums["X"].std_error < 0.02
    others = [p for name, p in premiums.items() if name != "X"]
    assert all(abs(p.premium + truth / 6) < 0.03 for p in others)


def test_gini_of_equal_values_is_zero_and_of_one_holder_is_near_one():
    assert gini(np.ones(10)) == pytest.approx(0)
    assert gini(np.array([0] * 99 + [1])) == pytest.approx(0.99)


def test_role_spread_flags_the_institution_far_from_the_rest():
    pay = np.array([30_000, 31_000, 29_500, 30_500, 30_200, 29_800, 30_100, 45_000, 46_000])
    institutions = ["A", "A", "B", "B", "C", "C", "C", "Rich", "Rich"]
    spread = role_spread("contratto_di_ricerca/R2", pay, institutions)
    assert [o["institution"] for o in spread.outliers] == ["Rich"]
    assert spread.between_institution_share > 0.9
    assert spread.coefficient_of_variation == pytest.approx(pay.std() / pay.mean())
    assert spread.interquartile_range_eur_year == pytest.approx(np.percentile(pay, 75) - np.percentile(pay, 25))


def test_institution_confounded_with_field_still_compares_on_role():
    rows, pay = planted(0.15)
    for i, row in enumerate(rows):  # every institution posts in one field only
        row["field"] = {"X": "physics"}.get(row["institution"], "economics" if i % 2 else "engineering")
    premiums = {p.institution: p for p in institution_premiums(rows, pay)}
    low, high = premiums["X"].interval
    assert low <= 0.15 * (1 - 1 / 6) <= high


def test_institution_sharing_no_role_with_the_rest_is_left_out():
    rows, pay = planted(0.0)
    rows.append({"institution": "Island", "contract_type": "other", "career_stage": "R4", "field": "physics",
                 "min_years_experience": 0})
    rows.append(dict(rows[-1]))
    pay = np.append(pay, [90_000, 91_000])
    names = {p.institution for p in institution_premiums(rows, pay)}
    assert "Island" not in names and "X" in names
