"""Small-cell protection against the differencing attack: publish random small tables the way the hub
does (several cuts of the same people, several quarters and every range of them), then solve the
linear system of everything published for each hidden count, as an attacker would."""
import itertools
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from models.privacy import combine, protect_crosstabs, publish_one_way, safe_share, share

THRESHOLD = 5
CUTS = ("a", "b")
VALUES = {"a": ("x", "y", "z"), "b": ("p", "q")}
CLASSES = ("c1", "c2", "c3")
GROUPS = {"g": ("c1", "c2"), "not_g": ("c3",)}
QUARTERS = (0, 1, 2)
# Every atom the attacker must solve for: a person's quarter, value in each cut, and class.
ATOMS = list(itertools.product(QUARTERS, VALUES["a"], VALUES["b"], CLASSES))


def _figure(quarters, cut=None, value=None, classes=CLASSES) -> list[int]:
    """The atoms a published figure sums."""
    k = CUTS.index(cut) if cut else None
    return [i for i, (q, *values, c) in enumerate(ATOMS)
            if q in quarters and c in classes and (k is None or values[k] == value)]


def _published_new(records) -> list[tuple[list[int], int | None]]:
    """Every figure the hub could be shown, for every range of quarters and every cut, under the new rule."""
    per_quarter = {q: protect_crosstabs(tuple((r[1], r[2], r[3]) for r in records if r[0] == q), CUTS, CLASSES,
                                        groups=GROUPS, threshold=THRESHOLD) for q in QUARTERS}
    figures = []
    for first, last in itertools.combinations_with_replacement(QUARTERS, 2):
        quarters = [per_quarter[q] for q in QUARTERS if first <= q <= last]
        span = set(range(first, last + 1))

        def over(get):
            return combine([{0: get(t)} for t in quarters], [0])[0]
        figures.append((_figure(span), over(lambda t: t["total"])))
        for c in CLASSES:
            figures.append((_figure(span, classes=(c,)), over(lambda t, c=c: t["columns"][c])))
        for g, members in GROUPS.items():
            figures.append((_figure(span, classes=members), over(lambda t, g=g: t["groups"][g])))
        for cut in CUTS:
            for v in VALUES[cut]:
                row = lambda t, v=v, cut=cut: t["cuts"][cut].get(v, {"total": 0})["total"]  # noqa: E731
                figures.append((_figure(span, cut, v), over(row)))
                for c in CLASSES:
                    cell = lambda t, v=v, c=c, cut=cut: t["cuts"][cut][v]["cells"][c] if v in t["cuts"][cut] else 0  # noqa: E731
                    figures.append((_figure(span, cut, v, (c,)), over(cell)))
    return figures


def _old_publish_counts(counts: dict) -> dict:
    """The rule this module replaced: per row, small cells hidden plus the smallest other, the total
    hidden when small or when a single cell is hidden."""
    shown = dict(counts)
    hidden = [k for k, n in counts.items() if 0 < n < THRESHOLD]
    for key in hidden:
        shown[key] = None
    if len(hidden) == 1:
        others = sorted((n, str(k), k) for k, n in counts.items() if k not in hidden and n > 0)
        if others:
            shown[others[0][2]] = None
    total = sum(counts.values())
    return {"total": None if (0 < total < THRESHOLD or len(hidden) == 1) else total, "cells": shown}


def _published_old(records) -> list[tuple[list[int], int | None]]:
    """What the old hub published for one range (all quarters) and each cut."""
    span = set(QUARTERS)
    figures = []
    totals = _old_publish_counts({c: sum(1 for r in records if r[3] == c) for c in CLASSES})
    figures.append((_figure(span), totals["total"]))
    figures += [(_figure(span, classes=(c,)), totals["cells"][c]) for c in CLASSES]
    for cut in CUTS:
        k = CUTS.index(cut) + 1
        for v in sorted({r[k] for r in records}):
            row = _old_publish_counts({c: sum(1 for r in records if r[k] == v and r[3] == c) for c in CLASSES})
            figures.append((_figure(span, cut, v), row["total"]))
            figures += [(_figure(span, cut, v, (c,)), row["cells"][c]) for c in CLASSES]
    return figures


def _truth(records) -> np.ndarray:
    counts = np.zeros(len(ATOMS))
    for r in records:
        counts[ATOMS.index(r)] += 1
    return counts


def attack(records, figures) -> list[tuple[list[int], int, float, float]]:
    """The hidden counts of people under the threshold that the published figures narrow to fewer
    than THRESHOLD values: (atoms, true value, least, greatest) by linear programming."""
    truth = _truth(records)
    shown = [(atoms, value) for atoms, value in figures if value is not None]
    a_eq = np.zeros((len(shown), len(ATOMS)))
    for row, (atoms, _) in enumerate(shown):
        a_eq[row, atoms] = 1
    b_eq = np.array([value for _, value in shown], dtype=float)
    assert np.allclose(a_eq @ truth, b_eq), "a published figure is not the true count"
    broken = []
    for atoms in {tuple(atoms) for atoms, value in figures if value is None}:
        true = truth[list(atoms)].sum()
        if not 0 < true < THRESHOLD:
            continue
        objective = np.zeros(len(ATOMS))
        objective[list(atoms)] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        greatest = math.inf if high.status == 3 else -high.fun
        if not math.isinf(greatest) and math.floor(greatest + 1e-6) - math.ceil(low.fun - 1e-6) < THRESHOLD:
            broken.append((list(atoms), int(true), low.fun, greatest))
    return broken


