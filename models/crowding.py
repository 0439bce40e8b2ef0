"""Congestion prices for positions: how over-demanded each opening is, from the scores of many
candidates at once.

The idea is ReCon's (reciprocal recommendation with congestion, Su et al., 2022): spreading
candidates over positions is an optimal-transport problem, and its solution tells which positions
too many candidates would be pointed at. Here every candidate carries one unit of attention and
every position can absorb at most its number of openings. The entropic transport plan under
those constraints is found by Sinkhorn-style scaling; the scaling factor ``v_j`` of a position is
1 when it is not crowded and falls below 1 when demand exceeds its openings. Its price
``-epsilon * log(v_j)`` (in score units, >= 0) is what serving subtracts, times a strength, from a
match's score: crowded positions sink a little in everybody's list, empty ones rise.
"""
import numpy as np
from scipy import sparse


def congestion_prices(scores: sparse.csr_matrix, capacities: np.ndarray, epsilon: float = 0.05,
                      outside_score: float | None = None, iterations: int = 200, tolerance: float = 1e-6) -> np.ndarray:
    """Price per position (column) from a sparse candidate x position score matrix.

    ``scores`` holds each candidate's best-scoring positions (say its top 50); ``capacities`` the
    attention each position can absorb (its openings, scaled to the number of candidates scored).
    ``outside_score`` is what a candidate gets by taking none of them (staying where they are):
    when every position is over-demanded, it keeps prices at the size of score differences instead
    of growing until the few openings absorb everybody.
    """
    if scores.shape[1] != len(capacities):
        raise ValueError("one capacity per column of scores")
    scores = scores.tocsr()
    # K = exp((s - max) / epsilon) on the stored entries only; the shift keeps exp in range.
    kernel = scores.copy()
    peak = max(kernel.data.max(initial=0.0), outside_score or 0.0)
    kernel.data = np.exp((kernel.data - peak) / epsilon)
    outside = 0.0 if outside_score is None else float(np.exp((outside_score - peak) / epsilon))
    kernel_t = kernel.T.tocsr()
    capacities = np.asarray(capacities, dtype=np.float64)
    v = np.ones(scores.shape[1])
    for _ in range(iterations):
        row_mass = kernel @ v + outside
        u = np.divide(1.0, row_mass, out=np.zeros_like(row_mass), where=row_mass > 0)
        column_mass = kernel_t @ u
        new_v = np.minimum(1.0, np.divide(capacities, column_mass, out=np.ones_like(column_mass), where=column_mass > 0))
        if np.max(np.abs(new_v - v)) < tolerance:
            v = new_v
            break
        v = new_v
    return -epsilon * np.log(np.maximum(v, 1e-12))


def transport_plan(scores: sparse.csr_matrix, prices: np.ndarray, epsilon: float = 0.05) -> sparse.csr_matrix:
    """The attention each candidate gives each position under the prices (rows sum to 1)."""
    shifted = scores.tocsr().copy()
    rows = np.repeat(np.arange(shifted.shape[0]), np.diff(shifted.indptr))
    shifted.data = shifted.data - prices[shifted.indices]
    peak = np.full(shifted.shape[0], -np.inf)
    np.maximum.at(peak, rows, shifted.data)
    shifted.data = np.exp((shifted.data - peak[rows]) / epsilon)
    totals = np.asarray(shifted.sum(axis=1)).ravel()
    shifted.data /= totals[rows]
    return shifted
