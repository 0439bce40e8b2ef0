"""The twin's rates, read from the database's own history (service.queries.twin) as it stood on the
start day: nothing recorded on or after the start is used, so a twin started a year back is
calibrated on the year before it and can be compared with what then happened.

- calls a month and the calls they copy: the calls opened in the 365 days before the start;
- applications per call-month by field, with the pay premium's and the pool's elasticities: a
  Poisson regression on the calls open in that year (exposure: the days each was open);
- offers per application and acceptances per offer: logistic regressions on the premium, over the
  calls whose deadline passed 90 to 455 days before the start (their outcomes are known);
- the delay from deadline to hire, and the share of unfilled calls published again (a call of the
  same partner, field and contract opened from 14 days before to 90 days after the deadline);
- candidates by field and residence (local, another Italian region, abroad) at the start, their
  inflow a month, the share of each who would count as attracted (models.attraction), and how much
  less often candidates abroad apply than those at home.
The pay premium of a call is the log of its normalised pay over the median of its contract type and
career stage (0 when it states no pay)."""
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from models.attraction import Period, classify
from models.salary import normalise_position
from models.twin import ABROAD, DAYS_PER_MONTH, ORIGINS, Calibration, Calls, Start
from models.twin_fit import glm, logistic
from service.queries import Connection
from service.queries import twin as queries

YEAR_DAYS = 365
OUTCOME_LAG_DAYS = 90
PENDING_DAYS = 150
DEFAULT_DELAY_DAYS = 45
REPUBLISH_WINDOW = (-14, 90)


@dataclass
class History:
    positions: list[dict]
    applications: list[dict]
    candidates: list[dict]
    regions: frozenset[str]


def history(conn: Connection) -> History:
    return History(queries.positions(conn), queries.applications(conn), queries.candidates(conn),
                   frozenset(queries.ecosystem_regions(conn)))


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _periods(candidate: dict) -> list[Period]:
    return [Period(p["country"].strip(), p["region"], date.fromisoformat(p["start"]),
                   date.fromisoformat(p["end"]) if p["end"] else None) for p in candidate["places"]]


def _residence(candidate: dict, periods: list[Period], kinds: list[str], day: date, regions: frozenset[str]) -> int:
    """Where the candidate lived on ``day`` (their residence period, else where they live now)."""
    country, region = (candidate["current_country"] or "IT").strip(), candidate["current_region"]
    for period, kind in zip(periods, kinds, strict=True):
        if kind == "residence" and period.start <= day and (period.end is None or period.end >= day):
            country, region = period.country, period.region
    if country != "IT":
        return ABROAD
    return 1 if region is not None and region not in regions else 0


def _premiums(positions: list[dict]) -> dict[int, float]:
    pay = {}
    for p in positions:
        salary = normalise_position(p)
        if salary is not None:
            pay[p["id"]] = salary.gross_fte_eur_year
    roles: dict[tuple, list[float]] = {}
    for p in positions:
        if p["id"] in pay:
            roles.setdefault((p["contract_type"], p["career_stage"]), []).append(pay[p["id"]])
    medians = {k: float(np.median(v)) for k, v in roles.items()}
    return {p["id"]: float(np.log(pay[p["id"]] / medians[(p["contract_type"], p["career_stage"])])) if p["id"] in pay else 0.0
            for p in positions}


