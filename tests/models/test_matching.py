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
    base = m.relevance(0.8, 0.2)
    crowded = m.apply_crowding(base, price=0.1, strength=1.0)
    assert crowded.score == pytest.approx(base.score - 0.1)
    assert sum(p.contribution for p in crowded.parts) == pytest.approx(crowded.score)
    assert m.apply_crowding(base, price=0.1, strength=0.0) is base


def test_suggestions_name_the_most_wanted_missing_skills():
    matches = [m.Match(0.5, [], missing_skills=["sql", "r"]), m.Match(0.4, [], missing_skills=["sql"])]
    tips = m.profile_suggestions(matches)
    assert tips[0] == Said("tip.add_skill", {"skill": "sql", "count": 2})


# --- free-text search: relevance, its floor, and the query leading a signed-in candidate's results ---

def test_similarity_value_maps_a_models_range_onto_zero_to_one():
    assert m.similarity_value(0.80, 0.80, 0.92) == 0.0
    assert m.similarity_value(0.86, 0.80, 0.92) == pytest.approx(0.5)
    assert m.similarity_value(0.95, 0.80, 0.92) == 1.0 and m.similarity_value(0.5, 0.80, 0.92) == 0.0
    assert m.similarity_value(None, 0.80, 0.92) is None


def test_a_row_without_a_vector_is_ranked_by_its_words_on_the_same_scale():
    embedded = m.relevance(0.6, 1.0)
    assert embedded.score == pytest.approx(0.75 * 0.6 + 0.25 * 1.0)
    assert sum(p.contribution for p in embedded.parts) == pytest.approx(embedded.score)
    # Half the words and no vector: ranked as a typical result with half the words, not as unrelated.
    assert m.relevance(None, 0.5).score == pytest.approx(0.75 * 0.5 + 0.25 * 0.5)
    assert m.relevance(None, 0.5).score > m.relevance(0.0, 0.5).score


def test_a_row_is_relevant_by_its_meaning_or_by_its_words():
    assert m.is_relevant(0.3, 0.0, semantic_floor=0.25, words_floor=0.5)       # the other language: meaning alone
    assert m.is_relevant(0.0, 0.5, semantic_floor=0.25, words_floor=0.5)       # half the words, unrelated meaning
    assert m.is_relevant(None, 0.5, semantic_floor=0.25, words_floor=0.5)      # no vector yet
    assert not m.is_relevant(0.2, 0.4, semantic_floor=0.25, words_floor=0.5)
    assert not m.is_relevant(None, 0.0, semantic_floor=0.25, words_floor=0.5)


def test_fit_orders_results_within_a_band_of_relevance_never_across():
    relevance = [0.90, 0.85, 0.70, 0.65, 0.95]
    fit = [0.10, 0.90, 0.99, 0.20, 0.50]
    # Bands of 0.1 from each band's best: {0.95, 0.90, 0.85}, then {0.70, 0.65}.
    assert m.query_led_order(relevance, fit, width=0.1) == [1, 4, 0, 2, 3]
    # The most fitting result (0.99) never rises above a band more relevant than its own.
    assert m.query_led_order(relevance, fit, width=0.0) == [4, 0, 1, 2, 3]
    assert m.query_led_order([], [], width=0.1) == []


def test_a_post_waiting_for_its_vector_gets_the_typical_similarity_of_the_results():
    embedded = [(0.2, 0.5), (0.6, 1.0), (0.4, 0.5), (0.9, 0.0)]  # (similarity, share of the words)
    assert m.semantic_estimate(embedded, share=0.5) == pytest.approx(0.4)   # median of 0.2, 0.6, 0.4
    assert m.semantic_estimate(embedded, share=1.0) == pytest.approx(0.6)   # only one holds all the words
    # Holding more of the words than any embedded result: the best of those holding some.
    assert m.semantic_estimate(embedded[:1] + embedded[2:], share=0.8) == pytest.approx(0.4)
    assert m.semantic_estimate([], share=0.5) == pytest.approx(0.5)
    assert m.semantic_estimate([(0.7, 0.0)], share=0.5) == pytest.approx(0.5)  # none holds any word
    waiting = m.relevance(None, 1.0, estimate=0.4)
    assert [p.signal for p in waiting.parts] == ["semantic_estimate", "text"]
    # Same scale as an embedded post of typical similarity holding all the words: not above it.
    assert waiting.score == pytest.approx(m.relevance(0.4, 1.0).score)
    assert waiting.score < m.relevance(0.9, 1.0).score
