"""`ecotalent allocate` on its own committed database: the run is a job, kept as the hub's last run."""
import psycopg
import pytest
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row

from service import allocation, cli
from service.config import get_settings
from service.embedding_worker import embed_pending
from tests.factories import make_candidate, make_ecosystem, make_institution, make_position
from tests.service.test_matching import ML


@pytest.fixture
def cli_database(fresh_database, monkeypatch, tmp_path, embedder):
    url = fresh_database("ecotalent_allocate_cli")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ECOTALENT_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli, "_embedder", lambda: embedder)
    get_settings.cache_clear()
    assert cli.main(["migrate"]) == 0
    yield url
    get_settings.cache_clear()


def test_allocate_runs_a_job_with_progress_and_keeps_it_as_the_last_run(cli_database, embedder, capsys):
    with psycopg.connect(cli_database, row_factory=dict_row) as conn:
        register_vector(conn)
        uni = make_institution(conn, make_ecosystem(conn)["id"], "Università di Genova")
        make_position(conn, uni["id"], **ML, salary_min=25000, career_stage="R2")
        make_candidate(conn, "ml@test.example", headline="Machine learning for energy grids", career_stage="R2",
                       cv_text="Neural networks forecasting electricity demand.", expected_salary_eur_year=34000)
        while embed_pending(conn, embedder):
            pass
    assert cli.main(["allocate"]) == 0
    out, err = capsys.readouterr()
    assert "filled 0 of 1 vacant openings with 1 active candidates" in out and "salary below" in out
    assert "allocation: 100%" in err  # the progress bar ran to its end
    assert cli.main(["allocate", "--salary-raise", "0.1", "--widen-abroad"]) == 0
    assert "filled 1 of 1 vacant openings" in capsys.readouterr().out
    with psycopg.connect(cli_database, row_factory=dict_row) as conn:
        last = allocation.latest_run(conn, None, finished=True)
        assert last["parameters"] == {"salary_raise": 0.1, "widen_abroad": True} and last["result"]["filled"] == 1
        assert conn.execute("SELECT count(*) AS n FROM jobs WHERE status = 'done'").fetchone()["n"] == 2
    with pytest.raises(SystemExit) as refused:
        cli.main(["allocate", "--salary-raise", "5"])
    assert "salary_raise" in str(refused.value)
