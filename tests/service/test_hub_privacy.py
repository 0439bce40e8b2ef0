"""The differencing attack against the hub API: ask for attracted talent by several cuts and periods,
solve the linear system of every published figure, and find no hidden count under 5 narrowed."""
import itertools
import math
from datetime import date, timedelta

import numpy as np
import pytest
from scipy.optimize import linprog

from models.attraction import CLASSES
from models.indicators import quarter_start
from service.queries import candidates
from tests.factories import bearer, make_application, make_candidate, make_ecosystem, make_institution, make_position, make_user

THRESHOLD = 5
GENDERS, AGES = ("woman", "man"), ("under_36", "36_and_over")
ORIGINS = {"foreign": ("FR", "FR", None, "from_abroad_foreign"), "local": ("IT", "IT", "ITC3", "local")}
GROUPS = {"attracted": [c for c in CLASSES if c.startswith("from_")], "not_attracted": ["local", "unknown"]}
THIS_QUARTER = quarter_start(date.today())
LAST_QUARTER = quarter_start(THIS_QUARTER - timedelta(days=1))


def _quarter_end(first: date) -> date:
    return quarter_start(first + timedelta(days=100)) - timedelta(days=1)


@pytest.fixture
def hire(app, conn, client):
    eco = make_ecosystem(conn)  # regions ITC3, ITC4
    inst = make_institution(conn, eco["id"], "University A")
    hr = bearer(app, make_user(conn, "hr", "hr@test.example", institution_id=inst["id"]))
    position = make_position(conn, inst["id"], openings=60)
    made = []

    def hire(start: date, gender: str, age: str, origin: str) -> None:
        nationality, country, region, _ = ORIGINS[origin]
        user, candidate_id = make_candidate(conn, f"p{len(made)}@test.example", nationality=nationality, gender=gender,
                                            birth_year=start.year - (30 if age == "under_36" else 50))
        candidates.replace_places(conn, candidate_id, [
            {"kind": "residence", "country": country, "region": region, "start_date": date(2015, 1, 1),
             "end_date": start - timedelta(days=1)},
            {"kind": "residence", "country": "IT", "region": "ITC3", "start_date": start}])
        application_id = make_application(conn, position["id"], candidate_id, user["id"])
        assert client.post(f"/applications/{application_id}/stage", json={"stage": "offer"}, headers=hr).status_code == 200
        assert client.post(f"/applications/{application_id}/stage",
                           json={"stage": "hired", "start_date": start.isoformat()}, headers=hr).status_code == 200
        made.append((start, gender, age, ORIGINS[origin][3]))

    hire.made = made
    hire.hub = bearer(app, make_user(conn, "hub", "hub@test.example"))
    return hire


def _atoms(periods):
    return list(itertools.product(periods, GENDERS, AGES, CLASSES))


def _figures(response: dict, span: set, atoms: list) -> list[tuple[list[int], int | None]]:
    """Every count of people in one /hub/attracted response, as the atoms it sums."""
    cut = {"gender": 1, "age_band": 2}[response["by"]]

    def of(value=None, classes=CLASSES, k=cut):
        return [i for i, a in enumerate(atoms) if a[0] in span and a[3] in classes and (value is None or a[k] == value)]
    total = response["totals"]["total"]
    figures = [(of(), total)]
    figures += [(of(classes=(c,)), n) for c, n in response["totals"]["cells"].items()]
    figures += [(of(classes=GROUPS[g]), n) for g, n in response["attracted"]["cells"].items()]
    for value, row in response["cells"].items():
        figures.append((of(value), row["total"]))
        figures += [(of(value, (c,)), n) for c, n in row["cells"].items()]
    for quota, (k, value) in {"women": (1, "woman"), "under_36": (2, "under_36")}.items():
        actual = response["quotas"][quota]["actual"]
        if actual is not None and total is not None:  # a share beside its total is a count
            figures.append((of(value, k=k), round(actual * total)))
    return figures


def attack(made: list, atoms: list, figures: list) -> list:
    """Hidden counts under THRESHOLD that the published figures pin to fewer than THRESHOLD values."""
    truth = np.zeros(len(atoms))
    for start, gender, age, cls in made:
        truth[atoms.index((quarter_start(start), gender, age, cls))] += 1
    shown = [(a, v) for a, v in figures if v is not None]
    a_eq = np.zeros((len(shown), len(atoms)))
    for row, (a, _) in enumerate(shown):
        a_eq[row, a] = 1
    b_eq = np.array([v for _, v in shown], dtype=float)
    assert np.allclose(a_eq @ truth, b_eq)
    broken = []
    for a in {tuple(a) for a, v in figures if v is None}:
        true = truth[list(a)].sum()
        if not 0 < true < THRESHOLD:
            continue
        objective = np.zeros(len(atoms))
        objective[list(a)] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs").fun
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        if high.status != 3 and math.floor(-high.fun + 1e-6) - math.ceil(low - 1e-6) < THRESHOLD:
            broken.append((true, low, -high.fun))
    return broken


def test_hidden_counts_by_gender_cannot_be_recovered_from_the_totals(client, hire):
    # The case: women 6 from abroad and 2 local, men 5 and 5. The old rule hid the women's 2
    # and 6 but showed the row total 8, the men's row and the class totals: 11 - 5 = 6, so 8 - 6 = 2.
    start = THIS_QUARTER + timedelta(days=3)
    for gender, origin, n in (("woman", "foreign", 6), ("woman", "local", 2), ("man", "foreign", 5), ("man", "local", 5)):
        for _ in range(n):
            hire(start, gender, "under_36", origin)
    response = client.get("/hub/attracted", params={"by": "gender"}, headers=hire.hub).json()
    atoms = _atoms([THIS_QUARTER])
    assert attack(hire.made, atoms, _figures(response, {THIS_QUARTER}, atoms)) == []
    assert response["totals"]["total"] == 18  # the grand total is still shown


def test_nothing_is_recovered_across_two_cuts_and_two_periods(client, hire):
    a, b = LAST_QUARTER + timedelta(days=3), THIS_QUARTER + timedelta(days=3)
    plan = [(a, "woman", "under_36", "foreign", 6), (a, "man", "36_and_over", "local", 5),
            (b, "woman", "under_36", "local", 2), (b, "man", "under_36", "foreign", 5), (b, "woman", "36_and_over", "foreign", 5)]
    for start, gender, age, origin, n in plan:
        for _ in range(n):
            hire(start, gender, age, origin)
    atoms = _atoms([LAST_QUARTER, THIS_QUARTER])
    figures = []
    for first, last in ((a, a), (b, b), (a, b)):
        span = {q for q in (LAST_QUARTER, THIS_QUARTER) if quarter_start(first) <= q <= quarter_start(last)}
        for by in ("gender", "age_band"):
            response = client.get("/hub/attracted", headers=hire.hub, params={
                "by": by, "start_from": first.isoformat(), "start_to": last.isoformat()}).json()
            figures += _figures(response, span, atoms)
    assert attack(hire.made, atoms, figures) == []
    # Not everything is hidden: the period's total and the men in the first quarter are shown.
    shown = {tuple(f): v for f, v in figures if v is not None}
    assert shown[tuple(i for i, x in enumerate(atoms) if x[0] in (LAST_QUARTER, THIS_QUARTER))] == 23
