"""The alert run: for every due saved search, the positions opened since its last run that match
it, announced in ONE e-mail per saved search through the outbox, never twice.

It works by batches of saved searches (service.queries.alerts), never one query per candidate: the
new positions are read once, and each batch's matches come from two statements (profile vectors,
saved words). Fits and their explanations are service.matching's own. Run by ``ecotalent alerts
run`` and every minute by the service's outbox worker; running it twice sends nothing new (the
announced pairs are recorded and the e-mail's dedupe key names its positions).
"""
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from models import matching as scoring
from service import saved_searches
from service.alert_mail import compose
from service.config import Settings
from service.matching import MatchOptions, explanation
from service.queries import Connection, outbox
from service.queries import alerts as store
from service.queries import matching as retrieval

BATCH_SIZE = 2000  # saved searches per statement
PER_EMAIL = 10  # positions an e-mail lists at most (the best; the others are not announced, so may come later)
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


def _chunks(items: list[int], size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def run_due(conn: Connection, settings: Settings, options: MatchOptions, signing_key: str,
            progress: Callable[[int, int], None] | None = None) -> RunSummary:
    """Runs every due saved search; the caller commits. ``progress(ran, due)`` is told after each batch
    how many searches it ran, of how many were due."""
    started = store.now(conn)
    due = store.due(conn)
    if not due:
        return RunSummary(0, 0, 0, 0)
    new = store.opened_since(conn, min(r["since"] for r in due))
    positions = {r["id"]: r for r in retrieval.positions_for_scoring(conn, new)} if new else {}
    min_cosine = options.similarity[0] + MIN_SEMANTIC * (options.similarity[1] - options.similarity[0])
    emails = announced = 0
    for batch in _chunks([r["id"] for r in due], BATCH_SIZE):
        if new:
            pairs = store.profile_matches(conn, batch, new, options.model, min_cosine, PER_EMAIL)
            pairs += store.word_matches(conn, batch, new, options.model, MIN_WORDS_SHARE, PER_EMAIL)
            if pairs:
                queued, listed = _mail_batch(conn, settings, options, signing_key, pairs, positions)
                emails, announced = emails + queued, announced + listed
        store.mark_run(conn, batch, started)
        if progress:
            progress(len(batch), len(due))
    return RunSummary(len(due), len(new), emails, announced)


def _mail_batch(conn: Connection, settings: Settings, options: MatchOptions, signing_key: str, pairs: list[dict],
                positions: dict[int, dict]) -> tuple[int, int]:
    """Queues one e-mail per saved search of ``pairs`` and records what each announced."""
    by_search: dict[int, list[dict]] = {}
    for pair in pairs:
        by_search.setdefault(pair["search_id"], []).append(pair)
    searches = store.searches(conn, list(by_search))
    candidates = {c["id"]: c for c in retrieval.candidates_for_scoring(conn, list({s["candidate_id"] for s in searches}))}
    rows, done = [], []
    for search in searches:
        if not search["email"]:
            continue
        candidate = candidates[search["candidate_id"]]
        fits = []
        for pair in by_search[search["id"]]:
            position = positions[pair["position_id"]]
            similarity = scoring.similarity_value(pair["cosine"], *options.similarity)
            fits.append((pair.get("share") or 0.0, position, scoring.score_pair(candidate, position, similarity, None)))
        # A word search lists the positions holding most of its words first; "my matches" the best fits.
        fits.sort(key=lambda f: (-f[0], -f[2].score, f[1]["id"]))
        items = [(position, explanation(match)) for _, position, match in fits[:PER_EMAIL]]
        ids = sorted(position["id"] for position, _ in items)
        link = f"{settings.public_url.rstrip('/')}/app/alerts/unsubscribe?token=" \
               f"{saved_searches.unsubscribe_token(search['id'], signing_key)}"
        mail = compose(settings.public_url, search["language"], search, items, link)
        key = f"alert:{search['id']}:" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        rows.append((search["email"], mail.subject, mail.text, None, headers, "alert", key))
        done += [(search["id"], i) for i in ids]
    outbox.enqueue_many(conn, rows)
    store.record_announced(conn, done)
    return len(rows), len(done)
