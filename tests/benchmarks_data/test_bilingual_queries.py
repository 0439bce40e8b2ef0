"""The bilingual benchmark's hand-written query set stays well-formed and answerable on the demo."""
from datetime import date

import pytest

from benchmarks import bilingual
from models.taxonomy import ContractType, position_is_open, values
from seeds import demo


@pytest.fixture(scope="module")
def open_positions() -> list[dict]:
    data = demo.generate(seed=7, n_candidates=0, today=date.today())
    return [p for p in data.positions if position_is_open(p["status"], p["deadline"], date.today())]


def test_query_file_is_well_formed_and_half_italian_half_english():
    queries = bilingual.load_queries()
    assert len(queries) >= 70
    assert len({q["query"].lower() for q in queries}) == len(queries)
    keys = {"query", "language", "topics", "related_topics", "roles", "cities"}
    cities = {inst[6] for inst in demo.INSTITUTIONS}
    for q in queries:
        assert set(q) <= keys and q["query"].strip() and q["topics"], q
        assert q["language"] in ("it", "en"), q
        assert set(q["topics"]) | set(q.get("related_topics", [])) <= bilingual.TOPIC_NAMES, q
        assert set(q.get("roles", [])) <= set(values(ContractType)), q
        assert set(q.get("cities", [])) <= cities, q
    italian = sum(q["language"] == "it" for q in queries)
    assert italian == len(queries) - italian


def test_every_query_has_a_relevant_open_demo_position(open_positions):
    for q in bilingual.load_queries():
        assert bilingual.judged(q, open_positions), q["query"]


def test_every_open_demo_position_has_a_topic_and_the_directions_split_its_queries(open_positions):
    assert all(bilingual.topic_of(p) for p in open_positions)
    cases = bilingual.cases_from(bilingual.load_queries(), open_positions)
    assert {c["direction"] for c in cases} == set(bilingual.DIRECTIONS)
    by_id = {p["id"]: p for p in open_positions}
    for case in cases:
        language = case["language"]
        same = case["direction"] == f"{language}->{language}"
        assert all(bool(by_id[pid][f"title_{language}"]) == same for pid in case["relevant"])


def test_grades_follow_the_rule():
    position = {"title_en": "Research grant in photonics for telecommunications", "title_it": None,
                "contract_type": "research_grant", "city": "Milano"}
    rule = {"topics": ["photonics for telecommunications"], "roles": ["research_grant"], "cities": ["Milano"]}
    assert bilingual.grade(rule, position) == 2
    assert bilingual.grade(rule, position | {"city": "Roma"}) == 1
    assert bilingual.grade({"topics": ["seismic hazard assessment"]}, position) == 0
    assert bilingual.grade({"topics": ["seismic hazard assessment"], "related_topics": [rule["topics"][0]]}, position) == 1


def test_pairs_point_across_languages(open_positions):
    pairs = bilingual.pair_cases(open_positions)
    assert {c["direction"] for c in pairs} == {"it->en", "en->it"}
    by_id = {p["id"]: p for p in open_positions}
    for case in pairs:
        other = "en" if case["language"] == "it" else "it"
        assert 2 in case["relevant"].values()
        assert all(by_id[pid][f"title_{other}"] and not by_id[pid][f"title_{case['language']}"] for pid in case["relevant"])


def test_scores_of_a_perfect_and_an_empty_ranking():
    assert bilingual.scores([3, 1, 2], {3: 2, 1: 1}, set()) == (1.0, 1.0, 1.0)
    assert bilingual.scores([5, 6], {3: 2}, set()) == (0.0, 0.0, 0.0)
    recall, rr, _ = bilingual.scores([9, 3], {3: 2}, excluded={9})
    assert (recall, rr) == (1.0, 1.0)
