"""Rendering pages, and running the use cases for them.

Pages never repeat the service's logic: they call the use cases (service/<resource>.py) with the
request's connection and user, each inside a savepoint so a refused change leaves nothing behind,
and write a refusal's message code in the page's language.
"""
from collections.abc import AsyncIterator, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.convertors import Convertor, register_url_convertor
from starlette.datastructures import FormData

from models.taxonomy import REGIONS
from service.domain import DomainError
from service.messages import Message
from service.schemas.auth import UserRead
from service.schemas.common import MAX_OFFSET
from service.validation import field_message, field_messages
from service.web import csrf, syndication
from service.web.i18n import LANGUAGES, Formats, gettext, labeller, language_of, message_renderer, ngettext, title_in


class _IdConvertor(Convertor[int]):
    """``{name:id}`` in a page's path: digits that fit a bigint's width. A longer number is no page (404)
    rather than a conversion Python refuses (over 4,300 digits) or a value PostgreSQL cannot compare."""
    regex = "[0-9]{1,19}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("id", _IdConvertor())


def page_offset(offset: int) -> int:
    """A list page's offset within what the API accepts: past the end shows an empty page."""
    return min(max(offset, 0), MAX_OFFSET)


templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["REGIONS"] = REGIONS
templates.env.globals["csrf_field"] = csrf.csrf_field  # the anti-forgery field of every posted form
templates.env.globals["feed_path"] = syndication.feed_path  # a search's Atom feed
templates.env.globals["title_in"] = title_in  # a position's title in the page's language: title_in(p, lang)
templates.env.globals["days_until"] = lambda day: ((day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))
                                                  - date.today()).days  # a deadline's days left (0: the last day)
# A message opening a paragraph: capital first letter, the rest untouched (Jinja's capitalize lowers it).
templates.env.filters["upper_first"] = lambda text: text[:1].upper() + text[1:]


def page(request: Request, template: str, user: UserRead | None, status_code: int = 200, **context):
    language = language_of(request)
    translate, formats = gettext(language), Formats(language)
    response = templates.TemplateResponse(request, template, {
        "user": user, "lang": language, "languages": LANGUAGES, "_": translate, "ngettext": ngettext(language),
        "label": labeller(translate), "fmt": formats, "say": message_renderer(language, formats),
        "status_code": status_code,
        **context,
    }, status_code=status_code)
    csrf.remember(request, response)
    return response


def attempt(conn, use_case, *args, **kwargs) -> tuple[Any, Message | None]:
    """(result, None) when the use case succeeds; (None, its refusal's message) when it refuses.
    The savepoint undoes whatever the use case wrote before refusing."""
    try:
        with conn.transaction():
            return use_case(*args, **kwargs), None
    except DomainError as exc:  # a use case's refusal: its message, rendered by the page in its language
        return None, exc.message


def messages_of(detail) -> list:
    """A refusal's message (or a page's own message id, or a list of them) as a list the templates write with ``say``."""
    if isinstance(detail, (str, Message)):
        return [detail]
    if isinstance(detail, list):
        return [d if isinstance(d, (str, Message)) else d.get("msg", str(d)) for d in detail]
    return [str(detail)]


def field_errors_of(error: Mapping[str, Any]) -> Message:
    """One pydantic error (as InvalidFields holds them) as the message a form shows at its field."""
    return field_message(error)


def field_errors(exc: ValidationError) -> dict[str, Message]:
    """Errors by field path ('salary_min', 'places.0.start_date'); '' holds errors of the whole form.
    Each is a message the template writes in the page's language."""
    return field_messages(exc)


async def _read_form(request: Request) -> AsyncIterator[FormData]:
    form = await request.form()
    try:
        yield form
    finally:
        await form.close()  # uploaded files are spooled to temporary files


# A posted form (urlencoded or multipart), for handlers that read many or repeated fields.
PostedForm = Annotated[FormData, Depends(_read_form)]


def text(form: FormData, name: str) -> str | None:
    """A form field's text, or None when it was left empty."""
    value = form.get(name)
    value = value.strip() if isinstance(value, str) else None
    return value or None


def word_list(value: str | None) -> list[str]:
    """'a, b; c' or one per line, as ['a', 'b', 'c']."""
    if not value:
        return []
    return [w.strip() for w in value.replace(";", ",").replace("\n", ",").split(",") if w.strip()]


def language_rows(form: FormData, rows: int) -> list[dict]:
    """The repeated language fields (language-0, level-0, ...) as LanguageSkill payloads; empty rows skipped."""
    return [{"language": (text(form, f"language-{i}") or "").lower(), "level": text(form, f"level-{i}")}
            for i in range(rows) if text(form, f"language-{i}")]
