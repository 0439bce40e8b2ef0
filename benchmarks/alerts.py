"""The alert run at scale: every candidate has a due saved search, --positions posts have just opened.

    python -m benchmarks.alerts [--candidates 100000] [--positions 1000] [--words-share 0.3]

Builds (once per scale, kept in ~/.cache/ecotalent-bench) the demo at --candidates positions and
candidates; then, each time:
- the --positions newest-id positions become drafts, then open again after the saved searches exist
  (so they are "opened since the last run"); they are embedded with the real model;
- candidate vectors: a pool of real ones (the model on --pool candidates' texts), every other
  candidate gets a pool vector plus a little noise, stored as the vector of its own current text
  (embedding 100k CVs takes ~20 minutes on 2 cores and is not what is measured here);
- one due saved search per candidate: --words-share of them word searches (a few typical queries,
  typed once), the rest "my matches", some with a filter.
Then it times ``service.alerts.run_due`` (batches of saved searches matched in SQL, one e-mail per
search queued in the outbox) and prints the figure with the machine. The target: 100k x 1,000 under 60 s.
"""
import argparse
import os
import random
import subprocess
import sys
import time

import numpy as np

from benchmarks.common import bench_database, connect, machine
from models.embeddings import load_embedder
from service import alerts
from service.config import Settings
from service.matching import options_for
from service.queries import embeddings, words

# Word searches are two topic words each: a few hundred distinct queries, as people's searches repeat.
TOPICS = ["machine learning", "energia", "robotics", "genomica", "climate", "materiali", "quantum", "economia circolare",
          "bioinformatics", "idrogeno", "batteries", "smart grid", "nanotecnologie", "deep learning", "sensori",
          "blue economy", "ricerca", "fotonica", "statistics", "agricoltura", "marine", "chemistry", "ingegneria",
          "software", "data science", "polimeri", "neuroscienze", "supply chain", "cybersecurity", "turismo"]


def prepare(url: str, scale: int) -> None:
    with connect(url) as conn:
        have = conn.execute("SELECT count(*) AS n FROM candidates").fetchone()["n"]
    if have != scale:
        subprocess.run([sys.executable, "-m", "service.cli", "seed", "--reset", "--scale", str(scale)],
                       env=os.environ | {"DATABASE_URL": url}, check=True)


def vectors(conn, embedder, n_new: int, pool: int) -> list[int]:
    """Embeds the new positions and a pool of candidates; gives every other candidate a noisy pool vector."""
    new = [r["id"] for r in conn.execute("SELECT id FROM positions ORDER BY id DESC LIMIT %s", (n_new,)).fetchall()]
    rows = embeddings.texts_to_embed(conn, "position", new, embedder.name)
    if rows:
        embeddings.store(conn, "position", embedder.name, rows, embedder.encode([r["text"] for r in rows]))
    ids = [r["id"] for r in conn.execute("SELECT id FROM candidates ORDER BY id").fetchall()]
    missing = embeddings.texts_to_embed(conn, "candidate", ids, embedder.name)
    if missing:
        real = embedder.encode([r["text"] for r in missing[:pool]])
        rng = np.random.default_rng(0)
        noisy = real[np.arange(len(missing)) % len(real)] + rng.normal(0, 0.01, (len(missing), real.shape[1])).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        embeddings.store(conn, "candidate", embedder.name, missing, list(noisy))
    conn.commit()
    return new


def saved_searches(conn, new: list[int], words_share: float) -> None:
    """One due saved search per candidate, created before the new positions open; the new ones are drafts meanwhile."""
    conn.execute("DELETE FROM saved_searches")
    conn.execute("DELETE FROM mail_outbox WHERE kind = 'alert'")
    conn.execute("UPDATE positions SET status = 'draft' WHERE id = ANY(%s)", (new,))
    # Every other open position opened long ago (the seed has just stamped them all).
    conn.execute("UPDATE positions SET opened_at = now() - interval '30 days' WHERE status = 'open'")
    typed: dict[str, words.TypedQuery] = {}
    rng = random.Random(0)
    rows = []
    for candidate_id in [r["id"] for r in conn.execute("SELECT id FROM candidates ORDER BY id").fetchall()]:
        q = " ".join(rng.sample(TOPICS, 2)) if rng.random() < words_share else None
        t = typed.setdefault(q, words.typed_query(conn, q)) if q else None
        contract = rng.choice([None, None, None, "research_grant", "company_employee"])
        rows.append((candidate_id, q, contract, t.words if t else None, t.stems if t else None,
                     t.weights if t else None, t.unknown if t else None))
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO saved_searches (candidate_id, q, contract_type, frequency, typed_words, typed_stems,
                                           typed_weights, typed_unknown, created_at, last_run_at, next_run_at)
               VALUES (%s, %s, %s, 'daily', %s, %s, %s, %s, now() - interval '2 days', now() - interval '1 day', now())""",
            rows)
    conn.commit()
    # Open again, a deadline ahead: the trigger stamps opened_at, after the searches' last run.
    conn.execute("UPDATE positions SET status = 'open', deadline = greatest(deadline, current_date + 30) WHERE id = ANY(%s)", (new,))
    conn.execute("ANALYZE saved_searches")
    conn.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--positions", type=int, default=1_000, help="positions opened since the last run")
    parser.add_argument("--words-share", type=float, default=0.3, help="share of saved searches that are word searches")
    parser.add_argument("--pool", type=int, default=500, help="candidates embedded by the real model")
    parser.add_argument("--no-reader", action="store_true", help="read and write on one connection, one after the other")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with bench_database(f"bench_alerts_{args.candidates}") as url:
        prepare(url, args.candidates)
        embedder = load_embedder()
        settings = Settings()
        with connect(url) as conn, connect(url) as reader:
            new = vectors(conn, embedder, args.positions, args.pool)
            saved_searches(conn, new, args.words_share)
            started, cpu = time.perf_counter(), time.process_time()
            summary = alerts.run_due(conn, settings, options_for(settings, embedder, crowding=False), "benchmark-signing-key",
                                     reader=None if args.no_reader else reader)
            conn.commit()
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            distinct = conn.execute("SELECT count(DISTINCT q) AS n FROM saved_searches").fetchone()["n"]
    print(f"{summary.searches} saved searches ({distinct} distinct word queries) x {summary.new_positions} new positions: "
          f"{summary.emails} e-mails queued, "
          f"{summary.announced} positions announced")
    print(f"alert run: {seconds:.1f} s ({summary.searches / seconds:,.0f} saved searches/s); of which {cpu:.1f} s of "
          f"this process's CPU (scoring, writing the e-mails), the rest in PostgreSQL and waiting")


if __name__ == "__main__":
    main()
