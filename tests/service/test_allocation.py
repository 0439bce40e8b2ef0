"""The hub's allocation run through the API, on a small committed-free fixture."""
from collections import Counter

import numpy as np
import pytest
from scipy import sparse

from models.allocation import allocate, edge_blockers, fits_by_field, thin_fields
from service import allocation, jobs
from service.congestion import top_k_scores
from service.embedding_worker import embed_pending
from service.queries import allocation as allocation_queries
from service.queries import embeddings
from service.queries import jobs as job_queries
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_position, make_user
from tests.service.test_matching import MARINE, ML


def test_allocation_fills_what_it_can_and_says_why_not(client, conn, app, embedder):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "University A")
    ml = make_position(conn, inst["id"], **ML, openings=2, career_stage="R2")
    senior = make_position(conn, inst["id"], **MARINE, career_stage="R4")  # nobody is senior enough
    for i in range(3):
        make_candidate(conn, f"ml{i}@test.example", headline="Machine learning for energy grids",
                       cv_text="Neural networks forecasting electricity demand.", career_stage="R1")
    while embed_pending(conn, embedder):
        pass
    hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    result = client.post("/hub/allocation", headers=hub).json()
    assert result["openings"] == 3 and result["filled"] == 2 and result["candidates"] == 3
    assert result["unfilled"] == [{"position_id": senior["id"], "reason": "career stage",
                                   "reason_message": {"code": "allocation.career_stage", "params": {}},
                                   "title_it": senior["title_it"], "title_en": senior["title_en"],
                                   "institution_name": "University A"}]
    assert "full_name" not in str(result)
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    assert client.post("/hub/allocation", headers=hr).status_code == 403
    assert ml["id"] not in {u["position_id"] for u in result["unfilled"]}


def test_what_if_a_raise_fills_a_post_that_pays_too_little(client, conn, app, embedder):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "University A")
    cheap = make_position(conn, inst["id"], **ML, salary_min=20000, career_stage="R2")
    make_candidate(conn, "ml@test.example", headline="Machine learning for energy grids", career_stage="R2",
                   cv_text="Neural networks forecasting electricity demand.", expected_salary_eur_year=30000)
    while embed_pending(conn, embedder):
        pass
    hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    as_is = client.post("/hub/allocation", headers=hub).json()
    assert as_is["filled"] == 0
    assert as_is["unfilled"] == [{"position_id": cheap["id"], "reason": "salary below what fitting candidates expect",
                                  "reason_message": {"code": "allocation.salary_below_expectations", "params": {}},
                                  "title_it": cheap["title_it"], "title_en": cheap["title_en"], "institution_name": "University A"}]
    raised = client.post("/hub/allocation", params={"salary_raise": 0.25}, headers=hub).json()
    assert raised["filled"] == 1 and raised["what_if"]["salary_raise"] == 0.25


def run_all_jobs(conn, app) -> int:
    """Runs the queued jobs in the test's transaction, as the service's worker would; returns how many."""
    ran = 0
    while job := job_queries.claim_next(conn, app.state.jobs.names):
        jobs.perform(conn, job, app.state.jobs, lambda done, total, job_id=job["id"]: job_queries.record_progress(conn, job_id, done, total))
        ran += 1
    return ran


def without_timings(result: dict) -> dict:
    return {key: value for key, value in result.items() if key != "timings_s"}


def test_an_allocation_run_is_a_job_whose_result_is_the_allocation(client, conn, app, embedder):
    inst = make_institution(conn, make_ecosystem(conn)["id"], "University A")
    make_position(conn, inst["id"], **ML, salary_min=20000, career_stage="R2")
    make_position(conn, inst["id"], **MARINE, career_stage="R4")
    make_candidate(conn, "ml@test.example", headline="Machine learning for energy grids", career_stage="R2",
                   cv_text="Neural networks forecasting electricity demand.", expected_salary_eur_year=30000)
    while embed_pending(conn, embedder):
        pass
    hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    queued = client.post("/hub/allocation/runs", json={"salary_raise": 0.25}, headers=hub)
    assert queued.status_code == 202 and queued.json()["status"] == "queued" and queued.json()["kind"] == "allocation"
    job_id = queued.json()["id"]
    assert client.post("/hub/allocation/runs", json={"salary_raise": 0.25}, headers=hub).json()["id"] == job_id  # not twice
    assert client.get("/hub/allocation/runs/latest", headers=hub).json()["id"] == job_id
    assert run_all_jobs(conn, app) == 1
    done = client.get(f"/jobs/{job_id}", headers=hub).json()
    assert done["status"] == "done" and done["progress"]["share"] == 1.0
    assert done["parameters"] == {"salary_raise": 0.25, "widen_abroad": False}
    assert set(done["result"]["timings_s"]) >= {"top_k", "eligibility", "assignment"}
    asked = client.post("/hub/allocation", params={"salary_raise": 0.25}, headers=hub).json()
    assert without_timings(done["result"]) == without_timings(asked) and asked["filled"] == 1


def test_allocation_runs_refuse_bad_levers_and_other_roles(client, conn, app):
    hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    for bad in ({"salary_raise": 5}, {"salary_raise": -0.1}, {"salary_raise": "lots"}, {"raise": 0.1}, {"widen_abroad": "maybe"}):
        answer = client.post("/hub/allocation/runs", json=bad, headers=hub)
        assert answer.status_code == 422, bad
    inst = make_institution(conn, make_ecosystem(conn)["id"], "University A")
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    assert client.post("/hub/allocation/runs", json={}, headers=hr).status_code == 403
    assert client.get("/hub/allocation/runs/latest", headers=hub).json() is None


