"""Recruitment metrics from counts (DESIGN.md, "Recruitment metrics"), as pure functions.

Counts of people under the small-cell threshold are hidden, and a rate built on them too.
"""
from statistics import median

from models.privacy import SMALL_CELL_THRESHOLD, safe_share


def _people(n: int) -> int | None:
    return None if 0 < n < SMALL_CELL_THRESHOLD else n


def summarise(rows: list[dict]) -> dict:
    """Totals and rates over monthly rows (see service.queries.gap.monthly)."""
    total = {k: sum(r[k] for r in rows) for k in ("opened", "openings", "unfilled_past_deadline", "applications",
                                                  "offers", "hires", "offers_declined")}
    days_to_fill = [d for r in rows for d in r["days_to_fill"]]
    days_to_offer = [d for r in rows for d in r["days_to_offer"]]
    return {
        "positions_opened": total["opened"],
        "openings_opened": total["openings"],
        "unfilled_past_deadline": total["unfilled_past_deadline"],
        "applications": _people(total["applications"]),
        "offers": _people(total["offers"]),
        "hires": _people(total["hires"]),
        "fill_rate": safe_share(total["hires"], total["openings"]) if total["openings"] >= total["hires"] else None,
        "applicants_per_opening": round(total["applications"] / total["openings"], 2)
        if total["openings"] and total["applications"] >= SMALL_CELL_THRESHOLD else None,
        "offer_acceptance_rate": safe_share(total["hires"], total["hires"] + total["offers_declined"]),
        "median_days_to_fill": median(days_to_fill) if len(days_to_fill) >= SMALL_CELL_THRESHOLD else None,
        "median_days_to_offer": median(days_to_offer) if len(days_to_offer) >= SMALL_CELL_THRESHOLD else None,
    }


def vacancy_rate(vacant_openings: int, occupied: int) -> float | None:
    """vacancies / (occupied + vacant)."""
    total = vacant_openings + occupied
    return round(vacant_openings / total, 3) if total else None
