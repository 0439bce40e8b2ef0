"""The attracted-talent rule in SQL (hub_origin, migration 0019), which the triggers count hires
by, classifies every history as models.attraction.classify does."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.attraction import Period, classify
from service.queries import candidates

REGIONS = ["ITC3", "ITC4"]
START = date(2026, 3, 31)  # a month end: the window's start clamps (add_months)

places = st.lists(st.tuples(st.sampled_from(["IT", "FR"]), st.sampled_from(["ITC3", "ITC4", "ITI4", None]),
                            st.integers(-1600, 40), st.one_of(st.none(), st.integers(0, 900))), max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=places, start_shift=st.integers(0, 400), nationality=st.sampled_from(["IT", "FR", None]))
def test_sql_rule_classifies_every_history_as_the_python_rule(conn, history, start_shift, nationality):
    conn.execute("SAVEPOINT example")
    try:
        start = START + timedelta(days=start_shift)
        candidate_id = candidates.create_candidate(conn, "Someone", f"origin{start_shift}@test.example")
        rows = [{"kind": "residence", "country": country, "region": region if country == "IT" else None,
                 "start_date": start + timedelta(days=offset),
                 "end_date": None if length is None else start + timedelta(days=offset + length)}
                for country, region, offset, length in history]
        candidates.replace_places(conn, candidate_id, rows)
        sql = conn.execute("SELECT hub_origin(%s, %s, %s, %s) AS origin",
                           (candidate_id, start, REGIONS, nationality)).fetchone()["origin"]
        periods = [Period(r["country"], r["region"], r["start_date"], r["end_date"]) for r in rows]
        assert sql == classify(periods, start, REGIONS, nationality)
    finally:
        conn.execute("ROLLBACK TO SAVEPOINT example")
