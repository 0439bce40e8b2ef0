"""Attracted talent for the hub: every hire classified by models.attraction, counted by a cut,
with the PNRR quotas beside the actuals. Counts under 5 are suppressed (models.privacy)."""
from collections import Counter
from datetime import date

from psycopg import Connection

from models.attraction import CLASSES, Period, classify
from models.indicators import RESEARCH_CONTRACTS
from models.privacy import publish_counts, safe_share
from service.queries import hub as queries

CUTS = ("institution", "spoke", "field", "career_stage", "gender", "age_band")
# PNRR rules: at least 30% of additional hires under 36 and women; 40% women among researchers in national centres.
QUOTAS = {"under_36": 0.30, "women": 0.30, "women_researchers_national_centres": 0.40}


def origin(row: dict) -> str:
    """The class of one hire row (see queries.hub.hires); an erased hire keeps the class it had."""
    if row["anonymous_facts"] is not None:
        return row["anonymous_facts"].get("origin", "unknown")
    periods = [Period(p["country"].strip(), p["region"], date.fromisoformat(p["start"]),
                      date.fromisoformat(p["end"]) if p["end"] else None) for p in row["places"]]
    nationality = row["nationality"].strip() if row["nationality"] else None
    return classify(periods, row["hire_start_date"], row["ecosystem_regions"], nationality)


def _facts(row: dict) -> dict:
    anonymous = row["anonymous_facts"] or {}
    if row["anonymous_facts"] is not None:
        return {"gender": anonymous.get("gender", "undisclosed"), "age_band": anonymous.get("age_band", "unknown")}
    age_band = "unknown" if row["birth_year"] is None else (
        "under_36" if row["hire_start_date"].year - row["birth_year"] < 36 else "36_and_over")
    return {"gender": row["gender"] or "undisclosed", "age_band": age_band}


def report(conn: Connection, start_from: date, start_to: date, by: str) -> dict:
    rows = queries.hires(conn, start_from, start_to)
    cells: dict[str, Counter] = {}
    totals = Counter()
    under_36 = women = researchers = women_researchers = 0
    for row in rows:
        facts = _facts(row)
        key = str({"gender": facts["gender"], "age_band": facts["age_band"]}.get(by, row.get(by)) or "unknown")
        cls = origin(row)
        cells.setdefault(key, Counter())[cls] += 1
        totals[cls] += 1
        under_36 += facts["age_band"] == "under_36"
        women += facts["gender"] == "woman"
        if row["contract_type"] in RESEARCH_CONTRACTS:
            researchers += 1
            women_researchers += facts["gender"] == "woman"
    hires_total = len(rows)
    attracted = sum(totals[c] for c in CLASSES if c.startswith("from_"))
    return {
        "period": {"start_from": start_from, "start_to": start_to}, "by": by,
        "totals": publish_counts({c: totals[c] for c in CLASSES}),
        "attracted": publish_counts({"attracted": attracted, "not_attracted": hires_total - attracted}),
        "cells": {key: publish_counts({c: counter[c] for c in CLASSES}) for key, counter in sorted(cells.items())},
        "quotas": {
            "under_36": {"actual": safe_share(under_36, hires_total), "target": QUOTAS["under_36"]},
            "women": {"actual": safe_share(women, hires_total), "target": QUOTAS["women"]},
            "women_researchers_national_centres": {
                "actual": safe_share(women_researchers, researchers), "target": QUOTAS["women_researchers_national_centres"],
                "applies_to": "national centres; shown for every ecosystem's research contracts"},
            "note": "a share is hidden when it would reveal a group under 5 people",
        },
        "rule": "attracted: lived or mainly worked outside the ecosystem's regions for more than 12 of the 36 months "
                "before starting; 'unknown' when gaps in the history could change that",
    }


def origins_before_erasure(conn: Connection, candidate_id: int) -> dict[int, str]:
    """Each of a candidate's hires classified now, to keep the class once the history is erased."""
    return {row["id"]: origin(row) for row in queries.hires(conn, "-infinity", "infinity", candidate_id=candidate_id)}
