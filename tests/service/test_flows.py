"""Talent flows for the hub on a factory-built ecosystem: the flows add up to the hires they come
from, no hidden count can be had back from everything the API returns (every kind, level, quarter
and the combined period), and only the hub sees them."""
from collections import Counter
from datetime import date

import numpy as np
import pytest

from models.privacy import SMALL_CELL_THRESHOLD, interval, protected_width
from service.queries import candidates
from tests.factories import (
    bearer,
    make_application,
    make_candidate,
    make_ecosystem,
    make_institution,
    make_position,
    make_user,
    sign_in_pages,
)

Q1, Q2 = date(2025, 2, 3), date(2025, 5, 5)  # start days in 2025-Q1 and 2025-Q2
BEFORE = date(2024, 3, 1)  # the earlier hire of those who move between partners
PARTNERS = {"A": ("university", 1), "B": ("research_body", 1), "C": ("company", 2), "D": ("company", 2)}
HOME = {"FR": ("FR", None, "abroad_eu"), "GB": ("GB", None, "abroad_europe_other"), "US": ("US", None, "abroad_world"),
        "ITF3": ("IT", "ITF3", "other_region"), "local": ("IT", "ITC3", "same_region")}
# (quarter's start day, partner, where they were before, the partner of their earlier hire or None): how many.
PLAN = Counter({
    (Q1, "A", "FR", None): 8, (Q1, "A", "local", None): 7, (Q1, "A", "local", "C"): 5, (Q1, "A", "ITF3", None): 3,
    (Q1, "A", "US", None): 1, (Q1, "B", "local", None): 3, (Q1, "B", "local", "D"): 6, (Q1, "B", "GB", None): 2,
    (Q1, "C", "local", "A"): 6, (Q1, "C", "FR", None): 5, (Q1, "D", "local", None): 6,
    (Q1, "D", "ITF3", None): 6,
    (Q2, "A", "local", None): 7, (Q2, "A", "local", "C"): 3, (Q2, "A", "FR", None): 4, (Q2, "C", "local", "A"): 5,
    (Q2, "C", "local", None): 3, (Q2, "C", "local", "B"): 1, (Q2, "C", "US", None): 6,
})
PERIODS = {"2025-Q1": ("2025-01-01", "2025-03-31"), "2025-Q2": ("2025-04-01", "2025-06-30"), "both": ("2025-01-01", "2025-06-30")}


def _hire(conn, position_id: int, candidate_id: int, user_id: int, day: date) -> None:
    application_id = make_application(conn, position_id, candidate_id, user_id)
    conn.execute("UPDATE applications SET stage = 'hired', hire_start_date = %s WHERE id = %s", (day, application_id))


@pytest.fixture
def world(app, conn):
    eco = make_ecosystem(conn)  # regions ITC3, ITC4
    ids, now, old = {}, {}, {}
    for name, (kind, spoke) in PARTNERS.items():
        inst = make_institution(conn, eco["id"], f"Partner {name}", kind=kind, spoke=spoke)
        ids[name] = inst["id"]
        now[name] = make_position(conn, inst["id"], openings=60)["id"]
        old[name] = make_position(conn, inst["id"], openings=60)["id"]
    n = 0
    for (day, partner, home, before), count in PLAN.items():
        country, region, _ = HOME[home]
        for _ in range(count):
            n += 1
            user, candidate_id = make_candidate(conn, f"p{n}@test.example", nationality="IT" if country == "IT" else country)
            candidates.replace_places(conn, candidate_id, [
                {"kind": "residence", "country": country, "region": region, "start_date": date(2015, 1, 1), "end_date": day},
                {"kind": "residence", "country": "IT", "region": "ITC3", "start_date": day}])
            if before:
                _hire(conn, old[before], candidate_id, user["id"], BEFORE)
            _hire(conn, now[partner], candidate_id, user["id"], day)
    hr = make_user(conn, "hr", "hr@test.example", institution_id=ids["A"])
    hub = make_user(conn, "hub", "hub@test.example")
    return {"eco": eco["id"], "ids": ids, "hub": bearer(app, hub), "hub_user": hub,
            "hr": bearer(app, hr), "candidate": bearer(app, user)}


