"""The ecosystem-wide allocation for the hub: every active candidate against every open position.

Edges are each candidate's best semantic matches (top 50) in a research field they work in that no
hard condition blocks (career stages more than one step apart, a required language they do not
speak at its level, pay under 80% of the candidate's expectation, a region they neither live in nor
would move to, unless the post is remote); models.allocation fills the most openings with the best
fit. An opening left unfilled is explained: no fitting candidate at all (the commonest condition
that blocked its candidates in its field, or none in its field among their best matches), its
field holding fewer fitting candidates than openings, or its candidates filling other openings.
What-if levers: raise every salary by a share, and count candidates abroad as willing to move.

The graph is built by batches of candidates streamed from PostgreSQL (one batch of vectors in memory
at a time beside the open positions'): each batch's exact top-k by one matrix product, its edges'
eligibility as arrays. It runs as a background job (service.jobs, kind ``allocation``): ``POST
/hub/allocation/runs``, the hub page and ``ecotalent allocate`` queue or run it and read its result.
"""
import time
from collections import Counter

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from scipy import sparse

from models.allocation import (
    BlockerTally,
    RunCodes,
    allocate,
    blockers_of_edges,
    candidate_facts,
    fit_by_field,
    position_facts,
    thin_fields,
)
from service import jobs
from service.domain import Forbidden
from service.jobs import JobKind, JobRegistry, Progress, submit
from service.messages import Message, english, for_api
from service.queries import Connection
from service.queries import allocation as queries
from service.schemas.auth import UserRead
from service.topk import top_k_edges

TOP_K = 50
BATCH = 2048   # candidates per batch: a multiple of service.congestion.top_k_scores's chunk, so the scores are the same floats
SEED = 0.42    # the candidates' order (the solver breaks ties by it): the same in every run
KIND = "allocation"
PHASES = ("positions", "candidates_read", "top_k", "eligibility", "assignment", "reasons")  # timings_s, in this order
NO_ONE = Message("allocation.no_one_fits", {"top_k": TOP_K})
OUTCOMPETED = Message("allocation.outcompeted")
THIN_POOL = Message("allocation.thin_pool")


class WhatIf(BaseModel):
    """The what-if levers of one run."""
    model_config = ConfigDict(extra="forbid")
    salary_raise: float = Field(0.0, ge=0, le=2, allow_inf_nan=False, description="what if every salary rose by this share (0.1 = +10%)")
    widen_abroad: bool = Field(False, description="what if candidates abroad would move anywhere in the ecosystem")


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


def _no_progress(done: int, total: int | None) -> None:
    pass


