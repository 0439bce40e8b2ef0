"""Many users at once against a served ecotalent, over loopback: throughput, latency per kind of
request, errors by status, the server's memory, and no application lost or duplicated.

    python -m benchmarks.load [--users 50] [--duration 60] [--think-ms 1000] [--data-dir DIR]

Builds once (kept in ~/.cache/ecotalent-bench, database `bench_load`) the demo ecosystem (400
positions, 3000 candidates) with every text embedded, gives `--accounts` demo candidates a
sign-in, then serves the app with `ecotalent serve` in a subprocess as in production (embedding
worker on) but without the salary refit at start-up, which would compete with the load for minutes.
Each user is a loop: pick a request by the mix below, send it, wait a random think time
(exponential, mean --think-ms; 0 for a flood), until --duration ends. Afterwards every application the service acknowledged (201) must be in
the database exactly once.

    kind           weight  request
    search         20      anonymous GET /positions?q=WORD
    semantic       15      anonymous GET /search/positions?q=PHRASE
    matches        30      candidate GET /candidates/me/matches
    apply          10      candidate POST /applications (409 for a second try at the same position is expected)
    hr_list        15      HR officer GET /applications, GET /positions?institution_id=
    hub            10      hub officer GET /app/hub (the dashboard page), GET /hub/overview
"""
import argparse
import asyncio
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, connect, machine, percentile, wait_until_healthy
from seeds.demo import DEMO_PASSWORD, EMAIL_DOMAIN
from service.queries import users
from service.security import hash_password

DB_NAME = "bench_load"
BENCH_PASSWORD = "benchmark-load-password"
MIX = {"search": 20, "semantic": 15, "matches": 30, "apply": 10, "hr_list": 15, "hub": 10}
WORDS = ["machine learning", "energy", "robotics", "chemistry", "economics", "materials", "climate", "biology",
         "data", "engineering", "physics", "policy", "health", "software", "marine", "agriculture"]
PHRASES = ["deep learning for medical images", "battery materials and energy storage", "ricerca su robotica marina",
           "economia circolare e politiche regionali", "climate models of the Mediterranean", "quantum computing",
           "sensori per l'agricoltura di precisione", "software engineering for embedded systems"]
HR_OFFICERS = 3
FIRST_CANDIDATE = 1001  # demo candidates 1-3 have demo logins; these have none
REQUEST_TIMEOUT_S = 120
RSS_EVERY_S = 5


@dataclass
class Results:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    acknowledged: list[tuple[int, int, int]] = field(default_factory=list)  # application id, position id, candidate id
    rss_mib: list[tuple[float, float]] = field(default_factory=list)


# --- preparing the database and the accounts -------------------------------------------------

def prepare(url: str, accounts: int) -> None:
    """The demo with its texts embedded; ``accounts`` demo candidates who can sign in."""
    env = os.environ | {"DATABASE_URL": url}
    with connect(url) as conn:
        empty = conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"] == 0
    if empty:
        subprocess.run([sys.executable, "-m", "service.cli", "seed"], env=env, check=True)
    subprocess.run([sys.executable, "-m", "service.cli", "reindex", "--batch-size", "512"], env=env, check=True)
    password_hash = None
    with connect(url) as conn:
        for candidate_id in range(FIRST_CANDIDATE, FIRST_CANDIDATE + accounts):
            email = f"load{candidate_id}@bench.example"
            if users.get_user_by_email(conn, email) is None:
                password_hash = password_hash or hash_password(BENCH_PASSWORD)
                users.create_user(conn, email, password_hash, "candidate", candidate_id=candidate_id)
        conn.commit()


def _retrying(send, what: str) -> httpx.Response:
    """Sign-ins are throttled: wait as told by Retry-After, a bounded number of times."""
    for _ in range(20):
        response = send()
        if response.status_code not in (429, 503):
            return response.raise_for_status() if response.is_error else response  # a 303 after a page sign-in is fine
        time.sleep(float(response.headers.get("Retry-After", "2")))
    raise RuntimeError(f"could not sign in {what}: {response.status_code} {response.text[:200]}")


def api_token(base: str, email: str, password: str) -> dict:
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        response = _retrying(lambda: client.post("/auth/token", data={"username": email, "password": password}), email)
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def page_session(base: str, email: str, password: str) -> dict:
    """The pages' cookies after signing in through the form (hidden fields, e.g. a CSRF token, sent back)."""
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        form = client.get("/app/signin").text
        hidden = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))
        _retrying(lambda: client.post("/app/signin", data=hidden | {"email": email, "password": password}), email)
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in client.cookies.items())}


