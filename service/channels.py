"""Which channel works (issue 13): applications, hires and attracted hires by the channel each
application came through (models.taxonomy.Channel), quarter by quarter.

Every count here is one the other hub reports already protect, so nothing can be played against
them: applications by channel are the hiring gap's (service.gap protects the channel as one more
cut of the same quarters, beside the same monthly and quarter totals), hires and attracted hires by
channel are the attracted-talent report's (service.attraction, channel as a cut; hires by their
start date, attracted by the 12-of-36-months rule). Periods are whole quarters as in every hub
figure: a month by channel would be a cell that the gap's monthly totals and the quarter's channel
totals could be subtracted from, so months are shown as totals across channels only. A count over
several quarters is shown only when every quarter showed it (models.privacy.combine).
"""
from datetime import date

from models.indicators import quarter_start
from models.privacy import combine
from models.taxonomy import Channel, values
from service import attraction, gap
from service.hub_data import AGGREGATES, Source
from service.queries import Connection

CHANNELS = values(Channel)
MEASURES = ("applications", "hires", "attracted_hires")


def _quarters(start: date, end: date) -> list[date]:
    quarters = [quarter_start(start)]
    while attraction.quarter_end(quarters[-1]) < end:
        quarters.append(quarter_start(date.fromordinal(attraction.quarter_end(quarters[-1]).toordinal() + 1)))
    return quarters


def _attracted(row: dict | None) -> int | None:
    """Attracted hires of one channel in one quarter: the sum of its published attracted classes."""
    if row is None:
        return 0
    cells = [row["cells"][c] for c in attraction.GROUPS["attracted"]]
    return None if any(c is None for c in cells) else sum(cells)


def report(conn: Connection, first: date, last: date, source: Source = AGGREGATES) -> dict:
    start, end = quarter_start(first), attraction.quarter_end(last)
    quarters = _quarters(start, end)
    applications = gap.protected_counts(conn, start, end, source)["applications"]
    hires = attraction.protected_quarters(conn, start, end, source)
    rows = []
    for i, quarter in enumerate(quarters):
        applied = applications[i]["cuts"]["channel"]
        hired = hires.get(quarter, {"total": 0, "cuts": {"channel": {}}})
        by_channel = {channel: {
            "applications": applied.get(channel, {"total": 0})["total"],
            "hires": hired["cuts"]["channel"].get(channel, {"total": 0})["total"],
            "attracted_hires": _attracted(hired["cuts"]["channel"].get(channel)),
        } for channel in CHANNELS}
        rows.append({"quarter": quarter, "applications": applications[i]["total"], "hires": hired["total"],
                     "channels": by_channel,
                     "months": [{"month": month, "applications": applications[i]["columns"][month]}
                                for month in sorted(applications[i]["columns"])]})
    totals = {channel: combine([row["channels"][channel] for row in rows], MEASURES) for channel in CHANNELS}
    return {
        "period": {"start": start, "end": end},
        "channels": CHANNELS,
        "totals": {"applications": combine([{0: r["applications"]} for r in rows], [0])[0],
                   "hires": combine([{0: r["hires"]} for r in rows], [0])[0], "channels": totals},
        "quarters": rows,
        "definitions": {
            "channel": "the channel named by the link the candidate followed (?channel=...); direct when none",
            "hires": "hires by the quarter they start in",
            "attracted_hires": "hires who lived or mainly worked outside the ecosystem's regions for more than 12 of "
                               "the 36 months before starting",
            "suppression": "periods are whole quarters; a count of people is null when it is under 5 or would give one "
                           "back (in this table, another cut, another report or another period); months are shown "
                           "across channels only",
        },
    }
