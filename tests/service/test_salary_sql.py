"""The SQL twin of the salary normalisation gives the Python answers (models/salary.py)."""
import itertools

import pytest

from models.salary import normalise
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
