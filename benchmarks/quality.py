"""Retrieval quality of each matching signal alone and of their fusion, and the effect of crowding.

    python -m benchmarks.quality [--positions 3000] [--candidates 1500] [--queries 300]

Labels: the demo generator's own (a weak second to data written by others, which we did not find
in a form we could ship): a candidate and an open position are relevant to each other when the
generator drew them from the same research topic. Every eligible open position is scored (no
approximate retrieval here: benchmarks/speed.py measures that), then ranked by each signal alone
and by the fusion. Prints recall@10 and MRR per ranking, then the crowding trade-off.
"""
import argparse
import time

import numpy as np

from benchmarks.common import bench_database, connect, machine
from models import matching as scoring
from models.embeddings import SentenceTransformerEmbedder
from seeds import demo, load
from seeds.reference import TOPICS
from service import congestion
from service.embedding_worker import embed_pending
from service.queries import matching as retrieval
from service.security import hash_password

STRUCTURED = {k: v for k, v in scoring.WEIGHTS.items() if k not in ("semantic", "text")}
RANKINGS = {"semantic alone": {"semantic": 1.0}, "full-text alone": {"text": 1.0},
            "structured alone": STRUCTURED, "fusion (default weights)": scoring.WEIGHTS}


def topic_of(text: str) -> str | None:
    lowered = text.lower()
    for topics in TOPICS.values():
        for english, italian, _ in topics:
            if english.lower() in lowered or italian.lower() in lowered:
                return english
    return None


def prepare(url: str, n_positions: int, n_candidates: int, embedder) -> None:
    with connect(url) as conn:
        if conn.execute("SELECT count(*) AS n FROM positions").fetchone()["n"] != n_positions:
            from service.queries import seed as seed_queries
            seed_queries.wipe(conn)
            load.load(conn, demo.generate(seed=11, n_positions=n_positions, n_candidates=n_candidates),
                      hash_password("benchmark-only"), show_progress=False)
            conn.commit()
        started, done = time.perf_counter(), 0
        while batch := embed_pending(conn, embedder, batch_size=1024):
            conn.commit()
            done += batch
        if done:
            print(f"embedded {done} texts in {time.perf_counter() - started:.0f} s")


def evaluate(conn, embedder, n_queries: int, crowding_strength: float) -> dict:
    positions = {r["id"]: r for r in conn.execute(
        "SELECT p.id, p.embedding_text, pe.embedding FROM positions p JOIN position_embeddings pe ON pe.position_id = p.id"
        " WHERE p.status = 'open' AND (p.deadline IS NULL OR p.deadline >= current_date)")}
    topics = {pid: topic_of(r["embedding_text"]) for pid, r in positions.items()}
    candidates = conn.execute(
        "SELECT c.id, c.embedding_text, ce.embedding FROM candidates c JOIN candidate_embeddings ce ON ce.candidate_id = c.id"
        " ORDER BY c.id").fetchall()
    results = {name: {"recall@10": [], "mrr": []} for name in RANKINGS}
    crowded = {"top10": [], "recall_off": [], "recall_on": []}
    crowded["top10_on"] = []
    used = 0
    for cand in candidates:
        if used >= n_queries:
            break
        topic = topic_of(cand["embedding_text"])
        profile = retrieval.candidate_profile(conn, cand["id"])
        where, params = retrieval.position_filters(profile, {})
        eligible = [r["id"] for r in conn.execute(f"SELECT p.id FROM positions p WHERE {where}", params)]
        relevant = {pid for pid in eligible if topics.get(pid) == topic}
        if not topic or not relevant or len(eligible) < 20:
            continue
        used += 1
        vector = cand["embedding"].to_numpy()
        matrix = np.stack([positions[pid]["embedding"].to_numpy() for pid in eligible])
        cosines = dict(zip(eligible, (matrix @ vector).tolist()))
        words = " or ".join(f'"{s}"' if " " in s else s for s in profile["skills"])
        text = retrieval.text_ranked(conn, "position", words, where, params, len(eligible))
        rows = retrieval.positions_for_scoring(conn, eligible)
        for name, weights in RANKINGS.items():
            ranked = sorted(rows, key=lambda r: (-scoring.score_pair(profile, r, cosines[r["id"]], text.get(r["id"]), weights).score, r["id"]))
            ids = [r["id"] for r in ranked]
            results[name]["recall@10"].append(len(relevant & set(ids[:10])) / min(10, len(relevant)))
            first = next(i for i, pid in enumerate(ids) if pid in relevant)
            results[name]["mrr"].append(1 / (first + 1))
            if name.startswith("fusion"):
                crowded["top10"].append(ids[:10])
                crowded["recall_off"].append(results[name]["recall@10"][-1])
                on = sorted(rows, key=lambda r: (-scoring.apply_crowding(
                    scoring.score_pair(profile, r, cosines[r["id"]], text.get(r["id"])), r["congestion_price"],
                    crowding_strength).score, r["id"]))
                on_ids = [r["id"] for r in on]
                crowded["top10_on"].append(on_ids[:10])
                crowded["recall_on"].append(len(relevant & set(on_ids[:10])) / min(10, len(relevant)))
    return {"queries": used, "open_positions": len(positions), "results": results, "crowding": crowded}


def gini(counts: np.ndarray) -> float:
    counts = np.sort(counts.astype(float))
    if counts.sum() == 0:
        return 0.0
    n = len(counts)
    return float((2 * np.arange(1, n + 1) - n - 1).dot(counts) / (n * counts.sum()))


def exposure(lists: list[list[int]], universe: list[int]) -> np.ndarray:
    index = {pid: i for i, pid in enumerate(universe)}
    counts = np.zeros(len(universe))
    for ids in lists:
        for pid in ids:
            counts[index[pid]] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--positions", type=int, default=3000)
    parser.add_argument("--candidates", type=int, default=1500)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--crowding-strength", type=float, default=0.35)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    embedder = SentenceTransformerEmbedder()
    with bench_database("bench_quality") as url:
        prepare(url, args.positions, args.candidates, embedder)
        with connect(url) as conn:
            print("congestion:", congestion.refresh(conn, embedder.name))
            report = evaluate(conn, embedder, args.queries, args.crowding_strength)
    print(f"\n{report['queries']} candidate queries over {report['open_positions']} open positions "
          f"(demo labels: same research topic)\n")
    print(f"{'ranking':<28}{'recall@10':>10}{'MRR':>8}")
    for name, scores in report["results"].items():
        print(f"{name:<28}{np.mean(scores['recall@10']):>10.3f}{np.mean(scores['mrr']):>8.3f}")
    crowd = report["crowding"]
    universe = sorted({pid for ids in crowd["top10"] + crowd["top10_on"] for pid in ids})
    off, on = exposure(crowd["top10"], universe), exposure(crowd["top10_on"], universe)
    print(f"\ncrowding (strength {args.crowding_strength}), over everyone's top 10:")
    print(f"{'':<28}{'off':>10}{'on':>8}")
    print(f"{'distinct positions shown':<28}{int((off > 0).sum()):>10}{int((on > 0).sum()):>8}")
    print(f"{'exposure Gini':<28}{gini(off):>10.3f}{gini(on):>8.3f}")
    print(f"{'most-shown position, times':<28}{int(off.max()):>10}{int(on.max()):>8}")
    print(f"{'recall@10':<28}{np.mean(crowd['recall_off']):>10.3f}{np.mean(crowd['recall_on']):>8.3f}")


if __name__ == "__main__":
    main()
