"""Quarterly impact indicators: recorded ones summed, computed ones from the hiring data."""
import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta

from pydantic_core import PydanticCustomError

from models.indicators import COMPUTED, RECORDED, RESEARCH_CONTRACTS, quarter_label, quarter_start
from models.privacy import safe_share
from models.salary import full_time_hours
from service import attraction
from service.domain import Forbidden, Invalid, rule_refusal
from service.hub_data import AGGREGATES, Source
from service.queries import Connection, institutions
from service.queries import indicators as queries
from service.schemas.auth import UserRead
from service.schemas.indicators import IndicatorRecord, quarter_day


def _quarters(first: date, last: date) -> list[date]:
    quarters, current = [], first
    while current <= last:
        quarters.append(current)
        current = quarter_start(current + timedelta(days=93))
    return quarters


def series(conn: Connection, first: date, last: date, source: Source = AGGREGATES) -> list[dict]:
    """One row per quarter and indicator, in both families' order; values counting people are protected
    (models.privacy) and null when hidden."""
    last_day = quarter_start(last + timedelta(days=93)) - timedelta(days=1)
    recorded: defaultdict[tuple[date, str], float] = defaultdict(float)
    for row in queries.recorded(conn, first, last):
        recorded[(row["quarter"], row["indicator"])] += float(row["value"])
    fte: defaultdict[date, float] = defaultdict(float)
    research_fte: defaultdict[date, float] = defaultdict(float)
    research_hires: Counter[date] = Counter()
    for job in source.hire_jobs(conn, first, last_day):
        quarter = job["quarter"]
        share = float(job["hours_per_week"]) / full_time_hours(job["contract_type"]) * job["n"]
        fte[quarter] += share
        if job["contract_type"] in RESEARCH_CONTRACTS:
            research_fte[quarter] += share
            research_hires[quarter] += job["n"]
    # The same protected quarters as the attracted-talent report: a quarter's hires and attracted
    # talents are shown here exactly when they are shown there.
    protected = attraction.protected_quarters(conn, first, last_day, source)
    rows = []
    for quarter in _quarters(first, last):
        tables = protected.get(quarter, {"total": 0, "groups": {"attracted": 0}})
        hires = tables["total"]
        # Full-time equivalents count the same hires (one each when full time): shown with the hires,
        # and the research share only when neither research nor other hires are a small group.
        research_hidden = hires is None or safe_share(research_hires[quarter], hires) is None and hires > 0
        computed = {"talents_attracted": tables["groups"]["attracted"],
                    "jobs_created": None if hires is None else round(fte[quarter], 2),
                    "research_jobs_created": None if research_hidden else round(research_fte[quarter], 2)}
        for indicator, (family, code, unit) in COMPUTED.items():
            rows.append({"quarter": quarter_label(quarter), "family": family, "indicator": indicator, "eu_code": code,
                         "unit": unit, "value": computed[indicator], "source": "hiring data"})
        for indicator, (family, code, unit) in RECORDED.items():
            rows.append({"quarter": quarter_label(quarter), "family": family, "indicator": indicator, "eu_code": code,
                         "unit": unit, "value": round(recorded[(quarter, indicator)], 2), "source": "recorded"})
    return rows


def _decimal_comma(value: float | None) -> str:
    """A value as Italian spreadsheets read a number: 1234,5 (no grouping, at most two decimals)."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def as_csv(rows: list[dict], italian: bool = False) -> str:
    """The series as CSV. ``italian``: for Italian spreadsheet programs, which split on ';' and read
    a decimal comma, and need the UTF-8 byte order mark to read accents; else plain comma-separated CSV."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["quarter", "family", "indicator", "eu_code", "unit", "value", "source"],
                            delimiter=";" if italian else ",")
    writer.writeheader()
    writer.writerows([row | {"value": _decimal_comma(row["value"])} for row in rows] if italian else rows)
    return ("\ufeff" if italian else "") + buffer.getvalue()


# --- use cases: recording an indicator, reading the quarterly series (issue 11) ---

def record(conn: Connection, user: UserRead, body: IndicatorRecord) -> dict:
    """Records a figure with its evidence: the hub for any institution (or none), an HR officer for its own;
    a collaboration (synergy) names at least two different partners."""
    if user.role not in ("hub", "hr"):
        raise Forbidden("indicator.roles")
    institution_id = body.institution_id if user.role == "hub" else user.institution_id
    if user.role == "hr" and body.institution_id not in (None, user.institution_id):
        raise Forbidden("indicator.own_institution")
    family, code, unit = RECORDED[body.indicator]
    partners = sorted(set(body.partner_ids) | ({institution_id} if institution_id else set()))
    missing = [p for p in partners if institutions.get_institution(conn, p) is None]
    if missing:
        raise Invalid("indicator.no_institution", field="partner_ids", institution_id=missing[0])
    if family == "synergy" and len(partners) < 2:
        raise Invalid("indicator.synergy_partners", field="partner_ids")
    return queries.record(conn, {"family": family, "indicator": body.indicator, "eu_code": code,
                                 "quarter": quarter_day(body.quarter), "value": body.value, "unit": unit,
                                 "institution_id": institution_id, "partner_ids": partners,
                                 "description": body.description, "evidence": body.evidence, "recorded_by": user.id})


def recent(conn: Connection, user: UserRead, limit: int = 50) -> list[dict]:
    """What was recorded lately: every record for the hub, an HR officer's own institution's for them."""
    if user.role not in ("hub", "hr"):
        raise Forbidden("indicator.roles")
    if user.role == "hr" and user.institution_id is None:  # an HR account always has one; never read as "all"
        return []
    return queries.recent(conn, None if user.role == "hub" else user.institution_id, limit)


def _quarter(text: str, field: str) -> date:
    try:
        return quarter_day(text)
    except PydanticCustomError as exc:
        raise rule_refusal(exc, field=field) from None


def quarterly(conn: Connection, user: UserRead, first: str, last: str) -> list[dict]:
    """The series from quarter ``first`` to ``last`` (written like 2026-Q3), at most ten years (the hub office)."""
    if user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)
    first_day, last_day = _quarter(first, "from"), _quarter(last, "to")
    if first_day > last_day or (last_day.year - first_day.year) > 10:
        raise Invalid("indicator.period")
    return series(conn, first_day, last_day)
