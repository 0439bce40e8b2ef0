import numpy as np
import pytest

from models import forecast, levers
from models.forecast import ApplicantsForecast, FillForecast

TRUTH = {"intercept": -0.5, "log_premium": 6.0, "log_days_left": 0.3, "log_applicants": 0.8, "log_pool": 0.4,
         "extra_languages": -0.6, "field=physics": -1.0}


def _world(n: int, seed: int, truth: dict = TRUTH) -> tuple[list[dict], np.ndarray]:
    """Snapshots whose fill follows a known logistic model."""
    rng = np.random.default_rng(seed)
    rows = [{"field": rng.choice(["chemistry", "physics"]), "region": "ITC3", "contract_type": "rtt",
             "career_stage": "R2", "remote": "onsite", "log_premium": float(rng.normal(0, 0.15)),
             "days_left": int(rng.integers(0, 90)), "applicants_so_far": int(rng.poisson(1.5)),
             "pool": int(rng.poisson(8)), "extra_languages": int(rng.integers(0, 2)), "published_abroad": True}
            for _ in range(n)]
    eta = np.array([truth["intercept"] + sum(truth[k] * forecast.numeric_features(r)[k] for k in
                                             ("log_premium", "log_days_left", "log_applicants", "log_pool", "extra_languages"))
                    + truth["field=physics"] * (r["field"] == "physics") for r in rows])
    return rows, (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)


def test_fill_forecast_recovers_a_known_logistic_truth():
    rows, filled = _world(20_000, seed=1)
    model = FillForecast(l2=1e-6).fit(rows, filled)
    for name, value in TRUTH.items():
        j = model.design_.columns_.index(name)
        se = np.sqrt(model.covariance_[j, j])
        assert abs(model.coef_[j] - value) < 4 * se + 0.02, (name, model.coef_[j], value, se)


def test_a_calibrated_model_scores_below_the_base_rate_on_its_own_world():
    rows, filled = _world(4_000, seed=2)
    model = FillForecast().fit(rows[:2000], filled[:2000])
    p = model.predict_proba(rows[2000:])
    assert forecast.brier(p, filled[2000:]) < forecast.brier(np.full(2000, filled[:2000].mean()), filled[2000:]) - 0.01
    # and it is calibrated: each well-filled bin's share filled is within 0.08 of its mean forecast
    for mean, share, n in forecast.calibration(p, filled[2000:]):
        if n >= 100:
            assert abs(mean - share) < 0.08


def test_brier_and_log_loss_equal_hand_computed_values():
    p, y = np.array([0.9, 0.2, 0.5]), np.array([1, 0, 1])
    assert forecast.brier(p, y) == pytest.approx((0.01 + 0.04 + 0.25) / 3)
    assert forecast.log_loss(p, y) == pytest.approx(-(np.log(0.9) + np.log(0.8) + np.log(0.5)) / 3)
    np.testing.assert_allclose(forecast.calibration(np.array([0.05, 0.07, 0.95]), np.array([0, 1, 1])),
                               [(0.06, 0.5, 2), (0.95, 1.0, 1)])


def test_backtest_baselines_are_the_training_base_rate_and_pool_size_alone():
    rows, filled = _world(600, seed=3)
    ids = list(range(300)) * 2
    closed = ["2025-01-01" if i < 200 else "2025-06-01" for i in ids]
    result = forecast.backtest(rows, filled, closed, ids, "2025-03-01")
    train, test = np.array([c < "2025-03-01" for c in closed]), np.array([c >= "2025-03-01" for c in closed])
    base = filled[train].mean()
    assert (result.train_positions, result.test_positions, result.test_snapshots) == (200, 100, 200)
    assert result.base_rate.brier == pytest.approx(np.mean((base - filled[test]) ** 2))
    assert result.base_rate.log_loss == pytest.approx(forecast.log_loss(np.full(200, base), filled[test]))
    # pool alone is a logistic model of log(1 + pool): refitted by hand, it scores the same
    x = np.column_stack([np.ones(train.sum()), [np.log1p(r["pool"]) for r, t in zip(rows, train, strict=True) if t]])
    beta, _ = forecast.newton(x, filled[train], "logistic", 1.0)
    pool_p = forecast.sigmoid(np.column_stack([np.ones(200), [np.log1p(r["pool"]) for r, t in zip(rows, test, strict=True) if t]]) @ beta)
    assert result.pool_only.brier == pytest.approx(forecast.brier(pool_p, filled[test]))


