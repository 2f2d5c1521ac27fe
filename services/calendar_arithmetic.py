"""Calendar arithmetic that knows no schedule: a day's opening windows in minutes, and ISO 8601 durations added the
way RFC 5545 adds them (months and days on the local calendar, the time part exact). Pure; shared by clause terms and
review cadences (services.agreements), dispute deadlines, billing periods and business time (services.ticketing),
so none of those packages imports another for it."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Minutes = tuple[int, int]  # [start, end) in minutes after local midnight, 0 ≤ start < end ≤ 1440


def merge_windows(windows: Iterable[Minutes]) -> tuple[Minutes, ...]:
    """Sort and merge overlapping or adjacent windows."""
    merged: list[list[int]] = []
    for start, end in sorted(windows):
        if not 0 <= start < end <= 1440:
            raise ValueError(f"window {start}-{end} must lie within one day (00:00–24:00)")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


@dataclass(frozen=True)
class CalendarDuration:
    """An ISO 8601 duration split the way RFC 5545 adds it: months and days are nominal (local calendar), the
    time part is exact elapsed time."""

    months: int = 0
    days: int = 0
    exact: timedelta = timedelta(0)

    @classmethod
    def of(cls, duration: timedelta | Any) -> CalendarDuration:
        """From a `timedelta` or an `isodate.Duration` (P3M, P1Y2M10DT4H)."""
        if isinstance(duration, timedelta):
            delta, months = duration, 0
        else:
            delta, months = duration.tdelta, int(duration.years * 12 + duration.months)
        return cls(months, delta.days, delta - timedelta(days=delta.days))


def add_calendar(anchor: datetime, duration: CalendarDuration, zone: ZoneInfo, times: int = 1) -> datetime:
    """`anchor + times × duration`, counted from the anchor in the zone's local calendar.

    Always from the anchor, never chained: 31 Aug + 2 × P3M is 28/29 Feb, + 3 × P3M is 31 May (not 28 May). Wall
    time is kept across DST (1 Mar 00:00 Paris + P3M is 1 Jun 00:00 Paris); a month end clamps to the last day.
    """
    local = anchor.astimezone(zone)
    index = local.month - 1 + duration.months * times
    year, month = local.year + index // 12, index % 12 + 1
    shifted = local.replace(year=year, month=month, day=min(local.day, _month_days(year, month)), fold=0)
    shifted += timedelta(days=duration.days * times)  # wall-clock arithmetic on an aware datetime: same local time
    return shifted.astimezone(UTC) + duration.exact * times


def next_after(anchor: datetime, duration: CalendarDuration, zone: ZoneInfo, after: datetime) -> datetime:
    """The first `anchor + n × duration` (n ≥ 1) strictly after `after`."""
    # Start from a count that cannot overshoot (no month is longer than 31 days, no local day than 25 hours).
    longest = timedelta(days=31 * duration.months, hours=25 * duration.days) + duration.exact
    n = max(1, (after - anchor) // longest) if after > anchor else 1
    while (at := add_calendar(anchor, duration, zone, n)) <= after:
        n += 1
    return at


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
