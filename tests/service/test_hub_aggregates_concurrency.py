"""Two transactions that count into the same rows of the hub's counts at once both get counted."""
import threading
from datetime import date, timedelta

import psycopg
from psycopg.rows import dict_row

from service.hub_data import AGGREGATES, RAW_ROWS
from service.migrate import migrate
from service.queries import applications, candidates
from tests.factories import make_ecosystem, make_institution, make_position


def _hire(url: str, position_id: int, candidate_id: int, holding: threading.Event | None,
          release: threading.Event | None, errors: list) -> None:
    """Applies and is hired in one transaction; with ``holding``, waits for ``release`` before committing."""
    try:
        with psycopg.connect(url, row_factory=dict_row) as conn:
            application_id = applications.create_application(conn, position_id, candidate_id, None, "portal", None)
            for before, after in (("applied", "offer"), ("offer", "hired")):
                applications.change_stage(conn, application_id, before, after, note=None, start_date=date.today(),
                                          actor_user_id=None)
            if holding is not None and release is not None:
                holding.set()
                release.wait(30)
            conn.commit()
    except Exception as exc:  # noqa: BLE001 - reported to the test's thread
        errors.append(exc)


def test_concurrent_hires_into_the_same_counts_are_both_counted(fresh_database):
    url = fresh_database("hub_aggregates_concurrency")
    migrate(url)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        ecosystem = make_ecosystem(conn)
        institution = make_institution(conn, ecosystem["id"], "Concurrent University")
        position = make_position(conn, institution["id"], openings=10, opening_date=date.today() - timedelta(days=5))
        people = [candidates.create_candidate(conn, f"Person {k}", f"p{k}@test.example") for k in range(2)]
        conn.commit()
    errors: list = []
    holding, release = threading.Event(), threading.Event()
    first = threading.Thread(target=_hire, args=(url, position["id"], people[0], holding, release, errors))
    first.start()
    assert holding.wait(30)  # the first transaction has counted its hire and has not committed
    second = threading.Thread(target=_hire, args=(url, position["id"], people[1], None, None, errors))
    second.start()
    second.join(1)
    assert second.is_alive()  # it waits on the rows the first one is adding to, rather than overwriting them
    release.set()
    first.join(30)
    second.join(30)
    assert not errors
    with psycopg.connect(url, row_factory=dict_row) as conn:
        counted = conn.execute("SELECT measure, sum(n) AS n FROM hub_event_counts WHERE cut = 'institution'"
                               " GROUP BY 1 ORDER BY 1").fetchall()
        assert {r["measure"]: r["n"] for r in counted} == {"applications": 2, "hires": 2, "offers": 2}
        assert AGGREGATES.applications_by_stage(conn) == RAW_ROWS.applications_by_stage(conn) == {"hired": 2}
        assert AGGREGATES.open_now(conn, "institution") == RAW_ROWS.open_now(conn, "institution")
        quarter = date(date.today().year, 3 * ((date.today().month - 1) // 3) + 1, 1)
        assert AGGREGATES.hire_tables(conn, quarter, None) == RAW_ROWS.hire_tables(conn, quarter, None)