records_strategy = st.lists(st.tuples(st.sampled_from(QUARTERS), st.sampled_from(VALUES["a"]),
                                      st.sampled_from(VALUES["b"]), st.sampled_from(CLASSES)), max_size=30)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records_strategy)
def test_no_hidden_small_count_is_narrowed_across_cuts_and_ranges_of_quarters(records):
    figures = _published_new(records)
    assert attack(records, figures) == []
    # And nothing shown is a small count.
    truth = _truth(records)
    assert all(not 0 < value < THRESHOLD for atoms, value in figures if value is not None)
    assert all(truth[atoms].sum() == value for atoms, value in figures if value is not None)


# The request that broke the old rule: two rows by gender, a hidden cell that the class totals give back.
LEAKY = [(0, "x", "p", "c1")] * 6 + [(0, "x", "p", "c2")] * 2 + [(0, "y", "q", "c1")] * 5 + [(0, "y", "q", "c2")] * 5


def test_the_attack_recovers_a_hidden_cell_under_the_old_rule():
    broken = attack(LEAKY, _published_old(LEAKY))
    assert any(true == 2 and low == high == 2 for _, true, low, high in broken)


def test_the_same_records_are_safe_under_the_new_rule():
    assert attack(LEAKY, _published_new(LEAKY)) == []


def test_the_old_rule_loses_on_random_tables_too():
    rng = np.random.default_rng(1)
    lost = 0
    for _ in range(12):
        records = [(0, rng.choice(VALUES["a"]), rng.choice(VALUES["b"]), rng.choice(CLASSES))
                   for _ in range(int(rng.integers(5, 30)))]
        records = [(q, str(a), str(b), str(c)) for q, a, b, c in records]
        lost += bool(attack(records, _published_old(records)))
    assert lost >= 2


def test_a_range_shows_a_figure_only_when_every_quarter_showed_it():
    assert combine([{"n": 6}, {"n": 7}], ["n", "m"]) == {"n": 13, "m": 0}
    assert combine([{"n": 6}, {"n": None}], ["n"]) == {"n": None}


def test_a_one_way_table_hides_a_neighbour_and_keeps_the_total():
    # Published beside the total 30, hiding only b would give it back as 30 - 20 - 8.
    assert publish_one_way({"a": 20, "b": 2, "c": 8}) == {"total": 30, "cells": {"a": 20, "b": None, "c": None}}
    # Two small cells whose sum (4) the total would give: a third is hidden so each can be 0 to 14.
    assert publish_one_way({"a": 1, "b": 3, "c": 10}) == {"total": 14, "cells": {"a": None, "b": None, "c": None}}
    assert publish_one_way({"a": 3, "b": 0}) == {"total": None, "cells": {"a": None, "b": 0}}
    assert publish_one_way({"a": 5, "b": 50, "c": 0}) == {"total": 55, "cells": {"a": 5, "b": 50, "c": 0}}
    assert publish_one_way({}) == {"total": 0, "cells": {}}


def test_a_small_period_publishes_nothing():
    tables = protect_crosstabs((("x", "p", "c1"),) * 3, CUTS, CLASSES, groups=GROUPS)
    assert tables["total"] is None and set(tables["columns"].values()) == {None}
    assert tables["cuts"]["a"]["x"] == {"total": None, "cells": {"c1": None, "c2": None, "c3": None}}


def test_shares_need_their_counts():
    assert share(6, 12) == 0.5 and share(None, 12) is None and share(3, None) is None and share(0, 0) is None
    assert safe_share(6, 12) == 0.5
    assert safe_share(3, 12) is None and safe_share(9, 12) is None  # 3 in the part, or 3 in the rest
    assert safe_share(0, 12) == 0.0 and safe_share(12, 12) == 1.0
    assert safe_share(0, 0) is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=6))
def test_a_one_way_table_agrees_with_the_linear_programme(counts):
    published = publish_one_way(dict(enumerate(counts)))
    shown = [([i], v) for i, v in published["cells"].items() if v is not None]
    if published["total"] is not None:
        shown.append((list(range(len(counts))), published["total"]))
    a_eq = np.zeros((len(shown), len(counts)))
    for row, (atoms, _) in enumerate(shown):
        a_eq[row, atoms] = 1
    b_eq = np.array([v for _, v in shown], dtype=float)
    for i, v in published["cells"].items():
        if v is None and 0 < counts[i] < THRESHOLD:
            objective = np.eye(len(counts))[i]
            low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs").fun
            high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            assert high.status == 3 or -high.fun - low >= THRESHOLD
