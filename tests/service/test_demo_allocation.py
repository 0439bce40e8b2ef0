"""The hub's allocation on the demo ecosystem as loaded by `seed` (400 positions, 3,000 candidates,
embedded by the real model): it leaves openings unfilled where the demo plants its shortage, says
why, and each what-if lever fills more of them (seeds.demo, its planted effects)."""
from datetime import date

from seeds import demo, load
from service.embedding_worker import embed_pending
from tests.factories import bearer, make_user


def test_allocation_on_the_demo_leaves_thin_fields_unfilled_and_each_what_if_fills_more(client, conn, app, embedder):
    data = demo.generate(seed=7, today=date.today())  # the default sizes, as `ecotalent seed` loads them
    load.load(conn, data, "not-a-real-hash", show_progress=False)
    while embed_pending(conn, embedder):
        pass
    hub = bearer(app, make_user(conn, "hub", "hub.allocation@test.example"))
    as_is = client.post("/hub/allocation", headers=hub).json()
    assert as_is["filled"] < as_is["openings"]
    fields = {p["id"]: p["fields"][0] for p in data.positions}
    unfilled_fields = {fields[u["position_id"]] for u in as_is["unfilled"]}
    assert {"materials_science", "physics"} <= unfilled_fields, unfilled_fields
    assert not unfilled_fields & {"humanities", "social_sciences"}  # the surplus fields fill
    reasons = {r["reason_message"]["code"] for r in as_is["unfilled_reasons"]}
    assert "allocation.thin_pool" in reasons, as_is["unfilled_reasons"]
    assert sum(r["positions"] for r in as_is["unfilled_reasons"]) == len(as_is["unfilled"])

    raised = client.post("/hub/allocation", params={"salary_raise": 0.2}, headers=hub).json()
    abroad = client.post("/hub/allocation", params={"widen_abroad": True}, headers=hub).json()
    assert raised["filled"] > as_is["filled"] and abroad["filled"] > as_is["filled"]
    assert raised["openings"] == abroad["openings"] == as_is["openings"]
    print(f"\ndemo allocation: {as_is['openings']} openings, filled {as_is['filled']} as is, {raised['filled']} with "
          f"+20% pay, {abroad['filled']} with candidates abroad moving anywhere; reasons {as_is['unfilled_by_reason']}")