def run(conn: Connection, model: str, *, salary_raise: float = 0.0, widen_abroad: bool = False,
        progress: Progress = _no_progress, top_k: int = TOP_K, batch_size: int = BATCH) -> dict:
    """The allocation with its what-ifs; ``progress(done, total)`` counts batches of candidates, then
    the assignment and the naming of what stays unfilled. ``timings_s`` says where the time went."""
    timings = dict.fromkeys(PHASES, 0.0)
    clock = time.perf_counter()
    positions = queries.open_positions(conn, model)
    n_candidates = queries.count_active_candidates(conn, model)
    timings["positions"] = time.perf_counter() - clock
    if not positions or not n_candidates:
        return {"what_if": {"salary_raise": salary_raise, "widen_abroad": widen_abroad},
                "openings": sum(p["openings"] for p in positions), "filled": 0, "candidates": n_candidates,
                "mean_fit": None, "unfilled_by_reason": {}, "unfilled_reasons": [], "timings_s": timings,
                "unfilled": _named(conn, [_unfilled(p["id"], Message("allocation.no_profiles")) for p in positions])}
    batches = -(-n_candidates // batch_size)
    total = batches + 2
    progress(0, total)
    codes = RunCodes()
    position_matrix = np.stack([p["embedding"].to_numpy() for p in positions]).astype(np.float32)
    p_facts = position_facts(positions, codes)
    tally = BlockerTally(len(positions))
    kept_rows, kept_cols, kept_scores = [], [], []
    seen_edges, start, done = 0, 0, 0
    clock = time.perf_counter()
    for batch in queries.active_candidates(conn, model, SEED, batch_size):
        vectors = np.stack([c["embedding"].to_numpy() for c in batch]).astype(np.float32)
        c_facts = candidate_facts(batch, codes)
        timings["candidates_read"] += time.perf_counter() - clock
        clock = time.perf_counter()
        rows, cols, scores = top_k_edges(vectors, position_matrix, top_k)
        # Only a post in a field the candidate works in; an edge out of field is neither kept nor a blocker's.
        positive = (scores > 0) & fit_by_field(c_facts, p_facts, rows, cols)
        rows, cols, scores = rows[positive], cols[positive], scores[positive]
        timings["top_k"] += time.perf_counter() - clock
        clock = time.perf_counter()
        blocked = blockers_of_edges(c_facts, p_facts, rows, cols, salary_raise=salary_raise, widen_abroad=widen_abroad)
        tally.add(cols, blocked, seen_edges)
        free = ~blocked.any(axis=1)
        kept_rows.append(rows[free] + start)
        kept_cols.append(cols[free])
        kept_scores.append(scores[free])
        seen_edges, start, done = seen_edges + len(rows), start + len(batch), done + 1
        timings["eligibility"] += time.perf_counter() - clock
        progress(done, total)
        clock = time.perf_counter()
    timings["candidates_read"] += time.perf_counter() - clock
    clock = time.perf_counter()
    graph = sparse.csr_matrix((np.concatenate(kept_scores), (np.concatenate(kept_rows), np.concatenate(kept_cols))),
                              shape=(start, len(positions)))
    capacities = np.array([p["openings"] for p in positions])
    result = allocate(graph, capacities)
    timings["assignment"] = time.perf_counter() - clock
    progress(done + 1, total)
    clock = time.perf_counter()
    without = set(result.without_any_candidate)
    fields = [p["fields"] or [] for p in positions]
    thin = thin_fields(graph, fields, capacities)

    def reason(j: int) -> Message:
        if j not in without:
            return THIN_POOL if thin & set(fields[j]) else OUTCOMPETED
        main = tally.main(j)
        return Message(main) if main else NO_ONE

    unfilled = _named(conn, [_unfilled(positions[j]["id"], reason(j)) for j in result.unfilled_positions])
    timings["reasons"] = time.perf_counter() - clock
    progress(total, total)
    return {
        "what_if": {"salary_raise": salary_raise, "widen_abroad": widen_abroad},
        "openings": result.openings, "filled": result.filled, "candidates": start,
        "mean_fit": round(result.total_score / result.filled, 3) if result.filled else None,
        "unfilled_by_reason": dict(Counter(u["reason"] for u in unfilled)),
        "unfilled_reasons": _by_reason(unfilled),
        "unfilled": unfilled,
        "timings_s": {name: round(seconds, 3) for name, seconds in timings.items()},
    }


def job_kind(model: str) -> JobKind:
    """The allocation as a background job of the embedding ``model``'s vectors (service.jobs)."""
    def run_job(conn: Connection, what_if: BaseModel, progress: Progress) -> dict:
        assert isinstance(what_if, WhatIf)
        return run(conn, model, salary_raise=what_if.salary_raise, widen_abroad=what_if.widen_abroad, progress=progress)
    return JobKind(KIND, run_job, WhatIf, frozenset({"hub"}))


def queue_run(conn: Connection, registry: JobRegistry, user: UserRead | None, what_if: WhatIf) -> dict:
    """Queues an allocation run for the hub (``user`` None: the command line); returns the job."""
    if user is not None and user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    return submit(conn, registry, user, KIND, what_if)


def latest_run(conn: Connection, user: UserRead | None, *, finished: bool = False) -> dict | None:
    """The hub's newest allocation run (``finished``: the newest one done)."""
    if user is not None and user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    return jobs.latest(conn, user, KIND, finished=finished)
