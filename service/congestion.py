"""Refreshes the congestion prices that the crowding-aware ranking subtracts (models.crowding).

Scores here are the semantic similarities only, for a random sample of active candidates against
all open positions: congestion is an aggregate, and a sample of a few thousand estimates it well
at a fraction of the cost. Position capacities are scaled to the sample.
"""
import numpy as np
from scipy import sparse

from models.crowding import congestion_prices
from service.queries import Connection, embeddings


def top_k_scores(candidates: np.ndarray, positions: np.ndarray, k: int, chunk: int = 2048) -> sparse.csr_matrix:
    """Each candidate row's k best cosine scores against the positions, as a sparse matrix."""
    k = min(k, positions.shape[0])
    rows, cols, vals = [], [], []
    for start in range(0, candidates.shape[0], chunk):
        block = candidates[start:start + chunk] @ positions.T
        best = np.argpartition(-block, k - 1, axis=1)[:, :k]
        rows.append(np.repeat(np.arange(start, start + block.shape[0]), k))
        cols.append(best.ravel())
        vals.append(np.take_along_axis(block, best, axis=1).ravel())
    return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                             shape=(candidates.shape[0], positions.shape[0]))


def refresh(conn: Connection, model: str, *, sample_size: int = 5000, top_k: int = 50, epsilon: float = 0.05) -> dict:
    """Recompute and store the prices; returns a summary. The caller commits."""
    open_positions = embeddings.open_position_vectors(conn, model)
    sample, active = embeddings.active_candidate_vectors(conn, model, sample_size, seed=0.42)
    if not open_positions or not sample:
        embeddings.replace_congestion(conn, {})
        return {"positions": len(open_positions), "candidates_sampled": len(sample), "crowded": 0}
    position_matrix = np.stack([r["embedding"].to_numpy() for r in open_positions]).astype(np.float32)
    candidate_matrix = np.stack([r["embedding"].to_numpy() for r in sample]).astype(np.float32)
    scores = top_k_scores(candidate_matrix, position_matrix, top_k)
    capacities = np.array([r["openings"] for r in open_positions], np.float64) * len(sample) / active
    # The outside option: a candidate's weak matches (the 10th percentile of kept scores) are worth
    # about as much as not moving at all.
    prices = congestion_prices(scores, capacities, epsilon=epsilon, outside_score=float(np.percentile(scores.data, 10)))
    crowded = {r["id"]: float(p) for r, p in zip(open_positions, prices, strict=True) if p > 1e-6}
    embeddings.replace_congestion(conn, crowded)
    return {"positions": len(open_positions), "candidates_sampled": len(sample), "active_candidates": active,
            "crowded": len(crowded), "max_price": max(crowded.values(), default=0.0)}
