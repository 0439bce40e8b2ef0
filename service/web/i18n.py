"""Italian and English for the pages: the language a user sees, the words, and numbers, money
and dates written the way that language writes them (Babel's CLDR data).

English text is its own message id; ``catalog_it.ITALIAN`` holds the Italian for each one.
A test checks that every message used in the templates and page modules has its Italian.
"""
import re
from collections.abc import Callable
from datetime import date, datetime

from babel.core import negotiate_locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent
from fastapi import Request

from service.messages import Message, render
from service.web.catalog_it import ITALIAN

LANGUAGES = ("en", "it")
LOCALES = {"en": "en_GB", "it": "it_IT"}  # en_GB: day-month dates and a 24-hour clock, like Europe writes
LANGUAGE_COOKIE = "lang"


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
    def translate(message: str, **fields) -> str:
        text = ITALIAN.get(message, message) if language == "it" else message
        return text.format(**fields) if fields else text
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


# English labels of the vocabularies' values (the Italian is in the catalog, like any message).
LABELS = {
    "R1": "R1 · first-stage researcher", "R2": "R2 · recognised researcher", "R3": "R3 · established researcher",
    "R4": "R4 · leading researcher",
    "phd_scholarship": "PhD scholarship", "research_grant": "Research grant (assegno)",
    "contratto_di_ricerca": "Research contract", "rtd_a": "Fixed-term researcher (RTD-A)",
    "rtt": "Tenure-track researcher (RTT)", "technologist": "Technologist",
    "research_body_researcher": "Research body researcher", "company_employee": "Company employee",
    "tech_transfer_officer": "Tech-transfer officer", "other": "Other",
    "draft": "Draft", "open": "Open", "closed": "Closed", "filled": "Filled", "cancelled": "Cancelled",
    "month": "per month", "year": "per year", "gross_person": "gross to the person", "employer_cost": "cost to the employer",
    "onsite": "On site", "hybrid": "Hybrid", "remote": "Remote", "any": "Any",
    "none": "None", "bachelor": "Bachelor's degree", "master": "Master's degree", "phd": "PhD",
    "woman": "Woman", "man": "Man", "non_binary": "Non-binary", "undisclosed": "Prefer not to say",
    "residence": "Lived", "work": "Worked",
    "applied": "Applied", "screening": "Screening", "interview": "Interview", "offer": "Offer", "hired": "Hired",
    "rejected": "Rejected", "withdrawn": "Withdrawn",
    "computer_science": "Computer science", "engineering": "Engineering", "physics": "Physics", "chemistry": "Chemistry",
    "mathematics": "Mathematics", "biological_sciences": "Biological sciences", "medical_sciences": "Medical sciences",
    "environmental_science": "Environmental science", "agricultural_sciences": "Agricultural sciences",
    "economics": "Economics", "social_sciences": "Social sciences", "humanities": "Humanities",
    "materials_science": "Materials science", "earth_sciences": "Earth sciences", "architecture": "Architecture",
    "semantic": "Meaning of the texts", "text": "Words in common", "skills": "Skills", "field": "Research field",
    "stage": "Career stage", "experience": "Experience", "salary": "Salary", "location": "Location",
    "crowding": "Competition for the post",
    "institution": "Institution", "spoke": "Spoke", "region": "Region", "contract_type": "Contract type",
    "career_stage": "Career stage", "gender": "Gender", "age_band": "Age band",
    "from_abroad_foreign": "From abroad (foreign)", "from_abroad_returning": "From abroad (Italians returning)",
    "from_other_region": "From another Italian region", "local": "Local", "unknown": "Unknown",
    "under_36": "Under 36", "women": "Women", "women_researchers_national_centres": "Women researchers",
    "wealth": "Wealth", "sustainability": "Sustainability", "synergy": "Synergy", "efficiency": "Efficiency",
    "company_investment": "Company investment", "collaboration_project": "Collaboration projects",
    "collaboration_contract": "Collaboration contracts", "revenue_stream": "Revenue streams",
    "service_days_saved": "Service days saved", "service_cost_saved": "Service costs saved",
    "talents_attracted": "Talents attracted", "jobs_created": "Jobs created", "research_jobs_created": "Research jobs created",
    "EUR": "EUR", "count": "count", "EUR_per_year": "EUR per year", "days": "days", "people": "people", "FTE": "FTE",
}


def labeller(translate: Callable[..., str]) -> Callable[[object], str]:
    """``label(value)``: a vocabulary value as words in the page's language (unknown values as they are)."""
    def label(value) -> str:
        return translate(LABELS[value]) if value in LABELS else str(value)
    return label


# The location verdicts speak to the candidate; an HR office reads them about the candidate.
ABOUT_THE_CANDIDATE = {
    "where you live": "where the candidate lives",
    "a region you would move to": "a region the candidate would move to",
    "hybrid work, outside your regions": "hybrid work, outside the candidate's regions",
    "outside the regions you would move to": "outside the regions the candidate would move to",
}

