"""Ecosystems compared on the same measures, normalised so that size does not decide, with intervals
and the tests that say which of them differ (issue 17).

Estimates (95% intervals, none of them needs a normal approximation to hold for small counts):
- ``proportion``: a share of trials (fill rate, attracted share), Wilson score interval;
- ``rate``: events per unit of exposure (applicants per opening, indicators per million euro), exact
  Poisson interval from the chi-square quantiles (Garwood);
- ``median``: a median (days to fill) with the distribution-free interval of two order statistics
  (the binomial ranks around n/2).

Heterogeneity (``differ``): one omnibus test across every ecosystem, then pairwise tests with Holm's
step-down correction, so "A and B differ" is said at the family-wise level ``ALPHA``:
- proportions: chi-square test of homogeneity (k x 2 table), pairwise Fisher's exact test;
- rates: chi-square test of equal Poisson rates given the exposures, pairwise the conditional binomial
  test (A's events among A's and B's, against A's share of the exposure);
- distributions (days to fill, partners' pay premiums): Kruskal-Wallis, pairwise Mann-Whitney U;
- spreads (how far partners' pay lies from each other): Brown-Forsythe (Levene's test about the
  median), pairwise the same test on two groups.
An ecosystem with too little data for a test (``MIN_TRIALS`` trials, ``MIN_VALUES`` values) is left out
of it and named, and a test with fewer than two ecosystems left says the data cannot support a claim.
"""
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy import stats

from models.said import Said

Z95 = 1.959963984540054
ALPHA = 0.05
MIN_TRIALS = 10  # a proportion or rate on fewer trials (openings, hires) is not tested
MIN_VALUES = 5  # a distribution with fewer values is not tested


@dataclass(frozen=True)
class Estimate:
    value: float | None  # None: nothing to estimate from (no trials, no exposure, no values)
    low: float | None
    high: float | None
    n: int  # trials, exposure units or values it rests on


NOTHING = Estimate(None, None, None, 0)


def proportion(successes: int, trials: int) -> Estimate:
    """successes / trials with the Wilson score interval."""
    if trials <= 0:
        return NOTHING
    p = successes / trials
    centre = (p + Z95**2 / (2 * trials)) / (1 + Z95**2 / trials)
    half = Z95 / (1 + Z95**2 / trials) * math.sqrt(p * (1 - p) / trials + Z95**2 / (4 * trials**2))
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), trials)


def rate(events: int, exposure: float, n: int | None = None) -> Estimate:
    """events per unit of exposure, with the exact Poisson interval of the events."""
    if exposure <= 0:
        return NOTHING
    low = 0.0 if events == 0 else stats.chi2.ppf(0.025, 2 * events) / 2
    high = stats.chi2.ppf(0.975, 2 * events + 2) / 2
    return Estimate(events / exposure, float(low) / exposure, float(high) / exposure, int(exposure) if n is None else n)


def median(values: Sequence[float]) -> Estimate:
    """The median with the order-statistic interval: ranks j < k with P(j <= B < k) >= 95% for
    B ~ Binomial(n, 1/2); with fewer than 6 values no such ranks exist and the interval is open."""
    ordered = np.sort(np.asarray(values, dtype=float))
    n = len(ordered)
    if n == 0:
        return NOTHING
    j = int(stats.binom.ppf(0.025, n, 0.5))  # number of values below the lower bound
    k = n - j  # rank (1-based) of the upper bound
    low = float(ordered[j - 1]) if j >= 1 else None
    high = float(ordered[k]) if j >= 1 and k < n else None
    return Estimate(float(np.median(ordered)), low, high, n)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's step-down adjusted p-values, in the order given."""
    order = np.argsort(p_values)
    m = len(p_values)
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted.tolist()


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    p_value: float  # Holm-adjusted
    higher: str  # the one whose estimate is the greater


@dataclass(frozen=True)
class Heterogeneity:
    test: str  # the omnibus test's name (code-like: "chi_square_homogeneity", "kruskal_wallis", ...)
    pairwise_test: str
    statistic: float | None
    p_value: float | None
    tested: list[str]  # ecosystems with enough data, in the order given
    left_out: list[str]  # too little data
    differ: list[Pair] = field(default_factory=list)  # pairs that differ at ALPHA after Holm
    said: Said | None = None  # set when the data cannot support a claim

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


def _cannot(test: str, pairwise: str, tested: list[str], left_out: list[str]) -> Heterogeneity:
    return Heterogeneity(test, pairwise, None, None, tested, left_out,
                         said=Said("comparison.too_little_data", {"ecosystems": len(tested)}))


def _pairs(names: list[str], p_values: list[float], estimate: Mapping[str, float]) -> list[Pair]:
    pairs = list(combinations(names, 2))
    adjusted = holm(p_values)
    return [Pair(a, b, p, a if estimate[a] >= estimate[b] else b)
            for (a, b), p in zip(pairs, adjusted, strict=True) if p < ALPHA]


