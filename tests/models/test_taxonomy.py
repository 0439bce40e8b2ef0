"""Application stage rules, as pure functions."""
import pytest

from models.taxonomy import FUNNEL, stage_transition_error, values, ApplicationStage
from service.messages import Message, english


def _reason(current: str, target: str, role: str) -> str | None:
    """The refusal as the API words it (the rule answers a message code and its parameters)."""
    refusal = stage_transition_error(current, target, role)
    return None if refusal is None else english(Message(*refusal))


@pytest.mark.parametrize("current, target", [
    ("applied", "screening"), ("applied", "interview"), ("screening", "offer"), ("offer", "hired"),
    ("applied", "rejected"), ("interview", "rejected"), ("offer", "rejected"),
])
def test_hr_may_move_forward_or_reject(current, target):
    assert stage_transition_error(current, target, "hr") is None


@pytest.mark.parametrize("current, target, reason", [
    ("interview", "screening", "move back"),
    ("interview", "hired", "only after an 'offer'"),
    ("applied", "hired", "only after an 'offer'"),
    ("offer", "withdrawn", "only the candidate"),
    ("screening", "screening", "already in stage"),
])
def test_hr_may_not(current, target, reason):
    assert reason in _reason(current, target, "hr")


@pytest.mark.parametrize("terminal", ["hired", "rejected", "withdrawn"])
@pytest.mark.parametrize("role", ["hr", "candidate"])
def test_terminal_stages_never_change(terminal, role):
    for target in values(ApplicationStage):
        assert "cannot change any more" in _reason(terminal, target, role)


def test_candidate_may_only_withdraw():
    for current in FUNNEL[:-1]:
        assert stage_transition_error(current, "withdrawn", "candidate") is None
        for target in ("screening", "interview", "offer", "hired", "rejected"):
            if target != current:
                assert _reason(current, target, "candidate") == "a candidate can only withdraw an application"
