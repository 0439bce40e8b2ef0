"""Ingest: profiles embedded per second end to end into PostgreSQL, against the plain
sentence-transformers PyTorch encode of the same texts, side by side in one run.

    python -m benchmarks.ingest [--profiles 3000]

"Ours" is the worker path: claim jobs from the queue, read texts, encode (bfloat16 where the CPU
has it, length-sorted batches, two single-threaded workers), write vectors, commit. "Plain" is
``SentenceTransformer(model).encode(texts)`` in float32 with its defaults, no database at all.
Quality: recall@10 of candidate -> position retrieval by each set of vectors, with the demo labels
(same research topic), and the cosine between the two vectors of each text.
"""
import argparse
import os
import time

import numpy as np

from benchmarks.common import bench_database, connect, machine
from benchmarks.quality import topic_of
from models.embeddings import SentenceTransformerEmbedder, _model_path
from seeds import demo, load
from service.embedding_worker import embed_pending
from service.security import hash_password


def recall_at_10(candidate_vectors: np.ndarray, candidate_topics: list, position_vectors: np.ndarray,
                 position_topics: list) -> float:
    scores = candidate_vectors @ position_vectors.T
    recalls = []
    for row, topic in zip(scores, candidate_topics):
        relevant = {i for i, t in enumerate(position_topics) if t == topic}
        if topic is None or not relevant:
            continue
        top = np.argsort(-row)[:10]
        recalls.append(len(relevant & set(top.tolist())) / min(10, len(relevant)))
    return float(np.mean(recalls))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=3000, help="candidate profiles to ingest")
    parser.add_argument("--positions", type=int, default=1000, help="positions, for the quality check")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    data = demo.generate(seed=5, n_positions=args.positions, n_candidates=args.profiles)
    with bench_database("bench_ingest", fresh=True) as url, connect(url) as conn:
        load.load(conn, data, hash_password("benchmark-only"), show_progress=False)
        conn.commit()
        rows = conn.execute("SELECT c.id, c.embedding_text FROM candidates c ORDER BY c.id").fetchall()
        texts = [r["embedding_text"] for r in rows]
        positions = conn.execute("SELECT id, embedding_text FROM positions ORDER BY id").fetchall()
        print(f"{len(texts)} profiles, {np.mean([len(t) for t in texts]):.0f} characters on average")

        from sentence_transformers import SentenceTransformer
        import torch
        threads = torch.get_num_threads()
        plain = SentenceTransformer(str(_model_path("all-MiniLM-L6-v2")), device="cpu")
        plain.encode(texts[:64])
        started = time.perf_counter()
        plain_vectors = plain.encode(texts, normalize_embeddings=True)
        plain_seconds = time.perf_counter() - started
        plain_positions = plain.encode([p["embedding_text"] for p in positions], normalize_embeddings=True)

        ours = SentenceTransformerEmbedder()
        ours.encode(texts[:64])
        conn.execute("DELETE FROM embedding_jobs WHERE kind = 'position'")
        conn.commit()
        started = time.perf_counter()
        while embed_pending(conn, ours, batch_size=512):
            conn.commit()
        ours_seconds = time.perf_counter() - started
        torch.set_num_threads(threads)

        stored = {r["candidate_id"]: r["embedding"].to_numpy() for r in conn.execute(
            "SELECT candidate_id, embedding FROM candidate_embeddings")}
        ours_vectors = np.stack([stored[r["id"]] for r in rows])
        ours_positions = ours.encode([p["embedding_text"] for p in positions])

    candidate_topics = [topic_of(t) for t in texts]
    position_topics = [topic_of(p["embedding_text"]) for p in positions]
    plain_recall = recall_at_10(plain_vectors, candidate_topics, plain_positions, position_topics)
    ours_recall = recall_at_10(ours_vectors, candidate_topics, ours_positions, position_topics)
    cosines = (plain_vectors * ours_vectors).sum(axis=1)
    plain_rate, ours_rate = len(texts) / plain_seconds, len(texts) / ours_seconds
    print(f"\n{'':<44}{'plain':>10}{'ours':>10}")
    print(f"{'profiles per second':<44}{plain_rate:>10.0f}{ours_rate:>10.0f}")
    print(f"{'recall@10, candidate -> positions':<44}{plain_recall:>10.3f}{ours_recall:>10.3f}")
    print(f"speed-up: {ours_rate / plain_rate:.2f}x (ours end to end into PostgreSQL, plain encode only); "
          f"precision {ours.dtype}; cosine between the two vectors: min {cosines.min():.4f}, mean {cosines.mean():.4f}; "
          f"quality change {100 * (ours_recall - plain_recall) / plain_recall:+.1f}%")


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    main()
