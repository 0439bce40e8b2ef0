"""The alert run: for every due saved search, the positions opened since its last run that match
it, announced in ONE e-mail per saved search through the outbox, never twice.

It works by batches of saved searches (service.queries.alerts), never one query per candidate: the
new positions and their vectors are read once; for each batch, "my matches" reads the candidates'
vectors in one statement and compares them with the new positions' by one matrix product
(models.alerts), word searches meet the new positions on their words' lexemes in another, and one
more checks eligibility of the pairs that passed. Fits are service.matching's own (models.matching).
Run by ``ecotalent alerts run`` and every minute by the service's outbox worker; running it twice
sends nothing new (the announced pairs are recorded and the e-mail's dedupe key names its positions).
"""
import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np

from models import matching as scoring
from models.alerts import nearest_pairs, unit_rows
from service import saved_searches
from service.alert_mail import Composer, Why
from service.config import Settings
from service.matching import MatchOptions, verdicts
from service.queries import Connection, outbox
from service.queries import alerts as store
from service.queries import matching as retrieval

BATCH_SIZE = 2000  # saved searches per statement
PER_EMAIL = 10  # positions an e-mail lists at most; it counts the others it announces ("and 12 more")
# Positions one e-mail announces at most (listed or counted): the nearest, or those holding most words.
# More than this opening in one window for one search: the rest may come in the next run's e-mail.
CONSIDERED = 3 * PER_EMAIL
# "My matches": a new position must be this alike the profile (the model's similarity scale, 0 to 1:
# 0.5 is a cosine of 0.85 with e5, halfway between unrelated and identical texts).
MIN_SEMANTIC = 0.5
# Word searches: a position must hold half the saved query's weighted words (service.matching.WORDS_FLOOR).
MIN_WORDS_SHARE = 0.5


@dataclass(frozen=True)
class RunSummary:
    searches: int  # saved searches that were due and ran
    new_positions: int  # positions opened in the window looked at
    emails: int  # e-mails queued
    announced: int  # positions announced, over all e-mails


@dataclass(frozen=True)
class _NewPositions:
    rows: dict[int, dict]  # id -> what scoring needs
    ids: np.ndarray  # of those with a vector, in the order of ``vectors``
    vectors: np.ndarray
    opened_s: np.ndarray  # when each opened (epoch seconds)


def _as_array(vector) -> np.ndarray:
    return np.asarray(vector.to_numpy() if hasattr(vector, "to_numpy") else vector, dtype=np.float32)


