"""Messages as codes: written from their code and parameters, in English for the API, and refusals
mapped to HTTP once (status by kind, code and parameters in the body)."""
import asyncio
import json
from datetime import date

import pytest

from service import errors, messages
from service.domain import Conflict, DomainError, Forbidden, Invalid, NotFound
from service.messages import Message, Text, render
from service.web.i18n import Formats, message_renderer


@pytest.fixture
def imported(monkeypatch):
    monkeypatch.setitem(messages.MESSAGES, "test.imported",
                        Text("{n} position imported on {day}", "{n} positions imported on {day}", "n"))
    return "test.imported"


def test_a_message_is_written_from_its_code_with_the_plural_its_count_asks_for(imported):
    assert render(Message(imported, {"n": 1, "day": "today"})) == "1 position imported on today"
    assert render(Message(imported, {"n": 2, "day": "today"})) == "2 positions imported on today"


def test_a_page_writes_the_parameters_the_language_s_way(monkeypatch):
    monkeypatch.setitem(messages.MESSAGES, "test.counted",
                        Text("{n:count} positions imported on {day}, {pay:amount} EUR, {change:signed}"))
    say = message_renderer("it", Formats("it"))
    assert say(Message("test.counted", {"n": 1200, "day": date(2026, 3, 1), "pay": 31500.4, "change": -2.26})) == \
        f"1.200 positions imported on {Formats('it').date(date(2026, 3, 1))}, 31.500 EUR, −2,3"
    assert render(Message("test.counted", {"n": 1200, "day": date(2026, 3, 1), "pay": 31500.4, "change": -2.26})) == \
        "1,200 positions imported on 2026-03-01, 31,500 EUR, -2.3"


def test_an_unknown_code_or_a_plural_without_its_count_is_refused_at_once():
    with pytest.raises(KeyError):
        Message("no.such.code")
    with pytest.raises(ValueError):
        Text("{n} thing", "{n} things")


@pytest.mark.parametrize(("kind", "status"), [(NotFound, 404), (Forbidden, 403), (Conflict, 409), (Invalid, 422)])
def test_a_refusal_answers_its_status_with_code_params_and_english(imported, kind, status):
    refusal: DomainError = kind(imported, field="file", n=3, day=date(2026, 1, 2))
    response = asyncio.run(errors._refused(None, refusal))
    assert response.status_code == status
    assert json.loads(response.body) == {"detail": "3 positions imported on 2026-01-02", "code": imported,
                                         "params": {"n": 3, "day": "2026-01-02"}, "field": "file"}
