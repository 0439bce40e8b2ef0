"""The filter columns kept in the vector tables (migration 0021) stay true, and filters hold on them."""
import numpy as np
import pytest

from service.queries import embeddings as vectors
from service.queries import matching as retrieval
from tests.factories import make_candidate, make_ecosystem, make_institution, make_position

MODEL = "test-model"


def _store(conn, kind: str, entity_id: int, vector: np.ndarray) -> None:
    rows = vectors.texts_to_embed(conn, kind, [entity_id], MODEL)
    vectors.store(conn, kind, MODEL, rows, [vector / np.linalg.norm(vector)])


def _copy(conn, position_id: int) -> dict:
    return conn.execute("SELECT current, status, contract_type, region, deadline, fields, salary_gross_eur_year"
                        " FROM position_embeddings WHERE position_id = %s", (position_id,)).fetchone()


@pytest.fixture
def institution(conn):
    return make_institution(conn, make_ecosystem(conn)["id"], "University A")


def test_stored_vector_copies_its_positions_filter_columns(conn, institution):
    position = make_position(conn, institution["id"], contract_type="company_employee", region="ITC4")
    _store(conn, "position", position["id"], np.ones(384, np.float32))
    copy = _copy(conn, position["id"])
    assert copy["current"] is True
    assert (copy["status"], copy["contract_type"], copy["region"]) == ("open", "company_employee", "ITC4")
    salary = conn.execute("SELECT salary_gross_eur_year FROM positions WHERE id = %s", (position["id"],)).fetchone()
    assert copy["salary_gross_eur_year"] == salary["salary_gross_eur_year"] is not None


def test_position_edits_reach_its_vector_and_an_edited_text_makes_it_stale(conn, institution):
    position = make_position(conn, institution["id"])
    _store(conn, "position", position["id"], np.ones(384, np.float32))
    conn.execute("UPDATE positions SET status = 'closed', region = 'ITC4', contract_type = 'company_employee' WHERE id = %s",
                 (position["id"],))
    copy = _copy(conn, position["id"])  # not the text: the vector stays current
    assert (copy["status"], copy["region"], copy["contract_type"], copy["current"]) == ("closed", "ITC4", "company_employee", True)
    conn.execute("UPDATE positions SET title_en = 'Another title' WHERE id = %s", (position["id"],))
    assert _copy(conn, position["id"])["current"] is False
    assert vectors.current_vector(conn, "position", position["id"], MODEL) is None
    _store(conn, "position", position["id"], np.ones(384, np.float32))  # the worker re-embeds the new text
    assert _copy(conn, position["id"])["current"] is True


def test_candidate_edits_reach_its_vector(conn):
    _, candidate_id = make_candidate(conn, "c@test.example", career_stage="R1", current_region="ITC3",
                                     languages=[{"language": "en", "level": "B2"}])
    _store(conn, "candidate", candidate_id, np.ones(384, np.float32))
    conn.execute("UPDATE candidates SET career_stage = 'R3', languages = %s, years_experience = 4 WHERE id = %s",
                 ('[{"language": "it", "level": "C1"}]', candidate_id))
    copy = conn.execute("SELECT current, career_stage, languages, years_experience FROM candidate_embeddings"
                        " WHERE candidate_id = %s", (candidate_id,)).fetchone()
    assert (copy["current"], copy["career_stage"], copy["languages"]) == (True, "R3", [{"language": "it", "level": "C1"}])
    assert copy["years_experience"] == 4
    conn.execute("UPDATE candidates SET headline = 'A new headline' WHERE id = %s", (candidate_id,))
    assert vectors.current_vector(conn, "candidate", candidate_id, MODEL) is None


@pytest.mark.parametrize("walk_index", [True, False])
def test_filters_hold_with_iterative_scans_and_find_the_exact_nearest(conn, institution, walk_index):
    """A filter that 1 in 10 open positions passes, some others closed: the index walk (iterative scan)
    and the planner's own choice both return only passing rows, k of them, the exact nearest."""
    rng = np.random.default_rng(3)
    ids, matrix = [], []
    for i in range(200):
        position = make_position(conn, institution["id"], title_en=f"Post {i}",
                                 contract_type="company_employee" if i % 10 == 0 else "contratto_di_ricerca",
                                 status="closed" if i % 20 == 0 else "open")
        vector = rng.standard_normal(384).astype(np.float32)
        _store(conn, "position", position["id"], vector)
        ids.append(position["id"])
        matrix.append(vector / np.linalg.norm(vector))
    conn.execute("ANALYZE position_embeddings")
    query = rng.standard_normal(384).astype(np.float32)
    query /= np.linalg.norm(query)
    where, params = retrieval.position_filters(None, {"contract_type": "company_employee"})
    retrieval.tune_vector_search(conn, 300, walk_index=walk_index)
    found = retrieval.nearest(conn, "position", query, MODEL, where, params, 5)
    passing = [i for n, i in enumerate(ids) if n % 10 == 0 and n % 20 != 0]
    cosines = {i: float(matrix[ids.index(i)] @ query) for i in passing}
    assert set(found) <= set(passing)
    assert list(found) == sorted(cosines, key=lambda i: -cosines[i])[:5]
    assert found == pytest.approx({i: cosines[i] for i in found}, abs=1e-5)


def test_scoring_rows_of_the_nearest_are_those_of_nearest_and_positions_for_scoring(conn, institution):
    rng = np.random.default_rng(4)
    for i in range(30):
        position = make_position(conn, institution["id"], title_en=f"Post {i}", required_skills=["python", f"s{i}"])
        _store(conn, "position", position["id"], rng.standard_normal(384).astype(np.float32))
    query = rng.standard_normal(384).astype(np.float32)
    query /= np.linalg.norm(query)
    where, params = retrieval.position_filters(None, {})
    retrieval.tune_vector_search(conn, 100)
    words = "python or s3"
    rows = retrieval.nearest_for_scoring(conn, "position", query, MODEL, where, params, 10, words)
    nearest = retrieval.nearest(conn, "position", query, MODEL, where, params, 10)
    assert [r["id"] for r in rows] == list(nearest)
    by_id = {r["id"]: r for r in retrieval.positions_for_scoring(conn, list(nearest), words)}
    for row in rows:
        assert row.pop("cosine") == pytest.approx(nearest[row["id"]])
        assert row == by_id[row["id"]]