def calibrate(data: History, start: date, months: int) -> tuple[Calibration, Start, dict]:
    """The twin's rates and its state on ``start``, and the figures a person can check them by."""
    year_ago = start - timedelta(days=YEAR_DAYS)
    premium = _premiums(data.positions)
    call_lengths = [(p["deadline"] - p["opening_date"]).days for p in data.positions if p["deadline"]]
    median_call = int(np.median(call_lengths)) if call_lengths else 60
    deadline = {p["id"]: p["deadline"] or p["opening_date"] + timedelta(days=median_call) for p in data.positions}
    by_position: dict[int, list[dict]] = {}
    for a in data.applications:
        by_position.setdefault(a["position_id"], []).append(a)
    fields = tuple(sorted({p["field"] for p in data.positions} | {c["field"] for c in data.candidates}))
    index = {f: i for i, f in enumerate(fields)}

    # Candidates: residence and attraction, and when each left the pool (their first hire).
    hired_on: dict[int, date] = {}
    for a in data.applications:
        if a["hired_on"] and a["candidate_id"] is not None and a["hired_on"] < hired_on.get(a["candidate_id"], date.max):
            hired_on[a["candidate_id"]] = a["hired_on"]
    reference_day = start + timedelta(days=int(months * DAYS_PER_MONTH / 2))
    pool = np.zeros((len(fields), len(ORIGINS)), int)
    inflow = np.zeros_like(pool)
    attracted, counted = np.zeros(pool.shape), np.zeros(pool.shape)
    residence_now: dict[int, int] = {}
    arrivals: dict[int, list[date]] = {i: [] for i in range(len(fields))}
    departures: dict[int, list[date]] = {i: [] for i in range(len(fields))}
    for c in data.candidates:
        if c["arrived_on"] >= start:
            continue
        f = index[c["field"]]
        periods, kinds = _periods(c), [p["kind"] for p in c["places"]]
        where = _residence(c, periods, kinds, c["arrived_on"], data.regions)
        residence_now[c["id"]] = _residence(c, periods, kinds, start, data.regions)
        arrivals[f].append(c["arrived_on"])
        left = hired_on.get(c["id"])
        if left is not None:
            departures[f].append(left)
        if left is None or left >= start:
            pool[f, residence_now[c["id"]]] += 1
        if c["arrived_on"] >= year_ago:
            inflow[f, where] += 1
        nationality = c["nationality"].strip() if c["nationality"] else None
        verdict = classify([p for p in periods if p.start < start], reference_day, data.regions, nationality)
        counted[f, residence_now[c["id"]]] += 1
        attracted[f, residence_now[c["id"]]] += verdict.startswith("from_")
    by_origin = (attracted.sum(0) + 1) / (counted.sum(0) + 2)
    attracted_share = (attracted + 2 * by_origin) / (counted + 2)

    came = {f: np.sort(np.array(d, "datetime64[D]")) for f, d in arrivals.items()}
    went = {f: np.sort(np.array(d, "datetime64[D]")) for f, d in departures.items()}

    def pool_on(f: int, day: date) -> int:
        when = np.datetime64(day, "D")
        return int(np.searchsorted(came[f], when, side="right") - np.searchsorted(went[f], when, side="right"))

    # Applications per call-month: calls open in the year before the start.
    rows, exposure, counts = [], [], []
    for p in data.positions:
        first, last = max(p["opening_date"], year_ago), min(deadline[p["id"]], start - timedelta(days=1))
        if last < first or p["status"] == "cancelled":
            continue
        mid = first + (last - first) / 2
        f = index[p["field"]]
        rows.append((f, premium[p["id"]], np.log((pool_on(f, mid) + 1) / (pool.sum(1)[f] + 1))))
        exposure.append(((last - first).days + 1) / DAYS_PER_MONTH)
        counts.append(sum(1 for a in by_position.get(p["id"], []) if first <= a["applied_on"] <= last))
    rate, premium_elasticity, pool_elasticity = np.full(len(fields), 0.5), 0.0, 0.0
    if rows:
        design = np.zeros((len(rows), len(fields) + 2))
        for i, (f, prem, crowd) in enumerate(rows):
            design[i, f], design[i, -2], design[i, -1] = 1, prem, crowd
        seen = design[:, :-2].sum(0) > 0
        beta = glm(design[:, np.r_[seen, True, True]], np.array(counts), "poisson", offset=np.log(exposure))
        rate = np.full(len(fields), float(np.sum(counts) / np.sum(exposure)))
        rate[seen] = np.exp(beta[:-2])
        premium_elasticity, pool_elasticity = float(np.clip(beta[-2], 0, 6)), float(np.clip(beta[-1], 0, 1))

    # Offers, acceptances, delays and re-publication: calls whose outcome is known by the start.
    known = [p for p in data.positions if start - timedelta(days=YEAR_DAYS + OUTCOME_LAG_DAYS) <= deadline[p["id"]]
             < start - timedelta(days=OUTCOME_LAG_DAYS) and p["status"] != "cancelled"]
    decided = [(premium[p["id"]], a) for p in known for a in by_position.get(p["id"], []) if a["applied_on"] < start]
    offered = [bool(a["offer_on"] and a["offer_on"] < start) for _, a in decided]
    offer = logistic(np.array([x for x, _ in decided]), np.array(offered))
    accept = logistic(np.array([x for (x, _), o in zip(decided, offered, strict=True) if o]),
                      np.array([bool(a["hired_on"] and a["hired_on"] < start) for (_, a), o in zip(decided, offered, strict=True) if o]))
    offer, accept = (offer[0], max(offer[1], 0.0)), (accept[0], max(accept[1], 0.0))
    delays = [(a["hired_on"] - deadline[a["position_id"]]).days for a in data.applications
              if a["hired_on"] and year_ago <= a["hired_on"] < start]
    delays = [max(d, 0) for d in delays] or [DEFAULT_DELAY_DAYS]
    unfilled = [p for p in known if sum(1 for a in by_position.get(p["id"], []) if a["hired_on"] and a["hired_on"] < start) < p["openings"]]
    same_call: dict[tuple, list[dict]] = {}
    for q in data.positions:
        if q["opening_date"] < start:
            same_call.setdefault((q["institution_id"], q["field"], q["contract_type"]), []).append(q)
    again = sum(1 for p in unfilled if any(
        q["id"] != p["id"] and REPUBLISH_WINDOW[0] <= (q["opening_date"] - deadline[p["id"]]).days <= REPUBLISH_WINDOW[1]
        for q in same_call.get((p["institution_id"], p["field"], p["contract_type"]), [])))
    republish = float(np.clip(again / len(unfilled), 0, 0.9)) if unfilled else 0.0

    # Candidates abroad against those at home: applications per person in the year.
    per_person = np.zeros(2)
    people = np.array([sum(1 for r in residence_now.values() if r != ABROAD), sum(1 for r in residence_now.values() if r == ABROAD)])
    for a in data.applications:
        if a["candidate_id"] in residence_now and year_ago <= a["applied_on"] < start:
            per_person[int(residence_now[a["candidate_id"]] == ABROAD)] += 1
    ratio = (per_person / np.maximum(people, 1))
    abroad_reach = float(np.clip(ratio[1] / ratio[0], 0.05, 1.0)) if ratio[0] > 0 and people[1] > 0 else 1.0

    opened = [p for p in data.positions if year_ago <= p["opening_date"] < start and p["status"] != "cancelled"]
    templates = _calls(opened, index, premium, deadline, {p["id"]: 0 for p in opened}, start, relative=False)
    cal = Calibration(fields=fields, application_rate=rate, premium_elasticity=premium_elasticity, pool_elasticity=pool_elasticity,
                      abroad_reach=abroad_reach, offer=offer, accept=accept, republish_share=republish,
                      hire_delay_days=np.array(delays), calls_per_month=len(opened) / 12, templates=templates,
                      inflow_per_month=inflow / 12, attracted_share=attracted_share)
    state = Start(pool=pool, calls=_start_calls(data, start, index, premium, deadline),
                  month_days=np.array([(add_months(start, m) - start).days for m in range(months + 1)]))
    facts = {"calibrated_from": year_ago, "calibrated_to": start - timedelta(days=1), "calls_per_month": round(cal.calls_per_month, 2),
             "applications_per_call_month": round(float(np.average(rate, weights=np.maximum(pool.sum(1), 1))) if len(rate) else 0.0, 3),
             "premium_elasticity": round(premium_elasticity, 3), "pool_elasticity": round(pool_elasticity, 3),
             "offer_per_application": round(float(np.mean(offered)) if offered else 0.0, 3),
             "acceptance_per_offer": round(float(1 / (1 + np.exp(-accept[0]))), 3), "republish_share": round(republish, 3),
             "median_days_deadline_to_hire": float(np.median(delays)), "abroad_reach": round(abroad_reach, 3),
             "candidates_at_start": int(pool.sum()), "candidates_a_month": round(float(inflow.sum() / 12), 1),
             "calls_at_start": len(state.calls)}
    return cal, state, facts


