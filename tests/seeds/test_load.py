"""The demo loads into PostgreSQL and a newcomer can use it through the API."""
from seeds import demo, load
from service.security import hash_password


def test_demo_loads_and_demo_logins_work(client, conn):
    data = demo.generate(seed=7, n_positions=120, n_candidates=300)
    counts = load.load(conn, data, hash_password(demo.DEMO_PASSWORD), show_progress=False)
    assert counts["positions"] == 120 and counts["candidates"] == 300
    assert counts["applications"] == len(data.applications) > 0

    for email in ("hub@demo.example", "hr.unige@demo.example", "candidate1@demo.example"):
        response = client.post("/auth/token", data={"username": email, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 200, email
    token = client.post("/auth/token", data={"username": "candidate1@demo.example",
                                             "password": demo.DEMO_PASSWORD}).json()["access_token"]
    profile = client.get("/candidates/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert profile["full_name"] == data.candidates[0]["full_name"] and profile["places"]

    public = client.get("/positions").json()
    expected_open = sum(1 for p in data.positions if p["status"] == "open")
    assert public["total"] == expected_open > 0
