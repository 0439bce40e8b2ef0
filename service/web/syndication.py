"""The XML and text that crawlers and feed readers read: sitemap.xml, an Atom feed, robots.txt.

Pure functions over rows already fetched and words already translated; ElementTree escapes the text,
and characters XML 1.0 cannot hold (control characters a pasted call may carry) are dropped.
"""
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from service.links import position_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def timestamp(moment: datetime | date) -> str:
    """RFC 3339 in UTC, to the second (a date as its midnight in UTC)."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


FEED_PATH = "/feeds/positions.atom"


def search_params(q: str | None, filters) -> list[tuple[str, str]]:
    """A search (its words and the filters of the search page, a PositionMatchFilters) as query parameters."""
    pairs = [("q", q)] if q else []
    pairs += [("regions", region) for region in filters.regions or []]
    pairs += [(name, str(getattr(filters, name))) for name in ("contract_type", "field", "remote", "institution_id")
              if getattr(filters, name)]
    if filters.min_salary_eur_year:
        salary = filters.min_salary_eur_year
        pairs.append(("min_salary_eur_year", str(int(salary)) if salary == int(salary) else str(salary)))
    return pairs


def feed_path(q: str | None, filters, language: str) -> str:
    """The address (path and query) of a search's Atom feed in ``language``."""
    return f"{FEED_PATH}?{urlencode(search_params(q, filters) + [('lang', language)])}"


def _document(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap_xml(rows: list[dict], public_url: str) -> bytes:
    """A sitemap of position pages, each address naming the search_engine channel, with its last change."""
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for row in rows:
        url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = position_url(public_url, row["id"], "search_engine")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = timestamp(row["updated_at"])
    return _document(root)


def robots_txt(public_url: str) -> str:
    return f"User-agent: *\nDisallow:\n\nSitemap: {public_url.rstrip('/')}/sitemap.xml\n"


@dataclass(frozen=True)
class Entry:
    """One position as a feed entry, its words already in the feed's language."""
    position_id: int
    title: str
    summary: str
    content: str
    author: str
    published: date
    updated: datetime


@dataclass(frozen=True)
class Feed:
    language: str
    title: str
    self_url: str       # this feed, with its search in the query string
    alternate_url: str  # the same search as a page
    entries: list[Entry]


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}", attributes)
    if text is not None:
        element.text = xml_text(text)
    return element


def atom_xml(feed: Feed, public_url: str, now: datetime) -> bytes:
    """An Atom 1.0 feed (RFC 4287); each entry links to the position's page through the feed channel."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: feed.language})
    _add(root, "id", feed.self_url)
    _add(root, "title", feed.title)
    _add(root, "updated", timestamp(max((e.updated for e in feed.entries), default=now)))
    author = _add(root, "author")
    _add(author, "name", "ecotalent")
    _add(author, "uri", public_url.rstrip("/") + "/")
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_url)
    _add(root, "generator", "ecotalent")
    for entry in feed.entries:
        item = _add(root, "entry")
        _add(item, "id", position_url(public_url, entry.position_id, None))  # the page's own address, for good
        _add(item, "title", entry.title)
        _add(item, "link", rel="alternate", type="text/html",
             href=position_url(public_url, entry.position_id, "feed"))
        _add(item, "published", timestamp(entry.published))
        _add(item, "updated", timestamp(entry.updated))
        _add(_add(item, "author"), "name", entry.author)
        _add(item, "summary", entry.summary, type="text")
        _add(item, "content", entry.content, type="text")
    return _document(root)
