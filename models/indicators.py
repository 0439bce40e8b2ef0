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
