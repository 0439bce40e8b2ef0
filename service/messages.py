"""Every sentence a user can read, as a code with named parameters (issue 11).

A layer that refuses or warns says *which* message and with *what* figures: ``Message("position.
not_found", {"position_id": 7})``. It never writes the sentence, so no other layer has to read one
back. The API answers the code, the parameters and the English (``detail``); the pages render the
code in the reader's language through the gettext catalog, where the English text below is the
message id and plural forms come from the catalog's own rules.

To add a message: a code here with its English (named ``{parameters}``; a ``plural`` and the
``count`` parameter that chooses between them when a number decides the grammar), then
``pybabel extract`` / ``update`` / ``compile`` as the README says, and its Italian in the ``.po``.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import Any, Protocol


@dataclass(frozen=True)
class Text:
    """The English of one message: its gettext id, and its plural when a count decides the grammar."""

    singular: str
    plural: str | None = None
    count: str | None = None  # the parameter whose value picks singular or plural

    def __post_init__(self) -> None:
        if (self.plural is None) != (self.count is None):
            raise ValueError(f"{self.singular!r}: a plural needs the parameter that counts, and only then")


# code -> English. Codes are dotted: the subject first, then what happened.
MESSAGES: dict[str, Text] = {
    # --- hiring: positions, imports, applications, salary checks -------------------------------------------

    # --- people and the hub: candidates, matching, hub reports, accounts, deployment ------------------------

    # --- explanations, verdicts and advice built in models/ -------------------------------------------------

}


@dataclass(frozen=True)
class Message:
    """A sentence to show, not yet written: which one, and its parameters (numbers, dates, names)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown message code {self.code!r}: add it to service.messages.MESSAGES")


class Translations(Protocol):
    """What rendering needs of a catalog: gettext's two lookups (stdlib and Babel both have them)."""

    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...


ENGLISH: Translations = NullTranslations()  # the message ids are the English


def render(message: Message, translations: Translations = ENGLISH,
           format_param=str) -> str:
    """The message written in the catalog's language. ``format_param(value)`` writes each parameter
    (the pages pass one that writes numbers, money and dates the language's way)."""
    text = MESSAGES[message.code]
    if text.plural is not None and text.count is not None:
        template = translations.ngettext(text.singular, text.plural, int(message.params[text.count]))
    else:
        template = translations.gettext(text.singular)
    return template.format(**{name: format_param(value) for name, value in message.params.items()})


def english(message: Message) -> str:
    return render(message)
