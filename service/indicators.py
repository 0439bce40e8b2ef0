"""Quarterly impact indicators: recorded ones summed, computed ones from the hiring data."""
import csv
import io
from collections import Counter, defaultdict
from datetime import date, timedelta

from psycopg import Connection

from models.indicators import COMPUTED, RECORDED, RESEARCH_CONTRACTS, quarter_label, quarter_start
from models.privacy import SMALL_CELL_THRESHOLD
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
    """One row per quarter and indicator, in both families' order; people-based values under 5 hires are null."""
    last_day = quarter_start(last + timedelta(days=93)) - timedelta(days=1)
    recorded = defaultdict(float)
    for row in queries.recorded(conn, first, last):
        recorded[(row["quarter"], row["indicator"])] += float(row["value"])
    hires = Counter()
    attracted = Counter()
    fte, research_fte = defaultdict(float), defaultdict(float)
    for row in hub_queries.hires(conn, first, last_day):
        quarter = quarter_start(row["hire_start_date"])
        hires[quarter] += 1
        share = float(row["hours_per_week"]) / full_time_hours(row["contract_type"])
        fte[quarter] += share
        if row["contract_type"] in RESEARCH_CONTRACTS:
            research_fte[quarter] += share
        if attraction.origin(row).startswith("from_"):
            attracted[quarter] += 1
    rows = []
    for quarter in _quarters(first, last):
        few = hires[quarter] < SMALL_CELL_THRESHOLD and hires[quarter] > 0
        computed = {"talents_attracted": None if 0 < attracted[quarter] < SMALL_CELL_THRESHOLD or few else attracted[quarter],
                    "jobs_created": None if few else round(fte[quarter], 2),
                    "research_jobs_created": None if few else round(research_fte[quarter], 2)}
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
