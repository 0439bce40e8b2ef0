"""Embeds what the job table asks for, in batches, outside the request path.

Any number of workers may run against one database (`ecotalent worker`, or the thread the service
starts): each claims jobs with FOR UPDATE SKIP LOCKED, so none waits for another.
"""
import logging
import threading
import time

import psycopg
from psycopg_pool import ConnectionPool

from service.queries import Connection, embeddings

log = logging.getLogger("ecotalent.embeddings")


def embed_pending(conn: Connection, embedder, batch_size: int = 256) -> int:
    """Embed up to ``batch_size`` queued entities; returns how many jobs were done. The caller commits."""
    jobs = embeddings.claim_jobs(conn, batch_size)
    by_kind: dict[str, list[int]] = {}
    for job in jobs:
        by_kind.setdefault(job["kind"], []).append(job["entity_id"])
    for kind, ids in by_kind.items():
        # Entities deleted meanwhile drop out; so do those whose vector is already of this text and model.
        rows = embeddings.texts_to_embed(conn, kind, list(dict.fromkeys(ids)), embedder.name)
        if rows:
            # The same text (two identical calls, say) is encoded once.
            unique = list(dict.fromkeys(r["text"] for r in rows))
            by_text = dict(zip(unique, embedder.encode(unique), strict=True))
            embeddings.store(conn, kind, embedder.name, rows, [by_text[r["text"]] for r in rows])
    # Only the jobs claimed above: an edit committed since then queued a job of its own, which stays.
    embeddings.finish_jobs(conn, [job["id"] for job in jobs])
    return len(jobs)


class EmbeddingWorker(threading.Thread):
    """Runs ``embed_pending`` until stopped, resting ``idle_seconds`` when the queue is empty."""

    def __init__(self, pool: ConnectionPool[Connection], embedder, idle_seconds: float = 0.5, batch_size: int = 256,
                 congestion_every_seconds: float | None = 600):
        super().__init__(name="embedding-worker", daemon=True)
        self.pool, self.embedder = pool, embedder
        self.idle_seconds, self.batch_size = idle_seconds, batch_size
        self.congestion_every_seconds = congestion_every_seconds
        self._stopping = threading.Event()

    def run(self) -> None:
        changed_since_refresh, last_refresh = True, float("-inf")
        while not self._stopping.is_set():
            try:
                with self.pool.connection() as conn:
                    done = embed_pending(conn, self.embedder, self.batch_size)
            except psycopg.OperationalError as exc:  # the database is down: one line per try, not a traceback
                log.warning("embedding paused, the database is unavailable: %s", (str(exc).strip() or type(exc).__name__).splitlines()[0])
                done = 0
            except Exception:  # a worker must outlive one bad batch; the jobs stay queued for a retry
                log.exception("embedding batch failed")
                done = 0
            changed_since_refresh = changed_since_refresh or done > 0
            if done == 0:
                # Queue drained: refresh the crowding prices when vectors changed, at most every few minutes.
                due = self.congestion_every_seconds is not None and time.monotonic() - last_refresh > self.congestion_every_seconds
                if changed_since_refresh and due:
                    self._refresh_congestion()
                    changed_since_refresh, last_refresh = False, time.monotonic()
                self._stopping.wait(self.idle_seconds)

    def _refresh_congestion(self) -> None:
        from service import congestion
        try:
            with self.pool.connection() as conn:
                log.info("congestion prices refreshed: %s", congestion.refresh(conn, self.embedder.name))
        except Exception:
            log.exception("refreshing congestion prices failed")

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=30)
