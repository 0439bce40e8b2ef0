"""Ecosystem-wide allocation: which candidate to which opening, so that the most openings are
filled and, among the allocations that fill that many, the total fit is highest.

Positions with several openings become that many slots. Each slot is matched to one candidate or
to a "stays empty" node of its own, so a full matching always exists, and scipy's sparse assignment
solver (LAPJVsp, ``min_weight_full_bipartite_matching``) finds the maximum-weight one. A real edge
weighs BIG + score with BIG larger than the number of slots times the largest score: one more
filled opening always outweighs any gain in fit.
"""
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from models.taxonomy import stages_compatible


@dataclass(frozen=True)
class Allocation:
    pairs: list[tuple[int, int]]      # (candidate row, position column)
    filled: int
    openings: int
    total_score: float
    unfilled_positions: list[int]     # columns with an opening left
    without_any_candidate: list[int]  # columns no candidate has an edge to


def allocate(scores: sparse.csr_matrix, capacities: np.ndarray) -> Allocation:
    """``scores``: candidates x positions, a stored entry (in (0, 1]) where the pair may be matched."""
    scores = scores.tocsc()
    capacities = np.asarray(capacities, dtype=int)
    n_candidates, n_positions = scores.shape
    slot_position = np.repeat(np.arange(n_positions), capacities)
    n_slots = len(slot_position)
    if n_slots == 0:
        return Allocation([], 0, 0, 0.0, [], [])
    big = float(n_slots + 1) * max(1.0, float(scores.data.max(initial=1.0)))
    rows, cols, weights = [], [], []
    for slot, position in enumerate(slot_position):
        start, end = scores.indptr[position], scores.indptr[position + 1]
        rows.append(np.full(end - start, slot))
        cols.append(scores.indices[start:end])
        weights.append(big + scores.data[start:end])
    rows.append(np.arange(n_slots))                   # each slot's own "stays empty" node
    cols.append(n_candidates + np.arange(n_slots))
    weights.append(np.full(n_slots, 1e-9))            # nonzero: the solver ignores explicit zeros
    graph = sparse.csr_matrix((np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
                              shape=(n_slots, n_candidates + n_slots))
    _, matched_column = min_weight_full_bipartite_matching(graph, maximize=True)
    pairs, total = [], 0.0
    left = capacities.copy()
    for slot, column in enumerate(matched_column):
        if column < n_candidates:
            position = slot_position[slot]
            pairs.append((int(column), int(position)))
            total += float(scores[column, position])
            left[position] -= 1
    degree = np.diff(scores.indptr)
    return Allocation(pairs, len(pairs), n_slots, total, [int(j) for j in np.flatnonzero(left > 0)],
                      [int(j) for j in np.flatnonzero((degree == 0) & (capacities > 0))])


def thin_fields(scores: sparse.spmatrix, position_fields: list[list[str]], capacities: np.ndarray) -> set[str]:
    """The fields whose openings outnumber the distinct candidates with an edge to any of them: no
    allocation can fill them all (Hall's condition fails on the field's posts)."""
    scores = scores.tocsc()
    candidates: dict[str, set[int]] = {}
    openings: dict[str, int] = {}
    for j, fields in enumerate(position_fields):
        linked = scores.indices[scores.indptr[j]:scores.indptr[j + 1]]
        for name in fields or []:
            candidates.setdefault(name, set()).update(int(i) for i in linked)
            openings[name] = openings.get(name, 0) + int(capacities[j])
    return {name for name, n in openings.items() if len(candidates[name]) < n}


SALARY_TOLERANCE = 0.8  # a candidate considers an offer down to 80% of what they expect
# Language levels in order, as ecotalent_cefr_rank ranks them (migration 0002).
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "native")


def fits_by_field(candidate_fields: list[str] | None, position_fields: list[str] | None) -> bool:
    """A candidate can fill a post only in a research field they work in; a side that names no field
    rules nothing out."""
    return not candidate_fields or not position_fields or bool(set(candidate_fields) & set(position_fields))


def languages_met(spoken: list[dict] | None, required: list[dict] | None) -> bool:
    """The candidate speaks each required language at its level or above; a profile that declares no
    language is not ruled out (the matching's rule, service.queries.matching)."""
    if not spoken or not required:
        return True
    rank = {level: i for i, level in enumerate(CEFR_LEVELS)}
    best: dict[str, int] = {}
    for entry in spoken:
        best[entry["language"]] = max(best.get(entry["language"], -1), rank.get(entry["level"], -1))
    return all(best.get(need["language"], -1) >= rank.get(need["level"], len(CEFR_LEVELS)) for need in required)


def edge_blockers(candidate: dict, position: dict, *, salary_raise: float = 0.0, widen_abroad: bool = False) -> list[str]:
    """Why a candidate and a position that fit by content cannot be paired: career stage, language,
    salary, location (as message codes: service.messages words them).

    ``salary_raise`` (0.1 = +10%) and ``widen_abroad`` (candidates abroad count as willing to move
    anywhere in the ecosystem) are the what-if levers."""
    blockers = []
    if not stages_compatible(candidate.get("career_stage"), position.get("career_stage")):
        blockers.append("allocation.career_stage")
    if not languages_met(candidate.get("languages"), position.get("languages")):
        blockers.append("allocation.language")
    pay, expected = position.get("salary_gross_eur_year"), candidate.get("expected_salary_eur_year")
    if pay and expected and float(pay) * (1 + salary_raise) < SALARY_TOLERANCE * float(expected):
        blockers.append("allocation.salary_below_expectations")
    region = position.get("region")
    if position.get("remote") != "remote" and region and candidate.get("current_region") != region \
            and region not in (candidate.get("mobility_regions") or []) \
            and (candidate.get("current_region") or candidate.get("mobility_regions")) \
            and not (widen_abroad and candidate.get("current_country") not in (None, "IT")):
        blockers.append("allocation.location")
    return blockers
