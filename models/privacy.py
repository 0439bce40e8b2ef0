"""Small-cell protection for counts of people shown to the hub, checked against the differencing attack.

The threat: a hub user sees every figure the hub endpoints publish, for every cut and period they can
ask for, and solves the linear system of those figures (non-negative counts) for the hidden ones. A
hidden count of people under the threshold (5) is *protected* when, given everything published,
the attacker's linear programme still leaves it a range of at least ``threshold`` values
(``max - min >= threshold``): it is never pinned, nor narrowed to a handful of values.

How a table is protected (``protect``): a table is a set of *atoms* (the finest counts, e.g. one
cut value x origin class) and of *figures*, each a sum of atoms (cells, row totals, column totals,
the grand total, any other published sum). A figure may have several representations that are equal
by construction (the class totals are the column sums of every cut's table), which the attacker also
knows. Every figure under the threshold and above zero is hidden (zero is shown: "nobody" names
nobody). Then an audit by linear programming (scipy's HiGHS) computes, for each hidden small figure,
its minimum and maximum given every shown figure; when the range is narrower than the threshold,
the smallest shown non-zero figure next to it (a sibling in a shown total, or that total) is hidden
too, and it is audited again. Hiding only removes equations, so a figure found protected stays so.

Rules the hub reports follow, so that everything a hub can request at any time is covered:

* **Periods are whole calendar quarters.** A report's period is widened to the quarters it touches.
  Each quarter's figures are protected on their own (quarters hold different people), and a figure
  over several quarters is published only when it is the sum of the same figure published in every
  one of those quarters (``combine``); otherwise it is hidden. So whatever ranges are requested and
  subtracted, the attacker learns nothing the quarters' own published figures do not say. The price:
  a count over a long period is hidden when any of its quarters had to hide it.
* **Cuts are protected together** (``protect_crosstabs``). A quarter's cuts count the same people
  and share the class totals, their named groups and the grand total; these are protected first,
  the same in every cut. Cut tables are margins over different characteristics, and any set of
  margins that agree on the shared totals is the margin of some joint table (in whole numbers too),
  so once every shared total is known the cuts tell nothing about each other: each cut's table is
  then audited alone, exactly. When the shared table had to hide something, the cuts publish their
  row totals only (one-way margins that share nothing but the grand total), since cells could be
  played against a hidden class total across cuts. A quarter whose grand total is small shows
  nothing. One-way tables beside a known total are protected in closed form (each hidden cell can
  be 0 to the sum of the hidden cells once two are hidden: what the LP finds for that shape).
* **A rate or share** is published only when the counts it is built from are published (then it
  says nothing new); a ratio of two counts that are never published alone needs both the part and
  the rest at the threshold or more (``safe_share``).

Why not noise: a consistent perturbation (the ABS cell-key method) gives every cell a bounded
noise, but with free date ranges an attacker gets many differences of the same cell with
different noise, and intersecting their bounds pins it; fixed quarters leave nothing to subtract.

What it does not protect: figures that are not counts of people (positions, openings, salaries,
medians of days; full-time equivalents are shown only with the hires they count); cells a report
never publishes (a cut's count in one month of the hiring gap can be bounded by its quarter total
and the month's total); ratios of counts that are never published (women among researchers,
shown only when both groups are 5 or more); links between reports that count the same people by
different dates (a hire by its start date in attracted talent, by the day it was recorded in the
hiring gap), which are protected each on its own; and outside knowledge (a hub user who knows 4 of
5 hidden people learns the fifth: suppression cannot defend against that, only noise could).
"""
import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linprog

SMALL_CELL_THRESHOLD = 5
_TOLERANCE = 1e-6

Atoms = Sequence[int]
# A figure's representations: one or more sets of atoms whose sums are equal by construction.
Figure = Sequence[Atoms]


def _small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _value(counts: Sequence[int], figure: Figure) -> int:
    return sum(counts[i] for i in figure[0])


