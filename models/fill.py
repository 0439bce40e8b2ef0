"""Does pay explain unfilled posts? Fill probability and applicants per opening against the salary
premium over the reference model, with their uncertainty, and a plain verdict when the data cannot
support one.

- fill: logistic regression of "the post was filled" on the premium (log of pay over the reference
  median), fitted by Newton-Raphson; standard errors from the inverse Hessian.
- applicants: Poisson regression of applicants on the premium with log(openings) as offset.
Premiums are log ratios: +10% pay is log(1.10) = 0.0953.
"""
from dataclasses import dataclass

import numpy as np

from models.said import Said

TEN_PERCENT = float(np.log(1.10))
MIN_POSITIONS = 30


def _newton(x: np.ndarray, y: np.ndarray, family: str, offset: np.ndarray | None = None,
            iterations: int = 50) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and their covariance for a logistic or Poisson GLM."""
    offset = np.zeros(len(y)) if offset is None else offset
    beta = np.zeros(x.shape[1])
    if family == "poisson":
        beta[0] = np.log(max(y.mean(), 1e-6) / max(np.exp(offset).mean(), 1e-6))
    for _ in range(iterations):
        eta = x @ beta + offset
        if family == "logistic":
            mean = 1 / (1 + np.exp(-eta))
            weight = mean * (1 - mean)
        else:
            mean = np.exp(eta)
            weight = mean
        hessian = x.T @ (x * weight[:, None])
        step = np.linalg.solve(hessian + 1e-9 * np.eye(x.shape[1]), x.T @ (y - mean))
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return beta, np.linalg.inv(hessian)


@dataclass(frozen=True)
class PayEffect:
    positions: int
    slope: float              # per unit of log premium
    std_error: float
    effect_of_ten_percent: float
    effect_interval: tuple[float, float]
    supported: bool
    statement: Said


def fill_probability_effect(premium: np.ndarray, filled: np.ndarray) -> PayEffect:
    """How many points of fill probability a 10% premium goes with, at the average premium."""
    premium, filled = np.asarray(premium, float), np.asarray(filled, float)
    n = len(premium)
    if n < MIN_POSITIONS or filled.min() == filled.max():
        return PayEffect(n, 0.0, float("inf"), 0.0, (0.0, 0.0), False,
                         Said("fill.too_little_data", {"n": n, "filled": int(filled.sum())}))
    x = np.column_stack([np.ones(n), premium])
    beta, covariance = _newton(x, filled, "logistic")
    se = float(np.sqrt(covariance[1, 1]))
    at = premium.mean()

    def points(slope: float) -> float:
        base = 1 / (1 + np.exp(-(beta[0] + slope * at)))
        raised = 1 / (1 + np.exp(-(beta[0] + slope * (at + TEN_PERCENT))))
        return float((raised - base) * 100)

    effect, low, high = points(beta[1]), points(beta[1] - 1.96 * se), points(beta[1] + 1.96 * se)
    supported = low > 0 or high < 0
    figures = {"effect": effect, "low": low, "high": high, "n": n}
    statement = Said("fill.effect" if supported else "fill.effect_unsupported", figures)
    return PayEffect(n, float(beta[1]), se, effect, (low, high), supported, statement)


def applicants_effect(premium: np.ndarray, applicants: np.ndarray, openings: np.ndarray) -> PayEffect:
    """By how many percent applicants per opening change with a 10% premium."""
    premium, applicants, openings = (np.asarray(a, float) for a in (premium, applicants, openings))
    n = len(premium)
    if n < MIN_POSITIONS or applicants.sum() == 0:
        return PayEffect(n, 0.0, float("inf"), 0.0, (0.0, 0.0), False,
                         Said("applicants.too_little_data", {"n": n, "applications": int(applicants.sum())}))
    x = np.column_stack([np.ones(n), premium])
    beta, covariance = _newton(x, applicants, "poisson", offset=np.log(openings))
    se = float(np.sqrt(covariance[1, 1]))

    def percent(slope: float) -> float:
        return float((np.exp(slope * TEN_PERCENT) - 1) * 100)

    effect, low, high = percent(beta[1]), percent(beta[1] - 1.96 * se), percent(beta[1] + 1.96 * se)
    supported = low > 0 or high < 0
    figures = {"effect": effect, "low": low, "high": high}
    statement = Said("applicants.effect" if supported else "applicants.effect_unsupported", figures)
    return PayEffect(n, float(beta[1]), se, effect, (low, high), supported, statement)
