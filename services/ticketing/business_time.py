"""Business-time arithmetic: the SLA clock. Pure: no I/O, time is always passed in.

A schedule is evaluated per local date in its IANA zone: the day's windows come from the weekly schedule (or
that date's closure or special hours), each local window is converted to UTC for that date, so DST transitions
are right, and durations are consumed across those intervals minus any pauses. Weekly windows are never
precomputed in UTC.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.calendar_arithmetic import Minutes
from services.intervals import Interval, cut, merge

SEARCH_LIMIT = timedelta(days=5 * 366)  # a schedule with no opening in five years is treated as never open
# Local dates whose UTC intervals one schedule remembers: more than the five years a search may scan, so a search
# never evicts its own earlier days; the memo is emptied when it is full rather than tracking recency.
DAYS_REMEMBERED = 4096


class NeverOpen(ValueError):
    pass


@dataclass(frozen=True)
class Schedule:
    zone: ZoneInfo
    weekly: Mapping[int, tuple[Minutes, ...]]  # Monday = 0
    closed: frozenset[date] = frozenset()  # public holidays and closures
    special: Mapping[date, tuple[Minutes, ...]] = field(default_factory=dict)  # exceptional opening hours
    names: Mapping[date, str] = field(default_factory=dict)  # why a date is closed, for explanations
    # Each local date's UTC intervals and the UTC instant its midnight falls on, computed once per schedule: every
    # clock of every ticket walks the same dates. The schedule is frozen, so what is remembered never goes stale;
    # the memo is not part of the value (it is left out of comparisons and the repr).
    _days: dict[date, tuple[tuple[Interval, ...], datetime]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # The closed dates that are not special, in order, for `skipped_dates` (found by bisection, not by a scan).
    _skipped: tuple[date, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_skipped", tuple(sorted(d for d in self.closed if d not in self.special)))

    def windows_on(self, day: date) -> tuple[Minutes, ...]:
        if day in self.special:
            return self.special[day]
        if day in self.closed:
            return ()
        return self.weekly.get(day.weekday(), ())

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        return self._day(day)[0]

    def midnight(self, day: date) -> datetime:
        """The UTC instant the local date begins."""
        return self._day(day)[1]

    def _day(self, day: date) -> tuple[tuple[Interval, ...], datetime]:
        found = self._days.get(day)
        if found is None:
            if len(self._days) >= DAYS_REMEMBERED:
                self._days.clear()
            intervals = tuple((_utc(day, a, self.zone), _utc(day, b, self.zone)) for a, b in self.windows_on(day))
            found = self._days[day] = (intervals, _utc(day, 0, self.zone))
        return found


def always_open(zone: str = "UTC") -> Schedule:
    """The default 24×7 calendar."""
    return Schedule(ZoneInfo(zone), {d: ((0, 1440),) for d in range(7)})


def _utc(day: date, minute: int, zone: ZoneInfo) -> datetime:
    if minute == 1440:
        day, minute = day + timedelta(days=1), 0
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
    # A wall time skipped by a spring-forward transition maps to the instant the clocks jumped to.
    return local.astimezone(UTC)


ONE_DAY = timedelta(days=1)


def open_intervals(schedule: Schedule, start: datetime, end: datetime | None = None) -> Iterator[Interval]:
    """Open intervals (UTC) overlapping [start, end), in order, clipped to it; endless when `end` is None."""
    day = start.astimezone(schedule.zone).date() - ONE_DAY
    horizon = end if end is not None else start + SEARCH_LIMIT
    day_of = schedule._day  # the memoised (intervals, midnight) of a local date, looked up once per date
    while True:
        for a, b in day_of(day)[0]:
            if b <= start or a >= b:
                continue
            if end is not None and a >= end:
                return
            yield max(a, start), (min(b, end) if end is not None else b)
        day += ONE_DAY
        if day_of(day)[1] > horizon:
            if end is None:
                raise NeverOpen("the calendar has no opening hours within five years")
            return


def _effective(
    schedule: Schedule, start: datetime, end: datetime | None, pauses: Iterable[Interval] | None
) -> Iterator[Interval]:
    holes = merge(pauses) if pauses else None
    if not holes:  # most clocks are never paused: the open intervals are the answer
        yield from open_intervals(schedule, start, end)
        return
    for interval in open_intervals(schedule, start, end):
        yield from cut(interval, holes)


def next_opening(schedule: Schedule, at: datetime, pauses: Iterable[Interval] | None = None) -> datetime:
    """The first instant at or after `at` when the clock runs (open and not paused)."""
    for a, _ in _effective(schedule, at, None, pauses):
        return a
    raise NeverOpen("the calendar has no opening hours")  # pragma: no cover - open_intervals raises first


def add_business(
    schedule: Schedule, start: datetime, duration: timedelta, pauses: Iterable[Interval] | None = None
) -> datetime:
    """The instant at which `duration` of business time has run from `start` (pauses excluded)."""
    if duration < timedelta(0):
        raise ValueError("duration must not be negative")
    if duration == timedelta(0):
        return start  # nothing to wait for (next_opening answers "when does the clock run")
    remaining = duration
    for a, b in _effective(schedule, start, None, pauses):
        if b - a >= remaining:
            return a + remaining
        remaining -= b - a
    raise NeverOpen("the calendar has no opening hours")  # pragma: no cover


def add_business_each(
    schedule: Schedule, start: datetime, durations: Sequence[timedelta], pauses: Iterable[Interval] | None = None
) -> list[datetime]:
    """`add_business` for several durations from one start, in their order, walking the schedule once."""
    if any(d < timedelta(0) for d in durations):
        raise ValueError("duration must not be negative")
    found: list[datetime | None] = [start if d == timedelta(0) else None for d in durations]
    waiting = sorted((d, i) for i, d in enumerate(durations) if d > timedelta(0))
    if waiting:
        elapsed, next_ = timedelta(0), 0
        for a, b in _effective(schedule, start, None, pauses):
            span = b - a
            while next_ < len(waiting) and waiting[next_][0] - elapsed <= span:
                duration, index = waiting[next_]
                found[index] = a + (duration - elapsed)
                next_ += 1
            if next_ == len(waiting):
                break
            elapsed += span
    return [at for at in found if at is not None]


def business_between(
    schedule: Schedule, start: datetime, end: datetime, pauses: Iterable[Interval] | None = None
) -> timedelta:
    """Business time in [start, end) (pauses excluded); zero when end ≤ start."""
    if end <= start:
        return timedelta(0)
    return sum((b - a for a, b in _effective(schedule, start, end, pauses)), timedelta(0))


def is_open(schedule: Schedule, at: datetime) -> bool:
    for a, b in schedule.intervals_on(at.astimezone(schedule.zone).date()) + schedule.intervals_on(
        at.astimezone(schedule.zone).date() - timedelta(days=1)
    ):
        if a <= at < b:
            return True
    return False


def skipped_dates(schedule: Schedule, start: datetime, end: datetime) -> list[tuple[date, str]]:
    """Closed dates (holidays, closures) between two instants, for explanations."""
    first, last = start.astimezone(schedule.zone).date(), end.astimezone(schedule.zone).date()
    closed = schedule._skipped
    dates = closed[bisect_left(closed, first) : bisect_right(closed, last)]
    return [(d, schedule.names.get(d, "closed")) for d in dates]


# ---------------------------------------------------------------- calendar durations and business days


def add_business_days(schedule: Schedule, start: datetime, days: int) -> datetime:
    """`days` business days after `start`: the same local time on the `days`-th later date with opening hours on
    the schedule (weekends, holidays and closures skipped)."""
    if days < 1:
        raise ValueError("business days must be at least 1")
    local = start.astimezone(schedule.zone)
    day, counted = local.date(), 0
    limit = day + SEARCH_LIMIT
    while counted < days:
        day += timedelta(days=1)
        if day > limit:
            raise NeverOpen("the calendar has no opening hours within five years")
        if schedule.windows_on(day):
            counted += 1
    return local.replace(year=day.year, month=day.month, day=day.day, fold=0).astimezone(UTC)