def test_backtest_with_a_strong_truth_beats_both_baselines():
    rows, filled = _world(3_000, seed=4)
    ids = list(range(3000))
    closed = ["2025-01-01" if i < 2000 else "2025-06-01" for i in ids]
    result = forecast.backtest(rows, filled, closed, ids, "2025-03-01")
    assert result.verdict.code == "forecast.beats_baselines"
    assert result.model.brier < result.pool_only.brier < result.base_rate.brier + 0.001


def test_backtest_on_noise_does_not_claim_to_beat_the_baselines():
    rows, _ = _world(3_000, seed=5)
    filled = (np.random.default_rng(5).random(3000) < 0.4).astype(float)
    ids = list(range(3000))
    closed = ["2025-01-01" if i < 2000 else "2025-06-01" for i in ids]
    assert forecast.backtest(rows, filled, closed, ids, "2025-03-01").verdict.code == "forecast.not_better_than_baselines"


def test_backtest_with_too_few_closed_positions_says_the_data_cannot_support_a_claim():
    rows, filled = _world(40, seed=6)
    result = forecast.backtest(rows, filled, ["2025-01-01"] * 25 + ["2025-06-01"] * 15, list(range(40)), "2025-03-01")
    assert result.verdict.code == "forecast.too_little_data"
    assert result.model is None and result.verdict.params["train"] == 25


def test_applicants_forecast_recovers_a_known_poisson_truth():
    rng = np.random.default_rng(7)
    rows = [{"field": "x", "log_premium": float(rng.normal(0, 0.2)), "days_left": 30, "applicants_so_far": int(rng.integers(0, 3))}
            for _ in range(20_000)]
    to_come = rng.poisson(np.exp([0.2 + 3.0 * r["log_premium"] for r in rows]))
    model = ApplicantsForecast(l2=1e-6).fit(rows, to_come + [r["applicants_so_far"] for r in rows])
    assert model.coef_[model.design_.columns_.index("log_premium")] == pytest.approx(3.0, abs=0.1)
    expected = model.predict([{"field": "x", "log_premium": 0.0, "days_left": 30, "applicants_so_far": 2}])[0]
    assert expected == pytest.approx(2 + np.exp(0.2), abs=0.05)


def test_levers_apply_only_where_they_change_something():
    paid_well = {"log_premium": 0.1, "remote": "remote", "languages": [{"language": "en"}], "published_abroad": True}
    assert list(levers.changes(paid_well)) == ["extend_deadline"]
    underpaid = {"log_premium": np.log(0.8), "remote": "onsite", "languages": [{"language": "en"}, {"language": "it"}],
                 "published_abroad": False}
    found = levers.changes(underpaid)
    assert found["pay_to_median"]["salary_factor"] == pytest.approx(1.25)
    assert found["drop_language"] == {"drop": "it"}
    assert set(found) == {"pay_to_median", "extend_deadline", "open_hybrid", "open_remote", "drop_language", "publish_abroad"}


def test_the_best_lever_is_the_one_the_truth_rewards_and_an_irrelevant_one_is_unsupported():
    rows, filled = _world(10_000, seed=8)
    model = FillForecast().fit(rows, filled)
    now = rows[0] | {"log_premium": np.log(0.8), "extra_languages": 0}
    pulled = {"pay_to_median": now | {"log_premium": 0.0}, "publish_abroad": now | {"published_abroad": False}}
    found = levers.effects(model, now, pulled)
    best = levers.best(found)
    assert best is not None and best.lever == "pay_to_median"
    p0 = model.predict_proba([now])[0]
    assert best.gain_points > 5  # the truth's pay slope is 6 per log point: +22% pay is worth far more than 5 points
    assert best.interval_points[0] < best.gain_points < best.interval_points[1]
    assert best.probability == pytest.approx(model.predict_proba([pulled["pay_to_median"]])[0])
    assert best.gain_points == pytest.approx((best.probability - p0) * 100)
    abroad = next(e for e in found if e.lever == "publish_abroad")
    # every snapshot of this world was published abroad: the model has nothing to learn the lever from
    assert not abroad.supported and abroad.statement.code == "lever.publish_abroad.unsupported"
