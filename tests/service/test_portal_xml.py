"""The MUR calls portal's XML: exports follow rmp.dtd, a file of calls comes back as the same positions,
and a file that is not the portal's (or is hostile) is refused with a reason, never a 500."""
from datetime import date, timedelta

import pytest
from lxml import etree

from service.links import position_url
from service.portal.schema import dtd
from tests.factories import bearer, make_ecosystem, make_institution, make_position, make_user

TODAY = date.today()
# what the XML carries of a position: every one of these must come back from an import
CARRIED = ("title_it", "title_en", "description_it", "description_en", "fields", "settore_concorsuale", "ssd",
           "career_stage", "contract_type", "salary_min", "salary_max", "salary_period", "salary_basis",
           "monthly_payments", "hours_per_week", "duration_months", "city", "region", "openings", "opening_date",
           "deadline", "status")


@pytest.fixture
def world(app, conn):
    eco = make_ecosystem(conn)
    inst_a = make_institution(conn, eco["id"], "Università di Genova")
    inst_b = make_institution(conn, eco["id"], "Politecnico di Milano", region="ITC4", city="Milano")
    full = make_position(
        conn, inst_a["id"], title_it="Ricercatore in reti energetiche", title_en="Researcher in energy grids",
        description_it="Ricerca sull'apprendimento automatico per le reti elettriche & l'accumulo.",
        description_en=("Research on machine learning for power grids <and> storage, " + "with field work. " * 40).strip(),
        fields=["computer_science", "materials_science"], settore_concorsuale="09/H1", ssd="ING-INF/05",
        career_stage="R3", contract_type="rtt", salary_min=38_000, salary_max=41_500.5, salary_period="year",
        salary_basis="gross_person", monthly_payments=13, hours_per_week=36, duration_months=72, openings=2,
        region="ITC3", city="Genova")
    italian_only = make_position(
        conn, inst_a["id"], title_en=None, description_en=None, title_it="Assegno di ricerca in robotica",
        description_it="Robot subacquei.", career_stage="R1", contract_type="research_grant", fields=[],
        salary_min=None, hours_per_week=20, region=None, city=None, deadline=None)
    draft = make_position(conn, inst_a["id"], status="draft")
    closed = make_position(conn, inst_a["id"], status="closed")
    past = make_position(conn, inst_a["id"], opening_date=TODAY - timedelta(days=60), deadline=TODAY - timedelta(days=1))
    users = {"hr_a": make_user(conn, "hr", "hr.a@test.example", institution_id=inst_a["id"]),
             "hr_b": make_user(conn, "hr", "hr.b@test.example", institution_id=inst_b["id"]),
             "hub": make_user(conn, "hub", "hub@test.example")}
    return {"a": inst_a["id"], "b": inst_b["id"], "open": [full["id"], italian_only["id"]],
            "hidden": [draft["id"], closed["id"], past["id"]],
            "headers": {name: bearer(app, user) for name, user in users.items()}}


def _export(client, world, who="hr_a", institution="a"):
    return client.get(f"/institutions/{world[institution]}/positions.xml", headers=world["headers"][who])


def _import(client, world, content: bytes, who="hr_b", institution="b", mode=None):
    return client.post(f"/institutions/{world[institution]}/positions.xml", params={"mode": mode} if mode else {},
                       files={"file": ("calls.xml", content, "application/xml")}, headers=world["headers"][who])


def _root(content: bytes) -> etree._Element:
    return etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))


def _positions_of(conn, institution_id: int) -> list[dict]:
    return conn.execute(f"SELECT {', '.join(CARRIED)} FROM positions WHERE institution_id = %s ORDER BY id",
                        (institution_id,)).fetchall()


def test_export_holds_the_open_positions_and_follows_the_dtd(client, world, app):
    response = _export(client, world)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = _root(response.content)
    assert dtd().validate(root), dtd().error_log
    calls = root.findall("job-opportunity")
    assert [int(c.get("id")) for c in calls] == world["open"]  # not the draft, the closed, the one past its deadline
    full = calls[0]
    assert full.get("organisationName") == "Università di Genova"
    assert full.findtext("description/career-stage") == "Established Researcher (R3)"
    assert full.findtext("description/job-type") == "Ricercatore in tenure track"
    assert [e.text for e in full.iterfind("description/main-research-field")] == ["Computer science", "Engineering"]
    assert full.findtext("description/main-research-field-miur") == "09/H1"
    assert full.findtext("description/nr-job-position") == "2"
    assert len(full.findtext("description/job-summary")) <= 300
    assert full.findtext("work-location/region") == "Liguria"
    assert full.findtext("application-details/application-website") == position_url(
        app.state.settings.public_url, world["open"][0], "portal")
    assert full.findtext("application-details/application-website").endswith("?channel=portal")


