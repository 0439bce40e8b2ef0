"""The app serves its OpenAPI description and answers health checks."""
import re


def test_openapi_and_docs_are_served(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "ecotalent"
    for path in ("/positions", "/candidates/me/matches", "/hub/gap", "/hub/salaries", "/positions/import"):
        assert path in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(url.startswith("/static/") for url in assets), f"/docs must work offline: {assets}"
    for url in assets:
        assert client.get(url).status_code == 200, url


def test_pages_are_not_in_the_api_description(client):
    assert not [path for path in client.get("/openapi.json").json()["paths"] if path.startswith("/app/") or path == "/app"]


def test_health_reports_the_database_the_embedding_queue_and_waiting_requests(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["embedding_queue"]["pending_jobs"] >= 0
    assert body["requests"]["capacity"] == 8  # the default pool of 10 less 2 kept for health and background work
