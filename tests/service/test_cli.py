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
    for command in ("serve", "migrate", "seed", "users", "ecosystems", "institutions"):
        assert command in out


def test_ecosystems_and_institutions_are_created_and_listed_from_an_empty_database(cli_database, capsys):
    assert cli.main(["ecosystems", "list"]) == 0
    assert "no ecosystem yet" in capsys.readouterr().out
    assert cli.main(["ecosystems", "create", "--name", "NODES", "--hub-city", "Torino", "--regions", "itc1, ITC2,ITC4,ITC1"]) == 0
    assert cli.main(["institutions", "create", "--ecosystem", "NODES", "--name", "Politecnico di Torino",
                     "--kind", "university", "--role", "hub", "--region", "ITC1", "--city", "Torino"]) == 0
    assert cli.main(["institutions", "create", "--ecosystem", "1", "--name", "Fondazione LINKS", "--kind", "foundation",
                     "--role", "spoke", "--spoke", "3", "--region", "ITC1", "--city", "Torino"]) == 0
    capsys.readouterr()
    assert cli.main(["ecosystems", "list"]) == 0
    assert "NODES  (hub in Torino; regions ITC1, ITC2, ITC4)" in capsys.readouterr().out
    assert cli.main(["institutions", "list", "--ecosystem", "NODES"]) == 0
    out = capsys.readouterr().out
    assert "Politecnico di Torino  (university, hub; Torino, ITC1; ecosystem 1)" in out
    assert "Fondazione LINKS  (foundation, spoke, spoke 3; Torino, ITC1; ecosystem 1)" in out
    assert _query(cli_database, "SELECT regions FROM ecosystems") == [{"regions": ["ITC1", "ITC2", "ITC4"]}]


@pytest.mark.parametrize("args, message", [
    (["ecosystems", "create", "--name", "NODES", "--hub-city", "Torino", "--regions", "ITC1"], "already exists"),
    (["ecosystems", "create", "--name", " ", "--hub-city", "Torino", "--regions", "ITC1"], "name"),
    (["institutions", "create", "--ecosystem", "RAISE", "--name", "X", "--kind", "company", "--role", "spoke",
      "--region", "ITC3", "--city", "Genova"], "no ecosystem 'RAISE'"),
    (["institutions", "create", "--ecosystem", "9" * 5000, "--name", "X", "--kind", "company", "--role", "spoke",
      "--region", "ITC3", "--city", "Genova"], "no ecosystem"),
    (["institutions", "create", "--ecosystem", "NODES", "--name", "Politecnico di Torino", "--kind", "university",
      "--role", "hub", "--region", "ITC1", "--city", "Torino"], "already exists in ecosystem 1"),
    (["institutions", "create", "--ecosystem", "NODES", "--name", "X", "--kind", "company", "--role", "spoke",
      "--spoke", "99", "--region", "ITC1", "--city", "Torino"], "spoke"),
    (["users", "create", "--role", "admin", "--email", "a@b.example", "--password", "long enough", "--institution", "1"],
     "admin account belongs to no institution"),
    (["users", "create", "--role", "hr", "--email", "a@b.example", "--password", "long enough", "--institution", "CNR"],
     r"2 institutions are named 'CNR' \(ids 2, 3, in different ecosystems\): give the id"),
    (["users", "create", "--role", "admin", "--email", "boss@nodes.example", "--password", "long enough"], "exists already"),
])
def test_setup_commands_refuse_with_a_reason(cli_database, args, message):
    cli.main(["ecosystems", "create", "--name", "NODES", "--hub-city", "Torino", "--regions", "ITC1"])
    cli.main(["ecosystems", "create", "--name", "MUSA", "--hub-city", "Milano", "--regions", "ITC4"])
    cli.main(["institutions", "create", "--ecosystem", "NODES", "--name", "Politecnico di Torino", "--kind", "university",
              "--role", "hub", "--region", "ITC1", "--city", "Torino"])
    for eco in ("NODES", "MUSA"):
        cli.main(["institutions", "create", "--ecosystem", eco, "--name", "CNR", "--kind", "research_body",
                  "--role", "affiliate", "--region", "ITI4", "--city", "Roma"])
    cli.main(["users", "create", "--role", "admin", "--email", "boss@nodes.example", "--password", "long enough"])
    with pytest.raises(SystemExit, match=message):
        cli.main(args)


@pytest.mark.parametrize("args, message", [
    (["ecosystems", "create", "--name", "X", "--hub-city", "Y", "--regions", "ITC3,IT99"], "unknown NUTS-2 region IT99; Italy's are: ITC1 Piemonte"),
    (["ecosystems", "create", "--name", "X", "--hub-city", "Y", "--regions", ","], "unknown NUTS-2 region (none given)"),
    (["institutions", "create", "--ecosystem", "1", "--name", "X", "--kind", "shop", "--role", "spoke",
      "--region", "ITC3", "--city", "Genova"], "invalid choice: 'shop'"),
    (["users", "create", "--role", "root", "--email", "a@b.example"], "invalid choice: 'root'"),
])
def test_setup_commands_explain_a_bad_argument_without_a_traceback(args, message, capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(args)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


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


@pytest.mark.parametrize("kind", ["candidate", "position"])
def test_match_for_an_unknown_id_exits_with_a_reason(cli_database, kind):
    assert cli.main(["migrate"]) == 0
    with pytest.raises(SystemExit, match=f"no {kind} 999"):
        cli.main(["match", kind, "999"])
