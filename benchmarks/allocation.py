"""Ecosystem-wide allocation at the target scale: 20,000 open positions and 50,000 candidates.

    python -m benchmarks.allocation [--positions 20000] [--candidates 50000]       end to end, through the service
    python -m benchmarks.allocation --solver-only [--edges 20]                      the assignment solver alone

End to end: builds (once, kept in ECOTALENT_BENCH_DIR, default ~/.cache/ecotalent-bench) a database
with that many open positions and active candidates, their facts random (stages, pay, expectations,
regions, mobility, countries) and their vectors random around 64 topics (stored as the configured
model's, so nothing is embedded); starts `ecotalent serve` in a subprocess (no embedding, mail or
salary work beside it), then as the hub POSTs /hub/allocation/runs and polls GET /jobs/{id} until
it is done: the wall time is everything, graph building included; the job's own timings say where
it went. It also times the other way to build the graph, a pgvector HNSW top-50 query per candidate,
on a sample of candidates, and extrapolates it to all of them.

--solver-only: the candidate-position graph is random and sparse (each candidate linked to --edges
positions with scores in (0, 1]), positions have 1 to 3 openings; models.allocation alone.
"""
import argparse
import os
import subprocess
import sys
import time

import httpx
import numpy as np
import psutil
from scipy import sparse

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, connect, machine, wait_until_healthy
from models.allocation import allocate
from models.embeddings import E5_MODEL
from service.accounts import issue_token
from service.allocation import PHASES
from service.config import Settings
from service.security import hash_password, signing_key

REGIONS = ["ITC1", "ITC3", "ITC4", "ITH3", "ITH5", "ITI1", "ITI4", "ITF3", "ITF4", "ITG1"]
TOPICS, DIM = 64, 384


def _vectors(rng, n: int, centres: np.ndarray) -> np.ndarray:
    x = centres[rng.integers(0, len(centres), n)] + 0.9 * rng.standard_normal((n, DIM)).astype(np.float32) / np.sqrt(DIM) * 4
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def prepare(url: str, n_positions: int, n_candidates: int, model: str) -> None:
    """The benchmark's ecosystem, unless the database already holds it."""
    with connect(url) as conn:
        have = conn.execute("SELECT (SELECT count(*) FROM positions) AS p, (SELECT count(*) FROM candidate_embeddings) AS c").fetchone()
        if (have["p"], have["c"]) == (n_positions, n_candidates):
            return
        print(f"building {n_positions} positions and {n_candidates} candidates with random vectors ...", flush=True)
        conn.execute("TRUNCATE jobs, position_embeddings, candidate_embeddings, applications, positions, candidates,"
                     " institutions, ecosystems, users RESTART IDENTITY CASCADE")
        conn.execute("DROP INDEX IF EXISTS position_embeddings_hnsw")
        conn.execute("DROP INDEX IF EXISTS candidate_embeddings_hnsw")
        eco = conn.execute("INSERT INTO ecosystems (name, hub_city, regions) VALUES ('Benchmark ecosystem', 'Genova', %s)"
                           " RETURNING id", (REGIONS,)).fetchone()["id"]
        conn.execute("INSERT INTO institutions (ecosystem_id, name, kind, role, spoke, region, city)"
                     " SELECT %s, 'Institution ' || i, 'university', 'spoke', 1 + i %% 5, (%s::text[])[1 + i %% 10], 'City'"
                     " FROM generate_series(1, 40) i", (eco, REGIONS))
        conn.execute(
            """INSERT INTO positions (institution_id, title_en, description_en, career_stage, contract_type, salary_min,
                   region, remote, openings, status, opening_date, deadline)
               SELECT 1 + (i * 7919) %% 40, 'Position ' || i, 'Benchmark position ' || i, 'R' || (1 + (i * 31) %% 4),
                   'contratto_di_ricerca', 22000 + (i * 104729) %% 30000, (%s::text[])[1 + (i * 13) %% 10],
                   (ARRAY['onsite', 'onsite', 'hybrid', 'remote'])[1 + (i * 17) %% 4], 1 + (i * 7) %% 3 / 2,
                   'open', current_date - 10, current_date + 60
               FROM generate_series(1, %s) i""", (REGIONS, n_positions))
        conn.execute(
            """INSERT INTO candidates (full_name, email, consent_at, headline, career_stage, expected_salary_eur_year,
                   current_country, current_region, mobility_regions)
               SELECT 'Candidate ' || i, 'c' || i || '@bench.example', now(), 'Benchmark profile ' || i, 'R' || (1 + (i * 37) %% 4),
                   24000 + (i * 7877) %% 26000, CASE WHEN i %% 6 = 0 THEN 'FR' ELSE 'IT' END,
                   CASE WHEN i %% 6 = 0 THEN NULL ELSE (%s::text[])[1 + (i * 11) %% 10] END,
                   CASE WHEN i %% 3 = 0 THEN ARRAY[(%s::text[])[1 + (i * 5) %% 10], (%s::text[])[1 + (i * 3) %% 10]] ELSE '{}' END
               FROM generate_series(1, %s) i""", (REGIONS, REGIONS, REGIONS, n_candidates))
        conn.execute("DELETE FROM embedding_jobs")
        rng = np.random.default_rng(0)
        centres = rng.standard_normal((TOPICS, DIM)).astype(np.float32)
        for table, key, source, n in (("position_embeddings", "position_id", "positions", n_positions),
                                      ("candidate_embeddings", "candidate_id", "candidates", n_candidates)):
            vectors = _vectors(rng, n, centres)
            hashes = conn.execute(f"SELECT id, md5(embedding_text) AS h FROM {source} ORDER BY id").fetchall()
            with conn.cursor() as cur, cur.copy(f"COPY {table} ({key}, model, text_hash, embedding) FROM STDIN") as copy:
                for row, vector in zip(hashes, vectors, strict=True):
                    copy.write_row((row["id"], model, row["h"], vector))
        conn.execute("CREATE INDEX position_embeddings_hnsw ON position_embeddings USING hnsw (embedding vector_cosine_ops)")
        conn.execute("ANALYZE")
        conn.commit()


