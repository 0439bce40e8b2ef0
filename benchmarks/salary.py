"""Salary model at scale: fit time (cross-validation included) and prediction latency.

    python -m benchmarks.salary [--scale 100000]

Uses the speed benchmark's database when it holds --scale positions (python -m benchmarks.speed
builds it), else seeds its own (no embeddings needed).
"""
import argparse
import subprocess
import sys
import time


from benchmarks.common import bench_database, connect, machine, percentile
from models.salary_model import ReferenceSalaryModel, cross_validate
from service import salaries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--database", default="bench_salary")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with bench_database(args.database) as url:
        with connect(url) as conn:
            if conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"] != args.scale:
                subprocess.run([sys.executable, "-m", "service.cli", "seed", "--reset", "--scale", str(args.scale)],
                               env={"DATABASE_URL": url, **__import__("os").environ}, check=True)
        with connect(url) as conn:
            started = time.perf_counter()
            rows, pay = salaries.training_data(conn)
            load_seconds = time.perf_counter() - started
            started = time.perf_counter()
            validation, _ = cross_validate(rows, pay)
            cv_seconds = time.perf_counter() - started
            started = time.perf_counter()
            model = ReferenceSalaryModel().fit(rows, pay)
            fit_seconds = time.perf_counter() - started
            started = time.perf_counter()
            analysis = salaries.fit(conn)
            full_seconds = time.perf_counter() - started
    single = []
    for row in rows[:500]:
        started = time.perf_counter()
        model.predict([row])
        single.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    model.predict(rows)
    batch_seconds = time.perf_counter() - started
    print(f"{len(rows)} positions with a salary (read and normalised in {load_seconds:.1f} s)")
    print(f"reference model fit (3 quantile models):        {fit_seconds:6.1f} s")
    print(f"5-fold cross-validation:                        {cv_seconds:6.1f} s   median error "
          f"{validation.median_absolute_percentage_error:.1f}%, interval coverage {validation.interval_coverage:.0%}")
    print(f"whole analysis (fit, CV, premiums, roles, fill): {full_seconds:6.1f} s")
    print(f"prediction, one role:                           p50 {percentile(single, 50):.2f} ms, p99 {percentile(single, 99):.2f} ms")
    print(f"prediction, all {len(rows)} rows at once:        {batch_seconds:6.2f} s")
    print(analysis.report["pay_and_filling"]["fill_probability"]["statement"])


if __name__ == "__main__":
    main()
