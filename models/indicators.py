"""The impact indicators of the seed's four families, with the EU codes where one fits.

Recorded by people (with evidence): company investments matching public support (wealth, RCR02),
collaboration projects and contracts between different partners (synergy, RCO07 / RCO10),
revenue streams of the new structures (sustainability), service improvements and savings
(efficiency). Computed from the hiring data: talents attracted and jobs created (wealth, RCR01,
research jobs RCR102, in full-time equivalents).
"""
from datetime import date

# indicator: (family, EU code or None, unit)
RECORDED = {
    "company_investment": ("wealth", "RCR02", "EUR"),
    "collaboration_project": ("synergy", "RCO07", "count"),
    "collaboration_contract": ("synergy", "RCO10", "count"),
    "revenue_stream": ("sustainability", None, "EUR_per_year"),
    "service_days_saved": ("efficiency", None, "days"),
    "service_cost_saved": ("efficiency", None, "EUR"),
}
COMPUTED = {
    "talents_attracted": ("wealth", None, "people"),
    "jobs_created": ("wealth", "RCR01", "FTE"),
    "research_jobs_created": ("wealth", "RCR102", "FTE"),
}
# The families in the order the hub reads them.
FAMILIES = ("wealth", "sustainability", "synergy", "efficiency")
RESEARCH_CONTRACTS = {"phd_scholarship", "research_grant", "contratto_di_ricerca", "rtd_a", "rtt",
                      "research_body_researcher", "technologist"}


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def parse_quarter(text: str) -> date:
    """'2026-Q3' -> 2026-07-01."""
    try:
        year, q = text.upper().split("-Q")
        number = int(q)
        if not 1 <= number <= 4:
            raise ValueError
        return date(int(year), 3 * (number - 1) + 1, 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a quarter: write it like 2026-Q3") from None


def quarter_label(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def by_family(rows: list[dict]) -> dict:
    """The quarterly series (one row per quarter and indicator) as tables to read: the quarters in order,
    and per family (in ``FAMILIES`` order) one line per indicator with its value in each quarter (None
    where a value is hidden or missing)."""
    quarters = sorted({row["quarter"] for row in rows})  # 'YYYY-Qn' sorts as time does
    lines: dict[str, dict] = {}
    for row in rows:
        line = lines.setdefault(row["indicator"], {key: row[key] for key in ("family", "indicator", "eu_code", "unit", "source")}
                                | {"values": {}})
        line["values"][row["quarter"]] = row["value"]
    families = [{"family": family,
                 "indicators": [line | {"values": [line["values"].get(q) for q in quarters]}
                                for line in lines.values() if line["family"] == family]}
                for family in FAMILIES]
    return {"quarters": quarters, "families": [f for f in families if f["indicators"]]}
