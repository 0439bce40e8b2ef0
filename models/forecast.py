"""Will an open position be filled by its deadline, and how many people will apply? (issue 15.2)

A snapshot is a position as it stands on one day (a dict): its field, region, contract type, career
stage and remote option, its pay against the ecosystem's reference median (``log_premium``, the log
of pay over the median; None when it states no pay), the days left to its deadline, the applicants
so far, the size of the pool that fits it (active candidates whose match clears a threshold), the
languages it requires besides English (``extra_languages``) and whether it is written for readers
abroad (``published_abroad``). Closed positions give one snapshot per landmark of their life (the
service builds them), labelled with how they ended.

- ``FillForecast``: L2-penalised logistic regression of "filled" (Newton-Raphson), with the
  coefficients' covariance (the inverse penalised Hessian) for the levers' intervals.
- ``ApplicantsForecast``: Poisson regression of the applicants still to come; the expected
  applicants are those so far plus that.
- ``backtest``: fit on positions closed before a date, score those closed after (Brier score, log
  loss, calibration) against the base rate and a model of pool size alone, with a verdict that says
  when the data cannot support a claim.
"""
from dataclasses import dataclass

import numpy as np

from models.said import Said

CATEGORIES = ("field", "region", "contract_type", "career_stage")
NUMERIC = ("log_premium", "pay_unknown", "log_days_left", "log_applicants", "log_pool", "extra_languages",
           "published_abroad", "hybrid", "remote")
POOL_ONLY = ("log_pool",)
MIN_LEVEL = 5           # a category level needs this many training snapshots to get its own coefficient
MIN_POSITIONS = 30      # closed positions to fit on
MIN_TEST_POSITIONS = 20  # closed positions to score


def numeric_features(row: dict) -> dict[str, float]:
    premium = row.get("log_premium")
    return {
        "log_premium": 0.0 if premium is None else float(premium),
        "pay_unknown": 1.0 if premium is None else 0.0,
        "log_days_left": float(np.log1p(max(0.0, float(row.get("days_left") or 0)))),
        "log_applicants": float(np.log1p(float(row.get("applicants_so_far") or 0))),
        "log_pool": float(np.log1p(float(row.get("pool") or 0))),
        "extra_languages": float(row.get("extra_languages") or 0),
        "published_abroad": 1.0 if row.get("published_abroad") else 0.0,
        "hybrid": 1.0 if row.get("remote") == "hybrid" else 0.0,
        "remote": 1.0 if row.get("remote") == "remote" else 0.0,
    }


class Design:
    """Rows to a design matrix: an intercept, the numeric features, and one dummy per category level
    seen at least ``min_level`` times when fitted (rarer and unseen levels share the base)."""

    def __init__(self, numeric: tuple[str, ...] = NUMERIC, categories: tuple[str, ...] = CATEGORIES,
                 min_level: int = MIN_LEVEL):
        self.numeric = numeric
        self.categories = categories
        self.min_level = min_level

    def fit(self, rows: list[dict]) -> "Design":
        self.levels_ = {}
        for name in self.categories:
            counts: dict[str, int] = {}
            for r in rows:
                counts[str(r.get(name))] = counts.get(str(r.get(name)), 0) + 1
            frequent = sorted(level for level, n in counts.items() if n >= self.min_level)
            self.levels_[name] = frequent[1:]  # the first frequent level is the base
        self.columns_ = ["intercept", *self.numeric,
                         *(f"{name}={level}" for name in self.categories for level in self.levels_[name])]
        return self

    def transform(self, rows: list[dict]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.columns_)))
        index = {c: j for j, c in enumerate(self.columns_)}
        for i, r in enumerate(rows):
            x[i, 0] = 1.0
            values = numeric_features(r)
            for name in self.numeric:
                x[i, index[name]] = values[name]
            for name in self.categories:
                j = index.get(f"{name}={r.get(name)}")
                if j is not None:
                    x[i, j] = 1.0
        return x


def newton(x: np.ndarray, y: np.ndarray, family: str, l2: float, iterations: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients of a logistic or Poisson GLM penalised by ``l2`` * |beta|^2 / 2 (the intercept is
    free), and their covariance (the inverse penalised Hessian)."""
    penalty = l2 * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    beta = np.zeros(x.shape[1])
    mean_y = float(np.clip(y.mean(), 1e-6, 1 - 1e-6)) if family == "logistic" else max(float(y.mean()), 1e-6)
    beta[0] = np.log(mean_y / (1 - mean_y)) if family == "logistic" else np.log(mean_y)
    hessian = np.eye(x.shape[1])
    for _ in range(iterations):
        eta = np.clip(x @ beta, -30, 30)
        mean = 1 / (1 + np.exp(-eta)) if family == "logistic" else np.exp(eta)
        weight = mean * (1 - mean) if family == "logistic" else mean
        hessian = x.T @ (x * weight[:, None]) + penalty + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, x.T @ (y - mean) - penalty @ beta)
        beta += step
        if np.max(np.abs(step)) < 1e-9:
            break
    return beta, np.linalg.inv(hessian)


def sigmoid(eta: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(eta, -30, 30)))


class FillForecast:
    """Estimator in the scikit-learn manner: parameters in __init__, ``fit`` returns self, learnt state ends in _."""

    def __init__(self, numeric: tuple[str, ...] = NUMERIC, categories: tuple[str, ...] = CATEGORIES, l2: float = 1.0,
                 min_level: int = MIN_LEVEL):
        self.numeric = numeric
        self.categories = categories
        self.l2 = l2
        self.min_level = min_level

    def fit(self, rows: list[dict], filled: np.ndarray) -> "FillForecast":
        self.design_ = Design(self.numeric, self.categories, self.min_level).fit(rows)
        self.coef_, self.covariance_ = newton(self.design_.transform(rows), np.asarray(filled, float), "logistic", self.l2)
        return self

    def linear(self, rows: list[dict]) -> np.ndarray:
        return self.design_.transform(rows) @ self.coef_

    def predict_proba(self, rows: list[dict]) -> np.ndarray:
        """The probability that each snapshot's position is filled by its deadline."""
        return sigmoid(self.linear(rows))


class ApplicantsForecast:
    """Poisson regression of the applicants still to come after a snapshot."""

    def __init__(self, l2: float = 1.0, min_level: int = MIN_LEVEL):
        self.l2 = l2
        self.min_level = min_level

    def fit(self, rows: list[dict], final_applicants: np.ndarray) -> "ApplicantsForecast":
        to_come = np.maximum(0.0, np.asarray(final_applicants, float) - [float(r.get("applicants_so_far") or 0) for r in rows])
        self.design_ = Design(min_level=self.min_level).fit(rows)
        self.coef_, self.covariance_ = newton(self.design_.transform(rows), to_come, "poisson", self.l2)
        return self

    def predict(self, rows: list[dict]) -> np.ndarray:
        """Expected applicants by the deadline: those so far and those still to come."""
        so_far = np.array([float(r.get("applicants_so_far") or 0) for r in rows])
        return so_far + np.exp(np.clip(self.design_.transform(rows) @ self.coef_, -30, 30))


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(y, float)) ** 2))