def _get(client, world, kind: str, level: str, period: str) -> dict:
    start, end = PERIODS[period]
    response = client.get(f"/hub/flows?kind={kind}&level={level}&start={start}&end={end}", headers=world["hub"])
    assert response.status_code == 200, response.text
    return response.json()


def _atoms(world) -> dict[str, Counter]:
    """The finest true counts, straight from the plan: (quarter, origin, partner) and (quarter, from, to)."""
    origin, moves = Counter(), Counter()
    for (day, partner, home, before), count in PLAN.items():
        quarter = "2025-Q1" if day == Q1 else "2025-Q2"
        origin[(quarter, f"origin:{HOME[home][2]}", f"partner:{world['ids'][partner]}")] += count
        if before:
            moves[(quarter, f"partner:{world['ids'][before]}", f"partner:{world['ids'][partner]}")] += count
    return {"origin": origin, "moves": moves}


def _level_of(world, level: str, kind: str):
    by_id = {f"partner:{i}": name for name, i in world["ids"].items()}

    def node(key: str, side: str) -> str:
        if not key.startswith("partner:"):
            return key
        kind_, spoke = PARTNERS[by_id[key]]
        if kind == "sectors" and (side == "source" or level == "ecosystem"):
            return f"sector:{'company' if kind_ == 'company' else 'academia'}"
        return {"partner": key, "spoke": f"spoke:{spoke}", "ecosystem": f"ecosystem:{world['eco']}"}[level]
    return node


def test_flows_add_up_to_the_hires_they_come_from(client, conn, world):
    hired = conn.execute("SELECT count(*) AS n FROM applications a JOIN positions p ON p.id = a.position_id "
                         "JOIN institutions i ON i.id = p.institution_id WHERE a.stage = 'hired' AND i.ecosystem_id = %s"
                         " AND a.hire_start_date >= '2025-01-01'", (world["eco"],)).fetchone()["n"]
    report = _get(client, world, "origin", "partner", "both")
    assert report["combined"]["total"] == hired == sum(PLAN.values())
    assert report["combined"]["sources"]["origin:same_region"] == sum(n for k, n in PLAN.items() if k[2] == "local")
    truth = _atoms(world)
    for level in ("partner", "spoke", "ecosystem"):
        for kind, family in (("origin", "origin"), ("partners", "moves"), ("sectors", "moves")):
            for period in PERIODS:
                table = _get(client, world, kind, level, period)["combined"]
                node = _level_of(world, level, kind)
                expected = Counter()
                for (quarter, source, target), n in truth[family].items():
                    if period in (quarter, "both"):
                        expected[(node(source, "source"), node(target, "target"))] += n
                assert table["total"] in (None, sum(expected.values()))
                for link in table["links"]:
                    assert link["count"] in (None, expected[(link["source"], link["target"])]), (kind, level, period, link)
                shown = sum(link["count"] or 0 for link in table["links"])
                if table["total"] is not None:
                    assert shown + table["hidden_total"] == table["total"]
    moves = _get(client, world, "partners", "partner", "2025-Q1")["combined"]
    a, c = f"partner:{world['ids']['A']}", f"partner:{world['ids']['C']}"
    assert {(lk["source"], lk["target"]): lk["count"] for lk in moves["links"]}[(a, c)] == 6
    assert moves["targets"][a] == 5 and moves["total"] == 17


