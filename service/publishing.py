"""Open positions as they are published outside ecotalent: the sitemap for search engines and the
Atom feed of a search (issue 13). Anonymous: nothing here depends on who asks.

"Open" is the one rule of models.taxonomy.position_is_open (in SQL, queries.positions.PUBLIC).
"""
from models.embeddings import Embedder
from service import matching
from service.config import Settings
from service.queries import Connection, institutions, positions
from service.queries import matching as retrieval
from service.schemas.matching import PositionMatchFilters

SITEMAP_MAX_URLS = 50_000  # the sitemap protocol's limit for one file
FEED_ENTRIES = 50
LANDING_OPENINGS = 6


def sitemap(conn: Connection) -> list[dict]:
    """Every open position (id, updated_at), up to what one sitemap file may list."""
    return positions.open_positions_changed(conn, SITEMAP_MAX_URLS)


def feed(conn: Connection, query: str | None, filters: PositionMatchFilters, settings: Settings,
         embedder: Embedder) -> list[dict]:
    """The open positions of a search, newest first: with words, the most relevant ones (as the search
    page finds them for an anonymous visitor); without, every open position meeting the filters."""
    if not query:
        where, params = retrieval.position_filters(None, filters.model_dump(exclude={"crowding", "sort", "limit", "offset"}))
        return positions.newest_open(conn, where, params, filters.limit)
    found = matching.search_open_positions(conn, None, query, filters, settings, embedder)
    return positions.open_by_ids_newest_first(conn, [item["position"]["id"] for item in found["items"]])


def landing(conn: Connection) -> dict:
    """What the landing page shows anyone: the ecosystems' names, the newest open positions, how many are
    open, and how many per research field (each field a link that browses it)."""
    where, params = retrieval.position_filters(None, {})
    ids, total = retrieval.browse(conn, where, params, "newest", LANDING_OPENINGS, 0)
    rows = {r["id"]: r for r in retrieval.positions_for_scoring(conn, ids)}
    return {"ecosystems": [e["name"] for e in institutions.list_ecosystems(conn)],
            "openings": [matching.position_brief(rows[i]) for i in ids], "total": total,
            "fields": retrieval.open_counts_by_field(conn)}
