"""The hub dashboard at scale: its reports from today's raw-row queries (before) and from the
trigger-maintained counts of migration 0019 (after), then the page itself over HTTP.

    python -m benchmarks.hub [--scale 100000] [--repeats 15] [--data-dir DIR]

Builds once (database `bench_hub`) the demo at --scale positions and candidates, without
embedding the texts (the hub's reports do not read vectors); migrating it runs 0019's backfill.
Then, in this process, each report the dashboard shows (hiring gap, attracted talent, channels,
impact indicators) and the overview, from both sources: p50 of --repeats runs each (the protected
tables are cached across runs as in a running service; the first, cold run is printed too). Then
`ecotalent serve` in a subprocess (no embedding worker, no salary refit) and GET /app/hub and
GET /hub/overview as the hub officer: p50 and p99.
"""
import argparse
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, connect, machine, percentile, wait_until_healthy
from benchmarks.load import api_token, page_session
from models.indicators import quarter_start
from seeds.demo import DEMO_PASSWORD, EMAIL_DOMAIN
from service import attraction, channels, gap, hub, indicators, overview
from service.hub_data import AGGREGATES, RAW_ROWS

DB_NAME = "bench_hub"


def prepare(url: str, scale: int) -> dict:
    env = os.environ | {"DATABASE_URL": url}
    with connect(url) as conn:
        have = conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"]
    if have != scale:
        subprocess.run([sys.executable, "-m", "service.cli", "seed", "--reset", "--scale", str(scale)], env=env, check=True)
    with connect(url) as conn:
        conn.autocommit = True  # a settled database, as autovacuum leaves it after a bulk load
        conn.execute("VACUUM (ANALYZE) candidates, applications, hub_event_counts, hub_event_days, hub_position_counts,"
                     " hub_hire_counts, hub_hire_jobs, hub_stage_counts")
        return conn.execute(
            "SELECT (SELECT count(*) FROM positions) AS positions, (SELECT count(*) FROM candidates) AS candidates,"
            " (SELECT count(*) FROM applications) AS applications, (SELECT count(*) FROM application_events) AS events,"
            " (SELECT count(*) FROM applications WHERE stage = 'hired') AS hires,"
            " (SELECT count(*) FROM hub_event_counts) + (SELECT count(*) FROM hub_event_days)"
            " + (SELECT count(*) FROM hub_position_counts)"
            " + (SELECT count(*) FROM hub_hire_counts) + (SELECT count(*) FROM hub_hire_jobs) AS aggregate_rows").fetchone()


def dashboard(conn, source, today: date) -> None:
    """What GET /app/hub asks of the database, for its default period and cut (service.web.pages.hub)."""
    first, last = hub.period(None, None, 365)
    gap.report(conn, first, last, "institution", source=source)
    attraction.report(conn, *hub.period(None, None, 730), "institution", source=source)
    channels.report(conn, first, last, source=source)
    indicators.series(conn, date(today.year - 1, 1, 1), quarter_start(today), source=source)


def timed(run, repeats: int) -> tuple[float, float]:
    """(first run, p50 of the next ``repeats``) in ms."""
    started = time.perf_counter()
    run()
    cold = (time.perf_counter() - started) * 1000
    latencies = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        latencies.append((time.perf_counter() - started) * 1000)
    return cold, percentile(latencies, 50)


def in_process(url: str, repeats: int) -> None:
    today = date.today()
    with connect(url) as conn:
        for name, source, n in (("raw rows (before)", RAW_ROWS, max(3, repeats // 5)), ("aggregates (after)", AGGREGATES, repeats)):
            cold, p50 = timed(lambda source=source: dashboard(conn, source, today), n)
            o_cold, o_p50 = timed(lambda source=source: overview.report(conn, source=source), n)
            print(f"  {name:<20} dashboard's reports p50 {p50:8.1f} ms (first run {cold:8.1f} ms);"
                  f"  overview p50 {o_p50:7.1f} ms (first {o_cold:7.1f} ms)")
            conn.rollback()


def over_http(url: str, data_dir: Path, repeats: int, port: int) -> None:
    env = os.environ | {"ECOTALENT_DATA_DIR": str(data_dir), "ECOTALENT_DATABASE_NAME": DB_NAME, "DATABASE_URL": url,
                        "ECOTALENT_SALARY_FIT_AT_STARTUP": "false", "ECOTALENT_EMBEDDING_WORKER": "false",
                        "ECOTALENT_MAIL_WORKER": "false"}
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        page = page_session(base, f"hub@{EMAIL_DOMAIN}", DEMO_PASSWORD)
        api = api_token(base, f"hub@{EMAIL_DOMAIN}", DEMO_PASSWORD)
        with httpx.Client(base_url=base, timeout=300) as client:
            for path, headers in (("/app/hub", page), ("/hub/overview", api)):
                client.get(path, headers=headers).raise_for_status()  # warm-up
                latencies = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    client.get(path, headers=headers).raise_for_status()
                    latencies.append((time.perf_counter() - started) * 1000)
                print(f"  GET {path:<14} p50 {percentile(latencies, 50):7.1f} ms  p99 {percentile(latencies, 99):7.1f} ms"
                      f"  ({repeats} requests)")
    finally:
        server.terminate()
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} (other work on the machine slows every figure)")
    with bench_database(DB_NAME, data_dir=args.data_dir) as url:
        sizes = prepare(url, args.scale)
        print(f"data: {sizes['positions']} positions, {sizes['candidates']} candidates, {sizes['applications']} applications,"
              f" {sizes['events']} events, {sizes['hires']} hires; {sizes['aggregate_rows']} rows of counts")
        print("in process, the dashboard's reports (gap, attracted talent, channels, indicators) and the overview:")
        in_process(url, args.repeats)
        print("over HTTP, as the hub officer:")
        over_http(url, args.data_dir, args.repeats, args.port)
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
