"""The ecosystem-wide allocation for the hub: every active candidate against every open position.

Edges are each candidate's best semantic matches (top 50) whose career stages are at most one step
apart, scored by cosine similarity; models.allocation fills the most openings with the best fit.
This is a first version: the structured signals and the what-if runs (raise a salary, widen the
search abroad) are not in it yet.
"""
import numpy as np
from psycopg import Connection
from scipy import sparse

from models.allocation import allocate
from service.congestion import top_k_scores
from service.queries import embeddings

TOP_K = 50


def run(conn: Connection, model: str, sample_size: int = 1_000_000) -> dict:
    positions = embeddings.open_position_vectors(conn, model)
    candidates, active = embeddings.active_candidate_vectors(conn, model, sample_size, seed=0.42)
    if not positions or not candidates:
        return {"openings": sum(p["openings"] for p in positions), "filled": 0, "candidates": len(candidates),
                "unfilled": [{"position_id": p["id"], "reason": "no active candidate has a profile yet"} for p in positions]}
    scores = top_k_scores(np.stack([c["embedding"].to_numpy() for c in candidates]).astype(np.float32),
                          np.stack([p["embedding"].to_numpy() for p in positions]).astype(np.float32), TOP_K).tocoo()
    position_stage = embeddings.stages(conn, "positions", [p["id"] for p in positions])
    candidate_stage = embeddings.stages(conn, "candidates", [c["id"] for c in candidates])
    keep = [i for i, (row, col) in enumerate(zip(scores.row, scores.col))
            if _stages_close(candidate_stage[candidates[row]["id"]], position_stage[positions[col]["id"]]) and scores.data[i] > 0]
    graph = sparse.csr_matrix((scores.data[keep], (scores.row[keep], scores.col[keep])), shape=scores.shape)
    result = allocate(graph, np.array([p["openings"] for p in positions]))
    alone = set(result.without_any_candidate)
    return {
        "openings": result.openings, "filled": result.filled, "candidates": len(candidates),
        "mean_fit": round(result.total_score / result.filled, 3) if result.filled else None,
        "unfilled": [{"position_id": positions[j]["id"],
                      "reason": "no current candidate in a fitting career stage has it among their 50 best matches"
                      if j in alone else "its fitting candidates fill other openings better"}
                     for j in result.unfilled_positions],
    }


def _stages_close(candidate: str | None, position: str | None) -> bool:
    return candidate is None or position is None or abs(int(candidate[1]) - int(position[1])) <= 1
