"""Matching both ways through the API, with the real model and real pgvector."""
import pytest

from service.embedding_worker import embed_pending
from service.queries import matching as retrieval
from tests.factories import bearer, make_candidate, make_ecosystem, make_institution, make_position, make_user

ML = dict(title_en="Postdoc in machine learning for energy grids",
          description_en="Deep learning models that forecast electricity demand on smart grids.",
          required_skills=["python", "machine learning", "pytorch"], fields=["computer_science"])
MARINE = dict(title_en="Researcher in marine biodiversity genomics",
              description_en="Sequencing of fish populations and coastal ecosystems in the Ligurian sea.",
              required_skills=["genomics", "bioinformatics", "field sampling"], fields=["biological_sciences"])
ITALIAN_ROBOTS = dict(title_en=None, description_en=None, title_it="Assegno di ricerca in robotica subacquea",
                      description_it="Progettazione di veicoli autonomi per l'esplorazione dei fondali marini.",
                      required_skills=["ros", "c++"], fields=["engineering"])


def embed_all(conn, embedder) -> None:
    while embed_pending(conn, embedder):
        pass


@pytest.fixture
def world(app, conn, embedder):
    eco = make_ecosystem(conn)
    uni = make_institution(conn, eco["id"], "University A")
    other = make_institution(conn, eco["id"], "University B", region="ITC4", city="Milano")
    positions = {
        "ml": make_position(conn, uni["id"], **ML, salary_min=32000),
        "marine": make_position(conn, uni["id"], **MARINE),
        "robots_it": make_position(conn, other["id"], **ITALIAN_ROBOTS, region="ITC4", city="Milano"),
        "draft": make_position(conn, uni["id"], **ML | {"title_en": "Draft ML post"}, status="draft"),
    }
    user, candidate_id = make_candidate(
        conn, "ml@test.example", full_name="Giulia Rossi", headline="Machine learning researcher",
        cv_text="PhD on neural networks for forecasting electricity load; python and pytorch every day.",
        skills=["python", "pytorch", "time series"], fields=["computer_science"], career_stage="R2",
        years_experience=3, expected_salary_eur_year=30000, current_country="IT", current_region="ITC3",
        mobility_regions=["ITC3", "ITC4"], languages=[{"language": "en", "level": "C1"}])
    marine_user, _ = make_candidate(
        conn, "sea@test.example", full_name="Marco Bianchi", headline="Marine biologist",
        cv_text="Genomics of Mediterranean fish; field campaigns at sea.", skills=["genomics", "r"],
        fields=["biological_sciences"], career_stage="R2")
    embed_all(conn, embedder)
    hr = make_user(conn, "hr", "hr@test.example", institution_id=uni["id"])
    hr_other = make_user(conn, "hr", "hr.b@test.example", institution_id=other["id"])
    return {"positions": positions, "candidate_id": candidate_id,
            "headers": {"candidate": bearer(app, user), "marine": bearer(app, marine_user), "hr": bearer(app, hr),
                        "hr_other": bearer(app, hr_other), "hub": bearer(app, make_user(conn, "hub", "hub@test.example"))}}


def _ids(page: dict, key: str = "position") -> list[int]:
    return [item[key]["id"] for item in page["items"]]


def test_candidate_sees_the_fitting_position_first_with_reasons(client, world):
    page = client.get("/candidates/me/matches", headers=world["headers"]["candidate"]).json()
    ml = world["positions"]["ml"]["id"]
    assert _ids(page)[0] == ml
    assert world["positions"]["draft"]["id"] not in _ids(page)
    best = page["items"][0]["explanation"]
    assert best["matched_skills"] == ["python", "pytorch"] and best["missing_skills"] == ["machine learning"]
    assert best["salary"]["verdict"] == "meets expectation"
    assert best["location"]["verdict"] == "where you live"
    assert best["location"]["verdict_message"] == {"code": "location.home_region", "params": {}}
    assert any("machine learning" in tip for tip in page["suggestions"])
    assert {"code": "tip.add_skill", "params": {"skill": "machine learning", "count": 1}, "field": None} \
        in page["suggestion_messages"]


def test_explanation_parts_add_up_to_the_score(client, world):
    for headers, path in ((world["headers"]["candidate"], "/candidates/me/matches"),
                          (world["headers"]["hr"], f"/positions/{world['positions']['ml']['id']}/matches"),
                          ({}, "/search/positions?q=underwater%20robots")):
        page = client.get(path, headers=headers).json()
        assert page["items"], path
        for item in page["items"]:
            explanation = item["explanation"]
            assert sum(p["contribution"] for p in explanation["parts"]) == pytest.approx(explanation["score"], abs=1e-9)
            assert all(p["contribution"] == pytest.approx(p["weight"] * p["value"]) for p in explanation["parts"])


def test_hr_sees_the_fitting_candidate_first(client, world):
    page = client.get(f"/positions/{world['positions']['ml']['id']}/matches", headers=world["headers"]["hr"]).json()
    assert _ids(page, "candidate")[0] == world["candidate_id"]
    first = page["items"][0]
    assert first["candidate"]["full_name"] == "Giulia Rossi" and "email" not in first["candidate"]


def test_english_and_italian_free_text_both_find_positions(client, world):
    english = client.get("/search/positions", params={"q": "forecasting electricity with neural networks"}).json()
    assert _ids(english)[0] == world["positions"]["ml"]["id"]
    italian = client.get("/search/positions", params={"q": "robotica subacquea"}).json()
    assert _ids(italian)[0] == world["positions"]["robots_it"]["id"]
    parts = {p["signal"]: p["value"] for p in italian["items"][0]["explanation"]["parts"]}
    assert parts["text"] > 0  # found through the Italian stemmer


