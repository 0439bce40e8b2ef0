"""The app serves its OpenAPI description and answers health checks."""


def test_openapi_and_docs_are_served(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "ecotalent"
    for path in ("/positions", "/candidates/me/matches", "/hub/gap", "/hub/salaries", "/positions/import"):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_health(client):
    assert client.get("/health").json() == {"status": "ok"}