# Sentences the API writes in English with figures inside; the pages translate them whole.
SENTENCES = (
    "meets expectation", "{percent}% below expectation", "remote work", "unknown", "where you live",
    "a region you would move to", "hybrid work, outside your regions", "outside the regions you would move to",
    "add '{skill}' if you have it: {count} of your top openings ask for it",
    "{count} of your top {top} openings pay below your expected salary",
    "{count} of your top {top} openings are outside the regions you would move to: add regions to widen your search",
    "below the ecosystem's market for this role: {posted} EUR gross full-time a year, where 90% of comparable posts pay at least {low}",
    "below the ecosystem's median for this role ({median} EUR): posts paying less fill less often",
    "a 10% premium goes with {effect} points of fill probability (95% interval {low} to {high}; {n} closed positions)",
    "the data cannot support a claim: a 10% premium goes with {effect} points of fill probability, but the 95% interval {low} to {high} includes no effect ({n} closed positions)",
    "the data cannot support a claim: {n} closed positions with a salary, {filled} of them filled",
    "the salary models are being fitted: retry in a minute",
    # the API's own refusals, as the forms show them
    "a hire needs its start_date", "start_date belongs only to a change to 'hired'",
    "end_date ({end}) is before start_date ({start})", "region is a NUTS-2 code of Italy: leave it empty for a place abroad",
    "current_region is a NUTS-2 code of Italy: leave it empty when current_country is not IT",
    "consent must be true: a profile cannot be kept without it",
    "give a title in Italian (title_it), English (title_en) or both",
    "give a description in Italian (description_it), English (description_en) or both",
    "salary_min ({low}) is above salary_max ({high})", "deadline ({deadline}) is before opening_date ({opening})",
    "a position cannot be open with a deadline in the past ({deadline})",
    "the application is already '{stage}' and cannot change any more", "the application is already in stage '{stage}'",
    "a candidate can only withdraw an application", "only the candidate can withdraw an application",
    "an application can be marked 'hired' only after an 'offer'", "an application cannot move back from '{current}' to '{target}'",
    "you applied to this position already (application {id})",
    "position {id} does not exist or is not open for applications",
    "an account with email {email} exists already: sign in instead",
    # why the allocation leaves an opening unfilled (service.allocation, models.allocation)
    "no current candidate has it among their 50 best matches by content (field and topic)",
    "its fitting candidates fill other openings better", "no active candidate has a profile yet",
    "career stage", "salary below what fitting candidates expect", "location: fitting candidates would not move there",
)


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(f"^{regex}$")


_SENTENCE_PATTERNS = [(template, _pattern(template)) for template in SENTENCES]
_ENGLISH_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+-]?\d+(\.\d+)?$")


class _DictTranslations:
    """gettext's two lookups over the page's ``translate`` (until the catalog is a gettext one)."""

    def __init__(self, translate: Callable[..., str]):
        self._translate = translate

    def gettext(self, message: str) -> str:
        return self._translate(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translate(singular if n == 1 else plural)


def param_writer(formats: "Formats") -> Callable[[object], str]:
    """A message parameter written the page language's way: numbers, dates; names and words as they are."""
    def write(value: object) -> str:
        if isinstance(value, bool) or value is None:
            return str(value)
        if isinstance(value, int):
            return formats.number(value)
        if isinstance(value, float):
            return formats.number(value, 0 if value.is_integer() else 2)
        if isinstance(value, (date, datetime)):
            return formats.date(value)
        return str(value)
    return write


def message_renderer(translate: Callable[..., str], formats: "Formats") -> Callable[[Message], str]:
    """``say(message)``: a message code with its parameters, written in the page's language."""
    translations, write = _DictTranslations(translate), param_writer(formats)
    return lambda message: render(message, translations, write)


def sentence_translator(translate: Callable[..., str], formats: "Formats") -> Callable[[str], str]:
    """``sentence(text)``: an API sentence in the page's language, its figures written the language's way.
    A ``Message`` (a code with parameters) is rendered from its code: nothing is parsed."""
    say = message_renderer(translate, formats)

    def sentence(text: "str | Message | None") -> str:
        if not text:
            return ""
        if isinstance(text, Message):
            return say(text)
        for template, pattern in _SENTENCE_PATTERNS:
            found = pattern.match(text)
            if found:
                return translate(template, **{k: _number(v, formats) for k, v in found.groupdict().items()})
        return translate(text)
    return sentence


def _number(value: str, formats: "Formats") -> str:
    if not _ENGLISH_NUMBER.match(value):
        return value
    number = float(value.replace(",", ""))
    digits = len(value.split(".")[1]) if "." in value and not number.is_integer() else 0
    written = formats.number(abs(number), digits)
    return ("+" if value.startswith("+") else "-" if number < 0 else "") + written