def hnsw_graph_estimate(url: str, model: str, sample: int) -> float:
    """Seconds a pgvector HNSW top-50 per candidate would take for every candidate, from ``sample`` of them."""
    with connect(url) as conn:
        conn.execute("SET hnsw.ef_search = 100")
        vectors = [r["embedding"] for r in conn.execute(
            "SELECT embedding FROM candidate_embeddings ORDER BY candidate_id LIMIT %s", (sample,))]
        total = conn.execute("SELECT count(*) AS n FROM candidate_embeddings").fetchone()["n"]
        started = time.perf_counter()
        for vector in vectors:
            conn.execute("SELECT position_id, 1 - (embedding <=> %s) AS score FROM position_embeddings WHERE model = %s"
                         " ORDER BY embedding <=> %s LIMIT 50", (vector, model, vector)).fetchall()
        return (time.perf_counter() - started) / len(vectors) * total


def end_to_end(args: argparse.Namespace) -> None:
    model = E5_MODEL  # the service's default model: the stored vectors count as its own
    with bench_database("bench_allocation", DEFAULT_DATA_DIR) as url:
        prepare(url, args.positions, args.candidates, model)
        settings = Settings(data_dir=DEFAULT_DATA_DIR)
        with connect(url) as conn:
            hub = conn.execute("INSERT INTO users (email, password_hash, role) VALUES ('hub@bench.example', %s, 'hub')"
                               " ON CONFLICT (lower(email)) DO UPDATE SET role = 'hub' RETURNING id", (hash_password("benchmark-only"),)).fetchone()
            token = issue_token(conn, hub["id"], signing_key(settings), 60)
            conn.execute("DELETE FROM jobs")
            conn.commit()
        env = os.environ | {"DATABASE_URL": url, "ECOTALENT_DATA_DIR": str(DEFAULT_DATA_DIR), "ECOTALENT_EMBEDDING_WORKER": "false",
                            "ECOTALENT_MAIL_WORKER": "false", "ECOTALENT_SALARY_FIT_AT_STARTUP": "false"}
        port = str(args.port)
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", port, "--log-level", "warning"], env=env)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_healthy(base)
            with httpx.Client(base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}) as client:
                process = psutil.Process(server.pid)
                cpu_before = sum(process.cpu_times()[:2])
                started = time.perf_counter()
                job = client.post("/hub/allocation/runs", json={"salary_raise": 0.0}).raise_for_status().json()
                accepted_ms = (time.perf_counter() - started) * 1000
                polls = 0
                while job["status"] in ("queued", "running"):
                    time.sleep(0.25)
                    job = client.get(f"/jobs/{job['id']}").raise_for_status().json()
                    polls += 1
                seconds = time.perf_counter() - started
                cpu_seconds = sum(process.cpu_times()[:2]) - cpu_before
        finally:
            server.terminate()
            server.wait(timeout=60)
        load = os.getloadavg()
        if job["status"] != "done":
            raise SystemExit(f"the job failed: {job['error']}")
        result = job["result"]
        print(f"machine: {machine()}; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")
        print(f"{args.positions} open positions ({result['openings']} openings), {result['candidates']} active candidates, top-50 graph")
        print(f"end to end through the service: {seconds:.1f} s (POST answered 202 in {accepted_ms:.0f} ms; {polls} polls of GET /jobs/{{id}}); "
              f"the service process used {cpu_seconds:.1f} CPU-seconds meanwhile (PostgreSQL's own not counted)")
        print("inside the job: " + ", ".join(f"{phase} {result['timings_s'][phase]:.1f} s" for phase in PHASES))
        print(f"filled {result['filled']} of {result['openings']} openings, mean fit {result['mean_fit']}; "
              f"unfilled by reason: {result['unfilled_by_reason']}")
        if args.hnsw_sample:
            estimate = hnsw_graph_estimate(url, model, args.hnsw_sample)
            print(f"the graph by pgvector HNSW top-50 per candidate instead (ef_search 100, {args.hnsw_sample} timed, one connection): "
                  f"about {estimate:.0f} s for all {result['candidates']} (approximate, and not the exact top-50)")


