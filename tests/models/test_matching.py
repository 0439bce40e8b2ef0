"""Scoring, as pure functions."""
import pytest

from models.said import Said

from models import matching as m


def test_skills_fit_reports_matched_and_missing_in_the_positions_words():
    value, matched, missing = m.skills_fit(["Python", "machine  learning"], ["python", "Machine Learning", "R"])
    assert value == pytest.approx(2 / 3)
    assert matched == ["python", "Machine Learning"] and missing == ["R"]


@pytest.mark.parametrize("candidate, position, expected", [("R2", "R2", 1.0), ("R2", "R3", 0.5), ("R1", "R3", 0.0), (None, "R1", 0.5)])
def test_stage_fit(candidate, position, expected):
    assert m.stage_fit(candidate, position) == expected


@pytest.mark.parametrize("expected, offered, value", [(30000, 30000, 1.0), (30000, 45000, 1.0), (30000, 22500, 0.5),
                                                      (30000, 15000, 0.0), (30000, 10000, 0.0), (None, 30000, 0.5)])
def test_salary_fit(expected, offered, value):
    assert m.salary_fit(expected, offered)[0] == pytest.approx(value)


def test_location_fit_prefers_home_then_chosen_regions():
    assert m.location_fit("ITC3", ["ITC4"], "onsite", "ITC3", "onsite")[0] == 1.0
    assert m.location_fit("ITC3", ["ITC4"], "onsite", "ITC4", "onsite")[0] == 0.9
    assert m.location_fit("ITC3", ["ITC4"], "onsite", "ITF3", "onsite")[0] == 0.0
    assert m.location_fit("ITC3", [], "any", "ITF3", "remote")[0] == 1.0


def test_fused_parts_add_up_and_weights_sum_to_one():
    assert sum(m.WEIGHTS.values()) == pytest.approx(1.0)
    assert sum(m.TEXT_ONLY_WEIGHTS.values()) == pytest.approx(1.0)
    candidate = {"skills": ["python"], "fields": ["computer_science"], "career_stage": "R2", "years_experience": 1,
                 "expected_salary_eur_year": 40000, "current_region": "ITC3", "mobility_regions": []}
    position = {"required_skills": ["python", "sql"], "fields": ["computer_science"], "career_stage": "R3",
                "min_years_experience": 2, "salary_gross_eur_year": 30000, "region": "ITC3", "remote": "onsite"}
    match = m.score_pair(candidate, position, semantic=0.6, text=0.3)
    assert sum(p.contribution for p in match.parts) == pytest.approx(match.score)
    values = {p.signal: p.value for p in match.parts}
    assert values == pytest.approx({"semantic": 0.6, "text": 0.3, "skills": 0.5, "field": 1.0, "stage": 0.5,
                                    "experience": 0.5, "salary": 0.5, "location": 1.0})
    assert match.salary["verdict"] == Said("salary.below_expectation", {"percent": 25})
    assert match.location["place"] == m.HOME


def test_crowding_is_a_negative_part_that_keeps_the_sum():
    base = m.score_text_only(0.8, 0.2)
    crowded = m.apply_crowding(base, price=0.1, strength=1.0)
    assert crowded.score == pytest.approx(base.score - 0.1)
    assert sum(p.contribution for p in crowded.parts) == pytest.approx(crowded.score)
    assert m.apply_crowding(base, price=0.1, strength=0.0) is base


def test_suggestions_name_the_most_wanted_missing_skills():
    matches = [m.Match(0.5, [], missing_skills=["sql", "r"]), m.Match(0.4, [], missing_skills=["sql"])]
    tips = m.profile_suggestions(matches)
    assert tips[0] == Said("tip.add_skill", {"skill": "sql", "count": 2})
