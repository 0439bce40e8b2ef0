"""The attracted-talent rule on its edge cases."""
from datetime import date

import pytest

from models.attraction import Period, add_months, classify, days_by_place

REGIONS = {"ITC3", "ITC4"}
START = date(2026, 3, 1)  # the window is 2023-03-01 .. 2026-02-28; 12 months = 366 days (2023-03-01 .. 2024-03-01)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 1), -36) == date(2023, 3, 1)


def test_local_all_along():
    assert classify([Period("IT", "ITC3", date(2010, 1, 1), None)], START, REGIONS, "IT") == "local"


def test_foreign_national_from_abroad():
    periods = [Period("DE", None, date(2015, 1, 1), date(2025, 12, 31)), Period("IT", "ITC3", date(2026, 1, 1), None)]
    assert classify(periods, START, REGIONS, "DE") == "from_abroad_foreign"


def test_returning_italian():
    periods = [Period("FR", None, date(2020, 1, 1), date(2025, 9, 30)), Period("IT", "ITC4", date(2025, 10, 1), None)]
    assert classify(periods, START, REGIONS, "IT") == "from_abroad_returning"


def test_from_another_region():
    periods = [Period("IT", "ITF3", date(2012, 1, 1), date(2025, 6, 30)), Period("IT", "ITC3", date(2025, 7, 1), None)]
    assert classify(periods, START, REGIONS, "IT") == "from_other_region"


def test_move_exactly_at_twelve_months_is_not_more_than_twelve():
    # Outside from the window's start until 12 months later, to the day: exactly 12 months, not more.
    periods = [Period("ES", None, date(2020, 1, 1), date(2024, 2, 29)), Period("IT", "ITC3", date(2024, 3, 1), None)]
    assert days_by_place(periods, date(2023, 3, 1), START, frozenset(REGIONS))["abroad"] == 366
    assert classify(periods, START, REGIONS, "ES") == "local"
    one_more_day = [Period("ES", None, date(2020, 1, 1), date(2024, 3, 1)), Period("IT", "ITC3", date(2024, 3, 2), None)]
    assert classify(one_more_day, START, REGIONS, "ES") == "from_abroad_foreign"


def test_gap_that_could_change_the_verdict_is_unknown():
    # Six months abroad, then a two-year gap, then home: the gap could hold another six months abroad.
    periods = [Period("NL", None, date(2023, 3, 1), date(2023, 8, 31)), Period("IT", "ITC3", date(2025, 9, 1), None)]
    assert classify(periods, START, REGIONS, "NL") == "unknown"


def test_gap_too_short_to_change_the_verdict_is_ignored():
    periods = [Period("IT", "ITC3", date(2015, 1, 1), date(2024, 12, 31)), Period("IT", "ITC3", date(2025, 2, 1), None)]
    assert classify(periods, START, REGIONS, "IT") == "local"


def test_overlapping_periods_count_the_most_outside_place_once():
    # Lived in Liguria all along but mainly worked in Switzerland for 20 months: attracted, from abroad.
    periods = [Period("IT", "ITC3", date(2015, 1, 1), None), Period("CH", None, date(2023, 6, 1), date(2025, 1, 31))]
    days = days_by_place(periods, date(2023, 3, 1), START, frozenset(REGIONS))
    assert sum(days.values()) == (START - date(2023, 3, 1)).days  # no day counted twice
    assert classify(periods, START, REGIONS, "IT") == "from_abroad_returning"


@pytest.mark.parametrize("periods, start, nationality", [
    ([], START, "IT"),
    ([Period("IT", "ITC3", date(2015, 1, 1), None)], None, "IT"),
    ([Period("US", None, date(2015, 1, 1), None)], START, None),  # abroad, nationality not given
    ([Period("IT", None, date(2015, 1, 1), None)], START, "IT"),   # in Italy, region not given
])
def test_missing_data_is_unknown(periods, start, nationality):
    assert classify(periods, start, REGIONS, nationality) == "unknown"
