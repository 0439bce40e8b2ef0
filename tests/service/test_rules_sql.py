"""The rules migration 0009 defines in SQL give the answers of their Python twins (models/taxonomy.py),
and the planner still sees through them to the partial indexes on open positions."""
import itertools
import re
from datetime import date, timedelta

from models.taxonomy import CareerStage, PositionStatus, position_is_open, stage_distance, stages_compatible, values
from service.queries.positions import PUBLIC

TODAY = date(2026, 11, 25)
DEADLINES = (None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1))
STAGES = (*values(CareerStage), None)


def test_open_for_applications_is_the_same_rule_in_sql_and_python(conn):
    cases = list(itertools.product(values(PositionStatus), DEADLINES))
    answers = conn.execute(
        "SELECT c.status, c.deadline, ecotalent_position_is_open(c.status, c.deadline, %s) AS open"
        " FROM unnest(%s::text[], %s::date[]) AS c(status, deadline)",
        (TODAY, [s for s, _ in cases], [d for _, d in cases])).fetchall()
    assert len(answers) == len(cases) == 5 * 4
    for row in answers:
        assert row["open"] is position_is_open(row["status"], row["deadline"], TODAY), row
    # The grid reaches both answers, and the deadline day itself still accepts applications.
    assert {row["open"] for row in answers} == {True, False}
    assert position_is_open("open", TODAY, TODAY) and not position_is_open("open", TODAY - timedelta(days=1), TODAY)


def test_stage_rules_are_the_same_in_sql_and_python(conn):
    pairs = list(itertools.product(STAGES, STAGES))
    answers = conn.execute(
        "SELECT p.a, p.b, ecotalent_stage_distance(p.a, p.b) AS distance,"
        " ecotalent_stages_compatible(p.a, p.b) AS compatible FROM unnest(%s::text[], %s::text[]) AS p(a, b)",
        ([a for a, _ in pairs], [b for _, b in pairs])).fetchall()
    assert len(answers) == len(pairs) == 25
    for row in answers:
        assert row["distance"] == stage_distance(row["a"], row["b"]), row
        assert row["compatible"] is stages_compatible(row["a"], row["b"]), row
    # Hand-worked anchors: R1 and R3 are two steps apart, R2 and R3 one; unknown rules nothing out.
    assert stage_distance("R1", "R3") == 2 and not stages_compatible("R1", "R3")
    assert stage_distance("R3", "R2") == 1 and stages_compatible("R3", "R2")
    assert stage_distance(None, "R4") is None and stages_compatible(None, "R4")


def _plan(conn, where: str) -> str:
    rows = conn.execute(f"EXPLAIN (VERBOSE, COSTS OFF) SELECT p.id FROM positions p WHERE {where}")
    return "\n".join(row["QUERY PLAN"] for row in rows)


def test_the_planner_inlines_the_rules_and_keeps_the_open_positions_indexes(conn):
    conn.execute("SET LOCAL enable_seqscan = off")  # on an empty table the planner would scan it anyway
    plan = _plan(conn, f"{PUBLIC} AND p.contract_type = 'rtt'")
    written_out = _plan(conn, "p.status = 'open' AND (p.deadline IS NULL OR p.deadline >= current_date)"
                              " AND p.contract_type = 'rtt'")
    assert plan == written_out
    assert "ecotalent_position_is_open" not in plan, plan  # inlined: the plan shows the expression itself
    # A partial index WHERE status = 'open' (0004's positions_open_*, or 0012's positions_opened_idx: on an
    # empty table the planner may take either): only an inlined rule lets the planner match its predicate.
    assert re.search(r"Index Scan using positions_open(_|ed_idx)", plan), plan
    stage_plan = _plan(conn, "ecotalent_stages_compatible(p.career_stage, 'R2')")
    assert "ecotalent_stage" not in stage_plan and "abs(" in stage_plan, stage_plan
