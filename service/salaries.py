"""Salary heterogeneity for the service: fit the models on the ecosystem's positions, keep them,
and answer the hub's report, HR offices' suggestions and warnings.

Fitting happens at start-up in a background thread when the data changed since the saved fit
(``data_dir/salary_model.joblib``), and on ``ecotalent salaries fit``; until a model is ready the
endpoints that need it answer 503 with a retry hint.
"""
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import joblib
import numpy as np
from psycopg_pool import ConnectionPool

from models import fill, heterogeneity
from models.privacy import publish_one_way
from models.salary import full_time_hours, normalise_position
from models.salary_model import CrossValidation, ReferenceSalaryModel, cross_validate
from service.domain import Unavailable
from service.messages import Message, english, for_api, said
from service.queries import Connection
from service.queries import salaries as queries
from service.schemas.auth import UserRead
from service.schemas.salaries import SalaryDraft

log = logging.getLogger("ecotalent.salaries")
MIN_ROLE_POSITIONS = 10
# Part of the saved fit's fingerprint: a saved report of an older shape is refitted, not shown.
REPORT_FORMAT = "2"


def fingerprint(conn: Connection) -> str:
    return f"{REPORT_FORMAT}:{queries.fingerprint(conn)}"


@dataclass
class SalaryAnalysis:
    fingerprint: str
    model: ReferenceSalaryModel
    cross_validation: CrossValidation
    report: dict


def training_data(conn: Connection) -> tuple[list[dict], np.ndarray]:
    rows = [r for r in queries.positions_with_salary(conn)]
    pay = np.array([_stated_pay(r) for r in rows], dtype=float)
    return rows, pay


def _stated_pay(position: dict) -> float:
    """Gross per FTE-year of a position that states a salary (positions_with_salary reads only those)."""
    salary = normalise_position(position)
    if salary is None:
        raise ValueError(f"position {position['id']} states no salary")
    return salary.gross_fte_eur_year


def fit(conn: Connection) -> SalaryAnalysis:
    """Fit, cross-validate and build the report from the database as it is now."""
    rows, pay = training_data(conn)
    validation, out_of_fold = cross_validate(rows, pay)
    model = ReferenceSalaryModel().fit(rows, pay).calibrate(out_of_fold, pay)
    return SalaryAnalysis(fingerprint(conn), model, validation, build_report(conn, rows, pay, out_of_fold[:, 1], validation))


def build_report(conn: Connection, rows: list[dict], pay: np.ndarray, reference_median: np.ndarray,
                 validation: CrossValidation) -> dict:
    premiums = heterogeneity.institution_premiums(rows, pay)
    roles: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(rows):
        roles.setdefault((r["contract_type"], r["career_stage"]), []).append(i)
    spreads = [asdict(heterogeneity.role_spread(f"{contract}/{stage}", pay[idx], [rows[i]["institution"] for i in idx]))
               | {"contract_type": contract, "career_stage": stage}
               for (contract, stage), idx in sorted(roles.items()) if len(idx) >= MIN_ROLE_POSITIONS and len({rows[i]["institution"] for i in idx}) >= 2]
    # The premium of each post over its out-of-fold reference (the model never saw the post itself).
    log_premium = np.log(pay / reference_median)
    closed = [i for i, r in enumerate(rows) if r["status"] in ("closed", "filled") and r["deadline"] is not None]
    fill_effect = fill.fill_probability_effect(log_premium[closed], np.array([rows[i]["hires"] > 0 for i in closed]))
    applicant_effect = fill.applicants_effect(log_premium[closed], np.array([rows[i]["applicants"] for i in closed]),
                                              np.array([rows[i]["openings"] for i in closed]))
    expectations = []
    groups = queries.expected_salaries_by_stage(conn)
    # Candidates per stage, protected as if their total were shown too (it nearly is: the overview
    # counts all candidates); a stage's quartiles are shown only with its count.
    shown = publish_one_way({row["career_stage"]: row["candidates"] for row in groups})["cells"]
    for row in groups:
        hidden = shown[row["career_stage"]] is None
        expectations.append({"career_stage": row["career_stage"], "candidates": None if hidden else row["candidates"],
                             **{k: None if hidden else round(float(row[k]), -2) for k in ("q1", "median", "q3")}})
    return {
        "positions": len(rows),
        "reference_model": {"cross_validation": asdict(validation),
                            "explains": "median gross full-time pay per year for a role, with an interval calibrated to hold "
                                        "80% of comparable posts (the cross-validated coverage is before calibration)"},
        "institution_premiums": [asdict(p) | {"interval": p.interval, "premium_percent": round((np.exp(p.premium) - 1) * 100, 1)}
                                 for p in premiums],
        "roles": spreads,
        "pay_and_filling": {"fill_probability": _effect(fill_effect), "applicants_per_opening": _effect(applicant_effect)},
        "candidate_expectations_by_stage": expectations,
    }


