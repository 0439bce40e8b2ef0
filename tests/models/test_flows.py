"""Talent flows: they add up to the hires, and no hidden count is recoverable from what the diagram shows."""
import random
from collections import Counter

import numpy as np
import pytest

from models import flows as fl
from models.privacy import SMALL_CELL_THRESHOLD, interval, protected_width


def test_origin_groups_abroad_by_country_and_keeps_italian_classes():
    assert fl.origin("from_abroad_foreign", "DE") == "abroad_eu"
    assert fl.origin("from_abroad_returning", "GB") == "abroad_europe_other"
    assert fl.origin("from_abroad_foreign", "US") == "abroad_world"
    assert fl.origin("from_abroad_foreign", None) == "unknown"
    assert fl.origin("from_other_region", None) == "other_region"
    assert fl.origin("local", None) == "same_region"
    assert fl.origin("unknown", "FR") == "unknown"
    assert fl.sector("company") == "company" and fl.sector("research_body") == "academia"


def test_large_flows_are_all_shown_and_add_up_to_the_hires():
    pairs = [("abroad_eu", "unige")] * 12 + [("same_region", "unige")] * 30 + [("abroad_eu", "polimi")] * 7 + \
        [("other_region", "polimi")] * 9
    result = fl.flows(pairs, sources=["abroad_eu", "other_region", "same_region", "abroad_world"])
    assert result.total == len(pairs)
    assert result.sources == {"abroad_eu": 19, "other_region": 9, "same_region": 30, "abroad_world": 0}
    assert result.targets == {"polimi": 16, "unige": 42}
    assert sum(n for n in result.links.values()) == len(pairs)
    assert result.shown_links()[0] == ("same_region", "unige", 30)
    assert ("abroad_world", "unige") in result.links and result.links[("abroad_world", "unige")] == 0


def _attacker_width(sources, targets, counts, result, hidden_cell):
    """What solving every shown figure of the diagram leaves of one hidden link: its range."""
    atoms = [(s, t) for t in targets for s in sources]
    index = {a: i for i, a in enumerate(atoms)}
    rows, values = [], []

    def shown(figure_atoms, value):
        if value is not None:
            row = np.zeros(len(atoms))
            row[[index[a] for a in figure_atoms]] = 1
            rows.append(row)
            values.append(value)
    for (s, t), n in result.links.items():
        shown([(s, t)], n)
    for s, n in result.sources.items():
        shown([(s, t) for t in targets], n)
    for t, n in result.targets.items():
        shown([(s, t) for s in sources], n)
    shown(atoms, result.total)
    equations = (np.array(rows), np.array(values, dtype=float)) if rows else (np.zeros((0, len(atoms))), np.zeros(0))
    return protected_width(*interval(len(atoms), equations, [index[hidden_cell]]))


@pytest.mark.parametrize("seed", range(25))
def test_no_hidden_small_flow_is_recoverable_from_links_and_totals(seed):
    rng = random.Random(seed)
    sources = ["abroad_eu", "abroad_world", "other_region", "same_region"]
    targets = [f"partner{i}" for i in range(rng.randint(2, 6))]
    pairs = [(rng.choice(sources), rng.choice(targets)) for _ in range(rng.randint(15, 120))]
    # some thin links for the protection to work on
    pairs += [(rng.choice(sources), rng.choice(targets)) for _ in range(rng.randint(0, 6))]
    counts = Counter(pairs)
    result = fl.flows(pairs, sources=sources)
    # every shown figure is the true one
    for (s, t), n in result.links.items():
        assert n is None or n == counts[(s, t)]
    for t, n in result.targets.items():
        assert n is None or n == sum(counts[(s, t)] for s in sources)
    hidden_small = [(s, t) for (s, t), n in result.links.items() if n is None and 0 < counts[(s, t)] < SMALL_CELL_THRESHOLD]
    for cell in hidden_small:
        assert _attacker_width(sources, sorted(result.targets), counts, result, cell) >= SMALL_CELL_THRESHOLD
    # nothing small is ever shown
    shown = [n for n in list(result.links.values()) + list(result.sources.values()) + list(result.targets.values()) if n]
    assert all(n >= SMALL_CELL_THRESHOLD for n in shown)


def test_a_small_total_shows_nothing():
    result = fl.flows([("abroad_eu", "unige")] * 2 + [("same_region", "unige")])
    assert result.total is None and set(result.links.values()) == {None} and result.targets == {"unige": None}


def test_coarsened_flows_show_a_merged_figure_only_when_every_part_is_shown():
    fine = fl.Flows(20, {"x": 12, "y": 8}, {"a": 9, "b": None, "c": None},
                    {("x", "a"): 9, ("x", "b"): 3, ("y", "b"): None, ("x", "c"): 0, ("y", "c"): None, ("y", "a"): 0})
    merged = fl.coarsen(fine, lambda s: s, lambda t: "ab" if t in "ab" else t)
    assert merged.targets == {"ab": None, "c": None}
    assert merged.links[("x", "ab")] == 12 and merged.links[("y", "ab")] is None
    assert merged.sources == fine.sources and merged.total == 20
    assert fl.hidden_total(merged) == 8


def test_flows_over_quarters_add_what_every_quarter_shows_and_hide_the_rest():
    q1 = fl.Flows(10, {"x": 10}, {"a": 6, "b": None}, {("x", "a"): 6, ("x", "b"): None})
    q2 = fl.Flows(7, {"x": 7}, {"a": 7}, {("x", "a"): 7})
    both = fl.over_periods([q1, q2])
    assert both.total == 17 and both.sources == {"x": 17}
    assert both.targets == {"a": 13, "b": None}  # b had nobody in q2 (zero) but was hidden in q1
    assert both.links == {("x", "a"): 13, ("x", "b"): None}


def test_the_country_before_is_where_most_foreign_days_of_the_window_were():
    from datetime import date

    from models.attraction import Period
    start = date(2025, 1, 1)
    periods = [Period("FR", None, date(2019, 1, 1), date(2023, 6, 30)), Period("US", None, date(2023, 7, 1), date(2024, 3, 1)),
               Period("IT", "ITC3", date(2024, 3, 2), None)]
    assert fl.country_before(periods, start) == "FR"  # Jan 2022 - Jun 2023 against Jul 2023 - Mar 2024
    assert fl.country_before([Period("DE", None, date(2010, 1, 1), date(2015, 1, 1))], start) is None  # before the window
