"""Match latency at scale, end to end through the HTTP API, and HNSW recall against exact search.

    python -m benchmarks.speed [--scale 100000] [--queries 200]

Builds (once, kept in ~/.cache/ecotalent-bench) the demo at --scale positions and candidates and
embeds them all (about 20 minutes at 100k on 2 cores), then starts `ecotalent serve` in a
subprocess and measures from this process over loopback:
- GET /candidates/me/matches for sampled candidates, without and with a selective filter;
- GET /positions/{id}/matches for sampled open positions, as their HR officer;
- pgvector HNSW top-10 (iterative scans, ef_search 100) against exact numpy top-10 over the same
  rows, without and with the filter: recall@10;
- pgvector's bare HNSW top-10 (no filter, no join) and the exact numpy top-10 over every position
  vector: the floors to compare with (the matches' ratio to the bare index is printed).

--synthetic-vectors fills word-hashing vectors instead of the model's (benchmarks/synthetic_vectors.py):
seconds instead of the 20 minutes (MiniLM) to 3 hours (e5) of a bulk embedding at 100k.
"""
import argparse
import os
import random
import subprocess
import sys
import time

import httpx
import numpy as np

from benchmarks import synthetic_vectors
from benchmarks.common import DEFAULT_DATA_DIR, bench_database, connect, machine, percentile, wait_until_healthy
from service.accounts import issue_token
from service.config import Settings
from service.queries import matching as retrieval
from service.security import hash_password, signing_key

FILTER = {"contract_type": "company_employee"}
DB_NAME = "bench_speed"


def prepare(url: str, scale: int, model: str, synthetic: bool) -> None:
    env = os.environ | {"DATABASE_URL": url}
    with connect(url) as conn:
        have = conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"]
    if have != scale:
        subprocess.run([sys.executable, "-m", "service.cli", "seed", "--reset", "--scale", str(scale)], env=env, check=True)
    if synthetic:
        with connect(url) as conn:
            synthetic_vectors.fill(conn, model)
    subprocess.run([sys.executable, "-m", "service.cli", "reindex", "--batch-size", "1024"], env=env, check=True)


def tokens_for_candidates(conn, ids: list[int], key: str) -> dict[int, str]:
    password_hash = hash_password("benchmark-only")
    tokens = {}
    for candidate_id in ids:
        row = conn.execute("SELECT id FROM users WHERE candidate_id = %s", (candidate_id,)).fetchone() or conn.execute(
            "INSERT INTO users (email, password_hash, role, candidate_id) VALUES (%s, %s, 'candidate', %s) RETURNING id",
            (f"bench{candidate_id}@bench.example", password_hash, candidate_id)).fetchone()
        tokens[candidate_id] = issue_token(conn, row["id"], key, 600)
    conn.commit()
    return tokens


def timed_gets(client: httpx.Client, requests: list[tuple[str, str]]) -> list[float]:
    for path, token in requests[:20]:  # warm-up
        client.get(path, headers={"Authorization": f"Bearer {token}"})
    latencies = []
    for path, token in requests:
        started = time.perf_counter()
        response = client.get(path, headers={"Authorization": f"Bearer {token}"})
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return latencies


def report(name: str, latencies: list[float]) -> None:
    print(f"{name:<52} p50 {percentile(latencies, 50):6.1f} ms   p99 {percentile(latencies, 99):6.1f} ms   (n={len(latencies)})")


def hnsw_recall(conn, model: str, ef_search: int, vectors: list[np.ndarray], filters: dict) -> tuple[float, list[float]]:
    """Recall@10 of the vector retrieval as the service runs it (index walk without user filters,
    the planner's choice with them) against exact search over the same eligible rows."""
    where, params = retrieval.position_filters(None, filters)
    rows = conn.execute(f"SELECT p.id, pe.embedding FROM positions p JOIN position_embeddings pe ON pe.position_id = p.id"
                        f" WHERE {where}", params).fetchall()
    matrix = np.stack([r["embedding"].to_numpy() for r in rows])
    recalls, latencies = [], []
    for vector in vectors:
        # Tie-aware: a returned row counts when it is at least as close as the exact 10th (duplicate
        # texts have equal vectors, and either of two equals is a right answer).
        tenth = np.sort(matrix @ vector)[-10]
        retrieval.tune_vector_search(conn, ef_search, walk_index=not filters)
        started = time.perf_counter()
        found = retrieval.nearest(conn, "position", vector, model, where, params, 10)
        latencies.append((time.perf_counter() - started) * 1000)
        conn.rollback()
        recalls.append(sum(1 for cosine in found.values() if cosine >= tenth - 1e-5) / 10)
    return float(np.mean(recalls)), latencies


