"""Italian and English for the pages: the language a user sees, the words, and numbers, money
and dates written the way that language writes them (Babel's CLDR data).

English text is its own message id. The Italian is a gettext catalog, ``locale/it/LC_MESSAGES/
messages.po`` (compiled to ``.mo``, which is what is read), extracted by ``pybabel`` from the page
modules, the templates and ``service.messages`` (see the README); its plural forms are Italian's own.
A test checks that every extracted message has its Italian with the same parameters.
"""
import logging
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel.core import negotiate_locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import Translations
from fastapi import Request

from service.messages import AMOUNT, COUNT, MONEY, SIGNED, Message, ParamWriter, render

LANGUAGES = ("en", "it")
LOCALES = {"en": "en_GB", "it": "it_IT"}  # en_GB: day-month dates and a 24-hour clock, like Europe writes
LANGUAGE_COOKIE = "lang"
LOCALE_DIR = Path(__file__).parent / "locale"


log = logging.getLogger("ecotalent.i18n")


class _Reporting:
    """A language's catalog that logs every text it is asked for and does not hold: what a page then
    shows is the English (a message id nothing extracted, or English that is not a message id at all).
    The browser tests fail on these warnings (tests/web/test_italian_walk.py)."""

    def __init__(self, translations: Translations, language: str):
        self.translations, self.language = translations, language
        self.held = translations._catalog  # gettext's own table: msgid, or (msgid, form) for plurals

    def gettext(self, message: str) -> str:
        if message and message not in self.held:
            log.warning("no %s for the text %r: the page shows it untranslated", self.language, message)
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if (singular, 0) not in self.held:
            log.warning("no %s for the text %r: the page shows it untranslated", self.language, singular)
        return self.translations.ngettext(singular, plural, n)


@cache
def catalog(language: str) -> NullTranslations | _Reporting:
    """The compiled gettext catalog of a language; English is the message ids themselves."""
    if language == "en":
        return NullTranslations()
    translations = Translations.load(LOCALE_DIR, [language], "messages")
    if not isinstance(translations, Translations):  # Babel returns the null catalog when the .mo is missing
        raise FileNotFoundError(f"no compiled catalog for {language!r} in {LOCALE_DIR}: run pybabel compile")
    return _Reporting(translations, language)


