"""How long the main web pages take at scale, end to end over HTTP, signed in as the demo users.

    python -m benchmarks.pages [--scale 100000] [--requests 20] [--data-dir DIR --database NAME]

Uses the speed benchmark's database (built once by its `prepare`: the demo at --scale positions
and candidates, all embedded), or any database holding a seeded demo (`--data-dir`, `--database`).
Starts `ecotalent serve` in a subprocess with no background work, signs in through the sign-in
page, and times each page --requests times after one warm-up request.
"""
import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, machine, percentile, wait_until_healthy
from benchmarks.speed import DB_NAME, prepare
from seeds.demo import DEMO_PASSWORD, EMAIL_DOMAIN

PAGES = {
    "candidate1": ["/app/matches", "/app/search?q=machine+learning+for+robotics", "/app/profile", "/app/applications"],
    "hr.unige": ["/app/hr/positions", "{own}", "{own}/candidates", "{own}/applications", "/app/hr/positions/new"],
    "hub": ["/app/hub", "/app/hub?by=region"],
}


def signed_in(base: str, login: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=300, follow_redirects=True)
    form = client.get("/app/signin").text  # the form's anti-forgery field, for this client's cookie
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post("/app/signin", data={"email": f"{login}@{EMAIL_DOMAIN}", "password": DEMO_PASSWORD,
                                                "csrf_token": token})
    response.raise_for_status()
    return client


def time_page(client: httpx.Client, path: str, requests: int) -> list[float]:
    client.get(path).raise_for_status()  # warm-up
    latencies = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def run(url: str, data_dir: Path, database: str, port: int, requests: int) -> None:
    env = os.environ | {"ECOTALENT_DATA_DIR": str(data_dir), "ECOTALENT_DATABASE_NAME": database, "DATABASE_URL": url,
                        "ECOTALENT_EMBEDDING_WORKER": "false"}  # salary models load from the data dir or fit once
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        print(f"\n{'page':<58} {'p50 ms':>8} {'p99 ms':>8}")
        for login, paths in PAGES.items():
            client = signed_in(base, login)
            own = None
            if any("{own}" in p for p in paths):
                own = re.search(r'href="(/app/hr/positions/\d+)"', client.get("/app/hr/positions").text).group(1)
            for path in (p.format(own=own) for p in paths):
                latencies = time_page(client, path, requests)
                print(f"{login + ' ' + path:<58} {percentile(latencies, 50):>8.0f} {percentile(latencies, 99):>8.0f}")
            client.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--database", default=None, help="a database that holds a seeded demo; default: build the speed benchmark's")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    database = args.database or DB_NAME
    with bench_database(database, data_dir=args.data_dir) as url:
        if args.database is None:
            prepare(url, args.scale)
        run(url, args.data_dir, database, args.port, args.requests)


if __name__ == "__main__":
    main()
