"""The fill forecast for the service (issue 15.2 and 15.3): snapshots of positions built from the
database, the pool that fits each one, the fitted models kept until what they learn from changes,
and each open position's forecast with its levers.

A snapshot of a closed position is taken at three landmarks of its life (its opening day, a third
and two thirds of the way to its deadline): the applicants so far are those who had applied by that
day, and the pool counts the candidates registered by then and not yet hired anywhere whose match
clears ``POOL_SCORE`` (the fused match score of models.matching, its text signal left out, among the
position's ``NEAREST`` nearest candidate vectors) and whom no hard condition of the allocation rules
out (models.allocation.edge_blockers). An open position's snapshot is taken today.
"""
import math
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

import numpy as np

from models import forecast, levers
from models.allocation import edge_blockers
from models.embeddings import Embedder
from models.matching import UNKNOWN, score_pair, similarity_value
from models.privacy import SMALL_CELL_THRESHOLD
from models.salary import normalise_position
from models.salary_model import ReferenceSalaryModel
from service import positions
from service.access import is_open_for_applications
from service.domain import Conflict, Forbidden, Unavailable
from service.messages import Message, english, for_api, said
from service.queries import Connection
from service.queries import forecast as queries
from service.salaries import SalaryModels, ready_analysis
from service.schemas.auth import UserRead

POOL_SCORE = 0.5
NEAREST = 150
GRACE_DAYS = 90          # hires come weeks after a deadline: a post closed more recently is not learnt from yet
LANDMARKS = (0.0, 1 / 3, 2 / 3)
NO_DEADLINE_DAYS = 60    # the days left assumed for an open post without a deadline


@dataclass
class Neighbourhood:
    """Each position's candidates worth scoring (id, semantic signal), and those candidates' facts."""
    near: dict[int, list[tuple[int, float]]]
    people: dict[int, dict]


def neighbourhood(conn: Connection, positions: list[dict], model: str, similarity: tuple[float, float]) -> Neighbourhood:
    near: dict[int, list[tuple[int, float]]] = {p["id"]: [] for p in positions}
    for r in queries.nearest_candidates(conn, list(near), model, NEAREST):
        signal = similarity_value(float(r["cosine"]), *similarity)
        near[r["position_id"]].append((r["candidate_id"], UNKNOWN if signal is None else signal))
    for p in positions:  # not embedded yet: the candidates of its field, their similarity unknown
        if not near[p["id"]]:
            near[p["id"]] = [(c, UNKNOWN) for c in queries.candidates_in_field(conn, p["field"], NEAREST)]
    ids = sorted({c for pairs in near.values() for c, _ in pairs})
    return Neighbourhood(near, {c["id"]: c for c in queries.candidates(conn, ids)} if ids else {})


def fitting(position: dict, hood: Neighbourhood, widen_abroad: bool = False) -> list[int]:
    """The candidates who fit the position (whatever the day): a match score over POOL_SCORE and no
    hard condition against them."""
    out = []
    for candidate_id, semantic in hood.near[position["id"]]:
        person = hood.people[candidate_id]
        if score_pair(person, position, semantic, None).score >= POOL_SCORE \
                and not edge_blockers(person, position, widen_abroad=widen_abroad):
            out.append(candidate_id)
    return out


def pool_on(candidate_ids: list[int], people: dict[int, dict], day: date) -> int:
    """How many of the candidates were registered on ``day`` and not hired anywhere yet."""
    return sum(1 for c in candidate_ids if people[c]["registered_on"] <= day
               and (people[c]["hired_on"] is None or people[c]["hired_on"] > day))


def log_premiums(reference: ReferenceSalaryModel, positions: list[dict]) -> list[float | None]:
    """Log of each position's full-time pay over the reference median for its role; None without pay.
    One prediction for all of them: the trees cost far more per call than per row."""
    salaries = [normalise_position(p) if p.get("salary_min") or p.get("salary_max") else None for p in positions]
    medians: list[float] = list(reference.predict(positions)[:, 1]) if positions else []
    return [None if salary is None else float(math.log(salary.gross_fte_eur_year / median))
            for salary, median in zip(salaries, medians, strict=True)]


def snapshot(position: dict, day: date, applied: list[date], pool: int, premium: float | None,
             today: bool = False) -> dict:
    """The position as it stood on ``day`` (``today``: applications made during the day count too)."""
    deadline = position["deadline"]
    return {"field": position["field"], "region": position["region"], "contract_type": position["contract_type"],
            "career_stage": position["career_stage"], "remote": position["remote"], "log_premium": premium,
            "days_left": (deadline - day).days if deadline else NO_DEADLINE_DAYS,
            "applicants_so_far": sum(1 for d in applied if d < day or (today and d == day)), "pool": pool,
            "languages": position["languages"],
            "extra_languages": sum(1 for lang in position["languages"] if lang.get("language") != "en"),
            "published_abroad": bool(position["title_en"] and position["description_en"])}