def _effect(effect: fill.PayEffect) -> dict:
    """A pay effect with its statement in English and as a message."""
    statement = said(effect.statement)
    return asdict(effect) | {"statement": english(statement), "statement_message": for_api(statement)}


def _stated(key: str, message: Message) -> dict:
    return {key: english(message), f"{key}_message": for_api(message)}


def fill_advice(evidence: dict) -> Message:
    """What the fill evidence (a PayEffect, as the report holds it) means for an HR office, without statistics:
    paying more helped fill posts (by how many in a hundred), or the data cannot tell."""
    if evidence["statement_message"]["code"] == "fill.too_little_data":
        return Message("fill.advice.too_little_data")
    if evidence["supported"] and evidence["effect_of_ten_percent"] >= 0.5:
        return Message("fill.advice.helps", {"per_hundred": round(evidence["effect_of_ten_percent"])})
    return Message("fill.advice.unclear")


def suggestion(analysis: SalaryAnalysis, draft: dict) -> dict:
    """The going rate for a drafted role, a suggested range, and a warning when the posting is below it."""
    low, median, high = analysis.model.predict([draft])[0]
    evidence = analysis.report["pay_and_filling"]["fill_probability"]
    result = {"reference_gross_fte_eur_year": {"low": round(low, -2), "median": round(median, -2), "high": round(high, -2),
                                               **_stated("interval", Message("salary.reference_interval"))},
              "suggested_range_gross_fte_eur_year": [round(median, -2), round(high, -2)],
              "fill_evidence": evidence["statement"], "fill_evidence_message": evidence["statement_message"],
              **_stated("fill_advice", fill_advice(evidence)),
              "posted_gross_fte_eur_year": None, "warning": None, "warning_message": None}
    posted = normalise_position(draft) if draft.get("salary_min") or draft.get("salary_max") else None
    if posted is not None:
        result["posted_gross_fte_eur_year"] = posted.gross_fte_eur_year
        if posted.gross_fte_eur_year < low:
            result |= _stated("warning", Message("salary.below_market",
                                                 {"posted": round(posted.gross_fte_eur_year), "low": round(low)}))
        elif posted.gross_fte_eur_year < median:
            result |= _stated("warning", Message("salary.below_median", {"median": round(median)}))
    return result


class SalaryModels:
    """The fitted analysis shared by requests; refitted in the background when the data changed."""

    def __init__(self, path: Path):
        self.path = path
        self.analysis: SalaryAnalysis | None = None
        self.error: str | None = None  # for the log; what the endpoints say is error_code's message
        self.error_code: str | None = None
        self._lock = threading.Lock()

    def load_or_fit(self, pool: ConnectionPool[Connection]) -> None:
        try:
            with pool.connection() as conn:
                current = fingerprint(conn)
                if self.path.exists():
                    saved = joblib.load(self.path)
                    if saved.fingerprint == current:
                        self.analysis = saved
                        return
                analysis = fit(conn)
            self.save(analysis)
        except ValueError as exc:  # too little data: the endpoints say so
            self.error, self.error_code = str(exc), "salary.models_too_little_data"
        except Exception:
            log.exception("fitting the salary models failed")
            self.error, self.error_code = "fitting the salary models failed; see the service log", "salary.models_failed"

    def save(self, analysis: SalaryAnalysis) -> None:
        with self._lock:
            self.analysis, self.error, self.error_code = analysis, None, None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            joblib.dump(analysis, self.path)

    def start_background_fit(self, pool: ConnectionPool[Connection]) -> threading.Thread:
        thread = threading.Thread(target=self.load_or_fit, args=(pool,), name="salary-fit", daemon=True)
        thread.start()
        return thread


