"""Does a flood of anonymous sign-ins slow everybody else? Times `GET /positions` alone, then while
--flood sign-ins (Argon2) arrive at once, against `ecotalent serve --demo` on loopback.

    python -m benchmarks.signin_flood [--flood 30] [--password wrong|right] [--source DIR]

--source runs the server from another checkout (e.g. an older commit) on the same fresh database,
to compare before and after. Prints the medians and p95 of `GET /positions` and how the sign-ins ended.
"""
import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, machine, percentile, wait_until_healthy
from seeds.demo import DEMO_PASSWORD, EMAIL_DOMAIN

DB_NAME = "bench_flood"
LOGINS = ["hub", "candidate1", "candidate2", "candidate3"]  # demo accounts that exist: each sign-in runs Argon2


def time_gets(base: str, stop: threading.Event | None, count: int) -> list[float]:
    latencies = []
    with httpx.Client(base_url=base, timeout=120) as client:
        while len(latencies) < count or (stop is not None and not stop.is_set()):
            started = time.perf_counter()
            client.get("/positions?limit=10").raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
            if stop is not None and stop.is_set():
                break
            time.sleep(0.02)
    return latencies


def flood(base: str, n: int, password: str, outcomes: Counter, durations: list[float]) -> None:
    def one(i: int) -> None:
        started = time.perf_counter()
        with httpx.Client(base_url=base, timeout=300) as client:
            response = client.post("/auth/token", data={"username": f"{LOGINS[i % len(LOGINS)]}@{EMAIL_DOMAIN}",
                                                         "password": password})
        outcomes[response.status_code] += 1
        durations.append(time.perf_counter() - started)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def report(name: str, latencies: list[float]) -> None:
    print(f"{name:<28} n={len(latencies):>4}  median {statistics.median(latencies):8.1f} ms  "
          f"p95 {percentile(latencies, 95):8.1f} ms  max {max(latencies):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flood", type=int, default=30, help="sign-ins sent at once (default 30)")
    parser.add_argument("--password", choices=["wrong", "right"], default="wrong")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the checkout to run the server from (default this one)")
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    print(f"machine: {machine()}; server from {args.source}")
    with bench_database(DB_NAME, fresh=True) as url:
        env = os.environ | {"ECOTALENT_DATA_DIR": str(DEFAULT_DATA_DIR / "flood"), "DATABASE_URL": url,
                            "ECOTALENT_EMBEDDING_WORKER": "false", "ECOTALENT_SALARY_FIT_AT_STARTUP": "false",
                            "PYTHONPATH": str(args.source)}
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--demo", "--port", str(args.port),
                                   "--log-level", "warning"], env=env, cwd=args.source, stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_until_healthy(base)
            time_gets(base, None, 10)  # warm-up
            report("GET /positions, alone", time_gets(base, None, 60))
            outcomes, durations, stop = Counter(), [], threading.Event()
            password = DEMO_PASSWORD if args.password == "right" else "not the password"
            flooding = threading.Thread(target=lambda: (flood(base, args.flood, password, outcomes, durations), stop.set()))
            started = time.perf_counter()
            flooding.start()
            during = time_gets(base, stop, 10)
            flooding.join()
            report(f"GET /positions, {args.flood} sign-ins", during)
            print(f"sign-ins ({args.password} password): {dict(sorted(outcomes.items()))} in "
                  f"{time.perf_counter() - started:.1f} s; slowest answer {max(durations):.1f} s")
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