def is_filled(position: dict) -> bool:
    """Every opening hired."""
    return position["hires"] >= position["openings"]


@dataclass
class Training:
    rows: list[dict]
    filled: np.ndarray
    final_applicants: np.ndarray
    closed_on: list[str]
    position_ids: list[int]


def training_snapshots(conn: Connection, reference: ReferenceSalaryModel, model: str,
                       similarity: tuple[float, float]) -> Training:
    positions = queries.closed_positions(conn, GRACE_DAYS)
    hood = neighbourhood(conn, positions, model, similarity)
    applied: dict[int, list[date]] = {}
    for r in queries.application_dates(conn, [p["id"] for p in positions]):
        applied.setdefault(r["position_id"], []).append(r["applied_on"])
    data = Training([], np.zeros(0), np.zeros(0), [], [])
    filled, final = [], []
    for p, premium in zip(positions, log_premiums(reference, positions), strict=True):
        fits = fitting(p, hood)
        window = (p["deadline"] - p["opening_date"]).days
        for share in LANDMARKS:
            day = p["opening_date"] + timedelta(days=round(share * window))
            data.rows.append(snapshot(p, day, applied.get(p["id"], []), pool_on(fits, hood.people, day), premium))
            filled.append(is_filled(p))
            final.append(p["applicants"])
            data.closed_on.append(p["deadline"].isoformat())
            data.position_ids.append(p["id"])
    data.filled, data.final_applicants = np.array(filled, float), np.array(final, float)
    return data


@dataclass
class Fitted:
    fingerprint: str
    positions: int
    fill: forecast.FillForecast
    applicants: forecast.ApplicantsForecast


def fit(conn: Connection, reference: ReferenceSalaryModel, model: str, similarity: tuple[float, float],
        fingerprint: str = "") -> Fitted:
    """Both models fitted on every closed position; Unavailable when too few have closed."""
    data = training_snapshots(conn, reference, model, similarity)
    positions = len(set(data.position_ids))
    if positions < forecast.MIN_POSITIONS or data.filled.min() == data.filled.max():
        raise Unavailable("forecast.too_few_closed", positions=positions, need=forecast.MIN_POSITIONS)
    return Fitted(fingerprint, positions, forecast.FillForecast().fit(data.rows, data.filled),
                  forecast.ApplicantsForecast().fit(data.rows, data.final_applicants))


class ForecastModels:
    """The fitted forecast shared by requests, refitted when a closed position or the salary reference changed."""

    def __init__(self) -> None:
        self.fitted: Fitted | None = None
        self._lock = threading.Lock()

    def current(self, conn: Connection, reference: ReferenceSalaryModel, reference_version: str, model: str,
                similarity: tuple[float, float]) -> Fitted:
        version = f"{reference_version}|{model}|{queries.fingerprint(conn, GRACE_DAYS)}"
        with self._lock:
            if self.fitted is None or self.fitted.fingerprint != version:
                self.fitted = fit(conn, reference, model, similarity, version)
            return self.fitted


@dataclass(frozen=True)
class Forecast:
    position_id: int
    probability: float
    expected_applicants: float
    applicants_so_far: int
    pool: int
    at_risk: bool
    levers: list[levers.LeverEffect]


def forecasts(conn: Connection, fitted: Fitted, reference: ReferenceSalaryModel, model: str,
              similarity: tuple[float, float], position_ids: list[int], with_levers: bool = True) -> list[Forecast]:
    """Today's forecast for each open position among ``position_ids`` (and its levers when asked)."""
    positions = queries.open_positions(conn, position_ids)
    if not positions:
        return []
    hood = neighbourhood(conn, positions, model, similarity)
    applied: dict[int, list[date]] = {}
    for r in queries.application_dates(conn, [p["id"] for p in positions]):
        applied.setdefault(r["position_id"], []).append(r["applied_on"])
    today = date.today()
    out = []
    for p, premium in zip(positions, log_premiums(reference, positions), strict=True):
        dates = applied.get(p["id"], [])

        take = partial(_today, day=today, applied=dates, hood=hood, premium=premium)
        now = take(p)
        pulled = {}
        if with_levers:
            for lever, change in levers.changes(now).items():
                pulled[lever] = _pulled(p, now, lever, change, take)
        probability = float(fitted.fill.predict_proba([now])[0])
        out.append(Forecast(p["id"], probability, float(fitted.applicants.predict([now])[0]), now["applicants_so_far"],
                            now["pool"], probability < levers.AT_RISK, levers.effects(fitted.fill, now, pulled)))
    return out


