"""`ecotalent alerts run --deliver` on its own committed database: without an SMTP server the e-mail
lands in data_dir/outbox/ as a .eml file (what the demo shows), and a second run sends nothing."""
import email
import email.policy

import psycopg
import pytest
from pgvector.psycopg import register_vector
from psycopg.rows import dict_row

from service import cli
from service.config import get_settings
from service.queries import saved_searches, words
from tests.factories import make_candidate, make_ecosystem, make_institution, make_position


@pytest.fixture
def cli_database(fresh_database, monkeypatch, tmp_path):
    url = fresh_database("ecotalent_alerts_cli")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ECOTALENT_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    assert cli.main(["migrate"]) == 0
    yield url
    get_settings.cache_clear()


def test_alerts_run_writes_the_email_into_the_outbox_folder_once(cli_database, tmp_path, capsys):
    with psycopg.connect(cli_database, row_factory=dict_row) as conn:
        register_vector(conn)
        uni = make_institution(conn, make_ecosystem(conn)["id"], "Università di Genova")
        _, candidate_id = make_candidate(conn, "cli@alerts.example", skills=["python"], career_stage="R2")
        typed = words.typed_query(conn, "machine learning")
        saved_searches.create(conn, candidate_id, {"q": "machine learning", "frequency": "instant", "language": "en",
                                                   "typed_words": typed.words, "typed_stems": typed.stems,
                                                   "typed_weights": typed.weights, "typed_unknown": typed.unknown})
        position = make_position(conn, uni["id"])
    assert cli.main(["alerts", "run", "--deliver"]) == 0
    out = capsys.readouterr().out
    assert "1 e-mails queued announcing 1 positions" in out and "1 due e-mails delivered" in out
    [path] = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "cli@alerts.example" and "1 new position" in message["Subject"]
    assert f"/app/positions/{position['id']}?channel=alert" in message.get_content()
    with psycopg.connect(cli_database) as conn:
        conn.execute("UPDATE saved_searches SET next_run_at = now()")
    assert cli.main(["alerts", "run", "--deliver"]) == 0
    assert "0 e-mails queued" in capsys.readouterr().out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
