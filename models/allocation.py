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
    filled_slots = np.flatnonzero(matched_column < n_candidates)
    matched, positions = matched_column[filled_slots], slot_position[filled_slots]
    pairs = [(int(c), int(p)) for c, p in zip(matched, positions, strict=True)]
    total = 0.0
    for value in np.asarray(scores[matched, positions]).ravel().tolist():  # one lookup for all; summed in slot order
        total += value
    left = capacities - np.bincount(positions, minlength=n_positions)
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


BLOCKERS = ("allocation.career_stage", "allocation.language", "allocation.salary_below_expectations", "allocation.location")


def _stage_number(stage: str | None) -> int:
    return int(stage[1]) if stage else -1


def _amount(value) -> float:
    return float(value) if value else np.nan  # no figure, or 0: nothing to compare (edge_blockers' truthiness)


@dataclass(frozen=True)
class Facts:
    """What ``edge_blockers`` reads, as arrays: positions (``position_facts``) or candidates (``candidate_facts``)."""
    stage: np.ndarray                      # R1..R4 as 1..4, -1 unknown
    salary: np.ndarray                     # a position's gross pay, a candidate's expectation; NaN when none
    region: np.ndarray                     # index in the run's region list, -1 none
    remote: np.ndarray | None = None       # positions: fully remote
    mobility: np.ndarray | None = None     # candidates: (row, region index) pairs of the regions they would move to
    placed: np.ndarray | None = None       # candidates: a current region or mobility regions are known
    abroad: np.ndarray | None = None       # candidates: a current country other than Italy
    fields: np.ndarray | None = None       # research fields as bits of the run's field list; 0: none named
    languages: np.ndarray | None = None    # (rows x languages): a candidate's best level, a position's required
    #                                        level, as ranks of CEFR_LEVELS; -1 none (declared or required)
    declared: np.ndarray | None = None     # candidates: some language declared (none declared rules nothing out)


class RunCodes:
    """One run's region codes, research fields and languages as small integers, shared by its
    positions and candidates. Fields become bits of one integer (at most 63 distinct in a run)."""

    def __init__(self, languages: tuple[str, ...] = ("en", "it", "fr", "de", "es")) -> None:
        self.index: dict[str, int] = {}
        self.fields: dict[str, int] = {}
        self.languages: dict[str, int] = {code: i for i, code in enumerate(languages)}

    def __call__(self, code: str | None) -> int:
        return -1 if not code else self.index.setdefault(code, len(self.index))

    def field_bits(self, names: list[str] | None) -> int:
        bits = 0
        for name in names or []:
            bit = self.fields.setdefault(name, len(self.fields))
            if bit >= 63:
                raise ValueError("more than 63 research fields in one allocation run")
            bits |= 1 << bit
        return bits

    def language_levels(self, rows: list[dict], key: str, best: bool) -> np.ndarray:
        """Each row's languages as level ranks: the best spoken (``best``) or the required level; an
        unknown required level can be met by no one (languages_met's rule)."""
        for r in rows:
            for entry in r.get(key) or []:
                self.languages.setdefault(entry["language"], len(self.languages))
        out = np.full((len(rows), len(self.languages)), -1, np.int8)
        rank = {level: i for i, level in enumerate(CEFR_LEVELS)}
        for i, r in enumerate(rows):
            for entry in r.get(key) or []:
                j = self.languages[entry["language"]]
                level = rank.get(entry["level"], -1 if best else len(CEFR_LEVELS))
                out[i, j] = max(out[i, j], level) if best else level
        return out


def _widen(matrix: np.ndarray, width: int) -> np.ndarray:
    """A language matrix read before the run met more languages: the new columns are -1 (none)."""
    if matrix.shape[1] >= width:
        return matrix
    return np.pad(matrix, ((0, 0), (0, width - matrix.shape[1])), constant_values=-1)


def position_facts(rows: list[dict], codes: RunCodes) -> Facts:
    return Facts(stage=np.array([_stage_number(r.get("career_stage")) for r in rows], np.int8),
                 salary=np.array([_amount(r.get("salary_gross_eur_year")) for r in rows], np.float64),
                 region=np.array([codes(r.get("region")) for r in rows], np.int64),
                 remote=np.array([r.get("remote") == "remote" for r in rows], bool),
                 fields=np.array([codes.field_bits(r.get("fields")) for r in rows], np.int64),
                 languages=codes.language_levels(rows, "languages", best=False))