def test_changed_text_never_uses_the_old_vector(client, conn, world, embedder, app):
    ml = world["positions"]["ml"]["id"]
    where, params = retrieval.position_filters(None, {})
    # As the service does: iterative scans, so index entries of other tests' rolled-back rows
    # (dead until a vacuum) cannot crowd the live ones out of a small result.
    retrieval.tune_vector_search(conn, 100)
    vector = embedder.encode(["machine learning for energy grids"])[0]
    assert ml in retrieval.nearest(conn, "position", vector, embedder.name, where, params, 10)

    response = client.patch(f"/positions/{ml}", json={"title_en": "Chef for the staff canteen",
                                                      "description_en": "Cook lunch for 200 people."},
                            headers=world["headers"]["hr"])
    assert response.status_code == 200
    assert ml not in retrieval.nearest(conn, "position", vector, embedder.name, where, params, 10), "stale vector used"
    assert conn.execute("SELECT count(*) AS n FROM embedding_jobs WHERE kind = 'position' AND entity_id = %s",
                        (ml,)).fetchone()["n"] == 1
    embed_all(conn, embedder)
    chef = embedder.encode(["cook in a canteen"])[0]
    found = retrieval.nearest(conn, "position", chef, embedder.name, where, params, 5)
    assert max(found, key=found.get) == ml


def test_vectors_of_another_model_are_not_used(conn, world, embedder):
    where, params = retrieval.position_filters(None, {})
    retrieval.tune_vector_search(conn, 100)
    vector = embedder.encode(["machine learning"])[0]
    assert retrieval.nearest(conn, "position", vector, embedder.name, where, params, 10)
    assert retrieval.nearest(conn, "position", vector, "another-model", where, params, 10) == {}


def test_hard_filters_hold(client, world):
    headers = world["headers"]["candidate"]
    only_milano = client.get("/candidates/me/matches", params={"regions": "ITC4"}, headers=headers).json()
    assert _ids(only_milano) == [world["positions"]["robots_it"]["id"]]
    rich = client.get("/candidates/me/matches", params={"min_salary_eur_year": 31000}, headers=headers).json()
    assert _ids(rich) == [world["positions"]["ml"]["id"]]


def test_required_language_excludes_candidates_without_it(client, conn, world):
    ml = world["positions"]["ml"]["id"]
    client.patch(f"/positions/{ml}", json={"languages": [{"language": "it", "level": "B2"}]}, headers=world["headers"]["hr"])
    assert ml not in _ids(client.get("/candidates/me/matches", headers=world["headers"]["candidate"]).json())
    client.patch("/candidates/me", json={"languages": [{"language": "it", "level": "C1"}]},
                 headers=world["headers"]["candidate"])
    assert ml in _ids(client.get("/candidates/me/matches", headers=world["headers"]["candidate"]).json())


@pytest.mark.parametrize("who, path, expected", [
    ("anonymous", "/candidates/me/matches", 401),
    ("hr", "/candidates/me/matches", 403),
    ("hub", "/candidates/me/matches", 403),
    ("anonymous", "/positions/{ml}/matches", 401),
    ("candidate", "/positions/{ml}/matches", 403),
    ("hub", "/positions/{ml}/matches", 403),
    ("hr_other", "/positions/{ml}/matches", 403),
    ("hr_other", "/positions/{draft}/matches", 404),
    ("anonymous", "/search/candidates?q=python", 401),
    ("candidate", "/search/candidates?q=python", 403),
    ("hub", "/search/candidates?q=python", 403),
    ("anonymous", "/search/positions?q=python", 200),
    ("hr", "/search/candidates?q=python", 200),
])
def test_access_rules_hold_on_matching(client, world, who, path, expected):
    path = path.format(ml=world["positions"]["ml"]["id"], draft=world["positions"]["draft"]["id"])
    headers = world["headers"].get(who, {})
    assert client.get(path, headers=headers).status_code == expected


# Without q the API browses open positions by the filters alone (issue 14); an empty or one-letter q is refused.
@pytest.mark.parametrize("path", ["/search/positions?q=", "/search/positions?q=x", "/search/positions?sort=best",
                                  "/search/positions?q=ml&limit=0", "/search/positions?q=ml&regions=Mars",
                                  "/search/positions?q=ml&min_salary_eur_year=-1"])
def test_bad_search_input_is_422(client, path):
    response = client.get(path)
    assert response.status_code == 422 and response.json()["detail"]


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.encoded = inner, inner.name, inner.dim, 0

    def encode(self, texts):
        self.encoded += len(texts)
        return self.inner.encode(texts)


def test_worker_encodes_each_text_once_and_skips_unchanged(conn, embedder):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "University A")
    twins = [make_position(conn, inst["id"], **ML) for _ in range(3)]  # three identical calls
    counting = CountingEmbedder(embedder)
    embed_all(conn, counting)
    assert counting.encoded == 1
    stored = conn.execute("SELECT count(*) AS n FROM position_embeddings WHERE position_id = ANY(%s)",
                          ([t["id"] for t in twins],)).fetchone()["n"]
    assert stored == 3
    conn.execute("INSERT INTO embedding_jobs (kind, entity_id) VALUES ('position', %s)", (twins[0]["id"],))
    embed_all(conn, counting)  # queued again with the same text: nothing to encode
    assert counting.encoded == 1
