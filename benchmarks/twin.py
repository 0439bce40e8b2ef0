"""The recruitment twin at the demo scale: a 12-month, 200-run simulation (issue 15: under 30 s).

    PYTHONPATH=$PWD python -m benchmarks.twin [--scale N] [--runs 200] [--months 12] [--fresh]
    PYTHONPATH=$PWD python -m benchmarks.twin --synthetic 100000   # the simulation alone, no database

``--synthetic N`` times the simulation alone on made-up rates shaped like the demo's at N calls and N
candidates (a quarter of the calls open at the start, 10 fields), without reading a database.
Otherwise it loads the demo ecosystem (seeds.demo, N positions and N candidates with --scale; the default demo
without it) into the benchmark database ``twin_<scale>`` once, then times the calibration on the
database and the simulation of the baseline, and prints both with the machine.
"""
import argparse
import time
from datetime import date
from typing import Any

import numpy as np

from benchmarks.common import bench_database, connect, machine
from models.twin import Calibration, Calls, Scenario, Start, simulate
from seeds import demo, load
from service.twin_calibration import calibrate, history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=0, help="N positions and N candidates (0: the default demo)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--fresh", action="store_true", help="drop and reload the benchmark database")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="time the simulation alone at N calls and N candidates")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if args.synthetic:
        synthetic(args.synthetic, args.runs, args.months)
        return
    with bench_database(f"twin_{args.scale or 'demo'}", fresh=args.fresh) as url, connect(url) as opened:
        conn: Any = opened  # rows are dicts (benchmarks.common.connect)
        if conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"] == 0:
            sizes = {"n_positions": args.scale, "n_candidates": args.scale} if args.scale else {}
            load.load(conn, demo.generate(seed=7, **sizes), "not-a-real-hash", show_progress=False)
            conn.commit()
        started = time.perf_counter()
        data = history(conn)
        read = time.perf_counter() - started
        cal, state, facts = calibrate(data, date.today().replace(day=1), args.months)
        calibrated = time.perf_counter() - started
        result = simulate(cal, state, Scenario(), args.runs, seed=1)
        total = time.perf_counter() - started
    print(f"{len(data.positions)} calls, {len(data.candidates)} candidates, {len(data.applications)} applications; "
          f"{facts['calls_at_start']} calls at the start, {facts['candidates_at_start']} candidates in the pool")
    print(f"read {read:.1f} s, calibrate {calibrated - read:.1f} s, simulate {args.months} months x {args.runs} runs "
          f"{total - calibrated:.1f} s: {total:.1f} s in all (target at the demo scale: under 30 s)")
    print(f"mean openings filled over the horizon: {result.fills.sum(1).mean():.1f}")


def _calls(rng: np.random.Generator, n: int, fields: int, open_now: bool) -> Calls:
    days = rng.integers(30, 91, n)
    start = -rng.integers(0, 30, n) if open_now else np.zeros(n, int)
    return Calls(field=rng.integers(0, fields, n), institution=rng.integers(1, 15, n), openings=rng.choice([1, 1, 1, 2, 3], n),
                 open_day=start, deadline_day=start + days, call_days=days, premium=rng.normal(0, 0.1, n),
                 applicants=rng.poisson(0.5, n))


def synthetic(n: int, runs: int, months: int) -> None:
    rng, fields = np.random.default_rng(0), 10
    cal = Calibration(fields=tuple(f"field {i}" for i in range(fields)), application_rate=np.full(fields, 0.7),
                      premium_elasticity=5.0, pool_elasticity=0.1, abroad_reach=0.6, offer=(-0.2, 3.0), accept=(0.8, 2.0),
                      republish_share=0.1, hire_delay_days=np.arange(20, 90), calls_per_month=n / 24,
                      templates=_calls(rng, n // 2, fields, False), inflow_per_month=np.full((fields, 3), n / 24 / 30),
                      attracted_share=np.tile([0.1, 0.9, 1.0], (fields, 1)))
    month_days = np.array([round(m * 30.44) for m in range(months + 1)])
    state = Start(pool=np.full((fields, 3), n // 30), calls=_calls(rng, n // 4, fields, True), month_days=month_days)
    started = time.perf_counter()
    result = simulate(cal, state, Scenario(), runs, seed=1)
    seconds = time.perf_counter() - started
    print(f"synthetic: {n // 4} calls open at the start, {cal.calls_per_month:.0f} new a month, {state.pool.sum()} candidates")
    print(f"simulate {months} months x {runs} runs: {seconds:.1f} s; mean openings filled {result.fills.sum(1).mean():.0f}")


if __name__ == "__main__":
    main()
