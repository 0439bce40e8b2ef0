"""How differently partners pay for comparable roles.

- ``institution_premiums``: each institution's pay premium or discount, from a fixed-effects
  regression of log full-time pay on role (contract type x career stage), field and required
  experience, plus one effect per institution. The effects are centred on the position-weighted
  average institution, so a premium of 0.10 means about 10% (exp(0.10) - 1 = 10.5%) above the
  ecosystem for the same role; each comes with its standard error from the OLS covariance.
- ``role_spread``: for one role, the spread of pay across its positions (coefficient of variation,
  interquartile range, Gini), the share of variance that lies between institutions, and the
  institutions whose median pay sits outside the role's Tukey fences (1.5 IQR).
"""
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True)
class Premium:
    institution: str
    positions: int
    premium: float      # log points against the ecosystem average for the same role
    std_error: float

    @property
    def interval(self) -> tuple[float, float]:
        return self.premium - 1.96 * self.std_error, self.premium + 1.96 * self.std_error


def _one_hot(values: list, drop_first: bool) -> tuple[np.ndarray, list]:
    levels = sorted(set(values))
    kept = levels[1:] if drop_first else levels
    index = {v: i for i, v in enumerate(kept)}
    matrix = np.zeros((len(values), len(kept)))
    for row, value in enumerate(values):
        if value in index:
            matrix[row, index[value]] = 1.0
    return matrix, kept


def comparable_institutions(rows: list[dict]) -> set[str]:
    """The largest group of institutions linked by roles they both post. Premiums compare
    institutions through shared roles; one that posts only roles nobody else in the group posts
    (a company hiring only engineers beside universities hiring only PhDs) cannot be compared."""
    institutions = sorted({r["institution"] for r in rows})
    roles = sorted({(r["contract_type"], r["career_stage"]) for r in rows})
    index = {name: i for i, name in enumerate(institutions)} | {role: len(institutions) + j for j, role in enumerate(roles)}
    edges = np.array([[index[r["institution"]], index[(r["contract_type"], r["career_stage"])]] for r in rows])
    size = len(institutions) + len(roles)
    graph = sparse.coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    counts = np.bincount(labels[: len(institutions)], minlength=labels.max() + 1)
    biggest = counts.argmax()
    return {name for name in institutions if labels[index[name]] == biggest}


def institution_premiums(rows: list[dict], pay_eur_year: np.ndarray) -> list[Premium]:
    """Rows need: institution, contract_type, career_stage, field, min_years_experience.
    Institutions outside the comparable group (see ``comparable_institutions``) are left out."""
    comparable = comparable_institutions(rows)
    keep = [i for i, r in enumerate(rows) if r["institution"] in comparable]
    rows, y = [rows[i] for i in keep], np.log(np.asarray(pay_eur_year, dtype=float)[keep])
    institutions, names = _one_hot([r["institution"] for r in rows], drop_first=False)
    roles, _ = _one_hot([f"{r['contract_type']}/{r['career_stage']}" for r in rows], drop_first=True)
    fields, _ = _one_hot([r.get("field") or "unknown" for r in rows], drop_first=True)
    experience = np.array([[float(r.get("min_years_experience") or 0)] for r in rows])
    # Institution dummies play the intercept. A control that the data cannot separate from what is
    # already in (an institution posting in one field only; experience fixed by career stage) is
    # left out rather than let it blur the institution effects.
    x = institutions
    for block in (roles, fields, experience):
        candidate = np.hstack([x, block])
        if block.shape[1] and np.linalg.matrix_rank(candidate) == candidate.shape[1]:
            x = candidate
    if len(rows) <= x.shape[1]:
        raise ValueError(f"{len(rows)} positions are too few for {x.shape[1]} effects")
    xtx_inv = np.linalg.pinv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    residuals = y - x @ beta
    sigma2 = residuals @ residuals / (len(rows) - np.linalg.matrix_rank(x))
    covariance = sigma2 * xtx_inv
    counts = institutions.sum(axis=0)
    weights = counts / counts.sum()
    premiums = []
    for i, name in enumerate(names):
        contrast = np.zeros(x.shape[1])
        contrast[: len(names)] = -weights
        contrast[i] += 1.0
        premiums.append(Premium(name, int(counts[i]), float(contrast @ beta),
                                float(np.sqrt(max(contrast @ covariance @ contrast, 0.0)))))
    return sorted(premiums, key=lambda p: -p.premium)


def gini(values: np.ndarray) -> float:
    values = np.sort(np.asarray(values, dtype=float))
    n = len(values)
    if n == 0 or values.sum() == 0:
        return 0.0
    return float((2 * np.arange(1, n + 1) - n - 1) @ values / (n * values.sum()))


@dataclass(frozen=True)
class RoleSpread:
    role: str
    positions: int
    institutions: int
    median_eur_year: float
    q1_eur_year: float
    q3_eur_year: float
    coefficient_of_variation: float
    interquartile_range_eur_year: float
    gini: float
    between_institution_share: float  # of the variance of pay, in [0, 1]
    outliers: list[dict]              # institution, median, how far from the role's median (fraction)


def role_spread(role: str, pay_eur_year: np.ndarray, institutions: list[str]) -> RoleSpread:
    pay = np.asarray(pay_eur_year, dtype=float)
    q1, median, q3 = np.percentile(pay, [25, 50, 75])
    iqr = q3 - q1
    total_ss = float(((pay - pay.mean()) ** 2).sum())
    between_ss, outliers = 0.0, []
    for name in sorted(set(institutions)):
        own = pay[[i for i, inst in enumerate(institutions) if inst == name]]
        between_ss += len(own) * (own.mean() - pay.mean()) ** 2
        own_median = float(np.median(own))
        if own_median < q1 - 1.5 * iqr or own_median > q3 + 1.5 * iqr:
            outliers.append({"institution": name, "median_eur_year": round(own_median, 2),
                             "from_role_median": round(own_median / median - 1, 4), "positions": len(own)})
    return RoleSpread(role, len(pay), len(set(institutions)), float(median), float(q1), float(q3), float(pay.std() / pay.mean()),
                      float(iqr), gini(pay), between_ss / total_ss if total_ss > 0 else 0.0, outliers)
