"""Congestion-aware re-ranking through the API: a crowded position sinks, and crowding=false turns it off."""
import pytest

from service.embedding_worker import embed_pending
from service.queries import embeddings
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_position

BEST = dict(title_en="Postdoc in machine learning for energy grids",
            description_en="Deep learning models that forecast electricity demand on smart grids.",
            required_skills=["python", "pytorch", "time series"], fields=["computer_science"])
RUNNER_UP = dict(title_en="Postdoc in machine learning for building energy",
                 description_en="Machine learning models of heating demand in public buildings.",
                 required_skills=["python", "statistics", "sql"], fields=["computer_science"])
# A price is in score units; the test app's crowding strength is the default, 0.35 (service.config).
PRICE = 0.5


@pytest.fixture
def world(app, conn, embedder):
    eco = make_ecosystem(conn)
    uni = make_institution(conn, eco["id"], "University A")
    best, runner_up = make_position(conn, uni["id"], **BEST), make_position(conn, uni["id"], **RUNNER_UP)
    user, _ = make_candidate(
        conn, "ml@test.example", headline="Machine learning researcher",
        cv_text="PhD on neural networks for forecasting electricity load on smart grids; python and pytorch every day.",
        skills=["python", "pytorch", "time series"], fields=["computer_science"], career_stage="R2",
        current_country="IT", current_region="ITC3", mobility_regions=["ITC3"])
    while embed_pending(conn, embedder):
        pass
    return {"best": best["id"], "runner_up": runner_up["id"], "candidate": bearer(app, user)}


def _page(client, world, path: str, crowding: str | None) -> list[dict]:
    path, _, query = path.partition("?q=")
    params = ({"q": query} if query else {}) | ({} if crowding is None else {"crowding": crowding})
    response = client.get(path, params=params, headers=world["candidate"])
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _signals(item: dict) -> set[str]:
    return {part["signal"] for part in item["explanation"]["parts"]}


@pytest.mark.parametrize("path", ["/candidates/me/matches", "/search/positions?q=machine learning energy"])
def test_crowding_false_ranks_without_congestion_prices(client, conn, world, path):
    plain = _page(client, world, path, None)
    assert [i["position"]["id"] for i in plain][:2] == [world["best"], world["runner_up"]]  # no prices yet
    gap = plain[0]["explanation"]["score"] - plain[1]["explanation"]["score"]
    assert 0 < gap < 0.35 * PRICE, "the price must be big enough to reorder the two"

    embeddings.replace_congestion(conn, {world["best"]: PRICE})
    crowded = _page(client, world, path, None)  # crowding is on by default
    assert [i["position"]["id"] for i in crowded][:2] == [world["runner_up"], world["best"]]
    sunk = next(i for i in crowded if i["position"]["id"] == world["best"])
    penalty = next(p for p in sunk["explanation"]["parts"] if p["signal"] == "crowding")
    assert penalty["value"] == pytest.approx(PRICE) and penalty["contribution"] == pytest.approx(-0.35 * PRICE)

    off = _page(client, world, path, "false")
    assert [i["position"]["id"] for i in off][:2] == [world["best"], world["runner_up"]]
    assert all("crowding" not in _signals(item) for item in off)
    assert [i["explanation"]["score"] for i in off] == pytest.approx([i["explanation"]["score"] for i in plain])