def _calls(positions: list[dict], index: dict, premium: dict, deadline: dict, applicants: dict, start: date, *,
           relative: bool, openings: dict | None = None) -> Calls:
    def days(day: date) -> int:
        return (day - start).days if relative else 0
    return Calls(field=np.array([index[p["field"]] for p in positions], int),
                 institution=np.array([p["institution_id"] for p in positions], int),
                 openings=np.array([(openings or {}).get(p["id"], p["openings"]) for p in positions], int),
                 open_day=np.array([days(p["opening_date"]) for p in positions], int),
                 deadline_day=np.array([days(p["opening_date"]) + (deadline[p["id"]] - p["opening_date"]).days for p in positions], int),
                 call_days=np.array([max((deadline[p["id"]] - p["opening_date"]).days, 1) for p in positions], int),
                 premium=np.array([premium[p["id"]] for p in positions], float),
                 applicants=np.array([applicants[p["id"]] for p in positions], int))


def _start_calls(data: History, start: date, index: dict, premium: dict, deadline: dict) -> Calls:
    """Calls open on the start day, and calls past their deadline whose applicants still wait for a decision."""
    forward = start >= date.today().replace(day=1)  # the current month: statuses are today's
    in_play: dict[int, int] = {}
    hires: dict[int, int] = {}
    for a in data.applications:
        if a["applied_on"] >= start:
            continue
        if a["hired_on"] and a["hired_on"] < start:
            hires[a["position_id"]] = hires.get(a["position_id"], 0) + 1
        elif not (a["ended_on"] and a["ended_on"] < start):
            in_play[a["position_id"]] = in_play.get(a["position_id"], 0) + 1
    chosen, left = [], {}
    for p in data.positions:
        if p["status"] == "cancelled" or p["opening_date"] >= start or (forward and p["status"] in ("closed", "filled")
                                                                       and deadline[p["id"]] >= start):
            continue
        remaining = p["openings"] - hires.get(p["id"], 0)
        open_now = deadline[p["id"]] >= start
        pending = start - timedelta(days=PENDING_DAYS) <= deadline[p["id"]] < start and in_play.get(p["id"], 0) > 0
        if remaining > 0 and (open_now or pending):
            chosen.append(p)
            left[p["id"]] = remaining
    return _calls(chosen, index, premium, deadline, {p["id"]: in_play.get(p["id"], 0) for p in chosen}, start,
                  relative=True, openings=left)
