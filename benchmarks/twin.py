"""The recruitment twin at the demo scale: a 12-month, 200-run simulation (issue 15: under 30 s).

    PYTHONPATH=$PWD python -m benchmarks.twin [--scale N] [--runs 200] [--months 12] [--fresh]

Loads the demo ecosystem (seeds.demo, N positions and N candidates with --scale; the default demo
without it) into the benchmark database ``twin_<scale>`` once, then times the calibration on the
database and the simulation of the baseline, and prints both with the machine.
"""
import argparse
import time
from datetime import date
from typing import Any

from benchmarks.common import bench_database, connect, machine
from models.twin import Scenario, simulate
from seeds import demo, load
from service.twin_calibration import calibrate, history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=0, help="N positions and N candidates (0: the default demo)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--fresh", action="store_true", help="drop and reload the benchmark database")
    args = parser.parse_args()
    print(f"machine: {machine()}")
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


if __name__ == "__main__":
    main()
