"""The digital twin of recruitment: a seeded Monte Carlo of the next months of an ecosystem's hiring.

One run, month by month (every run at once, as arrays over runs x position slots):
1. candidates arrive by field and residence (local, other Italian region, abroad): Poisson inflow;
2. new calls open: a Poisson number a month, each a copy of a call of the calibration year;
3. each open call draws applications from its field's pool (Poisson): a rate per field, times
   exp(premium_elasticity x pay premium), times (pool now / pool at the start) ** pool_elasticity,
   times its reach (candidates abroad see a call at ``abroad_reach`` of the rate of those at home,
   unless it is published abroad);
4. at its deadline a call decides: each applicant gets an offer (logistic in the premium) and accepts
   (logistic in the premium); hires are at most the openings left and at most the people of the
   field still unhired, who leave the pool; each hire starts working after a delay drawn from the
   history, and is attracted with the share of its field and residence that the 12-of-36-months
   rule (models.attraction) gives;
5. a call left with openings is published again (same length) with the share seen in the history,
   or stays unfilled.
Scenarios change the inputs only: pay at chosen partners, calls published abroad, deadlines
extended, shared calls (partners' calls in the same field consider each other's applicants not
offered a post). Every scenario runs on the same seed, so their differences are not noise of draws.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

ORIGINS = ("local", "other_region", "abroad")
ABROAD = 2
DAYS_PER_MONTH = 30.44
CHUNK_RUNS = 50  # runs simulated together; fixed, so a seed gives the same result whatever the total


@dataclass(frozen=True)
class Calls:
    """Position slots: one per call (its openings counted in it). Days are counted from the start."""
    field: np.ndarray          # int, index into Calibration.fields
    institution: np.ndarray    # int id
    openings: np.ndarray       # int, openings left to fill
    open_day: np.ndarray       # int
    deadline_day: np.ndarray   # int; negative: passed before the start, decision still pending
    call_days: np.ndarray      # int, the call's length (for a re-publication)
    premium: np.ndarray        # float, log of pay over the role's median
    applicants: np.ndarray     # int, applications still in play at the start

    def __len__(self) -> int:
        return len(self.field)


@dataclass(frozen=True)
class Calibration:
    fields: tuple[str, ...]
    application_rate: np.ndarray   # (F,) applications per call-month at premium 0 and the start's pool
    premium_elasticity: float
    pool_elasticity: float
    abroad_reach: float            # applications per candidate abroad / per candidate at home
    offer: tuple[float, float]     # logistic intercept, slope on the premium: P(offer | application)
    accept: tuple[float, float]    # P(accept | offer)
    republish_share: float
    hire_delay_days: np.ndarray    # history: deadline -> hire, days (at least one value)
    calls_per_month: float
    templates: Calls               # the calibration year's calls (open_day 0, deadline_day = call_days)
    inflow_per_month: np.ndarray   # (F, O)
    attracted_share: np.ndarray    # (F, O)


@dataclass(frozen=True)
class Start:
    pool: np.ndarray               # (F, O) candidates unhired at the start
    calls: Calls                   # open at the start, or past the deadline with a decision pending
    month_days: np.ndarray         # (M + 1,) day of each month's first day from the start; [0] == 0


@dataclass(frozen=True)
class Scenario:
    """Levers; an institution set of None means every partner."""
    name: str = "baseline"
    pay_raise: float = 0.0
    raise_institutions: frozenset[int] | None = None
    abroad: bool = False
    abroad_institutions: frozenset[int] | None = None
    extend_days: int = 0
    extend_institutions: frozenset[int] | None = None
    shared_institutions: frozenset[int] = field(default_factory=frozenset)


@dataclass
class Result:
    """Per run and month; slot and hire records for the conservation checks."""
    fills: np.ndarray              # (R, M) hires, in the month each is recorded
    unfilled: np.ndarray           # (R, M) openings whose deadline passed unfilled and not published again
    attracted: np.ndarray          # (R, M) attracted hires
    applications: np.ndarray       # (R, M)
    offers: np.ndarray             # (R, M)
    still_open: np.ndarray         # (R,) openings open at the end
    slot_hires: list[np.ndarray]   # per chunk (r, P): hires per slot
    slot_openings: list[np.ndarray]  # per chunk (r, P): openings per slot (0 for an unused slot)
    hired: np.ndarray              # (N, 4): run, field, origin, ordinal of the person in that cell
    arrived_when_hired: np.ndarray  # (N,): people of that cell arrived by then (the ordinal is below it)


def _members(ids: np.ndarray, chosen: frozenset[int] | None) -> np.ndarray:
    return np.ones(ids.shape, bool) if chosen is None else np.isin(ids, list(chosen))


def _slots(cal: Calibration, start: Start, rng: np.random.Generator, runs: int) -> dict[str, np.ndarray]:
    """Every run's slots: the calls at the start, then room for the calls each month opens."""
    months = len(start.month_days) - 1
    tpl, first = cal.templates, start.calls
    # Room for a month's calls: far in the Poisson tail (none without calls to copy).
    per_month = int(np.ceil(cal.calls_per_month + 6 * np.sqrt(cal.calls_per_month) + 3)) if len(tpl) else 0
    count = rng.poisson(cal.calls_per_month, (runs, months)).clip(max=per_month)
    pick = rng.integers(0, max(len(tpl), 1), (runs, months, per_month))
    used = np.arange(per_month)[None, None, :] < count[:, :, None]
    lengths = np.diff(start.month_days)
    opens = start.month_days[:-1][None, :, None] + (rng.random((runs, months, per_month)) * lengths[None, :, None]).astype(int)

    def new(values: np.ndarray) -> np.ndarray:
        return values[pick].reshape(runs, -1) if per_month else np.zeros((runs, 0))

    call_days = new(tpl.call_days).astype(int)
    slots = {
        "field": np.hstack([np.broadcast_to(first.field, (runs, len(first))), new(tpl.field).astype(int)]),
        "institution": np.hstack([np.broadcast_to(first.institution, (runs, len(first))), new(tpl.institution).astype(int)]),
        "openings": np.hstack([np.broadcast_to(first.openings, (runs, len(first))),
                               np.where(used.reshape(runs, -1), new(tpl.openings), 0)]).astype(int),
        "open_day": np.hstack([np.broadcast_to(first.open_day, (runs, len(first))), opens.reshape(runs, -1)]).astype(int),
        "call_days": np.hstack([np.broadcast_to(first.call_days, (runs, len(first))), call_days]).astype(int),
        "premium": np.hstack([np.broadcast_to(first.premium, (runs, len(first))), new(tpl.premium)]).astype(float),
        "applicants": np.hstack([np.broadcast_to(first.applicants, (runs, len(first))),
                                 np.zeros((runs, call_days.shape[1]), int)]).astype(int),
    }
    slots["deadline_day"] = np.hstack([np.broadcast_to(first.deadline_day, (runs, len(first))),
                                       opens.reshape(runs, -1) + call_days]).astype(int)
    slots["initial"] = np.hstack([np.ones((runs, len(first)), bool), np.zeros((runs, call_days.shape[1]), bool)])
    return {k: np.array(v) for k, v in slots.items()}


