"""The hub's allocation run through the API, on a small committed-free fixture."""
from service.embedding_worker import embed_pending
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_position, make_user
from tests.service.test_matching import ML, MARINE


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
