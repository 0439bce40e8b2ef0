"""Recruitment metrics on hand-built counts with known answers."""
from models.gap import summarise, vacancy_rate


def month(**counts):
    base = {"opened": 0, "openings": 0, "unfilled_past_deadline": 0, "applications": 0, "offers": 0, "hires": 0,
            "offers_declined": 0, "days_to_fill": [], "days_to_offer": []}
    return base | counts


def test_known_answers():
    rows = [month(opened=10, openings=12, applications=30, offers=8, hires=6, offers_declined=2,
                  days_to_fill=[40, 50, 60, 70, 80, 90], days_to_offer=[20, 25, 30, 35, 40, 45, 50, 55]),
            month(opened=5, openings=8, unfilled_past_deadline=3, applications=10)]
    summary = summarise(rows)
    assert summary["positions_opened"] == 15 and summary["openings_opened"] == 20
    assert summary["fill_rate"] == 0.3            # 6 / 20
    assert summary["applicants_per_opening"] == 2.0  # 40 / 20
    assert summary["offer_acceptance_rate"] is None  # 6 / 8, but the 2 declined are under 5: hidden
    assert summary["median_days_to_fill"] == 65 and summary["median_days_to_offer"] == 37.5
    assert summary["unfilled_past_deadline"] == 3


def test_small_counts_of_people_are_hidden():
    summary = summarise([month(opened=3, openings=3, applications=4, offers=1, hires=1, days_to_fill=[30])])
    assert summary["applications"] is None and summary["hires"] is None and summary["fill_rate"] is None
    assert summary["median_days_to_fill"] is None
    assert summary["positions_opened"] == 3  # positions are not people


def test_vacancy_rate():
    assert vacancy_rate(3, 1) == 0.75 and vacancy_rate(0, 0) is None