def test_a_control_character_pasted_into_a_text_is_left_out_of_the_export(client, world, conn):
    make_position(conn, world["b"], description_en="Pasted\x0cfrom a\x01 word processor.")
    response = _export(client, world, who="hr_b", institution="b")
    assert response.status_code == 200, response.text
    root = _root(response.content)
    assert dtd().validate(root)
    assert root.findtext("job-opportunity/description/job-description") == "Pastedfrom a word processor."


def test_an_institution_without_open_positions_exports_a_valid_empty_file(client, world):
    response = _export(client, world, who="hr_b", institution="b")
    root = _root(response.content)
    assert response.status_code == 200 and root.findall("job-opportunity") == []
    assert dtd().validate(root)


def test_a_broken_file_fails_the_dtd_and_its_import_says_where(client, world, conn):
    root = _root(_export(client, world).content)
    description = root.find("job-opportunity/description")
    description.remove(description.find("career-stage"))
    assert not dtd().validate(root)
    response = _import(client, world, etree.tostring(root))
    assert response.status_code == 422
    assert response.json()["code"] == "portal.not_valid" and "career-stage" in response.json()["detail"]
    assert _positions_of(conn, world["b"]) == []


def test_round_trip_into_another_institution_gives_the_same_positions(client, world, conn):
    exported = _export(client, world).content
    response = _import(client, world, exported)
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 2 and response.json()["rejected"] == []
    assert _positions_of(conn, world["b"]) == [p for p in _positions_of(conn, world["a"]) if p["status"] == "open"
                                               and (p["deadline"] is None or p["deadline"] >= TODAY)]
    # and B's export is A's, but for the ids, the institution and the links
    again = _export(client, world, who="hr_b", institution="b").content
    assert _comparable(again) == _comparable(exported)


def _comparable(content: bytes) -> bytes:
    root = _root(content)
    for call in root.iterfind("job-opportunity"):
        for attribute in ("id", "organisationName", "organisationIDkey"):
            del call.attrib[attribute]
        call.find("application-details/application-website").text = ""
    return etree.tostring(root)


def test_the_hub_exports_any_institution_and_other_offices_cannot(client, world):
    assert _export(client, world, who="hub").status_code == 200
    refused = _export(client, world, who="hr_b")
    assert refused.status_code == 403 and refused.json()["code"] == "portal.other_institution"
    assert client.get(f"/institutions/{world['a']}/positions.xml").status_code == 401
    assert client.get("/institutions/999999/positions.xml", headers=world["headers"]["hub"]).status_code == 404


def test_only_the_institutions_own_hr_office_imports_into_it(client, world, conn):
    exported = _export(client, world).content
    other = _import(client, world, exported, who="hr_a", institution="b")
    assert other.status_code == 403 and other.json()["code"] == "portal.other_institution"
    hub = _import(client, world, exported, who="hub")
    assert hub.status_code == 403 and hub.json()["code"] == "role.hr_only"
    assert _positions_of(conn, world["b"]) == []


def _call(career_stage="Recognised Researcher (R2)", call_date="01/12/2026", openings="1") -> str:
    return f"""<job-opportunity id="1" organisationName="Ateneo" organisationIDkey="9"><description>
      <job-type>Contratto di ricerca</job-type><job-title>Postdoc in batteries</job-title>
      <job-description>Research on solid-state batteries.</job-description>
      <call-date-miur>{call_date}</call-date-miur><nr-job-position>{openings}</nr-job-position>
      <main-research-field>Chemistry</main-research-field><career-stage>{career_stage}</career-stage>
      <type-of-contract>Temporary</type-of-contract><job-status>Part-time</job-status></description>
      <application-details><application-website>https://old.example/call/1</application-website></application-details>
    </job-opportunity>"""


def _file(*calls: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE all SYSTEM "https://ateneo.cineca.it/bandi/dtd/rmp.dtd">\n'
            f"<all>{''.join(calls)}</all>").encode()


def test_a_call_written_by_another_system_is_imported_with_the_defaults_of_its_terms(client, world, conn):
    response = _import(client, world, _file(_call()))
    assert response.status_code == 200, response.text
    [position] = _positions_of(conn, world["b"])
    assert position["contract_type"] == "contratto_di_ricerca" and position["career_stage"] == "R2"
    assert position["fields"] == ["chemistry"] and position["hours_per_week"] == 18  # Part-time, no hours given
    assert position["opening_date"] == date(2026, 12, 1) and position["status"] == "open"


def test_all_or_nothing_keeps_no_call_when_one_has_an_unknown_term(client, world, conn):
    response = _import(client, world, _file(_call(), _call(career_stage="Postdoc"), _call(call_date="2026-12-01")))
    assert response.status_code == 422
    report = response.json()["detail"]
    assert [r["row"] for r in report["rejected"]] == [2, 3]
    assert report["rejected"][0]["error_messages"][0]["code"] == "portal.unknown_term"
    assert "First Stage Researcher (R1)" in report["rejected"][0]["errors"][0]
    assert report["rejected"][1]["error_messages"][0]["code"] == "portal.bad_date"
    assert _positions_of(conn, world["b"]) == []


