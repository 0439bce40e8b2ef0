"""Quarterly impact indicators: recorded ones summed, computed ones from the hiring data."""
import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta

from psycopg import Connection

from models.indicators import COMPUTED, RECORDED, RESEARCH_CONTRACTS, quarter_label, quarter_start
from models.privacy import safe_share
from models.salary import full_time_hours
from service import attraction
from service.queries import hub as hub_queries
from service.queries import indicators as queries


def _quarters(first: date, last: date) -> list[date]:
    quarters, current = [], first
    while current <= last:
        quarters.append(current)
        current = quarter_start(current + timedelta(days=93))
    return quarters


def series(conn: Connection, first: date, last: date) -> list[dict]:
    """One row per quarter and indicator, in both families' order; values counting people are protected
    (models.privacy) and null when hidden."""
    last_day = quarter_start(last + timedelta(days=93)) - timedelta(days=1)
    recorded = defaultdict(float)
    for row in queries.recorded(conn, first, last):
        recorded[(row["quarter"], row["indicator"])] += float(row["value"])
    fte, research_fte, research_hires = defaultdict(float), defaultdict(float), Counter()
    rows_hired = hub_queries.hires(conn, first, last_day)
    for row in rows_hired:
        quarter = quarter_start(row["hire_start_date"])
        share = float(row["hours_per_week"]) / full_time_hours(row["contract_type"])
        fte[quarter] += share
        if row["contract_type"] in RESEARCH_CONTRACTS:
            research_fte[quarter] += share
            research_hires[quarter] += 1
    # The same protected quarters as the attracted-talent report: a quarter's hires and attracted
    # talents are shown here exactly when they are shown there.
    protected = attraction.protected_quarters(rows_hired)
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


def as_csv(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["quarter", "family", "indicator", "eu_code", "unit", "value", "source"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
