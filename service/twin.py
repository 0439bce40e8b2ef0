"""The digital twin of recruitment for the hub: calibrate on the history (service.twin_calibration),
simulate the next months under each scenario (models.twin), and summarise per quarter with 80% bands.

``run(conn, params, progress)`` is the entry point a background job calls; ``progress(done, total)``
is told after each simulated month of each scenario. Scenarios are written as short texts, the same
in the CLI (``--scenario``), the API (``scenario=``) and the page:

    pay_raise:PERCENT[:ID,ID...]   pay at those partners (every partner without ids) up by PERCENT
    abroad[:ID,ID...]              their calls published abroad too
    extend:DAYS[:ID,ID...]         their deadlines (open calls and new ones) DAYS later
    shared:ID,ID...                those partners' calls in the same field share their applicants
"""
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from models.privacy import publish_one_way
from models.twin import Result, Scenario, band, simulate
from service.domain import Forbidden, Invalid
from service.queries import Connection
from service.queries import twin as queries
from service.schemas.auth import UserRead
from service.twin_calibration import add_months, calibrate, history

MAX_RUNS, MAX_MONTHS, MIN_MONTHS = 1000, 24, 1  # the API caps runs lower (service.routers.twin)
MAX_SCENARIOS = 4
COVERAGE = 0.8
MEASURES = ("filled", "unfilled", "attracted")


@dataclass(frozen=True)
class TwinParams:
    months: int = 12
    runs: int = 200
    seed: int = 1
    scenarios: tuple[str, ...] = ()
    start: date | None = None  # the first day of a month; default: this month's
    institutions: frozenset[int] = field(default_factory=frozenset)  # known partner ids, to check scenarios against


def _ids(text: str, scenario: str, known: frozenset[int]) -> frozenset[int]:
    try:
        ids = frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise Invalid("twin.scenario_bad_institutions", field="scenario", scenario=scenario) from None
    unknown = sorted(ids - known) if known else []
    if unknown:
        raise Invalid("twin.scenario_unknown_institution", field="scenario", scenario=scenario, institution_id=unknown[0])
    return ids


def parse_scenario(text: str, known: frozenset[int] = frozenset()) -> Scenario:
    """One scenario from its text (see the module's docstring); Invalid with a message code when it is not one."""
    kind, *rest = text.strip().split(":")
    try:
        if kind == "pay_raise" and 1 <= len(rest) <= 2:
            percent = float(rest[0].replace(",", "."))
            if not 0 < percent <= 200:
                raise ValueError
            chosen = _ids(rest[1], text, known) if len(rest) == 2 and rest[1] else None
            return Scenario(text, pay_raise=percent / 100, raise_institutions=chosen)
        if kind == "abroad" and len(rest) <= 1:
            return Scenario(text, abroad=True, abroad_institutions=_ids(rest[0], text, known) if rest and rest[0] else None)
        if kind == "extend" and 1 <= len(rest) <= 2:
            days = int(rest[0])
            if not 0 < days <= 365:
                raise ValueError
            return Scenario(text, extend_days=days, extend_institutions=_ids(rest[1], text, known) if len(rest) == 2 and rest[1] else None)
        if kind == "shared" and len(rest) == 1:
            chosen = _ids(rest[0], text, known)
            if len(chosen) < 2:
                raise Invalid("twin.shared_needs_two", field="scenario", scenario=text)
            return Scenario(text, shared_institutions=chosen)
    except ValueError:
        raise Invalid("twin.scenario_bad_figure", field="scenario", scenario=text) from None
    raise Invalid("twin.scenario_unknown", field="scenario", scenario=text)


def check(params: TwinParams) -> list[Scenario]:
    """The scenarios to run, baseline first; Invalid when a parameter is out of range."""
    if not MIN_MONTHS <= params.months <= MAX_MONTHS:
        raise Invalid("twin.months_range", field="months", low=MIN_MONTHS, high=MAX_MONTHS)
    if not 1 <= params.runs <= MAX_RUNS:
        raise Invalid("twin.runs_range", field="runs", high=MAX_RUNS)
    if len(params.scenarios) > MAX_SCENARIOS:
        raise Invalid("twin.too_many_scenarios", field="scenario", high=MAX_SCENARIOS)
    if params.start is not None and params.start.day != 1:
        raise Invalid("twin.start_first_of_month", field="start")
    return [Scenario()] + [parse_scenario(s, params.institutions) for s in params.scenarios]


def _quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _summary(values: np.ndarray) -> dict:
    b = band(values, COVERAGE)
    return {k: round(float(v), 2) for k, v in b.items()}


