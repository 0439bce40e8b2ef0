"""Where a match or search request's milliseconds go: each SQL statement and the Python between them.

    python -m benchmarks.speed_profile [--queries 100] [--database bench_speed]

Runs on the speed benchmark's data (run `python -m benchmarks.speed` first), in this process, on
one connection: the use cases the routers call (a candidate's matches with and without a filter, an
HR ranking, a free-text position search), each statement timed at ``execute`` (the round trip and
PostgreSQL's work, rows received) and named by the query-layer function that sent it. What is not
SQL is Python (scoring, explanations, building the rows). The HTTP layer (routing, the session
check, the response model) is the difference between these totals and benchmarks/speed.py's.
"""
import argparse
import random
import sys
import time
from collections import defaultdict
from typing import cast

from benchmarks.common import DEFAULT_DATA_DIR, bench_database, connect, machine, percentile
from models.embeddings import load_embedder
from service import matching
from service.config import Settings
from service.queries import Connection
from service.queries import matching as retrieval

FILTER = {"contract_type": "company_employee"}


class TimedConnection:
    """A connection whose ``execute`` records how long each statement took, by the query-layer function
    that sent it."""

    def __init__(self, conn):
        self._conn = conn
        self.spans: dict[str, float] = defaultdict(float)

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def execute(self, *args, **kwargs):
        caller, frame = "other", sys._getframe(1)
        while frame is not None:  # the nearest query-layer function up the stack (no inspect.stack: it reads sources)
            module = frame.f_globals.get("__name__", "")
            if module.startswith("service.queries"):
                caller = f"{module.rsplit('.', 1)[-1]}.{frame.f_code.co_name}"
                break
            frame = frame.f_back
        started = time.perf_counter()
        cursor = self._conn.execute(*args, **kwargs)
        self.spans[caller] += (time.perf_counter() - started) * 1000
        return cursor


def profile(name: str, conn, calls) -> None:
    timed = TimedConnection(conn)
    totals, spans = [], defaultdict(list)
    for call in calls[:10]:  # warm-up
        call(conn)
        conn.rollback()
    for call in calls:
        timed.spans.clear()
        started = time.perf_counter()
        call(timed)
        totals.append((time.perf_counter() - started) * 1000)
        conn.rollback()
        for key, ms in timed.spans.items():
            spans[key].append(ms)
        spans["(python)"].append(totals[-1] - sum(timed.spans.values()))
    print(f"\n{name}: p50 {percentile(totals, 50):.2f} ms, p99 {percentile(totals, 99):.2f} ms (n={len(totals)})")
    for key, values in sorted(spans.items(), key=lambda kv: -sum(kv[1])):
        values += [0.0] * (len(totals) - len(values))
        print(f"  {key:<42} p50 {percentile(values, 50):6.2f} ms   mean {sum(values) / len(values):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--database", default="bench_speed")
    parser.add_argument("--search", action="store_true", help="also profile free-text searches (loads the embedding model)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    settings = Settings(data_dir=DEFAULT_DATA_DIR, database_name=args.database)
    rng = random.Random(1)
    with bench_database(args.database) as url, connect(url) as raw:
        conn = cast(Connection, raw)  # dict rows (benchmarks.common.connect)
        model = settings.embedding_model
        options = matching.MatchOptions(model=model, ef_search=settings.hnsw_ef_search,
                                        crowding_strength=settings.crowding_strength)
        candidates = rng.sample([r["id"] for r in conn.execute("SELECT candidate_id AS id FROM candidate_embeddings")],
                                args.queries)
        positions = rng.sample([r["id"] for r in conn.execute(f"SELECT p.id FROM positions p WHERE {retrieval.PUBLIC}")],
                               args.queries)
        position_rows = {r["id"]: r for r in conn.execute("SELECT id, institution_id FROM positions WHERE id = ANY(%s)",
                                                          (positions,))}
        conn.rollback()
        profile("candidate matches, no filter", conn, [
            lambda c, i=i: matching.matches_for_candidate(c, i, {}, options, limit=10, offset=0) for i in candidates])
        profile("candidate matches, contract_type filter", conn, [
            lambda c, i=i: matching.matches_for_candidate(c, i, FILTER, options, limit=10, offset=0) for i in candidates])
        profile("position matches (HR)", conn, [
            lambda c, i=i: matching.matches_for_position(c, position_rows[i], {}, options, limit=10, offset=0)
            for i in positions])
        if args.search:
            embedder = load_embedder(model)
            search_options = matching.options_for(settings, embedder)
            titles = [r["title"] for r in conn.execute(
                "SELECT coalesce(title_en, title_it) AS title FROM positions WHERE id = ANY(%s)", (positions,))]
            conn.rollback()
            profile("position search, anonymous", conn, [
                lambda c, q=q: matching.search_positions(c, embedder, q, {}, search_options, candidate_id=None, limit=20,
                                                         offset=0) for q in titles])


if __name__ == "__main__":
    main()
