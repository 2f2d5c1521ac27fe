"""Calendar periods in an agreement's time zone: the billing month, and the report periods of a `reporting` clause's
`frequency` (ISO weeks, months, calendar quarters, years), each named so that no identifier means two periods:
`2026-W48`, `2026-11`, `2026-Q4`, `2026`.

Bounds are computed per local date in the zone and converted to UTC, so a period spanning a DST change is right.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.values import check_year

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Period:
    """A calendar month in a time zone."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = MONTH.match(text or "")
        if not match:
            raise ValueError(f"period must be YYYY-MM, got {text!r}")
        return cls(check_year(int(match.group(1)), what="period"), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def bounds(self, zone: str) -> tuple[datetime, datetime]:
        tz = ZoneInfo(zone)
        start = datetime(self.year, self.month, 1, tzinfo=tz)
        nxt = datetime(self.year + (self.month == 12), self.month % 12 + 1, 1, tzinfo=tz)
        return start.astimezone(UTC), nxt.astimezone(UTC)

    def previous(self) -> Period:
        return Period(self.year - (self.month == 1), (self.month - 2) % 12 + 1)


class Frequency(StrEnum):
    """The report frequencies a `reporting` clause may name (ISO 8601 durations)."""

    WEEKLY = "P1W"
    MONTHLY = "P1M"
    QUARTERLY = "P3M"
    YEARLY = "P1Y"


FREQUENCIES = tuple(f.value for f in Frequency)
_PATTERNS = (
    (Frequency.WEEKLY, re.compile(r"^(\d{4})-W(\d{2})$")),
    (Frequency.MONTHLY, MONTH),
    (Frequency.QUARTERLY, re.compile(r"^(\d{4})-Q([1-4])$")),
    (Frequency.YEARLY, re.compile(r"^(\d{4})$")),
)
PERIOD_FORMATS = "YYYY-Www (ISO week), YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year)"


@dataclass(frozen=True)
class ReportPeriod:
    """One period of a report frequency: `number` is the ISO week (of ISO year `year`), the month, the quarter, or 1
    for a year."""

    frequency: Frequency
    year: int
    number: int = 1

    @classmethod
    def parse(cls, text: str) -> ReportPeriod:
        for frequency, pattern in _PATTERNS:
            match = pattern.match(text or "")
            if match is None:
                continue
            year = check_year(int(match.group(1)), what="period")
            number = int(match.group(2)) if frequency != Frequency.YEARLY else 1
            if frequency == Frequency.WEEKLY:
                try:
                    date.fromisocalendar(year, number, 1)
                except ValueError:
                    raise ValueError(f"{year} has no ISO week {number:02d}") from None
            return cls(frequency, year, number)
        raise ValueError(f"period must be {PERIOD_FORMATS}, got {text!r}")

    @classmethod
    def containing(cls, at: datetime, zone: str, frequency: str) -> ReportPeriod:
        """The period of `frequency` that the instant `at` falls in, in the zone."""
        local = at.astimezone(ZoneInfo(zone)).date()
        return cls.of_day(local, Frequency(frequency))

    @classmethod
    def of_day(cls, day: date, frequency: Frequency) -> ReportPeriod:
        if frequency == Frequency.WEEKLY:
            iso = day.isocalendar()
            return cls(frequency, iso.year, iso.week)
        if frequency == Frequency.MONTHLY:
            return cls(frequency, day.year, day.month)
        if frequency == Frequency.QUARTERLY:
            return cls(frequency, day.year, (day.month - 1) // 3 + 1)
        return cls(frequency, day.year)

    def __str__(self) -> str:
        if self.frequency == Frequency.WEEKLY:
            return f"{self.year:04d}-W{self.number:02d}"
        if self.frequency == Frequency.MONTHLY:
            return f"{self.year:04d}-{self.number:02d}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}"

    @property
    def first_day(self) -> date:
        if self.frequency == Frequency.WEEKLY:
            return date.fromisocalendar(self.year, self.number, 1)
        if self.frequency == Frequency.MONTHLY:
            return date(self.year, self.number, 1)
        if self.frequency == Frequency.QUARTERLY:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def next_first_day(self) -> date:
        """The first local day after the period."""
        if self.frequency == Frequency.WEEKLY:
            return self.first_day + timedelta(days=7)
        months = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}[self.frequency]
        first = self.first_day
        index = first.month - 1 + months
        return date(first.year + index // 12, index % 12 + 1, 1)

    def bounds(self, zone: str) -> tuple[datetime, datetime]:
        tz = ZoneInfo(zone)
        start, end = self.first_day, self.next_first_day
        return (
            datetime(start.year, start.month, start.day, tzinfo=tz).astimezone(UTC),
            datetime(end.year, end.month, end.day, tzinfo=tz).astimezone(UTC),
        )

    def previous(self) -> ReportPeriod:
        return ReportPeriod.of_day(self.first_day - timedelta(days=1), self.frequency)

    def months(self) -> list[Period]:
        """The billing months that lie wholly inside the period (none for a week), in order."""
        if self.frequency == Frequency.WEEKLY:
            return []
        first, end = self.first_day, self.next_first_day
        found, cursor = [], Period(first.year, first.month)
        while (cursor.year, cursor.month) < (end.year, end.month):
            found.append(cursor)
            cursor = Period(cursor.year + (cursor.month == 12), cursor.month % 12 + 1)
        return found