def report_text(report: dict) -> str:
    """The report as a person reads it in a terminal (or a README)."""
    validation = report["reference_model"]["cross_validation"]
    lines = [f"Reference model: {validation['folds']}-fold cross-validation on {validation['rows']} positions: median error "
             f"{validation['median_absolute_percentage_error']:.1f}% ({validation['mean_absolute_error_eur']:,.0f} EUR mean absolute), "
             f"{validation['interval_coverage'] * 100:.0f}% of held-out pay inside the raw 10th-90th interval, "
             "which is then widened (conformal calibration) to hold 80%.", "",
             "Institution premiums for the same role (log points, 95% interval):"]
    for p in report["institution_premiums"]:
        lines.append(f"  {p['premium_percent']:+6.1f}%  [{p['interval'][0]:+.3f}, {p['interval'][1]:+.3f}]  "
                     f"{p['institution']} ({p['positions']} positions)")
    lines += ["", f"{'role':<34}{'n':>5}{'inst':>5}{'median':>9}{'CV':>6}{'IQR':>8}{'Gini':>6}{'between':>9}  far from the rest"]
    for r in report["roles"]:
        far = ", ".join(f"{o['institution']} ({o['from_role_median']:+.0%})" for o in r["outliers"]) or "-"
        lines.append(f"{r['role']:<34}{r['positions']:>5}{r['institutions']:>5}{r['median_eur_year']:>9,.0f}"
                     f"{r['coefficient_of_variation']:>6.2f}{r['interquartile_range_eur_year']:>8,.0f}{r['gini']:>6.2f}"
                     f"{r['between_institution_share']:>9.0%}  {far}")
    filling = report["pay_and_filling"]
    lines += ["", "Does pay explain unfilled posts?", f"  {filling['fill_probability']['statement']}",
              f"  {filling['applicants_per_opening']['statement']}"]
    return "\n".join(lines)


# --- use cases: salary checks of drafts, the hub's report (issue 11) ---

def ready_analysis(models: SalaryModels) -> SalaryAnalysis:
    """The fitted analysis, or Unavailable (503, retry in a minute) while none is ready."""
    if models.analysis is None:
        if models.error:
            raise Unavailable(models.error_code or "salary.models_failed")
        raise Unavailable("salary.models_fitting")
    return models.analysis


def salary_check(conn: Connection, models: SalaryModels, institution_id: int, draft: dict) -> dict | None:
    """A suggestion for a drafted position of the institution, or None while no model is ready
    (create, update and import attach it to what they answer)."""
    analysis = models.analysis
    if analysis is None:
        return None
    context = queries.institution_context(conn, institution_id)
    return suggestion(analysis, draft | {
        "field": (draft.get("fields") or [None])[0],
        "institution_kind": context["institution_kind"],
        "region": draft.get("region") or context["region"],
        "hours_per_week": draft.get("hours_per_week") or full_time_hours(draft["contract_type"]),
    })


def check_draft(conn: Connection, user: UserRead, models: SalaryModels, draft: SalaryDraft) -> dict | None:
    """The going rate for a role an HR officer drafts (``draft``: a SalaryDraft); Unavailable while
    no model is ready."""
    ready_analysis(models)
    return salary_check(conn, models, user.own_institution_id, draft.model_dump())


def hub_report(models: SalaryModels) -> dict:
    """The heterogeneity report as the hub reads it (the caller has checked the role)."""
    analysis = ready_analysis(models)
    return {"fitted_on": analysis.fingerprint} | analysis.report
