"""The recruitment twin's simulation: it conserves people, repeats itself with its seed, and its
levers move fills the way their mechanism says."""
from typing import Any

import numpy as np

from models.twin import Calibration, Calls, Scenario, Start, band, simulate
from models.twin_fit import glm, logistic


def calls(n: int, institution: int = 1, deadline: int = 40, applicants: int = 0, openings: int = 1) -> Calls:
    return Calls(field=np.arange(n) % 2, institution=np.full(n, institution), openings=np.full(n, openings),
                 open_day=np.zeros(n, int), deadline_day=np.full(n, deadline), call_days=np.full(n, 60),
                 premium=np.zeros(n), applicants=np.full(n, applicants))


def calibration(**overrides) -> Calibration:
    templates = Calls(field=np.array([0, 1, 0, 1]), institution=np.array([1, 2, 1, 2]), openings=np.array([1, 2, 1, 3]),
                      open_day=np.zeros(4, int), deadline_day=np.full(4, 60), call_days=np.full(4, 60),
                      premium=np.array([-0.1, 0.0, 0.1, -0.2]), applicants=np.zeros(4, int))
    values: dict[str, Any] = dict(fields=("physics", "biology"), application_rate=np.array([1.5, 0.8]), premium_elasticity=3.0,
                  pool_elasticity=0.5, abroad_reach=0.3, offer=(-0.5, 4.0), accept=(0.5, 4.0), republish_share=0.4,
                  hire_delay_days=np.array([20, 35, 50, 70]), calls_per_month=6.0, templates=templates,
                  inflow_per_month=np.array([[2.0, 1.0, 1.0], [0.5, 0.2, 0.3]]),
                  attracted_share=np.array([[0.1, 1.0, 1.0], [0.1, 1.0, 1.0]]))
    return Calibration(**(values | overrides))


def start(pool=((20, 10, 10), (3, 1, 2))) -> Start:
    days = np.array([0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337, 365])
    return Start(pool=np.array(pool), calls=calls(8, applicants=1), month_days=days)


def test_no_candidate_is_hired_twice_and_no_call_hires_more_than_its_openings_in_any_run():
    result = simulate(calibration(), start(), Scenario(), runs=120, seed=3)
    # People: each hire is a distinct person of its field and residence, among those arrived by then.
    keys = {tuple(row) for row in result.hired}
    assert len(keys) == len(result.hired) > 0
    assert (result.hired[:, 3] < result.arrived_when_hired).all()
    # In a thin field more calls than people: hires there never exceed the people who ever were there.
    for run in range(120):
        for field_index in range(2):
            ever = start().pool[field_index].sum() + 12 * 10  # inflow cannot reach this bound in a run of rates ~1
            assert ((result.hired[:, 0] == run) & (result.hired[:, 1] == field_index)).sum() <= ever
    for hires, openings in zip(result.slot_hires, result.slot_openings, strict=True):
        assert (hires <= openings).all() and (hires >= 0).all()
    assert result.fills.sum() <= sum(h.sum() for h in result.slot_hires)  # a fill is a slot's hire
    # Every slot's hire is one person taken from the pool, run by run.
    per_run = np.vstack(result.slot_hires).sum(1)
    assert np.array_equal(np.bincount(result.hired[:, 0], minlength=120), per_run)


def test_a_field_without_people_hires_nobody():
    cal = calibration(inflow_per_month=np.array([[2.0, 1.0, 1.0], [0.0, 0.0, 0.0]]))
    result = simulate(cal, start(pool=((20, 10, 10), (0, 0, 0))), Scenario(), runs=40, seed=5)
    assert (result.hired[:, 1] == 0).all()


def test_same_seed_gives_identical_output_and_another_seed_does_not():
    first = simulate(calibration(), start(), Scenario(), runs=60, seed=11)
    again = simulate(calibration(), start(), Scenario(), runs=60, seed=11)
    other = simulate(calibration(), start(), Scenario(), runs=60, seed=12)
    for name in ("fills", "unfilled", "attracted", "applications", "offers"):
        assert np.array_equal(getattr(first, name), getattr(again, name))
    assert np.array_equal(first.hired, again.hired)
    assert not np.array_equal(first.fills, other.fills)


def test_progress_is_reported_up_to_its_total():
    seen = []
    simulate(calibration(), start(), Scenario(), runs=120, seed=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (36, 36) and [d for d, _ in seen] == list(range(1, 37))


def test_a_pay_raise_fills_more_where_pay_holds_the_calls_back():
    # Plenty of people, few applications, offers and acceptances that rise with pay: a raise must fill more.
    cal = calibration(application_rate=np.array([0.4, 0.4]), offer=(-1.0, 3.0), accept=(-0.5, 3.0))
    pool = ((200, 50, 50), (200, 50, 50))
    base = simulate(cal, start(pool), Scenario(), runs=300, seed=2).fills.sum(1).mean()
    raised = simulate(cal, start(pool), Scenario("raise", pay_raise=0.2), runs=300, seed=2).fills.sum(1).mean()
    assert raised > base * 1.1
    only_two = simulate(cal, start(pool), Scenario("raise", pay_raise=0.2, raise_institutions=frozenset({2})),
                        runs=300, seed=2).fills.sum(1).mean()
    assert base < only_two < raised  # the calls of partner 2 are some of the new calls only


def test_publishing_abroad_extending_deadlines_and_sharing_calls_fill_at_least_as_much():
    cal = calibration(application_rate=np.array([0.3, 0.3]), abroad_reach=0.1)
    pool = ((20, 10, 200), (5, 5, 100))
    base = simulate(cal, start(pool), Scenario(), runs=300, seed=4).fills.sum(1).mean()
    for lever in (Scenario("abroad", abroad=True), Scenario("extend", extend_days=60),
                  Scenario("shared", shared_institutions=frozenset({1, 2}))):
        assert simulate(cal, start(pool), lever, runs=300, seed=4).fills.sum(1).mean() > base, lever.name


def test_band_holds_eighty_percent_of_runs():
    values = np.arange(1000.0)[:, None]
    summary = band(values)
    assert summary["mean"][0] == 499.5
    inside = ((values >= summary["low"]) & (values <= summary["high"])).mean()
    assert 0.79 <= inside <= 0.81


def test_the_regressions_recover_known_coefficients():
    rng = np.random.default_rng(0)
    x = rng.normal(0, 0.3, 20000)
    y = rng.random(20000) < 1 / (1 + np.exp(-(-1.0 + 2.0 * x)))
    a, b = logistic(x, y)
    assert abs(a + 1.0) < 0.06 and abs(b - 2.0) < 0.12
    exposure = rng.uniform(0.5, 3, 20000)
    counts = rng.poisson(exposure * np.exp(0.2 + 1.5 * x))
    beta = glm(np.column_stack([np.ones(20000), x]), counts, "poisson", offset=np.log(exposure))
    assert abs(beta[0] - 0.2) < 0.03 and abs(beta[1] - 1.5) < 0.06
