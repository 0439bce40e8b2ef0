"""Settings come from the environment, or from keyword arguments (tests, embedding apps)."""
import pytest
from pydantic import ValidationError

from service.config import Settings


def test_database_url_from_environment_or_argument(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://db.example/ecotalent")
    assert Settings().database_url == "postgresql://db.example/ecotalent"
    assert Settings(database_url="postgresql://other/x").database_url == "postgresql://other/x"


def test_short_secret_key_is_refused():
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(secret_key="too short")
