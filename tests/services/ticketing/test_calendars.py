"""Calendars: window checks and merging, holiday validation, building schedules, and resolving which schedule a
target runs on (services/ticketing/calendars.py)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import msgspec
import pytest

from db.models import Calendar, Clause
from services.actors import PARTY_SCOPES, Actor
from services.agreements.clause_terms import validate_terms
from services.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionFailed
from services.ticketing import calendars as calendars
from services.ticketing.business_time import add_business, next_opening, skipped_dates
from services.ticketing.calendars import (
    DEFAULT_CALENDAR_ID,
    CalendarInput,
    CalendarUpdate,
    HolidaysInput,
    WeeklyWindows,
    WindowInput,
    check_dated,
    check_holidays,
    check_weekly,
    check_windows,
    holiday_dates,
    resolve_schedule,
    schedule_from_calendar,
    schedule_from_terms,
)
from services.ticketing.views import CalendarUsed, ClosedDate
from tests.flows import OPERATOR

YEARS = range(2026, 2028)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def windows(*pairs: tuple[str, str]) -> list[WindowInput]:
    return [WindowInput(start, end) for start, end in pairs]


def calendar_input(**changes) -> CalendarInput:
    body = {
        "name": "Office hours",
        "timezone": "Europe/Berlin",
        "weekly_windows": {day: [{"start": "09:00", "end": "17:00"}] for day in ("mon", "tue", "wed", "thu", "fri")},
        **changes,
    }
    return msgspec.convert(body, CalendarInput)


def field_of(error: InvalidInput) -> str:
    assert error.status == 422 and error.code == "invalid_input"
    return error.problems[0].field


# ---------------------------------------------------------------- windows


def test_overlapping_and_adjacent_windows_are_merged_and_sorted():
    merged = check_windows(
        windows(("13:00", "17:00"), ("08:00", "10:00"), ("10:00", "12:00"), ("11:30", "12:30"), ("16:00", "18:00")),
        field="w",
    )
    assert merged == ((480, 750), (780, 1080))


def test_weekly_windows_are_stored_merged_with_every_weekday():
    days = check_weekly(
        WeeklyWindows(mon=windows(("09:00", "12:00"), ("12:00", "24:00")), sat=windows(("00:00", "24:00")))
    )
    assert days["mon"] == [{"start": "09:00", "end": "24:00"}]
    assert days["sat"] == [{"start": "00:00", "end": "24:00"}]
    assert days["sun"] == [] and list(days) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ("25:00", "26:00", "weekly_windows.tue[0].start", "between 00:00 and 24:00"),
        ("09:00", "24:30", "weekly_windows.tue[0].end", "between 00:00 and 24:00"),
        ("24:00", "24:00", "weekly_windows.tue[0].start", "24:00 only ends a window"),
        ("9:00", "17:00", "weekly_windows.tue[0].start", "HH:MM"),
        ("09:60", "17:00", "weekly_windows.tue[0].start", "HH:MM"),
        ("-1:00", "17:00", "weekly_windows.tue[0].start", "HH:MM"),
        ("22:00", "02:00", "weekly_windows.tue[0].end", "split it into 22:00–24:00 and 00:00–02:00 on wed"),
        ("10:00", "10:00", "weekly_windows.tue[0].end", "end after it starts"),
    ],
)
def test_bad_windows_name_the_field(start, end, field, words):
    with pytest.raises(InvalidInput) as caught:
        check_weekly(WeeklyWindows(tue=windows((start, end))))
    assert field_of(caught.value) == field
    assert words in caught.value.message


def test_a_sunday_window_crossing_midnight_says_to_continue_on_monday():
    with pytest.raises(InvalidInput, match="on mon"):
        check_weekly(WeeklyWindows(sun=windows(("20:00", "04:00"))))


def test_schedule_clause_windows_are_merged_on_write_too():
    terms = validate_terms(
        "schedule",
        {
            "timezone": "UTC",
            "weekly_windows": {
                "mon": [
                    {"start": "12:00", "end": "14:00"},
                    {"start": "08:00", "end": "12:00"},
                    {"start": "15:00", "end": "16:00"},
                    {"start": "15:30", "end": "17:00"},
                ]
            },
        },
    )
    assert terms["weekly_windows"]["mon"] == [{"start": "08:00", "end": "14:00"}, {"start": "15:00", "end": "17:00"}]


# ---------------------------------------------------------------- holidays


def test_known_country_and_subdivision_pass():
    assert check_holidays(HolidaysInput("DE", "BY")) == ("DE", "BY")
    assert check_holidays(HolidaysInput("FR")) == ("FR", None)
    assert check_holidays(None) == (None, None)


@pytest.mark.parametrize(
    ("country", "subdivision", "field", "words"),
    [
        ("XX", None, "holidays.country", "'XX'"),
        ("de", None, "holidays.country", "'de'"),
        ("DE", "ZZ", "holidays.subdivision", "'ZZ'"),
        ("FR", "Provence and beyond", "holidays.subdivision", "16 characters"),
    ],
)
def test_unknown_holiday_regions_name_the_field(country, subdivision, field, words):
    with pytest.raises(InvalidInput) as caught:
        check_holidays(HolidaysInput(country, subdivision))
    assert field_of(caught.value) == field
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("holidays", "field"),
    [
        ({"country": "XX"}, "terms.holidays.country"),
        ({"country": "DE", "subdivision": "ZZ"}, "terms.holidays.subdivision"),
    ],
)
def test_schedule_clauses_check_holiday_regions_with_the_holidays_package(holidays, field):
    with pytest.raises(InvalidInput) as caught:
        validate_terms("schedule", {"timezone": "Europe/Berlin", "holidays": holidays})
    assert field_of(caught.value) == field


def test_holiday_dates_are_named_and_cached():
    french = holiday_dates("FR", None, range(2026, 2027))
    assert french[date(2026, 7, 14)] == "National Day"
    assert date(2026, 11, 11) in french and all(d.year == 2026 for d in french)
    # Berlin has International Women's Day, Bavaria does not.
    assert date(2026, 3, 8) in holiday_dates("DE", "BE", [2026])
    assert date(2026, 3, 8) not in holiday_dates("DE", "BY", [2026])
    before = calendars._holidays.cache_info().hits
    french[date(2026, 1, 2)] = "mutated by a caller"
    assert date(2026, 1, 2) not in holiday_dates("FR", None, range(2026, 2027))
    assert calendars._holidays.cache_info().hits == before + 1


# ---------------------------------------------------------------- closures and special hours


def test_closures_and_special_hours_are_one_dated_list():
    entries = check_dated(
        [msgspec.convert({"date": "2026-12-24", "reason": "Christmas Eve"}, calendars.ClosureInput)],
        [
            msgspec.convert(
                {
                    "date": "2026-12-31",
                    "windows": [{"start": "10:00", "end": "12:00"}, {"start": "09:00", "end": "10:30"}],
                },
                calendars.SpecialHoursInput,
            )
        ],
    )
    assert entries == [
        {"date": "2026-12-24", "reason": "Christmas Eve"},
        {"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}]},
    ]


@pytest.mark.parametrize(
    ("closures", "special", "field"),
    [
        ([{"date": "2026-12-24"}, {"date": "2026-12-24"}], [], "closures[1].date"),
        (
            [{"date": "2026-12-24"}],
            [{"date": "2026-12-24", "windows": [{"start": "09:00", "end": "12:00"}]}],
            "special_hours[0].date",
        ),
        ([], [{"date": "2026-12-31", "windows": []}], "special_hours[0].windows"),
        (
            [],
            [{"date": "2026-12-31", "windows": [{"start": "23:00", "end": "01:00"}]}],
            "special_hours[0].windows[0].end",
        ),
        ([{"date": "2026-12-24", "reason": "x" * 201}], [], "closures[0].reason"),
    ],
)
def test_bad_dated_entries_name_the_field(closures, special, field):
    with pytest.raises(InvalidInput) as caught:
        check_dated(
            msgspec.convert(closures, list[calendars.ClosureInput]),
            msgspec.convert(special, list[calendars.SpecialHoursInput]),
        )
    assert field_of(caught.value) == field


# ---------------------------------------------------------------- schedules


def stored(data: CalendarInput):
    """A Calendar row as create_calendar would store it, without a database."""
    return Calendar(
        id=uuid.uuid4(),
        name=data.name,
        timezone=data.timezone,
        weekly_windows={"days": check_weekly(data.weekly_windows), "version": 1},
        holiday_country=data.holidays.country if data.holidays else None,
        holiday_subdivision=data.holidays.subdivision if data.holidays else None,
        closures=check_dated(data.closures, data.special_hours),
    )


def test_a_holiday_and_a_closure_close_their_dates_and_special_hours_override():
    data = calendar_input(
        holidays={"country": "DE", "subdivision": "BE"},
        closures=[{"date": "2026-12-28", "reason": "Inventory"}],
        special_hours=[
            {"date": "2026-12-24", "windows": [{"start": "09:00", "end": "12:00"}], "reason": "Christmas Eve"},
            {"date": "2026-12-25", "windows": [{"start": "10:00", "end": "11:00"}]},
        ],
    )
    schedule = schedule_from_calendar(stored(data), YEARS)
    assert schedule.windows_on(date(2026, 10, 2)) == ((540, 1020),)  # an ordinary Friday
    assert schedule.windows_on(date(2026, 10, 3)) == ()  # German Unity Day (and a Saturday)
    assert schedule.windows_on(date(2026, 5, 1)) == ()  # Labour Day, a Friday
    assert schedule.names[date(2026, 5, 1)] == "Labor Day"
    assert schedule.windows_on(date(2026, 12, 28)) == ()  # the closure, a Monday
    assert schedule.names[date(2026, 12, 28)] == "Inventory"
    assert schedule.windows_on(date(2026, 12, 24)) == ((540, 720),)  # special hours on an ordinary Thursday
    assert schedule.windows_on(date(2026, 12, 25)) == ((600, 660),)  # special hours beat the Christmas holiday
    # From Wednesday 23 Dec 16:00 Berlin, 3 business hours: 1 h on the 23rd, 2 h on the morning of the 24th.
    due = add_business(schedule, datetime(2026, 12, 23, 15, 0, tzinfo=UTC), timedelta(hours=3))
    assert due == datetime(2026, 12, 24, 10, 0, tzinfo=UTC)
    # Friday 1 May is skipped, with its name, for explanations.
    due = add_business(schedule, datetime(2026, 4, 30, 14, 0, tzinfo=UTC), timedelta(hours=2))
    assert due == datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    assert skipped_dates(schedule, datetime(2026, 4, 30, 14, 0, tzinfo=UTC), due) == [(date(2026, 5, 1), "Labor Day")]


def test_dst_a_berlin_nine_to_five_opens_at_seven_utc_after_spring_forward():
    schedule = schedule_from_calendar(stored(calendar_input()), YEARS)
    # Monday 30 March 2026, the day after the clocks went forward: 09:00 CEST is 07:00 UTC.
    assert next_opening(schedule, datetime(2026, 3, 30, 0, 0, tzinfo=UTC)) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    # The Friday before, still CET: 09:00 is 08:00 UTC.
    assert next_opening(schedule, datetime(2026, 3, 27, 0, 0, tzinfo=UTC)) == datetime(2026, 3, 27, 8, 0, tzinfo=UTC)


def test_schedule_from_inline_terms():
    terms = validate_terms(
        "schedule",
        {
            "timezone": "Europe/Paris",
            "weekly_windows": {"fri": [{"start": "09:00", "end": "17:00"}]},
            "holidays": {"country": "FR"},
            "closures": [{"date": "2026-11-13", "reason": "Team day"}],
        },
    )
    schedule = schedule_from_terms(terms, YEARS)
    assert str(schedule.zone) == "Europe/Paris"
    assert schedule.windows_on(date(2026, 11, 6)) == ((540, 1020),)
    assert schedule.windows_on(date(2026, 11, 13)) == ()
    assert schedule.names[date(2026, 11, 13)] == "Team day"
    assert date(2026, 7, 14) in schedule.closed
    assert schedule.windows_on(date(2026, 11, 9)) == ()  # no Monday hours
    with pytest.raises(ValueError, match="resolve_schedule"):
        schedule_from_terms({"calendar_id": str(uuid.uuid4())}, YEARS)


# ---------------------------------------------------------------- use cases


def party_actor(party_id: uuid.UUID) -> Actor:
    return Actor(party_id=party_id, scopes=frozenset(PARTY_SCOPES))


async def test_owner_isolation_and_the_builtin_calendar(world, session):
    acme, globex = await world.party("Acme"), await world.party("Globex")
    mine = await calendars.create_calendar(session, party_actor(acme.id), calendar_input(), now=NOW)
    shared = await calendars.create_calendar(session, OPERATOR, calendar_input(name="Shared"), now=NOW)
    assert mine.owner_party_id == acme.id and shared.owner_party_id is None
    with pytest.raises(NotFound) as other:
        await calendars.get_calendar(session, party_actor(globex.id), mine.id)
    with pytest.raises(NotFound) as unknown:
        await calendars.get_calendar(session, party_actor(globex.id), uuid.uuid4())
    assert str(other.value) == str(unknown.value)
    with pytest.raises(NotFound):
        await calendars.update_calendar(
            session, party_actor(globex.id), mine.id, CalendarUpdate(name="x"), expected_version=None, now=NOW
        )
    with pytest.raises(Forbidden):
        await calendars.update_calendar(
            session, party_actor(globex.id), shared.id, CalendarUpdate(name="x"), expected_version=None, now=NOW
        )
    items, _ = await calendars.list_calendars(session, party_actor(globex.id))
    assert [c.id for c in items] == [DEFAULT_CALENDAR_ID, shared.id]
    builtin = await calendars.get_calendar(session, party_actor(globex.id), DEFAULT_CALENDAR_ID)
    assert calendars.calendar_view(builtin).builtin is True
    for call in (
        calendars.delete_calendar(session, OPERATOR, DEFAULT_CALENDAR_ID),
        calendars.update_calendar(
            session, OPERATOR, DEFAULT_CALENDAR_ID, CalendarUpdate(name="x"), expected_version=None, now=NOW
        ),
    ):
        with pytest.raises(Conflict, match="read-only"):
            await call


async def test_updates_check_everything_before_applying_and_bump_the_version(world, session):
    acme = await world.party("Acme")
    actor = party_actor(acme.id)
    calendar = await calendars.create_calendar(
        session, actor, calendar_input(closures=[{"date": "2026-12-24"}]), now=NOW
    )
    with pytest.raises(InvalidInput):
        await calendars.update_calendar(
            session,
            actor,
            calendar.id,
            CalendarUpdate(name="Renamed", holidays=HolidaysInput("XX")),
            expected_version=1,
            now=NOW,
        )
    assert calendar.name == "Office hours" and calendars.calendar_version(calendar) == 1
    later = NOW + timedelta(hours=1)
    updated = await calendars.update_calendar(
        session,
        actor,
        calendar.id,
        msgspec.convert(
            {"special_hours": [{"date": "2026-12-31", "windows": [{"start": "09:00", "end": "12:00"}]}]}, CalendarUpdate
        ),
        expected_version=1,
        now=later,
    )
    view = calendars.calendar_view(updated)
    assert view.version == 2 and view.updated_at == later
    assert view.closures == [ClosedDate(date="2026-12-24", reason=None)]  # kept
    assert view.special_hours[0].date == "2026-12-31"
    with pytest.raises(PreconditionFailed):
        await calendars.update_calendar(
            session, actor, calendar.id, CalendarUpdate(name="Stale"), expected_version=1, now=later
        )


async def test_a_calendar_named_by_a_clause_cannot_be_deleted(deal, world, session, client):
    acme = deal.provider
    calendar = await calendars.create_calendar(session, party_actor(acme.id), calendar_input(), now=NOW)
    await session.commit()
    by_target = {
        "key": "levels",
        "kind": "service_level",
        "title": "Levels",
        "terms": {
            "targets": [
                {"metric": "first_response", "duration": "PT1H"},
                {"metric": "resolution", "duration": "PT8H", "calendar": str(calendar.id)},
            ]
        },
    }
    by_schedule = {"key": "hours", "kind": "schedule", "title": "Hours", "terms": {"calendar_id": str(calendar.id)}}
    for version, clauses in enumerate(([by_target], [by_schedule]), start=1):
        response = await client.patch(
            f"/v1/agreements/{deal.agreement_id}",
            json={"clauses": clauses},
            headers={**deal.h["provider"], "If-Match": f'"{version}"'},
        )
        assert response.status_code == 200, response.text
        with pytest.raises(Conflict, match="referenced by 1 clause"):
            await calendars.delete_calendar(session, party_actor(acme.id), calendar.id)
    await client.patch(
        f"/v1/agreements/{deal.agreement_id}", json={"clauses": []}, headers={**deal.h["provider"], "If-Match": '"3"'}
    )
    await calendars.delete_calendar(session, party_actor(acme.id), calendar.id)
    with pytest.raises(NotFound):
        await calendars.get_calendar(session, party_actor(acme.id), calendar.id)


# ---------------------------------------------------------------- resolve_schedule


def clause(key: str, kind: str, terms: dict, title: str = "Service hours") -> Clause:
    return Clause(id=uuid.uuid4(), key=key, kind=kind, title=title, terms=terms, position=0)


INLINE = clause(
    "office", "schedule", {"timezone": "Europe/Paris", "weekly_windows": {"mon": [{"start": "09:00", "end": "17:00"}]}}
)
WEEKEND = clause(
    "weekend",
    "schedule",
    {"timezone": "Asia/Tokyo", "weekly_windows": {"sat": [{"start": "10:00", "end": "14:00"}]}},
    "Weekend",
)
LEVELS = clause("response-times", "service_level", {"targets": []})


async def test_resolve_none_takes_the_first_schedule_clause(session):
    schedule, used = await resolve_schedule(session, None, [LEVELS, INLINE, WEEKEND], "Europe/Berlin", YEARS)
    assert used == CalendarUsed(kind="schedule_clause", key="office", name="Service hours", timezone="Europe/Paris")
    assert schedule.windows_on(date(2026, 11, 9)) == ((540, 1020),)


async def test_resolve_none_without_a_schedule_clause_is_24x7_in_the_agreement_zone(session):
    schedule, used = await resolve_schedule(session, None, [LEVELS], "America/New_York", YEARS)
    assert used == CalendarUsed(kind="24x7", id=DEFAULT_CALENDAR_ID, name="24×7", timezone="America/New_York")
    assert str(schedule.zone) == "America/New_York" and schedule.windows_on(date(2026, 12, 25)) == ((0, 1440),)


@pytest.mark.parametrize("reference", ["24x7", str(DEFAULT_CALENDAR_ID)])
async def test_resolve_24x7(reference, session):
    t = datetime(2026, 12, 25, 3, 0, tzinfo=UTC)
    schedule, used = await resolve_schedule(session, reference, [INLINE], "Europe/Berlin", YEARS)
    assert used.kind == "24x7" and used.timezone == "Europe/Berlin"
    assert add_business(schedule, t, timedelta(hours=30)) == t + timedelta(hours=30)


async def test_resolve_a_schedule_clause_by_key(session):
    schedule, used = await resolve_schedule(session, "weekend", [INLINE, WEEKEND], "Europe/Berlin", YEARS)
    assert used == CalendarUsed(kind="schedule_clause", key="weekend", name="Weekend", timezone="Asia/Tokyo")
    assert schedule.windows_on(date(2026, 11, 14)) == ((600, 840),)


async def test_resolve_a_calendar_by_id_whoever_owns_it(world, session):
    acme = await world.party("Acme")
    calendar = await calendars.create_calendar(
        session, party_actor(acme.id), calendar_input(holidays={"country": "DE"}), now=NOW
    )
    schedule, used = await resolve_schedule(session, str(calendar.id), [INLINE], "UTC", YEARS)
    assert used == CalendarUsed(kind="calendar", id=calendar.id, name="Office hours", timezone="Europe/Berlin")
    assert date(2026, 10, 3) in schedule.closed
    # A schedule clause that names the calendar.
    by_clause = clause("hours", "schedule", {"calendar_id": str(calendar.id)})
    schedule, used = await resolve_schedule(session, None, [by_clause], "UTC", YEARS)
    assert used == CalendarUsed(
        kind="schedule_clause", key="hours", name="Service hours", calendar_id=calendar.id, timezone="Europe/Berlin"
    )
    assert schedule.windows_on(date(2026, 10, 2)) == ((540, 1020),)


@pytest.mark.parametrize("reference", ["nights", str(uuid.uuid4()), "response-times"])
async def test_resolve_a_reference_that_names_nothing(reference, session):
    with pytest.raises(InvalidInput) as caught:
        await resolve_schedule(session, reference, [LEVELS, INLINE], "UTC", YEARS)
    assert field_of(caught.value) == "calendar"


async def test_resolve_a_clause_naming_a_missing_calendar(session):
    dangling = clause("hours", "schedule", {"calendar_id": str(uuid.uuid4())})
    with pytest.raises(InvalidInput) as caught:
        await resolve_schedule(session, "hours", [dangling], "UTC", YEARS)
    assert field_of(caught.value) == "calendar"