def _system(n_atoms: int, counts: Sequence[int], figures: Mapping[Hashable, Figure], hidden: Collection,
            known: Mapping[Hashable, int]) -> tuple[np.ndarray, np.ndarray]:
    """The equations the attacker holds: shown figures equal their values, representations of any
    figure equal each other, and figures in ``known`` equal the given values."""
    rows, values = [], []
    for name, figure in figures.items():
        first = np.zeros(n_atoms)
        first[list(figure[0])] = 1
        if name not in hidden or name in known:
            rows.append(first)
            values.append(known.get(name, _value(counts, figure)))
        for other in figure[1:]:
            row = -first.copy()
            np.add.at(row, list(other), 1)
            rows.append(row)
            values.append(0)
    if not rows:
        return np.zeros((0, n_atoms)), np.zeros(0)
    return np.array(rows), np.array(values, dtype=float)


def interval(n_atoms: int, equations: tuple[np.ndarray, np.ndarray], atoms: Atoms) -> tuple[float, float]:
    """The least and the greatest value the sum of ``atoms`` can take, atoms non-negative, subject
    to ``equations`` (A x = b): what an attacker solving the published figures learns about it."""
    a_eq, b_eq = equations
    objective = np.zeros(n_atoms)
    objective[list(atoms)] = 1
    kwargs = {"A_eq": a_eq, "b_eq": b_eq} if len(b_eq) else {}
    low = linprog(objective, bounds=(0, None), method="highs", **kwargs)
    high = linprog(-objective, bounds=(0, None), method="highs", **kwargs)
    if low.status != 0:
        raise ValueError(f"the published figures are inconsistent: {low.message}")
    return low.fun, (math.inf if high.status == 3 else -high.fun)


def protected_width(low: float, high: float) -> float:
    """How many values a count can still take: the LP range, narrowed to whole people."""
    return math.inf if math.isinf(high) else math.floor(high + _TOLERANCE) - math.ceil(low - _TOLERANCE)


def protect(counts: Sequence[int], figures: Mapping[Any, Figure], threshold: int = SMALL_CELL_THRESHOLD, *,
            hidden: Collection = (), fixed: Collection = (), known: Mapping[Hashable, int] | None = None,
            audit: Collection | None = None) -> set:
    """The names of the figures to hide so that no hidden count under ``threshold`` can be narrowed
    to fewer than ``threshold`` values by solving the shown figures.

    ``hidden``: figures already hidden (decided elsewhere); ``fixed``: figures whose state must not
    change (decided elsewhere); ``known``: hidden figures the audit assumes the attacker knows anyway;
    ``audit``: audit only these hidden figures (default: every hidden small one)."""
    known = dict(known or {})
    values = {name: _value(counts, figure) for name, figure in figures.items()}
    hidden = set(hidden) | {name for name, v in values.items() if _small(v, threshold) and name not in fixed}
    to_audit = [name for name in sorted(hidden, key=str) if _small(values[name], threshold) and name not in known
                and (audit is None or name in audit)]
    atom_sets = {name: {i for rep in figure for i in rep} for name, figure in figures.items()}
    for name in to_audit:
        while True:
            width = _width(counts, figures, hidden, known, name)
            if width >= threshold:
                break
            hidden.add(_complement(name, figures, atom_sets, values, hidden, set(fixed)))
    return hidden


def _width(counts, figures, hidden, known, name) -> float:
    equations = _system(len(counts), counts, figures, hidden, known)
    return protected_width(*interval(len(counts), equations, figures[name][0]))