def _today(position: dict, *, day: date, applied: list[date], hood: Neighbourhood, premium: float | None,
           widen_abroad: bool = False) -> dict:
    return snapshot(position, day, applied, pool_on(fitting(position, hood, widen_abroad), hood.people, day), premium,
                    today=True)


def _pulled(position: dict, now: dict, lever: str, change: dict, take) -> dict:
    """The snapshot of the position with one lever pulled (its pool taken again where the lever changes who fits)."""
    if lever == "pay_to_median":
        pay = position["salary_gross_eur_year"]
        raised = position | {"salary_gross_eur_year": float(pay) * change["salary_factor"] if pay else None}
        return take(raised, premium=0.0)
    if lever == "extend_deadline":
        return now | {"days_left": now["days_left"] + change["extra_days"]}
    if lever in ("open_hybrid", "open_remote"):
        return take(position | {"remote": change["remote"]})
    if lever == "drop_language":
        kept = [lang for lang in position["languages"] if lang.get("language") != change["drop"]]
        return now | {"languages": kept, "extra_languages": now["extra_languages"] - 1}
    return take(position, widen_abroad=True) | {"published_abroad": True}


# --- use cases: a position's forecast for its HR office and the hub, the at-risk badges of a list ---

def _fitted(conn: Connection, salary_models: SalaryModels, models: ForecastModels, embedder: Embedder) -> tuple[Fitted, ReferenceSalaryModel]:
    analysis = ready_analysis(salary_models)
    return models.current(conn, analysis.model, analysis.fingerprint, embedder.name, embedder.similarity_range), analysis.model


def _people(value: int | float, hub: bool) -> int | float | None:
    """A count of people: hidden from the hub below the small-cell threshold."""
    return None if hub and value < SMALL_CELL_THRESHOLD else value


def position_forecast(conn: Connection, user: UserRead, position_id: int, salary_models: SalaryModels,
                      models: ForecastModels, embedder: Embedder) -> dict:
    """The fill forecast of an open position, its levers with their intervals and the best of them:
    for the position's HR office (another office's is not found) and the hub (counts of people under 5 hidden)."""
    if user.role not in ("hr", "hub"):
        raise Forbidden("forecast.hr_or_hub_only")
    row = positions.own(conn, user, position_id) if user.role == "hr" else positions.readable(conn, user, position_id)
    if not is_open_for_applications(row):
        raise Conflict("forecast.position_not_open", position_id=position_id)
    fitted, reference = _fitted(conn, salary_models, models, embedder)
    found = forecasts(conn, fitted, reference, embedder.name, embedder.similarity_range, [position_id])[0]
    hub = user.role == "hub"
    best = levers.best(found.levers)
    return {
        "position_id": position_id, "probability": round(found.probability, 3), "at_risk": found.at_risk,
        "at_risk_below": levers.AT_RISK,
        "expected_applicants": _people(round(found.expected_applicants, 1), hub),
        "applicants_so_far": _people(found.applicants_so_far, hub), "pool": _people(found.pool, hub),
        "pool_rule": {"min_score": POOL_SCORE, "nearest": NEAREST},
        "trained_on_positions": fitted.positions,
        "best_lever": None if best is None else best.lever,
        "levers": [_lever(e) for e in found.levers],
        **_stated("summary", Message("forecast.summary", {"percent": round(found.probability * 100)})),
    }


def _lever(effect: levers.LeverEffect) -> dict:
    return {"lever": effect.lever, "probability": round(effect.probability, 3), "gain_points": round(effect.gain_points, 1),
            "interval_points": [round(v, 1) for v in effect.interval_points], "supported": effect.supported,
            **_stated("statement", said(effect.statement))}


def _stated(key: str, message: Message) -> dict:
    return {key: english(message), f"{key}_message": for_api(message)}


def at_risk_badges(conn: Connection, user: UserRead, salary_models: SalaryModels, models: ForecastModels,
                   embedder: Embedder) -> dict[int, float]:
    """The fill forecast of each of the officer's open positions that is at risk (position id -> probability);
    empty while no forecast can be made (no salary reference yet, too few closed positions)."""
    try:
        fitted, reference = _fitted(conn, salary_models, models, embedder)
    except Unavailable:
        return {}
    ids = queries.open_position_ids(conn, user.own_institution_id)
    found = forecasts(conn, fitted, reference, embedder.name, embedder.similarity_range, ids, with_levers=False)
    return {f.position_id: f.probability for f in found if f.at_risk}
