"""The fill and applicant models recover planted effects and refuse to speak on thin data."""
import numpy as np
import pytest

from models.fill import applicants_effect, fill_probability_effect


def test_planted_fill_effect_is_recovered():
    rng = np.random.default_rng(0)
    premium = rng.normal(0, 0.15, 4000)
    true_slope = 4.0
    filled = rng.random(4000) < 1 / (1 + np.exp(-(-0.2 + true_slope * premium)))
    effect = fill_probability_effect(premium, filled)
    assert effect.supported
    assert abs(effect.slope - true_slope) < 1.96 * effect.std_error + 0.05
    assert 5 < effect.effect_of_ten_percent < 12 and effect.statement.code == "fill.effect"
    assert effect.statement.params["effect"] == effect.effect_of_ten_percent


def test_no_effect_is_not_claimed():
    rng = np.random.default_rng(1)
    premium = rng.normal(0, 0.15, 300)
    filled = rng.random(300) < 0.4
    effect = fill_probability_effect(premium, filled)
    assert not effect.supported and effect.statement.code == "fill.effect_unsupported"


def test_thin_data_is_refused():
    effect = fill_probability_effect(np.array([0.1, -0.1] * 5), np.array([1, 0] * 5))
    assert not effect.supported and effect.statement == ("fill.too_little_data", {"n": 10, "filled": 5})


def test_planted_applicant_effect_is_recovered():
    rng = np.random.default_rng(2)
    premium = rng.normal(0, 0.15, 3000)
    openings = rng.integers(1, 3, 3000)
    applicants = rng.poisson(openings * 1.5 * np.exp(3.0 * premium))
    effect = applicants_effect(premium, applicants, openings)
    assert effect.supported
    assert effect.slope == pytest.approx(3.0, abs=2.5 * effect.std_error + 0.05)