def open_position_ids(base: str) -> list[int]:
    ids, offset = [], 0
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client:
        while True:
            page = client.get("/positions", params={"limit": 100, "offset": offset}).raise_for_status().json()
            ids += [item["id"] for item in page["items"]]
            offset += 100
            if offset >= page["total"]:
                return ids


# --- the users --------------------------------------------------------------------------------

@dataclass
class World:
    candidates: list[tuple[int, dict]]  # (candidate id, auth header)
    hr: list[tuple[int, dict]]  # (institution id, auth header)
    hub_api: dict
    hub_page: dict
    positions: list[int]


async def one_request(client: httpx.AsyncClient, world: World, rng: random.Random, results: Results) -> None:
    kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
    candidate_id, candidate = rng.choice(world.candidates)
    institution_id, hr = rng.choice(world.hr)
    position_id = rng.choice(world.positions)
    requests = {
        "search": lambda: client.get("/positions", params={"q": rng.choice(WORDS)}),
        "semantic": lambda: client.get("/search/positions", params={"q": rng.choice(PHRASES)}),
        "matches": lambda: client.get("/candidates/me/matches", headers=candidate),
        "apply": lambda: client.post("/applications", json={"position_id": position_id}, headers=candidate),
        "hr_list": lambda: rng.choice([
            lambda: client.get("/applications", headers=hr),
            lambda: client.get("/positions", params={"institution_id": institution_id}, headers=hr)])(),
        "hub": lambda: rng.choice([lambda: client.get("/app/hub", headers=world.hub_page),
                                   lambda: client.get("/hub/overview", headers=world.hub_api)])(),
    }
    started = time.perf_counter()
    try:
        response = await requests[kind]()
        status = str(response.status_code)
    except httpx.TransportError as exc:
        response, status = None, type(exc).__name__  # reset, timeout: counted as errors
    results.latencies_ms[kind].append((time.perf_counter() - started) * 1000)
    results.statuses[kind][status] += 1
    if kind == "apply" and response is not None and response.status_code == 201:
        results.acknowledged.append((response.json()["id"], position_id, candidate_id))


async def user(client: httpx.AsyncClient, world: World, seed: int, deadline: float, think_s: float,
               results: Results) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, min(think_s, 2.0)))  # users arrive over a moment, not all at once
    while time.monotonic() < deadline:
        await one_request(client, world, rng, results)
        if think_s:
            await asyncio.sleep(rng.expovariate(1 / think_s))


async def sample_rss(pid: int, started: float, deadline: float, results: Results) -> None:
    process = psutil.Process(pid)
    while time.monotonic() < deadline + RSS_EVERY_S:
        rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))
        results.rss_mib.append((time.monotonic() - started, rss / 2**20))
        await asyncio.sleep(RSS_EVERY_S)


async def run_users(base: str, world: World, server_pid: int, n_users: int, duration_s: float, think_s: float) -> tuple[Results, float]:
    results = Results()
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends: else a request sent just as the server
    # closes one fails with a reset that says nothing about the service.
    limits = httpx.Limits(max_connections=n_users + 10, max_keepalive_connections=n_users + 10, keepalive_expiry=3)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        started = time.monotonic()
        deadline = started + duration_s
        sampler = asyncio.create_task(sample_rss(server_pid, started, deadline, results))
        await asyncio.gather(*(user(client, world, seed, deadline, think_s, results) for seed in range(n_users)))
        elapsed = time.monotonic() - started
        sampler.cancel()
    return results, elapsed


# --- checking and reporting -------------------------------------------------------------------

def check_applications(url: str, acknowledged: list[tuple[int, int, int]]) -> str:
    """Every acknowledged application is stored, for that candidate and position, exactly once."""
    if not acknowledged:
        return "no application was acknowledged"
    with connect(url) as conn:
        rows = conn.execute("SELECT id, position_id, candidate_id FROM applications WHERE id = ANY(%s)",
                            ([a[0] for a in acknowledged],)).fetchall()
        stored = {(r["id"], r["position_id"], r["candidate_id"]) for r in rows}
        pairs = [(a[1], a[2]) for a in acknowledged]
        counts = conn.execute(
            "SELECT position_id, candidate_id, count(*) AS n FROM applications"
            " WHERE (position_id, candidate_id) IN (SELECT * FROM unnest(%s::int[], %s::int[])) GROUP BY 1, 2",
            ([p for p, _ in pairs], [c for _, c in pairs])).fetchall()
    missing = [a for a in acknowledged if a not in stored]
    duplicated = [r for r in counts if r["n"] != 1]
    ids = [a[0] for a in acknowledged]
    verdict = "OK" if not missing and not duplicated and len(set(ids)) == len(ids) else "FAILED"
    return (f"{verdict}: {len(acknowledged)} acknowledged, {len(stored)} found, {len(missing)} missing, "
            f"{len(duplicated)} (candidate, position) pairs stored more than once")


