"""Properties of the business-time arithmetic (hypothesis), and the DST and holiday cases by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.calendar_arithmetic import CalendarDuration, add_calendar, merge_windows, next_after
from services.ticketing.business_time import (
    Schedule,
    add_business,
    add_business_days,
    add_business_each,
    always_open,
    business_between,
    is_open,
    next_opening,
    skipped_dates,
)

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "UTC"]

# Windows of at least an hour and durations up to five days keep every search within the five-year horizon.
window = st.tuples(st.integers(0, 1380), st.integers(60, 1440)).filter(lambda w: w[0] + 60 <= w[1])
weekly = st.dictionaries(st.integers(0, 6), st.lists(window, min_size=1, max_size=3), min_size=1)


@st.composite
def schedules(draw):
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    days = {d: merge_windows(ws) for d, ws in draw(weekly).items()}
    closed = frozenset(draw(st.lists(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=5)))
    return Schedule(zone, days, closed)


instants = st.datetimes(datetime(2026, 1, 1), datetime(2026, 12, 31), timezones=st.just(UTC))
durations = st.integers(0, 60 * 24 * 5).map(lambda m: timedelta(minutes=m))
pauses = st.lists(st.tuples(instants, st.integers(1, 60 * 72).map(lambda m: timedelta(minutes=m))), max_size=3).map(
    lambda ps: [(a, a + d) for a, d in ps]
)
common = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(schedules(), instants, durations, durations)
def test_adding_a_then_b_equals_adding_a_plus_b(schedule, t, a, b):
    assert add_business(schedule, add_business(schedule, t, a), b) == add_business(schedule, t, a + b)


@common
@given(schedules(), instants, durations, pauses)
def test_business_time_between_t_and_t_plus_d_is_d(schedule, t, d, ps):
    assert business_between(schedule, t, add_business(schedule, t, d, ps), ps) == d


@common
@given(schedules(), instants, st.lists(durations, max_size=5), pauses)
def test_adding_several_durations_in_one_walk_equals_adding_each(schedule, t, ds, ps):
    assert add_business_each(schedule, t, ds, ps) == [add_business(schedule, t, d, ps) for d in ds]


@common
@given(
    schedules(),
    st.lists(st.dates(date(2026, 1, 1), date(2026, 12, 31)), max_size=4),
    instants,
    durations,
)
def test_skipped_dates_are_the_closed_dates_between_that_have_no_special_hours(schedule, special, t, d):
    schedule = Schedule(
        schedule.zone,
        schedule.weekly,
        schedule.closed | frozenset(special[:2]),
        {day: ((540, 600),) for day in special},
    )
    end = t + d
    first, last = t.astimezone(schedule.zone).date(), end.astimezone(schedule.zone).date()
    expected = sorted(day for day in schedule.closed if first <= day <= last and day not in schedule.special)
    assert skipped_dates(schedule, t, end) == [(day, "closed") for day in expected]


@common
@given(schedules(), instants, durations.filter(bool))
def test_results_never_fall_inside_a_closed_period(schedule, t, d):
    due = add_business(schedule, t, d)
    # The deadline is reached while the clock runs: just before it, the calendar is open.
    assert is_open(schedule, due - timedelta(microseconds=1))


@common
@given(schedules(), instants)
def test_next_opening_is_open_and_nothing_earlier_is(schedule, t):
    opening = next_opening(schedule, t)
    assert opening >= t and is_open(schedule, opening)
    assert business_between(schedule, t, opening) == timedelta(0)


@common
@given(st.sampled_from(ZONES), instants, durations, pauses)
def test_24x7_equals_wall_clock_arithmetic(zone, t, d, ps):
    schedule = always_open(zone)
    if not ps:
        assert add_business(schedule, t, d) == t + d
    assert business_between(schedule, t, t + d) == d


def _office(zone: str) -> Schedule:
    return Schedule(ZoneInfo(zone), {day: ((9 * 60, 17 * 60),) for day in range(5)})


@pytest.mark.parametrize(
    "zone, spring_forward_sunday, local_monday_open_utc",
    [
        ("Europe/Berlin", date(2026, 3, 29), datetime(2026, 3, 30, 7, tzinfo=UTC)),  # CEST = UTC+2
        ("America/New_York", date(2026, 3, 8), datetime(2026, 3, 9, 13, tzinfo=UTC)),  # EDT = UTC-4
        ("Australia/Sydney", date(2026, 10, 4), datetime(2026, 10, 4, 22, tzinfo=UTC)),  # AEDT = UTC+11
    ],
)
def test_opening_after_spring_forward_uses_the_new_offset(zone, spring_forward_sunday, local_monday_open_utc):
    schedule = _office(zone)
    friday_close = datetime.combine(
        spring_forward_sunday - timedelta(days=2), datetime.min.time(), ZoneInfo(zone)
    ).replace(hour=17)
    assert next_opening(schedule, friday_close.astimezone(UTC)) == local_monday_open_utc


def test_fall_back_day_has_one_extra_hour_in_a_night_window():
    # A 00:00–06:00 window on the night Berlin falls back (25 Oct 2026) lasts seven real hours.
    schedule = Schedule(ZoneInfo("Europe/Berlin"), {6: ((0, 360),)})
    start = datetime(2026, 10, 24, 22, tzinfo=UTC)  # Sunday 00:00 CEST
    assert business_between(schedule, start, start + timedelta(hours=10)) == timedelta(hours=7)


def test_spring_forward_day_loses_an_hour_in_a_night_window():
    schedule = Schedule(ZoneInfo("Europe/Berlin"), {6: ((0, 360),)})
    start = datetime(2026, 3, 28, 23, tzinfo=UTC)  # Sunday 00:00 CET
    assert business_between(schedule, start, start + timedelta(hours=10)) == timedelta(hours=5)


def test_a_year_of_german_holidays():
    days = holidays.country_holidays("DE", subdiv="BE", years=2026)
    schedule = Schedule(ZoneInfo("Europe/Berlin"), {d: ((9 * 60, 17 * 60),) for d in range(5)}, frozenset(days))
    start = datetime(2025, 12, 31, 23, tzinfo=UTC)
    end = datetime(2026, 12, 31, 23, tzinfo=UTC)
    weekdays = sum(1 for i in range(365) if (date(2026, 1, 1) + timedelta(days=i)).weekday() < 5)
    weekday_holidays = sum(1 for d in days if d.weekday() < 5)
    assert business_between(schedule, start, end) == timedelta(hours=8 * (weekdays - weekday_holidays))
    # Good Friday and Easter Monday 2026 (3 and 6 April) are skipped: Thursday 16:00 + 2 h → Tuesday 10:00.
    thursday = datetime(2026, 4, 2, 14, tzinfo=UTC)
    assert add_business(schedule, thursday, timedelta(hours=2)) == datetime(2026, 4, 7, 8, tzinfo=UTC)


def test_pauses_remove_only_business_time_inside_them():
    schedule = _office("UTC")
    start = datetime(2026, 6, 1, 9, tzinfo=UTC)  # Monday
    pause = [(datetime(2026, 6, 1, 16, tzinfo=UTC), datetime(2026, 6, 2, 10, tzinfo=UTC))]  # 1 h + 1 h of hours
    assert add_business(schedule, start, timedelta(hours=8), pause) == datetime(2026, 6, 2, 11, tzinfo=UTC)


def test_windows_are_merged_and_must_fit_in_a_day():
    assert merge_windows([(600, 720), (540, 600), (800, 900), (850, 1000)]) == ((540, 720), (800, 1000))
    with pytest.raises(ValueError):
        merge_windows([(1380, 1500)])


# ---------------------------------------------------------------- calendar durations and business days (issue 9)

PARIS = ZoneInfo("Europe/Paris")
P3M = CalendarDuration(months=3)


def _paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    "anchor, n, expected",
    [
        (_paris(2026, 3, 1), 1, _paris(2026, 6, 1)),  # across the spring DST change: still midnight local
        (_paris(2026, 8, 31), 1, _paris(2026, 11, 30)),
        (_paris(2026, 8, 31), 2, _paris(2027, 2, 28)),
        (_paris(2026, 8, 31), 3, _paris(2027, 5, 31)),  # from the anchor: 31 May, not 28 May
        (_paris(2027, 8, 31), 2, _paris(2028, 2, 29)),  # leap year
        (_paris(2026, 1, 31), 4, _paris(2027, 1, 31)),
    ],
)
def test_calendar_cadence_counts_from_the_anchor_in_local_time(anchor, n, expected):
    assert add_calendar(anchor, P3M, PARIS, n) == expected.astimezone(UTC)


def test_days_keep_the_local_time_across_dst_and_hours_are_exact():
    start = _paris(2026, 3, 20, 15)
    assert add_calendar(start, CalendarDuration(days=10), PARIS) == _paris(2026, 3, 30, 15).astimezone(UTC)
    assert add_calendar(start, CalendarDuration(days=10), PARIS) - start == timedelta(days=10, hours=-1)
    assert add_calendar(start, CalendarDuration(exact=timedelta(hours=240)), PARIS) - start == timedelta(hours=240)


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31)),
    st.integers(min_value=1, max_value=24),
    st.integers(min_value=1, max_value=60),
)
@settings(max_examples=200, deadline=None)
def test_cadence_dates_are_anchor_plus_n_months_and_next_after_finds_the_first(naive, months, n):
    anchor = naive.replace(tzinfo=PARIS)
    cadence = CalendarDuration(months=months)
    at = add_calendar(anchor, cadence, PARIS, n).astimezone(PARIS)
    index = anchor.month - 1 + months * n
    assert (at.year, at.month) == (anchor.year + index // 12, index % 12 + 1)
    assert at.day == min(anchor.day, (date(at.year + at.month // 12, at.month % 12 + 1, 1) - timedelta(days=1)).day)
    # The first date strictly after a cycle date is the next one, wherever the count starts.
    assert next_after(anchor, cadence, PARIS, at) == add_calendar(anchor, cadence, PARIS, n + 1)
    assert next_after(anchor, cadence, PARIS, at - timedelta(microseconds=1)) == at


def test_business_days_skip_weekends_and_holidays_at_the_same_local_time():
    weekdays = {d: ((540, 1020),) for d in range(5)}
    schedule = Schedule(ZoneInfo("Europe/Berlin"), weekdays, frozenset({date(2026, 12, 25), date(2026, 12, 28)}))
    start = datetime(2026, 12, 18, 16, tzinfo=ZoneInfo("Europe/Berlin"))  # a Friday
    # Mon 21, Tue 22, Wed 23, Thu 24, (Fri 25 holiday), (weekend), (Mon 28 closed), Tue 29, Wed 30, Thu 31, Fri 1 …
    assert add_business_days(schedule, start, 4) == datetime(2026, 12, 24, 16, tzinfo=ZoneInfo("Europe/Berlin"))
    assert add_business_days(schedule, start, 5) == datetime(2026, 12, 29, 16, tzinfo=ZoneInfo("Europe/Berlin"))
    assert add_business_days(always_open("UTC"), datetime(2026, 1, 1, tzinfo=UTC), 10) == datetime(
        2026, 1, 11, tzinfo=UTC
    )
