"""The languages: choice, the gettext catalog's completeness, plural forms, and numbers written
each language's way."""
import io
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from starlette.requests import Request

from service.messages import MESSAGES, Message, render
from service.web import i18n

ROOT = Path(i18n.__file__).parents[2]
PO = i18n.LOCALE_DIR / "it" / "LC_MESSAGES" / "messages.po"


def italian_catalog():
    with PO.open("rb") as file:
        return read_po(file)


def extracted() -> set:
    """Every message id the sources use, extracted the way pybabel does (babel.cfg)."""
    method_map = [("service/**.py", "python"), ("service/web/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, keywords=_babel_keywords()):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def _babel_keywords() -> dict:
    """The keywords the README's pybabel extract passes."""
    return parse_keywords(["_", "N_", "ngettext:1,2", "_n:1,2", "Text:1,1t", "Text:1,2,3t"])


def fields(text: str) -> list[tuple[str, str]]:
    """The {name:kind} fields of a message, sorted (the kind tells how a number is written)."""
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def test_the_catalog_holds_exactly_the_messages_the_sources_use():
    ids = {m.id for m in italian_catalog() if m.id}
    used = extracted()
    assert not sorted(map(str, used - ids)), "run pybabel extract/update (README) and translate the new ones"
    assert not sorted(map(str, ids - used)), "the catalog holds messages nothing uses: pybabel update removes them"


def test_every_message_has_its_italian_with_the_same_fields_and_three_plural_forms():
    catalog = italian_catalog()
    assert catalog.num_plurals == 3  # Italian: one, many (a million), other
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            assert len(message.string) == 3 and all(message.string), message.id
            for form in message.string:
                assert fields(form) == fields(plural), (message.id, form)
        else:
            assert message.string, f"no Italian for {message.id!r}"
            assert fields(message.string) == fields(message.id), message.id
        assert not message.fuzzy, message.id


def test_the_compiled_catalog_is_the_po_file():
    compiled = io.BytesIO()
    write_mo(compiled, italian_catalog())
    assert compiled.getvalue() == PO.with_suffix(".mo").read_bytes(), "run pybabel compile (README)"


def test_every_message_code_renders_in_both_languages_and_agrees_in_number():
    english, italian = i18n.catalog("en"), i18n.catalog("it")
    for code, text in MESSAGES.items():
        params = {name: 7 for _, name, _, _ in string.Formatter().parse(text.plural or text.singular) if name}
        for n in (1, 2) if text.count else (None,):
            if n is not None:
                params[text.count] = n
            en, it = render(Message(code, params), english), render(Message(code, params), italian)
            assert it != en, f"{code}: the Italian page would show English ({en!r})"
    one = {"count": 1, "skill": "python"}
    assert render(Message("tip.add_skill", one), italian) == "aggiungi 'python' se ce l'hai: la chiede 1 delle posizioni più adatte a te"
    assert render(Message("tip.add_skill", one | {"count": 3}), italian).endswith("la chiedono 3 delle posizioni più adatte a te")
    assert render(Message("import.rejected", {"rejected": 1, "received": 4}), english) == \
        "1 row of 4 was refused, so none was imported"


def _request(headers: dict) -> Request:
    return Request({"type": "http", "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]})


@pytest.mark.parametrize(("headers", "expected"), [
    ({}, "en"),
    ({"Accept-Language": "it-IT,it;q=0.9,en;q=0.8"}, "it"),
    ({"Accept-Language": "de-DE,en;q=0.5,it;q=0.7"}, "it"),  # German is not offered: the best one that is
    ({"Accept-Language": "fr"}, "en"),
    ({"Accept-Language": "it;q=nonsense, en"}, "en"),
    ({"Accept-Language": "it-IT", "Cookie": "lang=en"}, "en"),  # the user's own choice wins
    ({"Cookie": "lang=xx"}, "en"),
])
def test_language_follows_the_users_choice_then_the_browser(headers, expected):
    assert i18n.language_of(_request(headers)) == expected


def test_numbers_money_and_dates_are_written_the_languages_way():
    english, italian = i18n.Formats("en"), i18n.Formats("it")
    assert english.number(1234567.5) == "1,234,568" and italian.number(1234567.5) == "1.234.568"
    assert english.number(0.5, 2) == "0.50" and italian.number(0.5, 2) == "0,50"
    assert english.money(23200) == "€23,200" and italian.money(23200) == "23.200\xa0€"
    assert english.percent(0.323) == "32%" and italian.percent(0.323, 1) == "32,3%"
    assert english.date(date(2026, 12, 13)) == "13 Dec 2026" and italian.date("2026-12-13") == "13 dic 2026"
    assert italian.signed(-19.44) == "−19,4" and english.signed(4) == "+4.0"
    assert english.number(None) == italian.money(None) == "–"


def test_messages_are_written_with_their_figures_the_languages_way():
    say = i18n.message_renderer("it", i18n.Formats("it"))
    assert say({"code": "salary.below_expectation", "params": {"percent": 49}}) == "49% sotto le attese"
    # Money with its unit, written as the page writes money (issue 14: "almeno 39.129" had none, beside "€").
    assert say(Message("salary.below_market", {"posted": 15000, "low": 22230})) == (
        "sotto il mercato dell'ecosistema per questo ruolo: la retribuzione indicata è 15.000\xa0€ lordi l'anno a "
        "tempo pieno, mentre nove posizioni confrontabili su dieci pagano almeno 22.230\xa0€ l'anno")
    assert render(Message("salary.below_median", {"median": 31400.4})).startswith(
        "lower than what half of comparable posts in the ecosystem pay: €31,400 a year")
    assert say(Message("fill.effect", {"effect": 23.14, "low": 12.3, "high": 32.1, "n": 2900})).startswith(
        "un 10% in più di retribuzione si accompagna a +23,1 punti di probabilità di copertura (intervallo al 95%: "
        "da +12,3 a +32,1; 2.900 posizioni chiuse)")
    assert render(Message("fill.effect", {"effect": 23.14, "low": -1.0, "high": 32.1, "n": 2900})).startswith(
        "a 10% premium goes with +23.1 points of fill probability (interval at 95%: -1.0 to +32.1; 2,900 closed")
    assert say("Sign in") == "Accedi"  # a page's own message id


def test_plurals_in_the_pages_follow_the_number():
    plural = i18n.ngettext("it")
    assert plural("{months} month", "{months} months", 1, months=1) == "1 mese"
    assert plural("{months} month", "{months} months", 6, months=6) == "6 mesi"
    assert i18n.ngettext("en")("{n} value under 5 people is hidden", "{n} values under 5 people are hidden", 1) == \
        "1 value under 5 people is hidden"


def test_labels_name_vocabulary_values_and_leave_names_alone():
    label = i18n.labeller(i18n.gettext("it"))
    assert label("phd_scholarship") == "Borsa di dottorato"
    assert label("Università Demo di Genova") == "Università Demo di Genova"


def test_every_vocabulary_value_has_words_on_the_pages():
    from models import taxonomy
    from models.attraction import CLASSES
    vocabularies = [taxonomy.CareerStage, taxonomy.ContractType, taxonomy.PositionStatus, taxonomy.SalaryPeriod,
                    taxonomy.SalaryBasis, taxonomy.RemoteOption, taxonomy.RemotePreference, taxonomy.EducationLevel,
                    taxonomy.Gender, taxonomy.PlaceKind, taxonomy.ApplicationStage]
    values = {v for vocabulary in vocabularies for v in taxonomy.values(vocabulary)}
    values |= set(taxonomy.RESEARCH_FIELDS) | set(CLASSES)
    assert not sorted(values - set(i18n.LABELS))