def _apply(scenario: Scenario, slots: dict[str, np.ndarray]) -> None:
    inst = slots["institution"]
    if scenario.pay_raise:
        slots["premium"] = slots["premium"] + np.log1p(scenario.pay_raise) * _members(inst, scenario.raise_institutions)
    slots["abroad"] = _members(inst, scenario.abroad_institutions) & scenario.abroad
    if scenario.extend_days:
        extend = _members(inst, scenario.extend_institutions) & (slots["deadline_day"] >= 0)
        slots["deadline_day"] = slots["deadline_day"] + scenario.extend_days * extend
        slots["call_days"] = slots["call_days"] + scenario.extend_days * _members(inst, scenario.extend_institutions)
    slots["shared"] = _members(inst, scenario.shared_institutions) if scenario.shared_institutions else np.zeros(inst.shape, bool)


def _logistic(coef: tuple[float, float], premium: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(coef[0] + coef[1] * premium)))


def _delays(cal: Calibration, elapsed: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A delay from the deadline to the hire for each slot, longer than the days already elapsed."""
    history = np.sort(cal.hire_delay_days)
    draw = rng.random(elapsed.shape)
    low = np.searchsorted(history, elapsed, side="right")  # delays longer than what has elapsed
    index = low + (draw * (len(history) - low)).astype(int)
    return np.where(low < len(history), history[index.clip(max=len(history) - 1)], elapsed + 7)


def _split_origins(total: np.ndarray, pool: np.ndarray, weight: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Hires of one field per run (R,) split over residences in proportion to ``weight`` (R, O),
    never more than ``pool`` (R, O) people of a residence (the caller keeps total <= pool.sum(1))."""
    share = weight / np.maximum(weight.sum(1, keepdims=True), 1e-12)
    out = np.zeros(pool.shape, int)
    left = total.copy()
    for o in (ABROAD, 1):
        rest = share[:, : o + 1].sum(1)
        p = np.where(rest > 0, share[:, o] / np.maximum(rest, 1e-12), 0).clip(0, 1)
        out[:, o] = np.minimum(rng.binomial(left, p), pool[:, o])
        left -= out[:, o]
    out[:, 0] = np.minimum(left, pool[:, 0])
    left -= out[:, 0]
    for o in (1, ABROAD):  # what a residence lacked goes to another with people left
        extra = np.minimum(left, pool[:, o] - out[:, o])
        out[:, o] += extra
        left -= extra
    return out


def _chunk(cal: Calibration, start: Start, scenario: Scenario, runs: int, rng: np.random.Generator,
           tick: Callable[[], None]) -> dict:
    months = len(start.month_days) - 1
    n_fields = len(cal.fields)
    s = _slots(cal, start, rng, runs)
    _apply(scenario, s)
    rows = np.arange(runs)[:, None]
    remaining = s["openings"].copy()
    applicants = s["applicants"].copy()
    active = remaining > 0
    slot_hires = np.zeros_like(remaining)
    pool = np.broadcast_to(start.pool, (runs, n_fields, len(ORIGINS))).astype(int).copy()
    arrived = pool.copy()
    hired_so_far = np.zeros_like(pool)
    reference = start.pool.sum(1).astype(float)  # (F,) the field's pool at the start
    spare = np.zeros((runs, n_fields))
    out = {k: np.zeros((runs, months), int) for k in ("fills", "unfilled", "attracted", "applications", "offers")}
    hired_records, arrived_records = [], []
    reach_home = np.array([1.0, 1.0, cal.abroad_reach])
    for m in range(months):
        b0, b1 = start.month_days[m], start.month_days[m + 1]
        inflow = rng.poisson(cal.inflow_per_month, (runs, n_fields, len(ORIGINS)))
        pool += inflow
        arrived += inflow
        # Applications: the part of this month each call is open, at its field's rate.
        overlap = (np.minimum(s["deadline_day"] + 1, b1) - np.maximum(s["open_day"], b0)).clip(min=0) / DAYS_PER_MONTH
        seen_home = (pool * reach_home).sum(2)                       # (R, F)
        seen_abroad = pool.sum(2).astype(float)
        f = s["field"]
        reach = np.where(s["abroad"], seen_abroad[rows, f], seen_home[rows, f]) / np.maximum(seen_home[rows, f], 1e-9)
        reach = np.where(seen_home[rows, f] > 0, reach, 1.0)
        crowd = ((seen_home[rows, f] + 1) / (reference[f] + 1)) ** cal.pool_elasticity
        rate = cal.application_rate[f] * np.exp(cal.premium_elasticity * s["premium"]) * reach * crowd * overlap
        new_apps = rng.poisson(np.where(active, rate, 0.0))
        applicants += new_apps
        out["applications"][:, m] = new_apps.sum(1)
        # Decisions of the calls whose deadline falls in this month (or passed before the start).
        deciding = active & (s["deadline_day"] < b1)
        shared = deciding & s["shared"]
        share_count = np.zeros((runs, n_fields))
        np.add.at(share_count, (np.broadcast_to(rows, f.shape)[shared], f[shared]), 1)
        from_spare = np.where(shared, np.floor(spare[rows, f] / np.maximum(share_count[rows, f], 1)), 0).astype(int)
        considered = np.where(deciding, applicants + from_spare, 0)
        offers = rng.binomial(considered, _logistic(cal.offer, s["premium"]))
        accepted = np.minimum(rng.binomial(offers, _logistic(cal.accept, s["premium"])), remaining) * deciding
        out["offers"][:, m] = offers.sum(1)
        # The shared pool: applicants not offered a post, fewer those of it offered one now; half drift away a month.
        own_left = (applicants - offers).clip(min=0)
        taken = np.where(considered > 0, offers * from_spare / np.maximum(considered, 1), 0.0)
        np.add.at(spare, (np.broadcast_to(rows, f.shape)[shared], f[shared]), own_left[shared] - taken[shared])
        spare = np.maximum(spare, 0) * 0.5
        hires = np.zeros_like(accepted)
        attracted = np.zeros_like(accepted)
        for k in range(n_fields):
            mask = f == k
            planned = accepted * mask
            if not planned.any():
                continue
            people = pool[:, k, :].sum(1)
            before = np.cumsum(planned, axis=1) - planned
            hires += np.clip(people[:, None] - before, 0, planned) * mask
            total = (hires * mask).sum(1)
            abroad_call = ((planned > 0) & s["abroad"]).any(1)  # a call published abroad sees everyone
            weight = pool[:, k, :] * np.where(abroad_call[:, None], 1.0, reach_home[None, :])
            by_origin = _split_origins(total, pool[:, k, :], weight, rng)
            pool[:, k, :] -= by_origin
            for o in range(len(ORIGINS)):
                n = by_origin[:, o]
                if n.any():
                    run_ids = np.repeat(np.arange(runs), n)
                    offsets = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
                    hired_records.append(np.column_stack([run_ids, np.full(n.sum(), k), np.full(n.sum(), o),
                                                          hired_so_far[run_ids, k, o] + offsets]))
                    arrived_records.append(arrived[run_ids, k, o])
            hired_so_far[:, k, :] += by_origin
            share_attracted = (by_origin * cal.attracted_share[k]).sum(1) / np.maximum(total, 1)
            attracted += rng.binomial(hires * mask, np.broadcast_to(share_attracted[:, None], hires.shape).clip(0, 1))
        slot_hires += hires
        remaining -= hires
        hire_day = s["deadline_day"] + _delays(cal, (-s["deadline_day"]).clip(min=0), rng)
        hire_month = np.searchsorted(start.month_days, hire_day, side="right") - 1
        counted = deciding & (hires > 0) & (hire_month < months)
        np.add.at(out["fills"], (np.broadcast_to(rows, f.shape)[counted], hire_month[counted]), hires[counted])
        np.add.at(out["attracted"], (np.broadcast_to(rows, f.shape)[counted], hire_month[counted]), attracted[counted])
        # What stays open is published again, or counted unfilled in its deadline's month.
        left = deciding & (remaining > 0)
        again = left & (rng.random(left.shape) < cal.republish_share)
        unfilled = left & ~again & (s["deadline_day"] >= 0)
        out["unfilled"][:, m] += (remaining * unfilled).sum(1)
        s["open_day"] = np.where(again, np.maximum(s["deadline_day"] + 1, b0), s["open_day"])
        s["deadline_day"] = np.where(again, s["open_day"] + s["call_days"], s["deadline_day"])
        applicants = np.where(deciding, 0, applicants)  # decided, or published again from no applicant
        active = active & ~(deciding & ~again)
        tick()
    hired = np.vstack(hired_records) if hired_records else np.zeros((0, 4), int)
    return out | {"still_open": (remaining * active).sum(1), "slot_hires": slot_hires, "slot_openings": s["openings"],
                  "hired": hired, "arrived": np.concatenate(arrived_records) if arrived_records else np.zeros(0, int)}


def simulate(cal: Calibration, start: Start, scenario: Scenario, runs: int, seed: int,
             progress: Callable[[int, int], None] | None = None, *, chunk_runs: int = CHUNK_RUNS) -> Result:
    """``runs`` runs of the twin under ``scenario``; the same seed gives the same result."""
    months = len(start.month_days) - 1
    chunks = [min(chunk_runs, runs - i) for i in range(0, runs, chunk_runs)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))
    done = 0
    total = months * len(chunks)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    parts = [_chunk(cal, start, scenario, n, np.random.default_rng(stream), tick) for n, stream in zip(chunks, streams, strict=True)]
    offsets = np.cumsum([0] + chunks[:-1])
    hired = np.vstack([p["hired"] + np.array([o, 0, 0, 0]) for p, o in zip(parts, offsets, strict=True)])
    return Result(**{k: np.vstack([p[k] for p in parts]) for k in ("fills", "unfilled", "attracted", "applications", "offers")},
                  still_open=np.concatenate([p["still_open"] for p in parts]),
                  slot_hires=[p["slot_hires"] for p in parts], slot_openings=[p["slot_openings"] for p in parts],
                  hired=hired, arrived_when_hired=np.concatenate([p["arrived"] for p in parts]))


def band(values: np.ndarray, coverage: float = 0.8) -> dict[str, np.ndarray]:
    """Mean and central ``coverage`` interval over runs (axis 0)."""
    tail = (1 - coverage) / 2 * 100
    return {"mean": values.mean(0), "low": np.percentile(values, tail, axis=0), "high": np.percentile(values, 100 - tail, axis=0)}
