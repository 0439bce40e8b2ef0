"""The allocation against a brute-force optimum on small random instances."""
import itertools
from collections import Counter

import numpy as np
import pytest
from scipy import sparse

from models.allocation import (
    BLOCKERS,
    BlockerTally,
    RunCodes,
    allocate,
    blockers_of_edges,
    candidate_facts,
    edge_blockers,
    fit_by_field,
    fits_by_field,
    position_facts,
)


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


def _random_facts(rng, n_candidates: int, n_positions: int) -> tuple[list[dict], list[dict]]:
    regions = ["ITC3", "ITC4", "ITI4", "FR10", "", None]
    candidates = [{"career_stage": rng.choice(["R1", "R2", "R3", "R4", None]),
                   "expected_salary_eur_year": rng.choice([None, 0, 20000.0, 31000.5, 45000.0]),
                   "current_country": rng.choice(["IT", "FR", "", None]), "current_region": rng.choice(regions),
                   "mobility_regions": rng.choice([None, [], ["ITC4"], ["ITC3", "ITI4"], [""], ["DE21"]]),
                   "fields": rng.choice([None, [], ["physics"], ["physics", "humanities"], ["chemistry"]]),
                   "languages": rng.choice([None, [], [{"language": "it", "level": "B1"}], [{"language": "en", "level": "C2"}],
                                            [{"language": "it", "level": "A2"}, {"language": "it", "level": "native"}],
                                            [{"language": "pt", "level": "B2"}]])}
                  for _ in range(n_candidates)]
    positions = [{"career_stage": rng.choice(["R1", "R2", "R3", "R4"]), "salary_gross_eur_year": rng.choice([None, 0, 16000.0, 25000.0, 36000.0]),
                  "region": rng.choice(regions), "remote": rng.choice(["onsite", "hybrid", "remote"]),
                  "fields": rng.choice([None, ["physics"], ["humanities"], ["chemistry", "physics"]]),
                  "languages": rng.choice([None, [], [{"language": "it", "level": "B2"}], [{"language": "en", "level": "C1"}],
                                           [{"language": "pt", "level": "A1"}, {"language": "it", "level": "A1"}],
                                           [{"language": "de", "level": "X9"}]])} for _ in range(n_positions)]
    return candidates, positions


@pytest.mark.parametrize("salary_raise, widen_abroad", [(0.0, False), (0.25, True), (1.0, False)])
def test_blockers_of_edges_give_edge_blockers_verdicts_on_random_facts(salary_raise, widen_abroad):
    import random
    rng = random.Random(int(salary_raise * 100) + widen_abroad)
    candidates, positions = _random_facts(rng, 60, 40)
    codes = RunCodes()
    c_facts, p_facts = candidate_facts(candidates, codes), position_facts(positions, codes)
    rows, cols = np.divmod(np.arange(60 * 40), 40)
    got = blockers_of_edges(c_facts, p_facts, rows, cols, salary_raise=salary_raise, widen_abroad=widen_abroad)
    expected = np.array([[code in edge_blockers(candidates[r], positions[c], salary_raise=salary_raise, widen_abroad=widen_abroad)
                          for code in BLOCKERS] for r, c in zip(rows, cols, strict=True)])
    assert np.array_equal(got, expected)
    assert all(expected[:, k].any() for k in range(len(BLOCKERS))) and not expected.all()
    by_field = np.array([fits_by_field(candidates[r]["fields"], positions[c]["fields"]) for r, c in zip(rows, cols, strict=True)])
    assert np.array_equal(fit_by_field(c_facts, p_facts, rows, cols), by_field) and by_field.any() and not by_field.all()


def test_the_tally_names_the_commonest_blocker_and_breaks_ties_by_first_seen_like_counter():
    rng = np.random.default_rng(5)
    n_positions, tally, counters = 30, BlockerTally(30), [Counter() for _ in range(30)]
    seen = 0
    for _ in range(4):  # batches of edges in order
        cols = rng.integers(0, n_positions, 50)
        blocked = rng.random((50, len(BLOCKERS))) < 0.3
        tally.add(cols, blocked, seen)
        for col, row in zip(cols, blocked, strict=True):
            counters[col].update(code for code, hit in zip(BLOCKERS, row, strict=True) if hit)
        seen += 50
    for j in range(n_positions):
        assert tally.main(j) == (counters[j].most_common(1)[0][0] if counters[j] else None)
    assert any(len({n for n in c.values()}) < len(c) for c in counters)  # ties did occur


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