def solver_only(args: argparse.Namespace) -> None:
    print(f"machine: {machine()}")
    rng = np.random.default_rng(0)
    rows = np.repeat(np.arange(args.candidates), args.edges)
    # Half of the links spread evenly, half follow a skewed popularity: a few famous positions
    # attract many candidates.
    popular = rng.zipf(1.3, len(rows)) % args.positions
    cols = np.where(rng.random(len(rows)) < 0.5, rng.integers(0, args.positions, len(rows)), popular)
    scores = sparse.csr_matrix((rng.uniform(0.05, 1.0, len(rows)), (rows, cols)), shape=(args.candidates, args.positions))
    scores.sum_duplicates()
    capacities = rng.choice([1, 1, 1, 2, 3], size=args.positions)
    started = time.perf_counter()
    result = allocate(scores, capacities)
    seconds = time.perf_counter() - started
    print(f"{args.positions} positions ({capacities.sum()} openings), {args.candidates} candidates, {scores.nnz} edges")
    print(f"allocation: {seconds:.1f} s; filled {result.filled} of {result.openings} openings; "
          f"{len(result.without_any_candidate)} positions no candidate is linked to; mean score {result.total_score / max(result.filled, 1):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=20_000)
    parser.add_argument("--candidates", type=int, default=50_000)
    parser.add_argument("--solver-only", action="store_true", help="time models.allocation alone on a random graph")
    parser.add_argument("--edges", type=int, default=20, help="--solver-only: edges per candidate")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--hnsw-sample", type=int, default=500, help="candidates to time the HNSW alternative on (0: skip)")
    args = parser.parse_args()
    (solver_only if args.solver_only else end_to_end)(args)


if __name__ == "__main__":
    main()
