"""Addresses of ecotalent's pages as they leave it (XML, JSON-LD, feeds, e-mails), each naming its channel.

Built from ``Settings.public_url``, never from a request's Host header, which a client chooses.
"""
from urllib.parse import urlencode

from models.taxonomy import Channel


def position_url(public_url: str, position_id: int, channel: Channel | None) -> str:
    """The public page of a position; ``channel`` is recorded on an application made from it."""
    url = f"{public_url.rstrip('/')}/app/positions/{position_id}"
    return f"{url}?{urlencode({'channel': channel})}" if channel and channel != "direct" else url