def candidate_facts(rows: list[dict], codes: RunCodes) -> Facts:
    pairs = [(i, codes(code)) for i, r in enumerate(rows) for code in (r.get("mobility_regions") or []) if code]
    return Facts(stage=np.array([_stage_number(r.get("career_stage")) for r in rows], np.int8),
                 salary=np.array([_amount(r.get("expected_salary_eur_year")) for r in rows], np.float64),
                 region=np.array([codes(r.get("current_region")) for r in rows], np.int64),
                 mobility=np.array(pairs, np.int64).reshape(-1, 2),
                 placed=np.array([bool(r.get("current_region") or r.get("mobility_regions")) for r in rows], bool),
                 abroad=np.array([r.get("current_country") is not None and r.get("current_country") != "IT" for r in rows], bool),
                 fields=np.array([codes.field_bits(r.get("fields")) for r in rows], np.int64),
                 languages=codes.language_levels(rows, "languages", best=True),
                 declared=np.array([bool(r.get("languages")) for r in rows], bool))


def fit_by_field(candidates: Facts, positions: Facts, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``fits_by_field`` for many edges at once (a side naming no field rules nothing out)."""
    assert candidates.fields is not None and positions.fields is not None
    c, p = candidates.fields[rows], positions.fields[cols]
    return (c == 0) | (p == 0) | ((c & p) != 0)


def blockers_of_edges(candidates: Facts, positions: Facts, rows: np.ndarray, cols: np.ndarray, *,
                      salary_raise: float = 0.0, widen_abroad: bool = False) -> np.ndarray:
    """``edge_blockers`` for many edges at once: a boolean (edges x BLOCKERS) array, edge e joining
    candidate ``rows[e]`` and position ``cols[e]`` (the same verdicts; tests/models/test_allocation.py)."""
    assert candidates.mobility is not None and candidates.placed is not None and candidates.abroad is not None
    assert positions.remote is not None
    assert candidates.languages is not None and positions.languages is not None and candidates.declared is not None
    c_stage, p_stage = candidates.stage[rows].astype(np.int16), positions.stage[cols].astype(np.int16)
    stage = (c_stage >= 0) & (p_stage >= 0) & (np.abs(c_stage - p_stage) > 1)
    n_languages = max(candidates.languages.shape[1], positions.languages.shape[1])
    spoken, required = _widen(candidates.languages, n_languages)[rows], _widen(positions.languages, n_languages)[cols]
    language = candidates.declared[rows] & ((required >= 0) & (spoken < required)).any(axis=1)
    with np.errstate(invalid="ignore"):
        salary = positions.salary[cols] * (1 + salary_raise) < SALARY_TOLERANCE * candidates.salary[rows]
    region = positions.region[cols]
    width = max(int(region.max(initial=0)), int(candidates.mobility[:, 1].max(initial=0))) + 1
    would_move = np.isin(rows.astype(np.int64) * width + region, candidates.mobility[:, 0] * width + candidates.mobility[:, 1])
    location = (~positions.remote[cols]) & (region >= 0) & (candidates.region[rows] != region) & ~would_move \
        & candidates.placed[rows]
    if widen_abroad:
        location &= ~candidates.abroad[rows]
    return np.column_stack([stage, language, salary, location])


class BlockerTally:
    """Per position, how many of its edges each blocker stopped, and the first edge it stopped (the
    order ``Counter.most_common`` breaks ties by): ``main`` is the commonest blocker, as the service reports it."""

    def __init__(self, n_positions: int):
        self.counts = np.zeros((n_positions, len(BLOCKERS)), np.int64)
        self.first = np.full((n_positions, len(BLOCKERS)), np.iinfo(np.int64).max, np.int64)

    def add(self, cols: np.ndarray, blocked: np.ndarray, first_edge: int) -> None:
        """``blocked``: blockers_of_edges for edges numbered from ``first_edge`` in the run's edge order."""
        edge, which = np.nonzero(blocked)  # row-major: by edge, then blocker order
        flat = cols[edge] * len(BLOCKERS) + which
        np.add.at(self.counts.reshape(-1), flat, 1)
        unique, at = np.unique(flat, return_index=True)
        seen = (first_edge + edge[at]) * len(BLOCKERS) + which[at]
        first = self.first.reshape(-1)
        first[unique] = np.minimum(first[unique], seen)

    def main(self, position: int) -> str | None:
        counts = self.counts[position]
        if counts.max() == 0:
            return None
        tied = np.flatnonzero(counts == counts.max())
        return BLOCKERS[int(tied[np.argmin(self.first[position, tied])])]
