"""Saving a search from the results pages, listing and deleting it, in the candidate's pages (no browser)."""
from tests.factories import csrf, make_candidate, make_ecosystem, make_institution, make_position, sign_in_pages


def test_a_candidate_saves_a_search_from_the_results_and_deletes_it(client, app, conn):
    uni = make_institution(conn, make_ecosystem(conn)["id"], "Università di Genova")
    make_position(conn, uni["id"])
    user, _ = make_candidate(conn, "pages@alerts.example", skills=["python"], career_stage="R2")
    sign_in_pages(client, app, user)
    client.cookies.set("lang", "it")
    results = client.get("/app/search?q=machine+learning&contract_type=research_grant&regions=ITC3")
    assert results.status_code == 200 and "data-save-search" in results.text
    form = {"mode": "search", "q": "machine learning", "contract_type": "research_grant", "regions": "ITC3",
            "frequency": "weekly", **csrf(client, "/app/saved-searches")}
    saved = client.post("/app/saved-searches", data=form, follow_redirects=False)
    assert saved.status_code == 303
    [row] = conn.execute("SELECT * FROM saved_searches WHERE candidate_id = %s", (user["candidate_id"],)).fetchall()
    assert (row["q"], row["contract_type"], row["regions"], row["frequency"], row["language"]) == \
        ("machine learning", "research_grant", ["ITC3"], "weekly", "it")
    assert row["typed_stems"]  # the words as the search reads them, for the alert run
    listing = client.get("/app/saved-searches?saved=1").text
    assert "machine learning" in listing and "Ogni settimana" in listing
    refused = client.post("/app/saved-searches", data=form | {"frequency": "hourly"})
    assert refused.status_code == 422
    matches = client.post("/app/saved-searches", data={"mode": "matches", "q": "ignored", "frequency": "instant",
                                                       **csrf(client, "/app/saved-searches")}, follow_redirects=False)
    assert matches.status_code == 303
    assert conn.execute("SELECT count(*) AS n FROM saved_searches WHERE q IS NULL").fetchone()["n"] == 1
    deleted = client.post(f"/app/saved-searches/{row['id']}/delete", data=csrf(client, "/app/saved-searches"),
                          follow_redirects=False)
    assert deleted.status_code == 303
    assert conn.execute("SELECT count(*) AS n FROM saved_searches WHERE id = %s", (row["id"],)).fetchone()["n"] == 0


def test_the_save_form_is_for_candidates_only(client):
    assert "data-save-search" not in client.get("/app/search?q=machine+learning").text
