"""What an HR office can change to fill a position at risk, and by how much it would raise the fill
forecast (issue 15.3).

Levers an office controls: pay up to the reference median, a later deadline, hybrid (or remote)
work, one language requirement fewer, publication abroad (English text, which the MUR portal
forwards to EURAXESS Jobs). ``changes`` says which apply to a position and what each changes; the
service rebuilds the snapshot with it (the pool that fits changes too) and ``effects`` compares the
forecasts. The interval of each gain comes from the coefficients' covariance (delta method on the
linear predictor): a gain whose interval holds zero, or under MIN_POINTS, is reported as not supported by the data.
"""
from dataclasses import dataclass

import numpy as np

from models.forecast import FillForecast, sigmoid
from models.said import Said

AT_RISK = 0.5            # a position whose fill forecast is below this is at risk
EXTEND_DEADLINE_DAYS = 30
Z95 = 1.96
MIN_POINTS = 0.5         # a gain smaller than half a point of probability is not worth an office's while
LEVERS = ("pay_to_median", "extend_deadline", "open_hybrid", "open_remote", "drop_language", "publish_abroad")


def changes(position: dict) -> dict[str, dict]:
    """The levers that apply to a position (a dict with ``log_premium``, ``remote``, ``languages``,
    ``published_abroad``) and what each changes on it."""
    out: dict[str, dict] = {}
    premium = position.get("log_premium")
    if premium is not None and premium < 0:
        out["pay_to_median"] = {"salary_factor": float(np.exp(-premium)), "log_premium": 0.0}
    out["extend_deadline"] = {"extra_days": EXTEND_DEADLINE_DAYS}
    if position.get("remote") == "onsite":
        out["open_hybrid"] = {"remote": "hybrid"}
    if position.get("remote") in ("onsite", "hybrid"):
        out["open_remote"] = {"remote": "remote"}
    others = [lang for lang in position.get("languages") or [] if lang.get("language") != "en"]
    if others:
        out["drop_language"] = {"drop": others[-1]["language"]}
    if not position.get("published_abroad"):
        out["publish_abroad"] = {"published_abroad": True}
    return out


@dataclass(frozen=True)
class LeverEffect:
    lever: str
    probability: float          # the forecast with the lever pulled
    gain_points: float          # percentage points over the forecast as it is
    interval_points: tuple[float, float]  # 95%
    supported: bool             # the interval excludes zero
    statement: Said


def effects(model: FillForecast, now: dict, pulled: dict[str, dict]) -> list[LeverEffect]:
    """Each lever's forecast and gain for the snapshot ``now`` and the snapshots with each lever
    pulled, the largest supported gain first (then the unsupported ones)."""
    if not pulled:
        return []
    x0 = model.design_.transform([now])[0]
    eta0 = float(x0 @ model.coef_)
    p0 = float(sigmoid(np.array(eta0)))
    results = []
    for lever, row in pulled.items():
        delta = model.design_.transform([row])[0] - x0
        shift = float(delta @ model.coef_)
        se = float(np.sqrt(max(0.0, delta @ model.covariance_ @ delta)))
        probability = float(sigmoid(np.array(eta0 + shift)))
        low = float(sigmoid(np.array(eta0 + shift - Z95 * se))) - p0
        high = float(sigmoid(np.array(eta0 + shift + Z95 * se))) - p0
        supported = se > 0 and (low > 0 or high < 0) and abs(probability - p0) * 100 >= MIN_POINTS
        figures = {"points": (probability - p0) * 100, "low": low * 100, "high": high * 100,
                   "probability": round(probability * 100)}
        statement = Said(f"lever.{lever}" if supported else f"lever.{lever}.unsupported", figures)
        results.append(LeverEffect(lever, probability, (probability - p0) * 100, (low * 100, high * 100), supported, statement))
    return sorted(results, key=lambda e: (not e.supported, -e.gain_points))


def best(found: list[LeverEffect]) -> LeverEffect | None:
    """The lever that raises the forecast most, when the data supports a gain; else None."""
    return next((e for e in found if e.supported and e.gain_points > 0), None)