def differ_proportions(counts: Mapping[str, tuple[int, int]]) -> Heterogeneity:
    """``counts``: ecosystem -> (successes, trials)."""
    test, pairwise = "chi_square_homogeneity", "fisher_exact"
    tested = [name for name, (_, n) in counts.items() if n >= MIN_TRIALS]
    left_out = [name for name in counts if name not in tested]
    table = np.array([[counts[name][0], counts[name][1] - counts[name][0]] for name in tested])
    if len(tested) < 2 or (table.sum(axis=0) == 0).any():
        return _cannot(test, pairwise, tested, left_out) if len(tested) < 2 else Heterogeneity(
            test, pairwise, 0.0, 1.0, tested, left_out)  # everyone (or no one) succeeded: nothing differs
    statistic, p, _, _ = stats.chi2_contingency(table, correction=False)
    share = {name: counts[name][0] / counts[name][1] for name in tested}
    p_pairs = [float(stats.fisher_exact([[counts[a][0], counts[a][1] - counts[a][0]],
                                         [counts[b][0], counts[b][1] - counts[b][0]]]).pvalue)
               for a, b in combinations(tested, 2)]
    return Heterogeneity(test, pairwise, float(statistic), float(p), tested, left_out, _pairs(tested, p_pairs, share))


def differ_rates(counts: Mapping[str, tuple[int, float]]) -> Heterogeneity:
    """``counts``: ecosystem -> (events, exposure). Equal rates: each ecosystem's events are its share
    of the exposure times all events (the chi-square goodness of fit with k - 1 degrees of freedom)."""
    test, pairwise = "chi_square_poisson_rates", "conditional_binomial"
    tested = [name for name, (_, exposure) in counts.items() if exposure >= MIN_TRIALS]
    left_out = [name for name in counts if name not in tested]
    if len(tested) < 2:
        return _cannot(test, pairwise, tested, left_out)
    events = np.array([counts[name][0] for name in tested], dtype=float)
    exposure = np.array([counts[name][1] for name in tested], dtype=float)
    if events.sum() == 0:
        return Heterogeneity(test, pairwise, 0.0, 1.0, tested, left_out)
    expected = exposure / exposure.sum() * events.sum()
    statistic = float(((events - expected) ** 2 / expected).sum())
    p = float(stats.chi2.sf(statistic, len(tested) - 1))
    per = {name: counts[name][0] / counts[name][1] for name in tested}
    p_pairs = []
    for a, b in combinations(tested, 2):
        (ea, xa), (eb, xb) = counts[a], counts[b]
        p_pairs.append(float(stats.binomtest(int(ea), int(ea + eb), xa / (xa + xb)).pvalue) if ea + eb else 1.0)
    return Heterogeneity(test, pairwise, statistic, p, tested, left_out, _pairs(tested, p_pairs, per))


def _differ_values(values: Mapping[str, Sequence[float]], test: str, pairwise: str, omnibus, two, centre) -> Heterogeneity:
    tested = [name for name, v in values.items() if len(v) >= MIN_VALUES]
    left_out = [name for name in values if name not in tested]
    if len(tested) < 2:
        return _cannot(test, pairwise, tested, left_out)
    groups = [np.asarray(values[name], dtype=float) for name in tested]
    if np.ptp(np.concatenate(groups)) == 0:
        return Heterogeneity(test, pairwise, 0.0, 1.0, tested, left_out)  # every value equal: nothing differs
    result = omnibus(*groups)
    p_pairs = [float(two(np.asarray(values[a], float), np.asarray(values[b], float)).pvalue) for a, b in combinations(tested, 2)]
    return Heterogeneity(test, pairwise, float(result.statistic), float(result.pvalue), tested, left_out,
                         _pairs(tested, p_pairs, {name: centre(np.asarray(values[name], float)) for name in tested}))


def differ_distributions(values: Mapping[str, Sequence[float]]) -> Heterogeneity:
    """``values``: ecosystem -> observations (days to fill, partners' premiums): do they sit at different levels?"""
    return _differ_values(values, "kruskal_wallis", "mann_whitney_u", stats.kruskal,
                          lambda a, b: stats.mannwhitneyu(a, b, alternative="two-sided"), np.median)


def _spread(values: np.ndarray) -> float:
    return float(np.median(np.abs(values - np.median(values))))


def differ_spreads(values: Mapping[str, Sequence[float]]) -> Heterogeneity:
    """``values``: ecosystem -> observations: are some ecosystems' values more spread than others'?"""
    def levene(*groups):
        return stats.levene(*groups, center="median")
    return _differ_values(values, "brown_forsythe", "brown_forsythe", levene, levene, _spread)
