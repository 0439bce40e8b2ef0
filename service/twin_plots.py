"""The twin's charts (matplotlib, as service.plots): scenarios by quarter, and the backtest's band."""
from collections.abc import Mapping

from service.plots import _png, plt

COLOURS = ["#2166ac", "#b2182b", "#1b7837", "#762a83", "#e08214", "#4d4d4d", "#8c510a"]


def scenarios_chart(report: dict, words: Mapping[str, str]) -> bytes:
    """Per measure, per quarter: each scenario's mean with its 80% band as an error bar."""
    scenarios = report["scenarios"]
    quarters = [q["quarter"] for q in scenarios[0]["quarters"]]
    figure, axes = plt.subplots(1, 3, figsize=(12, 4.2), sharex=True, layout="constrained")
    width = 0.8 / len(scenarios)
    for axis, measure in zip(axes, ("filled", "unfilled", "attracted"), strict=True):
        for i, scenario in enumerate(scenarios):
            means = [q[measure]["mean"] for q in scenario["quarters"]]
            low = [q[measure]["mean"] - q[measure]["low"] for q in scenario["quarters"]]
            high = [q[measure]["high"] - q[measure]["mean"] for q in scenario["quarters"]]
            x = [j - 0.4 + width * (i + 0.5) for j in range(len(quarters))]
            axis.bar(x, means, width, yerr=[low, high], capsize=2, color=COLOURS[i % len(COLOURS)], ecolor="#333333",
                     label=words.get(scenario["scenario"], scenario["scenario"]))
        axis.set_xticks(range(len(quarters)), quarters, rotation=45, ha="right")
        axis.set_title(words[measure])
    axes[0].set_ylabel(words["openings"])
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=min(len(labels), 4), fontsize=8)
    figure.suptitle(words["title"])
    return _png(figure)


def backtest_chart(report: dict, words: Mapping[str, str]) -> bytes:
    """The simulated 80% band and mean of the monthly fills, and the fills that happened (hidden ones left out)."""
    months = [m["month"][:7] for m in report["months"]]
    x = range(len(months))
    figure, axis = plt.subplots(figsize=(8, 3.6))
    axis.fill_between(x, [m["low"] for m in report["months"]], [m["high"] for m in report["months"]], color="#2166ac",
                      alpha=0.25, step="mid", label=words["band"])
    axis.plot(x, [m["mean"] for m in report["months"]], color="#2166ac", label=words["mean"])
    shown = [(i, m["actual"]) for i, m in enumerate(report["months"]) if m["actual"] is not None]
    if shown:
        axis.plot([i for i, _ in shown], [v for _, v in shown], "o", color="#b2182b", label=words["actual"])
    axis.set_xticks(list(x), months, rotation=45, ha="right")
    axis.set_ylabel(words["hires"])
    axis.set_ylim(bottom=0)
    axis.set_title(words["title"])
    axis.legend(fontsize=8)
    return _png(figure)
