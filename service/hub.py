"""The hub's reports, the use cases: which period, which cut, and the hub office only.
Counts of people are protected by models.privacy inside each report (hidden as null)."""
from datetime import date, timedelta

from pydantic_core import PydanticCustomError

from service import allocation, attraction, channels, gap, overview
from service.domain import Forbidden, Invalid, rule_refusal
from service.queries import Connection
from service.schemas.auth import UserRead
from service.schemas.common import FIRST_DAY, check_day

MAX_PERIOD_DAYS = 3660  # ten years


def _hub_only(user: UserRead) -> None:
    if user.role != "hub":
        raise Forbidden("role.hub_only", role=user.role)


def period(first: date | None, last: date | None, default_days: int) -> tuple[date, date]:
    """The period asked for: up to today and back ``default_days`` unless given; at most ten years,
    within the days the service reports on."""
    last = last or date.today()
    first = first or max(last - timedelta(days=default_days), FIRST_DAY)
    for name, day in (("start", first), ("end", last)):
        try:
            check_day(day)
        except PydanticCustomError as exc:
            raise rule_refusal(exc, field=name) from None
    if first > last:
        raise Invalid("hub.period_reversed", first=first, last=last)
    if (last - first).days > MAX_PERIOD_DAYS:
        raise Invalid("hub.period_too_long")
    return first, last


def overview_report(conn: Connection, user: UserRead) -> dict:
    _hub_only(user)
    return overview.report(conn)


def attracted(conn: Connection, user: UserRead, start_from: date | None, start_to: date | None, by: str) -> dict:
    """Attracted talent among hires starting in the period (default: the last two years)."""
    _hub_only(user)
    first, last = period(start_from, start_to, default_days=730)
    return attraction.report(conn, first, last, by)


def channel_report(conn: Connection, user: UserRead, start: date | None, end: date | None) -> dict:
    """Applications, hires and attracted hires by channel over the period (default: the last year, as the gap)."""
    _hub_only(user)
    first, last = period(start, end, default_days=365)
    return channels.report(conn, first, last)


def hiring_gap(conn: Connection, user: UserRead, start: date | None, end: date | None, by: str) -> dict:
    """Opened, filled and unfilled positions over the period (default: the last year)."""
    _hub_only(user)
    first, last = period(start, end, default_days=365)
    return gap.report(conn, first, last, by)


def run_allocation(conn: Connection, user: UserRead, model: str, *, salary_raise: float, widen_abroad: bool) -> dict:
    """The ecosystem-wide allocation with its what-ifs; its candidates stay anonymous to the hub."""
    _hub_only(user)
    return allocation.run(conn, model, salary_raise=salary_raise, widen_abroad=widen_abroad)
