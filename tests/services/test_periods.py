"""Report periods: unambiguous identifiers, bounds in the agreement's zone across DST, and the previous period."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.periods import Frequency, Period, ReportPeriod


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("2026-W48", Frequency.WEEKLY),
        ("2026-11", Frequency.MONTHLY),
        ("2026-Q4", Frequency.QUARTERLY),
        ("2026", Frequency.YEARLY),
    ],
)
def test_each_identifier_names_one_kind_of_period(text, frequency):
    period = ReportPeriod.parse(text)
    assert period.frequency == frequency and str(period) == text


@pytest.mark.parametrize(
    "text", ["2026-W54", "2025-W53", "2026-W00", "2026-Q5", "2026-Q0", "2026-13", "26", "2026-q4", ""]
)
def test_malformed_or_missing_periods_are_refused(text):
    with pytest.raises(ValueError):
        ReportPeriod.parse(text)


def test_a_quarter_in_berlin_runs_from_summer_to_winter_time():
    # 1 October 00:00 CEST (UTC+2) to 1 January 00:00 CET (UTC+1).
    assert ReportPeriod.parse("2026-Q4").bounds("Europe/Berlin") == (
        datetime(2026, 9, 30, 22, tzinfo=UTC),
        datetime(2026, 12, 31, 23, tzinfo=UTC),
    )
    assert ReportPeriod.parse("2026-Q4").months() == [Period(2026, 10), Period(2026, 11), Period(2026, 12)]


def test_iso_weeks_and_years():
    # 2026 has 53 ISO weeks: week 53 runs Monday 28 December to Sunday 3 January 2027.
    week = ReportPeriod.parse("2026-W53")
    assert week.bounds("UTC") == (datetime(2026, 12, 28, tzinfo=UTC), datetime(2027, 1, 4, tzinfo=UTC))
    assert ReportPeriod.parse("2027-W01").previous() == week and week.months() == []
    assert ReportPeriod.containing(datetime(2027, 1, 2, 12, tzinfo=UTC), "UTC", "P1W") == week
    year = ReportPeriod.parse("2026")
    assert year.previous() == ReportPeriod(Frequency.YEARLY, 2025) and len(year.months()) == 12


def test_the_previous_period_of_each_frequency():
    # 23:30 UTC on 31 December is already Friday 1 January in Berlin: still in ISO week 2026-W53, so the last complete
    # week is W52.
    at = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert [str(ReportPeriod.containing(at, "Europe/Berlin", f).previous()) for f in Frequency] == [
        "2026-W52",
        "2026-12",
        "2026-Q4",
        "2026",
    ]
    assert str(ReportPeriod.containing(at, "UTC", Frequency.QUARTERLY).previous()) == "2026-Q3"
