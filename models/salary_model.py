"""The ecosystem's going rate for a role: a scikit-learn model of gross full-time-equivalent pay
from contract type, career stage, field, institution kind, region and experience.

Gradient-boosted trees with quantile loss give the median and a prediction interval (10th to 90th
percentile), fitted on log pay so errors are relative. Rows are dicts with the feature names below.
"""
from dataclasses import dataclass

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OrdinalEncoder

CATEGORICAL = ("contract_type", "career_stage", "field", "institution_kind", "region")
NUMERIC = ("min_years_experience",)
QUANTILES = (0.1, 0.5, 0.9)


def feature_matrix(rows: list[dict]) -> np.ndarray:
    return np.array([[str(r.get(c) or "unknown") for c in CATEGORICAL] + [float(r.get(n) or 0) for n in NUMERIC]
                     for r in rows], dtype=object)


class ReferenceSalaryModel:
    """Estimator in the scikit-learn manner: parameters in __init__, ``fit`` returns self, learnt state ends in _."""

    def __init__(self, quantiles: tuple[float, ...] = QUANTILES, max_iter: int = 200, learning_rate: float = 0.1,
                 random_state: int = 0):
        self.quantiles = quantiles
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.random_state = random_state

    def _pipeline(self, quantile: float):
        encoder = ColumnTransformer(
            [("categories", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1, encoded_missing_value=-1),
              list(range(len(CATEGORICAL))))], remainder="passthrough")
        booster = HistGradientBoostingRegressor(
            loss="quantile", quantile=quantile, max_iter=self.max_iter, learning_rate=self.learning_rate,
            categorical_features=list(range(len(CATEGORICAL))), random_state=self.random_state)
        return make_pipeline(encoder, booster)

    def fit(self, rows: list[dict], pay_eur_year: np.ndarray) -> "ReferenceSalaryModel":
        if len(rows) < 20:
            raise ValueError(f"too few positions with a salary to fit a reference model ({len(rows)}; need 20)")
        features, target = feature_matrix(rows), np.log(np.asarray(pay_eur_year, dtype=float))
        self.models_ = {q: self._pipeline(q).fit(features, target) for q in self.quantiles}
        self.n_rows_ = len(rows)
        return self

    def calibrate(self, out_of_fold: np.ndarray, pay_eur_year: np.ndarray, coverage: float = 0.8) -> "ReferenceSalaryModel":
        """Widen the interval so that ``coverage`` of pay falls inside it (conformalised quantile
        regression, Romano et al. 2019, with out-of-fold predictions as the calibration set):
        quantile trees fitted on few rows give intervals that are too narrow."""
        log_pay = np.log(np.asarray(pay_eur_year, dtype=float))
        scores = np.maximum(np.log(out_of_fold[:, 0]) - log_pay, log_pay - np.log(out_of_fold[:, -1]))
        level = min(1.0, np.ceil((len(scores) + 1) * coverage) / len(scores))
        self.log_margin_ = float(np.quantile(scores, level))
        return self

    def predict(self, rows: list[dict]) -> np.ndarray:
        """(n, len(quantiles)) pay in EUR per year, each row sorted so the interval never crosses;
        the outer quantiles widened by the calibration margin when ``calibrate`` was called."""
        features = feature_matrix(rows)
        log_predictions = np.sort(np.column_stack([self.models_[q].predict(features) for q in self.quantiles]), axis=1)
        margin = getattr(self, "log_margin_", 0.0)
        log_predictions[:, 0] -= margin
        log_predictions[:, -1] += margin
        return np.exp(log_predictions)


@dataclass(frozen=True)
class CrossValidation:
    folds: int
    rows: int
    median_absolute_percentage_error: float  # of the median prediction, in %
    mean_absolute_error_eur: float
    interval_coverage: float                 # share of held-out pay inside the 10th-90th interval


def cross_validate(rows: list[dict], pay_eur_year: np.ndarray, folds: int = 5, **params) -> tuple[CrossValidation, np.ndarray]:
    """Out-of-fold errors, and the out-of-fold predictions (for models that must not see their own row)."""
    pay = np.asarray(pay_eur_year, dtype=float)
    out_of_fold = np.zeros((len(rows), len(params.get("quantiles", QUANTILES))))
    for train, test in KFold(folds, shuffle=True, random_state=0).split(rows):
        model = ReferenceSalaryModel(**params).fit([rows[i] for i in train], pay[train])
        out_of_fold[test] = model.predict([rows[i] for i in test])
    median = out_of_fold[:, out_of_fold.shape[1] // 2]
    inside = (pay >= out_of_fold[:, 0]) & (pay <= out_of_fold[:, -1])
    result = CrossValidation(folds, len(rows), float(np.median(np.abs(median - pay) / pay) * 100),
                             float(np.mean(np.abs(median - pay))), float(inside.mean()))
    return result, out_of_fold
