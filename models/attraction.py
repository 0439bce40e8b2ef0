"""Attracted talent: was a hire living or mainly working outside the ecosystem before starting?

The rule (DESIGN.md, adapted from the MSCA mobility rule): a hire is *attracted* when, in the 36
months before the start date, they lived or mainly worked outside the ecosystem's regions for more
than 12 months. A day counts as outside when any residence or work period covering it is outside
(abroad, or in an Italian region the ecosystem does not cover). Days no period covers are unknown:
when they could change the verdict, the verdict is "unknown" - never guessed.

Classes: from_abroad_foreign (a foreign national who was mostly abroad), from_abroad_returning (an
Italian who was mostly abroad), from_other_region (mostly in another Italian region), local, unknown.
"""
from dataclasses import dataclass
from datetime import date, timedelta

CLASSES = ("from_abroad_foreign", "from_abroad_returning", "from_other_region", "local", "unknown")
WINDOW_MONTHS, THRESHOLD_MONTHS = 36, 12


@dataclass(frozen=True)
class Period:
    country: str
    region: str | None
    start: date
    end: date | None  # inclusive; None while it goes on


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (earlier when negative), clamped to the month's end."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)


def _where(period: Period, regions: frozenset[str]) -> str:
    if period.country != "IT":
        return "abroad"
    if period.region is None:
        return "unknown"  # in Italy, region not given: inside or outside cannot be told
    return "inside" if period.region in regions else "other_region"


def days_by_place(periods: list[Period], window_start: date, window_end: date, regions: frozenset[str]) -> dict[str, int]:
    """Days of [window_start, window_end) spent abroad, in other regions, inside, or unknown.
    A day covered by several periods counts where it is most outside: abroad, then other region."""
    rank = {"abroad": 3, "other_region": 2, "unknown": 1, "inside": 0}
    cuts = {window_start, window_end}
    spans = []
    for period in periods:
        start = max(period.start, window_start)
        end = min((period.end + timedelta(days=1)) if period.end else window_end, window_end)
        if start < end:
            spans.append((start, end, _where(period, regions)))
            cuts |= {start, end}
    totals = {"abroad": 0, "other_region": 0, "inside": 0, "unknown": 0}
    ordered = sorted(cuts)
    for segment_start, segment_end in zip(ordered, ordered[1:], strict=False):
        places = [place for start, end, place in spans if start <= segment_start and segment_end <= end]
        place = max(places, key=lambda p: rank[p]) if places else "unknown"
        totals[place] += (segment_end - segment_start).days
    return totals


def classify(periods: list[Period], start_date: date | None, ecosystem_regions, nationality: str | None) -> str:
    if start_date is None or not periods:
        return "unknown"
    regions = frozenset(ecosystem_regions)
    window_start = add_months(start_date, -WINDOW_MONTHS)
    threshold_days = (add_months(window_start, THRESHOLD_MONTHS) - window_start).days
    days = days_by_place(periods, window_start, start_date, regions)
    outside = days["abroad"] + days["other_region"]
    if outside <= threshold_days:
        return "local" if outside + days["unknown"] <= threshold_days else "unknown"
    if days["abroad"] >= days["other_region"]:
        if nationality is None:
            return "unknown"
        return "from_abroad_returning" if nationality == "IT" else "from_abroad_foreign"
    return "from_other_region"