def _reference(conn, model: str, top_k: int, chunk: int, salary_raise: float, widen_abroad: bool) -> dict:
    """The allocation as it was computed before it ran by batches (every vector in memory, one Python call
    per edge): the oracle the batched run must equal."""
    positions = embeddings.open_position_vectors(conn, model)
    candidates, _ = embeddings.active_candidate_vectors(conn, model, 1_000_000, seed=0.42)
    scores = top_k_scores(np.stack([c["embedding"].to_numpy() for c in candidates]).astype(np.float32),
                          np.stack([p["embedding"].to_numpy() for p in positions]).astype(np.float32), top_k, chunk=chunk).tocoo()
    p_facts = allocation_queries.position_facts(conn, [p["id"] for p in positions])
    c_facts = allocation_queries.candidate_facts(conn, [c["id"] for c in candidates])
    keep, blocked = [], {j: Counter() for j in range(len(positions))}
    for i, (row, col, score) in enumerate(zip(scores.row, scores.col, scores.data, strict=True)):
        candidate, position = c_facts[candidates[row]["id"]], p_facts[positions[col]["id"]]
        if score <= 0 or not fits_by_field(candidate["fields"], position["fields"]):
            continue
        blockers = edge_blockers(candidate, position, salary_raise=salary_raise, widen_abroad=widen_abroad)
        if blockers:
            blocked[col].update(blockers)
        else:
            keep.append(i)
    graph = sparse.csr_matrix((scores.data[keep], (scores.row[keep], scores.col[keep])), shape=scores.shape)
    capacities = np.array([p["openings"] for p in positions])
    result = allocate(graph, capacities)
    without = set(result.without_any_candidate)
    fields = [p_facts[p["id"]]["fields"] or [] for p in positions]
    thin = thin_fields(graph, fields, capacities)
    reasons = {positions[j]["id"]: (("allocation.thin_pool" if thin & set(fields[j]) else "allocation.outcompeted")
                                    if j not in without else
                                    blocked[j].most_common(1)[0][0] if blocked[j] else "allocation.no_one_fits")
               for j in result.unfilled_positions}
    return {"filled": result.filled, "openings": result.openings, "candidates": len(candidates),
            "mean_fit": round(result.total_score / result.filled, 3) if result.filled else None, "reasons": reasons}


FIELDS = [["physics"], ["humanities"], ["physics", "chemistry"], ["computer_science"], ["computer_science", "humanities"]]
LANGUAGES = [[], [], [{"language": "it", "level": "B2"}], [{"language": "en", "level": "C1"}],
             [{"language": "it", "level": "native"}, {"language": "fr", "level": "A2"}]]


@pytest.mark.parametrize("salary_raise, widen_abroad", [(0.0, False), (0.3, True)])
def test_the_batched_allocation_equals_the_all_in_memory_one(conn, salary_raise, widen_abroad):
    """Random vectors and facts for 150 positions (about 300 openings) and 350 candidates (so top-5 selects and batches of 64 split),
    stored as the current model's: the same openings filled, fit and reason for each unfilled one."""
    rng = np.random.default_rng(3)
    model = "test-model"
    inst = make_institution(conn, make_ecosystem(conn)["id"], "University A")
    regions = ["ITC3", "ITC4", "ITI4", "ITF3", None]
    for i in range(150):
        position = make_position(conn, inst["id"], title_en=f"Position {i}", career_stage=f"R{rng.integers(1, 5)}",
                                 salary_min=float(rng.choice([18000, 25000, 32000, 45000])), openings=int(rng.integers(1, 4)),
                                 region=regions[rng.integers(0, 5)], remote=str(rng.choice(["onsite", "hybrid", "remote"])),
                                 fields=FIELDS[rng.integers(0, len(FIELDS))], languages=LANGUAGES[rng.integers(0, len(LANGUAGES))])
        conn.execute("INSERT INTO position_embeddings (position_id, model, text_hash, embedding)"
                     " SELECT id, %s, md5(embedding_text), %s FROM positions WHERE id = %s", (model, _unit(rng), position["id"]))
    for i in range(350):
        _, candidate_id = make_candidate(
            conn, f"c{i}@test.example", career_stage=str(rng.choice(["R1", "R2", "R3", "R4"])),
            expected_salary_eur_year=float(rng.choice([20000, 30000, 40000, 55000])),
            current_country=str(rng.choice(["IT", "IT", "FR", "DE"])), current_region=regions[rng.integers(0, 5)],
            mobility_regions=[r for r in regions[:4] if rng.random() < 0.2],
            fields=FIELDS[rng.integers(0, len(FIELDS))], languages=LANGUAGES[rng.integers(0, len(LANGUAGES))])
        conn.execute("INSERT INTO candidate_embeddings (candidate_id, model, text_hash, embedding)"
                     " SELECT id, %s, md5(embedding_text), %s FROM candidates WHERE id = %s", (model, _unit(rng), candidate_id))
    expected = _reference(conn, model, 5, 64, salary_raise, widen_abroad)
    batched = allocation.run(conn, model, salary_raise=salary_raise, widen_abroad=widen_abroad, top_k=5, batch_size=64)
    assert {key: batched[key] for key in ("filled", "openings", "candidates", "mean_fit")} == \
        {key: expected[key] for key in ("filled", "openings", "candidates", "mean_fit")}
    assert {u["position_id"]: u["reason_message"]["code"] for u in batched["unfilled"]} == expected["reasons"]
    assert len(set(expected["reasons"].values())) >= 3, expected["reasons"]  # the fixture exercises several reasons
    assert 0 < expected["filled"] < expected["openings"]


def _unit(rng) -> np.ndarray:
    vector = rng.standard_normal(384).astype(np.float32)
    return vector / np.linalg.norm(vector)
