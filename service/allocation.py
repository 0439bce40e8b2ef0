"""The ecosystem-wide allocation for the hub: every active candidate against every open position.

Edges are each candidate's best semantic matches (top 50) in a research field they work in that no
hard condition blocks (career stages more than one step apart, a required language they do not
speak at its level, pay under 80% of the candidate's expectation, a region they neither live in nor
would move to, unless the post is remote); models.allocation fills the most openings with the best
fit. An opening left unfilled is explained: no fitting candidate at all (the commonest condition
that blocked its candidates in its field, or none in its field among their best matches), its
field holding fewer fitting candidates than openings, or its candidates filling other openings.
What-if levers: raise every salary by a share, and count candidates abroad as willing to move.
"""
from collections import Counter

import numpy as np
from scipy import sparse

from models.allocation import allocate, edge_blockers, fits_by_field, thin_fields
from service.congestion import top_k_scores
from service.messages import Message, english, for_api
from service.queries import Connection, embeddings
from service.queries import allocation as queries

TOP_K = 50
NO_ONE = Message("allocation.no_one_fits", {"top_k": TOP_K})
OUTCOMPETED = Message("allocation.outcompeted")
THIN_POOL = Message("allocation.thin_pool")


def _unfilled(position_id: int, reason: Message) -> dict:
    return {"position_id": position_id, "reason": english(reason), "reason_message": for_api(reason)}


def _named(conn: Connection, unfilled: list[dict]) -> list[dict]:
    """The unfilled openings with their positions' titles and institutions, for the hub to find them."""
    labels = queries.position_labels(conn, [u["position_id"] for u in unfilled])
    return [u | {key: labels[u["position_id"]][key] for key in ("title_it", "title_en", "institution_name")}
            for u in unfilled]


def _by_reason(unfilled: list[dict]) -> list[dict]:
    """Unfilled openings counted by reason, the commonest first."""
    counts = Counter((u["reason"], u["reason_message"]["code"]) for u in unfilled)
    messages = {u["reason_message"]["code"]: u["reason_message"] for u in unfilled}
    return [{"reason": reason, "reason_message": messages[code], "positions": n} for (reason, code), n in counts.most_common()]


def run(conn: Connection, model: str, *, salary_raise: float = 0.0, widen_abroad: bool = False) -> dict:
    positions = embeddings.open_position_vectors(conn, model)
    candidates, _ = embeddings.active_candidate_vectors(conn, model, 1_000_000, seed=0.42)
    if not positions or not candidates:
        return {"openings": sum(p["openings"] for p in positions), "filled": 0, "candidates": len(candidates),
                "mean_fit": None,
                "unfilled": _named(conn, [_unfilled(p["id"], Message("allocation.no_profiles")) for p in positions])}
    scores = top_k_scores(np.stack([c["embedding"].to_numpy() for c in candidates]).astype(np.float32),
                          np.stack([p["embedding"].to_numpy() for p in positions]).astype(np.float32), TOP_K).tocoo()
    position_facts = queries.position_facts(conn, [p["id"] for p in positions])
    candidate_facts = queries.candidate_facts(conn, [c["id"] for c in candidates])
    keep: list[int] = []
    blocked: dict[int, Counter[str]] = {j: Counter() for j in range(len(positions))}
    for i, (row, col, score) in enumerate(zip(scores.row, scores.col, scores.data, strict=True)):
        candidate, position = candidate_facts[candidates[row]["id"]], position_facts[positions[col]["id"]]
        if score <= 0 or not fits_by_field(candidate["fields"], position["fields"]):
            continue
        blockers = edge_blockers(candidate, position, salary_raise=salary_raise, widen_abroad=widen_abroad)
        if blockers:
            blocked[col].update(blockers)
        else:
            keep.append(i)
    graph = sparse.csr_matrix((scores.data[keep], (scores.row[keep], scores.col[keep])), shape=scores.shape)
    capacities = np.array([p["openings"] for p in positions])
    result = allocate(graph, capacities)
    without = set(result.without_any_candidate)
    fields = [position_facts[p["id"]]["fields"] or [] for p in positions]
    thin = thin_fields(graph, fields, capacities)

    def reason(j: int) -> Message:
        if j not in without:
            return THIN_POOL if thin & set(fields[j]) else OUTCOMPETED
        return Message(blocked[j].most_common(1)[0][0]) if blocked[j] else NO_ONE

    unfilled = _named(conn, [_unfilled(positions[j]["id"], reason(j)) for j in result.unfilled_positions])
    return {
        "what_if": {"salary_raise": salary_raise, "widen_abroad": widen_abroad},
        "openings": result.openings, "filled": result.filled, "candidates": len(candidates),
        "mean_fit": round(result.total_score / result.filled, 3) if result.filled else None,
        "unfilled_by_reason": dict(Counter(u["reason"] for u in unfilled)),
        "unfilled_reasons": _by_reason(unfilled),
        "unfilled": unfilled,
    }