def _published(client, world, counts: Counter, kinds: tuple[str, ...]) -> tuple[tuple, list]:
    """Every figure the API returns for ``kinds`` as equations over the true atoms ``counts``, and the
    hidden figures whose true value is small and not zero."""
    atoms = list(counts)
    rows, values, hidden = [], [], []

    def figure(members: list[int], value, what) -> None:
        if value is None:
            if 0 < sum(counts[atoms[i]] for i in members) < SMALL_CELL_THRESHOLD:
                hidden.append((members, what))
            return
        row = np.zeros(len(atoms))
        row[members] = 1
        rows.append(row)
        values.append(value)
    for kind in kinds:
        for level in ("partner", "spoke", "ecosystem"):
            node = _level_of(world, level, kind)
            for period in PERIODS:
                report = _get(client, world, kind, level, period)
                for name, table in [(period, report["combined"])] + [(q["quarter"], q) for q in report["quarters"]]:
                    inside = [i for i, (q, _, _) in enumerate(atoms) if name in (q, "both")]
                    figure(inside, table["total"], (kind, level, name, "total"))
                    for s, n in table["sources"].items():
                        figure([i for i in inside if node(atoms[i][1], "source") == s], n, (kind, level, name, s))
                    for t, n in table["targets"].items():
                        figure([i for i in inside if node(atoms[i][2], "target") == t], n, (kind, level, name, t))
                    for link in table["links"]:
                        figure([i for i in inside if (node(atoms[i][1], "source"), node(atoms[i][2], "target"))
                                == (link["source"], link["target"])], link["count"], (kind, level, name, link))
    return (np.array(rows), np.array(values, dtype=float)), hidden


@pytest.mark.parametrize(("family", "kinds"), [("origin", ("origin",)), ("moves", ("partners", "sectors"))])
def test_no_hidden_count_is_recoverable_from_everything_the_api_returns(client, world, family, kinds):
    counts = _atoms(world)[family]
    equations, hidden = _published(client, world, counts, kinds)
    assert hidden, f"the fixture should make the {family} flows hide something"
    for members, what in hidden:
        assert protected_width(*interval(len(counts), equations, members)) >= SMALL_CELL_THRESHOLD, what


def test_only_the_hub_sees_the_flows(client, world):
    assert client.get("/hub/flows", headers=world["hr"]).status_code == 403
    assert client.get("/hub/flows", headers=world["candidate"]).status_code == 403
    assert client.get("/hub/flows").status_code == 401


@pytest.mark.parametrize("params", ["kind=colour", "level=region", "start=2025-06-01&end=2025-01-01", "start=yesterday"])
def test_bad_parameters_are_422_with_a_message_code(client, world, params):
    response = client.get(f"/hub/flows?{params}", headers=world["hub"])
    assert response.status_code == 422
    assert "code" in response.text


def test_the_flows_page_draws_each_flow_with_its_table_and_says_what_is_hidden(client, app, world):
    sign_in_pages(client, app, world["hub_user"])
    html = client.get("/app/hub/flows?start=2025-01-01&end=2025-06-30").text
    assert html.count('<svg class="sankey"') == 3 and html.count("<caption>") >= 3
    assert 'class="band"' in html and "Partner A" in html and "Abroad: European Union" in html
    assert "hidden to protect small counts" in html  # the origin flows hide the single hire from the US
    client.cookies.set("lang", "it")
    italian = client.get("/app/hub/flows?start=2025-01-01&end=2025-06-30&level=spoke").text
    assert "Flussi di talenti" in italian and "Unione europea" in italian and "nascost" in italian


def test_the_flows_page_refuses_a_reversed_period_in_words(client, app, world):
    sign_in_pages(client, app, world["hub_user"])
    response = client.get("/app/hub/flows?start=2025-06-01&end=2025-01-01")
    assert response.status_code == 422 and 'role="alert"' in response.text


def test_sankey_bands_are_as_wide_as_their_counts_and_hidden_links_are_not_drawn():
    from service.web.sankey import layout
    d = layout(["s1", "s2"], ["t1", "t2"], [{"source": "s1", "target": "t1", "count": 30},
                                            {"source": "s2", "target": "t1", "count": 10},
                                            {"source": "s2", "target": "t2", "count": None}])
    assert [(b["source"], b["target"]) for b in d["bands"]] == [("s1", "t1"), ("s2", "t1")]
    s1, s2 = d["sources"]
    assert s1["h"] == pytest.approx(3 * s2["h"], rel=0.01)  # 30 against 10 hires
    assert d["targets"][1]["h"] == 2.0  # t2's only link is hidden: a thin bar, no band
