"""Ecosystem comparison: intervals against published values and simulation, tests against scipy and planted differences."""
import numpy as np
import pytest
from scipy import stats

from models import comparison as cmp


def test_wilson_interval_matches_published_values():
    assert cmp.proportion(0, 10).high == pytest.approx(0.2775, abs=1e-4)
    half = cmp.proportion(5, 10)
    assert (half.low, half.high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    assert cmp.proportion(3, 0) == cmp.NOTHING


def test_exact_poisson_interval_matches_garwood_table():
    zero = cmp.rate(0, 1)
    assert (zero.low, zero.high) == (0.0, pytest.approx(3.689, abs=1e-3))
    ten = cmp.rate(10, 2)  # per unit: the events' interval over the exposure
    assert ten.value == 5
    assert (ten.low, ten.high) == (pytest.approx(4.795 / 2, abs=1e-3), pytest.approx(18.390 / 2, abs=1e-3))


def test_median_interval_uses_the_order_statistics_of_the_binomial_table():
    values = list(range(10, 0, -1))  # 1..10 shuffled order
    estimate = cmp.median(values)
    assert estimate.value == 5.5
    assert (estimate.low, estimate.high) == (2.0, 9.0)  # x(2), x(9) for n = 10
    assert cmp.median([1, 2, 3]).low is None  # too few values for a 95% interval


def test_median_interval_covers_the_true_median_at_least_95_percent_of_the_time():
    rng = np.random.default_rng(3)
    covered = 0
    for _ in range(2000):
        e = cmp.median(rng.exponential(1.0, 25))
        covered += e.low <= np.log(2) <= e.high
    assert covered / 2000 >= 0.945


def test_holm_adjustment_matches_hand_computation():
    assert cmp.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert cmp.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])


def test_planted_difference_in_fill_rate_is_found_and_only_there():
    result = cmp.differ_proportions({"A": (80, 100), "B": (78, 100), "C": (40, 100), "tiny": (1, 3)})
    assert result.test == "chi_square_homogeneity" and result.significant
    assert result.left_out == ["tiny"] and result.tested == ["A", "B", "C"]
    assert {(p.first, p.second, p.higher) for p in result.differ} == {("A", "C", "A"), ("B", "C", "B")}
    assert result.statistic == pytest.approx(stats.chi2_contingency([[80, 20], [78, 22], [40, 60]], correction=False)[0])


def test_equal_fill_rates_are_rarely_called_different():
    rng = np.random.default_rng(11)
    rejected = sum(cmp.differ_proportions({e: (int(rng.binomial(60, 0.4)), 60) for e in "ABCD"}).significant
                   for _ in range(400))
    assert rejected / 400 < 0.09  # nominal 5%, with room for the simulation's own noise


def test_rates_test_is_the_goodness_of_fit_to_the_exposure_shares():
    counts = {"A": (300, 100.0), "B": (150, 100.0), "C": (610, 200.0)}
    result = cmp.differ_rates(counts)
    events = np.array([300, 150, 610])
    expected = np.array([100, 100, 200]) / 400 * events.sum()
    assert result.statistic == pytest.approx(stats.chisquare(events, expected).statistic)
    assert {(p.first, p.second) for p in result.differ} == {("A", "B"), ("B", "C")}  # A and C both ~3 per opening


def test_distributions_and_spreads_find_planted_shifts():
    rng = np.random.default_rng(5)
    days = {"fast": rng.normal(40, 10, 60), "slow": rng.normal(90, 10, 60), "also_fast": rng.normal(40, 10, 60)}
    found = cmp.differ_distributions(days)
    assert found.test == "kruskal_wallis"
    assert {frozenset((p.first, p.second)) for p in found.differ} == {frozenset(("fast", "slow")), frozenset(("slow", "also_fast"))}
    spread = cmp.differ_spreads({"even": rng.normal(0, 0.02, 40), "uneven": rng.normal(0, 0.3, 40), "even2": rng.normal(0, 0.02, 40)})
    assert spread.significant and all("uneven" in (p.first, p.second) and p.higher == "uneven" for p in spread.differ)


def test_one_ecosystem_with_data_cannot_support_a_claim():
    result = cmp.differ_distributions({"A": [1, 2, 3, 4, 5, 6], "B": [1]})
    assert result.said is not None and result.said.code == "comparison.too_little_data"
    assert result.p_value is None and not result.significant
