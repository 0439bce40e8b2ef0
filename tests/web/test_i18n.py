"""The languages: choice, catalog completeness, and numbers written each language's way."""
import ast
import re
from datetime import date
from pathlib import Path

import pytest
from starlette.requests import Request

from service.web import i18n
from service.web.catalog_it import ITALIAN
from service.messages import MESSAGES

WEB = Path(i18n.__file__).parent
_MESSAGE = re.compile(r'''_\(\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')''')  # _("...") and N_("...")


def used_messages() -> set[str]:
    sources = [*WEB.rglob("*.html"), *(p for p in WEB.rglob("*.py") if p.name != "catalog_it.py")]
    found = {ast.literal_eval(m.group(1)) for path in sources for m in _MESSAGE.finditer(path.read_text())}
    return (found | set(i18n.LABELS.values()) | set(i18n.SENTENCES)
            | {text for t in MESSAGES.values() for text in (t.singular, t.plural) if text}
            | set(i18n.ABOUT_THE_CANDIDATE.values()))


def test_every_message_on_the_pages_has_its_italian():
    missing = sorted(used_messages() - set(ITALIAN))
    assert not missing, f"add these to service/web/catalog_it.py: {missing}"


def test_the_catalog_holds_no_message_the_pages_stopped_using():
    assert not sorted(set(ITALIAN) - used_messages())


def test_each_italian_message_keeps_the_english_fields():
    def fields(text):
        return sorted(re.findall(r"\{(\w+)\}", text))
    wrong = {en: it for en, it in ITALIAN.items() if fields(en) != fields(it)}
    assert not wrong


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


def test_api_sentences_are_translated_with_their_figures_rewritten():
    sentence = i18n.sentence_translator(i18n.gettext("it"), i18n.Formats("it"))
    assert sentence("49% below expectation") == "49% sotto le attese"
    assert sentence("below the ecosystem's market for this role: 15,000 EUR gross full-time a year, where 90% of "
                    "comparable posts pay at least 22,230") == (
        "sotto il mercato dell'ecosistema per questo ruolo: 15.000 EUR lordi l'anno a tempo pieno, mentre il 90% "
        "delle posizioni confrontabili paga almeno 22.230")
    assert sentence("a 10% premium goes with +23.1 points of fill probability (95% interval +12.3 to +32.1; "
                    "290 closed positions)").startswith("un 10% in più di retribuzione si accompagna a +23,1 punti")
    assert sentence("a sentence nobody translated") == "a sentence nobody translated"
    english = i18n.sentence_translator(i18n.gettext("en"), i18n.Formats("en"))
    assert english("add 'python' if you have it: 3 of your top openings ask for it") == \
        "add 'python' if you have it: 3 of your top openings ask for it"


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


def test_hr_offices_read_location_verdicts_about_the_candidate():
    assert set(i18n.ABOUT_THE_CANDIDATE) <= set(i18n.SENTENCES)  # each replaces a sentence the API writes
