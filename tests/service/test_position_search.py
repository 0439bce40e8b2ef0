"""Searching positions: both languages, filters, pagination."""
import pytest

from tests.factories import make_ecosystem, make_institution, make_position
from tests.service.test_matching import embed_all


@pytest.fixture
def positions(conn):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "Institution A")
    company = make_institution(conn, eco["id"], "Company B", kind="company", region="ITC4", city="Milano")
    made = {
        "italian": make_position(conn, inst["id"], title_en=None, description_en=None,
                                 title_it="Assegno di ricerca in robotica subacquea",
                                 description_it="Progettazione di veicoli autonomi per l'esplorazione dei fondali.",
                                 contract_type="research_grant", career_stage="R1", fields=["engineering"]),
        "english": make_position(conn, company["id"], title_en="Robotics engineer for warehouses",
                                 description_en="Design autonomous mobile robots.", contract_type="company_employee",
                                 region="ITC4", city="Milano", fields=["engineering"]),
        "other": make_position(conn, inst["id"], title_en="Postdoc in marine genomics",
                               description_en="Sequencing of marine biodiversity.", fields=["biological_sciences"]),
    }
    for i in range(7):
        make_position(conn, inst["id"], title_en=f"Filler position {i}", description_en="Nothing special.")
    return made


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.text
    return [p["id"] for p in response.json()["items"]]


def test_italian_query_finds_italian_text_through_stemming(client, positions):
    # "robotici" is not in the text; the Italian stemmer brings it to the same stem as "robotica".
    assert positions["italian"]["id"] in _ids(client.get("/positions", params={"q": "robotici"}))


def test_english_query_finds_english_text_through_stemming(client, positions):
    found = _ids(client.get("/positions", params={"q": "robots warehouse"}))
    # Any word may match (issue 12): the post holding both words first, then the Italian robotics
    # post, which holds one ("robotica" and "robots" share a stem); the others hold neither.
    assert found == [positions["english"]["id"], positions["italian"]["id"]]


def test_a_word_that_matches_nothing_erases_nothing(client, positions):
    # "robotica" shares a stem with "Robotics" too: one language's word finds the other's.
    assert set(_ids(client.get("/positions", params={"q": "robotica xyzzy"}))) == {positions["italian"]["id"], positions["english"]["id"]}
    page = client.get("/positions", params={"q": "xyzzy quux"}).json()
    assert page["items"] == [] and page["total"] == 0
    assert _ids(client.get("/positions", params={"q": "di the of"})) == []  # stop words only: nothing asked


def test_accents_and_typos_are_forgiven(client, positions):
    assert _ids(client.get("/positions", params={"q": "fondali esplorazione"})) == [positions["italian"]["id"]]
    assert positions["english"]["id"] in _ids(client.get("/positions", params={"q": "warehoses"}))  # a typo, in a title


def test_filters_narrow_the_results(client, positions):
    assert _ids(client.get("/positions", params={"contract_type": "company_employee"})) == [positions["english"]["id"]]
    assert _ids(client.get("/positions", params={"field": "biological_sciences"})) == [positions["other"]["id"]]
    assert _ids(client.get("/positions", params={"region": "ITC4"})) == [positions["english"]["id"]]
    assert _ids(client.get("/positions", params={"career_stage": "R1", "field": "engineering"})) == [positions["italian"]["id"]]


def test_pagination_walks_every_position_once(client, positions):
    seen = []
    for offset in range(0, 10, 4):
        page = client.get("/positions", params={"limit": 4, "offset": offset}).json()
        assert page["total"] == 10 and page["limit"] == 4 and page["offset"] == offset
        seen += [p["id"] for p in page["items"]]
    assert len(seen) == len(set(seen)) == 10


def _search(client, **params) -> dict:
    response = client.get("/search/positions", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_search_finds_across_the_two_languages_and_says_which_text_matched(client, conn, embedder, positions):
    embed_all(conn, embedder)
    # English words, an Italian-only post: found by its meaning, compared with its Italian text.
    page = _search(client, q="autonomous underwater vehicles for seabed exploration")
    top = page["items"][0]
    assert top["position"]["id"] == positions["italian"]["id"]
    assert top["relevance"]["meaning_of"] == "it"
    # Italian words, an English-only post.
    page = _search(client, q="ingegnere robotica per magazzini")
    assert page["items"][0]["position"]["id"] == positions["english"]["id"]
    assert page["items"][0]["relevance"]["meaning_of"] == "en"
    assert sum(p["contribution"] for p in page["items"][0]["relevance"]["parts"]) == pytest.approx(
        page["items"][0]["relevance"]["score"])


def test_relevance_floor_hides_and_does_not_count_unrelated_posts(client, conn, embedder, positions):
    embed_all(conn, embedder)
    nonsense = _search(client, q="xyzzy quux")
    assert nonsense["items"] == [] and nonsense["total"] == 0
    assert [h["code"] for h in nonsense["hint_messages"]] == ["search.hint.other_language"]
    assert nonsense["hints"] == ["try the same search in English or in Italian"]
    genomics = _search(client, q="marine genomics sequencing")
    assert [i["position"]["id"] for i in genomics["items"]] == [positions["other"]["id"]]
    assert genomics["total"] == 1 and genomics["hints"] == []


def test_filters_hold_with_the_query(client, conn, embedder, positions):
    embed_all(conn, embedder)
    everywhere = {i["position"]["id"] for i in _search(client, q="robotics")["items"]}
    assert {positions["italian"]["id"], positions["english"]["id"]} <= everywhere
    assert [i["position"]["id"] for i in _search(client, q="robotics", regions="ITC4")["items"]] == [positions["english"]["id"]]
    assert [i["position"]["id"] for i in _search(client, q="robotics", contract_type="research_grant")["items"]] == [
        positions["italian"]["id"]]