def _complement(name: Hashable, figures: Mapping[Hashable, Figure], atom_sets: Mapping[Hashable, set],
                values: Mapping[Hashable, int], hidden: set, fixed: set) -> Hashable:
    """The figure to hide next for ``name``: a shown sibling inside the smallest shown total that
    holds it (the equation that gives it back), smallest non-zero first; else that total itself."""
    mine = atom_sets[name]
    shown = [g for g in figures if g not in hidden and g not in fixed]
    parents = sorted((g for g in figures if g not in hidden and atom_sets[g] >= mine and g != name),
                     key=lambda g: (len(atom_sets[g]), str(g)))
    for parent in parents:
        siblings = [g for g in shown if atom_sets[g] <= atom_sets[parent] and not atom_sets[g] & mine]
        if parent not in fixed:
            siblings.append(parent)
        if siblings:
            return min(siblings, key=lambda g: (values[g] == 0, values[g], len(atom_sets[g]), str(g)))
    if not shown:
        raise ValueError(f"nothing left to hide to protect {name!r}")
    return min(shown, key=lambda g: (values[g] == 0, values[g], str(g)))


def combine(parts: Sequence[Mapping[Hashable, int | None]], names: Collection[Hashable]) -> dict:
    """Figures over several periods, from each period's published figures: a sum when every period
    published it (a period without the figure counts as zero), hidden (None) otherwise."""
    combined: dict[Hashable, int | None] = {}
    for name in names:
        values = [part.get(name, 0) for part in parts]
        published = [v for v in values if v is not None]
        combined[name] = sum(published) if len(published) == len(values) else None
    return combined


def share(part: int | None, whole: int | None, digits: int = 3) -> float | None:
    """part / whole when both counts are published (the share then reveals nothing more)."""
    if part is None or whole is None or whole == 0:
        return None
    return round(part / whole, digits)


def safe_share(part: int, whole: int, threshold: int = SMALL_CELL_THRESHOLD, digits: int = 3) -> float | None:
    """part / whole for counts that are never published on their own: None when the part or the
    rest is a small non-zero count, or there is nothing to divide."""
    if whole == 0 or _small(part, threshold) or _small(whole - part, threshold):
        return None
    return round(part / whole, digits)


def protect_one_way(counts: Sequence[int], threshold: int = SMALL_CELL_THRESHOLD, *, total_hidden: bool = False) -> set[int]:
    """The positions to hide in a one-way table published beside its total, without a solver: given
    the total, each hidden cell can be anything from 0 to the sum of the hidden cells when at least
    two are hidden (the LP's answer for this shape), so neighbours are hidden, smallest non-zero
    first, until that sum reaches the threshold. A hidden total leaves every hidden cell unbounded."""
    hidden = {i for i, n in enumerate(counts) if _small(n, threshold)}
    if total_hidden or not hidden:
        return hidden
    while len(hidden) < 2 or sum(counts[i] for i in hidden) < threshold:
        rest = sorted((counts[i] == 0, counts[i], i) for i in range(len(counts)) if i not in hidden)
        if not rest:
            break  # only when the total itself is small, and then it is hidden
        hidden.add(rest[0][2])
    return hidden


def publish_one_way(counts: Mapping[Hashable, int], threshold: int = SMALL_CELL_THRESHOLD) -> dict:
    """A one-way table with its total, protected: {"total": ..., "cells": {...}}, hidden as None."""
    keys = list(counts)
    total = sum(counts.values())
    total_hidden = _small(total, threshold)
    hidden = protect_one_way([counts[k] for k in keys], threshold, total_hidden=total_hidden)
    return {"total": None if total_hidden else total, "cells": {k: None if i in hidden else counts[k] for i, k in enumerate(keys)}}


def crosstab_counts(records: Sequence[tuple], n_cuts: int) -> tuple[tuple, ...]:
    """Records (one per person: a value in each cut, then its column) as what ``protect_counts``
    reads: for each cut, the sorted ((value, column), count) pairs of its non-empty cells."""
    tables: list[dict] = [{} for _ in range(n_cuts)]
    for record in records:
        for k in range(n_cuts):
            key = (record[k], record[-1])
            tables[k][key] = tables[k].get(key, 0) + 1
    return tuple(tuple(sorted(table.items(), key=str)) for table in tables)