def bare_index(conn, ef_search: int, vectors: list[np.ndarray]) -> list[float]:
    """Milliseconds of pgvector's own top-10 over every position vector: no filter, no join (the floor of
    the index; a match request's ratio to it is its overhead)."""
    latencies = []
    for vector in vectors:
        conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(ef_search),))
        started = time.perf_counter()
        conn.execute("SELECT position_id FROM position_embeddings ORDER BY embedding <=> %s LIMIT 10", (vector,)).fetchall()
        latencies.append((time.perf_counter() - started) * 1000)
        conn.rollback()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--synthetic-vectors", action="store_true",
                        help="word-hashing vectors instead of the model's (seconds instead of hours: benchmarks/synthetic_vectors.py)")
    parser.add_argument("--database", default=DB_NAME, help="database on the benchmark server (default bench_speed)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    settings = Settings(data_dir=DEFAULT_DATA_DIR, database_name=args.database)
    rng = random.Random(1)
    with bench_database(args.database) as url:
        model = settings.embedding_model
        prepare(url, args.scale, model, args.synthetic_vectors)
        with connect(url) as conn:
            counts = conn.execute("SELECT (SELECT count(*) FROM positions) AS positions, (SELECT count(*) FROM candidates) AS candidates,"
                                  f" (SELECT count(*) FROM positions p WHERE {retrieval.PUBLIC}) AS open,"
                                  f" (SELECT count(*) FROM positions p WHERE {retrieval.PUBLIC} AND contract_type = 'company_employee') AS filtered"
                                  ).fetchone()
            print(f"{counts['positions']} positions ({counts['open']} open; the filter keeps {counts['filtered']}), "
                  f"{counts['candidates']} candidates")
            candidate_ids = rng.sample([r["id"] for r in conn.execute("SELECT candidate_id AS id FROM candidate_embeddings")], args.queries)
            tokens = tokens_for_candidates(conn, candidate_ids, signing_key(settings))
            hr_users = {r["institution_id"]: r["id"] for r in conn.execute("SELECT id, institution_id FROM users WHERE role = 'hr'")}
            hr_tokens = {inst: issue_token(conn, uid, signing_key(settings), 600) for inst, uid in hr_users.items()}
            conn.commit()
            open_positions = rng.sample([(r["id"], r["institution_id"]) for r in conn.execute(
                f"SELECT p.id, p.institution_id FROM positions p WHERE {retrieval.PUBLIC}")], min(args.queries, counts["open"]))
            vectors = [r["embedding"].to_numpy() for r in conn.execute(
                "SELECT embedding FROM candidate_embeddings WHERE candidate_id = ANY(%s)", (candidate_ids,))]
            all_vectors = np.stack([r["embedding"].to_numpy() for r in conn.execute("SELECT embedding FROM position_embeddings")])

        env = os.environ | {"ECOTALENT_DATA_DIR": str(DEFAULT_DATA_DIR), "ECOTALENT_DATABASE_NAME": args.database,
                            "ECOTALENT_EMBEDDING_WORKER": "false", "ECOTALENT_SALARY_FIT_AT_STARTUP": "false",
                            "DATABASE_URL": url}  # steady state: no background work in the server
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(args.port), "--log-level", "warning"],
                                  env=env)
        try:
            base = f"http://127.0.0.1:{args.port}"
            wait_until_healthy(base)
            with httpx.Client(base_url=base, timeout=30) as client:
                print()
                unfiltered = timed_gets(client, [("/candidates/me/matches?limit=10", tokens[c]) for c in candidate_ids])
                report("candidate matches, no filter", unfiltered)
                report("candidate matches, contract_type filter", timed_gets(
                    client, [("/candidates/me/matches?limit=10&contract_type=company_employee", tokens[c]) for c in candidate_ids]))
                report("position matches (HR), no filter", timed_gets(
                    client, [(f"/positions/{pid}/matches?limit=10", hr_tokens[inst]) for pid, inst in open_positions]))
        finally:
            server.terminate()
            server.wait(timeout=30)

        with connect(url) as conn:
            recall, latencies = hnsw_recall(conn, model, settings.hnsw_ef_search, vectors, {})
            print(f"\nvector recall@10 vs exact, no filter (HNSW, ef_search {settings.hnsw_ef_search}): {recall:.3f}   (SQL p50 {percentile(latencies, 50):.1f} ms)")
            recall, latencies = hnsw_recall(conn, model, settings.hnsw_ef_search, vectors, FILTER)
            print(f"vector recall@10 vs exact, contract_type filter:          {recall:.3f}   (SQL p50 {percentile(latencies, 50):.1f} ms)")
            bare = bare_index(conn, settings.hnsw_ef_search, vectors)
            print(f"bare HNSW top-10, no filter (ef_search {settings.hnsw_ef_search}): p50 {percentile(bare, 50):.1f} ms;"
                  f" candidate matches / bare index: {percentile(unfiltered, 50) / percentile(bare, 50):.1f}x at p50")
    floor = []
    for vector in vectors:
        started = time.perf_counter()
        scores = all_vectors @ vector
        np.argpartition(-scores, 10)[:10]
        floor.append((time.perf_counter() - started) * 1000)
    print(f"exact numpy top-10 over all {len(all_vectors)} position vectors: p50 {percentile(floor, 50):.1f} ms")


if __name__ == "__main__":
    main()
