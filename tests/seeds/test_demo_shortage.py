"""The demo ecosystem is shaped like the real problem (seeds.demo, its planted effects): fewer
fitting people than vacant openings in the deep-tech fields, a surplus elsewhere, and a shortage
that pay and candidates abroad can each shrink.

"Fitting" is the allocation's own rule (models.allocation): an active candidate (not hired) who
works in the post's field, is at most one career stage away, speaks its languages, would accept its
pay and would work where it is. The allocation here weighs every fitting pair alike: how many
openings can be filled at all, whatever the match scores."""
from collections import Counter
from datetime import date

import numpy as np
import pytest
from scipy import sparse

from models.allocation import allocate, edge_blockers, fits_by_field
from models.salary import normalise_position
from models.taxonomy import position_is_open
from seeds import demo

TODAY = date(2026, 12, 4)


@pytest.fixture(scope="module")
def data() -> demo.DemoData:
    return demo.generate(seed=7, today=TODAY)


def _vacant(data) -> list[dict]:
    return [p | {"salary_gross_eur_year": normalise_position(p).gross_eur_year}
            for p in data.positions if position_is_open(p["status"], p["deadline"], TODAY)]


def _active(data) -> list[dict]:
    hired = {a["candidate_id"] for a in data.applications if a["stage"] == "hired"}
    return [c for c in data.candidates if c["id"] not in hired]


def _fitting_pairs(data, **what_if) -> tuple[list[dict], list[dict], list[tuple[int, int]]]:
    positions, candidates = _vacant(data), _active(data)
    pairs = [(i, j) for j, p in enumerate(positions) for i, c in enumerate(candidates)
             if fits_by_field(c["fields"], p["fields"]) and not edge_blockers(c, p, **what_if)]
    return positions, candidates, pairs


def _filled(data, **what_if) -> tuple[int, int]:
    positions, candidates, pairs = _fitting_pairs(data, **what_if)
    rows, cols = zip(*pairs, strict=True)
    graph = sparse.csr_matrix((np.full(len(pairs), 0.5), (rows, cols)), shape=(len(candidates), len(positions)))
    result = allocate(graph, np.array([p["openings"] for p in positions]))
    return result.filled, result.openings


def test_thin_fields_have_more_vacant_openings_than_fitting_active_candidates(data):
    positions, _, pairs = _fitting_pairs(data)
    openings = Counter()
    for p in positions:
        openings[p["fields"][0]] += p["openings"]
    fitting: dict[str, set[int]] = {}
    for i, j in pairs:
        fitting.setdefault(positions[j]["fields"][0], set()).add(i)
    for name in demo.THIN_FIELDS:
        assert len(fitting.get(name, ())) < openings[name], (name, len(fitting.get(name, ())), openings[name])
    for name in demo.SURPLUS_FIELDS:  # the surplus: many times more fitting people than openings
        assert len(fitting[name]) > 10 * openings[name], (name, len(fitting[name]), openings[name])
    thin = sum(openings[name] for name in demo.THIN_FIELDS)
    assert thin > 0.4 * sum(openings.values()), "the thin fields hold a large share of what is vacant"


def test_no_allocation_fills_every_opening_and_each_what_if_fills_more(data):
    filled, openings = _filled(data)
    assert filled < 0.85 * openings, (filled, openings)
    assert _filled(data, salary_raise=0.2)[0] > filled
    assert _filled(data, widen_abroad=True)[0] > filled


def test_deep_tech_calls_hire_several_people_at_once(data):
    def mean_openings(rows):
        return sum(p["openings"] for p in rows) / len(rows)
    thin = [p for p in data.positions if p["fields"][0] in demo.THIN_FIELDS]
    others = [p for p in data.positions if p["fields"][0] not in demo.THIN_FIELDS]
    assert mean_openings(thin) > 2 * mean_openings(others)


def test_candidates_abroad_expect_more_and_would_not_move_south(data):
    abroad = [c for c in data.candidates if c["current_country"] != "IT"]
    in_italy = [c for c in data.candidates if c["current_country"] == "IT"]
    def median(rows, stage):
        return float(np.median([c["expected_salary_eur_year"] for c in rows if c["career_stage"] == stage]))
    for stage in ("R1", "R2", "R3"):
        assert median(abroad, stage) > 1.15 * median(in_italy, stage), stage
    assert all(not set(c["mobility_regions"]) & set(demo.SOUTH) for c in abroad)
    movers = Counter(r for c in in_italy for r in c["mobility_regions"] if r != c["current_region"])
    assert movers["ITC4"] > 2 * movers["ITG1"] and movers["ITI4"] > 2 * movers["ITF3"]


def test_the_planted_low_and_high_payers_are_far_from_the_rest():
    premium = {code: p for code, *_, p in demo.INSTITUTIONS}
    others = [p for code, p in premium.items() if code not in demo.UNDERPAYING_PARTNERS + demo.OVERPAYING_PARTNERS]
    assert all(premium[code] < min(others) - 0.15 for code in demo.UNDERPAYING_PARTNERS)
    assert all(premium[code] > max(others) for code in demo.OVERPAYING_PARTNERS)


def test_scaled_demo_keeps_a_shortage():
    """`ecotalent seed --scale N` draws N positions and N candidates: still openings left unfilled."""
    small = demo.generate(seed=3, n_positions=600, n_candidates=600, today=TODAY)
    filled, openings = _filled(small)
    assert 0 < filled < openings
