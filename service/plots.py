"""PNG charts of the salary report, drawn with matplotlib (no outside assets)."""
import io
import math
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display: render to memory
import matplotlib.pyplot as plt  # noqa: E402


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def premiums_chart(premiums: list[dict], title: str = "Institution pay premiums",
                   xlabel: str = "pay against the ecosystem for the same role, % (95% interval)") -> bytes:
    """Each institution's pay premium for the same role, with its 95% interval."""
    ordered = sorted(premiums, key=lambda p: p["premium"])
    names = [f"{p['institution']} ({p['positions']})" for p in ordered]
    values = [p["premium_percent"] for p in ordered]
    low = [(math.exp(p["interval"][0]) - 1) * 100 for p in ordered]
    high = [(math.exp(p["interval"][1]) - 1) * 100 for p in ordered]
    errors = [[v - lo for v, lo in zip(values, low, strict=True)], [hi - v for v, hi in zip(values, high, strict=True)]]
    figure, axis = plt.subplots(figsize=(8, 0.35 * len(names) + 1.2))
    colours = ["#b2182b" if v < 0 else "#2166ac" for v in values]
    axis.barh(names, values, xerr=errors, color=colours, ecolor="#444444", capsize=3)
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_xlabel(xlabel)
    axis.set_title(title)
    return _png(figure)


def roles_chart(roles: list[dict], title: str = "Pay by comparable role",
                xlabel: str = "gross full-time pay, EUR per year (bar: interquartile range; red: outlying institutions)",
                label: Callable[[dict], str] = lambda role: f"{role['role']} (n={role['positions']})") -> bytes:
    """Median and interquartile range of full-time pay per role, institutions far from the rest in red;
    ``label(role)`` names a role on its axis (the pages name it in the reader's language)."""
    ordered = sorted(roles, key=lambda r: r["median_eur_year"])
    figure, axis = plt.subplots(figsize=(8, 0.4 * len(ordered) + 1.2))
    for y, role in enumerate(ordered):
        axis.plot([role["q1_eur_year"], role["q3_eur_year"]], [y, y], color="#2166ac", linewidth=6,
                  solid_capstyle="butt", alpha=0.5)
        axis.plot(role["median_eur_year"], y, "o", color="#2166ac")
        for outlier in role["outliers"]:
            axis.plot(outlier["median_eur_year"], y, "D", color="#b2182b")
    axis.set_yticks(range(len(ordered)), [label(r) for r in ordered])
    axis.set_xlabel(xlabel)
    axis.set_title(title)
    return _png(figure)


def calibration_chart(bins: list[tuple[float, float, int]], title: str = "Fill forecast: calibration on later positions",
                      xlabel: str = "forecast probability of filling", ylabel: str = "share filled") -> bytes:
    """Reliability diagram: each bin's mean forecast against the share filled, dots sized by snapshots."""
    figure, axis = plt.subplots(figsize=(5, 5))
    axis.plot([0, 1], [0, 1], color="#888888", linewidth=0.8, linestyle="--")
    if bins:
        total = sum(n for _, _, n in bins)
        axis.scatter([b[0] for b in bins], [b[1] for b in bins], s=[20 + 600 * n / total for _, _, n in bins],
                     color="#2166ac", alpha=0.8)
        axis.plot([b[0] for b in bins], [b[1] for b in bins], color="#2166ac", linewidth=1)
    axis.set_xlim(0, 1)
    axis.set_ylim(0, 1)
    axis.set_xlabel(xlabel)
    axis.set_ylabel(ylabel)
    axis.set_title(title)
    return _png(figure)
