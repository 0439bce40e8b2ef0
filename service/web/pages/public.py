"""What crawlers and feed readers fetch, anonymously: /sitemap.xml, /robots.txt and a search's Atom feed."""
from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from models.taxonomy import REGIONS
from service import publishing
from service.deps import Conn, Embedder, SettingsDep
from service.web.i18n import LANGUAGES, N_, Formats, gettext, in_language, labeller, language_of
from service.web.pages.candidate import match_filters
from service.web.session import PageError
from service.web.syndication import Entry, Feed, atom_xml, feed_path, robots_txt, search_params, sitemap_xml

router = APIRouter()

ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"


@router.get("/sitemap.xml")
def sitemap(conn: Conn, settings: SettingsDep) -> Response:
    return Response(sitemap_xml(publishing.sitemap(conn), settings.public_url), media_type=XML_TYPE)


@router.get("/robots.txt")
def robots(settings: SettingsDep) -> PlainTextResponse:
    return PlainTextResponse(robots_txt(settings.public_url))


def _entry(position: dict, language: str) -> Entry:
    _ = gettext(language)
    label, fmt = labeller(_), Formats(language)
    facts = [position["institution_name"], position["city"], REGIONS.get(position["region"] or ""),
             label(position["contract_type"]), label(position["career_stage"]),
             _("deadline {date}", date=fmt.date(position["deadline"])) if position["deadline"] else None]
    return Entry(position_id=position["id"], title=in_language(position, language, "title") or "",
                 summary=" · ".join(f for f in facts if f), author=position["institution_name"],
                 content=in_language(position, language, "description") or "",
                 published=position["opening_date"], updated=position["updated_at"])


@router.get("/feeds/positions.atom")
def positions_feed(request: Request, conn: Conn, settings: SettingsDep, embedder: Embedder) -> Response:
    """Open positions of a search (the search page's words and filters), newest first, in lang=it or en."""
    language = request.query_params.get("lang") or language_of(request)
    if language not in LANGUAGES:
        raise PageError(422, N_("Choose the feed's language with lang=en or lang=it."))
    filters, errors = match_filters(request, limit=publishing.FEED_ENTRIES)
    errors.pop("offset", None)  # a feed has no pages
    q = (request.query_params.get("q") or "").strip()[:500]
    if len(q) == 1:
        errors["q"] = N_("Type at least two characters.")
    if errors:
        raise PageError(422, next(iter(errors.values())))
    filters = filters.model_copy(update={"offset": 0})
    _ = gettext(language)
    base = settings.public_url.rstrip("/")
    feed = Feed(language=language,
                title=_("Open positions on ecotalent for '{query}'", query=q) if q else _("Open positions on ecotalent"),
                self_url=base + feed_path(q, filters, language),
                alternate_url=f"{base}/app/search?{urlencode(search_params(q, filters))}",
                entries=[_entry(p, language) for p in publishing.feed(conn, q or None, filters, settings, embedder)])
    return Response(atom_xml(feed, settings.public_url, datetime.now(UTC)), media_type=ATOM_TYPE)
