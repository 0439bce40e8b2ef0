"""rmp.dtd, the one parser settings for files from outside, and the check of a document against the DTD."""
from functools import lru_cache
from importlib import resources

from lxml import etree

DOCTYPE = '<!DOCTYPE all SYSTEM "https://ateneo.cineca.it/bandi/dtd/rmp.dtd">'


@lru_cache
def dtd() -> etree.DTD:
    """The DTD shipped in the package (service/portal/rmp.dtd), read once."""
    with resources.files("service.portal").joinpath("rmp.dtd").open("rb") as file:
        return etree.DTD(file)


def safe_parser() -> etree.XMLParser:
    """A parser for a file someone else wrote: no entity expansion, no network, no external DTD,
    libxml2's default size and depth limits (no huge_tree)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def first_error(root: etree._Element) -> etree._LogEntry | None:
    """The first way ``root`` breaks rmp.dtd, or None when it follows it."""
    schema = dtd()
    if schema.validate(root):
        return None
    return schema.error_log.filter_from_errors()[0]
