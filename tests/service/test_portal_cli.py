"""`ecotalent portal export` and `import` against a committed database of their own."""
import psycopg
import pytest
from lxml import etree
from psycopg.rows import dict_row

from service import cli
from service.config import get_settings
from service.portal.schema import dtd


@pytest.fixture
def cli_database(fresh_database, monkeypatch):
    url = fresh_database("ecotalent_portal_cli")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def _query(url: str, sql: str, params=()) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(sql, params).fetchall()


def test_export_then_import_into_another_institution(cli_database, tmp_path, capsys):
    assert cli.main(["seed", "--scale", "40", "--seed", "5"]) == 0
    [source, target] = _query(cli_database, """
        SELECT i.id, count(p.id) FILTER (WHERE ecotalent_position_is_open(p.status, p.deadline, current_date)) AS n
        FROM institutions i LEFT JOIN positions p ON p.institution_id = i.id
        GROUP BY i.id ORDER BY n DESC, i.id LIMIT 2""")
    assert source["n"] > 0
    exported = tmp_path / "calls.xml"
    assert cli.main(["portal", "export", "--institution", str(source["id"]), "-o", str(exported)]) == 0
    root = etree.parse(str(exported), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    assert dtd().validate(root) and len(root.findall("job-opportunity")) == source["n"]
    capsys.readouterr()

    count = "SELECT count(*) AS n FROM positions WHERE institution_id = %s"
    [before] = _query(cli_database, count, (target["id"],))
    assert cli.main(["portal", "import", str(exported), "--institution", str(target["id"])]) == 0
    assert f"{source['n']} of {source['n']} calls imported" in capsys.readouterr().out
    [after] = _query(cli_database, count, (target["id"],))
    assert after["n"] == before["n"] + source["n"]


def test_import_of_a_file_that_is_not_xml_exits_with_the_reason(cli_database, tmp_path):
    cli.main(["seed", "--scale", "10"])
    bad = tmp_path / "calls.xml"
    bad.write_text("not xml")
    [institution] = _query(cli_database, "SELECT id FROM institutions ORDER BY id LIMIT 1")
    with pytest.raises(SystemExit, match="not well-formed XML"):
        cli.main(["portal", "import", str(bad), "--institution", str(institution["id"])])