def report(results: Results, elapsed_s: float, n_users: int, think_s: float) -> int:
    total = sum(len(v) for v in results.latencies_ms.values())
    print(f"\n{n_users} users, think time {think_s * 1000:.0f} ms mean, {elapsed_s:.0f} s: "
          f"{total} requests, {total / elapsed_s:.1f} requests/s")
    print(f"{'kind':<10} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    server_errors = Counter()
    for kind in MIX:
        latencies = results.latencies_ms.get(kind)
        if not latencies:
            continue
        statuses = results.statuses[kind]
        print(f"{kind:<10} {len(latencies):>6} {percentile(latencies, 50):>8.0f} {percentile(latencies, 95):>8.0f} "
              f"{percentile(latencies, 99):>8.0f}  " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
        server_errors.update({s: n for s, n in statuses.items() if not s[0] in "234"})
    print("errors (5xx and transport): " + (", ".join(f"{s}: {n}" for s, n in sorted(server_errors.items())) or "none"))
    print("server RSS (MiB) over time: " + ", ".join(f"{t:.0f}s {mib:.0f}" for t, mib in results.rss_mib))
    return sum(server_errors.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (default 60)")
    parser.add_argument("--think-ms", type=float, default=1000, help="mean pause between a user's requests (0: none)")
    parser.add_argument("--accounts", type=int, default=40, help="demo candidates who sign in (users share them)")
    parser.add_argument("--port", type=int, default=8768)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    if not 1 <= args.users <= 1000 or not 1 <= args.duration <= 900:
        parser.error("--users between 1 and 1000, --duration between 1 and 900 s")
    print(f"machine: {machine()}")
    think_s = args.think_ms / 1000
    with bench_database(DB_NAME, data_dir=args.data_dir) as url:
        prepare(url, args.accounts)
        # No salary refit at start-up: each run's applications change the data, and a refit takes minutes of
        # CPU that would compete with the load (the dashboard then says the models are being fitted).
        env = os.environ | {"ECOTALENT_DATA_DIR": str(args.data_dir), "ECOTALENT_DATABASE_NAME": DB_NAME, "DATABASE_URL": url,
                            "ECOTALENT_SALARY_FIT_AT_STARTUP": "false"}
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1",
                                   "--port", str(args.port), "--log-level", "warning"], env=env)
        base = f"http://127.0.0.1:{args.port}"
        try:
            wait_until_healthy(base)
            hub_api = api_token(base, f"hub@{EMAIL_DOMAIN}", DEMO_PASSWORD)
            with connect(url) as conn:
                hr_officers = conn.execute("SELECT email, institution_id FROM users WHERE role = 'hr' AND email LIKE %s"
                                           " ORDER BY id LIMIT %s", (f"%@{EMAIL_DOMAIN}", HR_OFFICERS)).fetchall()
            world = World(
                candidates=[(cid, api_token(base, f"load{cid}@bench.example", BENCH_PASSWORD))
                            for cid in range(FIRST_CANDIDATE, FIRST_CANDIDATE + args.accounts)],
                hr=[(r["institution_id"], api_token(base, r["email"], DEMO_PASSWORD)) for r in hr_officers],
                hub_api=hub_api, hub_page=page_session(base, f"hub@{EMAIL_DOMAIN}", DEMO_PASSWORD),
                positions=open_position_ids(base))
            print(f"{len(world.candidates)} candidate accounts, {len(world.hr)} HR officers, the hub; "
                  f"{len(world.positions)} open positions")
            results, elapsed = asyncio.run(run_users(base, world, server.pid, args.users, args.duration, think_s))
        finally:
            server.terminate()
            server.wait(timeout=60)
        errors = report(results, elapsed, args.users, think_s)
        print("applications: " + check_applications(url, results.acknowledged))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
