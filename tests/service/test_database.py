"""Migrations are idempotent, and an embedded server restarted on the same data directory keeps its data."""
import psycopg
from fastapi.testclient import TestClient

from service.app import create_app
from service.config import Settings
from service.migrate import migrate, migration_files


def test_migrations_applied_twice_are_harmless(fresh_database):
    url = fresh_database("ecotalent_migrations")
    first = migrate(url)
    assert first == [f"{v:04d}_{name}" for v, name, _ in migration_files()]
    with psycopg.connect(url) as conn:
        conn.execute("INSERT INTO ecosystems (name, hub_city, regions) VALUES ('Kept', 'Genova', '{ITC3}')")
    assert migrate(url) == []
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT name FROM ecosystems").fetchall() == [("Kept",)]
        versions = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
        assert [v for (v,) in versions] == [v for v, _, _ in migration_files()]


def test_service_restarts_on_same_data_directory_without_loss(tmp_path, embedder):
    """Two full lives of the service on one embedded data directory: what the first wrote, the second reads."""
    settings = Settings(database_url=None, data_dir=tmp_path, secret_key=None)
    app = lambda: create_app(settings, embedder=embedder)  # noqa: E731 - two lives of one configuration
    registration = {"email": "kept@test.example", "password": "long enough", "full_name": "Kept Person", "consent": True}

    with TestClient(app()) as client:
        token = client.post("/auth/register", json=registration).json()["access_token"]
        client.patch("/candidates/me", json={"headline": "Still here"}, headers={"Authorization": f"Bearer {token}"})
    postmaster = tmp_path / "pgdata" / "postmaster.pid"
    assert not postmaster.exists(), "the embedded server must stop when the service stops"

    with TestClient(app()) as client:
        # The same token still works (the signing key lives in the data directory) ...
        me = client.get("/candidates/me", headers={"Authorization": f"Bearer {token}"})
        assert me.status_code == 200 and me.json()["headline"] == "Still here"
        # ... and so does signing in with the password.
        signed_in = client.post("/auth/token", data={"username": "kept@test.example", "password": "long enough"})
        assert signed_in.status_code == 200
    assert not postmaster.exists()
