"""The allocation against a brute-force optimum on small random instances."""
import itertools

import numpy as np
import pytest
from scipy import sparse

from models.allocation import allocate


def brute_force(dense: np.ndarray, capacities: np.ndarray) -> tuple[int, float]:
    """Best (filled, total score) over every way of giving each candidate a position or nothing."""
    n_candidates, n_positions = dense.shape
    best = (0, 0.0)
    for choice in itertools.product(range(-1, n_positions), repeat=n_candidates):
        used = np.zeros(n_positions, int)
        total, ok = 0.0, True
        for candidate, position in enumerate(choice):
            if position < 0:
                continue
            if dense[candidate, position] == 0 or used[position] >= capacities[position]:
                ok = False
                break
            used[position] += 1
            total += dense[candidate, position]
        if ok:
            filled = int(used.sum())
            if (filled, total) > (best[0], best[1] + 1e-12):
                best = (filled, total)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_matches_brute_force_optimum(seed):
    rng = np.random.default_rng(seed)
    n_candidates, n_positions = rng.integers(2, 6), rng.integers(1, 5)
    dense = np.where(rng.random((n_candidates, n_positions)) < 0.5, rng.uniform(0.01, 1, (n_candidates, n_positions)), 0)
    capacities = rng.integers(1, 3, n_positions)
    result = allocate(sparse.csr_matrix(dense), capacities)
    filled, total = brute_force(dense, capacities)
    assert result.filled == filled
    assert result.total_score == pytest.approx(total)
    assert len({c for c, _ in result.pairs}) == len(result.pairs)  # nobody twice
    for position in range(n_positions):
        assert sum(1 for _, p in result.pairs if p == position) <= capacities[position]


def test_reports_positions_nobody_can_fill():
    dense = np.array([[0.9, 0.0, 0.0], [0.8, 0.0, 0.0]])
    result = allocate(sparse.csr_matrix(dense), np.array([1, 1, 2]))
    assert result.filled == 1 and result.openings == 4
    assert result.without_any_candidate == [1, 2] and result.unfilled_positions == [1, 2]


def test_more_filled_beats_better_fit():
    # Giving candidate 0 to position 0 (0.99) would leave position 1 empty; two fills win.
    dense = np.array([[0.99, 0.10], [0.98, 0.0]])
    result = allocate(sparse.csr_matrix(dense), np.array([1, 1]))
    assert sorted(result.pairs) == [(0, 1), (1, 0)]


def test_edge_blockers_and_what_if_levers():
    from models.allocation import edge_blockers
    candidate = {"career_stage": "R2", "expected_salary_eur_year": 40000, "current_country": "DE",
                 "current_region": None, "mobility_regions": ["ITC4"]}
    position = {"career_stage": "R2", "salary_gross_eur_year": 30000, "region": "ITC3", "remote": "onsite"}
    assert edge_blockers(candidate, position) == ["allocation.salary_below_expectations", "allocation.location"]
    assert edge_blockers(candidate, position, salary_raise=0.1, widen_abroad=True) == []
    assert edge_blockers(candidate | {"career_stage": "R4"}, position | {"region": "ITC4", "salary_gross_eur_year": 50000}) == ["allocation.career_stage"]


def test_a_candidate_fills_only_posts_in_a_field_they_work_in():
    from models.allocation import fits_by_field
    assert fits_by_field(["physics"], ["physics", "materials_science"])
    assert not fits_by_field(["humanities"], ["physics"])
    assert fits_by_field([], ["physics"]) and fits_by_field(["humanities"], None)  # an unnamed field rules nothing out


def test_required_languages_must_be_spoken_at_their_level():
    from models.allocation import edge_blockers, languages_met
    italian_b2 = [{"language": "it", "level": "B2"}]
    assert languages_met([{"language": "it", "level": "native"}], italian_b2)
    assert languages_met([{"language": "it", "level": "A2"}, {"language": "it", "level": "C1"}], italian_b2)
    assert not languages_met([{"language": "it", "level": "B1"}, {"language": "en", "level": "C2"}], italian_b2)
    assert not languages_met([{"language": "en", "level": "C2"}], italian_b2)
    assert languages_met([], italian_b2) and languages_met([{"language": "en", "level": "B2"}], [])
    candidate = {"career_stage": "R2", "languages": [{"language": "en", "level": "C1"}]}
    assert edge_blockers(candidate, {"career_stage": "R2", "languages": italian_b2}) == ["allocation.language"]


def test_thin_fields_are_those_with_fewer_linked_candidates_than_openings():
    from models.allocation import thin_fields
    # Physics: two posts (3 openings) reached by candidates 0 and 1 only; humanities: one opening, two candidates.
    dense = np.array([[0.9, 0.8, 0.0], [0.7, 0.0, 0.0], [0.0, 0.0, 0.6], [0.0, 0.0, 0.5]])
    fields = [["physics"], ["physics"], ["humanities"]]
    assert thin_fields(sparse.csr_matrix(dense), fields, np.array([2, 1, 1])) == {"physics"}
    assert thin_fields(sparse.csr_matrix(dense), fields, np.array([1, 1, 1])) == set()
    result = allocate(sparse.csr_matrix(dense), np.array([2, 1, 1]))
    assert result.filled == 3 and result.openings == 4  # no allocation fills a thin field