def test_per_row_keeps_the_good_calls_and_names_the_field_of_a_bad_number(client, world, conn):
    response = _import(client, world, _file(_call(), _call(openings="many")), mode="per_row")
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["created"] == 1 and [r["row"] for r in report["rejected"]] == [2]
    assert report["rejected"][0]["error_messages"][0]["field"] == "openings"
    assert len(_positions_of(conn, world["b"])) == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE all [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>
<all>&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;</all>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE all [<!ENTITY secret SYSTEM "file:///etc/passwd">]><all>&secret;</all>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE all [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]><all/>"""


@pytest.mark.parametrize(("content", "code"), [
    (b"this is not xml", "portal.not_xml"),
    (b"<all><job-opportunity></all>", "portal.not_xml"),
    (BILLION_LAUGHS, "portal.not_xml"),  # libxml2 stops it first: "Maximum entity amplification factor exceeded"
    (EXTERNAL_ENTITY, "portal.internal_dtd"),
    (PARAMETER_ENTITY, "portal.internal_dtd"),
    (_file(_call().replace("Postdoc in batteries", "Postdoc &undeclared;")), "portal.entity"),
    (b'<?xml version="1.0"?><job-opportunity id="1" organisationName="x" organisationIDkey="1"/>', "portal.not_valid"),
    (_file(_call().replace("<job-type>", "<salary-grade>3</salary-grade><job-type>")), "portal.not_valid"),
    (_file(), "import.no_rows"),
])
def test_a_file_that_is_not_the_portals_is_refused_with_a_reason(client, world, conn, content, code):
    response = _import(client, world, content)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code and response.json()["field"] == "file"
    assert "root:" not in response.text  # nothing of /etc/passwd
    assert _positions_of(conn, world["b"]) == []


# The portal's published example (jobfellowship.mur.gov.it, "Istruzioni per trasmettere un file ..."), its
# texts as published up to <benefits>, completed with the parts of rmp.dtd that are ecotalent's reconstruction.
PUBLISHED_EXAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE all SYSTEM "https://ateneo.cineca.it/bandi/dtd/rmp.dtd">
<all>
<job-opportunity id="123" organisationName="Test Organisation" organisationIDkey="1234" lastmodifieddate="2011-04-11">
<description>
<job-type inst="1" nr="1">Professore di prima fascia</job-type>
<job-title inst="1" nr="1">titolo in inglese</job-title>
<job-title-miur inst="1" nr="1">titolo in italiano</job-title-miur>
<job-summary inst="1" nr="1">breve descrizione in inglese</job-summary>
<job-summary-miur inst="1" nr="1">breve descrizione in italiano</job-summary-miur>
<job-description inst="1" nr="1">descrizione in inglese </job-description>
<job-description-miur inst="1" nr="1">descrizione in italiano </job-description-miur>
<call-date-miur inst="1" nr="1">01/04/2011</call-date-miur>
<nr-job-position inst="1" nr="1">2</nr-job-position>
<main-research-field inst="1" nr="1">Agricultural sciences</main-research-field>
<sub-research-field inst="1" nr="1">Agricultural products</sub-research-field>
<main-research-field-miur inst="1" nr="1">07/C1 - INGEGNERIA AGRARIA, FORESTALE E DEI BIOSISTEMI</main-research-field-miur>
<sub-research-field-miur inst="1" nr="1">AGR/08</sub-research-field-miur>
<career-stage inst="1" nr="1">Early stage researcher or 0-4 yrs (Post graduate)</career-stage>
<benefits inst="1" nr="1">descrizione dei benefici</benefits>
<type-of-contract>Permanent</type-of-contract><job-status>Full-time</job-status>
</description>
<application-details><application-deadline>02/05/2011</application-deadline>
<application-website>https://example.org/bando/123</application-website></application-details>
</job-opportunity>
</all>""".encode()


def test_the_portals_published_example_is_read_as_the_call_it_describes(client, world, conn):
    response = _import(client, world, PUBLISHED_EXAMPLE)
    assert response.status_code == 200, response.text
    [position] = _positions_of(conn, world["b"])
    assert position["title_en"] == "titolo in inglese" and position["description_it"] == "descrizione in italiano"
    assert position["contract_type"] == "other" and position["career_stage"] == "R1"
    assert position["fields"] == ["agricultural_sciences"]
    assert (position["settore_concorsuale"], position["ssd"]) == ("07/C1", "AGR/08")
    assert position["openings"] == 2 and position["opening_date"] == date(2011, 4, 1)
    assert position["status"] == "closed"  # its deadline has passed: brought in as history, not as an open call
