"""The SQL twin of the salary normalisation gives the Python answers (models/salary.py)."""
import itertools

import pytest

from models.salary import EMPLOYER_COST_RATIO, normalise
from models.taxonomy import ContractType, values
from tests.factories import make_ecosystem, make_institution, make_position


def test_sql_gross_per_year_matches_python_for_every_form(conn):
    eco = make_ecosystem(conn)
    inst = make_institution(conn, eco["id"], "University A")
    checked = 0
    for contract, period, basis, payments in itertools.product(values(ContractType), ("month", "year"),
                                                               ("gross_person", "employer_cost"), (12, 13, 14)):
        amount = 2_345.67 if period == "month" else 31_234.56
        position = make_position(conn, inst["id"], contract_type=contract, salary_min=amount, salary_period=period,
                                 salary_basis=basis, monthly_payments=payments, hours_per_week=30)
        sql_value = conn.execute("SELECT salary_gross_eur_year FROM positions WHERE id = %s", (position["id"],)).fetchone()
        expected = normalise(amount, contract_type=contract, period=period, basis=basis, monthly_payments=payments,
                             hours_per_week=30).gross_eur_year
        assert float(sql_value["salary_gross_eur_year"]) == pytest.approx(expected, abs=0.011), (contract, period, basis)
        checked += 1
    assert checked == 10 * 2 * 2 * 3


def test_sql_employer_cost_ratios_are_the_python_ones(conn):
    """Migration 0003 writes the ratios out as numbers (a shipped migration never changes); the
    generator (seeds/demo.py) imports the Python table. This holds the two copies equal."""
    contracts = [*values(ContractType), "a_contract_nobody_knows"]
    rows = conn.execute("SELECT c, ecotalent_employer_cost_ratio(c) AS ratio FROM unnest(%s::text[]) AS c", (contracts,))
    sql_ratios = {row["c"]: row["ratio"] for row in rows}
    assert set(EMPLOYER_COST_RATIO) == set(values(ContractType))
    for contract in values(ContractType):
        assert sql_ratios[contract] == pytest.approx(EMPLOYER_COST_RATIO[contract], rel=1e-12), contract
    assert sql_ratios["a_contract_nobody_knows"] == pytest.approx(EMPLOYER_COST_RATIO["other"], rel=1e-12)
