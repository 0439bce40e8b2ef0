"""schema.org ``JobPosting`` for search engines: a position as the JSON-LD its public page carries.

``job_posting`` is a pure function; ``for_page`` gives the page its <script> text, for open
positions only (a draft or closed one an HR office sees has none), written by ``script_json``, which
a title holding ``</script>`` cannot break out of.
"""
import json
from typing import Any

from markupsafe import Markup

from models.salary import full_time_hours, gross_to_person
from models.taxonomy import REGIONS
from service.access import is_open_for_applications
from service.links import position_url
from service.web.i18n import in_language

# Contracts that end on a date by law (Google's TEMPORARY); a tenure track (rtt) leads to a permanent post.
FIXED_TERM = frozenset({"research_grant", "contratto_di_ricerca", "rtd_a"})
UNIT = {"year": "YEAR", "month": "MONTH"}


def employment_type(contract_type: str, hours_per_week: float | None, duration_months: int | None) -> list[str]:
    """Google's employmentType values: full or part time by the hours (against the contract's full-time
    week), then TEMPORARY for fixed-term contracts, INTERN for a PhD scholarship, OTHER for 'other'."""
    hours = hours_per_week or full_time_hours(contract_type)
    kinds = ["PART_TIME" if hours < full_time_hours(contract_type) else "FULL_TIME"]
    if contract_type == "phd_scholarship":
        kinds.append("INTERN")
    elif contract_type == "other":
        kinds.append("OTHER")
    elif contract_type in FIXED_TERM or (duration_months and contract_type != "rtt"):
        kinds.append("TEMPORARY")
    return kinds


def base_salary(position: dict) -> dict | None:
    """The posted pay as gross to the person, per the call's own period; None when the call states none."""
    bounds = [float(v) for v in (position.get("salary_min"), position.get("salary_max")) if v]
    if not bounds:
        return None
    low, high = (gross_to_person(b, contract_type=position["contract_type"], basis=position["salary_basis"])
                 for b in (min(bounds), max(bounds)))
    value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue": low, "maxValue": high,
                             "unitText": UNIT[position["salary_period"]]}
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def job_posting(position: dict, language: str, public_url: str) -> dict:
    """The JSON-LD of an open position's page, in the page's language (the other one where it lacks a text)."""
    address = {"@type": "PostalAddress", "addressCountry": "IT"}
    if position.get("city"):
        address["addressLocality"] = position["city"]
    if position.get("region"):
        address["addressRegion"] = REGIONS.get(position["region"], position["region"])
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": in_language(position, language, "title"),
        "description": in_language(position, language, "description"),
        "datePosted": position["opening_date"].isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": position["institution_name"]},
        "jobLocation": {"@type": "Place", "address": address},
        "employmentType": employment_type(position["contract_type"], position.get("hours_per_week"),
                                          position.get("duration_months")),
        "directApply": True,
        "identifier": {"@type": "PropertyValue", "name": "ecotalent", "value": str(position["id"])},
        "url": position_url(public_url, position["id"], "search_engine"),
    }
    if position.get("deadline"):
        posting["validThrough"] = position["deadline"].isoformat()
    salary = base_salary(position)
    if salary:
        posting["baseSalary"] = salary
    if position.get("openings"):
        posting["totalJobOpenings"] = position["openings"]
    return posting


def script_json(data: dict) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' left (so no '</script>' or '<!--'),
    and no line separators; json.loads reads the escapes back as the same text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def for_page(position: dict, language: str, public_url: str) -> Markup | None:
    """The JSON-LD text of a position's page; None unless the position is open and accepting."""
    return script_json(job_posting(position, language, public_url)) if is_open_for_applications(position) else None
