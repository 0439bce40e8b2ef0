"""The command line against its own committed database."""
import psycopg
import pytest
from psycopg.rows import dict_row

from service import cli
from service.config import get_settings
from service.security import verify_password


@pytest.fixture
def cli_database(fresh_database, monkeypatch):
    url = fresh_database("ecotalent_cli")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def _query(url: str, sql: str, params=()) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def test_migrate_then_up_to_date(cli_database, capsys):
    assert cli.main(["migrate"]) == 0
    assert "applied: 0001_init" in capsys.readouterr().out
    assert cli.main(["migrate"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_seed_loads_demo_and_refuses_to_overwrite_without_reset(cli_database, capsys):
    assert cli.main(["seed", "--scale", "60", "--seed", "3"]) == 0
    assert "loaded 1 ecosystems, 14 institutions, 60 positions, 60 candidates" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="--reset"):
        cli.main(["seed"])
    assert cli.main(["seed", "--reset", "--scale", "30"]) == 0
    counts = _query(cli_database, "SELECT (SELECT count(*) FROM positions) AS p, (SELECT count(*) FROM candidates) AS c")
    assert counts == [{"p": 30, "c": 30}]
    # Ids generated after a bulk load do not collide with the loaded ones.
    with psycopg.connect(cli_database) as conn:
        conn.execute("INSERT INTO ecosystems (name, hub_city, regions) VALUES ('Another', 'Roma', '{ITI4}')")


def test_users_create_hr_officer_bound_to_institution(cli_database, capsys):
    cli.main(["seed", "--scale", "10"])
    name = "Politecnico Demo di Milano (demo)"
    assert cli.main(["users", "create", "--email", "New.HR@Test.example", "--role", "hr",
                     "--institution", name, "--password", "s3cret-enough"]) == 0
    [user] = _query(cli_database, "SELECT u.email, u.role, u.password_hash, i.name FROM users u"
                                  " JOIN institutions i ON i.id = u.institution_id WHERE u.email = 'new.hr@test.example'")
    assert user["role"] == "hr" and user["name"] == name
    assert verify_password("s3cret-enough", user["password_hash"])


@pytest.mark.parametrize("args, message", [
    (["--role", "hr", "--email", "a@b.example", "--password", "long enough"], "--institution"),
    (["--role", "hub", "--email", "a@b.example", "--password", "long enough", "--institution", "1"], "drop --institution"),
    (["--role", "hr", "--email", "a@b.example", "--password", "long enough", "--institution", "Nowhere"], "no institution"),
    (["--role", "hub", "--email", "a@b.example", "--password", "short"], "8 characters"),
    (["--role", "hub", "--email", "hub@demo.example", "--password", "long enough"], "exists already"),
])
def test_users_create_refuses_with_a_reason(cli_database, args, message):
    cli.main(["seed", "--scale", "10"])
    with pytest.raises(SystemExit, match=message):
        cli.main(["users", "create", *args])


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("serve", "migrate", "seed", "users"):
        assert command in out


def test_salaries_fit_prints_the_report_and_writes_charts(cli_database, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ECOTALENT_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    cli.main(["seed", "--scale", "300"])
    assert cli.main(["salaries", "fit", "--charts", str(tmp_path / "charts")]) == 0
    out = capsys.readouterr().out
    assert "Reference model: 5-fold cross-validation" in out and "Institution premiums" in out
    assert "Does pay explain unfilled posts?" in out
    assert (tmp_path / "charts" / "premiums.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "salary_model.joblib").exists()
    assert cli.main(["salaries", "report"]) == 0  # from the saved fit
    assert "Institution premiums" in capsys.readouterr().out