def _chunks(items: list[int], size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def run_due(conn: Connection, settings: Settings, options: MatchOptions, signing_key: str,
            progress: Callable[[int, int], None] | None = None, reader: Connection | None = None) -> RunSummary:
    """Runs every due saved search; the caller commits. ``progress(ran, due)`` is told after each batch
    how many searches it ran, of how many were due. ``reader``: a second connection to read ahead on."""
    if not store.take_run_lock(conn):  # another run is at it: the searches it runs are not due any more after it
        return RunSummary(0, 0, 0, 0)
    started = store.now(conn)
    due = store.due(conn)
    if not due:
        return RunSummary(0, 0, 0, 0)
    due_ids = [r["id"] for r in due]
    new_ids = store.opened_since(conn, min(r["since"] for r in due))
    vectors = store.position_vectors(conn, new_ids, options.model) if new_ids else []
    new = _NewPositions({r["id"]: r for r in retrieval.positions_for_scoring(conn, new_ids)} if new_ids else {},
                        np.array([r["id"] for r in vectors], dtype=np.int64),
                        unit_rows(np.stack([_as_array(r["embedding"]) for r in vectors])) if vectors else np.zeros((0, 1), np.float32),
                        np.array([r["opened_at"].timestamp() for r in vectors]))
    # Word searches: each distinct typed query against the new positions, once for the whole run.
    words: dict[int, list[tuple[int, float]]] = {}
    for hit in store.word_hits(conn, due_ids, new_ids, MIN_WORDS_SHARE) if new_ids else []:
        found = list(zip(hit["positions"], hit["shares"], strict=True))
        for search_id in hit["searches"]:
            words[search_id] = found
    min_cosine = options.similarity[0] + MIN_SEMANTIC * (options.similarity[1] - options.similarity[0])
    composers: dict[str, Composer] = {}
    emails = announced = 0
    batches = list(_chunks(due_ids, BATCH_SIZE))

    def read(on: Connection, batch: list[int]) -> _Batch:
        return _read_batch(on, batch, new, words, options.model, min_cosine) if new_ids else _Batch([], [], {})

    # With a reader connection, the next batch is read (in PostgreSQL) while this one is scored and
    # written (in Python): the two cores work at once. The reader only reads committed rows, and no
    # saved search is in two batches, so it needs nothing this run has written.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="alerts-reader") if reader else nullcontext() as ahead:
        coming = ahead.submit(read, reader, batches[0]) if ahead and reader else None
        for n, batch in enumerate(batches):
            data = coming.result() if coming else read(conn, batch)
            if ahead and reader and n + 1 < len(batches):
                coming = ahead.submit(read, reader, batches[n + 1])
            if data.pairs:
                queued, listed = _mail_batch(conn, settings, options, signing_key, data, new.rows, composers)
                emails, announced = emails + queued, announced + listed
            store.mark_run(conn, batch, started)
            if progress:
                progress(len(batch), len(due))
    if reader:
        reader.rollback()  # it only read
    return RunSummary(len(due), len(new_ids), emails, announced)


@dataclass(frozen=True)
class _Batch:
    pairs: list[dict]
    searches: list[dict]
    candidates: dict[int, dict]


def _read_batch(conn: Connection, batch: list[int], new: _NewPositions, words: dict[int, list[tuple[int, float]]],
                model: str, min_cosine: float) -> _Batch:
    """What a batch's e-mails need from the database: its pairs, its searches and their candidates."""
    pairs = _pairs(conn, batch, new, words, model, min_cosine)
    if not pairs:
        return _Batch([], [], {})
    searches = store.searches(conn, list({p["search_id"] for p in pairs}))
    candidates = {c["id"]: c for c in retrieval.candidates_for_scoring(conn, list({s["candidate_id"] for s in searches}))}
    return _Batch(pairs, searches, candidates)


def _pairs(conn: Connection, batch: list[int], new: _NewPositions, words: dict[int, list[tuple[int, float]]],
           model: str, min_cosine: float) -> list[dict]:
    """The batch's (saved search, new position) pairs, up to CONSIDERED a search, eligible and unannounced:
    for "my matches" the nearest to the candidate's vector, for word searches those holding most words
    (with the candidate's cosine, for the fit)."""
    rows = store.search_vectors(conn, batch, model)
    column = {int(i): n for n, i in enumerate(new.ids.tolist())}
    found: list[tuple[int, int, float | None, float | None]] = []  # search, position, cosine, share
    profiles = [r for r in rows if not r["words"] and r["embedding"] is not None]
    if profiles and len(new.ids):
        matrix = np.stack([_as_array(r["embedding"]) for r in profiles])
        since_s = np.array([r["since"].timestamp() for r in profiles])
        at, columns, cosines = nearest_pairs(matrix, new.vectors, min_cosine, CONSIDERED,
                                             allowed=new.opened_s[None, :] > since_s[:, None])
        search_ids = np.array([r["id"] for r in profiles], dtype=np.int64)[at].tolist()
        found += [(search_id, position_id, cosine, None) for search_id, position_id, cosine
                  in zip(search_ids, new.ids[columns].tolist(), cosines.tolist(), strict=True)]
    for row in rows:
        if not row["words"] or row["id"] not in words:
            continue
        vector = unit_rows(_as_array(row["embedding"])[None, :])[0] if row["embedding"] is not None else None
        for position_id, share in words[row["id"]][:CONSIDERED * 2]:  # some may be ineligible or announced
            cosine: float | None = None
            if vector is not None and position_id in column:
                cosine = float(vector @ new.vectors[column[position_id]])  # both of unit length
            found.append((row["id"], position_id, cosine, share))
    allowed = store.eligible(conn, [f[0] for f in found], [f[1] for f in found])
    kept: dict[int, int] = {}
    pairs = []
    for search_id, position_id, near, held in found:
        if (search_id, position_id) in allowed and kept.get(search_id, 0) < CONSIDERED:
            kept[search_id] = kept.get(search_id, 0) + 1
            pairs.append({"search_id": search_id, "position_id": position_id, "cosine": near, "share": held})
    return pairs


def _why(match: scoring.Match) -> Why:
    said = zip(("salary", "location"), verdicts(match), strict=True)
    return Why(match.score, match.matched_skills, match.missing_skills, [(about, v) for about, v in said if v is not None])


def _mail_batch(conn: Connection, settings: Settings, options: MatchOptions, signing_key: str, data: _Batch,
                positions: dict[int, dict], composers: dict[str, Composer]) -> tuple[int, int]:
    """Queues one e-mail per saved search of the batch's pairs and records what each announced."""
    by_search: dict[int, list[dict]] = {}
    for pair in data.pairs:
        by_search.setdefault(pair["search_id"], []).append(pair)
    searches, candidates = data.searches, data.candidates
    base = settings.public_url.rstrip("/")
    rows, done = [], []
    for search in searches:
        if not search["email"]:
            continue
        candidate = candidates[search["candidate_id"]]
        found = sorted(by_search[search["id"]], key=lambda p: (-(p["share"] or 0.0), -(p["cosine"] or 0.0), p["position_id"]))
        fits = []
        for pair in found[:PER_EMAIL]:  # only the listed ones are scored (the fit costs ~35 us a pair)
            position = positions[pair["position_id"]]
            similarity = scoring.similarity_value(pair["cosine"], *options.similarity)
            fits.append((pair["share"] or 0.0, position, scoring.score_pair(candidate, position, similarity, None)))
        # A word search lists the positions holding most of its words first; "my matches" the best fits.
        fits.sort(key=lambda f: (-f[0], -f[2].score, f[1]["id"]))
        items = [(position, _why(match)) for _, position, match in fits]
        ids = sorted(pair["position_id"] for pair in found)  # listed or counted: announced either way
        link = f"{base}/app/alerts/unsubscribe?token={saved_searches.unsubscribe_token(search['id'], signing_key)}"
        composer = composers.setdefault(search["language"], Composer(settings.public_url, search["language"]))
        mail = composer.compose(search, items, len(found) - len(items), link)
        key = f"alert:{search['id']}:" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        rows.append((search["email"], mail.subject, mail.text, None, headers, "alert", key))
        done += [(search["id"], i) for i in ids]
    outbox.enqueue_many(conn, rows)
    store.record_announced(conn, done)
    return len(rows), len(done)