def summarise(result: Result, start: date) -> dict:
    months = [add_months(start, m) for m in range(result.fills.shape[1])]
    quarters = sorted({_quarter(m) for m in months})
    series = {"filled": result.fills, "unfilled": result.unfilled, "attracted": result.attracted}
    per_quarter = []
    for q in quarters:
        columns = [i for i, m in enumerate(months) if _quarter(m) == q]
        per_quarter.append({"quarter": q, "months": len(columns)} | {
            name: _summary(values[:, columns].sum(1)) for name, values in series.items()})
    return {"quarters": per_quarter,
            "total": {name: _summary(values.sum(1)) for name, values in series.items()}
            | {"applications": _summary(result.applications.sum(1)), "offers": _summary(result.offers.sum(1)),
               "still_open_at_the_end": _summary(result.still_open)},
            "monthly_filled": [{"month": m.isoformat()} | _summary(result.fills[:, i]) for i, m in enumerate(months)]}


def run(conn: Connection, params: TwinParams, progress: Callable[[int, int], None] | None = None) -> dict:
    """Every scenario of ``params``, on the same seed, summarised; ``progress(done, total)`` as it goes."""
    scenarios = check(params)
    start = params.start or date.today().replace(day=1)
    cal, state, facts = calibrate(history(conn), start, params.months)
    steps = params.months * -(-params.runs // 50)
    out = []
    for i, scenario in enumerate(scenarios):
        def tick(done: int, _total: int, i: int = i) -> None:
            if progress:
                progress(i * steps + done, len(scenarios) * steps)
        result = simulate(cal, state, scenario, params.runs, params.seed, tick)
        out.append({"scenario": scenario.name} | summarise(result, start))
    return {"start": start, "months": params.months, "runs": params.runs, "seed": params.seed, "coverage": COVERAGE,
            "calibration": facts, "scenarios": out,
            "measures": {"filled": "openings filled: hires recorded in the period",
                         "unfilled": "openings whose deadline passed in the period unfilled and not published again",
                         "attracted": "hires who lived or mainly worked outside the ecosystem's regions for more than "
                                      "12 of the 36 months before (models.attraction)"}}


def backtest(conn: Connection, runs: int = 200, seed: int = 1, progress: Callable[[int, int], None] | None = None,
             today: date | None = None) -> dict:
    """The twin started twelve months before this month, calibrated on the year before that, against the
    hires recorded in each of those twelve months. The actual counts are people: the caller protects them."""
    this_month = (today or date.today()).replace(day=1)
    start = add_months(this_month, -12)
    cal, state, facts = calibrate(history(conn), start, 12)
    result = simulate(cal, state, Scenario(), runs, seed, progress)
    actual = queries.monthly_hires(conn, start, this_month - timedelta(days=1))
    summary = summarise(result, start)
    months = []
    for row in summary["monthly_filled"]:
        real = actual.get(date.fromisoformat(row["month"]), 0)
        months.append(row | {"actual": real, "inside": bool(row["low"] <= real <= row["high"])})
    return {"start": start, "runs": runs, "seed": seed, "coverage": COVERAGE, "calibration": facts, "months": months,
            "months_inside": sum(m["inside"] for m in months)}


def protected_backtest(report: dict) -> dict:
    """The backtest with the actual monthly hires protected as the hub's counts of people are (models.privacy)."""
    shown = publish_one_way({m["month"]: m["actual"] for m in report["months"]})["cells"]
    return report | {"months": [m | {"actual": shown[m["month"]], "inside": m["inside"] if shown[m["month"]] is not None else None}
                                for m in report["months"]]}


def partner_ids(conn: Connection) -> frozenset[int]:
    """The partners a scenario may name (TwinParams.institutions)."""
    return frozenset(r["id"] for r in queries.institutions(conn))


def hub_run(conn: Connection, user: UserRead, params: TwinParams, progress: Callable[[int, int], None] | None = None) -> dict:
    """The hub's twin: scenarios checked against the partners it knows."""
    if user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    return run(conn, replace(params, institutions=partner_ids(conn)), progress)


def hub_backtest(conn: Connection, user: UserRead, runs: int, seed: int) -> dict:
    if user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    if not 1 <= runs <= MAX_RUNS:
        raise Invalid("twin.runs_range", field="runs", high=MAX_RUNS)
    return protected_backtest(backtest(conn, runs, seed))


def as_csv(report: dict, italian: bool = False) -> str:
    """One row per scenario, quarter and measure: mean and the 80% band (Italian: ';' and decimal comma)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if italian else ",", lineterminator="\n")
    writer.writerow(["scenario", "quarter", "months", "measure", "mean", "low_10", "high_90"])

    def number(value: float) -> str:
        return f"{value:.2f}".replace(".", ",") if italian else f"{value:.2f}"
    for scenario in report["scenarios"]:
        for quarter in scenario["quarters"]:
            for measure in MEASURES:
                figure = quarter[measure]
                writer.writerow([scenario["scenario"], quarter["quarter"], quarter["months"], measure,
                                 number(figure["mean"]), number(figure["low"]), number(figure["high"])])
    return ("\ufeff" if italian else "") + buffer.getvalue()
