"""The fill forecast's time-split backtest on whatever database is loaded (issue 15.2).

    python -m benchmarks.forecast [--split YYYY-MM-DD] [--plot docs/forecast-calibration.png]

Reads the service's own database (DATABASE_URL, or the embedded server in ECOTALENT_DATA_DIR: what
``ecotalent serve --demo`` or ``ecotalent seed`` loaded). Fits the salary reference on every post's
pay (no outcomes), builds the snapshots of the closed positions (service.forecast), fits the forecast
on those whose deadline falls before the split (by default the 70th percentile of deadlines) and
scores the later ones against the base rate and a model of pool size alone. Prints Brier score and
log loss of all three, the verdict, the machine, and writes the calibration plot.
"""
import argparse
import time
from pathlib import Path

import numpy as np

from benchmarks.common import connect, machine
from models import forecast as maths
from models.salary_model import ReferenceSalaryModel
from service import forecast, plots, salaries
from service.app import load_embedder
from service.config import Settings
from service.database import database_url
from service.messages import english, said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", help="ISO date: positions closing before it train, the rest are scored")
    parser.add_argument("--plot", type=Path, default=Path("forecast-calibration.png"))
    args = parser.parse_args()
    settings = Settings()
    embedder = load_embedder(settings)
    print(f"machine: {machine()}")
    with database_url(settings) as url, connect(url) as conn:
        started = time.perf_counter()
        rows, pay = salaries.training_data(conn)
        reference = ReferenceSalaryModel().fit(rows, pay)
        data = forecast.training_snapshots(conn, reference, embedder.name, embedder.similarity_range)
        build_seconds = time.perf_counter() - started
    split = args.split or (sorted(data.closed_on)[int(0.7 * len(data.closed_on))] if data.closed_on else "9999-12-31")
    started = time.perf_counter()
    result = maths.backtest(data.rows, data.filled, data.closed_on, data.position_ids, split)
    fit_seconds = time.perf_counter() - started
    print(f"{len(set(data.position_ids))} closed positions, {len(data.rows)} snapshots ({build_seconds:.1f} s to build, "
          f"{fit_seconds:.2f} s to fit and score); split {split}: {result.train_positions} positions train, "
          f"{result.test_positions} scored ({result.test_snapshots} snapshots); filled in training {result.filled_share_train:.1%}")
    pools = np.array([r["pool"] for r in data.rows]) if data.rows else np.zeros(1)
    print(f"pool that fits (score >= {forecast.POOL_SCORE}): median {np.median(pools):.0f}, "
          f"90th percentile {np.percentile(pools, 90):.0f}")
    if result.model is not None and result.base_rate is not None and result.pool_only is not None:
        print(f"{'':<22}{'Brier':>8}{'log loss':>10}")
        for name, scores in (("forecast", result.model), ("base rate", result.base_rate), ("pool size alone", result.pool_only)):
            print(f"{name:<22}{scores.brier:>8.4f}{scores.log_loss:>10.4f}")
        for name, gain in (("base rate", result.brier_gain_over_base), ("pool size alone", result.brier_gain_over_pool)):
            if gain is not None:
                print(f"Brier gain over {name}: {gain[0]:+.4f} (standard error {gain[1]:.4f}, per position)")
    print(english(said(result.verdict)))
    args.plot.parent.mkdir(parents=True, exist_ok=True)
    args.plot.write_bytes(plots.calibration_chart(result.calibration))
    print(f"calibration plot: {args.plot}")


if __name__ == "__main__":
    main()
