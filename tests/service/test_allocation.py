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
    assert result["unfilled"] == [{"position_id": senior["id"], "reason":
                                   "no current candidate in a fitting career stage has it among their 50 best matches"}]
    assert "full_name" not in str(result)
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    assert client.post("/hub/allocation", headers=hr).status_code == 403
    assert ml["id"] not in {u["position_id"] for u in result["unfilled"]}