def protect_crosstabs(records: Sequence[tuple], cuts: Sequence[str], columns: Sequence[Hashable], *,
                      groups: Mapping[str, Collection] | None = None, cells_published: bool = True,
                      threshold: int = SMALL_CELL_THRESHOLD) -> dict:
    """Every cut's table of the same people (one period), protected together (``protect_counts``),
    from one tuple per person (or event): its value in each of ``cuts``, then its column."""
    return protect_counts(crosstab_counts(records, len(cuts)), cuts, columns, groups=groups,
                          cells_published=cells_published, threshold=threshold)


def protect_counts(tables: Sequence[Sequence[tuple[tuple[Hashable, Hashable], int]]], cuts: Sequence[str],
                   columns: Sequence[Hashable], *, groups: Mapping[str, Collection] | None = None,
                   cells_published: bool = True, threshold: int = SMALL_CELL_THRESHOLD) -> dict:
    """Every cut's table of the same people (one period), protected together.

    ``tables``: for each of ``cuts``, its cells as ((value, column), count) pairs, every person (or
    event) counted once in every cut (so each cut's counts add up to the same columns). Published:
    the column totals, ``groups`` (named sums of columns) and the grand total, shared by every cut;
    for each cut, its row totals and, when ``cells_published``, its cells (value x column).

    Cuts are margins of the same people that share the shared totals, so they are protected one by
    one with the shared totals known, which is exact when every shared total is shown: then the
    cuts cannot be combined against each other. So cells are published only when the shared table
    hides nothing; otherwise a cut publishes its row totals alone (one-way margins that share only
    the grand total). A period with a small grand total publishes nothing.
    Returns {"total", "columns": {c}, "groups": {g}, "cuts": {cut: {value: {"total", "cells": {c}}}}},
    a hidden figure as None."""
    groups = dict(groups or {})
    position = {c: i for i, c in enumerate(columns)}
    column_counts = [0] * len(columns)
    for (_, column), n in (tables[0] if tables else ()):
        column_counts[position[column]] += n
    n_records = sum(column_counts)
    shared = {("column", c): [[i]] for i, c in enumerate(columns)} | {"total": [list(range(len(columns)))]}
    shared |= {("group", g): [[position[c] for c in members]] for g, members in groups.items()}
    everything_hidden = _small(n_records, threshold)
    shared_hidden = set(shared) if everything_hidden else protect(column_counts, shared, threshold)
    two_way = cells_published and not shared_hidden
    result: dict[str, Any] = {"total": None if "total" in shared_hidden else n_records,
              "columns": {c: None if ("column", c) in shared_hidden else column_counts[i] for i, c in enumerate(columns)},
              "groups": {g: None if ("group", g) in shared_hidden else _value(column_counts, shared[("group", g)])
                         for g in groups},
              "cuts": {}}
    for k, cut in enumerate(cuts):
        counted = {key: n for key, n in tables[k] if n} if tables else {}
        values = sorted({v for v, _ in counted}, key=str)
        cells = {(v, c): counted.get((v, c), 0) for v in values for c in columns}
        rows = {v: sum(cells[(v, c)] for c in columns) for v in values}
        if everything_hidden:
            hidden = {("row", v) for v in values} | {("cell", v, c) for v, c in cells}
        elif two_way:
            index = {key: i for i, key in enumerate(cells)}
            figures: dict[Hashable, Figure] = {("cell", v, c): [[index[(v, c)]]] for v, c in cells}
            figures |= {("row", v): [[index[(v, c)] for c in columns]] for v in values}
            figures |= {name: [[index[(v, columns[i])] for v in values for i in figure[0]]] for name, figure in shared.items()}
            hidden = protect(list(cells.values()), figures, threshold, fixed=shared)
        else:
            # (The rows add up to the grand total: with it hidden, every row is hidden.)
            positions = set(range(len(values))) if "total" in shared_hidden else protect_one_way(list(rows.values()), threshold)
            hidden = {("row", values[i]) for i in positions} | {("cell", v, c) for v, c in cells}
        result["cuts"][cut] = {v: {"total": None if ("row", v) in hidden else rows[v],
                                   "cells": {c: None if ("cell", v, c) in hidden or not cells_published else cells[(v, c)]
                                             for c in columns}} for v in values}
    return result
