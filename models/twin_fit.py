"""The small regressions the recruitment twin is calibrated with (service.twin reads the data):
a Poisson GLM with an exposure offset and a logistic GLM, both by Newton-Raphson with a light ridge
so that a field with no applications or a premium with no spread gives a finite answer."""
import numpy as np

RIDGE = 1e-3


def glm(x: np.ndarray, y: np.ndarray, family: str, offset: np.ndarray | None = None, ridge: float = RIDGE,
        iterations: int = 60) -> np.ndarray:
    """Coefficients of a ``poisson`` (log link) or ``logistic`` GLM of ``y`` on the columns of ``x``."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    offset = np.zeros(len(y)) if offset is None else np.asarray(offset, float)
    beta = np.zeros(x.shape[1])
    penalty = ridge * np.eye(x.shape[1])
    for _ in range(iterations):
        eta = np.clip(x @ beta + offset, -30, 30)
        if family == "logistic":
            mean = 1 / (1 + np.exp(-eta))
            weight = mean * (1 - mean)
        elif family == "poisson":
            mean = np.exp(eta)
            weight = mean
        else:
            raise ValueError(family)
        hessian = x.T @ (x * weight[:, None]) + penalty
        step = np.linalg.solve(hessian, x.T @ (y - mean) - penalty @ beta)
        beta = beta + np.clip(step, -5, 5)
        if np.max(np.abs(step)) < 1e-9:
            break
    return beta


def logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of P(y) = 1 / (1 + exp(-(a + b x))); (a, 0) when x has no spread."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if len(y) == 0:
        return -3.0, 0.0
    if np.ptp(x) < 1e-9:
        rate = (y.sum() + 0.5) / (len(y) + 1)
        return float(np.log(rate / (1 - rate))), 0.0
    a, b = glm(np.column_stack([np.ones(len(y)), x]), y, "logistic")
    return float(a), float(b)
