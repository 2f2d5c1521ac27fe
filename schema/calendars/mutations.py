"""One mutation per REST write on `/v1/calendars`: create, update and delete a calendar.

Each parses its input into the service's own input struct, calls one use case of `services.ticketing.calendars` inside
`in_transaction` (commit on success, roll back and answer a typed error otherwise). Windows, holidays and dated
entries are checked there, naming the offending field (`weeklyWindows.mon[0].end`); who may edit which calendar
(the owner; shared ones the operator; the built-in 24×7 nobody) is decided there too.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, Any

import msgspec
import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db.values import Scope
from schema.calendars.types import Calendar
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.transactions import in_transaction
from services.errors import InvalidInput
from services.ticketing import calendars as calendar_service

WRITE = [requires_scope(Scope.AGREEMENTS_WRITE)]
EXPECTED_VERSION = "The calendar's `version` as last read; the change is refused if it moved on since."
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HHMM = "HH:MM local time; 24:00 only ends a window. A window may not cross midnight: split it."


@strawberry.input(description="One opening window. " + HHMM)
class TimeWindowInput:
    start: str
    end: str


@strawberry.input(
    description="Opening windows per weekday; several per day allowed, overlapping or adjacent ones "
    "are merged. A day left out is closed."
)
class WeeklyWindowsInput:
    mon: list[TimeWindowInput] = strawberry.field(default_factory=list)
    tue: list[TimeWindowInput] = strawberry.field(default_factory=list)
    wed: list[TimeWindowInput] = strawberry.field(default_factory=list)
    thu: list[TimeWindowInput] = strawberry.field(default_factory=list)
    fri: list[TimeWindowInput] = strawberry.field(default_factory=list)
    sat: list[TimeWindowInput] = strawberry.field(default_factory=list)
    sun: list[TimeWindowInput] = strawberry.field(default_factory=list)


@strawberry.input(description="Public holidays from the `holidays` package.")
class HolidayCalendarInput:
    country: str = strawberry.field(description="ISO 3166-1 alpha-2, e.g. FR.")
    subdivision: str | None = None


@strawberry.input(description="A date closed all day.")
class ClosureInput:
    date: str = strawberry.field(description="YYYY-MM-DD.")
    reason: str | None = None


@strawberry.input(description="A date with its own opening windows.")
class SpecialHoursInput:
    date: str = strawberry.field(description="YYYY-MM-DD.")
    windows: list[TimeWindowInput]
    reason: str | None = None


@strawberry.input
class CreateCalendarInput:
    name: str
    timezone: str = strawberry.field(description="IANA time zone, e.g. Europe/Paris.")
    weekly_windows: WeeklyWindowsInput = strawberry.field(default_factory=WeeklyWindowsInput)
    holidays: HolidayCalendarInput | None = None
    closures: list[ClosureInput] = strawberry.field(default_factory=list)
    special_hours: list[SpecialHoursInput] = strawberry.field(default_factory=list)


@strawberry.input(
    description="Only the fields given change; a field given replaces the stored one wholly. "
    "`holidays: null` removes the holidays."
)
class UpdateCalendarInput:
    name: str | None = strawberry.UNSET
    timezone: str | None = strawberry.UNSET
    weekly_windows: WeeklyWindowsInput | None = strawberry.UNSET
    holidays: HolidayCalendarInput | None = strawberry.UNSET
    closures: list[ClosureInput] | None = strawberry.UNSET
    special_hours: list[SpecialHoursInput] | None = strawberry.UNSET


@strawberry.type
class CreateCalendarPayload:
    calendar: Calendar


@strawberry.type
class UpdateCalendarPayload:
    calendar: Calendar


@strawberry.type
class DeleteCalendarPayload:
    deleted_id: uuid.UUID = strawberry.field(description="The calendar that no longer exists.")


def _result(payload: type, name: str) -> Any:
    return Annotated[payload | MutationError, strawberry.union(name)]


CreateCalendarResult = _result(CreateCalendarPayload, "CreateCalendarResult")
UpdateCalendarResult = _result(UpdateCalendarPayload, "UpdateCalendarResult")
DeleteCalendarResult = _result(DeleteCalendarPayload, "DeleteCalendarResult")

# ---------------------------------------------------------------- GraphQL input → the service's structs


def _windows(windows: list[TimeWindowInput]) -> list[calendar_service.WindowInput]:
    return [calendar_service.WindowInput(start=w.start, end=w.end) for w in windows]


def _weekly(weekly: WeeklyWindowsInput) -> calendar_service.WeeklyWindows:
    return calendar_service.WeeklyWindows(**{day: _windows(getattr(weekly, day)) for day in calendar_service.WEEKDAYS})


def _holidays(holidays: HolidayCalendarInput | None) -> calendar_service.HolidaysInput | None:
    if holidays is None:
        return None
    return calendar_service.HolidaysInput(country=holidays.country, subdivision=holidays.subdivision)


def _date(value: str, field: str) -> date:
    # REST's body decoding refuses a bad date before the service sees it; here it becomes a field problem.
    try:
        if ISO_DATE.fullmatch(value):  # date.fromisoformat also reads 20261224 and 2026-W52-4
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InvalidInput(f"{field} must be a date such as 2026-12-24, got {value!r}", field=field)


def _closures(closures: list[ClosureInput]) -> list[calendar_service.ClosureInput]:
    return [
        calendar_service.ClosureInput(date=_date(c.date, f"closures[{i}].date"), reason=c.reason)
        for i, c in enumerate(closures)
    ]


def _special_hours(special: list[SpecialHoursInput]) -> list[calendar_service.SpecialHoursInput]:
    return [
        calendar_service.SpecialHoursInput(
            date=_date(s.date, f"special_hours[{i}].date"), windows=_windows(s.windows), reason=s.reason
        )
        for i, s in enumerate(special)
    ]


def _creation(input: CreateCalendarInput) -> calendar_service.CalendarInput:
    return calendar_service.CalendarInput(
        name=input.name,
        timezone=input.timezone,
        weekly_windows=_weekly(input.weekly_windows),
        holidays=_holidays(input.holidays),
        closures=_closures(input.closures),
        special_hours=_special_hours(input.special_hours),
    )


def _given(value: Any, field: str, convert: Any = lambda value: value) -> Any:
    """Left out → unchanged; null is refused (only `holidays` can be cleared, and it is handled apart)."""
    if value is strawberry.UNSET:
        return msgspec.UNSET
    if value is None:
        raise InvalidInput(f"{field} cannot be null; leave it out to keep it unchanged", field=field)
    return convert(value)


def _update(input: UpdateCalendarInput) -> calendar_service.CalendarUpdate:
    return calendar_service.CalendarUpdate(
        name=_given(input.name, "name"),
        timezone=_given(input.timezone, "timezone"),
        weekly_windows=_given(input.weekly_windows, "weekly_windows", _weekly),
        holidays=msgspec.UNSET if input.holidays is strawberry.UNSET else _holidays(input.holidays),
        closures=_given(input.closures, "closures", _closures),
        special_hours=_given(input.special_hours, "special_hours", _special_hours),
    )


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(
        description="Create a calendar for the caller's party (the operator's are shared with every party).",
        extensions=WRITE,
    )
    async def create_calendar(self, info: strawberry.Info, input: CreateCalendarInput) -> CreateCalendarResult:
        async def use_case(session: AsyncSession) -> CreateCalendarPayload:
            calendar = await calendar_service.create_calendar(
                session, actor_of(info), _creation(input), now=info.context.now
            )
            return CreateCalendarPayload(calendar=Calendar.of(calendar))

        return await in_transaction(info, use_case)

    @strawberry.mutation(
        description="Change a calendar of the caller's party (shared ones: the operator). Deadlines "
        "already computed are not recomputed.",
        extensions=WRITE,
    )
    async def update_calendar(
        self,
        info: strawberry.Info,
        id: uuid.UUID,
        input: UpdateCalendarInput,
        expected_version: Annotated[int | None, strawberry.argument(description=EXPECTED_VERSION)] = None,
    ) -> UpdateCalendarResult:
        async def use_case(session: AsyncSession) -> UpdateCalendarPayload:
            calendar = await calendar_service.update_calendar(
                session, actor_of(info), id, _update(input), expected_version=expected_version, now=info.context.now
            )
            return UpdateCalendarPayload(calendar=Calendar.of(calendar))

        return await in_transaction(info, use_case)

    @strawberry.mutation(description="Delete a calendar no clause refers to.", extensions=WRITE)
    async def delete_calendar(self, info: strawberry.Info, id: uuid.UUID) -> DeleteCalendarResult:
        async def use_case(session: AsyncSession) -> DeleteCalendarPayload:
            await calendar_service.delete_calendar(session, actor_of(info), id)
            return DeleteCalendarPayload(deleted_id=id)

        return await in_transaction(info, use_case)
