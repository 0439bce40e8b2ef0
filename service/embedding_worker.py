"""Embeds what the job table asks for, in batches, outside the request path.

Any number of workers may run against one database (`ecotalent worker`, or the thread the service
starts): each claims jobs with FOR UPDATE SKIP LOCKED, so none waits for another.
"""
import logging
import threading

from psycopg import Connection
from psycopg_pool import ConnectionPool

from service.queries import embeddings

log = logging.getLogger("ecotalent.embeddings")


def embed_pending(conn: Connection, embedder, batch_size: int = 256) -> int:
    """Embed up to ``batch_size`` queued entities; returns how many jobs were done. The caller commits."""
    jobs = embeddings.claim_jobs(conn, batch_size)
    by_kind: dict[str, list[int]] = {}
    for job in jobs:
        by_kind.setdefault(job["kind"], []).append(job["entity_id"])
    for kind, ids in by_kind.items():
        # Entities deleted meanwhile drop out; so do those whose vector is already of this text and model.
        rows = embeddings.texts_to_embed(conn, kind, ids, embedder.name)
        if rows:
            # The same text (two identical calls, say) is encoded once.
            unique = list(dict.fromkeys(r["text"] for r in rows))
            by_text = dict(zip(unique, embedder.encode(unique)))
            embeddings.store(conn, kind, embedder.name, rows, [by_text[r["text"]] for r in rows])
        embeddings.finish_jobs(conn, kind, ids)
    return len(jobs)


class EmbeddingWorker(threading.Thread):
    """Runs ``embed_pending`` until stopped, resting ``idle_seconds`` when the queue is empty."""

    def __init__(self, pool: ConnectionPool, embedder, idle_seconds: float = 0.5, batch_size: int = 256):
        super().__init__(name="embedding-worker", daemon=True)
        self.pool, self.embedder = pool, embedder
        self.idle_seconds, self.batch_size = idle_seconds, batch_size
        self._stopping = threading.Event()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                with self.pool.connection() as conn:
                    done = embed_pending(conn, self.embedder, self.batch_size)
            except Exception:  # a worker must outlive one bad batch; the jobs stay queued for a retry
                log.exception("embedding batch failed")
                done = 0
            if done == 0:
                self._stopping.wait(self.idle_seconds)

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)
