"""Posted salaries made comparable: gross per year to the person and employer cost per year, both
also per full-time equivalent, whatever form the call used.

Calls state pay per month or per year, as gross to the person or as the employer's cost, over 12,
13 or 14 monthly payments, for full- or part-time hours. The rules below undo each form.

Employer cost over gross pay, by contract type, from the figure pairs in DESIGN.md section 4:
- contratto di ricerca: 39,547.14 / 28,283.94 = 1.398 (L. 79/2022 minimum and its cost);
- research grant (assegno di ricerca): 23,890 / 19,367 = 1.234 (INPS gestione separata, 2/3 paid
  by the employer);
- PhD scholarship: about 18,843 / 16,243 = 1.160 (gestione separata on a lower base);
- RTD-A and RTT: about 48,000 / 34,898 = 1.375 (public employee contributions and IRAP);
- research bodies (researcher, technologist): the same public-employee ratio, 1.375, no separate
  figure being published;
- company employees and other private contracts: 1.35, the usual private-sector load (about 30%
  social contributions plus 6.91% TFR severance accrual) - a typical figure, not a statutory one.
Full-time hours: 36 a week for public research contracts (CCNL Istruzione e Ricerca), 40 for
companies (CCNL Metalmeccanici and most private contracts).
"""
from dataclasses import dataclass

EMPLOYER_COST_RATIO: dict[str, float] = {
    "contratto_di_ricerca": 39_547.14 / 28_283.94,
    "research_grant": 23_890 / 19_367,
    "phd_scholarship": 18_843 / 16_243,
    "rtd_a": 48_000 / 34_898,
    "rtt": 48_000 / 34_898,
    "research_body_researcher": 48_000 / 34_898,
    "technologist": 48_000 / 34_898,
    "company_employee": 1.35,
    "tech_transfer_officer": 1.35,
    "other": 1.35,
}
FULL_TIME_HOURS: dict[str, float] = {
    "company_employee": 40.0, "tech_transfer_officer": 40.0, "other": 40.0,
}
PUBLIC_FULL_TIME_HOURS = 36.0


def full_time_hours(contract_type: str) -> float:
    return FULL_TIME_HOURS.get(contract_type, PUBLIC_FULL_TIME_HOURS)


def gross_to_person(amount: float, *, contract_type: str, basis: str) -> float:
    """A posted amount as gross pay to the person, over the same period (an employer's cost undone)."""
    ratio = EMPLOYER_COST_RATIO.get(contract_type, EMPLOYER_COST_RATIO["other"])
    return round(amount if basis == "gross_person" else amount / ratio, 2)


@dataclass(frozen=True)
class NormalisedSalary:
    gross_eur_year: float           # what the person gets in a year, for the hours posted
    employer_cost_eur_year: float   # what the employer pays in a year
    gross_fte_eur_year: float       # gross per year if the post were full time
    employer_cost_fte_eur_year: float
    fte: float                      # hours posted over the contract's full-time hours


def normalise(amount: float, *, contract_type: str, period: str = "year", basis: str = "gross_person",
              monthly_payments: int = 12, hours_per_week: float | None = None) -> NormalisedSalary:
    """One posted amount (a range's end, or a single figure) as the four comparable yearly figures."""
    if amount <= 0:
        raise ValueError("a salary must be positive")
    if period not in ("month", "year"):
        raise ValueError(f"unknown period {period!r}")
    if basis not in ("gross_person", "employer_cost"):
        raise ValueError(f"unknown basis {basis!r}")
    yearly = amount * monthly_payments if period == "month" else amount
    ratio = EMPLOYER_COST_RATIO.get(contract_type, EMPLOYER_COST_RATIO["other"])
    gross, cost = (yearly, yearly * ratio) if basis == "gross_person" else (yearly / ratio, yearly)
    fte = (hours_per_week or full_time_hours(contract_type)) / full_time_hours(contract_type)
    return NormalisedSalary(round(gross, 2), round(cost, 2), round(gross / fte, 2), round(cost / fte, 2), round(fte, 4))


def normalise_position(position: dict) -> NormalisedSalary | None:
    """The position's pay (upper end of a range) normalised; None when it states none."""
    amount = position.get("salary_max") or position.get("salary_min")
    if not amount:
        return None
    return normalise(float(amount), contract_type=position["contract_type"], period=position["salary_period"],
                     basis=position["salary_basis"], monthly_payments=int(position["monthly_payments"]),
                     hours_per_week=float(position["hours_per_week"]))