def log_loss(p: np.ndarray, y: np.ndarray, eps: float = 1e-15) -> float:
    p, y = np.clip(np.asarray(p, float), eps, 1 - eps), np.asarray(y, float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def calibration(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[tuple[float, float, int]]:
    """(mean forecast, share filled, snapshots) for each non-empty tenth of [0, 1]."""
    p, y = np.asarray(p, float), np.asarray(y, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    return [(float(p[which == b].mean()), float(y[which == b].mean()), int((which == b).sum()))
            for b in range(bins) if (which == b).any()]


@dataclass(frozen=True)
class Scores:
    brier: float
    log_loss: float


@dataclass(frozen=True)
class Backtest:
    split: str                     # the date (ISO) closing the training positions
    train_positions: int
    test_positions: int
    test_snapshots: int
    filled_share_train: float
    model: Scores | None
    base_rate: Scores | None
    pool_only: Scores | None
    calibration: list[tuple[float, float, int]]
    brier_gain_over_base: tuple[float, float] | None   # mean per-position Brier improvement, its standard error
    brier_gain_over_pool: tuple[float, float] | None
    verdict: Said
    forecasts: np.ndarray           # the model's test forecasts, and what happened, for plots
    outcomes: np.ndarray


def _gain(worse: np.ndarray, better: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, float]:
    """How much lower ``better``'s Brier score is, averaged per position (its snapshots are not
    independent), with the standard error across positions."""
    diff = (worse - y) ** 2 - (better - y) ** 2
    per_position = np.array([diff[groups == g].mean() for g in np.unique(groups)])
    return float(per_position.mean()), float(per_position.std(ddof=1) / np.sqrt(len(per_position)))


def backtest(rows: list[dict], filled: np.ndarray, closed_on: list[str], position_ids: list[int], split: str,
             **params) -> Backtest:
    """Fit on the snapshots of positions whose deadline (``closed_on``, ISO dates) is before ``split``,
    score the snapshots of the others; the verdict is a Said code with the figures."""
    y = np.asarray(filled, float)
    groups = np.asarray(position_ids)
    train = np.array([d < split for d in closed_on], dtype=bool)
    test = ~train
    n_train, n_test = len(np.unique(groups[train])), len(np.unique(groups[test]))
    filled_train = float(y[train].mean()) if train.any() else 0.0
    empty = Backtest(split, n_train, n_test, int(test.sum()), filled_train, None, None, None, [], None, None,
                     Said("forecast.too_little_data", {"train": n_train, "test": n_test, "need_train": MIN_POSITIONS,
                                                       "need_test": MIN_TEST_POSITIONS}),
                     np.zeros(0), np.zeros(0))
    if n_train < MIN_POSITIONS or n_test < MIN_TEST_POSITIONS or y[train].min() == y[train].max():
        return empty
    train_rows = [r for r, t in zip(rows, train, strict=True) if t]
    test_rows = [r for r, t in zip(rows, test, strict=True) if t]
    model = FillForecast(**params).fit(train_rows, y[train]).predict_proba(test_rows)
    pool = FillForecast(numeric=POOL_ONLY, categories=()).fit(train_rows, y[train]).predict_proba(test_rows)
    base = np.full(int(test.sum()), filled_train)
    yt, gt = y[test], groups[test]
    over_base, over_pool = _gain(base, model, yt, gt), _gain(pool, model, yt, gt)
    beats = all(gain - 1.96 * se > 0 for gain, se in (over_base, over_pool))
    figures = {"brier": round(brier(model, yt), 4), "base": round(brier(base, yt), 4), "pool": round(brier(pool, yt), 4),
               "test": n_test}
    verdict = Said("forecast.beats_baselines" if beats else "forecast.not_better_than_baselines", figures)
    return Backtest(split, n_train, n_test, int(test.sum()), filled_train,
                    Scores(brier(model, yt), log_loss(model, yt)), Scores(brier(base, yt), log_loss(base, yt)),
                    Scores(brier(pool, yt), log_loss(pool, yt)), calibration(model, yt), over_base, over_pool,
                    verdict, model, yt)
