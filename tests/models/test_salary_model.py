"""The reference salary model: fits, predicts sensible intervals, and its calibration holds coverage."""
import numpy as np

from models.salary_model import ReferenceSalaryModel, cross_validate


def synthetic(n: int, seed: int):
    rng = np.random.default_rng(seed)
    contracts = {"phd_scholarship": 16_500, "contratto_di_ricerca": 29_000, "company_employee": 36_000}
    rows, pay = [], []
    for _ in range(n):
        contract = rng.choice(list(contracts))
        region = rng.choice(["ITC4", "ITF3"])
        rows.append({"contract_type": contract, "career_stage": "R2", "field": "engineering", "institution_kind":
                     "company" if contract == "company_employee" else "university", "region": region, "min_years_experience": 2})
        regional = 1.1 if (contract == "company_employee" and region == "ITC4") else 1.0
        pay.append(contracts[contract] * regional * np.exp(rng.normal(0, 0.06)))
    return rows, np.array(pay)


def test_median_follows_contract_and_region():
    rows, pay = synthetic(600, 0)
    model = ReferenceSalaryModel(max_iter=100).fit(rows, pay)
    milan, naples = model.predict([rows[0] | {"contract_type": "company_employee", "institution_kind": "company", "region": r}
                                   for r in ("ITC4", "ITF3")])
    assert milan[1] > naples[1] * 1.05
    assert 33_000 < naples[1] < 39_000


def test_calibrated_interval_holds_its_coverage_on_new_data():
    rows, pay = synthetic(800, 1)
    _, out_of_fold = cross_validate(rows, pay, max_iter=100)
    model = ReferenceSalaryModel(max_iter=100).fit(rows, pay).calibrate(out_of_fold, pay, coverage=0.8)
    new_rows, new_pay = synthetic(2000, 2)
    predicted = model.predict(new_rows)
    inside = np.mean((new_pay >= predicted[:, 0]) & (new_pay <= predicted[:, -1]))
    assert 0.75 < inside < 0.9