def language_of(request: Request) -> str:
    """The user's choice (a cookie set by the language switch), else the browser's preference, else English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    preferred = []
    for part in request.headers.get("accept-language", "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag:
            preferred.append((weight, tag.split("-")[0].lower()))
    ordered = [tag for _, tag in sorted(preferred, key=lambda p: -p[0])]
    return negotiate_locale(ordered, list(LANGUAGES)) or "en"


def N_(message: str) -> str:
    """Marks an English message id that is translated later, where it is shown (gettext's convention)."""
    return message


def gettext(language: str) -> Callable[..., str]:
    """``_(message, **fields)``: the message in the language, with its fields filled in."""
    translations = catalog(language)

    def translate(message: str, **fields) -> str:
        text = translations.gettext(message)
        return text.format(**fields) if fields else text
    return translate


def ngettext(language: str) -> Callable[..., str]:
    """``ngettext(singular, plural, count, **fields)``: the form the language uses for ``count``, filled
    in (``{n}`` is the count unless a field of that name is given, e.g. the count written with grouping)."""
    translations = catalog(language)

    def translate(singular: str, plural: str, count: int, **fields) -> str:
        fields.setdefault("n", count)
        return translations.ngettext(singular, plural, count).format(**fields)
    return translate


class Formats:
    """Number, money, percent and date formatting for one language, as template helpers."""

    def __init__(self, language: str):
        self.locale = LOCALES[language]

    def number(self, value, digits: int = 0) -> str:
        if value is None:
            return "–"
        return format_decimal(value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=self.locale)

    def signed(self, value, digits: int = 1) -> str:
        """A change with its sign: +4,0 or −19,4."""
        if value is None:
            return "–"
        return ("+" if value >= 0 else "−") + self.number(abs(value), digits)

    def money(self, value) -> str:
        if value is None:
            return "–"
        return format_currency(value, "EUR", format="¤#,##0" if self.locale == "en_GB" else "#,##0\xa0¤",
                               currency_digits=False, locale=self.locale)

    def percent(self, share, digits: int = 0) -> str:
        if share is None:
            return "–"
        return format_percent(share, format=f"#,##0.{'0' * digits}%" if digits else "#,##0%", locale=self.locale)

    def date(self, value: date | datetime | str | None) -> str:
        if value is None or value == "":
            return "–"
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        if isinstance(value, datetime):
            value = value.date()
        return _babel_date(value, format="medium", locale=self.locale)


# English labels of the vocabularies' values (N_: extracted to the catalog, translated where shown).
LABELS = {
    "R1": N_("R1 · first-stage researcher"), "R2": N_("R2 · recognised researcher"), "R3": N_("R3 · established researcher"),
    "R4": N_("R4 · leading researcher"),
    "phd_scholarship": N_("PhD scholarship"), "research_grant": N_("Research grant (assegno)"),
    "contratto_di_ricerca": N_("Research contract"), "rtd_a": N_("Fixed-term researcher (RTD-A)"),
    "rtt": N_("Tenure-track researcher (RTT)"), "technologist": N_("Technologist"),
    "research_body_researcher": N_("Research body researcher"), "company_employee": N_("Company employee"),
    "tech_transfer_officer": N_("Tech-transfer officer"), "other": N_("Other"),
    "draft": N_("Draft"), "open": N_("Open"), "closed": N_("Closed"), "filled": N_("Filled"), "cancelled": N_("Cancelled"),
    "month": N_("per month"), "year": N_("per year"), "gross_person": N_("gross to the person"), "employer_cost": N_("cost to the employer"),
    "onsite": N_("On site"), "hybrid": N_("Hybrid"), "remote": N_("Remote"), "any": N_("Any"),
    "none": N_("None"), "bachelor": N_("Bachelor's degree"), "master": N_("Master's degree"), "phd": N_("PhD"),
    "woman": N_("Woman"), "man": N_("Man"), "non_binary": N_("Non-binary"), "undisclosed": N_("Prefer not to say"),
    "residence": N_("Lived"), "work": N_("Worked"), "native": N_("Native speaker"),
    "applied": N_("Applied"), "screening": N_("Screening"), "interview": N_("Interview"), "offer": N_("Offer"), "hired": N_("Hired"),
    "rejected": N_("Rejected"), "withdrawn": N_("Withdrawn"),
    "computer_science": N_("Computer science"), "engineering": N_("Engineering"), "physics": N_("Physics"), "chemistry": N_("Chemistry"),
    "mathematics": N_("Mathematics"), "biological_sciences": N_("Biological sciences"), "medical_sciences": N_("Medical sciences"),
    "environmental_science": N_("Environmental science"), "agricultural_sciences": N_("Agricultural sciences"),
    "economics": N_("Economics"), "social_sciences": N_("Social sciences"), "humanities": N_("Humanities"),
    "materials_science": N_("Materials science"), "earth_sciences": N_("Earth sciences"), "architecture": N_("Architecture"),
    "semantic": N_("Meaning of the texts"), "text": N_("Words in common"), "skills": N_("Skills"), "field": N_("Research field"),
    "stage": N_("Career stage"), "experience": N_("Experience"), "salary": N_("Salary"), "location": N_("Location"),
    "crowding": N_("Competition for the post"),
    "instant": N_("As soon as they open"), "daily": N_("Daily"), "weekly": N_("Weekly"),
    "institution": N_("Institution"), "spoke": N_("Spoke"), "region": N_("Region"), "contract_type": N_("Contract type"),
    "career_stage": N_("Career stage"), "gender": N_("Gender"), "age_band": N_("Age band"), "channel": N_("Channel"),
    "direct": N_("Direct"), "portal": N_("National calls portal (EURAXESS)"), "search_engine": N_("Search engines"),
    "feed": N_("Feeds"), "alert": N_("E-mail alerts"), "invite": N_("Invitations from HR"),
    "from_abroad_foreign": N_("From abroad (foreign)"), "from_abroad_returning": N_("From abroad (Italians returning)"),
    "from_other_region": N_("From another Italian region"), "local": N_("Local"), "unknown": N_("Unknown"),
    "under_36": N_("Under 36"), "women": N_("Women"), "women_researchers_national_centres": N_("Women researchers"),
    "wealth": N_("Wealth"), "sustainability": N_("Sustainability"), "synergy": N_("Synergy"), "efficiency": N_("Efficiency"),
    "company_investment": N_("Company investment"), "collaboration_project": N_("Collaboration projects"),
    "collaboration_contract": N_("Collaboration contracts"), "revenue_stream": N_("Revenue streams"),
    "service_days_saved": N_("Service days saved"), "service_cost_saved": N_("Service costs saved"),
    "talents_attracted": N_("Talents attracted"), "jobs_created": N_("Jobs created"), "research_jobs_created": N_("Research jobs created"),
    "sort.relevance": N_("Most relevant first"), "sort.relevance.matches": N_("Best fit first"),
    "sort.deadline": N_("Soonest deadline first"), "sort.pay": N_("Highest pay first"), "sort.newest": N_("Newest first"),
    "sort.order.fit": N_("best fit first"), "sort.order.relevance": N_("most relevant first"),
    "sort.order.deadline": N_("soonest deadline first"), "sort.order.pay": N_("highest pay first"),
    "sort.order.newest": N_("newest first"),
    "EUR": N_("EUR"), "count": N_("count"), "EUR_per_year": N_("EUR per year"), "days": N_("days"), "people": N_("people"), "FTE": N_("FTE"),
}


def labeller(translate: Callable[..., str]) -> Callable[[object], str]:
    """``label(value)``: a vocabulary value as words in the page's language (unknown values as they are)."""
    def label(value) -> str:
        return translate(LABELS[value]) if value in LABELS else str(value)
    return label


def param_writer(formats: "Formats") -> ParamWriter:
    """A message parameter written the page language's way: amounts, changes and counts by their kind
    (service.messages), dates as the language writes them; ids, names and words as they are."""
    def write(value: object, kind: str | None = None) -> str:
        if kind == AMOUNT:
            return formats.number(float(value))  # type: ignore[arg-type]
        if kind == SIGNED:
            return formats.signed(float(value), 1)  # type: ignore[arg-type]
        if kind == COUNT:
            return formats.number(int(value))  # type: ignore[call-overload]
        if kind == MONEY:
            return formats.money(round(float(value)))  # type: ignore[arg-type]
        if isinstance(value, float):
            return formats.number(value, 0 if value.is_integer() else 2)
        if isinstance(value, date | datetime):
            return formats.date(value)
        return str(value)
    return write


def message_renderer(language: str, formats: "Formats") -> Callable[[object], str]:
    """``say(message)`` for the templates: a message code with its parameters (a ``Message``, or
    ``{"code", "params"}`` as the use cases answer it beside the English), or one of the pages' own
    message ids, written in the page's language."""
    translations, write = catalog(language), param_writer(formats)

    def say(message: object) -> str:
        if not message:
            return ""
        if isinstance(message, Message):
            return render(message, translations, write)
        if isinstance(message, Mapping):
            return render(Message(message["code"], message.get("params") or {}), translations, write)
        return translations.gettext(str(message))
    return say


def in_language(position: dict, language: str, name: str) -> str | None:
    """The position's ``name`` (title, description) in ``language``, else in the other one (calls are
    often Italian only)."""
    first, second = ("it", "en") if language == "it" else ("en", "it")
    return position.get(f"{name}_{first}") or position.get(f"{name}_{second}")


def title_in(position: dict, language: str) -> str:
    """A position's title in ``language`` where it has one, else in the other."""
    return in_language(position, language, "title") or position.get("position_title") or ""
